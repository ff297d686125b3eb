using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ExcelDataReader;
using Sylvan.Data.Csv;

namespace Styra.Features.Indicators.Imports;

/// <summary>
/// The columns of a CSV or Excel file of values (docs/indicator-values-format.md): a header row naming them, in Swedish
/// or English, in any order. Indicator, area, period and value are required; unit, gender and status optional.
/// </summary>
internal sealed class ValueColumns
{
    private static readonly (string Key, string[] Names, bool Required)[] Known =
    [
        ("indicator", ["indikator", "indicator", "kpi", "nyckeltal"], true),
        ("area", ["område", "omrade", "area", "municipality"], true),
        ("unit", ["enhet", "unit"], false),
        ("period", ["period"], true),
        ("gender", ["kön", "kon", "gender"], false),
        ("value", ["värde", "varde", "value"], true),
        ("status", ["status"], false),
    ];

    public const string Expected = "indikator, område, period, värde (required) and enhet, kön, status (optional)";

    private readonly Dictionary<string, int> _index = [];
    private readonly string[] _names;

    private ValueColumns(string[] names) => _names = names;

    public int this[string key] => _index.GetValueOrDefault(key, -1);

    public string Name(int index) => _names[index];

    /// <summary>Maps the header row; reports an unknown, repeated or missing column (a typo must not drop a column).</summary>
    public static ValueColumns? Map(string file, IReadOnlyList<string> header, Func<int, string> locate, ImportProblems problems)
    {
        var columns = new ValueColumns(header.Select(h => h.Trim()).ToArray());
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (name.Length == 0 && i == header.Count - 1) continue; // a trailing separator
            var known = Known.FirstOrDefault(k => k.Names.Contains(name.ToLowerInvariant()));
            if (known.Key is null)
                problems.Add(file, locate(i), $"unknown column '{name}'; expected {Expected}");
            else if (!columns._index.TryAdd(known.Key, i))
                problems.Add(file, locate(i), $"the column '{name}' appears twice");
        }
        foreach (var (key, names, _) in Known.Where(k => k.Required && !columns._index.ContainsKey(k.Key)))
            problems.Add(file, "header", $"missing column '{names[0]}'{(names.Length > 1 ? $" ({names[1]})" : "")}; expected {Expected}");
        return problems.Any ? null : columns;
    }

    /// <summary>Turns one row's cells into a value, or reports what is wrong; an empty value means "no value" and is skipped.</summary>
    public ValueRecord? Record(string file, long row, Func<int, string> locate, Func<string, string?> cell, ImportProblems problems)
    {
        var indicator = cell("indicator")?.Trim();
        var areaText = cell("area");
        var periodText = cell("period");
        var valueText = cell("value");
        if (string.IsNullOrEmpty(indicator))
        {
            problems.Add(file, locate(this["indicator"]), "expected an indicator code, e.g. N00923");
            return null;
        }
        if (Cells.Area(areaText) is not { } area)
        {
            problems.Add(file, locate(this["area"]), $"'{areaText}' is not an area; expected a Kolada area id of four digits (0013 Halland, 0000 Riket) or a region code (13)");
            return null;
        }
        if (!Period.TryParse(periodText, out var period))
        {
            problems.Add(file, locate(this["period"]), $"'{periodText}' is not a period; expected a year (2022), a tertial (2022T1) or a month (2022M03)");
            return null;
        }
        if (Cells.Gender(cell("gender")) is not { } gender)
        {
            problems.Add(file, locate(this["gender"]), $"'{cell("gender")}' is not a gender; expected T (total), K (women) or M (men)");
            return null;
        }
        if (Cells.Status(cell("status")) is not { } status)
        {
            problems.Add(file, locate(this["status"]), $"'{cell("status")}' is not a status; expected empty or 'definitiv' (final) or 'preliminär'");
            return null;
        }
        if (string.IsNullOrWhiteSpace(valueText)) return null;
        if (!Cells.TryNumber(valueText, out var value))
        {
            problems.Add(file, locate(this["value"]), $"'{valueText}' is not a number; expected e.g. 82,35 or 82.35");
            return null;
        }
        return new ValueRecord(indicator, area, cell("unit")?.Trim() ?? Measurement.WholeArea, period, gender, value, status, row, 0);
    }
}

/// <summary>
/// Reads values from CSV: UTF-8 with or without a byte order mark, the separator (semicolon, comma or tab) found from
/// the header, decimal comma or point. Streams the file row by row.
/// </summary>
internal sealed class CsvValueReader : IValueFileReader
{
    public string Locate(long position, int sub) => $"row {position}";

