using Styra.Data;
using Styra.Features.CareOffer;
using Styra.Features.FollowUp;
using Styra.Features.Reports;
using Styra.Web.Accounts;

namespace Styra.Web.Apis;

/// <summary>A principle as a finding cites it, with the plan page's address when the region has that plan.</summary>
public sealed record PrincipleDto(string Title, string Text, string? PlanKey, string? NodeKey, string? Url);

public sealed record FindingDto(string Check, string Subject, string SubjectName, IReadOnlyList<string> UnitKeys, string Swedish, string English, int? Measured, int? Threshold);

public sealed record CheckDto(string Check, string Name, bool Enabled, int? Threshold, int? SecondThreshold, PrincipleDto Principle, IReadOnlyList<FindingDto> Findings);

public sealed record FindingsDto(string Region, int Year, bool IsDemo, int Units, bool SettingsSaved, IReadOnlyList<CheckDto> Checks);

public sealed record ProposalBody(int Version, string? Title, string? Description, IReadOnlyList<ProposalChangeInput>? Changes);

/// <summary>A finding on both sides; <c>changed</c> when its figures, units or wording differ.</summary>
public sealed record FindingPairDto(FindingDto Before, FindingDto After, bool Changed);

/// <summary>One check on both sides: resolved + remaining = before, new + remaining = after; changed are the remaining whose figures differ.</summary>
public sealed record ComparisonCheckDto(string Check, string Name, bool Enabled, int Before, int After, PrincipleDto Principle,
    IReadOnlyList<FindingDto> Resolved, IReadOnlyList<FindingPairDto> Remaining, IReadOnlyList<FindingPairDto> Changed, IReadOnlyList<FindingDto> New);

public sealed record YearComparisonDto(int Year, int With, IReadOnlyList<ComparisonCheckDto> Checks, IReadOnlyList<UnitChange> UnitChanges);

public sealed record ComparisonDto(ProposalView Proposal, IReadOnlyList<ComparisonCheckDto> Checks, IReadOnlyList<UnitChange> UnitChanges, IReadOnlyList<FieldProblem> Problems);

/// <summary>
/// The principle checks of the care offer: a year's findings, the region's settings of the checks, and proposals with
/// their findings before and after. Readers of the region read; planners write.
/// </summary>
public static class CareOfferChecksApi
{
    public static void MapCareOfferChecksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/regions/{code}/care-offer").WithTags("Care offer");

        api.MapGet("/{year:int}/findings", async Task<IResult> (string code, int year, CurrentAccess current, StyraDbContext db, CareOfferCheckSettings settings, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var report = await settings.FindingsAsync(region!.Code, year, await current.GetAsync(ct), ct);
            if (report is null) return NoRegister(code, year);
            return TypedResults.Ok(new FindingsDto(report.RegionCode, year, report.Register.IsDemo, report.Register.UnitCount, report.SettingsSaved,
                report.Checks.Select(c => new CheckDto(c.Rule.Check.ToString(), CareOfferChecks.Name(c.Rule.Check, true), c.Rule.Enabled, c.Rule.Threshold,
                    c.Rule.SecondThreshold, Principle(c.Rule.Principle, report), c.Findings.Select(Dto).ToList())).ToList()));
        }).WithSummary("The principle checks run on the region's care-offer register of the year: each check with its settings, the principle it cites and its findings");

        api.MapGet("/settings", async Task<IResult> (string code, CurrentAccess current, StyraDbContext db, CareOfferCheckSettings settings, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            return TypedResults.Ok(await settings.LoadAsync(region!.Code, await current.GetAsync(ct), ct));
        }).WithSummary("The region's settings of the principle checks (isSaved false: the defaults, from Skåne's guiding principles); send version back when saving");

