using Styra.Data;
using Styra.Features.Economy;
using Styra.Features.FollowUp;
using Styra.Web.Accounts;

namespace Styra.Web.Apis;

/// <summary>
/// The committees' monthly economy reports: a month side by side with the region's forecast and the year's series, a
/// committee's months, and saving, submitting and reopening a report. Readers of the region read (401 anonymous, 403
/// without a role); the unit's reporters and the region's planners write; planners reopen. Amounts are mnkr.
/// </summary>
public static class MonthlyEconomyApi
{
    public sealed record ReportBody(int Version, decimal? OutcomeToDate, decimal? BudgetToDate, decimal? FullYearForecast, string? Comment);
    public sealed record VersionBody(int Version);

    public static void MapMonthlyEconomyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/regions/{code}/economy/{year:int}").WithTags("Economy");

        api.MapGet("/months/{month:int}", async Task<IResult> (string code, int year, int month, CurrentAccess current, StyraDbContext db, MonthlyEconomyQueries queries, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            if (BadMonth(month) is { } bad) return bad;
            return TypedResults.Ok(await queries.MonthAsync(region!.Code, year, month, ct));
        }).WithSummary("A month's economy per committee side by side: frame, budget to date, outcome, forecast, deviations, comment, status (null = ej inkommen); totals, the region's forecast and the year's series");

        api.MapGet("/committees/{unit}", async Task<IResult> (string code, int year, string unit, CurrentAccess current, StyraDbContext db, MonthlyEconomyQueries queries, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            return await queries.CommitteeAsync(region!.Code, year, unit, ct) is { } view ? TypedResults.Ok(view)
                : TypedResults.Problem(statusCode: 404, title: "Unit not found", detail: $"{region.Name} has no unit '{unit}'.");
        }).WithSummary("A committee's months of a year against its frame (frame null: no frame that year)");

        api.MapPut("/months/{month:int}/committees/{unit}", (string code, int year, int month, string unit, ReportBody body, CurrentAccess current, StyraDbContext db,
                CommitteeEconomyReports reports, CancellationToken ct) =>
            StepAsync(code, month, current, db, ct, (region, access) =>
                reports.SaveAsync(region, year, month, unit, body.Version, new(body.OutcomeToDate, body.BudgetToDate, body.FullYearForecast, body.Comment), access, ct)))
            .WithSummary("Save a committee's report for a month (created on the first save, version 0): outcome to date, periodised budget to date (optional), full-year forecast, comment (required for a deviation of 0.5 mnkr or more); 409 with the current report when someone saved since your version");

        api.MapPost("/months/{month:int}/committees/{unit}/submit", (string code, int year, int month, string unit, ReportBody body, CurrentAccess current, StyraDbContext db,
                CommitteeEconomyReports reports, CancellationToken ct) =>
            StepAsync(code, month, current, db, ct, (region, access) =>
                reports.SubmitAsync(region, year, month, unit, body.Version,
                    body is { OutcomeToDate: null, BudgetToDate: null, FullYearForecast: null, Comment: null } ? null
                        : new(body.OutcomeToDate, body.BudgetToDate, body.FullYearForecast, body.Comment), access, ct)))
            .WithSummary("Submit the report to the planners (with its fields, or as last saved); outcome and forecast are required");

        api.MapPost("/months/{month:int}/committees/{unit}/reopen", (string code, int year, int month, string unit, VersionBody body, CurrentAccess current, StyraDbContext db,
                CommitteeEconomyReports reports, CancellationToken ct) =>
            StepAsync(code, month, current, db, ct, (region, access) => reports.ReopenAsync(region, year, month, unit, body.Version, access, ct)))
            .WithSummary("Reopen a submitted report as a draft so that the committee can correct it (planners)");

        app.MapMonthlyEconomyChart();
    }

    /// <summary>The month's chart (SVG) for the overview page's image; readers of the region only, like the page.</summary>
    private static void MapMonthlyEconomyChart(this IEndpointRouteBuilder app) =>
        app.MapGet("/regions/{code}/economy/{year:int}/months/{month:int}/chart.svg", async Task<IResult> (string code, int year, int month, CurrentAccess current,
            StyraDbContext db, MonthlyEconomyQueries queries, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null || month is < 1 or > 12 || await queries.MonthAsync(region!.Code, year, month, ct) is not { } overview) return Results.NotFound();
            return Results.Content(EconomyChart.Svg(overview.Series, overview.FullYearBudget, Lang.IsEnglish), "image/svg+xml");
        }).ExcludeFromDescription();

    private static IResult? BadMonth(int month) => month is < 1 or > 12
        ? TypedResults.Problem(statusCode: 400, title: "Invalid month", detail: $"{month} is not a month; expected 1–12.")
        : null;

    private static async Task<IResult> StepAsync(string code, int month, CurrentAccess current, StyraDbContext db, CancellationToken ct,
        Func<Styra.Features.Organisation.RegionCode, Styra.Features.Accounts.Access, Task<CommitteeReportResult>> step)
    {
        var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
        if (denied is not null) return denied;
        if (BadMonth(month) is { } bad) return bad;
        var result = await step(region!.Code, await current.GetAsync(ct));
        return result.Outcome switch
        {
            Outcome.Ok => TypedResults.Ok(result.Current),
            Outcome.Conflict => TypedResults.Problem(statusCode: 409, title: "Someone else saved first",
                detail: $"The report is at version {result.Current!.Version}; you sent an older one. Read it again, merge your change and save with the new version.",
                extensions: new Dictionary<string, object?> { ["current"] = result.Current }),
            Outcome.Forbidden => FollowUpApi.Forbidden(string.Join(" ", result.Problems.Select(p => p.English))),
            Outcome.NotFound => TypedResults.Problem(statusCode: 404, title: "Unit not found", detail: $"{region.Name} has no such unit."),
            _ => FollowUpApi.Invalid(result.Problems),
        };
    }
}
