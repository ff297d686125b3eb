namespace Styra.Features.Economy;

/// <summary>Which reserve the law lets a region use against a deficit in a year.</summary>
public enum ReserveRegime
{
    /// <summary>Before 2013: no reserve; a deficit is restored or excused by synnerliga skäl.</summary>
    None,
    /// <summary>Resultatutjämningsreserv (RUR), 2013–2023.</summary>
    ResultEqualisationReserve,
    /// <summary>Resultatreserver, from 2024.</summary>
    ResultReserves,
}

/// <summary>
/// The balance requirement's rules as they stood for a range of years. Each year is computed with the rules of its own
/// time, so that a closed year stays as it was computed when the law later changes.
/// </summary>
public sealed record BalanceRules(string Key, string Name, int FromYear, int? ToYear, ReserveRegime Reserve, string ReserveName, string Law)
{
    public static readonly IReadOnlyList<BalanceRules> All =
    [
        new("kl-utan-reserv", "Balanskrav utan reserv", 1990, 2012, ReserveRegime.None, "",
            "Kommunallagen (1991:900) 8 kap. 4–5 b §§"),
        new("rur", "Balanskrav med resultatutjämningsreserv (RUR)", 2013, 2023, ReserveRegime.ResultEqualisationReserve, "resultatutjämningsreserv (RUR)",
            "Kommunallagen (1991:900) 8 kap. 3 d §, från 2018 Kommunallagen (2017:725) 11 kap. 5, 12–14 §§"),
        new("resultatreserv", "Balanskrav med resultatreserver", 2024, null, ReserveRegime.ResultReserves, "resultatreserv",
            "Kommunallagen (2017:725) 11 kap. i lydelse från 2024"),
    ];

    public static BalanceRules For(int year) =>
        All.SingleOrDefault(r => year >= r.FromYear && (r.ToYear is null || year <= r.ToYear))
        ?? throw new ArgumentOutOfRangeException(nameof(year), year, "No balance-requirement rules are known for that year.");

    public bool AllowsReserve => Reserve != ReserveRegime.None;

    /// <summary>Years within which a negative balanskravsresultat must be restored ("inom de närmast följande tre åren").</summary>
    public const int RestoreWithinYears = 3;

    /// <summary>
    /// Under RUR: at most the part of the result after balanskravsjusteringar that exceeds 1 % of taxes and grants (2 %
    /// when equity including the whole pension commitment is negative) may be allocated. Null when the rules set no
    /// cap Styra computes (resultatreserver: the region's own guidelines decide) or the items are missing.
    /// </summary>
    public decimal? MaxAllocation(decimal resultAfterAdjustments, decimal? taxesAndGrants, decimal? equityInclPensions)
    {
        if (Reserve != ReserveRegime.ResultEqualisationReserve || taxesAndGrants is not { } tg) return null;
        var floor = (equityInclPensions is < 0 ? 0.02m : 0.01m) * tg;
        return Math.Max(0, resultAfterAdjustments - floor);
    }
}

public enum BalanceVerdict
{
    /// <summary>Income exceeds costs.</summary>
    Balanced,
    /// <summary>A deficit, covered by the use of the reserve.</summary>
    CoveredByReserve,
    /// <summary>A deficit the region justifies with synnerliga skäl, the justification recorded.</summary>
    ExceptionalReasons,
    /// <summary>A deficit neither covered nor justified: the budget does not meet the balance requirement.</summary>
    NotBalanced,
    /// <summary>No budget result for the year.</summary>
    NoBudget,
}

/// <summary>The balance requirement on a budget (KL 11 kap. 5 §): income must exceed costs, with the two exceptions.</summary>
public sealed record BudgetBalanceCheck(
    int Year, BalanceRules Rules, decimal? Income, decimal? Costs, decimal? Result, string ResultBasis,
    decimal ReserveUse, decimal? Deficit, BalanceVerdict Verdict, string Swedish, string English);

