using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Styra.Data;

namespace Styra.Bench;

/// <summary>Response times of one route: median, 95th percentile and maximum over the timed requests.</summary>
internal sealed record RouteTiming(string Provider, string Route, int Requests, double P50, double P95, double Max, double CpuMs, long Bytes, string Load);

/// <summary>
/// Starts the real web app (the built Styra.Web.dll, Production environment) on the database Styra imported into,
/// and times requests to it over loopback, one at a time: a number of warm-ups, then the timed requests.
/// </summary>
internal sealed class WebBench(string webDll, int warmups, int requests)
{
    public async Task<IReadOnlyList<RouteTiming>> RunAsync(string title, DatabaseProvider provider, string connection, string logFile)
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(webDll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Urls"] = baseUrl;
        start.Environment["Database__Provider"] = provider.ToString();
        start.Environment["ConnectionStrings__Styra"] = connection;
        start.Environment["Database__DemoData"] = "false";
        using var web = Process.Start(start) ?? throw new InvalidOperationException("the web app did not start");
        await using var log = new StreamWriter(logFile, append: true);
        web.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        web.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        web.BeginOutputReadLine();
        web.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
            await WaitUntilUpAsync(http, web);
            var planId = await HallandGoalsAndBudgetAsync(http);
            var routes = new[]
            {
                "/api/regions/13/comparisons?year=2022",
                "/api/regions/13/indicators",
                $"/plans/{planId}",
            };
            var timings = new List<RouteTiming>();
            foreach (var route in routes) timings.Add(await TimeAsync(http, web.Id, title, route));
            return timings;
        }
        finally
        {
            if (!web.HasExited) web.Kill();
            await web.WaitForExitAsync();
        }
    }

    private async Task<RouteTiming> TimeAsync(HttpClient http, int webPid, string title, string route)
    {
        long bytes = 0;
        for (var i = 0; i < warmups; i++) bytes = await GetAsync(http, route);
        var load = Report.LoadAverage();
        var cpu = CpuTime(webPid);
        var times = new double[requests];
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            await GetAsync(http, route);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        var cpuMs = (CpuTime(webPid) - cpu).TotalMilliseconds / requests;
        Array.Sort(times);
        var timing = new RouteTiming(title, route, requests, Percentile(times, 0.50), Percentile(times, 0.95), times[^1], cpuMs, bytes,
            $"{load} → {Report.LoadAverage()}");
        Log.Line($"{title} {route}: p50 {timing.P50:F1} ms, p95 {timing.P95:F1} ms, max {timing.Max:F1} ms, CPU {cpuMs:F1} ms per request, {bytes} bytes, load {timing.Load}");
        return timing;
    }

    private static async Task<long> GetAsync(HttpClient http, string route)
    {
        using var response = await http.GetAsync(route, HttpCompletionOption.ResponseContentRead);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {route} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)[..Math.Min(body.Length, 500)]}");
        return body.Length;
    }

    /// <summary>The CPU time (user and system, all threads) the web process has used so far, from /proc.</summary>
    private static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of /proc/PID/stat (utime, stime), counted after the command name: indexes 11 and 12; in clock ticks of 1/100 s.
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>The nearest-rank percentile of sorted times.</summary>
    private static double Percentile(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static async Task WaitUntilUpAsync(HttpClient http, Process web)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (web.HasExited) throw new InvalidOperationException($"the web app ended with exit code {web.ExitCode}; see its log");
            try
            {
                using var response = await http.GetAsync("/api/regions");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("the web app did not answer within 2 minutes");
    }

    /// <summary>The id of Region Halland's "Mål och budget", the plan whose goals show indicator tables.</summary>
    private static async Task<int> HallandGoalsAndBudgetAsync(HttpClient http)
    {
        using var plans = JsonDocument.Parse(await http.GetStringAsync("/api/regions/13/plans"));
        return plans.RootElement.EnumerateArray()
            .First(p => p.GetProperty("kind").GetString() == "goals-and-budget")
            .GetProperty("id").GetInt32();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
