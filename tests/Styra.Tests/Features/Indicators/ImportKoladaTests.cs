using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.Indicators;
using Styra.Features.Indicators.Imports;
using Styra.Tests.Infrastructure;

namespace Styra.Tests.Features.Indicators;

public sealed class ImportKoladaTests
{
    private static ImportFile Demo(string name) => DemoData.KoladaFiles().Single(f => f.Name == name);

    private static ImportFile Text(string name, string json) => new(name, () => new MemoryStream(Encoding.UTF8.GetBytes(json)));

    private static string DemoText(string name)
    {
        using var reader = new StreamReader(Demo(name).Open());
        return reader.ReadToEnd();
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task DemoData_HoldsTheRealKoladaValues_ForAllRegionsAndRiket(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demoData: true);

        var (count, halland, indicator, riket) = await db.WithContextAsync(async ctx => (
            await ctx.Measurements.CountAsync(m => m.Indicator.Formula == null),
            await ctx.Measurements.SingleAsync(m => m.Indicator.Code == "N00923" && m.AreaId == "0013" && m.Period == Period.OfYear(2022) && m.Gender == Gender.T),
            await ctx.Indicators.SingleAsync(i => i.Code == "N00923"),
            await ctx.Areas.SingleAsync(a => a.Id == Area.RiketId)));

        Assert.Equal(14062, count);
        Assert.Equal(82.35, halland.Value);
        Assert.Equal(("Medellivslängd män, år", IndicatorSource.Kolada), (indicator.Name, indicator.Source));
        Assert.Equal(("Riket", AreaKind.Country), (riket.Name, riket.Kind));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_OfTheSameFilesAgain_ChangesNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demoData: true);
        var before = await StateAsync(db);

        var result = await ImportAsync(db, DemoData.KoladaFiles());

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal((0, 0, 14062), (result.Summary!.ValuesAdded, result.Summary.ValuesChanged, result.Summary.ValuesUnchanged));
        Assert.Null(result.Summary.ImportBatchId);
        Assert.Equal(before, await StateAsync(db));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_OfANewerValue_ReplacesTheOlder_AndRecordsTheChange(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demoData: true);
        var revised = DemoText("N00923.json").Replace("\"value\": 82.35", "\"value\": 82.4");
        Assert.NotEqual(DemoText("N00923.json"), revised);

