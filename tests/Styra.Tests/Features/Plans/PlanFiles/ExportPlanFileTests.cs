using Microsoft.Extensions.DependencyInjection;
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
