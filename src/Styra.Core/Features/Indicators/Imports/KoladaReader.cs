using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Styra.Features.Indicators.Imports;

/// <summary>What a Kolada file holds: data values, the KPI catalogue (<c>/v3/kpi</c>) or the areas (<c>/v3/municipality</c>).</summary>
internal enum KoladaFileKind { Data, Catalogue, Areas }

internal sealed record KoladaKpi(string Id, string Title, string? Description, bool DividedByGender, string? OperatingArea, string? AreaTypes);

/// <summary>
/// Reads files in the shape of the Kolada v3 API, one element of <c>values</c> at a time. Data pages of a paged answer
/// (<c>X.page1.json</c>, <c>X.page2.json</c>…, each naming the next in <c>next_url</c>) are checked to be whole.
/// </summary>
internal sealed partial class KoladaReader : IValueFileReader
{
    private sealed record Page(string File, string Base, int Number, string? NextUrl);

    private readonly List<Page> _pages = [];

    public string Locate(long position, int sub) => $"values[{position}].values[{sub}]";

    /// <summary>What a file holds, by the first element of its values (a malformed file counts as data and is reported there).</summary>
    public static async Task<KoladaFileKind> KindAsync(ImportFile file, CancellationToken ct)
    {
        try
        {
            await using var stream = file.Open();
            await foreach (var element in new JsonValuesStream().ValuesAsync(stream, ct))
            {
                using var doc = JsonDocument.Parse(element);
                var first = doc.RootElement;
                if (first.ValueKind != JsonValueKind.Object || first.TryGetProperty("kpi", out _)) return KoladaFileKind.Data;
                if (first.TryGetProperty("type", out _)) return KoladaFileKind.Areas;
                if (first.TryGetProperty("title", out _)) return KoladaFileKind.Catalogue;
                return KoladaFileKind.Data;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
        }
        return KoladaFileKind.Data;
    }

    public static async Task<List<Area>> AreasAsync(ImportFile file, ImportProblems problems, CancellationToken ct)
    {
        var areas = new List<Area>();
        await EachAsync(file, problems, (v, at) =>
        {
            var id = Text(v, "id");
            var title = Text(v, "title");
            var type = Text(v, "type");
            if (id is not { Length: 4 } || !id.All(char.IsAsciiDigit) || string.IsNullOrWhiteSpace(title) || type is not ("L" or "K"))
            {
                problems.Add(file.Name, at, "expected an area with \"id\" (four digits), \"title\" and \"type\" (L or K)");
                return;
            }
            areas.Add(new Area(id, title, id == Area.RiketId ? AreaKind.Country : type == "L" ? AreaKind.Region : AreaKind.Municipality));
        }, ct);
        return areas;
    }

    public static async Task<List<KoladaKpi>> CatalogueAsync(ImportFile file, ImportProblems problems, CancellationToken ct)
    {
        var kpis = new List<KoladaKpi>();
        await EachAsync(file, problems, (v, at) =>
        {
            var id = Text(v, "id");
            var title = Text(v, "title");
            if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(title))
            {
                problems.Add(file.Name, at, "expected a KPI with \"id\" and \"title\"");
                return;
            }
            var divided = v.TryGetProperty("is_divided_by_gender", out var g) && g.ValueKind == JsonValueKind.True;
            kpis.Add(new KoladaKpi(id, title, Text(v, "description"), divided, Text(v, "operating_area"), Text(v, "municipality_type")));
        }, ct);
        return kpis;
    }

    private static async Task EachAsync(ImportFile file, ImportProblems problems, Action<JsonElement, string> each, CancellationToken ct)
    {
        try
        {
            await using var stream = file.Open();
            var i = 0;
            await foreach (var element in new JsonValuesStream().ValuesAsync(stream, ct))
            {
                using var doc = JsonDocument.Parse(element);
                each(doc.RootElement, $"values[{i++}]");
            }
        }
        catch (JsonException e)
        {
            problems.Add(file.Name, Where(e), $"not valid JSON ({FirstSentence(e.Message)})");
        }
        catch (InvalidDataException e)
        {
            problems.Add(file.Name, null, e.Message);
        }
    }

