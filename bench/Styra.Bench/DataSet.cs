using System.Globalization;
using System.Text;
using System.Text.Json;
using Styra.Data;

namespace Styra.Bench;

/// <summary>A KPI of the data set and how many of its values the set holds (all areas × years × genders, or fewer for the last one).</summary>
internal sealed record BenchKpi(string Code, string Title, bool Synthetic, int FirstYear, int LastYear, long Values)
{
    public long Elements => (Values + DataSet.Genders.Length - 1) / DataSet.Genders.Length;
    public int Pages => (int)((Elements + DataSet.PageSize - 1) / DataSet.PageSize);
}

/// <summary>One element of a Kolada data page: a KPI, an area and a year, with a value per gender (T, K, M; fewer at the very end).</summary>
internal sealed record BenchElement(BenchKpi Kpi, long Index, string Area, int Year, double[] Values);

/// <summary>
/// The benchmark's data set, deterministic for a count and a seed: the 25 real demo KPIs for the years before the demo
/// data begins (1970–1997; the demo starts in 1998), for all 312 areas and 3 genders, so that the indicators linked to
/// the goals carry much data; then synthetic KPIs B00001… ("Benchmark KPI 1"…) for 1990–2024 until the count is reached.
/// The same values are written as Kolada v3 data pages (for Styra) and as CSV rows of the Measurements table (for the
/// databases' own loaders), in the same order.
/// </summary>
internal sealed class DataSet
{
    public const int PageSize = 5_000;
    public static readonly string[] Genders = ["T", "K", "M"];
    public const int RealFirstYear = 1970, RealLastYear = 1997, SyntheticFirstYear = 1990, SyntheticLastYear = 2024;
    private const int Version = 1;

    private DataSet(long count, int seed, IReadOnlyList<string> areas, IReadOnlyList<BenchKpi> kpis)
    {
        (Count, Seed, Areas, Kpis) = (count, seed, areas, kpis);
    }

    public long Count { get; }
    public int Seed { get; }
    public IReadOnlyList<string> Areas { get; }

    /// <summary>In ordinal order of their codes: the order of the page files, as Styra reads them.</summary>
    public IReadOnlyList<BenchKpi> Kpis { get; }

    public static DataSet Plan(long count, int seed)
    {
        var areas = DemoAreas();
        var real = DemoKpiCodes();
        var kpis = new List<BenchKpi>();
        var left = count;
        foreach (var code in real)
        {
            var full = (long)areas.Count * (RealLastYear - RealFirstYear + 1) * Genders.Length;
            if (left == 0) break;
            kpis.Add(new BenchKpi(code, code, false, RealFirstYear, RealLastYear, Math.Min(full, left)));
            left -= kpis[^1].Values;
        }
        for (var n = 1; left > 0; n++)
        {
            var full = (long)areas.Count * (SyntheticLastYear - SyntheticFirstYear + 1) * Genders.Length;
            kpis.Add(new BenchKpi($"B{n:00000}", $"Benchmark KPI {n}", true, SyntheticFirstYear, SyntheticLastYear, Math.Min(full, left)));
            left -= kpis[^1].Values;
        }
        return new DataSet(count, seed, areas, kpis.OrderBy(k => k.Code, StringComparer.Ordinal).ToList());
    }

    /// <summary>The elements in file order. Each value is a level per KPI and area, a trend over the years and noise.</summary>
    public IEnumerable<BenchElement> Elements()
    {
        var random = new Random(Seed);
        var areaLevel = Areas.Select(_ => random.NextDouble() * 20 - 10).ToArray();
        foreach (var kpi in Kpis)
        {
            var level = 20 + random.NextDouble() * 60;
            var trend = random.NextDouble() * 0.6 - 0.3;
            var genderGap = random.NextDouble() * 6 - 3;
            long index = 0, left = kpi.Values;
            for (var a = 0; a < Areas.Count && left > 0; a++)
            {
                for (var year = kpi.FirstYear; year <= kpi.LastYear && left > 0; year++)
                {
                    var values = new double[Math.Min(Genders.Length, left)];
                    var total = level + areaLevel[a] + trend * (year - kpi.FirstYear) + random.NextDouble() * 4 - 2;
                    for (var g = 0; g < values.Length; g++)
                        values[g] = Math.Round(g switch { 0 => total, 1 => total + genderGap, _ => total - genderGap }, 2);
                    left -= values.Length;
                    yield return new BenchElement(kpi, index++, Areas[a], year, values);
                }
            }
        }
    }

