using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Bench;
using Styra.Data;
using Styra.Features.Indicators;
using Styra.Features.Indicators.Imports;

// Styra's benchmark, run by hand through bench/run.sh (see docs/benchmarks.md): generates a Kolada-shaped data set,
// imports it with Styra and with each database's own CSV loader into fresh databases, then times web requests on the
// database Styra filled. Prints the results as Markdown on standard output; progress goes to standard error.

// bench/reports.sh: the report benchmark only (docs/benchmarks.md, "Reports").
if (args.Length > 0 && args[0] == "reports")
    return await ReportBench.RunAsync(args.Length > 1 ? args[1] : "/tmp/styra-bench-reports", args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10);

// bench/public.sh: the public read endpoints under load from this second process.
if (args.Length > 0 && args[0] == "public")
    return await LoadBench.RunAsync(args);

var options = BenchOptions.Parse(args);
Directory.CreateDirectory(options.Directory);
var set = DataSet.Plan(options.Values, options.Seed);
Log.Line($"Data set: {set.Count:N0} values; {set.Kpis.Count(k => !k.Synthetic)} real KPIs ({DataSet.RealFirstYear}–{DataSet.RealLastYear}), "
    + $"{set.Kpis.Count(k => k.Synthetic)} synthetic ({DataSet.SyntheticFirstYear}–{DataSet.SyntheticLastYear}); {set.Areas.Count} areas × 3 genders");
var dataDirectory = Path.Combine(options.Directory, "data");
var generating = Stopwatch.StartNew();
var (pages, reused) = await set.WriteKoladaAsync(dataDirectory);
Log.Line(reused
    ? $"Reusing the data set in {dataDirectory} ({pages.Count} pages)"
    : $"Wrote {pages.Count} pages to {dataDirectory} in {generating.Elapsed.TotalSeconds:F0} s");

var targets = new List<BenchDatabase> { new SqliteBench(Path.Combine(options.Directory, "db")) };
Directory.CreateDirectory(Path.Combine(options.Directory, "db"));
if (options.Postgres is { } server) targets.Add(new PostgresBench(server));

var imports = new List<ImportTiming>();
var routes = new List<RouteTiming>();
var notes = new List<string>();
var variants = new List<string>();
foreach (var target in targets)
{
    var styra = await PrepareAsync(target, "styra_bench_styra");
    notes.Add(await target.VersionsAsync(styra));
    imports.Add(await ImportWithStyraAsync(target, styra));
    await target.AfterImportAsync(styra);

    if (options.Native)
    {
        var native = await PrepareAsync(target, "styra_bench_native");
        imports.Add(await ImportNativelyAsync(target, native));
        await target.AfterImportAsync(native);
    }

    if (options.SqliteVariants > 0 && target is SqliteBench)
    {
        var prepared = await PrepareAsync(target, "styra_bench_variants");
        await using var services = target.Services(prepared, demoData: false);
        int batchId;
        Dictionary<string, int> indicators;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
            var batch = new ImportBatch("kolada", "variants", "benchmark (SQLite variants)", DateTimeOffset.UtcNow);
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync();
            (batchId, indicators) = (batch.Id, await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Code, i => i.Id, StringComparer.Ordinal));
        }
        target.ClearPools();
        Log.Line($"SQLite: where the time goes, {options.SqliteVariants:N0} values per variant");
        variants.AddRange(await SqliteVariants.RunAsync(set, new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(prepared).DataSource, indicators, batchId,
            Math.Min(options.SqliteVariants, set.Count)));
    }

    if (options.WebDll is { } dll)
    {
        Log.Line($"{target.Title}: timing web requests on the database Styra filled");
        routes.AddRange(await new WebBench(dll, options.Warmups, options.Requests)
            .RunAsync(target.Title, target.Provider, styra, Path.Combine(options.Directory, "web.log")));
    }
}

var markdown = Report.Markdown(imports, routes, notes) + (variants.Count > 0 ? Environment.NewLine + string.Join(Environment.NewLine, variants) + Environment.NewLine : "");
await File.WriteAllTextAsync(Path.Combine(options.Directory, "results.md"), markdown);
Console.WriteLine(markdown);
return 0;

