using Styra.Features.Economy;
using Styra.Features.Organisation;

namespace Styra.Tests.Features.Economy;

/// <summary>The balance requirement on a budget, the balanskravsutredning, the rules per year and the restoration obligations.</summary>
public sealed class BalanceRequirementTests
{
    private static EconomyFigures Figures(int year, FigureKind kind, params (EconomyItemKind Item, decimal Amount)[] items) =>
        new(year, kind, items.ToDictionary(i => i.Item, i => i.Amount));

    private static ExceptionalReasons Halland2024() =>
        new(new Region(new RegionCode("13"), "Region Halland"), 2024, ExceptionalGround.StrongFinancialPosition,
            "Tillfälligt ökade pensionskostnader; stark finansiell ställning.", "seed")
        { EquityMnkr = 5600, LiquidAssetsMnkr = 7200, LiquidAssetsForPensionsMnkr = 2000, TotalCapitalMnkr = 13_400, SolidityInclPensionsPercent = 18.6m, LoanDebtMnkr = 0 };

    [Fact]
    public void RulesPerYear_RurUntil2023_ResultReservesFrom2024()
    {
        Assert.Equal(ReserveRegime.None, BalanceRules.For(2012).Reserve);
        Assert.Equal(ReserveRegime.ResultEqualisationReserve, BalanceRules.For(2013).Reserve);
        Assert.Equal(ReserveRegime.ResultEqualisationReserve, BalanceRules.For(2023).Reserve);
        Assert.Equal(ReserveRegime.ResultReserves, BalanceRules.For(2024).Reserve);
        Assert.Equal(ReserveRegime.ResultReserves, BalanceRules.For(2030).Reserve);
    }

    [Fact]
    public void Halland2024_BudgetedLoss_MeetsTheRequirement_OnlyWithTheRecordedJustification()
    {
        var budget = Figures(2024, FigureKind.Budget, (EconomyItemKind.NetResult, -641));
        var with = BalanceRequirement.CheckBudget(budget, Halland2024());
        Assert.Equal(BalanceVerdict.ExceptionalReasons, with.Verdict);
        Assert.Equal(641m, with.Deficit);
        Assert.Equal("reported", with.ResultBasis);
        Assert.Contains("synnerliga skäl", with.Swedish);

        var without = BalanceRequirement.CheckBudget(budget, null);
        Assert.Equal(BalanceVerdict.NotBalanced, without.Verdict);
        Assert.Contains("641", without.English);
    }

    [Fact]
    public void Budget_IncomeMustExceedCosts_ZeroIsNotEnough()
    {
        Assert.Equal(BalanceVerdict.Balanced, BalanceRequirement.CheckBudget(Figures(2025, FigureKind.Budget, (EconomyItemKind.NetResult, 1)), null).Verdict);
        Assert.Equal(BalanceVerdict.NotBalanced, BalanceRequirement.CheckBudget(Figures(2025, FigureKind.Budget, (EconomyItemKind.NetResult, 0)), null).Verdict);
        Assert.Equal(BalanceVerdict.NoBudget, BalanceRequirement.CheckBudget(EconomyFigures.Empty(2025, FigureKind.Budget), null).Verdict);
    }

    [Fact]
    public void Budget_DeficitCoveredByTheReserve_Passes_ButNotInAYearWithoutReserve()
    {
        var covered = BalanceRequirement.CheckBudget(Figures(2023, FigureKind.Budget, (EconomyItemKind.NetResult, -100), (EconomyItemKind.ReserveUse, 100)), null);
        Assert.Equal(BalanceVerdict.CoveredByReserve, covered.Verdict);
        var partly = BalanceRequirement.CheckBudget(Figures(2023, FigureKind.Budget, (EconomyItemKind.NetResult, -100), (EconomyItemKind.ReserveUse, 60)), null);
        Assert.Equal(BalanceVerdict.NotBalanced, partly.Verdict);
        var beforeRur = BalanceRequirement.CheckBudget(Figures(2010, FigureKind.Budget, (EconomyItemKind.NetResult, -100), (EconomyItemKind.ReserveUse, 100)), null);
        Assert.Equal(BalanceVerdict.NotBalanced, beforeRur.Verdict);
    }

    [Fact]
    public void Statement_DeductsGains_AddsAllowedLosses_RemovesUnrealisedChanges_AndTheReserve()
    {
        // 500 − 40 + 10 − 30 (unrealised gain) = 440; − 100 allocated + 0 used = 340.
        var s = BalanceRequirement.Statement(Figures(2022, FigureKind.Outcome,
            (EconomyItemKind.NetResult, 500), (EconomyItemKind.RealisationGains, 40), (EconomyItemKind.AllowedRealisationLosses, 10),
            (EconomyItemKind.UnrealisedSecuritiesChange, 30), (EconomyItemKind.ReserveAllocation, 100)))!;
        Assert.Equal(440m, s.ResultAfterAdjustments);
        Assert.Equal(340m, s.BalanceRequirementResult);
        Assert.Equal("rur", s.Rules.Key);
        // An unrealised loss is added back: −50 → 500 + 50 = 550.
        var loss = BalanceRequirement.Statement(Figures(2024, FigureKind.Outcome, (EconomyItemKind.NetResult, 500), (EconomyItemKind.UnrealisedSecuritiesChange, -50)))!;
        Assert.Equal(550m, loss.BalanceRequirementResult);
        Assert.Equal("resultatreserv", loss.Rules.Key);
    }

