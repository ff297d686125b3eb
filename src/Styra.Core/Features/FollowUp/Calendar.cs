using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.Organisation;
using Styra.Features.Plans;

namespace Styra.Features.FollowUp;

/// <summary>What a planner enters for a reporting event.</summary>
public sealed record EventInput(EventKind Kind, string? Name, DateOnly? PeriodStart, DateOnly? PeriodEnd, DateOnly? Deadline, bool AsksForecast, int? PlanId);

public sealed record StatusCounts(int NotStarted, int Draft, int Submitted, int Returned, int Approved, int Overdue)
{
    public int Total => NotStarted + Draft + Submitted + Returned + Approved;
    public int Done => Approved;

    public static StatusCounts Of(IEnumerable<AssessmentStatus> statuses, Func<AssessmentStatus, bool> overdue)
    {
        var list = statuses.ToList();
        return new(list.Count(s => s == AssessmentStatus.NotStarted), list.Count(s => s == AssessmentStatus.Draft),
            list.Count(s => s == AssessmentStatus.Submitted), list.Count(s => s == AssessmentStatus.Returned),
            list.Count(s => s == AssessmentStatus.Approved), list.Count(overdue));
    }
}

/// <summary>One committee's (or the planners', with no unit) progress at an event.</summary>
public sealed record UnitProgress(string? UnitCode, string UnitName, StatusCounts Counts, bool IsOverdue);

public sealed record EventSummary(int Id, EventKind Kind, string Name, int Year, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly Deadline,
    bool AsksForecast, int PlanId, string PlanTitle, StatusCounts Counts, int DaysLeft, IReadOnlyList<UnitProgress> Units);

public sealed record FulfilmentCounts(int Met, int PartlyMet, int NotMet, int NotAssessed, int Pending)
{
    public int Reported => Met + PartlyMet + NotMet + NotAssessed;
}

/// <summary>An assessment as a row of a list: enough to show it and link to it.</summary>
public sealed record AssessmentRow(int Id, int EventId, string EventName, string NodeKey, string NodeTitle, string? UnitCode, string? UnitName,
    AssessmentStatus Status, Fulfilment? Fulfilment, Fulfilment? Forecast, DateOnly Deadline, bool IsOverdue, int Version, string? ReturnComment);

/// <summary>A node of the event's goal tree with its assessments and the roll-up of its committees' assessments.</summary>
public sealed record RollUpNode(string Key, string Level, string Title, IReadOnlyList<AssessmentRow> Assessments, AssessmentRow? Own,
    FulfilmentCounts RollUp, IReadOnlyList<RollUpNode> Children);

public sealed record EventView(EventSummary Event, string RegionCode, string RegionName, AssessmentRow? Region, FulfilmentCounts RegionRollUp,
    IReadOnlyList<RollUpNode> Tree);

