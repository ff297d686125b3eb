using Styra.Features.Organisation;
using Styra.Features.Indicators;
using Styra.Data;
using Styra.Features.Economy;
using Styra.Web.Components.Pages.Public;

namespace Styra.Web.Apis;

/// <summary>The charts of the public pages: the financial goals over the published years, and the indicators the region follows up.</summary>
public static class PublicCharts
{
    /// <summary>A financial goal over the published economy years, as SVG (shown with a text alternative and the table).</summary>
    public static void MapPublicCharts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/public/{code}/economy/financial-goals/{goal}.svg", async Task<IResult> (string code, string goal, PublicEconomy economy, CancellationToken ct) =>
        {
            if (RegionsApi.ParseCode(code) is not { } c || PublicEconomy.FromSlug(goal) is not { } kind
                || await economy.YearsAsync(c, ct) is not { } found || found.Years.Count == 0)
                return Results.NotFound();
            var series = (await economy.FinancialGoalsAsync(c, ct)).Single(s => s.Goal == kind);
            return Results.Content(FinancialGoalChart.Svg(kind, series.Figures, Lang.IsEnglish), "image/svg+xml");
        }).ExcludeFromDescription().CacheOutput(PublicApiProtection.CachePolicy);

        // An indicator's chart on the public pages: under /public, so rate-limited and kept in the output cache like the
        // pages, and only for the indicators that follow up the region's current plans.
        app.MapGet("/public/{code}/indicators/{indicator}/chart.svg", async Task<IResult> (string code, string indicator, StyraDbContext db,
            SummaryCache cache, CancellationToken ct) =>
        {
            if (RegionsApi.ParseCode(code) is not { } c || await OrganisationQueries.RegionAsync(db, c, ct) is not { } region
                || !(await IndicatorQueries.LinkedCodesAsync(db, c, ct)).Contains(indicator)
                || (await cache.SummariesAsync(db, c, [indicator], ct: ct)).GetValueOrDefault(indicator) is not { } summary)
                return Results.NotFound();
            return Results.Content(IndicatorChart.Svg(summary, region.Name, Lang.T("Riket", "Sweden")), "image/svg+xml");
        }).ExcludeFromDescription().CacheOutput(PublicApiProtection.CachePolicy);
    }
}
