namespace Styra.Features.Economy;

/// <summary>
/// One year's items of one kind (outcome, budget or forecast), in mnkr. Årets resultat is computed from the income
/// statement items when they are all there; the reported <see cref="EconomyItemKind.NetResult"/> is kept beside it.
/// </summary>
public sealed record EconomyFigures(int Year, FigureKind Kind, IReadOnlyDictionary<EconomyItemKind, decimal> Items)
{
    public decimal? this[EconomyItemKind item] => Items.TryGetValue(item, out var v) ? v : null;

    private static readonly EconomyItemKind[] IncomeItems =
        [EconomyItemKind.OperatingIncome, EconomyItemKind.TaxRevenue, EconomyItemKind.GeneralGrantsAndEqualisation, EconomyItemKind.FinancialIncome];

    private static readonly EconomyItemKind[] CostItems =
        [EconomyItemKind.OperatingCosts, EconomyItemKind.Depreciation, EconomyItemKind.FinancialCosts];

    /// <summary>Income: verksamhetens intäkter + skatteintäkter + generella statsbidrag och utjämning + finansiella intäkter.</summary>
    public decimal? Income => IncomeItems.All(Items.ContainsKey) ? IncomeItems.Sum(i => Items[i]) : null;

    /// <summary>Costs: verksamhetens kostnader + avskrivningar + finansiella kostnader (the "varav" pension items are inside them).</summary>
    public decimal? Costs => CostItems.All(Items.ContainsKey) ? CostItems.Sum(i => Items[i]) : null;

    /// <summary>Årets resultat computed: income − costs; null unless every income statement item is there.</summary>
    public decimal? ComputedResult => Income - Costs;

    public decimal? ReportedResult => this[EconomyItemKind.NetResult];

    /// <summary>The result the goals and the balance requirement use: computed from the items when possible, else as reported.</summary>
    public decimal? Result => ComputedResult ?? ReportedResult;

    /// <summary>Skatteintäkter + generella statsbidrag och utjämning: the denominator of the result share.</summary>
    public decimal? TaxesAndGrants => this[EconomyItemKind.TaxRevenue] + this[EconomyItemKind.GeneralGrantsAndEqualisation];

    public static EconomyFigures Empty(int year, FigureKind kind) => new(year, kind, new Dictionary<EconomyItemKind, decimal>());
}

public enum TargetJudgement { Met, NotMet, NotJudged }

/// <summary>
/// The three financial goals' formulas. Every ratio is computed from unrounded mnkr and returned in percent, unrounded;
/// rounding (one decimal, half away from zero) happens only when shown. A ratio whose denominator is zero (no
/// investments, no assets, no tax income) is undefined and returned as null, never as 0 or infinity.
/// </summary>
public static class FinancialGoalFormulas
{
    /// <summary>SKR's practice that Halland follows: at least 2 % over time.</summary>
    public const decimal ResultShareTarget = 2m;

    /// <summary>Self-financing of investments: at least 100 % in the long run.</summary>
    public const decimal SelfFinancingTarget = 100m;

    /// <summary>"Över tid": Styra's rolling average covers the year and the four before it (five years, as "fem år i sammandrag").</summary>
    public const int RollingYears = 5;

    public const string ResultShareFormula = "årets resultat / (skatteintäkter + generella statsbidrag och utjämning) × 100";
    public const string RollingFormula = "Σ årets resultat / Σ (skatteintäkter + generella statsbidrag och utjämning) × 100, över årets och de fyra föregående årens utfall";
    public const string SelfFinancingFormula = "(årets resultat + avskrivningar) / investeringar × 100";
    public const string SolidityFormula = "(eget kapital − pensionsförpliktelser redovisade som ansvarsförbindelse) / totala tillgångar × 100";

    public static decimal? ResultShare(decimal result, decimal taxesAndGrants) =>
        taxesAndGrants == 0 ? null : 100m * result / taxesAndGrants;

    /// <summary>Weighted by the years' sizes: the sum of the results over the sum of the denominators (not the mean of the yearly percentages).</summary>
    public static decimal? RollingResultShare(IReadOnlyCollection<(decimal Result, decimal TaxesAndGrants)> years) =>
        years.Count == 0 ? null : ResultShare(years.Sum(y => y.Result), years.Sum(y => y.TaxesAndGrants));

    public static decimal? SelfFinancing(decimal result, decimal depreciation, decimal investments) =>
        investments == 0 ? null : 100m * (result + depreciation) / investments;

    public static decimal? SolidityInclPensions(decimal equity, decimal pensionCommitmentsContingent, decimal totalAssets) =>
        totalAssets <= 0 ? null : 100m * (equity - pensionCommitmentsContingent) / totalAssets;

    /// <summary>The taxes and grants a reported result and percentage imply: amount / percent × 100 (mnkr).</summary>
    public static decimal? ImpliedTaxesAndGrants(decimal? result, decimal? percent) =>
        result is { } r && percent is { } p && p != 0 ? r / p * 100m : null;

    public static TargetJudgement AtLeast(decimal? value, decimal target) =>
        value is { } v ? (v >= target ? TargetJudgement.Met : TargetJudgement.NotMet) : TargetJudgement.NotJudged;

    /// <summary>Solidity including the pension commitment: positive, and not lower than the year before (when that is known).</summary>
    public static TargetJudgement SolidityTarget(decimal? value, decimal? previous) => value switch
    {
        null => TargetJudgement.NotJudged,
        <= 0 => TargetJudgement.NotMet,
        { } v when previous is { } p && v < p => TargetJudgement.NotMet,
        _ => TargetJudgement.Met,
    };

    /// <summary>Rounds for display: one decimal, half away from zero (as Swedish annual reports round).</summary>
    public static decimal? Shown(decimal? percent) => percent is { } p ? Math.Round(p, 1, MidpointRounding.AwayFromZero) : null;
}