/// <summary>
/// The follow-up calendar (årshjulet): reporting events, the assessments each asks for (from the plan's goal
/// assignments: one per goal and responsible committee, groups resolved; one per focus area and for the region as a
/// whole, written by the planners), progress per committee, and the roll-up through the goal tree.
/// </summary>
public sealed class Calendar(StyraDbContext db, TimeProvider time)
{
    public async Task<(ReportingEvent? Event, IReadOnlyList<FieldProblem> Problems)> SaveEventAsync(
        RegionCode regionCode, int? eventId, EventInput input, Access access, CancellationToken ct = default)
    {
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == regionCode, ct);
        if (region is null) return (null, [new("", $"Det finns ingen region {regionCode}.", $"There is no region {regionCode}.")]);
        if (!access.IsPlanner(region.Id))
            return (null, [new("", "Bara regionens planerare kan lägga upp och ändra händelser i årshjulet.", "Only the region's planners can create and change events in the calendar.")]);
        ReportingEvent? existing = null;
        if (eventId is { } id)
        {
            existing = await db.ReportingEvents.Include(e => e.Plan).SingleOrDefaultAsync(e => e.Id == id && e.RegionId == region.Id, ct);
            if (existing is null) return (null, [new("", $"Det finns ingen händelse {id} i {region.Name}.", $"There is no event {id} in {region.Name}.")]);
        }
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(input.Name)) problems.Add(new("name", "Ge händelsen ett namn, t.ex. \"Uppföljningsrapport 1 2025\".", "Give the event a name, e.g. \"Uppföljningsrapport 1 2025\"."));
        else if (input.Name.Length > 200) problems.Add(new("name", "Namnet får vara högst 200 tecken.", "The name may be at most 200 characters."));
        if (input.PeriodStart is null) problems.Add(new("periodStart", "Ange periodens första dag (ÅÅÅÅ-MM-DD).", "Enter the period's first day (YYYY-MM-DD)."));
        if (input.PeriodEnd is null) problems.Add(new("periodEnd", "Ange periodens sista dag (ÅÅÅÅ-MM-DD).", "Enter the period's last day (YYYY-MM-DD)."));
        if (input.Deadline is null) problems.Add(new("deadline", "Ange sista dag för rapportering (ÅÅÅÅ-MM-DD).", "Enter the last day for reporting (YYYY-MM-DD)."));
        if (input.PeriodStart is { } s && input.PeriodEnd is { } e && e < s)
            problems.Add(new("periodEnd", $"Perioden kan inte sluta ({e:yyyy-MM-dd}) före sin början ({s:yyyy-MM-dd}).", $"The period cannot end ({e:yyyy-MM-dd}) before it starts ({s:yyyy-MM-dd})."));
        if (input.PeriodStart is { } s2 && input.Deadline is { } d && d < s2)
            problems.Add(new("deadline", $"Sista rapportdag ({d:yyyy-MM-dd}) kan inte ligga före periodens början ({s2:yyyy-MM-dd}).", $"The deadline ({d:yyyy-MM-dd}) cannot come before the period starts ({s2:yyyy-MM-dd})."));
        var planId = input.PlanId ?? existing?.PlanId;
        var plan = planId is null ? null : await db.Plans.Include(p => p.Region).SingleOrDefaultAsync(p => p.Id == planId && p.RegionId == region.Id, ct);
        if (plan is null) problems.Add(new("planId", "Välj vilken av regionens planer händelsen följer upp.", "Choose which of the region's plans the event follows up."));
        if (input.Name is { } name && input.PeriodEnd is { } end
            && await db.ReportingEvents.AnyAsync(x => x.RegionId == region.Id && x.Year == end.Year && x.Name == name.Trim() && x.Id != (eventId ?? 0), ct))
            problems.Add(new("name", $"{region.Name} har redan en händelse som heter \"{name.Trim()}\" {end.Year}.", $"{region.Name} already has an event called \"{name.Trim()}\" in {end.Year}."));
        if (problems.Count > 0) return (null, problems);

        if (existing is null)
        {
            existing = new ReportingEvent(region, plan!, input.Kind, input.Name!, input.PeriodStart!.Value, input.PeriodEnd!.Value, input.Deadline!.Value, input.AsksForecast);
            db.ReportingEvents.Add(existing);
        }
        else
        {
            if (existing.PlanId != plan!.Id)
            {
                if (await db.Assessments.AnyAsync(a => a.EventId == existing.Id && a.Status != AssessmentStatus.NotStarted, ct))
                    return (null, [new("planId", "Händelsen har redan påbörjade bedömningar; den kan inte byta plan.", "The event already has assessments under way; it cannot change plans.")]);
                // Nothing written yet: the old plan's empty assessments go, the new plan's come in below.
                db.Assessments.RemoveRange(await db.Assessments.Where(a => a.EventId == existing.Id).ToListAsync(ct));
                existing.ChangePlan(plan);
            }
            existing.Update(input.Kind, input.Name!, input.PeriodStart!.Value, input.PeriodEnd!.Value, input.Deadline!.Value, input.AsksForecast);
        }
        // One transaction — the caller's, if it has one.
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await db.SaveChangesAsync(ct);
            await EnsureAssessmentsAsync(existing.Id, ct);
            if (own is not null) await own.CommitAsync(ct);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
        return (existing, []);
    }

    /// <summary>
    /// Adds the assessments the event asks for and does not have yet (a goal assigned to a committee since, a group
    /// grown). Nothing is removed: what a committee wrote stays, even if the assignment was since withdrawn.
    /// </summary>
    public async Task<int> EnsureAssessmentsAsync(int eventId, CancellationToken ct = default)
    {
        var ev = await db.ReportingEvents.Include(e => e.Region).SingleAsync(e => e.Id == eventId, ct);
        // Monthly reports are the economy's (outcome and forecast); the goals are assessed at UR1, UR2 and the annual report.
        if (ev.Kind == EventKind.Monthly) return 0;
        var nodes = await TreeNodesAsync(ev.PlanId, ct);
        var wanted = Required(nodes).ToList();
        var have = (await db.Assessments.Where(a => a.EventId == eventId).Select(a => new { a.NodeKey, a.UnitId }).ToListAsync(ct))
            .Select(a => (a.NodeKey, a.UnitId)).ToHashSet();
        var units = await db.Units.Where(u => u.RegionId == ev.RegionId).ToDictionaryAsync(u => u.Id, ct);
        var added = 0;
        foreach (var (key, unitId) in wanted.Where(w => !have.Contains(w)))
        {
            db.Assessments.Add(new Assessment(ev, key, unitId is { } u ? units[u] : null));
            added++;
        }
        if (added > 0) await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>The (node, unit) pairs an event over this tree asks for.</summary>
    private static IEnumerable<(string NodeKey, int? UnitId)> Required(IReadOnlyList<GoalNode> nodes)
    {
        yield return ("", null);
        var children = nodes.ToLookup(n => n.ParentId);
        bool HasAssigned(GoalNode n) => n.Responsibilities.Count > 0 || children[n.Id].Any(HasAssigned);
        foreach (var node in nodes)
        {
            if (node.Responsibilities.Count > 0)
                foreach (var unit in Responsibility.ResolveUnits(node.Responsibilities))
                    yield return (node.Key, unit.Id);
            else if (node.ParentId is not null && children[node.Id].Any(HasAssigned))
                yield return (node.Key, null);
        }
    }

    private Task<List<GoalNode>> TreeNodesAsync(int planId, CancellationToken ct) =>
        db.GoalNodes.AsNoTracking().CurrentNodes().Where(n => n.PlanVersion.PlanId == planId)
            .Include(n => n.Responsibilities).ThenInclude(r => r.Unit)
            .Include(n => n.Responsibilities).ThenInclude(r => r.Group!).ThenInclude(g => g.Members).ThenInclude(m => m.Unit)
            .OrderBy(n => n.SortOrder).AsSplitQuery().ToListAsync(ct);

    /// <summary>The region's events of a year, with progress per committee.</summary>
    public async Task<IReadOnlyList<EventSummary>> YearAsync(RegionCode region, int year, CancellationToken ct = default)
    {
        var events = await db.ReportingEvents.AsNoTracking().Include(e => e.Plan)
            .Where(e => e.Region.Code == region && e.Year == year).ToListAsync(ct);
        var ids = events.Select(e => e.Id).ToList();
        var rows = await db.Assessments.AsNoTracking().Where(a => ids.Contains(a.EventId))
            .Select(a => new { a.EventId, a.Status, a.UnitId, UnitCode = a.Unit!.Code, UnitName = a.Unit.Name, SortOrder = (int?)a.Unit.SortOrder }).ToListAsync(ct);
        var now = time.GetUtcNow();
        return events.OrderBy(e => e.Deadline).ThenBy(e => e.Name, SwedishOrder.Comparer).Select(e =>
        {
            bool Late(AssessmentStatus s) => Deadlines.IsOverdue(e.Deadline, s, now);
            var mine = rows.Where(r => r.EventId == e.Id).ToList();
            var units = mine.GroupBy(r => r.UnitId)
                .OrderBy(g => g.Key is null ? 1 : 0).ThenBy(g => g.First().SortOrder).ThenBy(g => g.First().UnitCode)
                .Select(g =>
                {
                    var counts = StatusCounts.Of(g.Select(r => r.Status), Late);
                    return new UnitProgress(g.Key is null ? null : g.First().UnitCode, g.Key is null ? "" : g.First().UnitName, counts, counts.Overdue > 0);
                }).ToList();
            return new EventSummary(e.Id, e.Kind, e.Name, e.Year, e.PeriodStart, e.PeriodEnd, e.Deadline, e.AsksForecast, e.PlanId, e.Plan.Title,
                StatusCounts.Of(mine.Select(r => r.Status), Late), Deadlines.DaysLeft(e.Deadline, now), units);
        }).ToList();
    }

    /// <summary>An event with its goal tree: every node's assessments, the planners' own, and the roll-up below it.</summary>
    public async Task<EventView?> EventAsync(int eventId, CancellationToken ct = default)
    {
        var ev = await db.ReportingEvents.AsNoTracking().Include(e => e.Region).SingleOrDefaultAsync(e => e.Id == eventId, ct);
        if (ev is null) return null;
        var summary = (await YearAsync(ev.Region.Code, ev.Year, ct)).Single(e => e.Id == eventId);
        var nodes = await TreeNodesAsync(ev.PlanId, ct);
        var rows = await RowsAsync(db.Assessments.Where(a => a.EventId == eventId), ct);
        var byNode = rows.ToLookup(r => r.NodeKey);
        var children = nodes.ToLookup(n => n.ParentId);

        RollUpNode Build(GoalNode n)
        {
            var kids = children[n.Id].Select(Build).ToList();
            var committee = byNode[n.Key].Where(r => r.UnitCode is not null).ToList();
            var own = byNode[n.Key].FirstOrDefault(r => r.UnitCode is null);
            return new RollUpNode(n.Key, n.Level, n.Title, committee, own, Sum(committee.Select(Count).Concat(kids.Select(k => k.RollUp))), kids);
        }

        var tree = children[null].Select(Build).ToList();
        return new EventView(summary, ev.Region.Code.Value, ev.Region.Name, byNode[""].FirstOrDefault(r => r.UnitCode is null),
            Sum(tree.Select(t => t.RollUp)), tree);
    }

    /// <summary>The assessments the actor has to act on: write (own units, or the roll-ups for a planner), or approve.</summary>
    public async Task<IReadOnlyList<AssessmentRow>> TasksAsync(Access access, CancellationToken ct = default)
    {
        var reportUnits = access.Grants.Where(g => g.Role == RegionRole.Reporter).Select(g => g.UnitId).ToList();
        var approveUnits = access.Grants.Where(g => g.Role == RegionRole.Approver).Select(g => g.UnitId).ToList();
        var plannerRegions = access.Grants.Where(g => g.Role is RegionRole.Planner or RegionRole.Administrator).Select(g => g.RegionId).ToList();
        var open = new[] { AssessmentStatus.NotStarted, AssessmentStatus.Draft, AssessmentStatus.Returned };
        var query = db.Assessments.Where(a =>
            (a.UnitId != null && reportUnits.Contains(a.UnitId) && open.Contains(a.Status))
            || (a.UnitId != null && approveUnits.Contains(a.UnitId) && a.Status == AssessmentStatus.Submitted)
            || (a.UnitId == null && plannerRegions.Contains(a.RegionId) && (open.Contains(a.Status) || a.Status == AssessmentStatus.Submitted)));
        var rows = await RowsAsync(query, ct);
        return rows.OrderBy(r => r.Deadline).ThenBy(r => r.EventName, SwedishOrder.Comparer).ToList();
    }

    /// <summary>Assessment rows with their nodes' titles (from the current version of each event's plan).</summary>
    public async Task<List<AssessmentRow>> RowsAsync(IQueryable<Assessment> query, CancellationToken ct = default)
    {
        var list = await query.AsNoTracking()
            .Select(a => new
            {
                a.Id, a.EventId, EventName = a.Event.Name, a.Event.PlanId, a.Event.Deadline, a.NodeKey, UnitCode = a.Unit!.Code, UnitName = a.Unit.Name,
                a.UnitId, UnitOrder = (int?)a.Unit.SortOrder, a.Status, a.Fulfilment, a.Forecast, a.Version, a.ReturnComment, RegionName = a.Region.Name,
            }).ToListAsync(ct);
        var planIds = list.Select(a => a.PlanId).Distinct().ToList();
        var titles = (await db.GoalNodes.AsNoTracking().CurrentNodes().Where(n => planIds.Contains(n.PlanVersion.PlanId))
                .Select(n => new { n.PlanVersion.PlanId, n.Key, n.Title, n.SortOrder }).ToListAsync(ct))
            .ToDictionary(n => (n.PlanId, n.Key));
        var now = time.GetUtcNow();
        return list
            .OrderBy(a => a.NodeKey.Length == 0 ? -1 : titles.TryGetValue((a.PlanId, a.NodeKey), out var n) ? n.SortOrder : int.MaxValue)
            .ThenBy(a => a.UnitId is null ? 0 : 1).ThenBy(a => a.UnitOrder).ThenBy(a => a.UnitCode)
            .Select(a => new AssessmentRow(a.Id, a.EventId, a.EventName, a.NodeKey,
                a.NodeKey.Length == 0 ? a.RegionName : titles.TryGetValue((a.PlanId, a.NodeKey), out var n) ? n.Title : a.NodeKey,
                a.UnitId is null ? null : a.UnitCode, a.UnitId is null ? null : a.UnitName, a.Status, a.Fulfilment, a.Forecast, a.Deadline,
                Deadlines.IsOverdue(a.Deadline, a.Status, now), a.Version, a.ReturnComment))
            .ToList();
    }

    private static FulfilmentCounts Count(AssessmentRow r) => r.Status is AssessmentStatus.Approved or AssessmentStatus.Submitted && r.Fulfilment is { } f
        ? new(f == Fulfilment.Met ? 1 : 0, f == Fulfilment.PartlyMet ? 1 : 0, f == Fulfilment.NotMet ? 1 : 0, f == Fulfilment.NotAssessed ? 1 : 0, 0)
        : new(0, 0, 0, 0, 1);

    private static FulfilmentCounts Sum(IEnumerable<FulfilmentCounts> counts) => counts.Aggregate(new FulfilmentCounts(0, 0, 0, 0, 0),
        (a, b) => new(a.Met + b.Met, a.PartlyMet + b.PartlyMet, a.NotMet + b.NotMet, a.NotAssessed + b.NotAssessed, a.Pending + b.Pending));
}
