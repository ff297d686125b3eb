using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Organisation;

namespace Styra.Features.Economy;

public sealed record ItemView(EconomyItemKind Item, decimal Amount, string Source);

/// <summary>One kind's items of a year, with the result computed from them beside the reported one (and their difference).</summary>
public sealed record FiguresView(FigureKind Kind, IReadOnlyList<ItemView> Items, decimal? Income, decimal? Costs,
    decimal? ComputedResult, decimal? ReportedResult, decimal? ResultDifference);

public sealed record FrameRowView(int Position, string Label, string? Unit, decimal Amount);

/// <summary>A year's frames: the rows, their sum, the total the document states, and stated − sum (rounding shows here).</summary>
public sealed record FrameYearView(int Year, IReadOnlyList<FrameRowView> Rows, decimal Sum, decimal? StatedTotal, decimal? Difference, string Source);

public sealed record InvestmentPlanView(int Year, decimal DecidedAndReinvestments, decimal PropertyInvestments, decimal Sum,
    decimal? StatedTotal, decimal? Difference, string Source);

/// <summary>
/// A financial goal in one year and basis: Styra's figure computed from the items (unrounded and shown), the figure as
/// reported, and for the result share the taxes and grants the reported pair implies — side by side, never merged.
/// </summary>
public sealed record GoalFigure(FinancialGoalKind Goal, int Year, ReportedBasis Basis,
    decimal? Computed, decimal? ComputedShown, string? Inputs,
    decimal? Reported, string? ReportedAsPrinted, decimal? ReportedAmount, decimal? ImpliedTaxesAndGrants, string? Source,
    decimal? Rolling, decimal? RollingReported, int RollingYearsUsed, TargetJudgement Target);

public sealed record FinancialGoalSeries(FinancialGoalKind Goal, string Swedish, string English, string Formula, string TargetSwedish, string TargetEnglish,
    IReadOnlyList<GoalFigure> Figures);

public sealed record ExceptionalView(int Year, ExceptionalGround Ground, string Justification, DateOnly? FiguresAsOf, decimal? EquityMnkr,
    decimal? LiquidAssetsMnkr, decimal? LiquidAssetsForPensionsMnkr, decimal? TotalCapitalMnkr, decimal? SolidityInclPensionsPercent, decimal? LoanDebtMnkr, string Source);

public sealed record EconomyYearView(string Region, int Year, string Unit, IReadOnlyList<FiguresView> Figures, FrameYearView? Frames,
    InvestmentPlanView? InvestmentPlan, IReadOnlyList<GoalFigure> FinancialGoals, BudgetBalanceCheck? BudgetCheck,
    BalanceRequirementStatement? BalanceRequirement, ExceptionalView? ExceptionalReasons, IReadOnlyList<RestorationObligation> Obligations,
    TaxRateView? TaxRate = null, IReadOnlyList<FeeDecisionView>? Fees = null);

/// <summary>Reads a region's economy and computes from it: the financial goals, the frames' sums, the balance requirement.</summary>
public sealed class EconomyQueries(StyraDbContext db)
{
    public const string AmountUnit = "mnkr";

