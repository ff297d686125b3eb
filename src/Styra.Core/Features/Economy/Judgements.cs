using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.FollowUp;
using Styra.Features.Organisation;

namespace Styra.Features.Economy;

/// <summary>What a planner writes: the verdict and the reasoning (Markdown).</summary>
public sealed record JudgementInput(ManagementVerdict? Verdict, string? Text);

/// <summary>
/// The judgement of a year as the page and the API show it. <see cref="Exists"/> is false (and <see cref="Version"/> 0)
/// when no one has written it yet; the first save is made against version 0.
/// </summary>
public sealed record JudgementView(string Region, int Year, bool Exists, int? EventId, string? EventName, ManagementVerdict? Verdict, string Text,
    string TextHtml, JudgementStatus Status, int Version, DateTimeOffset? UpdatedAt, string? UpdatedBy, DateTimeOffset? ApprovedAt, string? ApprovedBy);

public sealed record JudgementResult(Outcome Outcome, JudgementView? Current, IReadOnlyList<FieldProblem> Problems);

/// <summary>
/// The yearly judgement of god ekonomisk hushållning: a planner saves drafts, another planner or an administrator —
/// never the one who wrote the last version — approves it, which locks it; a planner may reopen an approved judgement.
/// Every step names the version it was made on: a step on an older version is a conflict, never a silent overwrite.
/// The judgement is linked to the year's annual report (årsredovisning) in the calendar, when there is one.
/// </summary>
public sealed class Judgements(StyraDbContext db, TimeProvider time)
{
    public const int MaxText = 40_000;

