using Styra.Features.Economy;

namespace Styra.Features.Reports;

/// <summary>The Swedish words the reports use for the economy's items, kinds and judgements.</summary>
internal static class EconomyNames
{
    /// <summary>The income statement's items in the order a resultaträkning shows them.</summary>
    public static readonly IReadOnlyList<EconomyItemKind> IncomeStatement =
    [
        EconomyItemKind.OperatingIncome, EconomyItemKind.OperatingCosts, EconomyItemKind.Depreciation, EconomyItemKind.TaxRevenue,
        EconomyItemKind.GeneralGrantsAndEqualisation, EconomyItemKind.FinancialIncome, EconomyItemKind.FinancialCosts, EconomyItemKind.NetResult,
        EconomyItemKind.PensionCostsInOperatingCosts, EconomyItemKind.PensionCostsInFinancialCosts, EconomyItemKind.Investments,
    ];

    public static string Swedish(EconomyItemKind item) => EconomyImporter.ItemNames.Single(n => n.Item == item).Swedish;

    public static string Kind(FigureKind k) => k switch { FigureKind.Budget => "Budget", FigureKind.Forecast => "Prognos", _ => "Utfall" };

    public static string Basis(ReportedBasis b) => b switch
    {
        ReportedBasis.Outcome => "Utfall",
        ReportedBasis.Budget => "Budget",
        ReportedBasis.Forecast => "Prognos",
        _ => "Mål",
    };

    public static string Target(TargetJudgement t) => t switch
    {
        TargetJudgement.Met => "Uppfyllt",
        TargetJudgement.NotMet => "Ej uppfyllt",
        _ => "Bedöms inte",
    };

    public static string Verdict(ManagementVerdict? v) => v switch
    {
        ManagementVerdict.Achieved => "God ekonomisk hushållning uppnås",
        ManagementVerdict.PartlyAchieved => "God ekonomisk hushållning uppnås delvis",
        ManagementVerdict.NotAchieved => "God ekonomisk hushållning uppnås inte",
        _ => "Ingen bedömning vald",
    };

    public static string Obligation(ObligationStatus s) => s switch
    {
        ObligationStatus.Open => "Öppet",
        ObligationStatus.Met => "Återställt i tid",
        ObligationStatus.MetLate => "Återställt för sent",
        ObligationStatus.Overdue => "Försenat",
        _ => "Synnerliga skäl",
    };
}
