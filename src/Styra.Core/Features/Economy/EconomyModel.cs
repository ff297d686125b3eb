using Styra.Features.Audit;
using Styra.Features.Organisation;

namespace Styra.Features.Economy;

/// <summary>What a figure is: utfall (the books of a closed year or period), budget, or prognos (a full-year forecast).</summary>
public enum FigureKind { Outcome, Budget, Forecast }

/// <summary>
/// The income statement (resultaträkning) and balance sheet (balansräkning) items Styra keeps per region, year and
/// <see cref="FigureKind"/>, plus the adjustments of the balanskravsutredning. Amounts are in mnkr. Income and cost
/// items are positive amounts (a cost is entered as 1 200, not −1 200); the items marked "signed" may be negative.
/// </summary>
public enum EconomyItemKind
{
    /// <summary>Verksamhetens intäkter.</summary>
    OperatingIncome,
    /// <summary>Verksamhetens kostnader (positive).</summary>
    OperatingCosts,
    /// <summary>Avskrivningar (positive).</summary>
    Depreciation,
    /// <summary>Skatteintäkter.</summary>
    TaxRevenue,
    /// <summary>Generella statsbidrag och utjämning (signed: the equalisation can be a net charge).</summary>
    GeneralGrantsAndEqualisation,
    /// <summary>Finansiella intäkter.</summary>
    FinancialIncome,
    /// <summary>Finansiella kostnader (positive).</summary>
    FinancialCosts,
    /// <summary>Varav pensionskostnader in verksamhetens kostnader (already included there; shown, never added again).</summary>
    PensionCostsInOperatingCosts,
    /// <summary>Varav finansiell kostnad för pensioner in finansiella kostnader (already included there).</summary>
    PensionCostsInFinancialCosts,
    /// <summary>Årets resultat as reported (signed). Styra also computes it from the items when they are all there.</summary>
    NetResult,
    /// <summary>Realisationsvinster (positive), deducted in the balanskravsutredning.</summary>
    RealisationGains,
    /// <summary>Realisationsförluster that the law allows to be added back (KL 11 kap.: sales in line with good financial management).</summary>
    AllowedRealisationLosses,
    /// <summary>Orealiserade värdeförändringar i värdepapper (signed: a gain positive, a loss negative).</summary>
    UnrealisedSecuritiesChange,
    /// <summary>Avsättning till resultatutjämningsreserv / resultatreserv (positive).</summary>
    ReserveAllocation,
    /// <summary>Ianspråktagande av resultatutjämningsreserv / resultatreserv (positive).</summary>
    ReserveUse,
    /// <summary>Summa tillgångar (totalt kapital).</summary>
    TotalAssets,
    /// <summary>Eget kapital (signed).</summary>
    Equity,
    /// <summary>Pensionsförpliktelser redovisade som ansvarsförbindelse (outside the balance sheet; positive).</summary>
    PensionCommitmentsContingent,
    /// <summary>Likvida medel.</summary>
    LiquidAssets,
    /// <summary>Låneskuld.</summary>
    LoanDebt,
    /// <summary>Investeringar (nettoinvesteringar of the year).</summary>
    Investments,
}

/// <summary>One item of a region's economy: an amount in mnkr for a year and a kind (outcome, budget, forecast).</summary>
public sealed class EconomyItem : IAudited
{
    private EconomyItem() { }

    public EconomyItem(Region region, int year, FigureKind kind, EconomyItemKind item, decimal amount, string source)
    {
        Region = region;
        RegionId = region.Id;
        Year = Years.Check(year);
        Kind = kind;
        Item = item;
        Amount = amount;
        Source = source;
    }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;
    public int Year { get; private set; }
    public FigureKind Kind { get; private set; }
    public EconomyItemKind Item { get; private set; }

    /// <summary>In mnkr, unrounded (an import in kr or tkr keeps every krona: six decimals).</summary>
    public decimal Amount { get; internal set; }

    /// <summary>Where the figure comes from: a document and its page or table, or an import file.</summary>
    public string Source { get; internal set; } = "";

    int? IAudited.AuditRegionId => RegionId;
}

/// <summary>
/// The budget frames of one year as a decision states them: one row per committee (or budget item such as
/// "Regiongemensamma kostnader"), rounded to whole mnkr, and the total the document states. The rows' sum is computed;
/// when it differs from <see cref="StatedTotal"/> (rounding), both are shown with the difference.
/// </summary>
public sealed class BudgetFrameYear : IAudited
{
    private BudgetFrameYear() { }

