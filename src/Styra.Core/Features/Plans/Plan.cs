using Styra.Features.Audit;
using Styra.Features.Organisation;

namespace Styra.Features.Plans;

public enum PlanKind
{
    /// <summary>Strategi: a long-term strategy, e.g. a health care strategy.</summary>
    Strategy,
    /// <summary>Mål och budget: the council's yearly goals and budget for a multi-year period.</summary>
    GoalsAndBudget,
    /// <summary>Handlingsplan: an action plan, revised yearly.</summary>
    ActionPlan,
    /// <summary>Verksamhetsplan: a committee's operational plan.</summary>
    OperationalPlan,
    Other,
}

/// <summary>
/// A plan of the region with its validity period. Its content lives in versions: each yearly revision is a new
/// version with its own goal tree, so earlier decisions stay readable and two versions can be compared.
/// </summary>
public sealed class Plan : IAudited
{
    int? IAudited.AuditRegionId => RegionId == 0 ? Region?.Id : RegionId;

    private Plan() { }

    public Plan(Region region, string key, string title, PlanKind kind, int validFrom, int? validTo)
    {
        Region = region;
        Key = key;
        Update(title, kind, validFrom, validTo, owner: null);
    }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;

    /// <summary>The plan's stable key within the region, e.g. "mal-och-budget-2024-2028".</summary>
    public string Key { get; private set; } = "";
    public string Title { get; private set; } = "";
    public PlanKind Kind { get; private set; }

    /// <summary>First year the plan applies (inclusive).</summary>
    public int ValidFrom { get; private set; }

    /// <summary>Last year the plan applies (inclusive); null while open-ended.</summary>
    public int? ValidTo { get; private set; }

    public int? OwnerUnitId { get; private set; }
    public Unit? Owner { get; private set; }

    public List<PlanVersion> Versions { get; private set; } = [];

    public PlanVersion? CurrentVersion => Versions.MaxBy(v => v.Number);

    public void Update(string title, PlanKind kind, int validFrom, int? validTo, Unit? owner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        if (validTo < validFrom)
            throw new ArgumentException($"A plan cannot end ({validTo}) before it starts ({validFrom}).", nameof(validTo));
        Title = title.Trim();
        Kind = kind;
        ValidFrom = validFrom;
        ValidTo = validTo;
        Owner = owner;
    }

    public PlanVersion AddVersion(string label, Decision decision, PlanStructure structure, DateTimeOffset createdAt)
    {
        var version = new PlanVersion(this, (CurrentVersion?.Number ?? 0) + 1, label, decision, structure, createdAt);
        Versions.Add(version);
        return version;
    }
}

/// <summary>The decision behind a plan version: which body decided, when, and its paragraph or case number.</summary>
public sealed record Decision(string? Body, DateOnly? Date, string? Reference)
{
    public static readonly Decision None = new(null, null, null);
}
