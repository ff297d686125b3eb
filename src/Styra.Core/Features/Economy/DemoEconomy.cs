using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Organisation;

namespace Styra.Features.Economy;

/// <summary>
/// Halland's economy from the seed, Mål och budget 2024–2028 (seed 002_a8deadba50cbe92b.txt): the financial goals as
/// reported 2018–2024, the result and investment amounts printed with them, the budget frames per committee
/// 2024–2028, the investment plan 2024–2028, and the synnerliga skäl for the 2024 budget. Every figure is transcribed
/// as the document prints it, and every row says so in its source.
/// </summary>
public static class DemoEconomy
{
    public const string Seed = "Från seed: Region Halland, Mål och budget 2024–2028 (002_a8deadba50cbe92b.txt)";
    public const string GoalsSource = Seed + ", avsnitt Finansiella mål";
    public const string FramesSource = Seed + ", tabell Fördelning av budget till nämnder";
    public const string InvestmentSource = Seed + ", tabell Investeringsplan 2024–2028";
    public const string ExceptionalSource = Seed + ", avsnitt Synnerliga skäl till att underbalansera budgeten 2024";
    public const string TaxSource = Seed + ", avsnitt Skattesats";
    public const string FeesSource = Seed + ", avsnitt Egenavgifter";

    /// <summary>The demo's judgement of god ekonomisk hushållning: a planner's draft for 2024, the year of the demo's annual report.</summary>
    public const int JudgementYear = 2024;

    /// <summary>The frame table, row by row as printed: label, 2024, 2025, 2026, 2027, 2028 (mnkr).</summary>
    public static readonly (string Label, decimal[] Amounts)[] Frames =
    [
        ("Patientnämnd", [1, 1, 1, 1, 1]),
        ("Revision", [6, 6, 6, 6, 6]),
        ("Gemensam nämnd Hemsjukvård och hjälpmedel", [83, 86, 88, 90, 93]),
        ("Driftnämnd Kollektivtrafik", [572, 590, 609, 628, 648]),
        ("RH Fastighetsförvaltning", [8, 8, 8, 9, 9]),
        ("Regionstyrelsen", [952, 980, 1043, 1089, 1135]),
        ("Regionstyrelsen Hälso- och sjukvård", [3692, 3942, 4144, 4357, 4580]),
        ("Driftnämnd Hallands Sjukhus", [5600, 5800, 6005, 6217, 6437]),
        ("Driftnämnd Ambulans Diagnostik och Hälsa", [819, 844, 870, 897, 925]),
        ("Driftnämnd Psykiatri", [838, 861, 889, 919, 949]),
        ("Driftnämnd Närsjukvård", [103, 107, 111, 115, 118]),
        ("Driftnämnd Kultur och skola", [183, 191, 197, 203, 209]),
        ("Regionservice", [0, 0, 0, 0, 0]),
        ("Regiongemensamma kostnader", [671, 92, 11, 36, 24]),
    ];

    /// <summary>"Summa" as printed: 13 530, 13 509, 13 982, 14 566, 15 135.</summary>
    public static readonly decimal[] FrameTotals = [13530, 13509, 13982, 14566, 15135];

