using Styra.Features.Audit;
using Styra.Features.Organisation;
using Styra.Features.Plans;

namespace Styra.Features.FollowUp;

/// <summary>The kinds of reporting event in the follow-up calendar (årshjulet).</summary>
public enum EventKind
{
    /// <summary>Månadsrapport: a monthly report, chiefly the economic forecast.</summary>
    Monthly,
    /// <summary>Uppföljningsrapport 1 (UR1), January–April.</summary>
    Tertial1,
    /// <summary>Uppföljningsrapport 2 (UR2) / delårsbokslut, January–August, with a full-year forecast per goal.</summary>
    Tertial2,
    /// <summary>Årsredovisning: goal fulfilment for the year.</summary>
    AnnualReport,
}

/// <summary>
/// A reporting event of a region's year: what period it covers, by when the committees must report, and which plan
/// they report against. The assessments it asks for follow from the plan's goal assignments.
/// </summary>
public sealed class ReportingEvent : IAudited
{
    private ReportingEvent() { }

    public ReportingEvent(Region region, Plan plan, EventKind kind, string name, DateOnly periodStart, DateOnly periodEnd, DateOnly deadline, bool asksForecast)
    {
        Region = region;
        Plan = plan;
        Update(kind, name, periodStart, periodEnd, deadline, asksForecast);
    }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;
    public int PlanId { get; private set; }
    public Plan Plan { get; private set; } = null!;
    public EventKind Kind { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The calendar year the event follows up (the year of its period's end).</summary>
    public int Year { get; private set; }
    public DateOnly PeriodStart { get; private set; }
    public DateOnly PeriodEnd { get; private set; }

    /// <summary>The last day (Europe/Stockholm) on which reports are on time.</summary>
    public DateOnly Deadline { get; private set; }

    /// <summary>Whether each assessment must carry a forecast of the goal's fulfilment for the full year (UR2).</summary>
    public bool AsksForecast { get; private set; }

    public List<Assessment> Assessments { get; private set; } = [];

    int? IAudited.AuditRegionId => RegionId;

    public void Update(EventKind kind, string name, DateOnly periodStart, DateOnly periodEnd, DateOnly deadline, bool asksForecast)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (periodEnd < periodStart)
            throw new ArgumentException($"The period cannot end ({periodEnd:yyyy-MM-dd}) before it starts ({periodStart:yyyy-MM-dd}).", nameof(periodEnd));
        if (deadline < periodStart)
            throw new ArgumentException($"The deadline ({deadline:yyyy-MM-dd}) cannot come before the period starts ({periodStart:yyyy-MM-dd}).", nameof(deadline));
        Kind = kind;
        Name = name.Trim();
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
        Year = periodEnd.Year;
        Deadline = deadline;
        AsksForecast = asksForecast;
    }

    /// <summary>Follows up another plan instead (only while no assessment of the event has been started).</summary>
    public void ChangePlan(Plan plan) => Plan = plan;

    /// <summary>The usual name, period, deadline and forecast rule of an event of a kind, as the seeds describe them.</summary>
    public static (string Name, DateOnly Start, DateOnly End, DateOnly Deadline, bool Forecast) Defaults(EventKind kind, int year, int month = 1) => kind switch
    {
        EventKind.Monthly => ($"Månadsrapport {Economy.MonthlyRules.SwedishMonths[month - 1]} {year}", new(year, 1, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1),
            new DateOnly(year, month, 1).AddMonths(1).AddDays(9), false),
        EventKind.Tertial1 => ($"Uppföljningsrapport 1 {year}", new(year, 1, 1), new(year, 4, 30), new(year, 5, 20), false),
        EventKind.Tertial2 => ($"Uppföljningsrapport 2 / delårsbokslut {year}", new(year, 1, 1), new(year, 8, 31), new(year, 9, 20), true),
        _ => ($"Årsredovisning {year}", new(year, 1, 1), new(year, 12, 31), new(year + 1, 2, 15), false),
    };
}
