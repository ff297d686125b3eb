using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.Audit;
using Styra.Features.Economy;
using Styra.Features.Indicators;
using Styra.Features.Organisation;
using Styra.Tests.Infrastructure;

namespace Styra.Tests.Features.Economy;

/// <summary>Halland's economy from the seed in the demo, the queries over it, and the import — on SQLite and PostgreSQL.</summary>
public sealed class EconomyDataTests
{
    private static readonly RegionCode Halland = new("13");

    private static ImportFile Csv(string name, string text) => new(name, () => new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private static async Task<T> WithAsync<T>(TestDatabase database, Func<IServiceProvider, Task<T>> work)
    {
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Demo_Frames_ShowTheSeedsRoundingDifference_InsteadOfHidingIt(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        var frames = await WithAsync(database, sp => sp.GetRequiredService<EconomyQueries>().BudgetFramesAsync(Halland, 2024, 2028));
        Assert.NotNull(frames);
        Assert.Equal([2024, 2025, 2026, 2027, 2028], frames.Select(f => f.Year));
        var y2024 = frames[0];
        Assert.Equal(14, y2024.Rows.Count);
        Assert.Equal((13528m, 13530m, 2m), (y2024.Sum, y2024.StatedTotal!.Value, y2024.Difference!.Value));
        Assert.Equal([2m, 1m, 0m, -1m, 1m], frames.Select(f => f.Difference!.Value));
        Assert.Equal("DNHS", y2024.Rows.Single(r => r.Label == "Driftnämnd Hallands Sjukhus").Unit);
        Assert.Null(y2024.Rows.Single(r => r.Label == "Regiongemensamma kostnader").Unit);
        Assert.Contains("seed", y2024.Source);

        var plan = await WithAsync(database, sp => sp.GetRequiredService<EconomyQueries>().InvestmentPlanAsync(Halland, null, null));
        Assert.NotNull(plan);
        Assert.Equal([983.2m, 862.2m, 1162.2m, 984.1m, 954.3m], plan.Select(p => p.Sum));
        Assert.All(plan, p => Assert.Equal(0m, p.Difference));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Demo_FinancialGoals_KeepTheReportedFigures_AndTheImpliedDenominators(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        var series = await WithAsync(database, sp => sp.GetRequiredService<EconomyQueries>().FinancialGoalsAsync(Halland));
        Assert.NotNull(series);
        var share = series.Single(s => s.Goal == FinancialGoalKind.ResultShare);
        Assert.Equal(7, share.Figures.Count);
        var y2022 = share.Figures.Single(f => f.Year == 2022);
        Assert.Equal((10.1m, 876m, "10,1%"), (y2022.Reported!.Value, y2022.ReportedAmount!.Value, y2022.ReportedAsPrinted));
        Assert.Equal(8673m, Math.Round(y2022.ImpliedTaxesAndGrants!.Value));
        Assert.Null(y2022.Computed); // the seed gives no taxes and grants: nothing to compute from
        // The plain mean of the reported 2018–2022 percentages: (1,0 + 2,7 + 7,5 + 10,3 + 10,1) / 5 = 6,32.
        Assert.Equal(6.32m, y2022.RollingReported);
        var budget2024 = share.Figures.Single(f => f.Year == 2024);
        Assert.Equal((ReportedBasis.Budget, -4.8m), (budget2024.Basis, budget2024.Reported!.Value));

        var self = series.Single(s => s.Goal == FinancialGoalKind.SelfFinancing).Figures;
        Assert.Equal(23.2m, self.Single(f => f.Year == 2022).Reported);
        Assert.Equal(983m, self.Single(f => f.Year == 2024).ReportedAmount);
        var solidity = series.Single(s => s.Goal == FinancialGoalKind.SolidityInclPensions).Figures;
        Assert.Equal([-6.1m, -4.9m, 5.7m, 16.0m, 24.7m], solidity.Where(f => f.Basis == ReportedBasis.Outcome).Select(f => f.Reported!.Value));
        Assert.Equal(TargetJudgement.NotMet, solidity.Single(f => f.Year == 2018).Target);
        Assert.Equal(TargetJudgement.Met, solidity.Single(f => f.Year == 2022).Target);
        Assert.Contains("Bibehålla", solidity.Single(f => f.Basis == ReportedBasis.Goal).ReportedAsPrinted);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Demo_2024_BudgetLoss_IsJustifiedBySynnerligaSkal_WithTheSeedsFigures(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        var year = await WithAsync(database, sp => sp.GetRequiredService<EconomyQueries>().YearAsync(Halland, 2024));
        Assert.Equal(BalanceVerdict.ExceptionalReasons, year!.BudgetCheck!.Verdict);
        Assert.Equal(-641m, year.BudgetCheck.Result);
        var e = year.ExceptionalReasons!;
        Assert.Equal((5600m, 7200m, 2000m, 13400m, 18.6m, 0m), (e.EquityMnkr!.Value, e.LiquidAssetsMnkr!.Value, e.LiquidAssetsForPensionsMnkr!.Value,
            e.TotalCapitalMnkr!.Value, e.SolidityInclPensionsPercent!.Value, e.LoanDebtMnkr!.Value));
        Assert.Equal(new DateOnly(2023, 4, 30), e.FiguresAsOf);
        Assert.Contains("pensionskostnader", e.Justification);
        Assert.Equal(13530m, year.Frames!.StatedTotal);
        Assert.Equal(983.2m, year.InvestmentPlan!.Sum);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_GoodFile_WritesTheItems_ConvertsUnits_AndTheGoalsAreComputed(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        var file = Csv("ekonomi-2023.csv", """
            år;typ;post;belopp;enhet
            2023;utfall;Verksamhetens intäkter;2 000;mnkr
            2023;utfall;verksamhetens-kostnader;13000000;tkr
            2023;utfall;avskrivningar;500
            2023;utfall;skatteintakter;9000
            2023;utfall;generella-statsbidrag-och-utjamning;3000
            2023;utfall;finansiella-intakter;300
            2023;utfall;finansiella-kostnader;450
            2023;utfall;investeringar;850
            2023;utfall;eget-kapital;5600
            2023;utfall;pensionsforpliktelser-ansvarsforbindelse;3107,6
            2023;utfall;summa-tillgangar;13400
            2023;prognos;arets-resultat;-120500000;kr
            """);
        // A dry run counts what would change and keeps nothing.
        var before = await database.WithContextAsync(db => db.EconomyItems.CountAsync());
        var dry = await WithAsync(database, sp => sp.GetRequiredService<EconomyImporter>().ImportAsync(Halland, file, dryRun: true));
        Assert.Equal(new EconomyImportSummary(12, 12, 0, 0, DryRun: true), dry.Summary);
        Assert.Equal(before, await database.WithContextAsync(db => db.EconomyItems.CountAsync()));

        var result = await WithAsync(database, sp => sp.GetRequiredService<EconomyImporter>().ImportAsync(Halland, file));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(new EconomyImportSummary(12, 12, 0, 0), result.Summary);

        var year = await WithAsync(database, sp => sp.GetRequiredService<EconomyQueries>().YearAsync(Halland, 2023));
        var outcome = year!.Figures.Single(f => f.Kind == FigureKind.Outcome);
        Assert.Equal(13000m, outcome.Items.Single(i => i.Item == EconomyItemKind.OperatingCosts).Amount);
        Assert.Equal(350m, outcome.ComputedResult);
        Assert.Equal(-120.5m, year.Figures.Single(f => f.Kind == FigureKind.Forecast).ReportedResult);
        var goals = year.FinancialGoals.Where(g => g.Basis == ReportedBasis.Outcome).ToDictionary(g => g.Goal);
        Assert.Equal(2.9m, goals[FinancialGoalKind.ResultShare].ComputedShown); // 350 / 12 000
        Assert.Equal(100m, goals[FinancialGoalKind.SelfFinancing].ComputedShown); // (350 + 500) / 850
        Assert.Equal(18.6m, goals[FinancialGoalKind.SolidityInclPensions].ComputedShown);
        Assert.Equal(350m, year.BalanceRequirement!.BalanceRequirementResult);
        // The change is in the audit trail.
        Assert.True(await database.WithContextAsync(db => db.AuditRecords.AnyAsync(r => r.ObjectType == nameof(EconomyItem))));

        // The same file again changes nothing.
        var again = await WithAsync(database, sp => sp.GetRequiredService<EconomyImporter>().ImportAsync(Halland, file));
        Assert.Equal(new EconomyImportSummary(12, 0, 0, 12), again.Summary);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_BadRows_NameFileRowAndColumn_AndWriteNothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        var before = await EconomyFingerprintAsync(database);
        var file = Csv("fel.csv", """
            år;typ;post;belopp
            2023;utfall;skatteintakter;9000
            20x3;utfall;skatteintakter;9000
            2023;utfal;avskrivningar;500
            2023;utfall;skatter;500
            2023;utfall;avskrivningar;fem
            2023;utfall;verksamhetens-kostnader;-13000
            2023;utfall;skatteintakter;9100
            """);
        var result = await WithAsync(database, sp => sp.GetRequiredService<EconomyImporter>().ImportAsync(Halland, file));
        Assert.False(result.Succeeded);
        var errors = result.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains("fel.csv: row 3, column 1 (år): '20x3' is not a year; expected a year such as 2024", errors);
        Assert.Contains(errors, e => e.StartsWith("fel.csv: row 4, column 2 (typ): 'utfal' is not a kind; expected utfall, budget or prognos"));
        Assert.Contains(errors, e => e.StartsWith("fel.csv: row 5, column 3 (post): 'skatter' is not an economy item"));
        Assert.Contains(errors, e => e.StartsWith("fel.csv: row 6, column 4 (belopp): 'fem' is not an amount"));
        Assert.Contains(errors, e => e.StartsWith("fel.csv: row 7, column 4 (belopp): -13000 is negative"));
        Assert.Contains(errors, e => e.StartsWith("fel.csv: row 8:") && e.Contains("appears twice (first at row 2)"));
        Assert.Equal(6, errors.Count);
        Assert.Equal(before, await EconomyFingerprintAsync(database));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_Excel_ReadsTheSameLayout_AndAMissingColumnIsNamed(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: false);
        await database.WithContextAsync(async db =>
        {
            db.Regions.Add(new Region(Halland, "Region Halland"));
            return await db.SaveChangesAsync();
        });
        var good = Workbooks.Create("Ekonomi", ["år", "typ", "post", "belopp", "enhet"], [2022, "utfall", "Årets resultat", 876, "mnkr"],
            [2022, "utfall", "investeringar", 704.25, null]);
        var result = await WithAsync(database, sp => sp.GetRequiredService<EconomyImporter>().ImportAsync(Halland, new ImportFile("e.xlsx", () => new MemoryStream(good))));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(704.25m, await database.WithContextAsync(db => db.EconomyItems.Where(i => i.Item == EconomyItemKind.Investments).Select(i => i.Amount).SingleAsync()));

        var bad = Workbooks.Create("Ekonomi", ["år", "typ", "belopp"], [2022, "utfall", 1]);
        var failed = await WithAsync(database, sp => sp.GetRequiredService<EconomyImporter>().ImportAsync(Halland, new ImportFile("b.xlsx", () => new MemoryStream(bad))));
        Assert.Equal("b.xlsx: header: missing column 'post' (item); expected år, typ, post, belopp (required) and enhet, källa (optional)", Assert.Single(failed.Errors).ToString());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_CsvSavedByExcel_WithEmptyTrailingColumnsAndSeparatorOnlyRows_Imports(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        // Excel keeps formatted but empty columns and rows: empty header cells after the last column, rows of bare separators.
        var file = Csv("excel.csv", "år;typ;post;belopp;enhet;;;\r\n"
            + "2023;utfall;skatteintakter;9000;mnkr;;;\r\n"
            + ";;;;;;;\r\n"
            + "2023;utfall;avskrivningar;500;;;;\r\n"
            + ";;;;;;;\r\n;;;;;;;\r\n");
        var result = await WithAsync(database, sp => sp.GetRequiredService<EconomyImporter>().ImportAsync(Halland, file));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(new EconomyImportSummary(2, 2, 0, 0), result.Summary);
        Assert.Equal("Import: excel.csv, row 4", await database.WithContextAsync(db =>
            db.EconomyItems.Where(i => i.Year == 2023 && i.Item == EconomyItemKind.Depreciation).Select(i => i.Source).SingleAsync()));
    }

    private static Task<string> EconomyFingerprintAsync(TestDatabase database) => database.WithContextAsync(async db =>
        string.Join(";", (await db.EconomyItems.Select(i => i.RegionId + "/" + i.Year + "/" + i.Kind + "/" + i.Item + "/" + i.Amount + "/" + i.Source).ToListAsync()).Order())
        + $"|{await db.AuditRecords.CountAsync()}");
}
