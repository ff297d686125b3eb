using System.Diagnostics;
using System.Net;
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
        var (started, baseUrl) = WebProcess.Start(webDll, provider, connection, logFile);
        using var web = started;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
            await WebProcess.WaitUntilUpAsync(http, web);
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
        var cpu = WebProcess.CpuTime(webPid);
        var times = new double[requests];
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            await GetAsync(http, route);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        var cpuMs = (WebProcess.CpuTime(webPid) - cpu).TotalMilliseconds / requests;
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

    /// <summary>The nearest-rank percentile of sorted times.</summary>
    private static double Percentile(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>The id of Region Halland's "Mål och budget", the plan whose goals show indicator tables.</summary>
    private static async Task<int> HallandGoalsAndBudgetAsync(HttpClient http)
    {
        using var plans = JsonDocument.Parse(await http.GetStringAsync("/api/regions/13/plans"));
        return plans.RootElement.EnumerateArray()
            .First(p => p.GetProperty("kind").GetString() == "goals-and-budget")
            .GetProperty("id").GetInt32();
    }

}
