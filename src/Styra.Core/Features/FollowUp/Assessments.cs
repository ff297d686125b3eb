using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.Indicators;
using Styra.Features.Plans;

namespace Styra.Features.FollowUp;

/// <summary>What a save of an assessment carries: the fields the reporter writes.</summary>
public sealed record AssessmentInput(Fulfilment? Fulfilment, Fulfilment? Forecast, string? Analysis);

public enum Outcome { Ok, NotFound, Forbidden, Conflict, Invalid }

/// <summary>A field that is wrong, in both languages (the UI shows one, the API both).</summary>
public sealed record FieldProblem(string Field, string Swedish, string English);

/// <summary>
/// What came of a change: done, or why not — not found, not allowed, someone else saved first (the other's version is
/// in <see cref="Current"/>), or invalid (the fields and what was expected).
/// </summary>
public sealed record WorkflowResult(Outcome Outcome, Assessment? Current, IReadOnlyList<FieldProblem> Problems)
{
    public static WorkflowResult Ok(Assessment a) => new(Outcome.Ok, a, []);
    public static readonly WorkflowResult NotFound = new(Outcome.NotFound, null, []);
    public static WorkflowResult Forbidden(Assessment a, string sv, string en) => new(Outcome.Forbidden, a, [new("", sv, en)]);
    public static WorkflowResult Conflict(Assessment a) => new(Outcome.Conflict, a, []);
    public static WorkflowResult Invalid(Assessment a, params FieldProblem[] problems) => new(Outcome.Invalid, a, problems);
}

/// <summary>
/// The assessment workflow: save a draft, submit, approve (locks it), return with a comment. Every step checks the
/// actor's role, the state, and the version the actor saw: a step on an older version is a conflict, never a silent
/// overwrite. The indicator values are frozen into the assessment when it is submitted.
/// </summary>
public sealed class Assessments(StyraDbContext db, TimeProvider time)
{
    public const int MaxAnalysis = 20_000;
    public const int MaxComment = 2_000;

    public Task<Assessment?> FindAsync(int id, CancellationToken ct = default) =>
        db.Assessments.Include(a => a.Event).ThenInclude(e => e.Plan).Include(a => a.Unit).Include(a => a.Region)
            .Include(a => a.Snapshot).AsSplitQuery().SingleOrDefaultAsync(a => a.Id == id, ct);

    public Task<WorkflowResult> SaveAsync(int id, int version, AssessmentInput input, Access access, CancellationToken ct = default) =>
        StepAsync(id, version, access, write: true, ct, a =>
        {
            if (!a.IsEditable)
                return Locked(a);
            var problems = Check(a, input, submitting: false);
            if (problems.Length > 0) return WorkflowResult.Invalid(a, problems);
            a.Fulfilment = input.Fulfilment;
            a.Forecast = a.Event.AsksForecast ? input.Forecast : null;
            a.Analysis = (input.Analysis ?? "").Trim();
            if (a.Status == AssessmentStatus.NotStarted) a.Status = AssessmentStatus.Draft;
            return null;
        });

    public Task<WorkflowResult> SubmitAsync(int id, int version, AssessmentInput? input, Access access, CancellationToken ct = default) =>
        StepAsync(id, version, access, write: true, ct, a =>
        {
            if (!a.IsEditable) return Locked(a);
            input ??= new AssessmentInput(a.Fulfilment, a.Forecast, a.Analysis);
            var problems = Check(a, input, submitting: true);
            if (problems.Length > 0) return WorkflowResult.Invalid(a, problems);
            a.Fulfilment = input.Fulfilment;
            a.Forecast = a.Event.AsksForecast ? input.Forecast : null;
            a.Analysis = (input.Analysis ?? "").Trim();
            a.Status = AssessmentStatus.Submitted;
            a.SubmittedByUserId = access.PersonId;
            a.SubmittedBy = access.Name;
            a.SubmittedAt = time.GetUtcNow();
            return null;
        }, snapshot: true);

