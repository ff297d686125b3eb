using Microsoft.AspNetCore.Http.HttpResults;
using Styra.Data;
using Styra.Features.Plans;

namespace Styra.Web.Apis;

public static class PlansApi
{
    public static void MapPlansApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/plans").WithTags("Plans");

        api.MapGet("/{id:int}", async Task<Results<Ok<PlanView>, ProblemHttpResult>> (int id, int? version, StyraDbContext db, CancellationToken ct) =>
            await PlanQueries.PlanAsync(db, id, version, ct) is { } plan ? TypedResults.Ok(plan)
            : TypedResults.Problem(statusCode: 404, title: "Plan not found",
                detail: version is null ? $"There is no plan {id}." : $"There is no plan {id} with a version {version}."))
            .WithSummary("A plan with its goal tree (the current version, or ?version=N)");

        api.MapGet("/{id:int}/diff", async Task<Results<Ok<PlanDiffView>, ProblemHttpResult>> (int id, int from, int to, StyraDbContext db, CancellationToken ct) =>
            await PlanQueries.CompareAsync(db, id, from, to, ct) is { } diff ? TypedResults.Ok(diff)
            : TypedResults.Problem(statusCode: 404, title: "Plan or version not found", detail: $"Plan {id} has no versions {from} and {to} to compare."))
            .WithSummary("The difference between two versions of a plan: added, removed and changed nodes");
    }
}
