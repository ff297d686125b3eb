using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Accounts;

namespace Styra.Features.FollowUp;

public sealed record ActivityInput(ActivityKind Kind, string? Title, string? Description, string? Owner, DateOnly? Start, DateOnly? End,
    ActivityStatus Status, IReadOnlyList<string> GoalKeys);

public sealed record ActivityResult(Outcome Outcome, Activity? Current, IReadOnlyList<FieldProblem> Problems);

/// <summary>
/// A committee's operational plan: activities and assignments linked to goals, and their progress per reporting
/// event. The unit's reporters write them (and the region's planners); each save checks the version the writer saw.
/// </summary>
public sealed class Activities(StyraDbContext db, TimeProvider time)
{
    public static bool MayWrite(Access access, int regionId, int unitId) => access.CanReport(regionId, unitId) || access.IsPlanner(regionId);

    public Task<Activity?> FindAsync(int id, CancellationToken ct = default) =>
        db.Activities.Include(a => a.Unit).Include(a => a.Plan).Include(a => a.Progress).ThenInclude(p => p.Event)
            .AsSplitQuery().SingleOrDefaultAsync(a => a.Id == id, ct);

    public async Task<ActivityResult> CreateAsync(int unitId, int planId, ActivityInput input, Access access, CancellationToken ct = default)
    {
        var unit = await db.Units.Include(u => u.Region).SingleOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null || !access.CanRead(unit.RegionId)) return new(Outcome.NotFound, null, []);
        if (!MayWrite(access, unit.RegionId, unit.Id)) return Forbidden(null);
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == planId && p.RegionId == unit.RegionId, ct);
        var problems = await CheckAsync(input, plan?.Id, ct);
        if (plan is null) problems.Add(new("planId", "Välj vilken av regionens planer aktiviteten hör till.", "Choose which of the region's plans the activity belongs to."));
        if (problems.Count > 0) return new(Outcome.Invalid, null, problems);
        var activity = new Activity(unit, plan!, input.Kind, input.Title!.Trim());
        Apply(activity, input);
        db.Activities.Add(activity);
        await db.SaveChangesAsync(ct);
        return new(Outcome.Ok, activity, []);
    }

    public async Task<ActivityResult> UpdateAsync(int id, int version, ActivityInput input, Access access, CancellationToken ct = default)
    {
        var activity = await FindAsync(id, ct);
        if (activity is null || !access.CanRead(activity.RegionId)) return new(Outcome.NotFound, null, []);
        if (!MayWrite(access, activity.RegionId, activity.UnitId)) return Forbidden(activity);
        if (activity.Version != version) return new(Outcome.Conflict, activity, []);
        var problems = await CheckAsync(input, activity.PlanId, ct);
        if (problems.Count > 0) return new(Outcome.Invalid, activity, problems);
        Apply(activity, input);
        activity.Version++;
        return await SaveAsync(activity, ct);
    }

    /// <summary>Records the activity's status and a progress comment at a reporting event (one per event, replaced on resave).</summary>
    public async Task<ActivityResult> ReportProgressAsync(int id, int version, int eventId, ActivityStatus status, string? comment, Access access, CancellationToken ct = default)
    {
        var activity = await FindAsync(id, ct);
        if (activity is null || !access.CanRead(activity.RegionId)) return new(Outcome.NotFound, null, []);
        if (!MayWrite(access, activity.RegionId, activity.UnitId)) return Forbidden(activity);
        if (activity.Version != version) return new(Outcome.Conflict, activity, []);
        var ev = await db.ReportingEvents.SingleOrDefaultAsync(e => e.Id == eventId && e.RegionId == activity.RegionId, ct);
        if (ev is null) return new(Outcome.Invalid, activity, [new("eventId", "Välj en av regionens rapporttillfällen.", "Choose one of the region's reporting events.")]);
        if ((comment?.Length ?? 0) > Assessments.MaxComment)
            return new(Outcome.Invalid, activity, [new("comment", $"Kommentaren får vara högst {Assessments.MaxComment} tecken.", $"The comment may be at most {Assessments.MaxComment} characters.")]);
        var progress = activity.Progress.SingleOrDefault(p => p.EventId == eventId);
        if (progress is null)
        {
            progress = new ActivityProgress(activity, ev);
            activity.Progress.Add(progress);
        }
        progress.Status = status;
        progress.Comment = (comment ?? "").Trim();
        progress.UpdatedAt = time.GetUtcNow();
        progress.UpdatedBy = access.Name;
        activity.Status = status;
        activity.Version++;
        return await SaveAsync(activity, ct);
    }

    private async Task<ActivityResult> SaveAsync(Activity activity, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return new(Outcome.Ok, activity, []);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(Outcome.Conflict, await FindAsync(activity.Id, ct), []);
        }
    }

    private static ActivityResult Forbidden(Activity? a) => new(Outcome.Forbidden, a,
        [new("", "Du kan bara ändra aktiviteter för dina egna enheter.", "You can change activities only for your own units.")]);

    private static void Apply(Activity a, ActivityInput input)
    {
        a.Kind = input.Kind;
        a.Title = input.Title!.Trim();
        a.Description = (input.Description ?? "").Trim();
        a.Owner = (input.Owner ?? "").Trim();
        a.Start = input.Start;
        a.End = input.End;
        a.Status = input.Status;
        a.GoalKeys = input.GoalKeys.Select(k => k.Trim()).Where(k => k.Length > 0).Distinct().ToList();
    }

    private async Task<List<FieldProblem>> CheckAsync(ActivityInput input, int? planId, CancellationToken ct)
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(input.Title)) problems.Add(new("title", "Ge aktiviteten en rubrik.", "Give the activity a title."));
        else if (input.Title.Length > 300) problems.Add(new("title", "Rubriken får vara högst 300 tecken.", "The title may be at most 300 characters."));
        if ((input.Owner?.Length ?? 0) > 200) problems.Add(new("owner", "Ansvarig får vara högst 200 tecken.", "The owner may be at most 200 characters."));
        if ((input.Description?.Length ?? 0) > Assessments.MaxAnalysis)
            problems.Add(new("description", $"Beskrivningen får vara högst {Assessments.MaxAnalysis} tecken.", $"The description may be at most {Assessments.MaxAnalysis} characters."));
        if (input.Start is { } s && input.End is { } e && e < s)
            problems.Add(new("end", $"Slutdatum ({e:yyyy-MM-dd}) kan inte ligga före startdatum ({s:yyyy-MM-dd}).", $"The end ({e:yyyy-MM-dd}) cannot come before the start ({s:yyyy-MM-dd})."));
        if (planId is { } id && input.GoalKeys.Count > 0)
        {
            var keys = await Plans.PlanQueries.CurrentNodes(db.GoalNodes.AsNoTracking()).Where(n => n.PlanVersion.PlanId == id).Select(n => n.Key).ToListAsync(ct);
            var unknown = input.GoalKeys.Select(k => k.Trim()).Where(k => k.Length > 0 && !keys.Contains(k)).ToList();
            if (unknown.Count > 0)
                problems.Add(new("goals", $"Planen har inga mål med nycklarna {string.Join(", ", unknown)}.", $"The plan has no goals with the keys {string.Join(", ", unknown)}."));
        }
        return problems;
    }
}