    public BudgetFrameYear(Region region, int year, decimal? statedTotal, string source)
    {
        Region = region;
        RegionId = region.Id;
        Year = Years.Check(year);
        StatedTotal = statedTotal;
        Source = source;
    }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;
    public int Year { get; private set; }

    /// <summary>The total as the document states it (mnkr), or null when it states none.</summary>
    public decimal? StatedTotal { get; internal set; }
    public string Source { get; internal set; } = "";
    public List<BudgetFrame> Rows { get; private set; } = [];

    public decimal Sum => Rows.Sum(r => r.Amount);

    /// <summary>Stated total − sum of the rows; zero when they agree, null when no total is stated.</summary>
    public decimal? Difference => StatedTotal - Sum;

    public BudgetFrame AddRow(string label, Unit? unit, decimal amount)
    {
        if (string.IsNullOrWhiteSpace(label)) throw new ArgumentException("A frame row needs its label as the document writes it.", nameof(label));
        if (unit is not null && unit.RegionId != RegionId && RegionId != 0) throw new ArgumentException($"The unit {unit.Code} is not in the region.", nameof(unit));
        var row = new BudgetFrame(this, Rows.Count + 1, label.Trim(), unit, amount);
        Rows.Add(row);
        return row;
    }

    int? IAudited.AuditRegionId => RegionId;
}

/// <summary>One committee's (or budget item's) frame in a year, in mnkr as reported.</summary>
public sealed class BudgetFrame : IAudited
{
    private BudgetFrame() { }

    internal BudgetFrame(BudgetFrameYear year, int position, string label, Unit? unit, decimal amount)
    {
        FrameYear = year;
        RegionId = year.RegionId;
        Position = position;
        Label = label;
        Unit = unit;
        Amount = amount;
    }

    public int Id { get; private set; }
    public int FrameYearId { get; private set; }
    public BudgetFrameYear FrameYear { get; private set; } = null!;
    public int RegionId { get; private set; }

    /// <summary>The row's place in the document's table (1-based).</summary>
    public int Position { get; private set; }

    /// <summary>The row's name as the document writes it.</summary>
    public string Label { get; private set; } = "";

    /// <summary>The unit the frame is for; null for a budget item that is no unit (e.g. "Regiongemensamma kostnader").</summary>
    public int? UnitId { get; private set; }
    public Unit? Unit { get; private set; }
    public decimal Amount { get; private set; }

    /// <summary>Corrects the row in its place (a frame form saved again); the position stays.</summary>
    internal void Revise(string label, Unit? unit, decimal amount)
    {
        if (string.IsNullOrWhiteSpace(label)) throw new ArgumentException("A frame row needs its label as the document writes it.", nameof(label));
        Label = label.Trim();
        Unit = unit;
        UnitId = unit?.Id;
        Amount = amount;
    }

    int? IAudited.AuditRegionId => RegionId;
}

/// <summary>The investment plan of one year (mnkr): decided investments and reinvestments, property investments, and the stated total.</summary>
public sealed class InvestmentPlanYear : IAudited
{
    private InvestmentPlanYear() { }

    public InvestmentPlanYear(Region region, int year, decimal decidedAndReinvestments, decimal propertyInvestments, decimal? statedTotal, string source)
    {
        Region = region;
        RegionId = region.Id;
        Year = Years.Check(year);
        DecidedAndReinvestments = decidedAndReinvestments;
        PropertyInvestments = propertyInvestments;
        StatedTotal = statedTotal;
        Source = source;
    }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;
    public int Year { get; private set; }

    /// <summary>Summa redan beslutat/reinvesteringar.</summary>
    public decimal DecidedAndReinvestments { get; internal set; }

    /// <summary>Summa fastighetsinvesteringar.</summary>
    public decimal PropertyInvestments { get; internal set; }

    /// <summary>Summa investeringar totalt, as stated.</summary>
    public decimal? StatedTotal { get; internal set; }
    public string Source { get; internal set; } = "";

    public decimal Sum => DecidedAndReinvestments + PropertyInvestments;
    public decimal? Difference => StatedTotal - Sum;

    int? IAudited.AuditRegionId => RegionId;
}

public enum FinancialGoalKind
{
    /// <summary>Resultat i förhållande till skatteintäkter samt generella statsbidrag och utjämning.</summary>
    ResultShare,
    /// <summary>Självfinansieringsgrad av investeringarna.</summary>
    SelfFinancing,
    /// <summary>Soliditet inklusive hela pensionsåtagandet (ansvarsförbindelsen).</summary>
    SolidityInclPensions,
}