    [Fact]
    public void Statement_WithoutAdjustmentLines_SaysSo_RatherThanPretendingThemChecked()
    {
        var s = BalanceRequirement.Statement(Figures(2022, FigureKind.Outcome, (EconomyItemKind.NetResult, 876)))!;
        Assert.Equal(876m, s.BalanceRequirementResult);
        Assert.Contains(s.Problems, p => p.Contains("no balanskravsjusteringar"));
    }

    [Fact]
    public void Statement_UsesTheRulesOfItsOwnYear()
    {
        // The same items: a reserve line counts under RUR (2020) and under resultatreserver (2024), but not before 2013.
        (EconomyItemKind, decimal)[] items = [(EconomyItemKind.NetResult, -80), (EconomyItemKind.ReserveUse, 80)];
        Assert.Equal(0m, BalanceRequirement.Statement(Figures(2020, FigureKind.Outcome, items))!.BalanceRequirementResult);
        Assert.Equal(0m, BalanceRequirement.Statement(Figures(2024, FigureKind.Outcome, items))!.BalanceRequirementResult);
        var old = BalanceRequirement.Statement(Figures(2011, FigureKind.Outcome, items))!;
        Assert.Equal(-80m, old.BalanceRequirementResult);
        Assert.Single(old.Problems);
    }

    [Fact]
    public void Statement_UnderRur_CapsTheAllocationAtTheResultAboveOnePercent()
    {
        // Taxes and grants 10 000: 1 % = 100; a result of 300 allows at most 200 to the RUR.
        var s = BalanceRequirement.Statement(Figures(2019, FigureKind.Outcome, (EconomyItemKind.NetResult, 300), (EconomyItemKind.TaxRevenue, 7000),
            (EconomyItemKind.GeneralGrantsAndEqualisation, 3000), (EconomyItemKind.ReserveAllocation, 250)))!;
        Assert.Equal(200m, s.MaxAllocation);
        Assert.Contains(s.Problems, p => p.Contains("exceeds"));
        // With negative equity including the pension commitment the floor is 2 %: at most 100.
        var negative = BalanceRequirement.Statement(Figures(2019, FigureKind.Outcome, (EconomyItemKind.NetResult, 300), (EconomyItemKind.TaxRevenue, 7000),
            (EconomyItemKind.GeneralGrantsAndEqualisation, 3000), (EconomyItemKind.Equity, 1000), (EconomyItemKind.PensionCommitmentsContingent, 1500)))!;
        Assert.Equal(100m, negative.MaxAllocation);
    }

    [Fact]
    public void NegativeResult_CreatesAnObligation_RestoredByLaterSurpluses_WithinThreeYears()
    {
        var open = BalanceRequirement.Obligations([(2020, -300m), (2021, 100m)], new Dictionary<int, string>(), 2021);
        var o = Assert.Single(open);
        Assert.Equal((2020, 300m, 2023, 100m, ObligationStatus.Open, 200m), (o.FromYear, o.Amount, o.DueBy, o.Restored, o.Status, o.Remaining));

        var met = BalanceRequirement.Obligations([(2020, -300m), (2021, 100m), (2022, 250m)], new Dictionary<int, string>(), 2022);
        Assert.Equal((ObligationStatus.Met, 2022, 0m), (met[0].Status, met[0].MetIn, met[0].Remaining));

        var overdue = BalanceRequirement.Obligations([(2020, -300m), (2021, 0m), (2022, 50m), (2023, 50m)], new Dictionary<int, string>(), 2023);
        Assert.Equal((ObligationStatus.Overdue, 200m), (overdue[0].Status, overdue[0].Remaining));

        var late = BalanceRequirement.Obligations([(2020, -300m), (2024, 400m)], new Dictionary<int, string>(), 2024);
        Assert.Equal(ObligationStatus.MetLate, late[0].Status);
    }

    [Fact]
    public void Surpluses_RestoreTheOldestObligationFirst()
    {
        var list = BalanceRequirement.Obligations([(2020, -100m), (2021, -50m), (2022, 120m)], new Dictionary<int, string>(), 2022);
        Assert.Equal((ObligationStatus.Met, 100m), (list[0].Status, list[0].Restored));
        Assert.Equal((ObligationStatus.Open, 20m, 30m), (list[1].Status, list[1].Restored, list[1].Remaining));
    }

    [Fact]
    public void ExceptionalReasons_WaiveTheObligation_WithTheReasonShown()
    {
        var list = BalanceRequirement.Obligations([(2024, -641m)], new Dictionary<int, string> { [2024] = "stark finansiell ställning" }, 2027);
        var o = Assert.Single(list);
        Assert.Equal((ObligationStatus.Waived, 0m, "stark finansiell ställning"), (o.Status, o.Remaining, o.WaivedBecause));
    }

    [Fact]
    public void ExceptionalReasons_RequireAJustification()
    {
        Assert.Throws<ArgumentException>(() => new ExceptionalReasons(new Region(new RegionCode("13"), "Halland"), 2024, ExceptionalGround.StrongFinancialPosition, " ", "x"));
    }
}
