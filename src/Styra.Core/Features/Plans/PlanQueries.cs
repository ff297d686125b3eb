using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Organisation;

namespace Styra.Features.Plans;

/// <summary>A decision; <c>BodyName</c> is the unit's name when <c>Body</c> is one of the region's unit codes.</summary>
public sealed record DecisionInfo(string? Body, string? BodyName, DateOnly? Date, string? Reference);

/// <summary>A unit or group a node is assigned to, as written in the plan.</summary>
public sealed record Assignee(string Code, string Name, bool IsGroup);

public sealed record VersionInfo(int Number, string Label, DecisionInfo? Decision, DateTimeOffset CreatedAt);

public sealed record PlanSummary(int Id, string RegionCode, string Key, string Title, PlanKind Kind, int ValidFrom, int? ValidTo, string? Owner, string? OwnerName, VersionInfo? CurrentVersion);

public sealed record LevelInfo(string Key, string Name, string NameEn);

/// <summary>A link between nodes of two plans, seen from either end.</summary>
public sealed record LinkItem(int PlanId, string PlanTitle, string NodeId, string? NodeTitle, string? LevelKey);

public sealed record NodeItem(
    string Id,
    string LevelKey,
    string Level,
    string Title,
    string? Description,
    IReadOnlyList<string> Responsible,
    IReadOnlyList<Assignee> AssignedTo,
    IReadOnlyList<LinkItem> Links,
    IReadOnlyList<LinkItem> ContributedBy,
    IReadOnlyList<string> Indicators,
    IReadOnlyList<NodeItem> Children);

public sealed record PlanView(
    PlanSummary Plan,
    string RegionName,
    int VersionNumber,
    IReadOnlyList<VersionInfo> Versions,
    IReadOnlyList<LevelInfo> Levels,
    IReadOnlyDictionary<string, string> UnitNames,
    IReadOnlyList<NodeItem> Nodes)
{
    public int NodeCount => Count(Nodes);
    private static int Count(IReadOnlyList<NodeItem> nodes) => nodes.Count + nodes.Sum(n => Count(n.Children));
}

public sealed record PlanDiffView(PlanSummary Plan, string RegionName, VersionInfo From, VersionInfo To, PlanDiff Diff);

public static class PlanQueries
{
    /// <summary>Nodes of the current (newest) version of their plan — what "the plans" means unless a version is named.</summary>
    public static IQueryable<GoalNode> CurrentNodes(this IQueryable<GoalNode> nodes) =>
        nodes.Where(n => n.PlanVersion.Number == n.PlanVersion.Plan.Versions.Max(v => v.Number));

    public static async Task<List<PlanSummary>> PlansAsync(StyraDbContext db, RegionCode code, CancellationToken ct = default)
    {
        var units = await UnitNamesAsync(db, code, ct);
        var plans = await db.Plans.AsNoTracking().Where(p => p.Region.Code == code)
            .Include(p => p.Versions).Include(p => p.Owner).Include(p => p.Region)
            .ToListAsync(ct);
        return plans
            .OrderBy(p => p.Kind).ThenByDescending(p => p.ValidFrom).ThenBy(p => p.Title, SwedishOrder.Comparer)
            .Select(p => Summary(p, units)).ToList();
    }

    /// <summary>A plan with the goal tree of one version (the current one unless <paramref name="versionNumber"/> is given).</summary>
    public static async Task<PlanView?> PlanAsync(StyraDbContext db, int id, int? versionNumber = null, CancellationToken ct = default)
    {
        var plan = await db.Plans.AsNoTracking()
            .Include(p => p.Region).ThenInclude(r => r.Levels)
            .Include(p => p.Owner)
            .Include(p => p.Versions)
            .SingleOrDefaultAsync(p => p.Id == id, ct);
        var version = plan is null ? null
            : versionNumber is null ? plan.CurrentVersion : plan.Versions.FirstOrDefault(v => v.Number == versionNumber);
        if (plan is null || version is null) return null;
        var units = await UnitNamesAsync(db, plan.Region.Code, ct);

        var nodes = await db.GoalNodes.AsNoTracking().Where(n => n.PlanVersionId == version.Id)
            .Include(n => n.Indicators).ThenInclude(i => i.Indicator)
            .Include(n => n.Responsibilities).ThenInclude(r => r.Unit)
            .Include(n => n.Responsibilities).ThenInclude(r => r.Group).ThenInclude(g => g!.Members).ThenInclude(m => m.Unit)
            .Include(n => n.Links).ThenInclude(l => l.TargetPlan)
            .OrderBy(n => n.SortOrder)
            .ToListAsync(ct);

        // Outgoing links resolve against the target plan's current version; incoming ones come from current versions.
        var targets = await CurrentNodesAsync(db, nodes.SelectMany(n => n.Links).Select(l => l.TargetPlanId).Distinct().ToList(), ct);
        var incoming = await db.GoalNodes.AsNoTracking()
            .CurrentNodes()
            .Where(n => n.Links.Any(l => l.TargetPlanId == plan.Id))
            .Select(n => new { n.Key, n.Title, n.Level, n.PlanVersion.PlanId, PlanTitle = n.PlanVersion.Plan.Title, n.SortOrder,
                Targets = n.Links.Where(l => l.TargetPlanId == plan.Id).Select(l => l.TargetNodeKey).ToList() })
            .ToListAsync(ct);
        var incomingByKey = incoming
            .SelectMany(n => n.Targets.Select(t => (Target: t, Link: new LinkItem(n.PlanId, n.PlanTitle, n.Key, n.Title, n.Level))))
            .ToLookup(x => x.Target, x => x.Link);

        var levels = plan.Region.Levels.OrderBy(l => l.SortOrder).Select(l => new LevelInfo(l.Key, l.Name, l.NameEn)).ToList();
        var levelNames = levels.ToDictionary(l => l.Key, l => l.Name);
        var children = nodes.ToLookup(n => n.ParentId);
        NodeItem Item(GoalNode n) => new(
            n.Key,
            n.Level,
            levelNames.GetValueOrDefault(n.Level, n.Level),
            n.Title,
            n.Description,
            Responsibility.ResolveUnits(n.Responsibilities).Select(u => u.Code).ToList(),
            n.Responsibilities.Select(r => r.Unit is { } u ? new Assignee(u.Code, u.Name, false) : new Assignee(r.Group!.Code, r.Group.Name, true)).ToList(),
            n.Links.Select(l => targets.TryGetValue((l.TargetPlanId, l.TargetNodeKey), out var t)
                ? new LinkItem(l.TargetPlanId, l.TargetPlan.Title, l.TargetNodeKey, t.Title, t.Level)
                : new LinkItem(l.TargetPlanId, l.TargetPlan.Title, l.TargetNodeKey, null, null)).ToList(),
            incomingByKey[n.Key].ToList(),
            n.Indicators.OrderBy(i => i.SortOrder).Select(i => i.Indicator.Code).ToList(),
            children[n.Id].Select(Item).ToList());

        return new PlanView(Summary(plan, units), plan.Region.Name, version.Number,
            plan.Versions.OrderByDescending(v => v.Number).Select(v => Info(v, units)).ToList(), levels, units, children[null].Select(Item).ToList());
    }