    public async Task<JudgementView?> GetAsync(RegionCode code, int year, CancellationToken ct = default)
    {
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null) return null;
        var j = await db.SoundManagementJudgements.AsNoTracking().SingleOrDefaultAsync(x => x.RegionId == region.Id && x.Year == year, ct);
        return await ViewAsync(region, year, j, ct);
    }

    public Task<JudgementResult> SaveAsync(RegionCode code, int year, int version, JudgementInput input, Access access, CancellationToken ct = default) =>
        StepAsync(code, year, version, access, create: true, ct, j =>
        {
            if (j.Status == JudgementStatus.Approved) return Locked();
            var problems = new List<FieldProblem>();
            if ((input.Text?.Length ?? 0) > MaxText)
                problems.Add(new("text", $"Texten får vara högst {MaxText} tecken; den är {input.Text!.Length}.", $"The text may be at most {MaxText} characters; it is {input.Text!.Length}."));
            if (problems.Count > 0) return problems;
            j.Verdict = input.Verdict;
            j.Text = (input.Text ?? "").Trim();
            j.UpdatedByUserId = access.PersonId;
            return null;
        });

    public Task<JudgementResult> ApproveAsync(RegionCode code, int year, int version, Access access, CancellationToken ct = default) =>
        StepAsync(code, year, version, access, create: false, ct, j =>
        {
            if (j.Status == JudgementStatus.Approved)
                return [new("status", "Bedömningen är redan godkänd.", "The judgement is already approved.")];
            if ((j.UpdatedByUserId is { } by && by == access.PersonId) || (j.UpdatedByUserId is null && j.UpdatedBy == access.Name))
                return [new("", "Du skrev den senaste versionen själv; en annan planerare eller en administratör måste godkänna den.",
                    "You wrote the latest version yourself; another planner or an administrator must approve it.")];
            var problems = new List<FieldProblem>();
            if (j.Verdict is null)
                problems.Add(new("verdict", "Välj bedömningen (uppnås, uppnås delvis eller uppnås inte) innan den godkänns.",
                    "Choose the verdict (achieved, partly achieved or not achieved) before it is approved."));
            if (string.IsNullOrWhiteSpace(j.Text))
                problems.Add(new("text", "Skriv motiveringen innan bedömningen godkänns.", "Write the reasoning before the judgement is approved."));
            if (problems.Count > 0) return problems;
            j.Status = JudgementStatus.Approved;
            j.ApprovedAt = time.GetUtcNow();
            j.ApprovedBy = access.Name;
            return null;
        }, updatesWriter: false);

    public Task<JudgementResult> ReopenAsync(RegionCode code, int year, int version, Access access, CancellationToken ct = default) =>
        StepAsync(code, year, version, access, create: false, ct, j =>
        {
            if (j.Status != JudgementStatus.Approved)
                return [new("status", "Bara en godkänd bedömning kan öppnas igen; den här är ett utkast.", "Only an approved judgement can be reopened; this one is a draft.")];
            j.Status = JudgementStatus.Draft;
            j.ApprovedAt = null;
            j.ApprovedBy = null;
            return null;
        }, updatesWriter: false);

    /// <summary>The own-version check is the "forbidden" answer when the step names no field (approving one's own text).</summary>
    private async Task<JudgementResult> StepAsync(RegionCode code, int year, int version, Access access, bool create, CancellationToken ct,
        Func<SoundManagementJudgement, List<FieldProblem>?> apply, bool updatesWriter = true)
    {
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null || !access.CanRead(region.Id)) return new(Outcome.NotFound, null, []);
        var j = await db.SoundManagementJudgements.SingleOrDefaultAsync(x => x.RegionId == region.Id && x.Year == year, ct);
        if (!access.IsPlanner(region.Id))
            return new(Outcome.Forbidden, await ViewAsync(region, year, j, ct),
                [new("", "Bara regionens planerare och administratörer skriver och godkänner bedömningen av god ekonomisk hushållning.",
                    "Only the region's planners and administrators write and approve the judgement of sound financial management.")]);
        if (year is < 1990 or > 2100) return new(Outcome.Invalid, null, [new("year", "Ange ett år mellan 1990 och 2100.", "Give a year between 1990 and 2100.")]);
        if ((j?.Version ?? 0) != version) return new(Outcome.Conflict, await ViewAsync(region, year, j, ct), []);
        if (j is null)
        {
            if (!create)
                return new(Outcome.Invalid, await ViewAsync(region, year, null, ct),
                    [new("status", $"Det finns ingen bedömning för {year} ännu; spara ett utkast först.", $"There is no judgement for {year} yet; save a draft first.")]);
            j = new SoundManagementJudgement(region, year);
            db.SoundManagementJudgements.Add(j);
        }
        var refused = apply(j);
        if (refused is { Count: > 0 })
        {
            var current = j.Id == 0 ? null : await db.SoundManagementJudgements.AsNoTracking().SingleAsync(x => x.Id == j.Id, ct);
            db.ChangeTracker.Clear();
            var outcome = refused.All(p => p.Field.Length == 0) ? Outcome.Forbidden : Outcome.Invalid;
            return new(outcome, await ViewAsync(region, year, current, ct), refused);
        }
        // The link follows the calendar: an annual report added or changed since is picked up on the next step.
        j.EventId = await AnnualReportIdAsync(region.Id, year, ct);
        j.Version++;
        if (updatesWriter)
        {
            j.UpdatedAt = time.GetUtcNow();
            j.UpdatedBy = access.Name;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) // a concurrent first save (unique year) or a concurrent step (version token)
        {
            db.ChangeTracker.Clear();
            var now = await db.SoundManagementJudgements.AsNoTracking().SingleOrDefaultAsync(x => x.RegionId == region.Id && x.Year == year, ct);
            return new(Outcome.Conflict, await ViewAsync(region, year, now, ct), []);
        }
        return new(Outcome.Ok, await ViewAsync(region, year, j, ct), []);
    }

    private Task<int?> AnnualReportIdAsync(int regionId, int year, CancellationToken ct) =>
        db.ReportingEvents.Where(e => e.RegionId == regionId && e.Year == year && e.Kind == EventKind.AnnualReport)
            .OrderBy(e => e.Id).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);

    private async Task<JudgementView> ViewAsync(Region region, int year, SoundManagementJudgement? j, CancellationToken ct)
    {
        var eventId = j?.EventId ?? await AnnualReportIdAsync(region.Id, year, ct);
        var eventName = eventId is null ? null : await db.ReportingEvents.Where(e => e.Id == eventId).Select(e => e.Name).SingleOrDefaultAsync(ct);
        return j is null
            ? new(region.Code.Value, year, false, eventId, eventName, null, "", "", JudgementStatus.Draft, 0, null, null, null, null)
            : new(region.Code.Value, year, true, eventId, eventName, j.Verdict, j.Text, MarkdownText.ToSafeHtml(j.Text), j.Status, j.Version,
                j.UpdatedAt, j.UpdatedBy, j.ApprovedAt, j.ApprovedBy);
    }

    private static List<FieldProblem> Locked() =>
        [new("status", "Bedömningen är godkänd och låst; en planerare kan öppna den igen.", "The judgement is approved and locked; a planner can reopen it.")];
}
