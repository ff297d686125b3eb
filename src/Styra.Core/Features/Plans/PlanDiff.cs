namespace Styra.Features.Plans;

/// <summary>A goal-tree node reduced to what a revision can change, for comparing two versions.</summary>
public sealed record NodeSnapshot(
    string Key,
    string? ParentKey,
    string Level,
    string Title,
    string? Description,
    IReadOnlyList<string> Responsible,
    IReadOnlyList<string> Links,
    IReadOnlyList<string> Indicators)
{
    public static NodeSnapshot From(GoalNode node) => new(
        node.Key,
        node.Parent?.Key,
        node.Level,
        node.Title,
        node.Description,
        node.Responsibilities.Select(r => r.Code).Order(StringComparer.Ordinal).ToList(),
        node.Links.Select(l => $"{l.TargetPlan.Key}/{l.TargetNodeKey}").Order(StringComparer.Ordinal).ToList(),
        node.Indicators.OrderBy(i => i.SortOrder).Select(i => i.Indicator.Code).ToList());
}

public enum NodeChangeKind { Added, Removed, Changed }

/// <summary>One node's difference between two versions; for a change, the fields that differ and their values.</summary>
public sealed record NodeChange(NodeChangeKind Kind, string Key, string Title, string Level, IReadOnlyList<FieldChange> Fields);

public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>The difference between two versions of a plan's goal tree, matched on node keys.</summary>
public sealed record PlanDiff(IReadOnlyList<NodeChange> Changes)
{
    public bool IsEmpty => Changes.Count == 0;
    public IEnumerable<NodeChange> Added => Changes.Where(c => c.Kind == NodeChangeKind.Added);
    public IEnumerable<NodeChange> Removed => Changes.Where(c => c.Kind == NodeChangeKind.Removed);
    public IEnumerable<NodeChange> Changed => Changes.Where(c => c.Kind == NodeChangeKind.Changed);

    public static PlanDiff Compare(IEnumerable<NodeSnapshot> before, IEnumerable<NodeSnapshot> after)
    {
        var old = before.ToDictionary(n => n.Key);
        var changes = new List<NodeChange>();
        var seen = new HashSet<string>();
        foreach (var node in after)
        {
            seen.Add(node.Key);
            if (!old.TryGetValue(node.Key, out var previous))
            {
                changes.Add(new NodeChange(NodeChangeKind.Added, node.Key, node.Title, node.Level, []));
                continue;
            }
            var fields = FieldChanges(previous, node).ToList();
            if (fields.Count > 0)
                changes.Add(new NodeChange(NodeChangeKind.Changed, node.Key, node.Title, node.Level, fields));
        }
        changes.AddRange(old.Values.Where(n => !seen.Contains(n.Key))
            .Select(n => new NodeChange(NodeChangeKind.Removed, n.Key, n.Title, n.Level, [])));
        return new PlanDiff(changes);
    }

    private static IEnumerable<FieldChange> FieldChanges(NodeSnapshot a, NodeSnapshot b)
    {
        if (a.Title != b.Title) yield return new("title", a.Title, b.Title);
        if (a.Level != b.Level) yield return new("level", a.Level, b.Level);
        if (a.ParentKey != b.ParentKey) yield return new("parent", a.ParentKey, b.ParentKey);
        if (a.Description != b.Description) yield return new("description", a.Description, b.Description);
        if (!a.Responsible.SequenceEqual(b.Responsible))
            yield return new("responsible", string.Join(", ", a.Responsible), string.Join(", ", b.Responsible));
        if (!a.Links.SequenceEqual(b.Links))
            yield return new("links", string.Join(", ", a.Links), string.Join(", ", b.Links));
        if (!a.Indicators.SequenceEqual(b.Indicators))
            yield return new("indicators", string.Join(", ", a.Indicators), string.Join(", ", b.Indicators));
    }
}
