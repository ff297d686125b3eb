using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Indicators.Formulas;

namespace Styra.Features.Indicators.Imports;

/// <summary>What an import did (or would do, in a dry run); <c>ValuesComputed</c> counts formula values added, changed or removed.</summary>
public sealed record ValueImportSummary(
    ImportFormat Format, int Files, int AreasAdded, int IndicatorsAdded, int IndicatorsUpdated,
    int ValuesAdded, int ValuesChanged, int ValuesUnchanged, bool DryRun, int? ImportBatchId, int ValuesComputed = 0)
{
    public bool ChangedAnything => AreasAdded + IndicatorsAdded + IndicatorsUpdated + ValuesAdded + ValuesChanged > 0;
}

public sealed record ValueImportResult(ValueImportSummary? Summary, IReadOnlyList<ImportProblem> Errors)
{
    public bool Succeeded => Summary is not null && Errors.Count == 0;
}

/// <summary>
/// Limits an import to one entity: every value must be for this area and this unit of the region — what an
/// integration with a reporter's token for one unit may write.
/// </summary>
public sealed record ImportScope(string AreaId, string UnitCode);

/// <summary>How far an import has come: the file being read (1-based of all), bytes read of it, values read in all.</summary>
public sealed record ImportProgress(string File, int FileNumber, int Files, long BytesRead, long? FileLength, long Values);

/// <summary>
/// Imports indicator values — from Kolada files (v3 API shape: data pages, the KPI catalogue, the areas), CSV or Excel
/// (docs/indicator-values-format.md) — through one pipeline: the files are streamed, every value checked (indicator,
/// area and unit known, period, gender, number), and written in one transaction with the database's fast path. Any
/// problem and nothing is kept; the previous data stays as it was. A value already stored for the same indicator,
/// area, unit, period and gender is replaced only when it differs, and the replacement recorded; importing the same
/// files again changes nothing (not even an import record is kept).
/// </summary>
public sealed class ValueImporter(StyraDbContext db, TimeProvider time)
{
    public async Task<ValueImportResult> ImportAsync(
        ImportFormat format, IReadOnlyList<ImportFile> files, string importedBy, bool dryRun = false,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default, ImportScope? scope = null)
    {
        if (files.Count == 0) return Failed(new ImportProblem("(no files)", null, "give at least one file"));
        var problems = new ImportProblems();
        try
        {
            return await Atomic.RunAsync(db, async () =>
            {
                var summary = await RunAsync(format, files, importedBy, dryRun, problems, progress, ct, scope);
                if (summary is null) return (Failed(problems.ToList()), false);
                // Nothing new: not even the import itself is recorded, so that a repeated import changes nothing.
                var keep = !dryRun && summary.ChangedAnything;
                return (new ValueImportResult(keep ? summary : summary with { ImportBatchId = null }, []), keep);
            }, ct);
        }
        catch (DbUpdateException e)
        {
            return Refused(files, e.InnerException ?? e);
        }
        catch (System.Data.Common.DbException e)
        {
            return Refused(files, e);
        }
    }

    private static ValueImportResult Refused(IReadOnlyList<ImportFile> files, Exception e) =>
        Failed(new ImportProblem(string.Join(", ", files.Select(f => f.Name)), null,
            $"the database refused the change ({e.Message.Trim()}); nothing was imported. If another import ran at the same time, try again."));

    private static ValueImportResult Failed(params IEnumerable<ImportProblem> errors) => new(null, errors.ToList());

    private async Task<ValueImportSummary?> RunAsync(
        ImportFormat format, IReadOnlyList<ImportFile> files, string importedBy, bool dryRun, ImportProblems problems,
        IProgress<ImportProgress>? progress, CancellationToken ct, ImportScope? scope = null)
    {
        await Atomic.SerializeImportsAsync(db, ct);
        var batch = new ImportBatch(format.ToString().ToLowerInvariant(), string.Join(", ", files.Select(f => f.Name)), importedBy, time.GetUtcNow());
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);

        // Kolada's catalogue and area files come first, whatever their order: the data files refer to them.
        var dataFiles = files.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        int areasAdded = 0, indicatorsAdded = 0, indicatorsUpdated = 0;
        if (format == ImportFormat.Kolada)
        {
            var kinds = new Dictionary<ImportFile, KoladaFileKind>();
            foreach (var file in dataFiles) kinds[file] = await KoladaReader.KindAsync(file, ct);
            foreach (var file in dataFiles.Where(f => scope is not null && kinds[f] != KoladaFileKind.Data))
                problems.Add(file.Name, null, $"this import may write values of {scope!.AreaId}/{scope.UnitCode} only; KPI catalogue and area files are refused");
            var areas = new List<Area>();
            var kpis = new List<KoladaKpi>();
            foreach (var file in dataFiles.Where(f => kinds[f] == KoladaFileKind.Areas)) areas.AddRange(await KoladaReader.AreasAsync(file, problems, ct));
            foreach (var file in dataFiles.Where(f => kinds[f] == KoladaFileKind.Catalogue)) kpis.AddRange(await KoladaReader.CatalogueAsync(file, problems, ct));
            if (problems.Any) return null;
            (areasAdded, indicatorsAdded, indicatorsUpdated) = await SaveCatalogueAsync(areas, kpis, ct);
            dataFiles = dataFiles.Where(f => kinds[f] == KoladaFileKind.Data).ToList();
        }

