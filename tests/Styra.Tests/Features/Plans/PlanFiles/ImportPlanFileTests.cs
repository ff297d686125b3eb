using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Styra.Data;
using Styra.Features.Organisation;
using Styra.Features.Plans;
using Styra.Features.Plans.PlanFiles;
using Styra.Tests.Infrastructure;

namespace Styra.Tests.Features.Plans.PlanFiles;

public sealed class ImportPlanFileTests
{
    private const string ExampleFile = "region-exempel.yaml";
    private static readonly string Example = PlanFileSamples.Read(ExampleFile);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_LoadsAThirdRegion_WithUnitsGroupsLevelsPlansAndLinks(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);

        var result = await ImportAsync(db, Example);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.True(result.Summary!.RegionCreated);
        Assert.Equal(5, result.Summary.UnitsAdded);
        Assert.All(result.Summary.Plans, p => Assert.Equal(PlanImportAction.Created, p.Action));

        var plan = await db.WithContextAsync(async ctx =>
        {
            var id = await ctx.Plans.Where(p => p.Key == "strategisk-plan-2025-2027").Select(p => p.Id).SingleAsync();
            return await PlanQueries.PlanAsync(ctx, id);
        });
        var goal = plan!.Nodes.Single().Children.Single(n => n.Id == "medarbetare").Children.Single();
        Assert.Equal("Attraktiv arbetsgivare", goal.Title);
        Assert.Equal("Mål", goal.Level);
        Assert.Equal(["alla-namnder"], goal.AssignedTo.Select(a => a.Code));
        Assert.Equal(["HSN", "KN"], goal.Responsible);
        var linked = plan.Nodes.Single().Children[0].Children.Single(n => n.Id == "god-tillganglighet");
        Assert.Equal("Jämlik hälsa", Assert.Single(linked.Links).NodeTitle);
        Assert.Equal(new DateOnly(2024, 6, 18), plan.Plan.CurrentVersion!.Decision!.Date);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_OfTheSameFileTwice_ChangesNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await ImportAsync(db, Example);
        var before = await db.FingerprintAsync();

        var again = await ImportAsync(db, Example);