        var result = await ImportAsync(db, [Text("N00923.json", revised)]);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal((0, 1), (result.Summary!.ValuesAdded, result.Summary.ValuesChanged));
        var (value, change) = await db.WithContextAsync(async ctx => (
            await ctx.Measurements.Where(m => m.AreaId == "0013" && m.Indicator.Code == "N00923" && m.Period == Period.OfYear(2022)).Select(m => new { m.Value, m.ImportBatchId }).SingleAsync(),
            await ctx.MeasurementChanges.Include(c => c.NewImportBatch).SingleAsync(c => c.Measurement.Indicator.Code == "N00923")));
        Assert.Equal(82.4, value.Value);
        Assert.Equal(result.Summary.ImportBatchId, value.ImportBatchId);
        Assert.Equal(82.35, change.OldValue);
        Assert.Equal("N00923.json", change.NewImportBatch.Files);
    }

    [Fact]
    public async Task Import_FollowsPages_WhenTheAnswerCameInSeveralFiles()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", demoData: false);
        var page1 = """{"values":[{"kpi":"N00923","municipality":"0013","period":2021,"values":[{"gender":"T","count":1,"status":"","value":82.1}]}],"count":1,"next_url":"https://api.kolada.se/v3/data/kpi/N00923?page=2"}""";
        var page2 = """{"values":[{"kpi":"N00923","municipality":"0013","period":2022,"values":[{"gender":"T","count":1,"status":"","value":82.35}]}],"count":1,"next_url":null}""";

        var missing = await ImportAsync(db, [Demo("kpi.json"), Demo("municipality.json"), Text("N00923.page1.json", page1)]);
        var result = await ImportAsync(db, [Demo("kpi.json"), Demo("municipality.json"), Text("N00923.page1.json", page1), Text("N00923.page2.json", page2)]);

        var error = Assert.Single(missing.Errors);
        Assert.Equal(("N00923.page1.json", "next_url"), (error.File, error.Location));
        Assert.Contains("N00923.page2.json", error.Message);
        Assert.Equal(2, result.Summary!.ValuesAdded);

        var noFirst = await ImportAsync(db, [Text("N00923.page2.json", page2)]);
        Assert.Contains("page 1 of this answer (N00923.page1.json) is not among the files", Assert.Single(noFirst.Errors).Message);
    }

    public static TheoryData<string, string, string, string?, string> BadFiles => new()
    {
        // name, file name, content, location, a word of the message
        { "malformed JSON", "N00923.json", "{\"values\": [ {\"kpi\": \"N00923\", ", "line 1, position 32", "not valid JSON" },
        { "empty file", "N00923.json", "", null, "empty" },
        { "no values array", "N00923.json", "{\"count\": 0}", null, "\"values\" array" },
        { "text where a number belongs", "N00923.json", Row(value: "\"82,3\""), "values[0].values[0].value", "not a number" },
        { "unknown KPI", "X.json", Row(kpi: "X99999"), "values[0].kpi", "unknown KPI 'X99999'" },
        { "unknown area", "N00923.json", Row(area: "9999"), "values[0].municipality", "unknown area '9999'" },
        { "a period that is no period", "N00923.json", Row(period: "\"2022X\""), "values[0].period", "not a period" },
        { "unknown gender", "N00923.json", Row(gender: "Q"), "values[0].values[0].gender", "not a gender" },
        { "duplicate rows with different values", "N00923.json", Row() .Replace("]}],\"count\"", "]},{\"kpi\":\"N00923\",\"municipality\":\"0013\",\"period\":2022,\"values\":[{\"gender\":\"T\",\"status\":\"\",\"value\":99}]}],\"count\""), "values[1].values[0]", "is 99 here but 82.35" },
    };

    private static string Row(string kpi = "N00923", string area = "0013", string period = "2022", string gender = "T", string value = "82.35") =>
        $$"""{"values":[{"kpi":"{{kpi}}","municipality":"{{area}}","period":{{period}},"values":[{"gender":"{{gender}}","count":1,"status":"","value":{{value}}}]}],"count":1,"next_url":null}""";

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Import_OfABadFile_NamesTheFileAndPlace_AndImportsNothing(string name, string file, string content, string? location, string message)
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", demoData: true);
        var before = await StateAsync(db);

        // A good file beside the bad one: nothing of it may be imported either.
        var revised = DemoText("N00925.json").Replace("\"value\": 8", "\"value\": 7");
        var result = await ImportAsync(db, [Text("N00925.json", revised), Text(file, content)]);

        Assert.False(result.Succeeded, name);
        var error = result.Errors.First();
        Assert.Equal((file, location), (error.File, error.Location));
        Assert.Contains(message, error.Message);
        Assert.Equal(before, await StateAsync(db));
    }

    [Fact]
    public async Task Import_ReportsEveryProblem_NotOnlyTheFirst()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", demoData: true);
        var result = await ImportAsync(db, [Text("a.json", Row(period: "\"x\"")), Text("b.json", Row(value: "\"y\""))]);
        Assert.Equal(["a.json", "b.json"], result.Errors.Select(e => e.File));
    }

    [Fact]
    public async Task Import_WithDryRun_ReportsWhatWouldChange_AndSavesNothing()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", demoData: false);
        var before = await StateAsync(db);

        var result = await ImportAsync(db, DemoData.KoladaFiles(), dryRun: true);

        Assert.Equal((14062, 6099, 312), (result.Summary!.ValuesAdded, result.Summary.IndicatorsAdded, result.Summary.AreasAdded));
        Assert.Equal(before, await StateAsync(db));
    }

    private static async Task<ValueImportResult> ImportAsync(TestDatabase db, IReadOnlyList<ImportFile> files, bool dryRun = false)
    {
        await using var services = db.Services();
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ValueImporter>().ImportAsync(ImportFormat.Kolada, files, "test", dryRun);
    }

    private static Task<string> StateAsync(TestDatabase db) => db.ValuesFingerprintAsync();
}