/// <summary>The balanskravsutredning of a closed year, line by line (mnkr).</summary>
public sealed record BalanceRequirementStatement(
    int Year, BalanceRules Rules, decimal NetResult, string ResultBasis, decimal RealisationGains, decimal AllowedRealisationLosses,
    decimal UnrealisedSecuritiesChange, decimal ResultAfterAdjustments, decimal ReserveAllocation, decimal ReserveUse,
    decimal? MaxAllocation, decimal BalanceRequirementResult, IReadOnlyList<string> Problems)
{
    public const string Formula =
        "årets resultat − realisationsvinster + tillåtna realisationsförluster − orealiserade vinster (+ förluster) i värdepapper "
        + "= resultat efter balanskravsjusteringar; − avsättning till + ianspråktagande av reserv = balanskravsresultat";
}

public enum ObligationStatus { Open, Met, MetLate, Overdue, Waived }

/// <summary>A negative balanskravsresultat to restore within three years, and how far it has been restored.</summary>
public sealed record RestorationObligation(int FromYear, decimal Amount, int DueBy, decimal Restored, ObligationStatus Status, int? MetIn, string? WaivedBecause)
{
    public decimal Remaining => Status == ObligationStatus.Waived ? 0 : Amount - Restored;
}

public static class BalanceRequirement
{
    public static BudgetBalanceCheck CheckBudget(EconomyFigures budget, ExceptionalReasons? exceptional)
    {
        var rules = BalanceRules.For(budget.Year);
        var (result, basis) = ResultOf(budget);
        var reserveUse = rules.AllowsReserve ? budget[EconomyItemKind.ReserveUse] ?? 0 : 0;
        if (result is not { } r)
            return new(budget.Year, rules, budget.Income, budget.Costs, null, basis, reserveUse, null, BalanceVerdict.NoBudget,
                "Budgeten saknar resultat: ange årets resultat eller resultaträkningens poster.", "The budget has no result: enter the net result or the income statement items.");
        if (r > 0)
            return new(budget.Year, rules, budget.Income, budget.Costs, r, basis, reserveUse, null, BalanceVerdict.Balanced,
                $"Intäkterna överstiger kostnaderna med {r:0.#} mnkr.", $"Income exceeds costs by {r:0.#} mnkr.");
        var deficit = -r;
        if (rules.AllowsReserve && reserveUse >= deficit && reserveUse > 0)
            return new(budget.Year, rules, budget.Income, budget.Costs, r, basis, reserveUse, deficit, BalanceVerdict.CoveredByReserve,
                $"Underskottet på {deficit:0.#} mnkr täcks av {reserveUse:0.#} mnkr ur {rules.ReserveName}.",
                $"The deficit of {deficit:0.#} mnkr is covered by {reserveUse:0.#} mnkr from the reserve ({rules.ReserveName}).");
        if (exceptional is not null && exceptional.Year == budget.Year)
            return new(budget.Year, rules, budget.Income, budget.Costs, r, basis, reserveUse, deficit, BalanceVerdict.ExceptionalReasons,
                $"Underskottet på {deficit:0.#} mnkr budgeteras med synnerliga skäl ({Names.Ground(exceptional.Ground, true)}); motiveringen är dokumenterad.",
                $"The deficit of {deficit:0.#} mnkr is budgeted with exceptional reasons ({Names.Ground(exceptional.Ground, false)}); the justification is recorded.");
        return new(budget.Year, rules, budget.Income, budget.Costs, r, basis, reserveUse, deficit, BalanceVerdict.NotBalanced,
            $"Budgeten uppfyller inte balanskravet: underskott {deficit:0.#} mnkr utan täckning ur reserv och utan dokumenterade synnerliga skäl.",
            $"The budget does not meet the balance requirement: a deficit of {deficit:0.#} mnkr, not covered by a reserve and without recorded exceptional reasons.");
    }