    public async IAsyncEnumerable<ValueRecord> ReadAsync(ImportFile file, Stream stream, ImportProblems problems, [EnumeratorCancellation] CancellationToken ct)
    {
        var json = new JsonValuesStream();
        var values = json.ValuesAsync(stream, ct).GetAsyncEnumerator(ct);
        var records = new List<ValueRecord>();
        var index = 0;
        try
        {
            while (true)
            {
                string? error = null, errorAt = null;
                try
                {
                    if (!await values.MoveNextAsync()) break;
                }
                catch (JsonException e)
                {
                    (errorAt, error) = (Where(e), $"not valid JSON ({FirstSentence(e.Message)})");
                }
                catch (InvalidDataException e)
                {
                    error = e.Message;
                }
                if (error is not null)
                {
                    problems.Add(file.Name, errorAt, error);
                    yield break;
                }
                records.Clear();
                DataValue(file.Name, index++, values.Current, problems, records);
                foreach (var record in records) yield return record;
            }
        }
        finally
        {
            await values.DisposeAsync();
        }

        var m = PageName().Match(file.Name);
        if (index == 0 && json.NextUrl is null && !m.Success)
            problems.Add(file.Name, "values", "the file holds no values");
        _pages.Add(m.Success
            ? new Page(file.Name, m.Groups["base"].Value, int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture), json.NextUrl)
            : new Page(file.Name, file.Name, 1, json.NextUrl));
    }

    private static void DataValue(string file, int index, ReadOnlyMemory<byte> element, ImportProblems problems, List<ValueRecord> output)
    {
        var at = $"values[{index}]";
        using var doc = JsonDocument.Parse(element);
        var v = doc.RootElement;
        var kpi = Text(v, "kpi");
        var area = Text(v, "municipality");
        var periodText = v.ValueKind == JsonValueKind.Object && v.TryGetProperty("period", out var p)
            ? p.ValueKind == JsonValueKind.Number ? p.GetRawText() : p.ValueKind == JsonValueKind.String ? p.GetString() : null
            : null;
        if (string.IsNullOrWhiteSpace(kpi)) { problems.Add(file, $"{at}.kpi", "expected the KPI id as text, e.g. \"N00923\""); return; }
        if (string.IsNullOrWhiteSpace(area)) { problems.Add(file, $"{at}.municipality", "expected the area id as text, e.g. \"0013\""); return; }
        if (!Period.TryParse(periodText, out var period))
        {
            problems.Add(file, $"{at}.period", $"'{periodText}' is not a period; expected a year (2022), a tertial (2022T1) or a month (2022M03)");
            return;
        }
        if (!v.TryGetProperty("values", out var genders) || genders.ValueKind != JsonValueKind.Array)
        {
            problems.Add(file, $"{at}.values", "expected an array of values per gender");
            return;
        }
        var j = 0;
        foreach (var g in genders.EnumerateArray())
        {
            var gat = $"{at}.values[{j}]";
            var sub = j++;
            if (Genders.Parse(Text(g, "gender")) is not { } gender)
            {
                problems.Add(file, $"{gat}.gender", $"'{Text(g, "gender")}' is not a gender; expected T (total), K (women) or M (men)");
                continue;
            }
            if (!g.TryGetProperty("value", out var value) || value.ValueKind == JsonValueKind.Null) continue; // Kolada: no value reported
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
            {
                problems.Add(file, $"{gat}.value", $"{value.GetRawText()} is not a number");
                continue;
            }
            if (Cells.Status(Text(g, "status")) is not { } status)
            {
                problems.Add(file, $"{gat}.status", $"'{Text(g, "status")}' is not a status; expected empty (final) or \"Preliminär\"");
                continue;
            }
            output.Add(new ValueRecord(kpi, area, Measurement.WholeArea, period, gender, number, status, index, sub));
        }
    }

    /// <summary>A paged answer must be whole: pages 1 to n without a gap, each but the last naming a next page.</summary>
    public void CheckPages(ImportProblems problems)
    {
        foreach (var answer in _pages.GroupBy(p => p.Base))
        {
            var pages = answer.OrderBy(p => p.Number).ToList();
            for (var n = 1; n <= pages[^1].Number; n++)
            {
                if (pages.All(p => p.Number != n))
                    problems.Add(pages[0].File, null, $"page {n} of this answer ({answer.Key}.page{n}.json) is not among the files; give every page");
            }
            if (pages[^1].NextUrl is { } next)
                problems.Add(pages[^1].File, "next_url",
                    $"the answer continues on another page ({next}), but {answer.Key}.page{pages[^1].Number + 1}.json is not among the files; give every page");
        }
    }

    private static string? Where(JsonException e) =>
        e.LineNumber is { } line ? $"line {line + 1}, position {e.BytePositionInLine + 1}" : null;

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string FirstSentence(string message) => message.Split(". ")[0].TrimEnd('.');

    [GeneratedRegex(@"^(?<base>.+)\.page(?<n>\d+)\.json$", RegexOptions.IgnoreCase)]
    private static partial Regex PageName();
}
