using Styra.Features.Audit;
using Styra.Features.Organisation;

namespace Styra.Features.FollowUp;

/// <summary>Måluppfyllelse: how far a goal is met.</summary>
public enum Fulfilment
{
    /// <summary>Uppfyllt.</summary>
    Met,
    /// <summary>Delvis uppfyllt.</summary>
    PartlyMet,
    /// <summary>Ej uppfyllt.</summary>
    NotMet,
    /// <summary>Ej bedömt: not assessed (e.g. no data yet).</summary>
    NotAssessed,
}

/// <summary>Where an assessment is in its workflow.</summary>
public enum AssessmentStatus
{
    /// <summary>Ej påbörjad.</summary>
    NotStarted,
    /// <summary>Utkast.</summary>
    Draft,
    /// <summary>Inskickad: waiting for the approver.</summary>
    Submitted,
    /// <summary>Återsänd: the approver sent it back with a comment.</summary>
    Returned,
    /// <summary>Godkänd: locked.</summary>
    Approved,
}

/// <summary>
/// An assessment of one goal-tree node for one reporting event: a committee's assessment of a goal it was assigned
/// (<see cref="UnitId"/> set), or the planners' assessment of a focus area or, with an empty <see cref="NodeKey"/>, of
/// the region as a whole (no unit). <see cref="Version"/> goes up with every save and guards against lost updates.
/// </summary>
public sealed class Assessment : IAudited
{
    private Assessment() { }

    internal Assessment(ReportingEvent reportingEvent, string nodeKey, Unit? unit)
    {
        Event = reportingEvent;
        Region = reportingEvent.Region;
        NodeKey = nodeKey;
        Unit = unit;
        Version = 1;
    }

    public int Id { get; private set; }
    public int EventId { get; private set; }
    public ReportingEvent Event { get; private set; } = null!;
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;

    /// <summary>The key of the goal-tree node in the event's plan; "" for the region as a whole.</summary>
    public string NodeKey { get; private set; } = "";

    /// <summary>The committee that reports; null for the planners' focus-area and region assessments.</summary>
    public int? UnitId { get; private set; }
    public Unit? Unit { get; private set; }

    public AssessmentStatus Status { get; internal set; }
    public Fulfilment? Fulfilment { get; internal set; }

    /// <summary>The forecast of the goal's fulfilment for the full year, where the event asks for one.</summary>
    public Fulfilment? Forecast { get; internal set; }

    /// <summary>The analysis, in Markdown (rendered safely: raw HTML is dropped).</summary>
    public string Analysis { get; internal set; } = "";

    /// <summary>The approver's comment when the assessment was returned; kept until the next return.</summary>
    public string? ReturnComment { get; internal set; }

    public int Version { get; internal set; }
    public DateTimeOffset? UpdatedAt { get; internal set; }
    public string? UpdatedBy { get; internal set; }
    public int? SubmittedByUserId { get; internal set; }
    public string? SubmittedBy { get; internal set; }
    public DateTimeOffset? SubmittedAt { get; internal set; }
    public string? ApprovedBy { get; internal set; }
    public DateTimeOffset? ApprovedAt { get; internal set; }

    /// <summary>The indicator values as they stood when the assessment was submitted.</summary>
    public List<SnapshotValue> Snapshot { get; private set; } = [];

    public bool IsRollUp => UnitId is null && Unit is null;
    public bool IsLocked => Status == AssessmentStatus.Approved;
    public bool IsEditable => Status is AssessmentStatus.NotStarted or AssessmentStatus.Draft or AssessmentStatus.Returned;

    int? IAudited.AuditRegionId => RegionId;
}

/// <summary>One indicator value, frozen into an assessment when it was submitted.</summary>
public sealed class SnapshotValue
{
    private SnapshotValue() { }

    internal SnapshotValue(Assessment assessment, string indicatorCode, string indicatorName, string area, string period, double? value, double? target, DateTimeOffset capturedAt)
    {
        Assessment = assessment;
        IndicatorCode = indicatorCode;
        IndicatorName = indicatorName;
        Area = area;
        Period = period;
        Value = value;
        Target = target;
        CapturedAt = capturedAt;
    }

    public int Id { get; private set; }
    public int AssessmentId { get; private set; }
    public Assessment Assessment { get; private set; } = null!;
    public string IndicatorCode { get; private set; } = "";
    public string IndicatorName { get; private set; } = "";
    public string Area { get; private set; } = "";
    public string Period { get; private set; } = "";
    public double? Value { get; private set; }
    public double? Target { get; private set; }
    public DateTimeOffset CapturedAt { get; private set; }
}