// A fresh database, prepared as an installation with the demo regions would be: migrated, the demo regions, plans
// and values loaded, then the KPI catalogue and areas of the data set imported (untimed).
async Task<string> PrepareAsync(BenchDatabase target, string name)
{
    var connection = await target.CreateAsync(name);
    await using var services = target.Services(connection, demoData: true);
    await StyraDatabase.InitializeAsync(services);
    await using var scope = services.CreateAsyncScope();
    var importer = scope.ServiceProvider.GetRequiredService<ValueImporter>();
    // A small data set has no synthetic KPIs, and Styra refuses an empty catalogue.
    var catalogueFiles = new[] { "municipality.json", set.Kpis.Any(k => k.Synthetic) ? "kpi.json" : null }
        .OfType<string>().Select(f => ImportFile.FromDisk(Path.Combine(dataDirectory, f))).ToList();
    var catalogue = await importer.ImportAsync(ImportFormat.Kolada, catalogueFiles, "benchmark catalogue");
    if (!catalogue.Succeeded) throw new InvalidOperationException("The catalogue did not import:\n" + string.Join("\n", catalogue.Errors));
    Log.Line($"{target.Title} {name}: migrated, demo data and {catalogue.Summary!.IndicatorsAdded} synthetic KPIs loaded");
    target.ClearPools();
    return connection;
}

async Task<ImportTiming> ImportWithStyraAsync(BenchDatabase target, string connection)
{
    // The pages are read once beforehand, so that both loaders start from files in the page cache.
    foreach (var page in pages) await using (var f = File.OpenRead(page)) await f.CopyToAsync(Stream.Null);
    await using var services = target.Services(connection, demoData: false);
    var before = await CountAsync(services);
    var files = pages.Select(ImportFile.FromDisk).ToList();
    GC.Collect();
    GC.WaitForPendingFinalizers();
    var progress = new ProgressLog(target.Title, set.Count);
    var load = Report.LoadAverage();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    Log.Line($"{target.Title}: Styra imports {set.Count:N0} values from {files.Count} pages");
    ValueImportResult result;
    TimeSpan elapsed;
    await using (var memory = MemorySampler.OfThisProcess())
    {
        var clock = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
            result = await scope.ServiceProvider.GetRequiredService<ValueImporter>().ImportAsync(ImportFormat.Kolada, files, "benchmark", progress: progress);
        elapsed = clock.Elapsed;
        await memory.DisposeAsync();
        if (!result.Succeeded) throw new InvalidOperationException("Styra's import failed:\n" + string.Join("\n", result.Errors.Take(20)));
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var timing = new ImportTiming(target.Title, "Styra", result.Summary!.ValuesAdded, elapsed, memory.PeakWorkingSet, memory.PeakGcHeap, memory.Profile(),
            $"{load} → {Report.LoadAverage()}");
        var after = await CountAsync(services);
        // The demo's formula indicator (a difference of two of the real KPIs) is computed for the new years too.
        if (result.Summary.ValuesAdded != set.Count || after - before != set.Count + result.Summary.ValuesComputed)
            throw new InvalidOperationException($"Styra added {result.Summary.ValuesAdded:N0} values and computed {result.Summary.ValuesComputed:N0} ({after - before:N0} rows); expected {set.Count:N0}");
        Log.Line(string.Create(CultureInfo.InvariantCulture,
            $"{target.Title}: Styra {elapsed.TotalSeconds:F1} s (CPU of this process {cpuUsed.TotalSeconds:F1} s), {timing.PerSecond:N0} values/s; last value read at {progress.LastValueAt.TotalSeconds:F1} s, "
            + $"so {(elapsed - progress.LastValueAt).TotalSeconds:F1} s for finishing; peak working set {Report.Mb(timing.PeakWorkingSet)}, GC heap {Report.Mb(timing.PeakGcHeap ?? 0)}"));
        var rest = target.Provider == DatabaseProvider.Postgres ? "the COPY's completion, the merge into Measurements and the commit" : "the commit";
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"{target.Title}, Styra: {cpuUsed.TotalSeconds:F1} s CPU in the importing process; the last value was read and handed to the writer at {progress.LastValueAt.TotalSeconds:F1} s of {elapsed.TotalSeconds:F1} s; "
            + $"the rest is {rest}. Throughput per million values read: {progress.Rates()}."));
        target.ClearPools();
        return timing;
    }
}

