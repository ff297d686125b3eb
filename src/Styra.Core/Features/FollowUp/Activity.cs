using Styra.Features.Audit;
using Styra.Features.Organisation;
using Styra.Features.Plans;

namespace Styra.Features.FollowUp;

public enum ActivityKind
{
    /// <summary>Aktivitet: something the committee does to reach a goal.</summary>
    Activity,
    /// <summary>Uppdrag: an assignment given to the committee (by the council or the board).</summary>
    Assignment,
}

public enum ActivityStatus { NotStarted, Ongoing, Delayed, Done, Cancelled }

/// <summary>An activity or assignment (uppdrag) of a committee's operational plan, linked to goals of a plan.</summary>
public sealed class Activity : IAudited
{
    private Activity() { }

    public Activity(Unit unit, Plan plan, ActivityKind kind, string title)
    {
        Unit = unit;
        Region = unit.Region;
        Plan = plan;
        Kind = kind;
        Title = title;
        Version = 1;
    }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;
    public int UnitId { get; private set; }
    public Unit Unit { get; private set; } = null!;
    public int PlanId { get; private set; }
    public Plan Plan { get; private set; } = null!;
    public ActivityKind Kind { get; internal set; }
    public string Title { get; internal set; } = "";
    public string Description { get; internal set; } = "";

    /// <summary>Who leads it (a name or a role, as the committee writes it).</summary>
    public string Owner { get; internal set; } = "";
    public DateOnly? Start { get; internal set; }
    public DateOnly? End { get; internal set; }
    public ActivityStatus Status { get; internal set; }

    /// <summary>The goals (node keys of <see cref="Plan"/>) it serves, comma-separated in the database.</summary>
    public List<string> GoalKeys { get; internal set; } = [];
    public int Version { get; internal set; }

    public List<ActivityProgress> Progress { get; private set; } = [];

    int? IAudited.AuditRegionId => RegionId;
}

/// <summary>The status and progress comment of an activity at one reporting event.</summary>
public sealed class ActivityProgress : IAudited
{
    private ActivityProgress() { }

    internal ActivityProgress(Activity activity, ReportingEvent reportingEvent)
    {
        Activity = activity;
        Event = reportingEvent;
        RegionId = activity.RegionId;
    }

    public int Id { get; private set; }
    public int ActivityId { get; private set; }
    public Activity Activity { get; private set; } = null!;
    public int EventId { get; private set; }
    public ReportingEvent Event { get; private set; } = null!;
    public int RegionId { get; private set; }
    public ActivityStatus Status { get; internal set; }
    public string Comment { get; internal set; } = "";
    public DateTimeOffset UpdatedAt { get; internal set; }
    public string UpdatedBy { get; internal set; } = "";

    int? IAudited.AuditRegionId => RegionId;
}