        api.MapPut("/settings", async Task<IResult> (string code, CheckSettingsInput body, CurrentAccess current, StyraDbContext db, CareOfferCheckSettings settings, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var r = await settings.SaveAsync(region!.Code, body with { Checks = body.Checks ?? [], Specialties = body.Specialties ?? [] }, await current.GetAsync(ct), ct);
            return r.Outcome switch
            {
                Outcome.Ok => TypedResults.Ok(r.Current),
                Outcome.Forbidden => FollowUpApi.Forbidden(string.Join(" ", r.Problems.Select(p => p.English))),
                Outcome.NotFound => TypedResults.NotFound(),
                Outcome.Conflict => TypedResults.Problem(statusCode: 409, title: "Someone else saved first",
                    detail: $"The settings are at version {r.Current!.Version}; you sent {body.Version}.", extensions: new Dictionary<string, object?> { ["current"] = r.Current }),
                _ => FollowUpApi.Invalid(r.Problems),
            };
        }).WithSummary("Save the region's settings of the principle checks: all six checks and the whole table of specialty thresholds (planners)");

        api.MapGet("/{year:int}/proposals", async Task<IResult> (string code, int year, CurrentAccess current, StyraDbContext db, Proposals proposals, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            return TypedResults.Ok(await proposals.ListAsync(region!.Code, year, await current.GetAsync(ct), ct));
        }).WithSummary("The proposals to change the year's care offer");

        api.MapPost("/{year:int}/proposals", async Task<IResult> (string code, int year, ProposalBody body, CurrentAccess current, StyraDbContext db, Proposals proposals, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var r = await proposals.CreateAsync(region!.Code, year, Input(body), await current.GetAsync(ct), ct);
            return r.Outcome == Outcome.Ok ? TypedResults.Created($"/api/regions/{code}/care-offer/{year}/proposals/{r.Current!.Id}", r.Current) : ToResult(r, body);
        }).WithSummary("Create a proposal { title, description (Markdown), changes: [{ kind: concentrate|move|open|close, unitKey, sourceUnitKeys, newMunicipalityId, newLevel, newUnit }] } (planners)");

        api.MapGet("/{year:int}/proposals/{id:int}", async Task<IResult> (string code, int year, int id, CurrentAccess current, StyraDbContext db, Proposals proposals, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            return await proposals.GetAsync(region!.Code, year, id, await current.GetAsync(ct), ct) is { } p ? TypedResults.Ok(p) : NoProposal(code, year, id);
        }).WithSummary("A proposal with its changes in order");

        api.MapPut("/{year:int}/proposals/{id:int}", async Task<IResult> (string code, int year, int id, ProposalBody body, CurrentAccess current, StyraDbContext db, Proposals proposals, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            return ToResult(await proposals.SaveAsync(region!.Code, year, id, body.Version, Input(body), await current.GetAsync(ct), ct), body);
        }).WithSummary("Save a proposal: title, description and the whole ordered list of changes, with the version you read (planners)");

        api.MapDelete("/{year:int}/proposals/{id:int}", async Task<IResult> (string code, int year, int id, int version, CurrentAccess current, StyraDbContext db, Proposals proposals, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var r = await proposals.DeleteAsync(region!.Code, year, id, version, await current.GetAsync(ct), ct);
            return r.Outcome == Outcome.Ok ? TypedResults.NoContent() : ToResult(r, new ProposalBody(version, null, null, null));
        }).WithSummary("Delete a proposal (?version= the version you read; planners)");

        api.MapGet("/{year:int}/proposals/{id:int}/comparison", async Task<IResult> (string code, int year, int id, CurrentAccess current, StyraDbContext db, Proposals proposals, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var c = await proposals.CompareAsync(region!.Code, year, id, await current.GetAsync(ct), ct);
            if (c is null) return NoProposal(code, year, id);
            return TypedResults.Ok(new ComparisonDto(c.Proposal, c.Checks.Select(x => Dto(x, c.Before)).ToList(), c.UnitChanges, c.Problems));
        }).WithSummary("The principle checks before and after the proposal: per check the counts and the findings resolved, remaining (before and after; changed when the figures differ) and new; the units changed");

