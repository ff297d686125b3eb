using Styra.Features.Audit;
using Styra.Features.Organisation;
using Styra.Features.Plans;

namespace Styra.Features.ActionPlans;

/// <summary>
/// A region-wide handlingsplan for one year: the initiatives (insatser) that carry out a strategy, each tagged with the
/// strategy's nodes it serves. Skåne's plan is followed up and revised every year, so each year is its own
/// revision; an initiative keeps its <see cref="Initiative.Key"/> across revisions, which is what the comparison reads.
/// </summary>
public sealed class ActionPlan : IAudited
{
    private ActionPlan() { }

    public ActionPlan(Region region, Plan strategy, int year, string title, bool isDemo)
    {
        Region = region;
        RegionId = region.Id;
        Strategy = strategy;
        Year = year;
        Title = title;
        IsDemo = isDemo;
        Version = 1;
    }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;

    /// <summary>The strategy whose goal-tree nodes (insatsområden, viljeriktningar, fokusförflyttningar) the initiatives are tagged with.</summary>
    public int StrategyId { get; private set; }
    public Plan Strategy { get; private set; } = null!;

    /// <summary>The year of this revision ("Handlingsplan 2026").</summary>
    public int Year { get; private set; }
    public string Title { get; internal set; } = "";

    /// <summary>Who decided the revision and when, as written (e.g. "Hälso- och sjukvårdsdirektören 2025-12-10").</summary>
    public string? Decision { get; internal set; }
    public bool IsDemo { get; internal set; }
    public int Version { get; internal set; }

    public List<Initiative> Initiatives { get; private set; } = [];

    int? IAudited.AuditRegionId => RegionId;
}

public enum InitiativeStatus { Planned, Ongoing, Delayed, Done, Cancelled }

/// <summary>An initiative (insats) of a handlingsplan revision.</summary>
public sealed class Initiative : IAudited
{
    private Initiative() { }

    public Initiative(ActionPlan plan, string key, string title)
    {
        Plan = plan;
        Key = key;
        Title = title;
        Version = 1;
    }

    public int Id { get; private set; }
    public int ActionPlanId { get; private set; }
    public ActionPlan Plan { get; private set; } = null!;

    /// <summary>Stable across revisions, e.g. "INS-07".</summary>
    public string Key { get; private set; } = "";
    public string Title { get; internal set; } = "";
    public string Description { get; internal set; } = "";

    /// <summary>Who owns it (a name or a role, as the plan writes it).</summary>
    public string Owner { get; internal set; } = "";
    public DateOnly? Start { get; internal set; }
    public DateOnly? End { get; internal set; }
    public InitiativeStatus Status { get; internal set; }

    /// <summary>The strategy's node keys it is tagged with: insatsområden and viljeriktningar it serves and the
    /// fokusförflyttningar it advances (comma-separated in the database). A viljeriktning implies its insatsområde.</summary>
    public List<string> NodeKeys { get; internal set; } = [];

    /// <summary>The yearly follow-up of this revision's initiative: status at year end and a comment; null until followed up.</summary>
    public InitiativeStatus? FollowUpStatus { get; internal set; }
    public string? FollowUpComment { get; internal set; }
    public DateTimeOffset? FollowedUpAt { get; internal set; }
    public string? FollowedUpBy { get; internal set; }

    public int Version { get; internal set; }

    int? IAudited.AuditRegionId => Plan?.RegionId is > 0 ? Plan.RegionId : Plan?.Region?.Id;
}