    /// <summary>The balanskravsutredning of a closed year from its outcome items, under that year's rules.</summary>
    public static BalanceRequirementStatement? Statement(EconomyFigures outcome)
    {
        if (outcome.Kind != FigureKind.Outcome) throw new ArgumentException("A balanskravsutredning is made on a closed year's outcome.", nameof(outcome));
        var rules = BalanceRules.For(outcome.Year);
        var (result, basis) = ResultOf(outcome);
        if (result is not { } r) return null;
        var problems = new List<string>();
        EconomyItemKind[] adjustments = [EconomyItemKind.RealisationGains, EconomyItemKind.AllowedRealisationLosses, EconomyItemKind.UnrealisedSecuritiesChange,
            EconomyItemKind.ReserveAllocation, EconomyItemKind.ReserveUse];
        // Said aloud, because a published balanskravsresultat often differs from årets resultat by exactly these lines.
        if (!adjustments.Any(outcome.Items.ContainsKey))
            problems.Add($"{outcome.Year}: no balanskravsjusteringar are recorded for the year; they are taken as 0, so the balanskravsresultat equals årets resultat.");
        var gains = outcome[EconomyItemKind.RealisationGains] ?? 0;
        var losses = outcome[EconomyItemKind.AllowedRealisationLosses] ?? 0;
        var unrealised = outcome[EconomyItemKind.UnrealisedSecuritiesChange] ?? 0;
        var adjusted = r - gains + losses - unrealised;
        var allocation = outcome[EconomyItemKind.ReserveAllocation] ?? 0;
        var use = outcome[EconomyItemKind.ReserveUse] ?? 0;
        if (!rules.AllowsReserve && (allocation != 0 || use != 0))
        {
            problems.Add($"{outcome.Year}: the rules of the year ({rules.Name}) have no reserve; the reserve lines are left out.");
            allocation = use = 0;
        }
        var equityInclPensions = outcome[EconomyItemKind.Equity] - outcome[EconomyItemKind.PensionCommitmentsContingent];
        var max = rules.MaxAllocation(adjusted, outcome.TaxesAndGrants, equityInclPensions);
        if (max is { } m && allocation > m)
            problems.Add($"{outcome.Year}: the allocation to the {rules.ReserveName} ({allocation:0.#} mnkr) exceeds what the rules allow ({m:0.#} mnkr).");
        return new(outcome.Year, rules, r, basis, gains, losses, unrealised, adjusted, allocation, use, max, adjusted - allocation + use, problems);
    }

    /// <summary>
    /// Tracks the obligations that negative balanskravsresultat create: each must be restored within the three following
    /// years; positive results restore the oldest open obligation first. A year with recorded synnerliga skäl creates no
    /// obligation (it is shown as waived, with the reason). <paramref name="lastClosedYear"/> decides what is overdue.
    /// </summary>
    public static IReadOnlyList<RestorationObligation> Obligations(
        IEnumerable<(int Year, decimal Result)> balanceResults, IReadOnlyDictionary<int, string> exceptional, int lastClosedYear)
    {
        var list = new List<(int From, decimal Amount, decimal Restored, int? MetIn, string? Waived)>();
        foreach (var (year, result) in balanceResults.OrderBy(y => y.Year))
        {
            if (result < 0)
            {
                list.Add(exceptional.TryGetValue(year, out var why) ? (year, -result, 0, null, why) : (year, -result, 0, null, null));
                continue;
            }
            var left = result;
            for (var i = 0; i < list.Count && left > 0; i++)
            {
                var o = list[i];
                if (o.Waived is not null || o.MetIn is not null || o.From >= year) continue;
                var take = Math.Min(left, o.Amount - o.Restored);
                left -= take;
                o.Restored += take;
                if (o.Restored == o.Amount) o.MetIn = year;
                list[i] = o;
            }
        }
        return list.Select(o =>
        {
            var due = o.From + BalanceRules.RestoreWithinYears;
            var status = o.Waived is not null ? ObligationStatus.Waived
                : o.MetIn is { } met ? (met <= due ? ObligationStatus.Met : ObligationStatus.MetLate)
                : lastClosedYear >= due ? ObligationStatus.Overdue : ObligationStatus.Open;
            return new RestorationObligation(o.From, o.Amount, due, o.Restored, status, o.MetIn, o.Waived);
        }).ToList();
    }

    private static (decimal? Result, string Basis) ResultOf(EconomyFigures f) =>
        f.ComputedResult is { } c ? (c, "computed") : f.ReportedResult is { } rep ? (rep, "reported") : (null, "missing");
}

internal static class Names
{
    public static string Ground(ExceptionalGround g, bool swedish) => (g, swedish) switch
    {
        (ExceptionalGround.StrongFinancialPosition, true) => "stark finansiell ställning",
        (ExceptionalGround.StrongFinancialPosition, false) => "strong financial position",
        (ExceptionalGround.Restructuring, true) => "större omstruktureringskostnader",
        _ => "major restructuring costs",
    };
}