    public static async Task LoadAsync(StyraDbContext db, CancellationToken ct)
    {
        var region = await db.Regions.Include(r => r.Units).SingleOrDefaultAsync(r => r.Code == new RegionCode("13"), ct);
        if (region is null || await db.ReportedFinancialGoals.AnyAsync(g => g.RegionId == region.Id, ct)) return;

        // Result share: percentage and årets resultat (mnkr), outcome 2018–2022, budget 2023–2024.
        (int Year, ReportedBasis Basis, decimal Percent, string Printed, decimal Result)[] resultShare =
        [
            (2018, ReportedBasis.Outcome, 1.0m, "1,0%", 93), (2019, ReportedBasis.Outcome, 2.7m, "2,7%", 273),
            (2020, ReportedBasis.Outcome, 7.5m, "7,5%", 766), (2021, ReportedBasis.Outcome, 10.3m, "10,3%", 1304),
            (2022, ReportedBasis.Outcome, 10.1m, "10,1%", 876), (2023, ReportedBasis.Budget, -2.4m, "-2,4%", -303),
            (2024, ReportedBasis.Budget, -4.8m, "-4,8%", -641),
        ];
        // Self-financing: percentage and investeringar (mnkr). 2022 is printed "23,2%" and 2024 "-17,7%": kept as printed.
        (int Year, ReportedBasis Basis, decimal Percent, string Printed, decimal Investments)[] selfFinancing =
        [
            (2018, ReportedBasis.Outcome, 91m, "91%", 340), (2019, ReportedBasis.Outcome, 105m, "105%", 393),
            (2020, ReportedBasis.Outcome, 198m, "198%", 580), (2021, ReportedBasis.Outcome, 216m, "216%", 753),
            (2022, ReportedBasis.Outcome, 23.2m, "23,2%", 704), (2023, ReportedBasis.Budget, 16m, "16%", 748),
            (2024, ReportedBasis.Budget, -17.7m, "-17,7%", 983),
        ];
        (int Year, decimal Percent, string Printed)[] solidity =
            [(2018, -6.1m, "-6,1%"), (2019, -4.9m, "-4,9%"), (2020, 5.7m, "5,7%"), (2021, 16.0m, "16,0%"), (2022, 24.7m, "24,7%")];

        foreach (var r in resultShare)
        {
            db.ReportedFinancialGoals.Add(new ReportedFinancialGoal(region, r.Year, FinancialGoalKind.ResultShare, r.Basis, r.Percent, r.Result, r.Printed, GoalsSource));
            db.EconomyItems.Add(new EconomyItem(region, r.Year, Kind(r.Basis), EconomyItemKind.NetResult, r.Result, GoalsSource + ", rad Årets Resultat (mnkr)"));
        }
        foreach (var s in selfFinancing)
        {
            db.ReportedFinancialGoals.Add(new ReportedFinancialGoal(region, s.Year, FinancialGoalKind.SelfFinancing, s.Basis, s.Percent, s.Investments, s.Printed, GoalsSource));
            db.EconomyItems.Add(new EconomyItem(region, s.Year, Kind(s.Basis), EconomyItemKind.Investments, s.Investments, GoalsSource + ", rad Investeringar (mnkr)"));
        }
        foreach (var s in solidity)
            db.ReportedFinancialGoals.Add(new ReportedFinancialGoal(region, s.Year, FinancialGoalKind.SolidityInclPensions, ReportedBasis.Outcome, s.Percent, null, s.Printed, GoalsSource));
        db.ReportedFinancialGoals.Add(new ReportedFinancialGoal(region, 2023, FinancialGoalKind.SolidityInclPensions, ReportedBasis.Goal, null, null,
            "Mål 2023: Bibehålla en positiv utveckling", GoalsSource));

        for (var i = 0; i < FrameTotals.Length; i++)
        {
            var year = new BudgetFrameYear(region, 2024 + i, FrameTotals[i], FramesSource);
            foreach (var (label, amounts) in Frames)
                year.AddRow(label, region.Units.SingleOrDefault(u => u.Name == label), amounts[i]);
            db.BudgetFrameYears.Add(year);
        }

        (int Year, decimal Decided, decimal Property, decimal Total)[] plan =
            [(2024, 439.8m, 543.4m, 983.2m), (2025, 377.2m, 485.0m, 862.2m), (2026, 310.2m, 852.0m, 1162.2m), (2027, 304.1m, 680.0m, 984.1m), (2028, 284.3m, 670.0m, 954.3m)];
        foreach (var p in plan)
            db.InvestmentPlanYears.Add(new InvestmentPlanYear(region, p.Year, p.Decided, p.Property, p.Total, InvestmentSource));

        db.ExceptionalReasons.Add(new ExceptionalReasons(region, 2024, ExceptionalGround.StrongFinancialPosition,
            "Region Halland budgeterar ett negativt resultat 2024, därefter från 2025 och framåt budgeteras återigen positiva resultat. "
            + "De negativa resultaten förklaras av tillfälligt ökade pensionskostnader föranlett av pensionsskuldens uppräkning utifrån "
            + "prisbasbeloppet som i sin tur styrs av inflationen. Underskottet regleras mot eget kapital genom att åberopa synnerliga skäl "
            + "att inte återställa ett negativt resultat i enlighet med kommunallagen. Region Halland har ingen resultatutjämningsreserv att ta i anspråk. "
            + "I uppföljningsrapporten per 2023-04-30 hade Region Halland: ett eget kapital på ca 5,6 mdkr; realiserbara tillgångar i form av "
            + "likvida medel på ca 7,2 mdkr (varav ca 2,0 mdkr är avsatta för framtida pensionsutbetalningar); ett totalt kapital på ca 13,4 mdkr "
            + "och en soliditet på 18,6 procent som täcker hela pensionsåtagandet (inklusive den del som redovisas som en ansvarsförbindelse "
            + "utanför balansräkningen); ingen låneskuld.",
            ExceptionalSource)
        {
            FiguresAsOf = new DateOnly(2023, 4, 30),
            EquityMnkr = 5600,
            LiquidAssetsMnkr = 7200,
            LiquidAssetsForPensionsMnkr = 2000,
            TotalCapitalMnkr = 13400,
            SolidityInclPensionsPercent = 18.6m,
            LoanDebtMnkr = 0,
        });

        db.TaxRates.Add(new TaxRate(region, 2024, 11.40m, TaxSource + " (\"utdebitering av skatt 2024 är oförändrad och uppgår till 11,40 procent\")"));
        db.FeeDecisions.Add(new FeeDecision(region, 2024, "Patientavgifter",
            "Övergripande patientavgiftsnivåer för 2024 är oförändrade från 2023 (bilaga 6). Högkostnadsskyddet följer högsta angivna nivå enligt 17 kap. HSL; "
            + "hälsovård och intyg (gula taxan), egenavgifter för sjukresor och övriga egenavgifter räknas upp enligt tidigare principer.",
            0m, FeesSource + ", Patientavgifter"));
        db.FeeDecisions.Add(new FeeDecision(region, 2024, "Tandvårdstaxa",
            "TLV:s referensprislistas totala förändring används som riktmärke när tandvårdstaxan föreslås; taxan beslutas i regionfullmäktige i december.",
            null, FeesSource + ", Tandvårdstaxa"));
        db.FeeDecisions.Add(new FeeDecision(region, 2024, "Kollektivtrafik",
            "Budgeten medger Hallandstrafiken en genomsnittlig taxeförändring för kollektivtrafiken upp till tre procent.",
            3m, FeesSource + ", Kollektivtrafik"));

        var planner = await db.Users.Where(u => u.IsDemo && u.Email == "planerare@halland.demo").Select(u => (int?)u.Id).SingleOrDefaultAsync(ct);
        var annualReport = await db.ReportingEvents.Where(e => e.RegionId == region.Id && e.Year == JudgementYear && e.Kind == FollowUp.EventKind.AnnualReport)
            .Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);
        db.SoundManagementJudgements.Add(new SoundManagementJudgement(region, JudgementYear)
        {
            EventId = annualReport,
            Verdict = ManagementVerdict.PartlyAchieved,
            Text = $"{FollowUp.DemoFollowUp.Mark} Utkast. Enligt riktlinjerna beaktas både utfallet för verksamhetens fokusområden och de finansiella målen.\n\n"
                + "- **Finansiella mål:** budgeten 2024 visar ett negativt resultat (−4,8 % av skatter och bidrag) och självfinansieringsgraden når inte 100 %; "
                + "underskottet regleras mot eget kapital med synnerliga skäl.\n"
                + "- **Fokusområdena:** bedömningen kompletteras när årsredovisningens bedömningar är godkända.\n\n"
                + "Sammantaget bedöms god ekonomisk hushållning *delvis* uppnås.",
            Version = 1,
            UpdatedAt = new DateTimeOffset(2025, 2, 10, 8, 0, 0, TimeSpan.Zero),
            UpdatedBy = "planerare@halland.demo",
            UpdatedByUserId = planner,
        });
        await db.SaveChangesAsync(ct);
    }

    private static FigureKind Kind(ReportedBasis b) => b == ReportedBasis.Budget ? FigureKind.Budget : FigureKind.Outcome;
}