    public Task<WorkflowResult> ApproveAsync(int id, int version, Access access, CancellationToken ct = default) =>
        StepAsync(id, version, access, write: false, ct, a =>
        {
            if (a.Status != AssessmentStatus.Submitted)
                return WorkflowResult.Invalid(a, new FieldProblem("status", $"Bara en inskickad bedömning kan godkännas; den här är {Names.Status(a.Status, false)}.",
                    $"Only a submitted assessment can be approved; this one is {Names.Status(a.Status, true)}."));
            if (IsOwnSubmission(a, access)) return OwnSubmission(a);
            a.Status = AssessmentStatus.Approved;
            a.ApprovedBy = access.Name;
            a.ApprovedAt = time.GetUtcNow();
            return null;
        });

    public Task<WorkflowResult> ReturnAsync(int id, int version, string? comment, Access access, CancellationToken ct = default) =>
        StepAsync(id, version, access, write: false, ct, a =>
        {
            if (a.Status != AssessmentStatus.Submitted)
                return WorkflowResult.Invalid(a, new FieldProblem("status", $"Bara en inskickad bedömning kan återsändas; den här är {Names.Status(a.Status, false)}.",
                    $"Only a submitted assessment can be returned; this one is {Names.Status(a.Status, true)}."));
            if (IsOwnSubmission(a, access)) return OwnSubmission(a);
            if (string.IsNullOrWhiteSpace(comment))
                return WorkflowResult.Invalid(a, new FieldProblem("comment", "Skriv varför bedömningen återsänds, så att rapportören vet vad som ska ändras.",
                    "Write why the assessment is returned, so that the reporter knows what to change."));
            if (comment.Length > MaxComment)
                return WorkflowResult.Invalid(a, new FieldProblem("comment", $"Kommentaren får vara högst {MaxComment} tecken.", $"The comment may be at most {MaxComment} characters."));
            a.Status = AssessmentStatus.Returned;
            a.ReturnComment = comment.Trim();
            return null;
        });

    /// <summary>May the actor write (true) or approve (false) this assessment?</summary>
    public static bool May(Assessment a, Access access, bool write) =>
        a.UnitId is { } unit
            ? write ? access.CanReport(a.RegionId, unit) : access.CanApprove(a.RegionId, unit)
            : access.IsPlanner(a.RegionId);