        var indicators = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Code, i => i.Id, StringComparer.Ordinal, ct);
        var computed = (await db.Indicators.AsNoTracking().Where(i => i.Formula != null).Select(i => i.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var written = new HashSet<int>();
        var areaIds = (await db.Areas.AsNoTracking().Select(a => a.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var units = (await db.Units.AsNoTracking().Select(u => new { Region = u.Region.Code, Unit = u.Code }).ToListAsync(ct))
            .Select(u => (u.Region.KoladaId, u.Unit)).ToHashSet();

        IValueFileReader reader = format switch
        {
            ImportFormat.Kolada => new KoladaReader(),
            ImportFormat.Csv => new CsvValueReader(),
            _ => new XlsxValueReader(),
        };
        await using var writer = await MeasurementWriter.OpenAsync(db, batch.Id, ct);
        long values = 0;
        for (var f = 0; f < dataFiles.Count && !problems.Full; f++)
        {
            var file = dataFiles[f];
            await using var raw = file.Open();
            await using var stream = new CountingStream(raw);
            long? length = raw.CanSeek ? raw.Length : null;
            progress?.Report(new ImportProgress(file.Name, f + 1, dataFiles.Count, 0, length, values));
            await foreach (var r in reader.ReadAsync(file, stream, problems, ct))
            {
                values++;
                if (values % 20_000 == 0) progress?.Report(new ImportProgress(file.Name, f + 1, dataFiles.Count, stream.BytesRead, length, values));
                if (!indicators.TryGetValue(r.Indicator, out var indicatorId))
                {
                    problems.AddOnce("i:" + r.Indicator, file.Name, Field(reader, format, r, "kpi", "indicator"), format == ImportFormat.Kolada
                        ? $"unknown KPI '{r.Indicator}': it is neither in Styra nor in a KPI catalogue file (kpi.json) given with this import"
                        : $"unknown indicator '{r.Indicator}': define it in a plan file, or import it from Kolada, before its values");
                    continue;
                }
                if (computed.Contains(r.Indicator))
                {
                    problems.AddOnce("f:" + r.Indicator, file.Name, Field(reader, format, r, "kpi", "indicator"),
                        $"'{r.Indicator}' is computed by a formula; its values come from the formula's inputs and cannot be imported");
                    continue;
                }
                if (!areaIds.Contains(r.Area))
                {
                    problems.AddOnce("a:" + r.Area, file.Name, Field(reader, format, r, "municipality", "area"), format == ImportFormat.Kolada
                        ? $"unknown area '{r.Area}': it is neither in Styra nor in an area file (municipality.json) given with this import"
                        : $"unknown area '{r.Area}'; expected a Kolada area id such as 0013 (Region Halland) or 0000 (Riket)");
                    continue;
                }
                if (r.Unit.Length > 0 && !units.Contains((r.Area, r.Unit)))
                {
                    problems.AddOnce($"u:{r.Area}/{r.Unit}", file.Name, Field(reader, format, r, "unit", "unit"),
                        $"unknown unit '{r.Unit}' in area {r.Area}; a unit is one of the region's own units, by its code in the plan file");
                    continue;
                }
                if (scope is not null && (r.Area != scope.AreaId || r.Unit != scope.UnitCode))
                {
                    problems.Add(file.Name, Field(reader, format, r, "municipality", "area"),
                        $"value for {r.Area}{(r.Unit.Length > 0 ? "/" + r.Unit : "")}, but this import may write values of {scope.AreaId}/{scope.UnitCode} only (the token's unit)");
                    continue;
                }
                if (problems.Any) continue; // keep reading to report more problems, but write no more
                written.Add(indicatorId);
                var row = new MeasurementRow(indicatorId, r.Area, r.Unit, r.Period.ToString(), r.Gender.ToString(),
                    r.Value, r.Status.ToString(), f, r.Position, r.Sub);
                if (await writer.WriteAsync(row, ct) is { } conflict)
                    problems.Add(file.Name, reader.Locate(r.Position, r.Sub), ConflictMessage(conflict, null, reader, dataFiles));
            }
            progress?.Report(new ImportProgress(file.Name, f + 1, dataFiles.Count, stream.BytesRead, length, values));
        }
        if (reader is KoladaReader kolada) kolada.CheckPages(problems);
        if (problems.Any) return null;

        var counts = await writer.FinishAsync(ct);
        foreach (var c in counts.Conflicts)
            problems.Add(dataFiles[c.Row.File].Name, reader.Locate(c.Row.Position, c.Row.Sub), ConflictMessage(c, c.Earlier, reader, dataFiles));
        if (problems.Any) return null;

        // Formulas over the indicators this import changed are computed anew, in the same transaction and import.
        var formulas = counts.Added + counts.Changed > 0
            ? await new FormulaCalculator(db).RecomputeAsync(() => batch, written, ct)
            : new FormulaCounts(0, 0, 0);
        (batch.Added, batch.Changed, batch.Unchanged) = (counts.Added, counts.Changed, counts.Unchanged);
        await db.SaveChangesAsync(ct);
        await DataStamp.BumpAsync(db, ct);
        return new ValueImportSummary(format, files.Count, areasAdded, indicatorsAdded, indicatorsUpdated,
            counts.Added, counts.Changed, counts.Unchanged, dryRun, dryRun ? null : batch.Id, formulas.Added + formulas.Changed + formulas.Removed);
    }

    private static string Field(IValueFileReader reader, ImportFormat format, ValueRecord r, string koladaField, string column) =>
        format == ImportFormat.Kolada ? $"values[{r.Position}].{koladaField}" : $"{reader.Locate(r.Position, r.Sub)} ({column})";

    private static string ConflictMessage(Conflict c, (int File, long Position, int Sub)? earlier, IValueFileReader reader, IReadOnlyList<ImportFile> files)
    {
        var r = c.Row;
        var where = earlier is { } e ? $"in {files[e.File].Name} at {reader.Locate(e.Position, e.Sub)}" : "earlier in this import";
        return $"a second, different value for the same key: {r.Gender} {r.Period} {r.AreaId}{(r.UnitCode.Length > 0 ? "/" + r.UnitCode : "")} "
            + $"is {r.Value.ToString(CultureInfo.InvariantCulture)} here but {c.EarlierValue.ToString(CultureInfo.InvariantCulture)} {where}";
    }

    /// <summary>Adds the areas and KPIs a Kolada import brings; a KPI a plan file defined keeps its name, unit and direction.</summary>
    private async Task<(int Areas, int Added, int Updated)> SaveCatalogueAsync(List<Area> areas, List<KoladaKpi> kpis, CancellationToken ct)
    {
        var known = (await db.Areas.Select(a => a.Id).ToListAsync(ct)).ToHashSet();
        var newAreas = areas.DistinctBy(a => a.Id).Where(a => !known.Contains(a.Id)).ToList();
        db.Areas.AddRange(newAreas);
        var byCode = kpis.GroupBy(k => k.Id).ToDictionary(g => g.Key, g => g.Last());
        var codes = byCode.Keys.ToList();
        var existing = await db.Indicators.Where(i => codes.Contains(i.Code)).ToDictionaryAsync(i => i.Code, ct);
        int added = 0, updated = 0;
        foreach (var (code, kpi) in byCode)
        {
            if (existing.TryGetValue(code, out var indicator))
            {
                if (indicator.Source != IndicatorSource.Kolada) continue;
                var before = (indicator.Description, indicator.IsDividedByGender, indicator.Category, indicator.AreaTypes);
                if (indicator.Description is null && kpi.Description is not null)
                    indicator.Describe(indicator.Name, kpi.Description, indicator.Unit, indicator.Decimals);
                indicator.IsDividedByGender = kpi.DividedByGender;
                indicator.Catalogue(kpi.OperatingArea, kpi.AreaTypes);
                if (before != (indicator.Description, indicator.IsDividedByGender, indicator.Category, indicator.AreaTypes)) updated++;
            }
            else
            {
                var created = new Indicator(code, kpi.Title, IndicatorSource.Kolada) { IsDividedByGender = kpi.DividedByGender };
                created.Describe(kpi.Title, kpi.Description, null, 1);
                created.Catalogue(kpi.OperatingArea, kpi.AreaTypes);
                db.Indicators.Add(created);
                added++;
            }
        }
        await db.SaveChangesAsync(ct);
        return (newAreas.Count, added, updated);
    }
}

/// <summary>Counts the bytes read through it, for progress.</summary>
internal sealed class CountingStream(Stream inner) : Stream
{
    public long BytesRead { get; private set; }
    public override bool CanRead => true;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => inner.Position = value; }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int n)
    {
        BytesRead += n;
        return n;
    }
}
