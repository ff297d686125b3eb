using Styra.Data;
using Styra.Features.FollowUp;
using Styra.Features.Publishing;
using Styra.Web.Accounts;

namespace Styra.Web.Apis;

/// <summary>
/// The planners' publishing decisions: what of the region's follow-up and economy is public, and from when. Planners
/// only (401 anonymous, 403 without the planner role); the public content itself is served by the open-data API.
/// </summary>
public static class PublishingApi
{
    public static void MapPublishingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/regions/{code}").WithTags("Publishing");

        api.MapGet("/publications", async Task<IResult> (string code, CurrentAccess current, StyraDbContext db, Publisher publisher, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var (outcome, candidates) = await publisher.CandidatesAsync(region!.Code, await current.GetAsync(ct), ct);
            return outcome == Outcome.Ok ? TypedResults.Ok(candidates) : FollowUpApi.Forbidden("Only the region's planners decide what is published.");
        }).WithSummary("What could be published (the follow-up events other than monthly reports, and the economy years), each with its publication if it has one (planners)");

        api.MapPost("/publications", async Task<IResult> (string code, PublishInput body, CurrentAccess current, StyraDbContext db, Publisher publisher, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            return ToResult(await publisher.PublishAsync(region!.Code, body, await current.GetAsync(ct), ct), code);
        }).WithSummary("Publish a follow-up event { kind: \"follow-up\", eventId } or an economy year { kind: \"economy\", year }, now or from publishAt (ISO 8601); publishing again reschedules (planners)");

        api.MapDelete("/publications/{id:int}", async Task<IResult> (string code, int id, CurrentAccess current, StyraDbContext db, Publisher publisher, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            return ToResult(await publisher.WithdrawAsync(region!.Code, id, await current.GetAsync(ct), ct), code);
        }).WithSummary("Withdraw a publication: its content leaves the public pages and the open data at once (planners)");
    }

    private static IResult ToResult(PublishingResult result, string code) => result.Outcome switch
    {
        Outcome.Ok => TypedResults.Ok(result.Publication),
        Outcome.Forbidden => FollowUpApi.Forbidden(string.Join(" ", result.Problems.Select(p => p.English))),
        Outcome.NotFound => TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"There is no such publication in region {code}."),
        _ => FollowUpApi.Invalid(result.Problems),
    };
}
