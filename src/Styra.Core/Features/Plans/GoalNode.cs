using Styra.Features.Audit;
using Styra.Features.Organisation;

namespace Styra.Features.Plans;

/// <summary>
/// A node of a plan's goal tree: a vision, focus area, goal, insatsområde, viljeriktning... — its level name comes
/// from the region. The key stays the same across versions, which is what a version difference compares.
/// </summary>
public sealed class GoalNode : IAudited
{
    int? IAudited.AuditRegionId => PlanVersion?.Plan?.RegionId is > 0 ? PlanVersion.Plan.RegionId : PlanVersion?.Plan?.Region?.Id;

    private GoalNode() { }

    internal GoalNode(PlanVersion version, string key, string level, string title, string? description, GoalNode? parent, int sortOrder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        PlanVersion = version;
        Key = key;
        Level = level;
        Title = title.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Parent = parent;
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }
    public int PlanVersionId { get; private set; }
    public PlanVersion PlanVersion { get; private set; } = null!;
    public string Key { get; private set; } = "";

    /// <summary>The key of the region's level definition, e.g. "focus-area".</summary>
    public string Level { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public int SortOrder { get; private set; }

    public int? ParentId { get; private set; }
    public GoalNode? Parent { get; private set; }

    public List<NodeResponsibility> Responsibilities { get; private set; } = [];
    public List<NodeLink> Links { get; private set; } = [];

    /// <summary>The indicators that follow the node up (many-to-many), in the plan's order.</summary>
    public List<NodeIndicator> Indicators { get; private set; } = [];

    public void FollowUpWith(Indicators.Indicator indicator) => Indicators.Add(new NodeIndicator(this, indicator, Indicators.Count));

    public void AssignTo(Unit unit) => Responsibilities.Add(new NodeResponsibility(this, unit, null));

    public void AssignTo(UnitGroup group) => Responsibilities.Add(new NodeResponsibility(this, null, group));

    /// <summary>Records that this node contributes to a node of another plan (kept by key, so it survives revisions).</summary>
    public void ContributesTo(Plan plan, string nodeKey) => Links.Add(new NodeLink(this, plan, nodeKey));
}

/// <summary>A unit or a group of units responsible for (contributing to) a goal-tree node. Exactly one of the two.</summary>
public sealed class NodeResponsibility : IAudited
{
    int? IAudited.AuditRegionId => Node?.PlanVersion?.Plan?.RegionId is > 0 ? Node.PlanVersion.Plan.RegionId : Node?.PlanVersion?.Plan?.Region?.Id;

    private NodeResponsibility() { }

    internal NodeResponsibility(GoalNode node, Unit? unit, UnitGroup? group)
    {
        if ((unit is null) == (group is null))
            throw new ArgumentException("A responsibility names either a unit or a group.");
        Node = node;
        Unit = unit;
        Group = group;
    }

    public int Id { get; private set; }
    public int NodeId { get; private set; }
    public GoalNode Node { get; private set; } = null!;
    public int? UnitId { get; private set; }
    public Unit? Unit { get; private set; }
    public int? GroupId { get; private set; }
    public UnitGroup? Group { get; private set; }

    public string Code => Unit?.Code ?? Group!.Code;
}

/// <summary>"Contributes to": a link from a node to a node of another plan of the region.</summary>
public sealed class NodeLink : IAudited
{
    int? IAudited.AuditRegionId => Node?.PlanVersion?.Plan?.RegionId is > 0 ? Node.PlanVersion.Plan.RegionId : Node?.PlanVersion?.Plan?.Region?.Id;

    private NodeLink() { }

    internal NodeLink(GoalNode node, Plan targetPlan, string targetNodeKey)
    {
        Node = node;
        TargetPlan = targetPlan;
        TargetNodeKey = targetNodeKey;
    }

    public int Id { get; private set; }
    public int NodeId { get; private set; }
    public GoalNode Node { get; private set; } = null!;
    public int TargetPlanId { get; private set; }
    public Plan TargetPlan { get; private set; } = null!;

    /// <summary>The key of the target node, resolved against the target plan's current version.</summary>
    public string TargetNodeKey { get; private set; } = "";
}

/// <summary>An indicator that follows up a goal-tree node; part of the plan version, like the node itself.</summary>
public sealed class NodeIndicator : IAudited
{
    int? IAudited.AuditRegionId => Node?.PlanVersion?.Plan?.RegionId is > 0 ? Node.PlanVersion.Plan.RegionId : Node?.PlanVersion?.Plan?.Region?.Id;

    private NodeIndicator() { }

    internal NodeIndicator(GoalNode node, Indicators.Indicator indicator, int sortOrder)
    {
        Node = node;
        Indicator = indicator;
        SortOrder = sortOrder;
    }

    public int Id { get; private set; }
    public int NodeId { get; private set; }
    public GoalNode Node { get; private set; } = null!;
    public int IndicatorId { get; private set; }
    public Indicators.Indicator Indicator { get; private set; } = null!;
    public int SortOrder { get; private set; }
}
