using Styra.Features.Economy;
using Styra.Web.Components.Pages.Public;

namespace Styra.Web.Apis;

/// <summary>The charts of the public pages that are not an indicator's (those come from <see cref="IndicatorsApi.MapIndicatorCharts"/>).</summary>
public static class PublicCharts
{
    /// <summary>A financial goal over the published economy years, as SVG (shown with a text alternative and the table).</summary>
    public static void MapPublicCharts(this IEndpointRouteBuilder app) =>
        app.MapGet("/public/{code}/economy/financial-goals/{goal}.svg", async Task<IResult> (string code, string goal, PublicEconomy economy, CancellationToken ct) =>
        {
            if (RegionsApi.ParseCode(code) is not { } c || PublicEconomy.FromSlug(goal) is not { } kind
                || await economy.YearsAsync(c, ct) is not { } found || found.Years.Count == 0)
                return Results.NotFound();
            var series = (await economy.FinancialGoalsAsync(c, found.Years, ct)).Single(s => s.Goal == kind);
            return Results.Content(FinancialGoalChart.Svg(kind, series.Figures, Lang.IsEnglish), "image/svg+xml");
        }).ExcludeFromDescription().CacheOutput(PublicApiProtection.CachePolicy);
}
