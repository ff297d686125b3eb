using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.Organisation;
using Styra.Features.Plans.PlanFiles;
using Styra.Tests.Infrastructure;

namespace Styra.Tests.Features.Plans.PlanFiles;

public sealed class ExportPlanFileTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Export_WritesAFileThatImportsBackUnchanged_ForEveryDemoRegion(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demoData: true);
        foreach (var code in new[] { "13", "12" })
        {
            var exported = await ExportAsync(db, code);
            var before = await db.FingerprintAsync();

            var result = await ImportPlanFileTests.ImportAsync(db, exported);

            Assert.True(result.Succeeded, string.Join("\n", result.Errors));
            Assert.False(result.Summary!.ChangedAnything);
            Assert.Equal(before, await db.FingerprintAsync());
            Assert.Equal(exported, await ExportAsync(db, code));
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Export_SaysWhatTheOriginalFileSaid_ForEveryShippedFile(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var files = DemoData.Files().Append(("region-exempel.yaml", PlanFileSamples.Read("region-exempel.yaml")));
        foreach (var (name, text) in files)
        {
            Assert.True((await ImportPlanFileTests.ImportAsync(db, text)).Succeeded, name);
            var original = PlanFileReader.Read(text, name).File!;

            var exported = PlanFileReader.Read(await ExportAsync(db, original.Region.Code), "export.yaml");

            Assert.True(exported.Succeeded, string.Join("\n", exported.Errors));
            Assert.Equal(Json(original), Json(exported.File!));
        }
    }

    [Fact]
    public async Task Export_QuotesTextThatWouldOtherwiseReadAsANumberBooleanOrNull()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        var text = PlanFileSamples.Read("region-exempel.yaml")
            .Replace("title: Kultur för alla", "title: \"True\"")
            .Replace("title: Jämlik hälsa", "title: \"2025\"")
            .Replace("name: Kulturnämnden", "name: \"NULL\"");
        Assert.True((await ImportPlanFileTests.ImportAsync(db, text)).Succeeded);

        var exported = PlanFileReader.Read(await ExportAsync(db, "05"), "export.yaml");

        Assert.True(exported.Succeeded, string.Join("\n", exported.Errors));
        Assert.Equal(Json(PlanFileReader.Read(text, "x").File!), Json(exported.File!));
    }

    // A block scalar's final line break is not part of the text (the importer trims it), so it is left out here too.
    private static string Json(PlanFile file) => System.Text.Json.JsonSerializer.Serialize(file).Replace("\\n\"", "\"");

    [Fact]
    public async Task Export_IntoAnEmptyDatabase_RecreatesTheRegion()
    {
        await using var source = await TestDatabase.CreateAsync("Sqlite", demoData: true);
        await using var target = await TestDatabase.CreateAsync("Sqlite");
        var exported = await ExportAsync(source, "12");

        var result = await ImportPlanFileTests.ImportAsync(target, exported);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(exported, await ExportAsync(target, "12"));
    }

    private static async Task<string> ExportAsync(TestDatabase db, string code)
    {
        await using var services = db.Services();
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<PlanFileExporter>().ExportAsync(new RegionCode(code)))!;
    }
}
