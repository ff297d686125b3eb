using Styra.Features.Audit;
namespace Styra.Features.Plans;

/// <summary>One revision of a plan: its decision and its goal tree as decided.</summary>
public sealed class PlanVersion : IAudited
{
    int? IAudited.AuditRegionId => Plan?.RegionId is > 0 ? Plan.RegionId : Plan?.Region?.Id;

    private PlanVersion() { }

    internal PlanVersion(Plan plan, int number, string label, Decision decision, PlanStructure structure, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        Plan = plan;
        Number = number;
        Label = label.Trim();
        Decision = decision;
        Structure = structure;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public int PlanId { get; private set; }
    public Plan Plan { get; private set; } = null!;

    /// <summary>1 for the first version, counting up with each revision.</summary>
    public int Number { get; private set; }

    /// <summary>The region's name for the revision, e.g. "2024" or "Revidering 2025".</summary>
    public string Label { get; private set; } = "";
    public Decision Decision { get; private set; } = Decision.None;
    public PlanStructure Structure { get; private set; } = new([]);
    public DateTimeOffset CreatedAt { get; private set; }

    public List<GoalNode> Nodes { get; private set; } = [];

    /// <summary>Adds a node, enforcing the plan's level rules and unique node keys.</summary>
    public GoalNode AddNode(string key, string level, string title, string? description, GoalNode? parent)
    {
        if (Nodes.Any(n => n.Key == key))
            throw new InvalidOperationException($"Node id '{key}' is used twice in the plan.");
        if (!Structure.Allows(level, parent?.Level))
            throw new InvalidOperationException(
                $"A node of level '{level}' cannot stand {(parent is null ? "at the root" : $"under '{parent.Level}'")}: {Structure.Describe(level)}.");
        var node = new GoalNode(this, key, level, title, description, parent, Nodes.Count);
        Nodes.Add(node);
        return node;
    }
}
