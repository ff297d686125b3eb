using Microsoft.AspNetCore.Http.HttpResults;
using Styra.Data;
using Styra.Features.Organisation;
using Styra.Features.Plans;

namespace Styra.Web.Apis;

public static class RegionsApi
{
    public static void MapRegionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/regions").WithTags("Regions");

        api.MapGet("/", async (StyraDbContext db, CancellationToken ct) => TypedResults.Ok(await OrganisationQueries.RegionsAsync(db, ct)))
            .WithSummary("All regions");

        api.MapGet("/{code}", async Task<Results<Ok<RegionSummary>, ProblemHttpResult>> (string code, StyraDbContext db, CancellationToken ct) =>
            ParseCode(code) is not { } c ? BadCode(code)
            : await OrganisationQueries.RegionAsync(db, c, ct) is { } region ? TypedResults.Ok(region) : NoRegion(code))
            .WithSummary("One region");

        api.MapGet("/{code}/units", async Task<Results<Ok<OrganisationView>, ProblemHttpResult>> (string code, StyraDbContext db, CancellationToken ct) =>
            ParseCode(code) is not { } c ? BadCode(code)
            : await OrganisationQueries.OrganisationAsync(db, c, ct) is { } organisation ? TypedResults.Ok(organisation) : NoRegion(code))
            .WithSummary("The region's units (council, board, committees, administrations) and named groups of units");

        api.MapGet("/{code}/units/{unit}/goals", async Task<Results<Ok<UnitGoalsView>, ProblemHttpResult>> (string code, string unit, StyraDbContext db, CancellationToken ct) =>
            ParseCode(code) is not { } c ? BadCode(code)
            : await OrganisationQueries.UnitGoalsAsync(db, c, unit, ct) is { } goals ? TypedResults.Ok(goals)
            : TypedResults.Problem(statusCode: 404, title: "Unit not found", detail: $"Region {code} has no unit '{unit}'."))
            .WithSummary("Every goal-tree node the unit is responsible for, across the current versions of all plans");

        api.MapGet("/{code}/plans", async Task<Results<Ok<List<PlanSummary>>, ProblemHttpResult>> (string code, StyraDbContext db, CancellationToken ct) =>
            ParseCode(code) is not { } c ? BadCode(code)
            : await OrganisationQueries.RegionAsync(db, c, ct) is null ? NoRegion(code)
            : TypedResults.Ok(await PlanQueries.PlansAsync(db, c, ct)))
            .WithSummary("The region's plans with their current version");
    }

    internal static RegionCode? ParseCode(string code) => RegionCode.TryParse(code, out var c) ? c : null;

    internal static ProblemHttpResult BadCode(string code) => TypedResults.Problem(statusCode: 400, title: "Invalid region code",
        detail: $"'{code}' is not a region code; expected two digits, such as 13 (Region Halland) or 12 (Region Skåne).");

    internal static ProblemHttpResult NoRegion(string code) =>
        TypedResults.Problem(statusCode: 404, title: "Region not found", detail: $"There is no region with code {code}.");
}
