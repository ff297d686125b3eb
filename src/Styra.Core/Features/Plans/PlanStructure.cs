namespace Styra.Features.Plans;

/// <summary>
/// Which level may stand where in a plan's goal tree: a root level, or under one of the named parent levels.
/// Halland's Mål och budget is Vision → Fokusområde → Mål; Skåne's strategy has Fokusförflyttning beside Grupp.
/// </summary>
public sealed record PlanStructure(IReadOnlyList<LevelRule> Rules)
{
    public bool Defines(string level) => Rules.Any(r => r.Level == level);

    /// <summary>True when a node of <paramref name="level"/> may stand under a node of
    /// <paramref name="parentLevel"/>, or at the root when <paramref name="parentLevel"/> is null.</summary>
    public bool Allows(string level, string? parentLevel) =>
        Rules.Any(r => r.Level == level && (parentLevel is null ? r.Under.Count == 0 : r.Under.Contains(parentLevel)));

    public string Describe(string level)
    {
        var rule = Rules.FirstOrDefault(r => r.Level == level);
        return rule is null ? $"level '{level}' is not in the plan's structure"
            : rule.Under.Count == 0 ? $"'{level}' stands at the root"
            : $"'{level}' stands under {string.Join(" or ", rule.Under.Select(u => $"'{u}'"))}";
    }

    public bool SameAs(PlanStructure other) =>
        Rules.Count == other.Rules.Count
        && Rules.Zip(other.Rules).All(p => p.First.Level == p.Second.Level && p.First.Under.SequenceEqual(p.Second.Under));
}

/// <summary>A level and the levels it may stand under; an empty list makes it a root level.</summary>
public sealed record LevelRule(string Level, IReadOnlyList<string> Under);