    /// <summary>
    /// Writes <c>kpi.json</c> (the synthetic KPIs), <c>municipality.json</c> (the demo's 312 areas) and the data pages
    /// <c>{KPI}.page{n}.json</c> into <paramref name="directory"/>, unless a data set of the same count, seed and
    /// version is there already. Answers the paths of the data pages.
    /// </summary>
    public async Task<(IReadOnlyList<string> Pages, bool Reused)> WriteKoladaAsync(string directory)
    {
        var manifest = Path.Combine(directory, "manifest.json");
        var identity = $"{{\"version\":{Version},\"values\":{Count},\"seed\":{Seed}}}";
        if (File.Exists(manifest) && await File.ReadAllTextAsync(manifest) == identity)
            return (PagePaths(directory), true);
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);

        await WriteCatalogueAsync(Path.Combine(directory, "kpi.json"));
        await using (var areas = DemoFile("municipality.json").Open())
        await using (var copy = File.Create(Path.Combine(directory, "municipality.json")))
            await areas.CopyToAsync(copy);

        var options = new JsonWriterOptions { SkipValidation = true };
        FileStream? file = null;
        Utf8JsonWriter? json = null;
        var elementsOnPage = 0;
        BenchKpi? current = null;
        var page = 0;

        async Task ClosePageAsync()
        {
            if (json is null || current is null) return;
            json.WriteEndArray();
            json.WriteNumber("count", elementsOnPage);
            if (page < current.Pages) json.WriteString("next_url", $"https://api.kolada.se/v3/data/kpi/{current.Code}?page={page + 1}&per_page={PageSize}");
            else json.WriteNull("next_url");
            json.WriteEndObject();
            await json.DisposeAsync();
            await file!.DisposeAsync();
            (json, file) = (null, null);
        }