    private async Task<WorkflowResult> StepAsync(int id, int version, Access access, bool write, CancellationToken ct,
        Func<Assessment, WorkflowResult?> apply, bool snapshot = false)
    {
        var a = await FindAsync(id, ct);
        if (a is null || !access.CanRead(a.RegionId)) return WorkflowResult.NotFound;
        if (!May(a, access, write))
            return write
                ? WorkflowResult.Forbidden(a, "Du kan bara skriva bedömningar för dina egna enheters uppdrag.", "You can write assessments only for your own units' assignments.")
                : WorkflowResult.Forbidden(a, "Du är inte godkännare för den här enheten.", "You are not an approver for this unit.");
        if (a.Version != version) return WorkflowResult.Conflict(a);
        if (apply(a) is { } refused) return refused;
        if (snapshot) await TakeSnapshotAsync(a, ct);
        a.Version++;
        a.UpdatedAt = time.GetUtcNow();
        a.UpdatedBy = access.Name;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await FindAsync(id, ct) is { } current ? WorkflowResult.Conflict(current) : WorkflowResult.NotFound;
        }
        return WorkflowResult.Ok(a);
    }

    private static bool IsOwnSubmission(Assessment a, Access access) =>
        (a.SubmittedByUserId is { } by && by == access.PersonId) || a.SubmittedBy == access.Name;

    private static WorkflowResult OwnSubmission(Assessment a) =>
        WorkflowResult.Forbidden(a, "Du skickade in den här bedömningen själv; någon annan måste godkänna eller återsända den.",
            "You submitted this assessment yourself; someone else must approve or return it.");

    private static WorkflowResult Locked(Assessment a) =>
        WorkflowResult.Invalid(a, new FieldProblem("status",
            a.IsLocked ? "Bedömningen är godkänd och låst." : "Bedömningen är inskickad; den kan ändras först om godkännaren återsänder den.",
            a.IsLocked ? "The assessment is approved and locked." : "The assessment is submitted; it can be changed only if the approver returns it."));

    private static FieldProblem[] Check(Assessment a, AssessmentInput input, bool submitting)
    {
        var problems = new List<FieldProblem>();
        if ((input.Analysis?.Length ?? 0) > MaxAnalysis)
            problems.Add(new("analysis", $"Analysen får vara högst {MaxAnalysis} tecken; den är {input.Analysis!.Length}.",
                $"The analysis may be at most {MaxAnalysis} characters; it is {input.Analysis!.Length}."));
        if (!submitting) return [.. problems];
        if (input.Fulfilment is null)
            problems.Add(new("fulfilment", "Välj måluppfyllelse (uppfyllt, delvis uppfyllt, ej uppfyllt eller ej bedömt) innan du skickar in.",
                "Choose the fulfilment (met, partly met, not met or not assessed) before you submit."));
        if (string.IsNullOrWhiteSpace(input.Analysis))
            problems.Add(new("analysis", "Skriv en analys innan du skickar in.", "Write an analysis before you submit."));
        if (a.Event.AsksForecast && input.Forecast is null)
            problems.Add(new("forecast", $"{a.Event.Name} kräver en prognos för helåret: välj den.", $"{a.Event.Name} asks for a full-year forecast: choose one."));
        return [.. problems];
    }

    /// <summary>Freezes the node's indicator values as of the event's year into the assessment.</summary>
    internal async Task TakeSnapshotAsync(Assessment a, CancellationToken ct)
    {
        a.Snapshot.Clear();
        if (a.NodeKey.Length == 0) return;
        var codes = await db.GoalNodes.AsNoTracking().CurrentNodes()
            .Where(n => n.PlanVersion.PlanId == a.Event.PlanId && n.Key == a.NodeKey)
            .SelectMany(n => n.Indicators.OrderBy(i => i.SortOrder)).Select(i => i.Indicator.Code).ToListAsync(ct);
        if (codes.Count == 0) return;
        var summaries = await IndicatorQueries.SummariesAsync(db, a.Region.Code, codes, ct, asOfYear: a.Event.Year);
        var now = time.GetUtcNow();
        foreach (var code in codes)
        {
            if (!summaries.TryGetValue(code, out var s)) continue;
            a.Snapshot.Add(new SnapshotValue(a, s.Code, s.Name, a.Region.Code.KoladaId, s.LatestPeriod ?? "", s.Latest, s.Target, now));
        }
    }
}

/// <summary>Swedish and English names of the follow-up's states.</summary>
public static class Names
{
    public static string Status(AssessmentStatus s, bool english) => (s, english) switch
    {
        (AssessmentStatus.NotStarted, false) => "ej påbörjad",
        (AssessmentStatus.Draft, false) => "utkast",
        (AssessmentStatus.Submitted, false) => "inskickad",
        (AssessmentStatus.Returned, false) => "återsänd",
        (AssessmentStatus.Approved, false) => "godkänd",
        (AssessmentStatus.NotStarted, true) => "not started",
        (AssessmentStatus.Draft, true) => "draft",
        (AssessmentStatus.Submitted, true) => "submitted",
        (AssessmentStatus.Returned, true) => "returned",
        _ => "approved",
    };

    public static string Fulfilment(Fulfilment f, bool english) => (f, english) switch
    {
        (FollowUp.Fulfilment.Met, false) => "Uppfyllt",
        (FollowUp.Fulfilment.PartlyMet, false) => "Delvis uppfyllt",
        (FollowUp.Fulfilment.NotMet, false) => "Ej uppfyllt",
        (FollowUp.Fulfilment.NotAssessed, false) => "Ej bedömt",
        (FollowUp.Fulfilment.Met, true) => "Met",
        (FollowUp.Fulfilment.PartlyMet, true) => "Partly met",
        (FollowUp.Fulfilment.NotMet, true) => "Not met",
        _ => "Not assessed",
    };
}
