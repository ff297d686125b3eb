using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Organisation;

namespace Styra.Features.Reports;

/// <summary>A written report file: its name, media type and bytes.</summary>
public sealed record ReportFile(string FileName, string ContentType, byte[] Content);

/// <summary>Builds a follow-up event's report once and writes it in the formats asked for.</summary>
public sealed class Reports(StyraDbContext db, ReportBuilder builder)
{
    public static string Extension(ReportFormat f) => f switch { ReportFormat.Docx => "docx", ReportFormat.Pdf => "pdf", _ => "xlsx" };

    public static string ContentType(ReportFormat f) => f switch
    {
        ReportFormat.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ReportFormat.Pdf => "application/pdf",
        _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    public static bool TryParseFormat(string? text, out ReportFormat format)
    {
        format = default;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "docx": format = ReportFormat.Docx; return true;
            case "pdf": format = ReportFormat.Pdf; return true;
            case "xlsx": format = ReportFormat.Xlsx; return true;
            default: return false;
        }
    }

    public async Task<IReadOnlyList<ReportFile>?> WriteAsync(ReportRequest request, IReadOnlyCollection<ReportFormat> formats, CancellationToken ct = default)
    {
        var report = await builder.BuildAsync(request with { Charts = request.Charts && formats.Any(f => f != ReportFormat.Xlsx) }, ct);
        return report is null ? null : formats.Distinct().Select(f => Write(report, f)).ToList();
    }

    public static ReportFile Write(ReportDocument report, ReportFormat format) => new(
        $"{report.FileStem}{(format == ReportFormat.Xlsx ? "-dataunderlag" : "")}.{Extension(format)}", ContentType(format), format switch
        {
            ReportFormat.Docx => DocxReportWriter.Write(report),
            ReportFormat.Pdf => PdfReportWriter.Write(report),
            _ => XlsxReportWriter.Write(report),
        });

    /// <summary>
    /// Finds a region's event by its id or its name — the whole name ("Uppföljningsrapport 2 / delårsbokslut 2024") or
    /// a short form: "UR1 2024", "UR2 2024", "ÅR 2024" / "Årsredovisning 2024", "Månadsrapport mars 2024".
    /// </summary>
    public async Task<(int? EventId, string? Problem)> FindEventAsync(RegionCode region, string text, CancellationToken ct = default)
    {
        var events = await db.ReportingEvents.AsNoTracking().Where(e => e.Region.Code == region)
            .Select(e => new { e.Id, e.Name, e.Kind, e.Year }).ToListAsync(ct);
        if (int.TryParse(text, out var id)) return events.Any(e => e.Id == id) ? (id, null) : (null, $"there is no event {id} in region {region}");
        var exact = events.Where(e => string.Equals(e.Name, text.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (exact.Count == 1) return (exact[0].Id, null);
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2 && int.TryParse(parts[1], out var year))
        {
            FollowUp.EventKind? kind = parts[0].ToUpperInvariant() switch
            {
                "UR1" => FollowUp.EventKind.Tertial1,
                "UR2" or "DELÅRSBOKSLUT" => FollowUp.EventKind.Tertial2,
                "ÅR" or "ÅRSREDOVISNING" => FollowUp.EventKind.AnnualReport,
                _ => null,
            };
            var matches = events.Where(e => e.Kind == kind && e.Year == year).ToList();
            if (matches.Count == 1) return (matches[0].Id, null);
        }
        var names = string.Join("; ", events.OrderBy(e => e.Year).ThenBy(e => e.Kind).Select(e => $"{e.Id}: {e.Name}"));
        return (null, $"no single event '{text}' in region {region}; the events are: {names}");
    }
}
