using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Reports;
using Styra.Web.Accounts;

namespace Styra.Web.Apis;

/// <summary>
/// Downloads a follow-up event's report as DOCX, PDF or the XLSX data appendix. The region's readers get the approved
/// content; a draft (?draft=true, watermarked UTKAST) is for the planners, and for a committee's own report also for its
/// reporters and approvers.
/// </summary>
public static class ReportsApi
{
    public static void MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/followup/events/{id:int}/report/{format}", async Task<IResult> (int id, string format, string? committee, bool? draft,
            CurrentAccess current, StyraDbContext db, Reports reports, CancellationToken ct) =>
        {
            var access = await current.GetAsync(ct);
            if (!access.IsAuthenticated) return FollowUpApi.Unauthorized();
            var ev = await db.ReportingEvents.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.RegionId }).SingleOrDefaultAsync(ct);
            if (ev is null) return TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"There is no reporting event {id}.");
            if (!access.CanRead(ev.RegionId)) return FollowUpApi.Forbidden("You have no role in this event's region.");
            if (!Reports.TryParseFormat(format, out var f))
                return TypedResults.Problem(statusCode: 400, title: "Unknown format", detail: $"'{format}' is not a report format; expected docx, pdf or xlsx.");
            // The page's "whole region" option sends committee= (empty): that is the region's report.
            committee = string.IsNullOrWhiteSpace(committee) ? null : committee.Trim();
            int? unitId = null;
            if (committee is not null)
            {
                unitId = await db.Units.AsNoTracking().Where(u => u.RegionId == ev.RegionId && u.Code == committee).Select(u => (int?)u.Id).SingleOrDefaultAsync(ct);
                if (unitId is null) return TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"There is no committee '{committee}' in the event's region.");
            }
            if (draft == true && !access.IsPlanner(ev.RegionId)
                && !(unitId is { } u && (access.CanReport(ev.RegionId, u) || access.CanApprove(ev.RegionId, u))))
                return FollowUpApi.Forbidden(unitId is null
                    ? "Only the region's planners can make a draft of the region's report; the approved report is open to every reader."
                    : "Only the planners and the committee's reporters and approvers can make a draft of its report.");
            var files = await reports.WriteAsync(new ReportRequest(id, committee, draft == true), [f], ct);
            if (files is not { Count: 1 }) return TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"There is no reporting event {id}.");
            var file = files[0];
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        }).WithTags("Reports")
          .WithSummary("A follow-up event's report: docx, pdf or xlsx (the data appendix); ?committee=CODE for a committee's own; ?draft=true includes what is not yet approved, marked UTKAST");
    }
}
