using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Styra.Data;

namespace Styra.Features.Indicators.Kolada;

public sealed record KoladaImportSummary(
    int Files, int AreasAdded, int IndicatorsAdded, int IndicatorsUpdated, int ValuesAdded, int ValuesChanged, int ValuesUnchanged, bool DryRun, int? ImportBatchId)
{
    public bool ChangedAnything => AreasAdded + IndicatorsAdded + IndicatorsUpdated + ValuesAdded + ValuesChanged > 0;
}

public sealed record KoladaImportResult(KoladaImportSummary? Summary, IReadOnlyList<ImportProblem> Errors)
{
    public bool Succeeded => Summary is not null && Errors.Count == 0;
}

/// <summary>
/// Imports files in the shape of the Kolada v3 API: the KPI catalogue (<c>/v3/kpi</c>), the areas
/// (<c>/v3/municipality</c>) and data pages (<c>/v3/data/kpi/…</c>, several files <c>X.page1.json</c>,
/// <c>X.page2.json</c>… when the answer was paged, each naming the next in <c>next_url</c>). Everything is checked
/// before anything is written, and written in one transaction: a bad file leaves the database as it was. A value
/// already stored for the same indicator, area, period and gender is replaced only when it differs, and the
/// replacement is recorded; importing the same files again changes nothing.
/// </summary>
public sealed partial class KoladaImporter(StyraDbContext db, TimeProvider time)
{
    public async Task<KoladaImportResult> ImportAsync(
        IReadOnlyList<ImportFile> files, string importedBy, bool dryRun = false, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        if (files.Count == 0) return Failed(new ImportProblem("(no files)", null, "give at least one Kolada file or folder"));
        var read = new Reader(await db.Areas.Select(a => a.Id).ToListAsync(ct), await db.Indicators.Select(i => i.Code).ToListAsync(ct));
        foreach (var file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            progress?.Report($"reading {file.Name}");
            await read.FileAsync(file, ct);
        }
        read.CheckAcrossFiles();
        if (read.Errors.Count > 0) return Failed(read.Errors);

        try
        {
            return await Atomic.RunAsync(db, async () =>
            {
                var summary = await WriteAsync(read, files, importedBy, dryRun, progress, ct);
                // Nothing new: not even the import itself is recorded, so that a repeated import changes nothing.
                var keep = !dryRun && summary.ChangedAnything;
                return (new KoladaImportResult(keep ? summary : summary with { ImportBatchId = null }, []), keep);
            }, ct);
        }
        catch (DbUpdateException e)
        {
            return Failed(new ImportProblem(string.Join(", ", files.Select(f => f.Name)), null,
                $"the database refused the change ({(e.InnerException ?? e).Message.Trim()}); nothing was imported. If another import ran at the same time, try again."));
        }
    }

    private static KoladaImportResult Failed(params IEnumerable<ImportProblem> errors) => new(null, errors.ToList());

