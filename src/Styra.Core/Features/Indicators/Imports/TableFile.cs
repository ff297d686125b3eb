using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ExcelDataReader;
using Sylvan.Data.Csv;

namespace Styra.Features.Indicators.Imports;

/// <summary>One data row of a table file: where it is ("row 4", "sheet 'Blad1', row 4"), where a column's cell is, and a column's text.</summary>
internal sealed record TableRow(string Where, Func<string, string> Locate, Func<string, string?> Cell);

/// <summary>
/// Reads a table of records from CSV (semicolon or comma, UTF-8 with or without BOM) or Excel (.xlsx, the first sheet):
/// a header row naming the columns, then one record per row. The importer maps the header to its own fields; the reader
/// yields each row with its cells by field. Both formats read alike: empty trailing header cells (a trailing separator,
/// formatted but empty Excel columns) are dropped, and rows whose cells are all blank (Excel writes ";;;;" rows at the
/// end of a CSV) are skipped.
/// </summary>
internal static class TableFile
{
    /// <summary>
    /// Maps the header cells to the importer's fields (field → column index), reporting unknown, repeated or missing
    /// columns through the problems and returning null when there are any. Locate names a header cell.
    /// </summary>
    public delegate Dictionary<string, int>? HeaderMap(IReadOnlyList<string> header, Func<int, string> locate);

    // ExcelDataReader's configuration asks for Windows-1252 (for old .xls files), which .NET has only with this provider.
    static TableFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The file's rows, read as its name says (.xlsx Excel, anything else CSV); expected names the columns for an empty file's message.</summary>
    public static IAsyncEnumerable<TableRow> ReadAsync(string file, Stream stream, string expected, HeaderMap map, ImportProblems problems, CancellationToken ct) =>
        file.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ReadXlsxAsync(file, stream, expected, map, problems, ct) : ReadCsvAsync(file, stream, expected, map, problems, ct);

    private static async IAsyncEnumerable<TableRow> ReadCsvAsync(
        string file, Stream stream, string expected, HeaderMap map, ImportProblems problems, [EnumeratorCancellation] CancellationToken ct)
    {
        using var text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        CsvDataReader? csv = null;
        try
        {
            // Sylvan detects the delimiter (semicolon or comma) from the header row.
            if (text.Peek() >= 0) csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true });
        }
        catch (Exception e) when (e is DecoderFallbackException or CsvFormatException)
        {
            problems.Add(file, "row 1", e is DecoderFallbackException ? NotUtf8 : $"not a valid CSV row ({e.Message})");
            yield break;
        }
        if (csv is null || csv.FieldCount == 0)
        {
            problems.Add(file, null, $"the file is empty; expected a header row with the columns {expected}, separated by semicolons");
            yield break;
        }
        await using var _ = csv;
        var header = WithoutTrailingBlanks(Enumerable.Range(0, csv.FieldCount).Select(csv.GetName));
        var index = map(header, i => $"row 1, column {i + 1} ({header[i].Trim()})");
        if (index is null) yield break;
        long row = 1;
        while (true)
        {
            bool more;
            try { more = await csv.ReadAsync(ct); }
            catch (Exception e) when (e is DecoderFallbackException or CsvFormatException)
            {
                problems.Add(file, $"row {row + 1}", e is DecoderFallbackException ? NotUtf8 : $"not a valid CSV row ({e.Message})");
                yield break;
            }
            if (!more) yield break;
            row++;
            if (Enumerable.Range(0, csv.RowFieldCount).All(i => string.IsNullOrWhiteSpace(csv.GetString(i)))) continue;
            // More fields than the header: most often an unquoted decimal comma in a comma-separated file.
            if (Enumerable.Range(header.Count, Math.Max(0, csv.RowFieldCount - header.Count)).Any(i => !string.IsNullOrWhiteSpace(csv.GetString(i))))
            {
                problems.Add(file, $"row {row}", $"the row has {csv.RowFieldCount} fields but the header has {header.Count}; in a comma-separated file a decimal comma must be inside quotes, or use semicolons");
                continue;
            }
            var cells = Enumerable.Range(0, Math.Min(csv.RowFieldCount, header.Count)).Select(csv.GetString).ToArray();
            var current = row;
            yield return new TableRow($"row {current}",
                key => index.TryGetValue(key, out var i) ? $"row {current}, column {i + 1} ({header[i].Trim()})" : $"row {current}",
                key => index.TryGetValue(key, out var i) && i < cells.Length ? cells[i] : null);
        }
    }

    private static async IAsyncEnumerable<TableRow> ReadXlsxAsync(
        string file, Stream stream, string expected, HeaderMap map, ImportProblems problems, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        IExcelDataReader? excel = null;
        var hasHeader = false;
        try
        {
            excel = ExcelReaderFactory.CreateOpenXmlReader(stream);
            hasHeader = excel.Read();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            excel?.Dispose();
            problems.Add(file, null, "not an Excel workbook (.xlsx), or a damaged one; save the file as \"Excel-arbetsbok (*.xlsx)\" or as CSV UTF-8");
            yield break;
        }
        using var _ = excel;
        var sheet = excel.Name;
        if (!hasHeader)
        {
            problems.Add(file, $"sheet '{sheet}'", $"the sheet is empty; expected a header row with the columns {expected}");
            yield break;
        }
        var header = WithoutTrailingBlanks(Enumerable.Range(0, excel.FieldCount).Select(i => Text(excel.GetValue(i)) ?? ""));
        var index = map(header, i => $"sheet '{sheet}', row 1, column {Letter(i)} ({header[i].Trim()})");
        if (index is null) yield break;
        long row = 1;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            bool more;
            try { more = excel.Read(); }
            catch (Exception e) when (e is System.Xml.XmlException or InvalidDataException or FormatException or IOException)
            {
                problems.Add(file, $"sheet '{sheet}', row {row + 1}", $"the workbook is damaged and cannot be read further ({e.Message})");
                yield break;
            }
            if (!more) yield break;
            row++;
            var cells = Enumerable.Range(0, Math.Min(excel.FieldCount, header.Count)).Select(i => Text(excel.GetValue(i))).ToArray();
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            var current = row;
            yield return new TableRow($"sheet '{sheet}', row {current}",
                key => index.TryGetValue(key, out var i) ? $"sheet '{sheet}', row {current}, column {Letter(i)} ({header[i].Trim()})" : $"sheet '{sheet}', row {current}",
                key => index.TryGetValue(key, out var i) && i < cells.Length ? cells[i] : null);
        }
    }

    private static List<string> WithoutTrailingBlanks(IEnumerable<string> header)
    {
        var cells = header.ToList();
        while (cells.Count > 0 && string.IsNullOrWhiteSpace(cells[^1])) cells.RemoveAt(cells.Count - 1);
        return cells;
    }

    /// <summary>An Excel cell as text: numbers as written in invariant culture ("300", "6.5"), a boolean as ja or nej.</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "ja" : "nej",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>A column's letter as Excel shows it: 0 → A, 25 → Z, 26 → AA.</summary>
    private static string Letter(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    private const string NotUtf8 = "the file is not UTF-8 text; save it as \"CSV UTF-8\"";
}
