using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Styra.Tests.Infrastructure;

namespace Styra.Tests.Cli;

/// <summary>The `styra` command as a person runs it: a separate process, configured like the web app.</summary>
public sealed class PlanCommandTests
{
    private static readonly string ExamplePath = Path.Combine(AppContext.BaseDirectory, "PlanFiles", "region-exempel.yaml");

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task PlanImport_LoadsAThirdRegionFromAFile(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);

        var (exit, output, _) = await StyraCli.RunAsync(db, "plan", "import", ExamplePath);

        Assert.Equal(0, exit);
        Assert.Contains("Region Östergötland (exempel) (05) created", output);
        Assert.Contains("plan strategisk-plan-2025-2027 — Strategisk plan 2025–2027: was created as version 1 (2025)", output);
        Assert.Equal(2, await db.WithContextAsync(ctx => ctx.Plans.CountAsync(p => p.Region.Name == "Region Östergötland (exempel)")));
    }

    [Fact]
    public async Task PlanImport_WithDryRun_SavesNothing()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");

        var (exit, output, _) = await StyraCli.RunAsync(db, "plan", "import", ExamplePath, "--dry-run");

        Assert.Equal(0, exit);
        Assert.Contains("dry run: nothing saved", output);
        Assert.Equal(0, await db.WithContextAsync(ctx => ctx.Regions.CountAsync()));
    }

    [Fact]
    public async Task PlanImport_OfABadFile_ExitsWithOne_AndNamesTheLine()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        var bad = Path.Combine(Path.GetTempPath(), $"styra-bad-{Guid.NewGuid():N}.yaml");
        var text = File.ReadAllText(ExamplePath).Replace("responsible: [KN]", "responsible: [XX]");
        await File.WriteAllTextAsync(bad, text);
        try
        {
            var (exit, _, errors) = await StyraCli.RunAsync(db, "plan", "import", bad);

            Assert.Equal(1, exit);
            var line = PlanFileSamples.LineOf(text, "responsible: [XX]");
            Assert.Contains($"{Path.GetFileName(bad)}:{line}:", errors);
            Assert.Contains("unknown unit or group code 'XX'", errors);
            Assert.Contains("nothing was loaded", errors);
            Assert.Equal(0, await db.WithContextAsync(ctx => ctx.Regions.CountAsync()));
        }
        finally
        {
            File.Delete(bad);
        }
    }

    [Fact]
    public async Task PlanExport_WritesTheRegionBack_AsAFileThatImportsUnchanged()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await StyraCli.RunAsync(db, "plan", "import", ExamplePath);
        var exported = Path.Combine(Path.GetTempPath(), $"styra-export-{Guid.NewGuid():N}.yaml");
        try
        {
            var (exit, _, _) = await StyraCli.RunAsync(db, "plan", "export", "--region", "05", "--out", exported);
            Assert.Equal(0, exit);
            Assert.Contains("title: Attraktiv arbetsgivare", await File.ReadAllTextAsync(exported));

            var (_, output, _) = await StyraCli.RunAsync(db, "plan", "import", exported);
            Assert.Contains("nothing to change", output);
        }
        finally
        {
            File.Delete(exported);
        }
    }

    [Fact]
    public async Task DbInit_LoadsTheDemoRegions_IntoAnEmptyDatabase_AndPlanImportDoesNot()
    {
        await using var empty = await TestDatabase.CreateAsync("Sqlite");
        await StyraCli.RunAsync(empty, "plan", "import", ExamplePath);
        Assert.Equal(1, await empty.WithContextAsync(ctx => ctx.Regions.CountAsync()));

        await using var db = await TestDatabase.CreateAsync("Sqlite");
        var (exit, output, _) = await StyraCli.RunAsync(db, "db", "init");
        Assert.Equal(0, exit);
        Assert.Contains("Database ready", output);
        Assert.Equal(2, await db.WithContextAsync(ctx => ctx.Regions.CountAsync()));
    }

    [Fact]
    public async Task PlanImport_WithDryRun_OnADatabaseThatDoesNotExist_AsksForDbInit_AndCreatesNothing()
    {
        var folder = Directory.CreateTempSubdirectory("styra-cli-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "styra.dll"), "plan", "import", ExamplePath, "--dry-run" })
                start.ArgumentList.Add(arg);
            start.Environment["Database__DataDirectory"] = folder;
            using var process = Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.Equal(1, process.ExitCode);
            Assert.Contains("styra db init", errors);
            Assert.False(File.Exists(Path.Combine(folder, "styra.db")) && new FileInfo(Path.Combine(folder, "styra.db")).Length > 0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task PlanExport_OfAnUnknownRegion_SaysSo()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        var (exit, output, errors) = await StyraCli.RunAsync(db, "plan", "export", "--region", "77");
        Assert.Equal(1, exit);
        Assert.Contains("there is no region 77", output + errors);
    }
}