    private async Task<KoladaImportSummary> WriteAsync(Reader read, IReadOnlyList<ImportFile> files, string importedBy, bool dryRun, IProgress<string>? progress, CancellationToken ct)
    {
        var batch = new ImportBatch("kolada", string.Join(", ", files.Select(f => f.Name)), importedBy, time.GetUtcNow());
        db.ImportBatches.Add(batch);

        var knownAreas = (await db.Areas.Select(a => a.Id).ToListAsync(ct)).ToHashSet();
        var newAreas = read.Areas.Values.Where(a => !knownAreas.Contains(a.Id)).ToList();
        db.Areas.AddRange(newAreas);

        var codes = read.Rows.Select(r => r.Kpi).Distinct().ToList();
        var indicators = await db.Indicators.Where(i => codes.Contains(i.Code)).ToDictionaryAsync(i => i.Code, ct);
        int indicatorsAdded = 0, indicatorsUpdated = 0;
        // A Kolada KPI a plan file defined keeps the plan's name, unit and direction; the catalogue adds what it lacks.
        foreach (var indicator in indicators.Values.Where(i => i.Source == IndicatorSource.Kolada && read.Catalogue.ContainsKey(i.Code)))
        {
            var entry = read.Catalogue[indicator.Code];
            var before = (indicator.Description, indicator.IsDividedByGender);
            if (indicator.Description is null && entry.Description is not null)
                indicator.Describe(indicator.Name, entry.Description, indicator.Unit, indicator.Decimals);
            indicator.IsDividedByGender = entry.DividedByGender;
            if (before != (indicator.Description, indicator.IsDividedByGender)) indicatorsUpdated++;
        }
        foreach (var code in codes.Where(c => !indicators.ContainsKey(c)))
        {
            var entry = read.Catalogue[code];
            var indicator = new Indicator(code, entry.Title, IndicatorSource.Kolada) { IsDividedByGender = entry.DividedByGender };
            indicator.Describe(entry.Title, entry.Description, null, 1);
            indicators[code] = indicator;
            db.Indicators.Add(indicator);
            indicatorsAdded++;
        }
        await db.SaveChangesAsync(ct);

        int added = 0, changed = 0, unchanged = 0;
        foreach (var group in read.Rows.GroupBy(r => r.Kpi))
        {
            progress?.Report($"writing {group.Key}");
            var indicator = indicators[group.Key];
            var existing = await db.Measurements.Where(m => m.IndicatorId == indicator.Id)
                .ToDictionaryAsync(m => (m.AreaId, m.Period.ToString(), m.Gender), ct);
            foreach (var row in group)
            {
                if (existing.TryGetValue((row.Area, row.Period.ToString(), row.Gender), out var measurement))
                {
                    if (measurement.Replace(row.Value, row.Status, batch) is { } change)
                    {
                        db.MeasurementChanges.Add(change);
                        changed++;
                    }
                    else unchanged++;
                }
                else
                {
                    db.Measurements.Add(new Measurement(indicator, row.Area, row.Period, row.Gender, row.Value, row.Status, batch));
                    added++;
                }
            }
            await db.SaveChangesAsync(ct);
        }
        (batch.Added, batch.Changed, batch.Unchanged) = (added, changed, unchanged);
        await db.SaveChangesAsync(ct);
        return new KoladaImportSummary(files.Count, newAreas.Count, indicatorsAdded, indicatorsUpdated, added, changed, unchanged, dryRun, dryRun ? null : batch.Id);
    }

    private sealed record CatalogueEntry(string Title, string? Description, bool DividedByGender);

    private sealed record Row(string Kpi, string Area, Period Period, Gender Gender, double Value, MeasurementStatus Status, string File, string Location);

    private sealed record Page(string File, string Base, int Number, string? NextUrl);

    /// <summary>Reads and checks every file before anything is written; collects every problem, not only the first.</summary>
    private sealed class Reader(IEnumerable<string> areasInDatabase, IEnumerable<string> indicatorsInDatabase)
    {
        private readonly HashSet<string> _dbAreas = areasInDatabase.ToHashSet();
        private readonly HashSet<string> _dbIndicators = indicatorsInDatabase.ToHashSet();
        private readonly Dictionary<(string, string, string, Gender), Row> _seen = [];
        private readonly List<Page> _pages = [];

        public List<ImportProblem> Errors { get; } = [];
        public Dictionary<string, Area> Areas { get; } = [];
        public Dictionary<string, CatalogueEntry> Catalogue { get; } = [];
        public List<Row> Rows { get; } = [];