    /// <summary>What changed in the goal tree between two versions of a plan: added, removed and changed nodes.</summary>
    public static async Task<PlanDiffView?> CompareAsync(StyraDbContext db, int id, int from, int to, CancellationToken ct = default)
    {
        var plan = await db.Plans.AsNoTracking().Include(p => p.Region).Include(p => p.Owner).Include(p => p.Versions)
            .SingleOrDefaultAsync(p => p.Id == id, ct);
        var a = plan?.Versions.FirstOrDefault(v => v.Number == from);
        var b = plan?.Versions.FirstOrDefault(v => v.Number == to);
        if (plan is null || a is null || b is null) return null;
        var units = await UnitNamesAsync(db, plan.Region.Code, ct);
        var nodes = await db.GoalNodes.AsNoTracking().Where(n => n.PlanVersionId == a.Id || n.PlanVersionId == b.Id)
            .Include(n => n.Parent)
            .Include(n => n.Responsibilities).ThenInclude(r => r.Unit)
            .Include(n => n.Responsibilities).ThenInclude(r => r.Group)
            .Include(n => n.Links).ThenInclude(l => l.TargetPlan)
            .Include(n => n.Indicators).ThenInclude(i => i.Indicator)
            .OrderBy(n => n.SortOrder).ToListAsync(ct);
        var diff = PlanDiff.Compare(
            nodes.Where(n => n.PlanVersionId == a.Id).Select(NodeSnapshot.From),
            nodes.Where(n => n.PlanVersionId == b.Id).Select(NodeSnapshot.From));
        return new PlanDiffView(Summary(plan, units), plan.Region.Name, Info(a, units), Info(b, units), diff);
    }

    private static async Task<Dictionary<(int PlanId, string Key), (string Title, string Level)>> CurrentNodesAsync(
        StyraDbContext db, List<int> planIds, CancellationToken ct)
    {
        var rows = await db.GoalNodes.AsNoTracking()
            .CurrentNodes()
            .Where(n => planIds.Contains(n.PlanVersion.PlanId))
            .Select(n => new { n.PlanVersion.PlanId, n.Key, n.Title, n.Level })
            .ToListAsync(ct);
        return rows.ToDictionary(r => (r.PlanId, r.Key), r => (r.Title, r.Level));
    }

    private static Task<Dictionary<string, string>> UnitNamesAsync(StyraDbContext db, RegionCode code, CancellationToken ct) =>
        db.Units.AsNoTracking().Where(u => u.Region.Code == code).ToDictionaryAsync(u => u.Code, u => u.Name, ct);

    private static PlanSummary Summary(Plan p, IReadOnlyDictionary<string, string> units) =>
        new(p.Id, p.Region.Code.Value, p.Key, p.Title, p.Kind, p.ValidFrom, p.ValidTo, p.Owner?.Code, p.Owner?.Name, p.CurrentVersion is { } v ? Info(v, units) : null);

    private static VersionInfo Info(PlanVersion v, IReadOnlyDictionary<string, string> units) => new(v.Number, v.Label,
        v.Decision == Decision.None ? null
            : new DecisionInfo(v.Decision.Body, v.Decision.Body is { } b ? units.GetValueOrDefault(b) : null, v.Decision.Date, v.Decision.Reference),
        v.CreatedAt);
}