        Assert.True(again.Succeeded);
        Assert.False(again.Summary!.ChangedAnything);
        Assert.Equal(before, await db.FingerprintAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_OfARevisedPlan_AddsAVersion_AndTheDifferenceShowsWhatChanged(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await ImportAsync(db, Example);
        var revised = Example
            .Replace("label: \"2025\"\n      decision:", "label: \"2026\"\n      decision:")
            .Replace("title: Kultur för alla", "title: Kultur och bildning för alla")
            .Replace("responsible: [RS, HSN]", "responsible: [HSN]")
            .Replace("id: attraktiv-arbetsgivare\n                level: goal\n                title: Attraktiv arbetsgivare",
                "id: kompetensforsorjning\n                level: goal\n                title: God kompetensförsörjning");

        var result = await ImportAsync(db, revised);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var outcome = result.Summary!.Plans.Single(p => p.PlanId == "strategisk-plan-2025-2027");
        Assert.Equal((PlanImportAction.NewVersion, 2), (outcome.Action, outcome.VersionNumber));
        Assert.Equal(PlanImportAction.Unchanged, result.Summary.Plans.Single(p => p.PlanId == "halsostrategi").Action);

        var diff = await db.WithContextAsync(async ctx =>
            await PlanQueries.CompareAsync(ctx, await ctx.Plans.Where(p => p.Key == "strategisk-plan-2025-2027").Select(p => p.Id).SingleAsync(), 1, 2));
        Assert.Equal(["attraktiv-arbetsgivare"], diff!.Diff.Removed.Select(c => c.Key));
        Assert.Equal(["kompetensforsorjning"], diff.Diff.Added.Select(c => c.Key));
        Assert.Equal(["god-tillganglighet", "kultur-for-alla"], diff.Diff.Changed.Select(c => c.Key));
        Assert.Equal("Kultur och bildning för alla", diff.Diff.Changed.Single(c => c.Key == "kultur-for-alla").Fields.Single().After);

        // The earlier version stays readable as it was decided.
        var first = await db.WithContextAsync(async ctx =>
            await PlanQueries.PlanAsync(ctx, await ctx.Plans.Where(p => p.Key == "strategisk-plan-2025-2027").Select(p => p.Id).SingleAsync(), 1));
        Assert.Contains(first!.Nodes.Single().Children[1].Children, n => n.Title == "Attraktiv arbetsgivare");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_OfChangedContentUnderAnExistingLabel_IsRefused_AndUndoesWhatItHadDoneBefore(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await ImportAsync(db, Example);
        var before = await db.FingerprintAsync();
        // The unit rename and the new group are saved before the plans are compared; the refusal must undo them.
        var changed = Example
            .Replace("name: Kulturnämnden", "name: Kultur- och fritidsnämnden")
            .Replace("groups:\n", "groups:\n  - code: vard\n    name: Vårdnämnder\n    members: [HSN]\n")
            .Replace("title: Kultur för alla", "title: Kultur för fler");

        var result = await ImportAsync(db, changed);

        var error = Assert.Single(result.Errors);
        Assert.Equal("plans[0].version.label", error.Path);
        Assert.Contains("new label", error.Message);
        Assert.Equal(before, await db.FingerprintAsync());
    }

    public static TheoryData<string, string, string, string, string, string> BadFiles => new()
    {
        // provider is added by the test; here: what to replace, with what, the text on the expected line, the path, a word of the message
        { "unknown unit", "responsible: [KN]", "responsible: [KN, XYZ]", "plans[0].nodes[0].children[0].children[1].responsible[1]", "XYZ", "unknown unit or group code" },
        { "undefined level", "title: Kultur för alla", "title: Kultur för alla\n                level2: x", "plans[0].nodes[0].children[0].children[1].level2", "level2", "unknown field" },
        { "level not in structure", "id: kultur-for-alla\n                level: goal", "id: kultur-for-alla\n                level: strategic-goal", "plans[0].nodes[0].children[0].children[1].level", "level: strategic-goal", "cannot stand under" },
        { "level not defined", "id: kultur-for-alla\n                level: goal", "id: kultur-for-alla\n                level: delmal", "plans[0].nodes[0].children[0].children[1].level", "level: delmal", "is not defined" },
        { "duplicate node id", "id: kultur-for-alla", "id: god-tillganglighet", "plans[0].nodes[0].children[0].children[1].id", "id: god-tillganglighet\n                level: goal\n                title: Kultur", "used twice" },
        { "duplicate unit code", "code: KN\n", "code: HSN\n", "units[3].code", "code: HSN\n    name: Kulturnämnden", "duplicate unit code" },
        { "duplicate group member", "members: [HSN, KN]", "members: [HSN, KN, HSN]", "groups[0].members[2]", "members: [HSN, KN, HSN]", "listed twice" },
        { "duplicate responsible", "responsible: [RS, HSN]", "responsible: [RS, HSN, RS]", "plans[0].nodes[0].children[0].children[0].responsible[2]", "responsible: [RS, HSN, RS]", "listed twice" },
        { "too long a title", "title: Kultur för alla", "title: " + new string('x', 1001), "plans[0].nodes[0].children[0].children[1].title", "title: xxx", "1000" },
        { "cycle", "code: HSN\n    name: Hälso- och sjukvårdsnämnden\n    kind: committee\n    parent: RF", "code: HSN\n    name: Hälso- och sjukvårdsnämnden\n    kind: committee\n    parent: CSK", "units[2].parent", "parent: CSK", "cycle" },
        { "link to unknown node", "node: jamlik-halsa", "node: ojamlik-halsa", "plans[0].nodes[0].children[0].children[0].links[0].node", "node: ojamlik-halsa", "has no node" },
        { "missing title", "                title: Attraktiv arbetsgivare\n", "", "plans[0].nodes[0].children[1].children[0]", "id: attraktiv-arbetsgivare", "title" },
        { "unquoted region code", "code: \"05\"", "code: 05", "region.code", "code: 05", "quotes" },
        { "YAML syntax", "title: Kultur för alla", "title: Kultur för alla: och fler", "", "title: Kultur för alla: och fler", "not valid YAML" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Import_OfABadFile_NamesThePlace_AndLeavesTheDatabaseAsItWas_OnSqlite(string name, string find, string replace, string path, string lineText, string message) =>
        await BadFileAsync("Sqlite", name, find, replace, path, lineText, message);

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Import_OfABadFile_NamesThePlace_AndLeavesTheDatabaseAsItWas_OnPostgres(string name, string find, string replace, string path, string lineText, string message) =>
        await BadFileAsync("Postgres", name, find, replace, path, lineText, message);

    private static async Task BadFileAsync(string provider, string name, string find, string replace, string path, string lineText, string message)
    {
        Assert.Contains(find, Example);
        await using var db = await TestDatabase.CreateAsync(provider, demoData: true);
        var before = await db.FingerprintAsync();
        var bad = Example.Replace(find, replace);

        var result = await ImportAsync(db, bad);

        Assert.False(result.Succeeded, name);
        var error = result.Errors.First();
        Assert.Equal(ExampleFile, error.File);
        Assert.Equal(PlanFileSamples.LineOf(bad, lineText), error.Line);
        if (path.Length > 0) Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message);
        Assert.Equal(before, await db.FingerprintAsync());
    }

    [Fact]
    public void Read_OfAnUnclosedBracket_NamesTheLineWhereTheScannerStopped()
    {
        var bad = Example.Replace("responsible: [KN]", "responsible: [KN");
        var error = Assert.Single(PlanFileReader.Read(bad, ExampleFile).Errors);
        // The scanner notices the missing ']' on the line after the one that opened it.
        Assert.InRange(error.Line!.Value, PlanFileSamples.LineOf(bad, "responsible: [KN"), PlanFileSamples.LineOf(bad, "responsible: [KN") + 1);
        Assert.Contains("not closed", error.Message);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_WithDryRun_ReportsTheChanges_AndSavesNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var before = await db.FingerprintAsync();

        var result = await ImportAsync(db, Example, dryRun: true);

        Assert.True(result.Succeeded);
        Assert.True(result.Summary!.DryRun);
        Assert.Equal(2, result.Summary.Plans.Count(p => p.Action == PlanImportAction.Created));
        Assert.Equal(before, await db.FingerprintAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_StampsTheVersion_WithTheInjectedClock(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero));
        await using var services = db.Services(time: clock);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PlanFileImporter>().ImportAsync(Example, ExampleFile);

        var created = await scope.ServiceProvider.GetRequiredService<StyraDbContext>().PlanVersions.Select(v => v.CreatedAt).FirstAsync();
        Assert.Equal(clock.GetUtcNow(), created);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_OfRenamesAndNewPlanDetails_ReportsAndSavesThem_WithoutANewVersion(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await ImportAsync(db, Example);
        var renamed = Example
            .Replace("name: Region Östergötland (exempel)", "name: Region Östergötland")
            .Replace("title: Hälsostrategi 2025–2030", "title: Hälsostrategi 2025–2032")
            .Replace("validTo: 2030", "validTo: 2032");

        var result = await ImportAsync(db, renamed);

        Assert.True(result.Summary!.ChangedAnything);
        Assert.True(result.Summary.RegionChanged);
        var plan = result.Summary.Plans.Single(p => p.PlanId == "halsostrategi");
        Assert.Equal((PlanImportAction.Unchanged, true, 1), (plan.Action, plan.DetailsChanged, plan.VersionNumber));
        var saved = await db.WithContextAsync(ctx => ctx.Plans.SingleAsync(p => p.Key == "halsostrategi"));
        Assert.Equal(("Hälsostrategi 2025–2032", 2032), (saved.Title, saved.ValidTo));
    }

    [Fact]
    public async Task Import_OfAUnitWhoseCodeIsAlreadyAGroupInTheDatabase_IsRefused()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await ImportAsync(db, Example);
        var clash = Example.Replace("  - code: CSK\n", "  - code: alla-namnder\n    name: Krock\n    kind: unit\n  - code: CSK\n")
            .Replace("groups:\n  - code: alla-namnder\n    name: Samtliga nämnder\n    members: [HSN, KN]\n", "");

        var result = await ImportAsync(db, clash);

        var error = Assert.Single(result.Errors);
        Assert.Equal("units[4].code", error.Path);
        Assert.Contains("already a group code", error.Message);
    }

    private const string TargetsAndIndicators = """
        indicators:
          - code: X-VANTETID
            name: Väntetid till första besök
            unit: dagar
            decimals: 0
            direction: lower-is-better
        targets:
          - indicator: X-VANTETID
            year: 2025
            value: 30
            tolerance: 5
        plans:
        """;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_OfIndicatorsTargetsAndNodeIndicators_SavesThem_AndAgainChangesNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var text = Example.Replace("plans:\n", TargetsAndIndicators + "\n")
            .Replace("title: God tillgänglighet till vård\n", "title: God tillgänglighet till vård\n                indicators: [X-VANTETID]\n");

        var first = await ImportAsync(db, text);
        var second = await ImportAsync(db, text);

        Assert.True(first.Succeeded, string.Join("\n", first.Errors));
        Assert.Equal((1, 1), (first.Summary!.IndicatorsAdded, first.Summary.TargetsAdded));
        Assert.False(second.Summary!.ChangedAnything);
        var (target, node) = await db.WithContextAsync(async ctx => (
            await ctx.Targets.Include(t => t.Indicator).SingleAsync(),
            await ctx.GoalNodes.Where(n => n.Key == "god-tillganglighet").SelectMany(n => n.Indicators).Select(i => i.Indicator.Code).SingleAsync()));
        Assert.Equal(("X-VANTETID", 2025, 30.0, 5.0, false), (target.Indicator.Code, target.Year, target.Value, target.Tolerance, target.IsDemo));
        Assert.Equal("X-VANTETID", node);
    }

    [Fact]
    public async Task Import_OfATargetForAnUnknownIndicator_OrTwoForOneYear_IsRefused()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        var text = Example.Replace("plans:\n", TargetsAndIndicators.Replace("  - indicator: X-VANTETID\n    year: 2025\n    value: 30\n    tolerance: 5\n",
            "  - indicator: X-VANTETID\n    year: 2025\n    value: 30\n  - indicator: X-VANTETID\n    year: 2025\n    value: 25\n  - indicator: X-OKAND\n    year: 2025\n    value: 1\n") + "\n");

        Assert.Contains("X-OKAND", text);
        var result = await ImportAsync(db, text);

        Assert.Equal(["targets[1].year", "targets[2].indicator"], result.Errors.Select(e => e.Path));
    }

    internal static async Task<PlanImportResult> ImportAsync(TestDatabase db, string text, bool dryRun = false)
    {
        await using var services = db.Services();
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlanFileImporter>().ImportAsync(text, ExampleFile, dryRun);
    }
}