    public async IAsyncEnumerable<ValueRecord> ReadAsync(ImportFile file, Stream stream, ImportProblems problems, [EnumeratorCancellation] CancellationToken ct)
    {
        using var text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        CsvDataReader? csv = null;
        long row = 1;
        try
        {
            if (text.Peek() < 0)
            {
                problems.Add(file.Name, null, $"the file is empty; expected a header row with the columns {ValueColumns.Expected}, separated by semicolons");
                yield break;
            }
            csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true });
        }
        catch (DecoderFallbackException)
        {
            problems.Add(file.Name, "row 1", NotUtf8);
        }
        catch (CsvFormatException e)
        {
            problems.Add(file.Name, "row 1", $"not a valid CSV row ({e.Message})");
        }
        if (csv is null) yield break;
        await using var _ = csv;
        if (csv.FieldCount == 0 || (csv.FieldCount == 1 && csv.GetName(0).Trim().Length == 0))
        {
            problems.Add(file.Name, null, $"the file is empty; expected a header row with the columns {ValueColumns.Expected}, separated by semicolons");
            yield break;
        }
        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToList();
        var columns = ValueColumns.Map(file.Name, header, i => $"row 1, column {i + 1} ({header[i].Trim()})", problems);
        if (columns is null) yield break;

        while (true)
        {
            string? error = null;
            bool more;
            try
            {
                more = await csv.ReadAsync(ct);
            }
            catch (DecoderFallbackException)
            {
                (more, error) = (false, NotUtf8);
            }
            catch (CsvFormatException e)
            {
                (more, error) = (false, $"not a valid CSV row ({e.Message})");
            }
            if (error is not null) problems.Add(file.Name, $"row {row + 1}", error);
            if (!more) yield break;
            row++;
            if (csv.RowFieldCount == 1 && csv.GetString(0).Trim().Length == 0) continue; // an empty line
            var current = row;
            // More fields than the header: most often an unquoted decimal comma in a comma-separated file (82,35 read
            // as 82 and 35) — refused, so that a value is never cut short.
            var extra = Enumerable.Range(header.Count, Math.Max(0, csv.RowFieldCount - header.Count)).Any(i => csv.GetString(i).Trim().Length > 0);
            if (extra)
            {
                problems.Add(file.Name, $"row {row}", $"the row has {csv.RowFieldCount} fields but the header has {header.Count}; "
                    + "in a comma-separated file a decimal comma must be inside quotes (\"82,35\"), or use semicolons or a decimal point");
                continue;
            }
            var record = columns.Record(file.Name, row, i => i < 0 ? $"row {current}" : $"row {current}, column {i + 1} ({columns.Name(i)})",
                key => columns[key] is var i and >= 0 && i < csv.RowFieldCount ? csv.GetString(i) : null, problems);
            if (record is { } r) yield return r;
        }
    }

    private const string NotUtf8 =
        "the file is not UTF-8 text (perhaps saved as ANSI/Windows-1252); save it as \"CSV UTF-8\" and import again";
}

/// <summary>
/// Reads values from the first sheet of an Excel workbook (.xlsx): a header row, then one value per row. Numbers may be
/// numeric cells or text with decimal comma; a period may be a number (2022), text (2022T1) or a date (its month).
/// </summary>
internal sealed class XlsxValueReader : IValueFileReader
{
    // ExcelDataReader's configuration asks for Windows-1252 (for old .xls files), which .NET has only with this provider.
    static XlsxValueReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private string _sheet = "";

    public string Locate(long position, int sub) => $"sheet '{_sheet}', row {position}";

    public async IAsyncEnumerable<ValueRecord> ReadAsync(ImportFile file, Stream stream, ImportProblems problems, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        IExcelDataReader? excel = null;
        var hasHeader = false;
        try
        {
            excel = ExcelReaderFactory.CreateOpenXmlReader(stream);
            _sheet = excel.Name;
            hasHeader = excel.Read();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            excel?.Dispose();
            excel = null;
            problems.Add(file.Name, null, "not an Excel workbook (.xlsx), or a damaged one; save the file as \"Excel-arbetsbok (*.xlsx)\" or as CSV UTF-8");
        }
        if (excel is null) yield break;
        using var _ = excel;
        if (!hasHeader)
        {
            problems.Add(file.Name, $"sheet '{_sheet}'", $"the sheet is empty; expected a header row with the columns {ValueColumns.Expected}");
            yield break;
        }
        var header = Enumerable.Range(0, excel.FieldCount).Select(i => Text(excel.GetValue(i)) ?? "").ToList();
        while (header.Count > 0 && header[^1].Trim().Length == 0) header.RemoveAt(header.Count - 1);
        var columns = ValueColumns.Map(file.Name, header, i => $"sheet '{_sheet}', row 1, column {ColumnName(i)} ({header[i].Trim()})", problems);
        if (columns is null) yield break;
        long row = 1;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            bool more;
            try
            {
                more = excel.Read();
            }
            catch (Exception e) when (e is System.Xml.XmlException or InvalidDataException or FormatException or IOException)
            {
                problems.Add(file.Name, $"sheet '{_sheet}', row {row + 1}", $"the workbook is damaged and cannot be read further ({e.Message}); save it again from Excel");
                yield break;
            }
            if (!more) yield break;
            row++;
            var cells = Enumerable.Range(0, Math.Min(excel.FieldCount, header.Count)).Select(excel.GetValue).ToArray();
            if (cells.All(c => c is null || (c is string s && s.Trim().Length == 0))) continue;
            var current = row;
            var record = columns.Record(file.Name, row,
                i => i < 0 ? $"sheet '{_sheet}', row {current}" : $"sheet '{_sheet}', row {current}, column {ColumnName(i)} ({columns.Name(i)})",
                key => columns[key] is var i and >= 0 && i < cells.Length ? Cell(key, cells[i]) : null, problems);
            if (record is { } r) yield return r;
        }
    }

    private static string? Cell(string key, object? value) => (key, value) switch
    {
        (_, null) => null,
        ("period", DateTime d) => $"{d.Year}M{d.Month:00}",
        ("period", double d) when d == Math.Floor(d) => d.ToString("0", CultureInfo.InvariantCulture),
        // An area typed as a number loses its leading zeros in Excel: 0 is Riket (0000), 13 Halland (0013).
        ("area", double d) when d == Math.Floor(d) && d is >= 0 and <= 9999 => ((int)d).ToString("0000", CultureInfo.InvariantCulture),
        (_, double d) => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Text(value),
    };

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }
}
