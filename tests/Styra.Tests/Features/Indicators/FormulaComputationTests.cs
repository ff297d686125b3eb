using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.Indicators;
using Styra.Features.Indicators.Imports;
using Styra.Features.Plans.PlanFiles;
using Styra.Tests.Infrastructure;

namespace Styra.Tests.Features.Indicators;

/// <summary>Formula indicators computed from their inputs' values, kept up to date by imports.</summary>
public sealed class FormulaComputationTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task DemoFormula_IsComputed_ForEveryAreaPeriodAndGenderWhereBothInputsExist(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demoData: true);

        var (difference, women, men, count, keys) = await db.WithContextAsync(async ctx => (
            await ValueAsync(ctx, "HAL-LIVSSKILLNAD", "0013", 2022),
            await ValueAsync(ctx, "N00925", "0013", 2022),
            await ValueAsync(ctx, "N00923", "0013", 2022),
            await ctx.Measurements.CountAsync(m => m.Indicator.Code == "HAL-LIVSSKILLNAD"),
            await ctx.Measurements.Where(m => m.Indicator.Code == "N00923" || m.Indicator.Code == "N00925")
                .GroupBy(m => new { m.AreaId, m.Period, m.Gender }).CountAsync(g => g.Count() == 2)));

        Assert.Equal(women - men, difference, 9);
        Assert.Equal(keys, count);
        var indicator = await db.WithContextAsync(ctx => ctx.Indicators.SingleAsync(i => i.Code == "HAL-LIVSSKILLNAD"));
        Assert.Equal((IndicatorSource.Formula, "N00925 - N00923"), (indicator.Source, indicator.Formula));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ImportOfAnInput_RecomputesTheFormula_AndRecordsTheChange(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demoData: true);

        var result = await ImportCsvAsync(db, "indikator;område;period;värde\nN00923;0013;2022;80,00\nN00925;0013;1990;79,5\n");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(1, result.Summary!.ValuesComputed);
        var (difference, women) = await db.WithContextAsync(async ctx =>
            (await ValueAsync(ctx, "HAL-LIVSSKILLNAD", "0013", 2022), await ValueAsync(ctx, "N00925", "0013", 2022)));
        Assert.Equal(women - 80.0, difference, 9);
        // 1990 has only one input: no value.
        Assert.False(await db.WithContextAsync(ctx => ctx.Measurements.AnyAsync(m => m.Indicator.Code == "HAL-LIVSSKILLNAD" && m.Period == Period.OfYear(1990))));
        Assert.Equal(2, await db.WithContextAsync(ctx => ctx.MeasurementChanges.CountAsync(c => c.NewImportBatchId == result.Summary.ImportBatchId)));
    }

    [Fact]
    public async Task ValuesOfAFormulaIndicator_CannotBeImported()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", demoData: true);
        var result = await ImportCsvAsync(db, "indikator;område;period;värde\nHAL-LIVSSKILLNAD;0013;2022;4\n");
        var error = Assert.Single(result.Errors);
        Assert.Equal("row 2 (indicator)", error.Location);
        Assert.Contains("computed by a formula", error.Message);
    }

    [Theory]
    [InlineData("N00925 -", "position 9: expected")]
    [InlineData("N00925 / X99999", "unknown indicator 'X99999'")]
    [InlineData("[HAL-LIVSSKILLNAD] * 2", "its own indicator")]
    public async Task PlanFile_WithABadFormula_IsRefused_AtTheFormula(string formula, string message)
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", demoData: true);
        var yaml = DemoData.Files().Single(f => f.Name == "halland.yaml").Text.Replace("formula: \"N00925 - N00923\"", $"formula: \"{formula}\"");

        var result = await ImportPlanAsync(db, yaml);

        var error = Assert.Single(result.Errors);
        Assert.Matches(@"^indicators\[\d+\]\.formula$", error.Path);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task PlanFile_PuttingAFormulaOnAMeasuredIndicator_IsRefused_AndItsValuesStay()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", demoData: true);
        var before = await db.ValuesFingerprintAsync();
        var yaml = System.Text.RegularExpressions.Regex.Replace(DemoData.Files().Single(f => f.Name == "halland.yaml").Text,
            @"(- code: U01405(?:\n    .*)*?\n    )source: kolada", "$1formula: \"N00925 * 1\"");
        Assert.Contains("formula: \"N00925 * 1\"", yaml);

        var result = await ImportPlanAsync(db, yaml);

        var error = Assert.Single(result.Errors);
        Assert.Contains("'U01405' already has measured or imported values", error.Message);
        Assert.Equal(before, await db.ValuesFingerprintAsync());
    }

    [Fact]
    public async Task PlanFile_RemovingAFormula_RemovesItsComputedValues()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", demoData: true);
        var yaml = DemoData.Files().Single(f => f.Name == "halland.yaml").Text.Replace("    formula: \"N00925 - N00923\"\n", "");

        var result = await ImportPlanAsync(db, yaml);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var indicator = await db.WithContextAsync(ctx => ctx.Indicators.SingleAsync(i => i.Code == "HAL-LIVSSKILLNAD"));
        Assert.Equal((null, IndicatorSource.Manual), (indicator.Formula, indicator.Source));
        Assert.Equal(0, await db.WithContextAsync(ctx => ctx.Measurements.CountAsync(m => m.Indicator.Code == "HAL-LIVSSKILLNAD")));
    }

    [Fact]
    public async Task PlanFile_ChangingAFormula_RecomputesItsValues()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", demoData: true);
        var yaml = DemoData.Files().Single(f => f.Name == "halland.yaml").Text.Replace("formula: \"N00925 - N00923\"", "formula: \"(N00925 - N00923) * 12\"");

        var result = await ImportPlanAsync(db, yaml);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var (months, women, men) = await db.WithContextAsync(async ctx => (
            await ValueAsync(ctx, "HAL-LIVSSKILLNAD", "0013", 2022), await ValueAsync(ctx, "N00925", "0013", 2022), await ValueAsync(ctx, "N00923", "0013", 2022)));
        Assert.Equal((women - men) * 12, months, 9);
        Assert.Equal("formula", await db.WithContextAsync(ctx => ctx.ImportBatches.OrderBy(b => b.Id).Select(b => b.Kind).LastAsync()));
    }

    private static Task<double> ValueAsync(Styra.Data.StyraDbContext ctx, string code, string area, int year) =>
        ctx.Measurements.Where(m => m.Indicator.Code == code && m.AreaId == area && m.Period == Period.OfYear(year) && m.Gender == Gender.T)
            .Select(m => m.Value).SingleAsync();

    private static async Task<PlanImportResult> ImportPlanAsync(TestDatabase db, string yaml)
    {
        await using var services = db.Services();
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlanFileImporter>().ImportAsync(yaml, "halland.yaml");
    }

    private static async Task<ValueImportResult> ImportCsvAsync(TestDatabase db, string csv)
    {
        await using var services = db.Services();
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ValueImporter>().ImportAsync(
            ImportFormat.Csv, [new ImportFile("v.csv", () => new MemoryStream(Encoding.UTF8.GetBytes(csv)))], "test");
    }
}