        api.MapGet("/{year:int}/compare", async Task<IResult> (string code, int year, int? with, CurrentAccess current, StyraDbContext db, RegisterComparison comparison, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var c = await comparison.CompareAsync(region!.Code, year, with, await current.GetAsync(ct), ct);
            if (c is null)
                return TypedResults.Problem(statusCode: 404, title: "Not found",
                    detail: $"Region {code} has no care-offer register for {year}, or none for {(with is { } w ? w.ToString(System.Globalization.CultureInfo.InvariantCulture) : "an earlier year")} to compare it with.");
            return TypedResults.Ok(new YearComparisonDto(c.Year, c.With, c.Checks.Select(x => Dto(x, c.Before)).ToList(), c.UnitChanges));
        }).WithSummary("Two years' registers compared: per check the findings of the earlier year (with, by default the latest before) and of this year, and the units opened, closed or changed");

        api.MapGet("/{year:int}/proposals/{id:int}/report/{format}", async Task<IResult> (string code, int year, int id, string format, CurrentAccess current, StyraDbContext db,
            ProposalReport reports, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            if (!Reports.TryParseFormat(format, out var f) || f == ReportFormat.Xlsx)
                return TypedResults.Problem(statusCode: 400, title: "Unknown format", detail: $"'{format}' is not a format of the decision basis; use docx or pdf.");
            var file = await reports.WriteAsync(region!.Code, year, id, f, await current.GetAsync(ct), ct);
            return file is null ? NoProposal(code, year, id) : TypedResults.File(file.Content, file.ContentType, file.FileName);
        }).WithSummary("The proposal's decision basis (beslutsunderlag) as docx or pdf: the changes, the checks before and after, the findings with their principles");
    }

    private static ProposalInput Input(ProposalBody b) => new(b.Title, b.Description, b.Changes ?? []);

    private static PrincipleDto Principle(PrincipleCitation p, CheckReport report) => new(p.Title, p.Text, p.PlanKey, p.NodeKey, report.PrincipleUrl(p));

    private static ComparisonCheckDto Dto(FindingComparison x, CheckReport before) => new(x.Check.ToString(), CareOfferChecks.Name(x.Check, true), x.Rule.Enabled,
        x.Before, x.After, Principle(x.Rule.Principle, before), x.Resolved.Select(Dto).ToList(), x.Remaining.Select(Dto).ToList(), x.Changed.Select(Dto).ToList(),
        x.New.Select(Dto).ToList());

    private static FindingPairDto Dto(FindingPair p) => new(Dto(p.Before), Dto(p.After), p.IsChanged);

    private static FindingDto Dto(Finding f) => new(f.Check.ToString(), f.SubjectKey, f.SubjectName, f.UnitKeys, f.Swedish, f.English, f.Measured, f.Threshold);

    private static IResult NoRegister(string code, int year) =>
        TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"Region {code} has no care-offer register for {year}.");

    private static IResult NoProposal(string code, int year, int id) =>
        TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"Region {code} has no proposal {id} for {year} (or no register for {year}).");

    private static IResult ToResult(ProposalResult r, ProposalBody body) => r.Outcome switch
    {
        Outcome.Ok => TypedResults.Ok(r.Current),
        Outcome.Forbidden => FollowUpApi.Forbidden(string.Join(" ", r.Problems.Select(p => p.English))),
        Outcome.NotFound => TypedResults.Problem(statusCode: 404, title: "Not found", detail: "There is no such proposal."),
        Outcome.Conflict => TypedResults.Problem(statusCode: 409, title: "Someone else saved first",
            detail: $"The proposal is at version {r.Current!.Version}; you sent {body.Version}.", extensions: new Dictionary<string, object?> { ["current"] = r.Current }),
        _ => FollowUpApi.Invalid(r.Problems),
    };
}
