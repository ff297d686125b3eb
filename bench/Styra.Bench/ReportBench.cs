using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.FollowUp;
using Styra.Features.Reports;

namespace Styra.Bench;

/// <summary>
/// The report benchmark (bench/reports.sh, docs/benchmarks.md): Halland's demo reports — the annual report and UR2 as
/// drafts, so every goal, assessment written so far, indicator and chart is in them — built and written in DOCX, PDF
/// and XLSX, timed over several runs after a warm-up. Goal: all three formats of the annual report in under 3 s.
/// </summary>
public static class ReportBench
{
    public static async Task<int> RunAsync(string directory, int runs)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "reports.db");
        foreach (var f in Directory.GetFiles(directory, "reports.db*")) File.Delete(f);
        var bench = new SqliteBench(directory);
        await using var services = bench.Services($"Data Source={file}", demoData: true);
        Log.Line("Loading the demo regions ...");
        await StyraDatabase.InitializeAsync(services);

        var output = new StringBuilder();
        var steps = new List<string>();
        output.AppendLine("| report | formats | runs | median | min | max | pages (PDF) | sizes (DOCX / PDF / XLSX) | figures in the appendix |");
        output.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var kind in new[] { EventKind.AnnualReport, EventKind.Tertial2 })
        {
            int id;
            string name;
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
                var ev = await db.ReportingEvents.Where(e => e.Kind == kind && e.Year == 2024 && e.Region.Code == new Styra.Features.Organisation.RegionCode("13")).SingleAsync();
                (id, name) = (ev.Id, ev.Name);
            }
            var times = new List<double>();
            var parts = new List<(double Build, double Docx, double Pdf, double Xlsx)>();
            IReadOnlyList<ReportFile> files = [];
            for (var i = 0; i <= runs; i++)
            {
                await using var scope = services.CreateAsyncScope();
                var reports = scope.ServiceProvider.GetRequiredService<Styra.Features.Reports.Reports>();
                var watch = Stopwatch.StartNew();
                files = (await reports.WriteAsync(new ReportRequest(id, IncludeDrafts: true), [ReportFormat.Docx, ReportFormat.Pdf, ReportFormat.Xlsx]))!;
                watch.Stop();
                if (i > 0) times.Add(watch.Elapsed.TotalMilliseconds); // the first run warms up (JIT, fonts)
                // Where the time goes: the same work again, step by step.
                var step = Stopwatch.StartNew();
                var document = (await scope.ServiceProvider.GetRequiredService<ReportBuilder>().BuildAsync(new ReportRequest(id, IncludeDrafts: true)))!;
                var build = step.Elapsed.TotalMilliseconds;
                step.Restart(); DocxReportWriter.Write(document); var docx = step.Elapsed.TotalMilliseconds;
                step.Restart(); PdfReportWriter.Write(document); var pdfTime = step.Elapsed.TotalMilliseconds;
                step.Restart(); XlsxReportWriter.Write(document); var xlsx = step.Elapsed.TotalMilliseconds;
                if (i > 0) parts.Add((build, docx, pdfTime, xlsx));
                Log.Line($"{name}: run {i} {watch.Elapsed.TotalMilliseconds:F0} ms{(i == 0 ? " (warm-up)" : "")}");
            }
            foreach (var f in files) await File.WriteAllBytesAsync(Path.Combine(directory, f.FileName), f.Content);
            times.Sort();
            var pdf = files.Single(f => f.FileName.EndsWith(".pdf", StringComparison.Ordinal));
            var pages = PdfPages(Path.Combine(directory, pdf.FileName));
            var figures = await Figures(services, id);
            output.Append(string.Create(CultureInfo.InvariantCulture, $"| {name} (utkast) | DOCX + PDF + XLSX | {runs} | {times[times.Count / 2] / 1000:F2} s | {times[0] / 1000:F2} s | {times[^1] / 1000:F2} s | {pages} | ")
                + string.Join(" / ", files.Select(f => $"{f.Content.Length / 1024} kB")) + $" | {figures} |\n");
            steps.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Median(parts.Select(p => p.Build))} ms | {Median(parts.Select(p => p.Docx))} ms | {Median(parts.Select(p => p.Pdf))} ms | {Median(parts.Select(p => p.Xlsx))} ms |"));
        }
        output.AppendLine();
        output.AppendLine("Where the time goes (medians; the build reads the database and draws the charts):");
        output.AppendLine();
        output.AppendLine("| report | build | DOCX | PDF | XLSX |");
        output.AppendLine("|---|---|---|---|---|");
        foreach (var line in steps) output.AppendLine(line);
        Console.Write(output);
        return 0;
    }

    private static string Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? "–" : sorted[sorted.Count / 2].ToString("F0", CultureInfo.InvariantCulture);
    }

    private static async Task<int> Figures(IServiceProvider services, int id)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ReportBuilder>().BuildAsync(new ReportRequest(id, IncludeDrafts: true, Charts: false)))!.Figures.Count;
    }

    private static string PdfPages(string path)
    {
        try
        {
            var info = new ProcessStartInfo("pdfinfo", [path]) { RedirectStandardOutput = true };
            using var p = Process.Start(info)!;
            var text = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return text.Split('\n').FirstOrDefault(l => l.StartsWith("Pages:", StringComparison.Ordinal))?[6..].Trim() ?? "?";
        }
        catch (System.ComponentModel.Win32Exception) { return "?"; }
    }
}
