using Styra.Data;
using Styra.Features.Economy;
using Styra.Features.FollowUp;
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

    public sealed record JudgementWithEvidence(JudgementView Judgement, JudgementEvidenceView Evidence);
    public sealed record JudgementBody(int Version, ManagementVerdict? Verdict, string? Text);
    public sealed record VersionBody(int Version);
    public sealed record FeesBody(IReadOnlyList<FeeInput>? Fees);
    public sealed record TaxAndFeesView(TaxRateView? TaxRate, IReadOnlyList<FeeDecisionView> Fees);
    public sealed record ItemsBody(FigureKind? Kind, IReadOnlyDictionary<string, decimal?>? Items);
    public sealed record ItemsSaved(int Added, int Changed, int Removed);

    public static void MapEconomyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/regions/{code}").WithTags("Economy");

        api.MapGet("/economy/{year:int}/judgement", async Task<IResult> (string code, int year, CurrentAccess current, StyraDbContext db, Judgements judgements,
            JudgementEvidence evidence, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            return denied ?? TypedResults.Ok(new JudgementWithEvidence((await judgements.GetAsync(region!.Code, year, ct))!, (await evidence.ForYearAsync(region.Code, year, ct))!));
        }).WithSummary("The year's judgement of god ekonomisk hushållning (version 0 when not written yet) and the evidence beside it: the focus areas' goal fulfilment and the financial goals");

        api.MapPut("/economy/{year:int}/judgement", (string code, int year, JudgementBody body, CurrentAccess current, StyraDbContext db, Judgements judgements, CancellationToken ct) =>
            JudgementStepAsync(code, current, db, ct, (c, access) => judgements.SaveAsync(c, year, body.Version, new JudgementInput(body.Verdict, body.Text), access, ct)))
            .WithSummary("Save the judgement as a draft (planners): { version, verdict, text }; the first save is against version 0; 409 with `current` when someone saved since");

        api.MapPost("/economy/{year:int}/judgement/approve", (string code, int year, VersionBody body, CurrentAccess current, StyraDbContext db, Judgements judgements, CancellationToken ct) =>
            JudgementStepAsync(code, current, db, ct, (c, access) => judgements.ApproveAsync(c, year, body.Version, access, ct)))
            .WithSummary("Approve (lock) the judgement: another planner or an administrator, never the one who wrote the latest version");

        api.MapPost("/economy/{year:int}/judgement/reopen", (string code, int year, VersionBody body, CurrentAccess current, StyraDbContext db, Judgements judgements, CancellationToken ct) =>
            JudgementStepAsync(code, current, db, ct, (c, access) => judgements.ReopenAsync(c, year, body.Version, access, ct)))
            .WithSummary("Reopen an approved judgement as a draft (planners)");

        api.MapPut("/economy/{year:int}/tax-rate", (string code, int year, TaxRateInput body, CurrentAccess current, StyraDbContext db, TaxAndFees taxes, CancellationToken ct) =>
            TaxAndFeesStepAsync(code, current, db, ct, (c, access) => taxes.SetTaxRateAsync(c, year, body, access, ct)))
            .WithSummary("Set the year's tax rate (planners): { percent: 11.40, source }; above 0 and below 100");

        api.MapPut("/economy/{year:int}/fees", (string code, int year, FeesBody body, CurrentAccess current, StyraDbContext db, TaxAndFees taxes, CancellationToken ct) =>
            TaxAndFeesStepAsync(code, current, db, ct, (c, access) => taxes.SaveFeesAsync(c, year, body.Fees ?? [], access, ct)))
            .WithSummary("Replace the year's fee decisions (planners): { fees: [{ area, decision, maxChangePercent, source }] }; one decision per area; all or nothing");

        api.MapPut("/economy/{year:int}/budget-frames", (string code, int year, FramesInput body, CurrentAccess current, StyraDbContext db, EditFrames frames, CancellationToken ct) =>
            FramesStepAsync(code, current, db, ct, (c, access) => frames.SaveFramesAsync(c, year, body with { Rows = body.Rows ?? [] }, access, ct)))
            .WithSummary("Replace the year's budget frames (planners): { rows: [{ label, unit, amount }], statedTotal, source }; all or nothing");

        api.MapPut("/economy/{year:int}/investment-plan", (string code, int year, InvestmentPlanInput body, CurrentAccess current, StyraDbContext db, EditFrames frames, CancellationToken ct) =>
            FramesStepAsync(code, current, db, ct, (c, access) => frames.SaveInvestmentPlanAsync(c, year, body, access, ct)))
            .WithSummary("Set the year's investment plan (planners): { decidedAndReinvestments, propertyInvestments, statedTotal, source }");

        api.MapPut("/economy/{year:int}/items", async Task<IResult> (string code, int year, ItemsBody body, CurrentAccess current, StyraDbContext db, EnterEconomyItems entry, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var access = await current.GetAsync(ct);
            if (!access.IsPlanner(region!.Id)) return FollowUpApi.Forbidden("Only the region's planners can enter economy items.");
            var entries = new List<ItemEntry>();
            var unknown = new List<FieldProblem>();
            foreach (var (key, amount) in body.Items ?? new Dictionary<string, decimal?>())
            {
                var match = EconomyImporter.ItemNames.FirstOrDefault(n => string.Equals(n.Code, key, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(n.Item.ToString(), key, StringComparison.OrdinalIgnoreCase));
                if (match.Code is null) unknown.Add(new(key, "", $"'{key}' is not an economy item; expected one of the codes in docs/economy-format.md, e.g. skatteintakter"));
                else entries.Add(new ItemEntry(match.Item, amount));
            }
            if (body.Kind is null) unknown.Add(new("kind", "", "Name the kind of the figures: outcome, budget or forecast."));
            if (unknown.Count > 0) return FollowUpApi.Invalid(unknown);
            var result = await entry.SaveAsync(region.Code, year, body.Kind!.Value, entries, access, ct);
            return result.Outcome switch
            {
                Outcome.Ok => TypedResults.Ok(new ItemsSaved(result.Added, result.Changed, result.Removed)),
                Outcome.Forbidden => FollowUpApi.Forbidden(string.Join(" ", result.Problems.Select(p => p.English))),
                Outcome.NotFound => TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"There is no region {code}."),
                _ => FollowUpApi.Invalid(result.Problems),
            };
        }).WithSummary("Enter or correct a year's items of one kind (planners): { kind: \"budget\", items: { \"skatteintakter\": 9000, \"avskrivningar\": null } }; null removes; all or nothing");

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
                Outcome.Ok => TypedResults.Ok(result.Current),
                Outcome.Forbidden => FollowUpApi.Forbidden(string.Join(" ", result.Problems.Select(p => p.English))),
                Outcome.NotFound => TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"There is no region {code}."),
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

    private static async Task<IResult> JudgementStepAsync(string code, CurrentAccess current, StyraDbContext db, CancellationToken ct,
        Func<Styra.Features.Organisation.RegionCode, Styra.Features.Accounts.Access, Task<JudgementResult>> step)
    {
        var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
        if (denied is not null) return denied;
        var result = await step(region!.Code, await current.GetAsync(ct));
        return result.Outcome switch
        {
            Outcome.Ok => TypedResults.Ok(result.Current),
            Outcome.Conflict => TypedResults.Problem(statusCode: 409, title: "Someone else saved first",
                detail: $"The judgement is at version {result.Current!.Version}; you sent an older one. Read it again, merge your change and save with the new version.",
                extensions: new Dictionary<string, object?> { ["current"] = result.Current }),
            Outcome.Forbidden => FollowUpApi.Forbidden(string.Join(" ", result.Problems.Select(p => p.English))),
            Outcome.NotFound => TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"There is no region {code}."),
            _ => FollowUpApi.Invalid(result.Problems),
        };
    }

    private static async Task<IResult> TaxAndFeesStepAsync(string code, CurrentAccess current, StyraDbContext db, CancellationToken ct,
        Func<Styra.Features.Organisation.RegionCode, Styra.Features.Accounts.Access, Task<TaxAndFeesResult>> step)
    {
        var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
        if (denied is not null) return denied;
        var result = await step(region!.Code, await current.GetAsync(ct));
        return result.Outcome switch
        {
            Outcome.Ok => TypedResults.Ok(new TaxAndFeesView(result.TaxRate, result.Fees)),
            Outcome.Forbidden => FollowUpApi.Forbidden(string.Join(" ", result.Problems.Select(p => p.English))),
            Outcome.NotFound => TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"There is no region {code}."),
            _ => FollowUpApi.Invalid(result.Problems),
        };
    }

    private static async Task<IResult> FramesStepAsync(string code, CurrentAccess current, StyraDbContext db, CancellationToken ct,
        Func<Styra.Features.Organisation.RegionCode, Styra.Features.Accounts.Access, Task<FramesResult>> step)
    {
        var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
        if (denied is not null) return denied;
        var result = await step(region!.Code, await current.GetAsync(ct));
        return result.Outcome switch
        {
            Outcome.Ok => result.Frames is not null ? TypedResults.Ok(result.Frames) : TypedResults.Ok(result.InvestmentPlan),
            Outcome.Forbidden => FollowUpApi.Forbidden(string.Join(" ", result.Problems.Select(p => p.English))),
            Outcome.NotFound => TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"There is no region {code}."),
            _ => FollowUpApi.Invalid(result.Problems),
        };
    }
}
