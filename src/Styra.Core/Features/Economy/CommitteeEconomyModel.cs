using Styra.Features.Audit;
using Styra.Features.Organisation;

namespace Styra.Features.Economy;

/// <summary>Where a committee's monthly economy report stands: being written, or handed in to the planners.</summary>
public enum EconomyReportStatus { Draft, Submitted }

/// <summary>
/// A committee's (nämndens) economy report for one month: the net cost so far this year (ackumulerat utfall) and its
/// forecast of the full year's net cost (helårsprognos), both in mnkr, against the committee's budget frame for the
/// year. Deviations are frame minus cost: positive is a surplus, negative an overspend. A deviation needs a comment.
/// </summary>
public sealed class CommitteeEconomyReport : IAudited
{
    private CommitteeEconomyReport() { }

    public CommitteeEconomyReport(Region region, Unit unit, int year, int month)
    {
        if (unit.RegionId != region.Id && region.Id != 0) throw new ArgumentException($"The unit {unit.Code} is not in the region.", nameof(unit));
        if (month is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(month), month, "A month is 1–12.");
        Region = region;
        RegionId = region.Id;
        Unit = unit;
        UnitId = unit.Id;
        Year = Years.Check(year);
        Month = month;
        Status = EconomyReportStatus.Draft;
    }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;
    public int UnitId { get; private set; }
    public Unit Unit { get; private set; } = null!;
    public int Year { get; private set; }

    /// <summary>The last month the report covers (1–12): outcome is January through this month.</summary>
    public int Month { get; private set; }

    /// <summary>Net cost January–<see cref="Month"/> (mnkr, positive is a cost).</summary>
    public decimal? OutcomeToDate { get; internal set; }

    /// <summary>The budget for January–<see cref="Month"/> when the committee periodises its own; null means frame × month / 12.</summary>
    public decimal? BudgetToDate { get; internal set; }

    /// <summary>Forecast net cost for the whole year (mnkr).</summary>
    public decimal? FullYearForecast { get; internal set; }

    /// <summary>The committee's explanation of its deviations (Markdown), required when there is a deviation.</summary>
    public string Comment { get; internal set; } = "";

    public EconomyReportStatus Status { get; internal set; }
    public int Version { get; internal set; }
    public DateTimeOffset? UpdatedAt { get; internal set; }
    public string? UpdatedBy { get; internal set; }
    public DateTimeOffset? SubmittedAt { get; internal set; }
    public string? SubmittedBy { get; internal set; }

    int? IAudited.AuditRegionId => RegionId;
}

/// <summary>The verdict of the yearly evaluation of god ekonomisk hushållning (KL 11 kap. 1 §).</summary>
public enum ManagementVerdict
{
    /// <summary>God ekonomisk hushållning uppnås.</summary>
    Achieved,
    /// <summary>Uppnås delvis.</summary>
    PartlyAchieved,
    /// <summary>Uppnås inte.</summary>
    NotAchieved,
}

/// <summary>Where a judgement stands: a draft the planners write, then approved (locked) by another planner or an administrator.</summary>
public enum JudgementStatus { Draft, Approved }

/// <summary>
/// The region's yearly judgement of god ekonomisk hushållning, written for the year's annual report (årsredovisning):
/// a verdict and the reasoning, weighing the focus areas' goal fulfilment and the financial goals' outcome.
/// </summary>
public sealed class SoundManagementJudgement : IAudited
{
    private SoundManagementJudgement() { }

    public SoundManagementJudgement(Region region, int year)
    {
        Region = region;
        RegionId = region.Id;
        Year = Years.Check(year);
        Status = JudgementStatus.Draft;
    }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;
    public int Year { get; private set; }

    /// <summary>The annual report (a reporting event of kind AnnualReport) the judgement belongs to, when the calendar has one.</summary>
    public int? EventId { get; internal set; }

    public ManagementVerdict? Verdict { get; internal set; }

    /// <summary>The reasoning (Markdown).</summary>
    public string Text { get; internal set; } = "";

    public JudgementStatus Status { get; internal set; }
    public int Version { get; internal set; }
    public DateTimeOffset? UpdatedAt { get; internal set; }
    public string? UpdatedBy { get; internal set; }
    public int? UpdatedByUserId { get; internal set; }
    public DateTimeOffset? ApprovedAt { get; internal set; }
    public string? ApprovedBy { get; internal set; }

    int? IAudited.AuditRegionId => RegionId;
}

/// <summary>The region's tax rate (utdebitering) for a year, in percent of the tax base (11.40 means 11,40 kr per 100 kr).</summary>
public sealed class TaxRate : IAudited
{
    private TaxRate() { }

    public TaxRate(Region region, int year, decimal percent, string source)
    {
        Region = region;
        RegionId = region.Id;
        Year = Years.Check(year);
        Set(percent, source);
    }

    public void Set(decimal percent, string source)
    {
        if (percent is <= 0 or >= 100) throw new ArgumentOutOfRangeException(nameof(percent), percent, "A tax rate is a percentage above 0 and below 100.");
        Percent = percent;
        Source = source;
    }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;
    public int Year { get; private set; }
    public decimal Percent { get; private set; }
    public string Source { get; private set; } = "";

    int? IAudited.AuditRegionId => RegionId;
}

/// <summary>
/// A fee decision of a budget year (egenavgifter): the area (patientavgifter, tandvårdstaxa, kollektivtrafik …), the
/// decision as the document states it, and the largest change it allows in percent when it states one.
/// </summary>
public sealed class FeeDecision : IAudited
{
    private FeeDecision() { }

    public FeeDecision(Region region, int year, string area, string decision, decimal? maxChangePercent, string source)
    {
        Region = region;
        RegionId = region.Id;
        Year = Years.Check(year);
        Revise(area, decision, maxChangePercent, source);
    }

    public void Revise(string area, string decision, decimal? maxChangePercent, string source)
    {
        if (string.IsNullOrWhiteSpace(area)) throw new ArgumentException("A fee decision names its area.", nameof(area));
        if (string.IsNullOrWhiteSpace(decision)) throw new ArgumentException("A fee decision states the decision.", nameof(decision));
        Area = area.Trim();
        Decision = decision.Trim();
        MaxChangePercent = maxChangePercent;
        Source = source;
    }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;
    public int Year { get; private set; }
    public string Area { get; private set; } = "";
    public string Decision { get; private set; } = "";

    /// <summary>The largest average change the decision allows, in percent (3 means "upp till tre procent"); null when none is stated.</summary>
    public decimal? MaxChangePercent { get; private set; }
    public string Source { get; private set; } = "";

    int? IAudited.AuditRegionId => RegionId;
}
