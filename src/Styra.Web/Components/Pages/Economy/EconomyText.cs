using System.Globalization;
using Styra.Features.Economy;
using static Styra.Web.Lang;

namespace Styra.Web.Components.Pages.Economy;

/// <summary>The economy's words and numbers in the UI language, for the judgement and the economy forms.</summary>
public static class EconomyText
{
    public static string? Percent(decimal? p) => FinancialGoalFormulas.Shown(p) is { } v ? v.ToString("N1", CultureInfo.CurrentCulture) + " %" : null;

    /// <summary>A tax rate or a fee change as decided: every decimal the decision gives (11,40 %), none invented.</summary>
    public static string Rate(decimal p) => p.ToString(p == Math.Round(p) ? "N0" : "0.00##", CultureInfo.CurrentCulture).Replace('-', '−') + " %";

    public static string Mnkr(decimal? m) => m is { } v
        ? (v == Math.Round(v) ? v.ToString("N0", CultureInfo.CurrentCulture) : v.ToString("N1", CultureInfo.CurrentCulture)).Replace('-', '−')
        : "–";

    /// <summary>An amount for an input field: exact, without thousands separators, in the UI's decimal sign.</summary>
    public static string Input(decimal? m) => m is { } v ? v.ToString("0.######", CultureInfo.CurrentCulture).Replace('\u2212', '-') : "";

    public static string Basis(ReportedBasis b) => b switch
    {
        ReportedBasis.Outcome => T("Utfall", "Outcome"),
        ReportedBasis.Budget => T("Budget", "Budget"),
        ReportedBasis.Forecast => T("Prognos", "Forecast"),
        _ => T("Mål", "Goal"),
    };

    public static string Kind(FigureKind k) => k switch
    {
        FigureKind.Outcome => T("Utfall", "Outcome"),
        FigureKind.Budget => T("Budget", "Budget"),
        _ => T("Prognos", "Forecast"),
    };

    public static string Target(TargetJudgement j) => j switch
    {
        TargetJudgement.Met => T("uppfyllt", "met"),
        TargetJudgement.NotMet => T("ej uppfyllt", "not met"),
        _ => T("ej bedömt", "not judged"),
    };

    public static string Verdict(ManagementVerdict? v) => v switch
    {
        ManagementVerdict.Achieved => T("God ekonomisk hushållning uppnås", "Sound financial management is achieved"),
        ManagementVerdict.PartlyAchieved => T("God ekonomisk hushållning uppnås delvis", "Sound financial management is partly achieved"),
        ManagementVerdict.NotAchieved => T("God ekonomisk hushållning uppnås inte", "Sound financial management is not achieved"),
        _ => T("Ingen bedömning vald", "No verdict chosen"),
    };

    public static string Status(JudgementStatus s) => s == JudgementStatus.Approved ? T("godkänd", "approved") : T("utkast", "draft");

    public static string ItemName(EconomyItemKind item) =>
        IsEnglish ? English.GetValueOrDefault(item, item.ToString()) : EconomyImporter.ItemNames.Single(n => n.Item == item).Swedish;

    private static readonly Dictionary<EconomyItemKind, string> English = new()
    {
        [EconomyItemKind.OperatingIncome] = "Operating income",
        [EconomyItemKind.OperatingCosts] = "Operating costs",
        [EconomyItemKind.Depreciation] = "Depreciation",
        [EconomyItemKind.TaxRevenue] = "Tax revenue",
        [EconomyItemKind.GeneralGrantsAndEqualisation] = "General state grants and equalisation",
        [EconomyItemKind.FinancialIncome] = "Financial income",
        [EconomyItemKind.FinancialCosts] = "Financial costs",
        [EconomyItemKind.PensionCostsInOperatingCosts] = "Of which pension costs in operating costs",
        [EconomyItemKind.PensionCostsInFinancialCosts] = "Of which financial cost of pensions",
        [EconomyItemKind.NetResult] = "Net result",
        [EconomyItemKind.RealisationGains] = "Realisation gains",
        [EconomyItemKind.AllowedRealisationLosses] = "Allowed realisation losses",
        [EconomyItemKind.UnrealisedSecuritiesChange] = "Unrealised change in securities",
        [EconomyItemKind.ReserveAllocation] = "Allocation to the result reserve",
        [EconomyItemKind.ReserveUse] = "Use of the result reserve",
        [EconomyItemKind.TotalAssets] = "Total assets",
        [EconomyItemKind.Equity] = "Equity",
        [EconomyItemKind.PensionCommitmentsContingent] = "Pension commitments as contingent liability",
        [EconomyItemKind.LiquidAssets] = "Liquid assets",
        [EconomyItemKind.LoanDebt] = "Loan debt",
        [EconomyItemKind.Investments] = "Investments",
    };
}
