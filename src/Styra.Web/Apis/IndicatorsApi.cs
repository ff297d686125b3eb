using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Indicators;
using Styra.Features.Organisation;

namespace Styra.Web.Apis;

public static class IndicatorsApi
{
    /// <summary>One value; <c>Unit</c> is the region's unit it belongs to, or null for the area as a whole.</summary>
    public sealed record ValueItem(string Area, string? Unit, string Period, string Gender, double Value, string Status, int ImportBatch);

    public static void MapIndicatorsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/regions/{code}/indicators", async Task<Results<Ok<List<IndicatorSummary>>, ProblemHttpResult>> (string code, StyraDbContext db, SummaryCache cache, CancellationToken ct) =>
        {
            if (RegionsApi.ParseCode(code) is not { } c) return RegionsApi.BadCode(code);
            var codes = await IndicatorQueries.LinkedCodesAsync(db, c, ct);
            var summaries = await cache.SummariesAsync(db, c, codes, ct: ct);
            return TypedResults.Ok(codes.Order(StringComparer.Ordinal).Select(x => summaries[x]).ToList());
        }).WithTags("Indicators").WithSummary("The indicators that follow up the region's current plans: latest value, Riket, rank, comparison");

        app.MapGet("/api/regions/{code}/catalogue", async Task<Results<Ok<CataloguePage>, ProblemHttpResult>> (
            string code, string? q, bool? all, int? page, StyraDbContext db, CancellationToken ct) =>
        {
            if (RegionsApi.ParseCode(code) is not { } c) return RegionsApi.BadCode(code);
            return TypedResults.Ok(await IndicatorQueries.CatalogueAsync(db, c, q, all ?? false, page ?? 1, ct: ct));
        }).WithTags("Indicators").WithSummary("Search every indicator Styra knows (the Kolada catalogue and the regions' own) by code, name or field; 50 per page, whether the region follows it up and whether values are stored");

        app.MapGet("/api/indicators/{code}/values", async Task<Results<Ok<List<ValueItem>>, ProblemHttpResult>> (
            string code, string? entity, string? from, string? to, string? gender, StyraDbContext db, CancellationToken ct) =>
        {
            var indicator = await db.Indicators.AsNoTracking().SingleOrDefaultAsync(i => i.Code == code, ct);
            if (indicator is null) return TypedResults.Problem(statusCode: 404, title: "Indicator not found", detail: $"There is no indicator '{code}'.");
            Period? start = null, end = null;
            if (from is not null && !Period.TryParse(from, out start)) return BadPeriod("from", from);
            if (to is not null && !Period.TryParse(to, out end)) return BadPeriod("to", to);
            Gender? g = null;
            if (gender is not null)
            {
                g = Genders.Parse(gender);
                if (g is null) return TypedResults.Problem(statusCode: 400, title: "Invalid gender", detail: $"gender '{gender}' is not T, K or M.");
            }
            var query = db.Measurements.AsNoTracking().Where(m => m.IndicatorId == indicator.Id);
            if (entity is not null)
            {
                // "0013" is the area as a whole, "0013/HSN" one of the region's units.
                var parts = entity.Split('/', 2);
                var (area, unit) = (parts[0], parts.Length > 1 ? parts[1] : Measurement.WholeArea);
                query = query.Where(m => m.AreaId == area && m.UnitCode == unit);
            }
            if (g is { } gg) query = query.Where(m => m.Gender == gg);
            var rows = await query.Select(m => new { m.AreaId, m.UnitCode, m.Period, m.Gender, m.Value, m.Status, m.ImportBatchId }).ToListAsync(ct);
            return TypedResults.Ok(rows
                // A period is in the range when it overlaps it, at either end alike.
                .Where(r => (start is null || r.Period.End >= start.Start) && (end is null || r.Period.Start <= end.End))
                .OrderBy(r => r.AreaId).ThenBy(r => r.UnitCode, StringComparer.Ordinal).ThenBy(r => r.Period).ThenBy(r => r.Gender)
                .Select(r => new ValueItem(r.AreaId, r.UnitCode.Length == 0 ? null : r.UnitCode, r.Period.ToString(), r.Gender.ToString(), r.Value, r.Status.ToString(), r.ImportBatchId))
                .ToList());
        }).WithTags("Indicators").WithSummary("An indicator's values, filtered by entity (an area such as 0013 or 0000 for Riket, or a unit such as 0013/HSN), period range and gender");

        app.MapGet("/api/regions/{code}/comparisons", async Task<Results<Ok<List<IndicatorSummary>>, ProblemHttpResult>> (string code, int? year, StyraDbContext db, SummaryCache cache, CancellationToken ct) =>
        {
            if (RegionsApi.ParseCode(code) is not { } c) return RegionsApi.BadCode(code);
            var codes = await IndicatorQueries.LinkedCodesAsync(db, c, ct);
            var summaries = await cache.SummariesAsync(db, c, codes, year, ct);
            return TypedResults.Ok(summaries.Values.Where(s => s.WorseThanRiket == true).OrderBy(s => s.Code, StringComparer.Ordinal).ToList());
        }).WithTags("Indicators").WithSummary("The linked indicators where the region is worse than Riket at its latest period (up to ?year=YYYY when given), with the gap");
    }

    /// <summary>The chart of an indicator for a region against Riket, as SVG (shown with a text alternative and the table).</summary>
    public static void MapIndicatorCharts(this IEndpointRouteBuilder app) =>
        app.MapGet("/regions/{code}/indicators/{indicator}/chart.svg", async Task<IResult> (string code, string indicator, StyraDbContext db, SummaryCache cache, CancellationToken ct) =>
        {
            if (RegionsApi.ParseCode(code) is not { } c || await OrganisationQueries.RegionAsync(db, c, ct) is not { } region
                || (await cache.SummariesAsync(db, c, [indicator], ct: ct)).GetValueOrDefault(indicator) is not { } summary)
                return Results.NotFound();
            return Results.Content(IndicatorChart.Svg(summary, region.Name, Lang.T("Riket", "Sweden")), "image/svg+xml");
        }).ExcludeFromDescription();

    private static ProblemHttpResult BadPeriod(string name, string value) => TypedResults.Problem(statusCode: 400, title: "Invalid period",
        detail: $"{name} '{value}' is not a period; expected a year (2022), a tertial (2022T1) or a month (2022M03).");
}
