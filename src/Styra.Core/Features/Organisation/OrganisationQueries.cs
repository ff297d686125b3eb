using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Plans;

namespace Styra.Features.Organisation;

public sealed record RegionSummary(string Code, string Name, string KoladaId, int UnitCount, int PlanCount);

public sealed record UnitItem(string Code, string Name, UnitKind Kind, string? Parent);

public sealed record GroupItem(string Code, string Name, IReadOnlyList<string> Members);

public sealed record OrganisationView(RegionSummary Region, IReadOnlyList<UnitItem> Units, IReadOnlyList<GroupItem> Groups);

/// <summary>A goal-tree node a unit is responsible for; <c>Via</c> names the group when the assignment is a group's.</summary>
public sealed record UnitGoalItem(int PlanId, string PlanTitle, string NodeId, string LevelKey, string Title, string? ParentTitle, string? Via);

public sealed record UnitGoalsView(RegionSummary Region, UnitItem Unit, UnitItem? Parent, IReadOnlyList<UnitItem> Children, IReadOnlyList<UnitGoalItem> Goals);

public static class OrganisationQueries
{
    public static async Task<List<RegionSummary>> RegionsAsync(StyraDbContext db, CancellationToken ct = default) =>
        (await SummariesAsync(db.Regions, ct)).OrderBy(r => r.Name, SwedishOrder.Comparer).ToList();

    public static async Task<RegionSummary?> RegionAsync(StyraDbContext db, RegionCode code, CancellationToken ct = default) =>
        (await SummariesAsync(db.Regions.Where(r => r.Code == code), ct)).SingleOrDefault();

    private static async Task<IEnumerable<RegionSummary>> SummariesAsync(IQueryable<Region> regions, CancellationToken ct) =>
        (await regions.AsNoTracking().Select(r => new { r.Code, r.Name, Units = r.Units.Count, Plans = r.Plans.Count }).ToListAsync(ct))
            .Select(r => new RegionSummary(r.Code.Value, r.Name, r.Code.KoladaId, r.Units, r.Plans));

    public static async Task<OrganisationView?> OrganisationAsync(StyraDbContext db, RegionCode code, CancellationToken ct = default)
    {
        var region = await RegionAsync(db, code, ct);
        if (region is null) return null;
        var units = await db.Units.AsNoTracking().Where(u => u.Region.Code == code)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Code)
            .Select(u => new UnitItem(u.Code, u.Name, u.Kind, u.Parent == null ? null : u.Parent.Code))
            .ToListAsync(ct);
        var groups = await db.UnitGroups.AsNoTracking().Where(g => g.Region.Code == code)
            .Select(g => new { g.Code, g.Name, Members = g.Members.OrderBy(m => m.Unit.SortOrder).Select(m => m.Unit.Code).ToList() })
            .ToListAsync(ct);
        return new OrganisationView(region, units,
            groups.OrderBy(g => g.Name, SwedishOrder.Comparer).Select(g => new GroupItem(g.Code, g.Name, g.Members)).ToList());
    }

    /// <summary>Every node of the current version of every plan that the unit is responsible for, itself or through a group.</summary>
    public static async Task<UnitGoalsView?> UnitGoalsAsync(StyraDbContext db, RegionCode code, string unitCode, CancellationToken ct = default)
    {
        var organisation = await OrganisationAsync(db, code, ct);
        var unit = organisation?.Units.FirstOrDefault(u => string.Equals(u.Code, unitCode, StringComparison.OrdinalIgnoreCase));
        if (organisation is null || unit is null) return null;

        var groups = organisation.Groups.Where(g => g.Members.Contains(unit.Code)).Select(g => g.Code).ToList();
        var rows = await db.GoalNodes.AsNoTracking()
            .CurrentNodes()
            .Where(n => n.PlanVersion.Plan.Region.Code == code)
            .SelectMany(n => n.Responsibilities, (n, r) => new { Node = n, r.Unit, r.Group })
            .Where(x => (x.Unit != null && x.Unit.Code == unit.Code) || (x.Group != null && groups.Contains(x.Group.Code)))
            .Select(x => new
            {
                x.Node.PlanVersion.PlanId,
                PlanTitle = x.Node.PlanVersion.Plan.Title,
                x.Node.Key,
                x.Node.Level,
                x.Node.Title,
                ParentTitle = x.Node.Parent == null ? null : x.Node.Parent.Title,
                Via = x.Group == null ? null : x.Group.Name,
                x.Node.SortOrder,
            })
            .ToListAsync(ct);
        var goals = rows
            .GroupBy(r => (r.PlanId, r.Key))
            .Select(g => g.OrderBy(r => r.Via is null ? 0 : 1).First())
            .OrderBy(r => r.PlanTitle, SwedishOrder.Comparer).ThenBy(r => r.SortOrder)
            .Select(r => new UnitGoalItem(r.PlanId, r.PlanTitle, r.Key, r.Level, r.Title, r.ParentTitle, r.Via))
            .ToList();
        return new UnitGoalsView(organisation.Region, unit,
            organisation.Units.FirstOrDefault(u => u.Code == unit.Parent),
            organisation.Units.Where(u => u.Parent == unit.Code).ToList(),
            goals);
    }
}