        foreach (var e in Elements())
        {
            if (!ReferenceEquals(e.Kpi, current) || e.Index % PageSize == 0)
            {
                await ClosePageAsync();
                page = ReferenceEquals(e.Kpi, current) ? page + 1 : 1;
                current = e.Kpi;
                file = new FileStream(Path.Combine(directory, $"{current.Code}.page{page}.json"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
                json = new Utf8JsonWriter(file, options);
                json.WriteStartObject();
                json.WriteStartArray("values");
                elementsOnPage = 0;
            }
            var w = json!;
            w.WriteStartObject();
            w.WriteString("kpi", e.Kpi.Code);
            w.WriteString("municipality", e.Area);
            w.WriteNumber("period", e.Year);
            w.WriteStartArray("values");
            for (var g = 0; g < e.Values.Length; g++)
            {
                w.WriteStartObject();
                w.WriteString("gender", Genders[g]);
                w.WriteString("status", "");
                w.WriteNumber("value", e.Values[g]);
                w.WriteNumber("count", 1);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            elementsOnPage++;
            if (w.BytesPending > 1 << 20) await w.FlushAsync();
        }
        await ClosePageAsync();
        await File.WriteAllTextAsync(manifest, identity);
        return (PagePaths(directory), false);
    }

    private async Task WriteCatalogueAsync(string path)
    {
        await using var file = File.Create(path);
        await using var json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true });
        var synthetic = Kpis.Where(k => k.Synthetic).ToList();
        json.WriteStartObject();
        json.WriteNumber("count", synthetic.Count);
        json.WriteStartArray("values");
        foreach (var k in synthetic)
        {
            json.WriteStartObject();
            json.WriteString("id", k.Code);
            json.WriteString("title", k.Title);
            json.WriteString("description", "A synthetic KPI of Styra's benchmark (bench/Styra.Bench); its values are random.");
            json.WriteBoolean("is_divided_by_gender", true);
            json.WriteString("municipality_type", "A");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Every data page, in the order Styra reads them (ordinal by name).</summary>
    public IReadOnlyList<string> PagePaths(string directory) =>
        Kpis.SelectMany(k => Enumerable.Range(1, k.Pages).Select(p => Path.Combine(directory, $"{k.Code}.page{p}.json")))
            .OrderBy(Path.GetFileName, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Writes the values as CSV rows of the Measurements table: a header and one row per value, the columns in the
    /// order <paramref name="columns"/> gives (the table's own order, which <c>sqlite3 .import</c> needs), Ids from
    /// <paramref name="firstId"/> when the column list holds "Id".
    /// </summary>
    public async Task WriteCsvAsync(string path, IReadOnlyList<string> columns, IReadOnlyDictionary<string, int> indicatorIds, long firstId, int importBatchId)
    {
        var batch = importBatchId.ToString(CultureInfo.InvariantCulture);
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        await writer.WriteLineAsync(string.Join(",", columns));
        var id = firstId;
        var line = new StringBuilder(128);
        foreach (var e in Elements())
        {
            var indicator = indicatorIds[e.Kpi.Code].ToString(CultureInfo.InvariantCulture);
            var period = e.Year.ToString(CultureInfo.InvariantCulture);
            for (var g = 0; g < e.Values.Length; g++)
            {
                line.Clear();
                for (var c = 0; c < columns.Count; c++)
                {
                    if (c > 0) line.Append(',');
                    line.Append(columns[c] switch
                    {
                        "Id" => (id++).ToString(CultureInfo.InvariantCulture),
                        "IndicatorId" => indicator,
                        "AreaId" => e.Area,
                        "UnitCode" => "\"\"", // quoted: an unquoted empty field is NULL to PostgreSQL
                        "Period" => period,
                        "Gender" => Genders[g],
                        "Value" => e.Values[g].ToString("R", CultureInfo.InvariantCulture),
                        "Status" => "Final",
                        "ImportBatchId" => batch,
                        var other => throw new InvalidOperationException($"The Measurements table has a column the benchmark does not know: {other}"),
                    });
                }
                line.Append('\n');
                await writer.WriteAsync(line);
            }
        }
    }

    public static Styra.Features.Indicators.ImportFile DemoFile(string name) =>
        DemoData.KoladaFiles().Single(f => f.Name == name);

    private static List<string> DemoAreas()
    {
        using var stream = DemoFile("municipality.json").Open();
        using var doc = JsonDocument.Parse(stream);
        return doc.RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The demo's KPI codes; checks that their demo values all lie after the years the benchmark gives them.</summary>
    private static List<string> DemoKpiCodes()
    {
        // The KPIs with demo values (one data file each); kpi.json is the whole Kolada catalogue.
        var codes = DemoData.KoladaFiles().Where(f => f.Name is not ("kpi.json" or "municipality.json"))
            .Select(f => Path.GetFileNameWithoutExtension(f.Name)).Order(StringComparer.Ordinal).ToList();
        foreach (var file in DemoData.KoladaFiles().Where(f => f.Name is not ("kpi.json" or "municipality.json")))
        {
            using var data = file.Open();
            using var values = JsonDocument.Parse(data);
            var first = values.RootElement.GetProperty("values").EnumerateArray().Min(v => v.GetProperty("period").GetInt32());
            if (first <= RealLastYear)
                throw new InvalidOperationException($"The demo file {file.Name} has values for {first}; the benchmark gives the real KPIs {RealFirstYear}–{RealLastYear}.");
        }
        return codes;
    }
}
