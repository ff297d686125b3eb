using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Styra.Bench;

/// <summary>Progress lines on standard error, with the time since the benchmark started.</summary>
internal static class Log
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static void Line(string text) => Console.Error.WriteLine($"[{Clock.Elapsed:hh\\:mm\\:ss}] {text}");
}

/// <summary>One timed import: who loaded, how many values, how long, and the memory of the loading process.</summary>
internal sealed record ImportTiming(string Provider, string Loader, long Values, TimeSpan Elapsed, long PeakWorkingSet, long? PeakGcHeap, string? Profile, string Load)
{
    public double PerSecond => Values / Elapsed.TotalSeconds;
}

/// <summary>The results as Markdown tables.</summary>
internal static class Report
{
    public static string Mb(long bytes) => $"{bytes / (1024.0 * 1024.0):F0} MB";

    /// <summary>The machine's load average over the last minute: other work on the machine slows what is timed.</summary>
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    public static string Markdown(IReadOnlyList<ImportTiming> imports, IReadOnlyList<RouteTiming> routes, IReadOnlyList<string> notes)
    {
        var s = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        s.AppendLine("| database | loader | values | seconds | values/s | Styra ÷ native | peak memory of the loader | peak GC heap | working set at 0, ¼, ½, ¾, end | load avg before → after |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var i in imports)
        {
            var native = imports.FirstOrDefault(n => n.Provider == i.Provider && n.Loader != "Styra");
            var ratio = i.Loader == "Styra" && native is not null ? (i.PerSecond / native.PerSecond).ToString("F2", c) : "";
            s.AppendLine(string.Create(c, $"| {i.Provider} | {i.Loader} | {i.Values:N0} | {i.Elapsed.TotalSeconds:F1} | {i.PerSecond:N0} | {ratio} | {Mb(i.PeakWorkingSet)} | {(i.PeakGcHeap is { } g ? Mb(g) : "")} | {i.Profile ?? ""} | {i.Load} |"));
        }
        if (routes.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("| database | route | requests | p50 ms | p95 ms | max ms | web process CPU ms per request | response bytes | load avg before → after |");
            s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---|");
            foreach (var r in routes)
                s.AppendLine(string.Create(c, $"| {r.Provider} | `GET {r.Route}` | {r.Requests} | {r.P50:F1} | {r.P95:F1} | {r.Max:F1} | {r.CpuMs:F1} | {r.Bytes:N0} | {r.Load} |"));
        }
        if (notes.Count > 0)
        {
            s.AppendLine();
            foreach (var n in notes) s.AppendLine($"- {n}");
        }
        return s.ToString();
    }
}
