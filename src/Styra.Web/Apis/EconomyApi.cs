using Styra.Data;
using Styra.Features.Economy;
using Styra.Features.Indicators;
using Styra.Web.Accounts;

namespace Styra.Web.Apis;

/// <summary>
/// The economy API: a year's items with the financial goals and the balance requirement, the goals' history, the
/// budget frames and the investment plan, and importing items. Readers of the region only (401 anonymous, 403
/// without a role in the region); importing is for its planners. Amounts are mnkr.
/// </summary>
public static class EconomyApi
{
    public sealed record BalanceRequirementView(string Region, int Year, BudgetBalanceCheck? BudgetCheck, BalanceRequirementStatement? Statement,
        ExceptionalView? ExceptionalReasons, IReadOnlyList<RestorationObligation> Obligations, string Formula);

    public static void MapEconomyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/regions/{code}").WithTags("Economy");

        api.MapGet("/economy/{year:int}", async Task<IResult> (string code, int year, CurrentAccess current, StyraDbContext db, EconomyQueries economy, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            return denied ?? TypedResults.Ok(await economy.YearAsync(region!.Code, year, ct));
        }).WithSummary("A year's economy: items per kind with the computed result, frames (sum, stated total, difference), investment plan, financial goals computed and reported, balance requirement");

        api.MapGet("/financial-goals", async Task<IResult> (string code, CurrentAccess current, StyraDbContext db, EconomyQueries economy, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            return denied ?? TypedResults.Ok(await economy.FinancialGoalsAsync(region!.Code, ct));
        }).WithSummary("The three financial goals over the years: formula, target, computed and reported figures side by side");

        api.MapGet("/budget-frames", async Task<IResult> (string code, int? from, int? to, CurrentAccess current, StyraDbContext db, EconomyQueries economy, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            return denied ?? TypedResults.Ok(await economy.BudgetFramesAsync(region!.Code, from, to, ct));
        }).WithSummary("Budget frames per committee and year (mnkr), with the rows' sum, the stated total and their difference");

        api.MapGet("/investment-plan", async Task<IResult> (string code, int? from, int? to, CurrentAccess current, StyraDbContext db, EconomyQueries economy, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            return denied ?? TypedResults.Ok(await economy.InvestmentPlanAsync(region!.Code, from, to, ct));
        }).WithSummary("The investment plan per year (mnkr): decided and reinvestments, property investments, sum and stated total");

        api.MapGet("/balance-requirement/{year:int}", async Task<IResult> (string code, int year, CurrentAccess current, StyraDbContext db, EconomyQueries economy, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var y = (await economy.YearAsync(region!.Code, year, ct))!;
            return TypedResults.Ok(new BalanceRequirementView(y.Region, year, y.BudgetCheck, y.BalanceRequirement, y.ExceptionalReasons, y.Obligations,
                BalanceRequirementStatement.Formula));
        }).WithSummary("The balance requirement of a year: the budget check, the balanskravsutredning and the obligations to restore");

        api.MapPut("/economy/{year:int}/exceptional-reasons", async Task<IResult> (string code, int year, ExceptionalReasonsInput body, CurrentAccess current, StyraDbContext db,
            RecordExceptionalReasons record, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var result = await record.SaveAsync(region!.Code, year, body, await current.GetAsync(ct), ct);
            return result.Outcome switch
            {
                Styra.Features.FollowUp.Outcome.Ok => TypedResults.Ok(result.Current),
                Styra.Features.FollowUp.Outcome.Forbidden => FollowUpApi.Forbidden(string.Join(" ", result.Problems.Select(p => p.English))),
                Styra.Features.FollowUp.Outcome.NotFound => TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"There is no region {code}."),
                _ => FollowUpApi.Invalid(result.Problems),
            };
        }).WithSummary("Record the year's synnerliga skäl (planners): ground, justification and the figures it rests on");

        api.MapPost("/economy/items", async Task<IResult> (string code, string? format, bool? dryRun, HttpRequest request, CurrentAccess current, StyraDbContext db, EconomyImporter importer, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            if (!(await current.GetAsync(ct)).IsPlanner(region!.Id)) return FollowUpApi.Forbidden("Only the region's planners can import economy items.");
            var extension = (format ?? request.ContentType?.Split(';')[0]) switch
            {
                "csv" or "text/csv" => "csv",
                "xlsx" or "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
                _ => null,
            };
            if (extension is null) return TypedResults.Problem(statusCode: 415, title: "Unknown format",
                detail: "Send the items as text/csv or an .xlsx workbook (docs/economy-format.md), or name it with ?format=csv|xlsx.");
            var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            var bytes = buffer.ToArray();
            var result = await importer.ImportAsync(region.Code, new ImportFile($"api-{DateTimeOffset.UtcNow:yyyyMMddHHmmss}.{extension}", () => new MemoryStream(bytes)), ct, dryRun ?? false);
            return result.Succeeded
                ? TypedResults.Ok(result.Summary)
                : TypedResults.Problem(statusCode: 400, title: "The file has errors; nothing was imported.", detail: string.Join("\n", result.Errors),
                    extensions: new Dictionary<string, object?> { ["errors"] = result.Errors.Select(e => e.ToString()).ToList() });
        }).WithSummary("Import economy items from CSV or Excel (planners); all or nothing; ?dryRun=true checks and counts without saving");
    }
}