async Task<ImportTiming> ImportNativelyAsync(BenchDatabase target, string connection)
{
    var csv = Path.Combine(options.Directory, $"measurements-{target.Provider.ToString().ToLowerInvariant()}.csv");
    IReadOnlyList<string> columns;
    IReadOnlyList<(string Name, string Value)> settings;
    long before;
    await using (var services = target.Services(connection, demoData: false))
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        // The import the CSV rows refer to, as Styra would record one.
        var batch = new ImportBatch("csv", Path.GetFileName(csv), $"benchmark ({target.NativeLoader})", DateTimeOffset.UtcNow);
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync();
        var indicators = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Code, i => i.Id, StringComparer.Ordinal);
        var firstId = (await db.Measurements.MaxAsync(m => (long?)m.Id) ?? 0) + 1;
        columns = await target.CsvColumnsAsync(db);
        settings = await target.SettingsAsync(db);
        before = await db.Measurements.LongCountAsync();
        var writing = Stopwatch.StartNew();
        await set.WriteCsvAsync(csv, columns, indicators, firstId, batch.Id);
        Log.Line($"{target.Title}: wrote {csv} ({new FileInfo(csv).Length / (1024 * 1024):N0} MB, columns {string.Join(",", columns)}) in {writing.Elapsed.TotalSeconds:F0} s (untimed)");
    }
    target.ClearPools();
    await using (var f = File.OpenRead(csv)) await f.CopyToAsync(Stream.Null);

    Log.Line($"{target.Title}: {target.NativeLoader} loads {set.Count:N0} rows");
    var load = Report.LoadAverage();
    var run = await target.LoadNativeAsync(connection, csv, columns, settings);
    load = $"{load} → {Report.LoadAverage()}";
    await using (var services = target.Services(connection, demoData: false))
    {
        var after = await CountAsync(services);
        if (after - before != set.Count) throw new InvalidOperationException($"{target.NativeLoader} added {after - before:N0} rows; expected {set.Count:N0}");
    }
    target.ClearPools();
    File.Delete(csv);
    var timing = new ImportTiming(target.Title, target.NativeLoader, set.Count, run.Elapsed, run.PeakMemory, null, null, load);
    Log.Line(string.Create(CultureInfo.InvariantCulture, $"{target.Title}: {target.NativeLoader} {run.Elapsed.TotalSeconds:F1} s, {timing.PerSecond:N0} values/s ({run.Command})"));
    notes.Add($"{target.Title}, native: `{run.Command}`");
    return timing;
}

static async Task<long> CountAsync(IServiceProvider services)
{
    await using var scope = services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
    db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
    return await db.Measurements.LongCountAsync();
}

/// <summary>The benchmark's options; see bench/run.sh, which passes them on.</summary>
internal sealed record BenchOptions(long Values, int Seed, string Directory, string? Postgres, string? WebDll, int Warmups, int Requests, bool Native, long SqliteVariants)
{
    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions(10_000_000, 20_261_125, "/tmp/styra-bench", null, null, 20, 200, true, 0);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--values" => o with { Values = long.Parse(Next().Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) },
                "--seed" => o with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--dir" => o with { Directory = Path.GetFullPath(Next()) },
                "--postgres" => o with { Postgres = Next() },
                "--web" => o with { WebDll = Path.GetFullPath(Next()) },
                "--warmups" => o with { Warmups = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--requests" => o with { Requests = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--no-native" => o with { Native = false },
                "--sqlite-variants" => o with { SqliteVariants = long.Parse(Next(), CultureInfo.InvariantCulture) },
                var other => throw new ArgumentException($"unknown option {other}; expected --values N, --seed N, --dir DIR, --postgres CONNECTION, --web Styra.Web.dll, --warmups N, --requests N, --no-native, --sqlite-variants N"),
            };
        }
        if (o.Values < 1) throw new ArgumentException("--values must be at least 1");
        return o;
    }
}

/// <summary>Logs the import's progress every million values and keeps when each million was reached.</summary>
internal sealed class ProgressLog(string title, long total) : IProgress<ImportProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<TimeSpan> _millions = [];

    public TimeSpan LastValueAt { get; private set; }

    public void Report(ImportProgress value)
    {
        if (value.Values >= total && LastValueAt == TimeSpan.Zero) LastValueAt = _clock.Elapsed;
        while (value.Values >= (_millions.Count + 1) * 1_000_000L)
        {
            _millions.Add(_clock.Elapsed);
            Log.Line(string.Create(CultureInfo.InvariantCulture, $"{title}: Styra has read {_millions.Count}M values ({_clock.Elapsed.TotalSeconds:F1} s)"));
        }
    }

    /// <summary>Values per second in each million read: flat means no slowdown as the table grows.</summary>
    public string Rates()
    {
        if (_millions.Count == 0) return "(under a million values)";
        var rates = _millions.Select((t, i) => 1_000_000 / (t - (i == 0 ? TimeSpan.Zero : _millions[i - 1])).TotalSeconds);
        return string.Join(", ", rates.Select(r => (r / 1000).ToString("F0", CultureInfo.InvariantCulture) + "k"));
    }
}
