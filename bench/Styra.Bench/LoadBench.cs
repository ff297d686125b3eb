using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Styra.Bench;

/// <summary>What one route gave under load: throughput, latency percentiles, errors, and the web process's CPU.</summary>
internal sealed record LoadResult(string Route, int Concurrency, double Seconds, long Requests, long Errors, double Rps,
    double P50, double P90, double P99, double Max, long Bytes, double WebCpuCores, string Load);

/// <summary>
/// The public read endpoints under load (bench/public.sh; docs/benchmarks.md, "Public pages and open data"): starts the
/// built web app (Production) as its own process on a database with the 10M values, then this process — the second
/// one — keeps a fixed number of requests in flight over loopback to one route at a time, for a bounded time and at
/// most a bounded number of requests, and records each request's latency.
/// </summary>
internal static class LoadBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? web = null, db = null, log = "/tmp/styra-bench/public-web.log";
        var seconds = 15;
        var warmup = 3;
        var concurrency = 16;
        var maxRequests = 200_000;
        var routes = new List<string>();
        var bust = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--web": web = args[++i]; break;
                case "--db": db = args[++i]; break;
                case "--log": log = args[++i]; break;
                case "--seconds": seconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--concurrency": concurrency = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--max-requests": maxRequests = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--route": routes.Add(args[++i]); break;
                // Every request gets a query parameter of its own, so the output cache never answers: the cost without it.
                case "--bust-cache": bust = true; break;
                default: Console.Error.WriteLine($"unknown option {args[i]} (see bench/public.sh)"); return 2;
            }
        }
        if (web is null || db is null || routes.Count == 0)
        {
            Console.Error.WriteLine("usage: Styra.Bench public --web Styra.Web.dll --db FILE --route /path [--route …] [--seconds 15] [--concurrency 16]");
            return 2;
        }

        var (process, baseUrl) = WebProcess.Start(web, Styra.Data.DatabaseProvider.Sqlite, $"Data Source={db}", log,
            // The bench is one client on loopback asking far more than a person would: the per-client limit is lifted for it.
            new Dictionary<string, string> { ["PublicApi__PermitLimit"] = "100000000", ["PublicApi__WindowSeconds"] = "1" });
        try
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
            await WebProcess.WaitUntilUpAsync(http, process);
            var results = new List<LoadResult>();
            foreach (var route in routes)
            {
                await RunPhaseAsync(http, route, concurrency, TimeSpan.FromSeconds(warmup), maxRequests, process.Id, bust); // warm-up: caches, JIT, connections
                var result = await RunPhaseAsync(http, route, concurrency, TimeSpan.FromSeconds(seconds), maxRequests, process.Id, bust);
                Log.Line($"{route}: {result.Rps:F0} req/s, p50 {result.P50:F1} ms, p99 {result.P99:F1} ms, {result.Errors} errors, web CPU {result.WebCpuCores:F2} cores");
                results.Add(result);
            }
            if (bust) Console.WriteLine("Output cache bypassed: every request carried a query parameter of its own.\n");
            Console.WriteLine($"| route | in flight | seconds | requests | errors | req/s | p50 ms | p90 ms | p99 ms | max ms | bytes | web CPU (cores) | load avg |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var r in results)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| `GET {r.Route}` | {r.Concurrency} | {r.Seconds:F1} | {r.Requests:N0} | {r.Errors} | {r.Rps:N0} | {r.P50:F1} | {r.P90:F1} | {r.P99:F1} | {r.Max:F1} | {r.Bytes:N0} | {r.WebCpuCores:F2} | {r.Load} |"));
            return results.Any(r => r.Errors > 0) ? 1 : 0;
        }
        finally
        {
            if (!process.HasExited) process.Kill();
            await process.WaitForExitAsync();
        }
    }

    private static async Task<LoadResult> RunPhaseAsync(HttpClient http, string route, int concurrency, TimeSpan duration, int maxRequests, int webPid, bool bust)
    {
        var load = Report.LoadAverage();
        var cpu = WebProcess.CpuTime(webPid);
        var issued = 0L;
        var errors = 0L;
        var bytes = 0L;
        var latencies = new List<double>[concurrency];
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(capacity: 16_384);
            long n;
            while (clock.Elapsed < duration && (n = Interlocked.Increment(ref issued)) <= maxRequests)
            {
                var url = bust ? $"{route}{(route.Contains('?') ? '&' : '?')}bust={Environment.ProcessId}-{n}" : route;
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
                    else Interlocked.Exchange(ref bytes, body.Length);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpuCores = (WebProcess.CpuTime(webPid) - cpu).TotalSeconds / elapsed;
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        double P(double p) => all.Length == 0 ? double.NaN : all[Math.Max(0, (int)Math.Ceiling(p * all.Length) - 1)];
        return new LoadResult(route, concurrency, elapsed, all.Length, errors, all.Length / elapsed, P(0.50), P(0.90), P(0.99),
            all.Length == 0 ? double.NaN : all[^1], bytes, cpuCores, $"{load} → {Report.LoadAverage()}");
    }
}

/// <summary>The built web app as a process of its own (Production environment) on a given database, over loopback.</summary>
internal static class WebProcess
{
    public static (Process Process, string BaseUrl) Start(string webDll, Styra.Data.DatabaseProvider provider, string connection, string logFile,
        IReadOnlyDictionary<string, string>? environment = null)
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
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var web = Process.Start(start) ?? throw new InvalidOperationException("the web app did not start");
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        web.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        web.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        web.Exited += (_, _) => { lock (log) log.Dispose(); };
        web.EnableRaisingEvents = true;
        web.BeginOutputReadLine();
        web.BeginErrorReadLine();
        return (web, baseUrl);
    }

    public static async Task WaitUntilUpAsync(HttpClient http, Process web)
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

    /// <summary>The CPU time (user and system, all threads) a process has used so far, from /proc.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of /proc/PID/stat (utime, stime), counted after the command name: indexes 11 and 12; in clock ticks of 1/100 s.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