/// <summary>What a reported financial-goal figure is: an outcome (utfall), a budget, or a goal (mål) for the year.</summary>
public enum ReportedBasis { Outcome, Budget, Forecast, Goal }

/// <summary>
/// A financial-goal figure as a document reports it, kept exactly: the percentage (null when the document gives only a
/// text, e.g. "Bibehålla en positiv utveckling"), the amount printed beside it (årets resultat or investeringar, mnkr)
/// and the cell as printed. Styra never corrects these; it computes its own beside them.
/// </summary>
public sealed class ReportedFinancialGoal : IAudited
{
    private ReportedFinancialGoal() { }

    public ReportedFinancialGoal(Region region, int year, FinancialGoalKind goal, ReportedBasis basis, decimal? percent, decimal? amount, string asPrinted, string source)
    {
        Region = region;
        RegionId = region.Id;
        Year = Years.Check(year);
        Goal = goal;
        Basis = basis;
        Percent = percent;
        Amount = amount;
        AsPrinted = asPrinted;
        Source = source;
    }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;
    public int Year { get; private set; }
    public FinancialGoalKind Goal { get; private set; }
    public ReportedBasis Basis { get; private set; }

    /// <summary>In percent (10.1 means 10,1 %), as printed.</summary>
    public decimal? Percent { get; private set; }

    /// <summary>The amount printed with it (mnkr): årets resultat for the result share, investeringar for self-financing.</summary>
    public decimal? Amount { get; private set; }
    public string AsPrinted { get; private set; } = "";
    public string Source { get; private set; } = "";

    int? IAudited.AuditRegionId => RegionId;
}

/// <summary>The ground of synnerliga skäl that the preparatory works of KL 11 kap. name.</summary>
public enum ExceptionalGround
{
    /// <summary>Stark finansiell ställning: equity with realisable assets beyond reasonable needs, covering the whole pension commitment.</summary>
    StrongFinancialPosition,
    /// <summary>Större omstruktureringskostnader in order to reach good financial management.</summary>
    Restructuring,
}

/// <summary>
/// A decision to invoke synnerliga skäl (KL 11 kap. 5 and 12 §§) for a year: the budget may show a deficit, and the
/// deficit need not be restored. The justification and the figures it rests on are recorded as the decision states them.
/// </summary>
public sealed class ExceptionalReasons : IAudited
{
    private ExceptionalReasons() { }

    public ExceptionalReasons(Region region, int year, ExceptionalGround ground, string justification, string source)
    {
        if (string.IsNullOrWhiteSpace(justification)) throw new ArgumentException("Synnerliga skäl must be justified.", nameof(justification));
        Region = region;
        RegionId = region.Id;
        Year = Years.Check(year);
        Ground = ground;
        Justification = justification.Trim();
        Source = source;
    }

    /// <summary>Replaces the ground and the justification (a revised decision); the figures are set beside it.</summary>
    public void Revise(ExceptionalGround ground, string justification, string source)
    {
        if (string.IsNullOrWhiteSpace(justification)) throw new ArgumentException("Synnerliga skäl must be justified.", nameof(justification));
        Ground = ground;
        Justification = justification.Trim();
        Source = source;
    }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;
    public int Year { get; private set; }
    public ExceptionalGround Ground { get; private set; }
    public string Justification { get; private set; } = "";

    /// <summary>The date of the figures the justification rests on (Halland 2024: the follow-up report per 2023-04-30).</summary>
    public DateOnly? FiguresAsOf { get; set; }
    public decimal? EquityMnkr { get; set; }
    public decimal? LiquidAssetsMnkr { get; set; }

    /// <summary>Of the liquid assets, the part set aside for future pension payments.</summary>
    public decimal? LiquidAssetsForPensionsMnkr { get; set; }
    public decimal? TotalCapitalMnkr { get; set; }
    public decimal? SolidityInclPensionsPercent { get; set; }
    public decimal? LoanDebtMnkr { get; set; }
    public string Source { get; private set; } = "";

    int? IAudited.AuditRegionId => RegionId;
}

internal static class Years
{
    public static int Check(int year) => year is >= 1990 and <= 2100
        ? year
        : throw new ArgumentOutOfRangeException(nameof(year), year, "A budget year is between 1990 and 2100.");
}
