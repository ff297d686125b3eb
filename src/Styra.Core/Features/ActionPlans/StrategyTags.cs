using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Organisation;
using Styra.Features.Plans;

namespace Styra.Features.ActionPlans;

/// <summary>
/// Which levels of a strategy's goal tree tag a handlingsplan's initiatives: the insatsområden (<see cref="Area"/>),
/// their viljeriktningar (<see cref="Direction"/>, children of an area) and the fokusförflyttningar (<see cref="FocusShift"/>);
/// <see cref="Group"/> is the level that groups the areas in the matrix. Level keys come from the region's plan file;
/// Skåne's are the default, and a region whose plan file names them otherwise gets its own entry in <see cref="ByRegion"/>.
/// </summary>
public sealed record TagLevels(string Area, string Direction, string FocusShift, string Group)
{
    public static readonly TagLevels Default = new("initiative-area", "direction", "focus-shift", "group");

    /// <summary>Regions whose plan files name the three levels differently (none yet).</summary>
    public static readonly IReadOnlyDictionary<string, TagLevels> ByRegion = new Dictionary<string, TagLevels>();

    public static TagLevels For(RegionCode code) => ByRegion.GetValueOrDefault(code.Value, Default);
}

/// <summary>A node of the strategy's current version, as the tags and the matrix need it.</summary>
public sealed record StrategyNode(string Key, string Level, string Title, string? ParentKey, int Order);

/// <summary>The strategy's nodes that can tag an initiative, in plan order.</summary>
public sealed class StrategyTags
{
    private readonly Dictionary<string, StrategyNode> _byKey;

    public StrategyTags(IEnumerable<StrategyNode> nodes, TagLevels levels)
    {
        Levels = levels;
        var all = nodes.OrderBy(n => n.Order).ToList();
        _byKey = all.GroupBy(n => n.Key).ToDictionary(g => g.Key, g => g.First());
        Areas = all.Where(n => n.Level == levels.Area).ToList();
        Directions = all.Where(n => n.Level == levels.Direction).ToList();
        FocusShifts = all.Where(n => n.Level == levels.FocusShift).ToList();
        Groups = all.Where(n => n.Level == levels.Group).ToList();
    }

    public TagLevels Levels { get; }
    public IReadOnlyList<StrategyNode> Areas { get; }
    public IReadOnlyList<StrategyNode> Directions { get; }
    public IReadOnlyList<StrategyNode> FocusShifts { get; }
    public IReadOnlyList<StrategyNode> Groups { get; }

    public StrategyNode? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>Whether the key is a node at one of the three tagging levels.</summary>
    public bool IsTag(string key) => Find(key) is { } n && (n.Level == Levels.Area || n.Level == Levels.Direction || n.Level == Levels.FocusShift);

    public bool IsArea(string key) => Find(key)?.Level == Levels.Area;
    public bool IsDirection(string key) => Find(key)?.Level == Levels.Direction;
    public bool IsFocusShift(string key) => Find(key)?.Level == Levels.FocusShift;

    /// <summary>The insatsområde a tag serves: the area itself, or a viljeriktning's parent area.</summary>
    public string? AreaOf(string key) => Find(key) switch
    {
        { } n when n.Level == Levels.Area => n.Key,
        { ParentKey: { } p } n when n.Level == Levels.Direction && IsArea(p) => p,
        _ => null,
    };

    /// <summary>A short title for a column heading: the number of a fokusförflyttning and its first words.</summary>
    public static string Short(string title, int words = 6)
    {
        var parts = title.TrimEnd('.').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length <= words ? string.Join(' ', parts) : string.Join(' ', parts.Take(words)) + " …";
    }

    /// <summary>The tags of a strategy's current version.</summary>
    public static async Task<StrategyTags> LoadAsync(StyraDbContext db, int strategyId, CancellationToken ct = default)
    {
        var code = await db.Plans.Where(p => p.Id == strategyId).Select(p => p.Region.Code).SingleAsync(ct);
        var rows = await db.GoalNodes.AsNoTracking().CurrentNodes().Where(n => n.PlanVersion.PlanId == strategyId)
            .Select(n => new { n.Id, n.Key, n.Level, n.Title, ParentKey = n.Parent == null ? null : n.Parent.Key, n.SortOrder, n.ParentId })
            .ToListAsync(ct);
        // Plan order: depth first through the tree, siblings by their sort order.
        var children = rows.ToLookup(r => r.ParentId);
        var ordered = new List<StrategyNode>();
        void Walk(int? parent)
        {
            foreach (var r in children[parent].OrderBy(r => r.SortOrder).ThenBy(r => r.Id))
            {
                ordered.Add(new StrategyNode(r.Key, r.Level, r.Title, r.ParentKey, ordered.Count));
                Walk(r.Id);
            }
        }
        Walk(null);
        return new StrategyTags(ordered, TagLevels.For(code));
    }
}