    public async Task<EconomyYearView?> YearAsync(RegionCode code, int year, CancellationToken ct = default)
    {
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null) return null;
        var all = await FiguresAsync(region.Id, ct);
        var figures = Enum.GetValues<FigureKind>().Select(k => all.GetValueOrDefault((year, k))).OfType<EconomyFigures>().ToList();
        var sources = await db.EconomyItems.AsNoTracking().Where(i => i.RegionId == region.Id && i.Year == year)
            .ToDictionaryAsync(i => (i.Kind, i.Item), i => i.Source, ct);
        var frames = (await FramesAsync(region.Id, year, year, ct)).SingleOrDefault();
        var plan = (await InvestmentPlanAsync(region.Id, year, year, ct)).SingleOrDefault();
        var goals = (await GoalsAsync(region.Id, all, null, ct)).SelectMany(s => s.Figures).Where(f => f.Year == year).ToList();
        var (check, statement, exceptional, obligations) = await BalanceAsync(region.Id, year, all, ct);
        var (tax, fees) = await new TaxAndFees(db).ForYearAsync(region.Id, year, ct);
        return new EconomyYearView(region.Code.Value, year, AmountUnit, figures.Select(f => ToView(f, sources)).ToList(), frames, plan, goals, check, statement,
            exceptional, obligations, tax, fees);
    }

    public async Task<IReadOnlyList<FinancialGoalSeries>?> FinancialGoalsAsync(RegionCode code, CancellationToken ct = default)
    {
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        return region is null ? null : await GoalsAsync(region.Id, await FiguresAsync(region.Id, ct), null, ct);
    }

    /// <summary>
    /// The financial goals as if only <paramref name="years"/> existed, and of them only outcomes and budgets: every figure
    /// derived from other years — the rolling average of the result share, the solidity's comparison with the year
    /// before — is computed from those years alone. This is what may be public (the published economy years).
    /// </summary>
    public async Task<IReadOnlyList<FinancialGoalSeries>?> FinancialGoalsOfYearsAsync(RegionCode code, IReadOnlyCollection<int> years, CancellationToken ct = default)
    {
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null) return null;
        var all = (await FiguresAsync(region.Id, ct))
            .Where(kv => years.Contains(kv.Key.Year) && kv.Key.Kind is FigureKind.Outcome or FigureKind.Budget)
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        return await GoalsAsync(region.Id, all, r => years.Contains(r.Year) && r.Basis is ReportedBasis.Outcome or ReportedBasis.Budget, ct);
    }

    public async Task<IReadOnlyList<FrameYearView>?> BudgetFramesAsync(RegionCode code, int? from, int? to, CancellationToken ct = default)
    {
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        return region is null ? null : await FramesAsync(region.Id, from ?? int.MinValue, to ?? int.MaxValue, ct);
    }

    public async Task<IReadOnlyList<InvestmentPlanView>?> InvestmentPlanAsync(RegionCode code, int? from, int? to, CancellationToken ct = default)
    {
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        return region is null ? null : await InvestmentPlanAsync(region.Id, from ?? int.MinValue, to ?? int.MaxValue, ct);
    }

    private async Task<Dictionary<(int Year, FigureKind Kind), EconomyFigures>> FiguresAsync(int regionId, CancellationToken ct)
    {
        var items = await db.EconomyItems.AsNoTracking().Where(i => i.RegionId == regionId).ToListAsync(ct);
        return items.GroupBy(i => (i.Year, i.Kind)).ToDictionary(g => g.Key,
            g => new EconomyFigures(g.Key.Year, g.Key.Kind, g.ToDictionary(i => i.Item, i => i.Amount)));
    }

    private async Task<List<FrameYearView>> FramesAsync(int regionId, int from, int to, CancellationToken ct)
    {
        var years = await db.BudgetFrameYears.AsNoTracking().Include(y => y.Rows).ThenInclude(r => r.Unit)
            .Where(y => y.RegionId == regionId && y.Year >= from && y.Year <= to).OrderBy(y => y.Year).ToListAsync(ct);
        return years.Select(y => new FrameYearView(y.Year,
            y.Rows.OrderBy(r => r.Position).Select(r => new FrameRowView(r.Position, r.Label, r.Unit?.Code, r.Amount)).ToList(),
            y.Sum, y.StatedTotal, y.Difference, y.Source)).ToList();
    }

    private async Task<List<InvestmentPlanView>> InvestmentPlanAsync(int regionId, int from, int to, CancellationToken ct) =>
        (await db.InvestmentPlanYears.AsNoTracking().Where(y => y.RegionId == regionId && y.Year >= from && y.Year <= to).OrderBy(y => y.Year).ToListAsync(ct))
        .Select(y => new InvestmentPlanView(y.Year, y.DecidedAndReinvestments, y.PropertyInvestments, y.Sum, y.StatedTotal, y.Difference, y.Source)).ToList();

    private async Task<(BudgetBalanceCheck?, BalanceRequirementStatement?, ExceptionalView?, IReadOnlyList<RestorationObligation>)> BalanceAsync(
        int regionId, int year, Dictionary<(int Year, FigureKind Kind), EconomyFigures> all, CancellationToken ct)
    {
        var exceptional = await db.ExceptionalReasons.AsNoTracking().Where(e => e.RegionId == regionId).ToListAsync(ct);
        var thisYear = exceptional.SingleOrDefault(e => e.Year == year);
        var check = all.TryGetValue((year, FigureKind.Budget), out var budget) ? BalanceRequirement.CheckBudget(budget, thisYear) : null;
        var statements = all.Where(kv => kv.Key.Kind == FigureKind.Outcome).Select(kv => BalanceRequirement.Statement(kv.Value))
            .OfType<BalanceRequirementStatement>().ToList();
        var obligations = statements.Count == 0 ? [] : BalanceRequirement.Obligations(
            statements.Select(s => (s.Year, s.BalanceRequirementResult)),
            exceptional.ToDictionary(e => e.Year, e => e.Justification), statements.Max(s => s.Year));
        return (check, statements.SingleOrDefault(s => s.Year == year), thisYear is null ? null : ToView(thisYear),
            obligations.Where(o => o.FromYear <= year).ToList());
    }

    private async Task<List<FinancialGoalSeries>> GoalsAsync(int regionId, Dictionary<(int Year, FigureKind Kind), EconomyFigures> all,
        Func<ReportedFinancialGoal, bool>? reportedFilter, CancellationToken ct)
    {
        var reported = await db.ReportedFinancialGoals.AsNoTracking().Where(g => g.RegionId == regionId).ToListAsync(ct);
        if (reportedFilter is not null) reported = reported.Where(reportedFilter).ToList();
        return
        [
            Series(FinancialGoalKind.ResultShare, "Resultat i förhållande till skatteintäkter samt generella statsbidrag och utjämning",
                "Result as a share of taxes, general state grants and equalisation", FinancialGoalFormulas.ResultShareFormula,
                "Minst 2 % över tid", "At least 2 % over time", all, reported),
            Series(FinancialGoalKind.SelfFinancing, "Självfinansieringsgrad av investeringarna", "Self-financing of investments",
                FinancialGoalFormulas.SelfFinancingFormula, "Minst 100 %", "At least 100 %", all, reported),
            Series(FinancialGoalKind.SolidityInclPensions, "Soliditet inklusive hela pensionsåtagandet", "Solidity including the whole pension commitment",
                FinancialGoalFormulas.SolidityFormula, "Positiv och inte minskande över tid", "Positive and not decreasing over time", all, reported),
        ];
    }

    private static FinancialGoalSeries Series(FinancialGoalKind goal, string sv, string en, string formula, string targetSv, string targetEn,
        Dictionary<(int Year, FigureKind Kind), EconomyFigures> all, List<ReportedFinancialGoal> reported)
    {
        var keys = all.Keys.Select(k => (k.Year, Basis: Basis(k.Kind)))
            .Concat(reported.Where(r => r.Goal == goal).Select(r => (r.Year, r.Basis))).Distinct()
            .OrderBy(k => k.Year).ThenBy(k => k.Basis).ToList();
        var figures = new List<GoalFigure>();
        foreach (var (year, basis) in keys)
        {
            var f = basis == ReportedBasis.Goal ? null : all.GetValueOrDefault((year, Kind(basis)));
            var (computed, inputs) = f is null ? (null, null) : Compute(goal, f);
            var rep = reported.SingleOrDefault(r => r.Goal == goal && r.Year == year && r.Basis == basis);
            if (computed is null && rep is null) continue;
            decimal? rolling = null, rollingReported = null;
            var used = 0;
            if (goal == FinancialGoalKind.ResultShare && basis == ReportedBasis.Outcome)
            {
                var window = Enumerable.Range(year - FinancialGoalFormulas.RollingYears + 1, FinancialGoalFormulas.RollingYears).ToList();
                var pairs = window.Select(y => all.GetValueOrDefault((y, FigureKind.Outcome))).OfType<EconomyFigures>()
                    .Where(x => x.Result is not null && x.TaxesAndGrants is not null).Select(x => (x.Result!.Value, x.TaxesAndGrants!.Value)).ToList();
                rolling = FinancialGoalFormulas.RollingResultShare(pairs);
                var reportedWindow = reported.Where(r => r.Goal == goal && r.Basis == ReportedBasis.Outcome && window.Contains(r.Year) && r.Percent is not null)
                    .Select(r => r.Percent!.Value).ToList();
                // The reported percentages carry no denominators, so their average is the plain mean, labelled as such.
                rollingReported = reportedWindow.Count == 0 ? null : reportedWindow.Average();
                used = Math.Max(pairs.Count, reportedWindow.Count);
            }
            var value = computed ?? rep?.Percent;
            var target = goal switch
            {
                // "Över tid": an outcome is judged on its rolling average (computed, else the mean of the reported), a budget on its year.
                FinancialGoalKind.ResultShare => FinancialGoalFormulas.AtLeast(rolling ?? rollingReported ?? value, FinancialGoalFormulas.ResultShareTarget),
                FinancialGoalKind.SelfFinancing => FinancialGoalFormulas.AtLeast(value, FinancialGoalFormulas.SelfFinancingTarget),
                _ => basis == ReportedBasis.Goal ? TargetJudgement.NotJudged
                    : FinancialGoalFormulas.SolidityTarget(value, figures.LastOrDefault(x => x.Year == year - 1 && x.Basis == ReportedBasis.Outcome) is { } p ? p.Computed ?? p.Reported : null),
            };
            figures.Add(new GoalFigure(goal, year, basis, computed, FinancialGoalFormulas.Shown(computed), inputs,
                rep?.Percent, rep?.AsPrinted, rep?.Amount,
                goal == FinancialGoalKind.ResultShare ? FinancialGoalFormulas.ImpliedTaxesAndGrants(rep?.Amount, rep?.Percent) : null,
                rep?.Source, rolling, rollingReported, used, target));
        }
        return new FinancialGoalSeries(goal, sv, en, formula, targetSv, targetEn, figures);
    }

    private static (decimal?, string?) Compute(FinancialGoalKind goal, EconomyFigures f)
    {
        switch (goal)
        {
            case FinancialGoalKind.ResultShare when f.Result is { } r && f.TaxesAndGrants is { } tg:
                return (FinancialGoalFormulas.ResultShare(r, tg), $"{r:0.###} / {tg:0.###}");
            case FinancialGoalKind.SelfFinancing when f.Result is { } r && f[EconomyItemKind.Depreciation] is { } d && f[EconomyItemKind.Investments] is { } i:
                return (FinancialGoalFormulas.SelfFinancing(r, d, i), $"({r:0.###} + {d:0.###}) / {i:0.###}");
            case FinancialGoalKind.SolidityInclPensions when f[EconomyItemKind.Equity] is { } e && f[EconomyItemKind.PensionCommitmentsContingent] is { } p
                                                            && f[EconomyItemKind.TotalAssets] is { } t:
                return (FinancialGoalFormulas.SolidityInclPensions(e, p, t), $"({e:0.###} − {p:0.###}) / {t:0.###}");
            default:
                return (null, null);
        }
    }

    private static ReportedBasis Basis(FigureKind k) => k switch
    {
        FigureKind.Outcome => ReportedBasis.Outcome,
        FigureKind.Budget => ReportedBasis.Budget,
        _ => ReportedBasis.Forecast,
    };

    private static FigureKind Kind(ReportedBasis b) => b switch
    {
        ReportedBasis.Outcome => FigureKind.Outcome,
        ReportedBasis.Budget => FigureKind.Budget,
        _ => FigureKind.Forecast,
    };

    private static FiguresView ToView(EconomyFigures f, Dictionary<(FigureKind, EconomyItemKind), string> sources) => new(f.Kind,
        f.Items.OrderBy(i => i.Key).Select(i => new ItemView(i.Key, i.Value, sources.GetValueOrDefault((f.Kind, i.Key), ""))).ToList(),
        f.Income, f.Costs, f.ComputedResult, f.ReportedResult, f.ComputedResult - f.ReportedResult);

    public static ExceptionalView ToView(ExceptionalReasons e) => new(e.Year, e.Ground, e.Justification, e.FiguresAsOf, e.EquityMnkr, e.LiquidAssetsMnkr,
        e.LiquidAssetsForPensionsMnkr, e.TotalCapitalMnkr, e.SolidityInclPensionsPercent, e.LoanDebtMnkr, e.Source);
}