        public async Task FileAsync(ImportFile file, CancellationToken ct)
        {
            JsonDocument doc;
            try
            {
                await using var stream = file.Open();
                if (stream.CanSeek && stream.Length == 0)
                {
                    Errors.Add(new ImportProblem(file.Name, null, "the file is empty; expected a Kolada answer { \"values\": [...] }"));
                    return;
                }
                doc = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            }
            catch (JsonException e)
            {
                Errors.Add(new ImportProblem(file.Name, $"line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}",
                    $"not valid JSON ({FirstSentence(e.Message)})"));
                return;
            }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array)
                {
                    Errors.Add(new ImportProblem(file.Name, null, "expected a Kolada answer: an object with a \"values\" array"));
                    return;
                }
                var isPage = root.TryGetProperty("next_url", out _) || PageName().IsMatch(file.Name);
                if (values.GetArrayLength() == 0 && !isPage)
                {
                    Errors.Add(new ImportProblem(file.Name, "values", "the file holds no values"));
                    return;
                }
                var first = values.GetArrayLength() > 0 ? values[0] : default;
                if (first.ValueKind == JsonValueKind.Undefined || (first.ValueKind == JsonValueKind.Object && first.TryGetProperty("kpi", out _)))
                    Data(file.Name, root, values);
                else if (first.ValueKind == JsonValueKind.Object && first.TryGetProperty("type", out _))
                    AreaList(file.Name, values);
                else if (first.ValueKind == JsonValueKind.Object && first.TryGetProperty("title", out _))
                    CatalogueList(file.Name, values);
                else
                    Errors.Add(new ImportProblem(file.Name, "values[0]",
                        "not a Kolada data page (values with \"kpi\"), KPI catalogue (\"title\") or area list (\"type\")"));
            }
        }

        private void AreaList(string file, JsonElement values)
        {
            for (var i = 0; i < values.GetArrayLength(); i++)
            {
                var v = values[i];
                var id = Text(v, "id");
                var title = Text(v, "title");
                var type = Text(v, "type");
                if (id is not { Length: 4 } || !id.All(char.IsAsciiDigit) || string.IsNullOrWhiteSpace(title) || type is not ("L" or "K"))
                {
                    Errors.Add(new ImportProblem(file, $"values[{i}]", "expected an area with \"id\" (four digits), \"title\" and \"type\" (L or K)"));
                    continue;
                }
                var kind = id == Area.RiketId ? AreaKind.Country : type == "L" ? AreaKind.Region : AreaKind.Municipality;
                Areas[id] = new Area(id, title, kind);
            }
        }

        private void CatalogueList(string file, JsonElement values)
        {
            for (var i = 0; i < values.GetArrayLength(); i++)
            {
                var v = values[i];
                var id = Text(v, "id");
                var title = Text(v, "title");
                if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(title))
                {
                    Errors.Add(new ImportProblem(file, $"values[{i}]", "expected a KPI with \"id\" and \"title\""));
                    continue;
                }
                var divided = v.TryGetProperty("is_divided_by_gender", out var g) && g.ValueKind == JsonValueKind.True;
                Catalogue[id] = new CatalogueEntry(title, Text(v, "description"), divided);
            }
        }

        private void Data(string file, JsonElement root, JsonElement values)
        {
            var next = root.TryGetProperty("next_url", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            var m = PageName().Match(file);
            _pages.Add(m.Success
                ? new Page(file, m.Groups["base"].Value, int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture), next)
                : new Page(file, file, 1, next));
            for (var i = 0; i < values.GetArrayLength(); i++)
                DataValue(file, $"values[{i}]", values[i]);
        }

        private void DataValue(string file, string at, JsonElement v)
        {
            var kpi = Text(v, "kpi");
            var area = Text(v, "municipality");
            var periodText = v.TryGetProperty("period", out var p) ? p.ValueKind == JsonValueKind.Number ? p.GetRawText() : p.ValueKind == JsonValueKind.String ? p.GetString() : null : null;
            if (string.IsNullOrWhiteSpace(kpi)) { Errors.Add(new ImportProblem(file, $"{at}.kpi", "expected the KPI id as text, e.g. \"N00923\"")); return; }
            if (string.IsNullOrWhiteSpace(area)) { Errors.Add(new ImportProblem(file, $"{at}.municipality", "expected the area id as text, e.g. \"0013\"")); return; }
            if (!Period.TryParse(periodText, out var period)) { Errors.Add(new ImportProblem(file, $"{at}.period", $"'{periodText}' is not a period; expected a year (2022), a tertial (2022T1) or a month (2022M03)")); return; }
            if (!_dbIndicators.Contains(kpi) && !Catalogue.ContainsKey(kpi)) { UnknownKpi.Add((file, at, kpi)); }
            if (!_dbAreas.Contains(area) && !Areas.ContainsKey(area)) { UnknownArea.Add((file, at, area)); }
            if (!v.TryGetProperty("values", out var genders) || genders.ValueKind != JsonValueKind.Array)
            {
                Errors.Add(new ImportProblem(file, $"{at}.values", "expected an array of values per gender"));
                return;
            }
            for (var j = 0; j < genders.GetArrayLength(); j++)
            {
                var g = genders[j];
                var gat = $"{at}.values[{j}]";
                if (Genders.Parse(Text(g, "gender")) is not { } gender)
                {
                    Errors.Add(new ImportProblem(file, $"{gat}.gender", $"'{Text(g, "gender")}' is not a gender; expected T (total), K (women) or M (men)"));
                    continue;
                }
                if (!g.TryGetProperty("value", out var value) || value.ValueKind == JsonValueKind.Null) continue; // Kolada: no value reported
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    Errors.Add(new ImportProblem(file, $"{gat}.value", $"{value.GetRawText()} is not a number"));
                    continue;
                }
                var status = Text(g, "status") switch
                {
                    null or "" or "Final" or "Definitiv" => MeasurementStatus.Final,
                    var s when s.StartsWith("prel", StringComparison.OrdinalIgnoreCase) => MeasurementStatus.Preliminary,
                    var s => (MeasurementStatus?)null,
                };
                if (status is null)
                {
                    Errors.Add(new ImportProblem(file, $"{gat}.status", $"'{Text(g, "status")}' is not a status; expected empty (final) or \"Preliminär\""));
                    continue;
                }
                var row = new Row(kpi, area, period, gender, number, status.Value, file, gat);
                if (_seen.TryGetValue((kpi, area, period.ToString(), gender), out var earlier))
                {
                    if (!earlier.Value.Equals(number))
                        Errors.Add(new ImportProblem(file, gat,
                            $"{kpi} {area} {period} {gender} is {number.ToString(CultureInfo.InvariantCulture)} here but {earlier.Value.ToString(CultureInfo.InvariantCulture)} in {earlier.File} at {earlier.Location}"));
                    continue;
                }
                _seen[(kpi, area, period.ToString(), gender)] = row;
                Rows.Add(row);
            }
        }

        private List<(string File, string At, string Kpi)> UnknownKpi { get; } = [];
        private List<(string File, string At, string Area)> UnknownArea { get; } = [];

        /// <summary>Checks what needs the whole set of files: paging, and KPIs and areas that a later file defines.</summary>
        public void CheckAcrossFiles()
        {
            foreach (var (file, at, kpi) in UnknownKpi.Where(u => !Catalogue.ContainsKey(u.Kpi)).DistinctBy(u => u.Kpi))
                Errors.Add(new ImportProblem(file, $"{at}.kpi", $"unknown KPI '{kpi}': it is neither in Styra nor in a KPI catalogue file (kpi.json) given with this import"));
            foreach (var (file, at, area) in UnknownArea.Where(u => !Areas.ContainsKey(u.Area)).DistinctBy(u => u.Area))
                Errors.Add(new ImportProblem(file, $"{at}.municipality", $"unknown area '{area}': it is neither in Styra nor in an area file (municipality.json) given with this import"));
            // A paged answer must be whole: pages 1 to n without a gap, each but the last naming a next page.
            foreach (var answer in _pages.GroupBy(p => p.Base))
            {
                var pages = answer.OrderBy(p => p.Number).ToList();
                for (var n = 1; n <= pages[^1].Number; n++)
                {
                    if (pages.All(p => p.Number != n))
                        Errors.Add(new ImportProblem(pages[0].File, null, $"page {n} of this answer ({answer.Key}.page{n}.json) is not among the files; give every page"));
                }
                if (pages[^1].NextUrl is { } next)
                    Errors.Add(new ImportProblem(pages[^1].File, "next_url",
                        $"the answer continues on another page ({next}), but {answer.Key}.page{pages[^1].Number + 1}.json is not among the files; give every page"));
            }
        }

        private static string? Text(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static string FirstSentence(string message) => message.Split(". ")[0].TrimEnd('.');
    }

    [GeneratedRegex(@"^(?<base>.+)\.page(?<n>\d+)\.json$", RegexOptions.IgnoreCase)]
    private static partial Regex PageName();
}
