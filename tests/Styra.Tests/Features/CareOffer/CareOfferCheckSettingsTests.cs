using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.CareOffer;
using Styra.Features.FollowUp;
using Styra.Features.Organisation;
using Styra.Tests.Infrastructure;
using static Styra.Tests.Features.CareOffer.CareOfferChecksTests;

namespace Styra.Tests.Features.CareOffer;

/// <summary>The region's check settings through the service and the database: defaults, saving, validation, conflicts.</summary>
public sealed class CareOfferCheckSettingsTests
{
    internal static readonly RegionCode Halland = new("13");

    /// <summary>A register made with the model's constructors (not the register feature's code).</summary>
    internal static async Task<CareOfferRegister> RegisterAsync(StyraDbContext db, RegionCode code, int year, IEnumerable<CareUnitData> units, bool demo = false)
    {
        var region = await db.Regions.SingleAsync(r => r.Code == code);
        var register = new CareOfferRegister(region, year, "test", demo);
        foreach (var u in units) register.Units.Add(new CareUnit(register, u));
        db.CareOfferRegisters.Add(register);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return register;
    }

    /// <summary>Halland's municipalities each with a vårdcentral, except Hylte.</summary>
    internal static IEnumerable<CareUnitData> HallandHubs() =>
        new[] { ("1380", "Halmstad"), ("1381", "Laholm"), ("1382", "Falkenberg"), ("1383", "Varberg"), ("1384", "Kungsbacka") }
            .Select(m => Unit($"VC-{m.Item1}", $"Vårdcentral {m.Item2}", CareUnitKind.PrimaryCareCentre, "Allmänmedicin", CareLevel.Primary, municipality: m.Item1, patients: 9000));

    internal static CheckSettingsInput InputOf(CheckSettingsView view, Func<CheckSettingInput, CheckSettingInput>? change = null, params SpecialtyThresholdInput[] specialties) =>
        new(view.Version, view.Rules.Checks.Select(c => new CheckSettingInput(c.Check, c.Enabled, c.Threshold, c.SecondThreshold,
            c.Principle.Title, c.Principle.Text, c.Principle.PlanKey, c.Principle.NodeKey)).Select(c => change?.Invoke(c) ?? c).ToList(),
            specialties.Length > 0 ? specialties : view.Rules.SpecialtyThresholds.Select(p => new SpecialtyThresholdInput(p.Key, p.Value)).ToList());

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ARegionWithoutSettings_RunsOnTheDefaults_AndASaveChangesTheFindings(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var settings = scope.ServiceProvider.GetRequiredService<CareOfferCheckSettings>();
        var region = await db.Regions.SingleAsync(r => r.Code == Halland);
        var planner = new Access(4001, "plan@test", [new Grant(region.Id, RegionRole.Planner, null)]);
        var reader = new Access(4002, "read@test", [new Grant(region.Id, RegionRole.Reader, null)]);
        await RegisterAsync(db, Halland, 2026, [.. HallandHubs(), Unit("HUD-FAL", "Hudmottagning Falkenberg", municipality: "1382", specialists: 2, patients: 5000)]);

        var defaults = (await settings.LoadAsync(Halland, reader))!;
        Assert.False(defaults.IsSaved);
        Assert.Equal(0, defaults.Version);
        Assert.Equal(CareOfferCheckSettings.Defaults.Checks, defaults.Rules.Checks);

        var before = (await settings.FindingsAsync(Halland, 2026, reader))!;
        Assert.Equal([(CareOfferCheck.Robustness, "HUD-FAL"), (CareOfferCheck.PrimaryCareHub, "1315")], before.Findings.Select(f => (f.Check, f.SubjectKey)));
        Assert.Equal("Hylte", before.Findings.Last().SubjectName);
        Assert.Null(await settings.FindingsAsync(Halland, 2025, reader));

        // A reader cannot save; a planner lowers the robustness threshold to 2 and adds a volume threshold for Hudsjukdomar.
        var input = InputOf(defaults, c => c.Check == CareOfferCheck.Robustness ? c with { Threshold = 2 } : c, new SpecialtyThresholdInput(" Hudsjukdomar ", 6000));
        Assert.Equal(Outcome.Forbidden, (await settings.SaveAsync(Halland, input, reader)).Outcome);
        var saved = await settings.SaveAsync(Halland, input, planner);
        Assert.Equal(Outcome.Ok, saved.Outcome);
        Assert.True(saved.Current!.IsSaved);
        Assert.Equal(1, saved.Current.Version);
        Assert.Equal(6000, saved.Current.Rules.SpecialtyThreshold("hudsjukdomar"));

        var after = (await settings.FindingsAsync(Halland, 2026, reader))!;
        Assert.Equal([(CareOfferCheck.SmallVolume, "HUD-FAL"), (CareOfferCheck.PrimaryCareHub, "1315")], after.Findings.Select(f => (f.Check, f.SubjectKey)));
        Assert.Equal("Hudmottagning Falkenberg har 5\u00a0000 patienter per år; gränsen för Hudsjukdomar är minst 6\u00a0000.", after.Findings.First().Swedish);

        // The form of version 0 is stale now: a conflict, nothing changed.
        Assert.Equal(Outcome.Conflict, (await settings.SaveAsync(Halland, InputOf(defaults), planner)).Outcome);

        // Disabling the hub check and removing the volume threshold: only robustness is left, and it passes at 2.
        var off = InputOf(saved.Current, c => c.Check == CareOfferCheck.PrimaryCareHub ? c with { Enabled = false } : c, new SpecialtyThresholdInput(null, null));
        Assert.Equal(Outcome.Ok, (await settings.SaveAsync(Halland, off, planner)).Outcome);
        Assert.Empty((await settings.FindingsAsync(Halland, 2026, reader))!.Findings);
        Assert.Empty(await db.SpecialtyVolumeThresholds.Where(s => s.RegionId == region.Id).ToListAsync());

        var audited = await db.AuditRecords.Where(r => r.RegionId == region.Id).Select(r => r.ObjectType).ToListAsync();
        Assert.Contains(nameof(CareOfferCheckSetting), audited);
        Assert.Contains(nameof(SpecialtyVolumeThreshold), audited);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task InvalidSettings_NameEachField_AndNothingIsSaved(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var settings = scope.ServiceProvider.GetRequiredService<CareOfferCheckSettings>();
        var region = await db.Regions.SingleAsync(r => r.Code == Halland);
        var planner = new Access(4001, "plan@test", [new Grant(region.Id, RegionRole.Planner, null)]);
        var defaults = (await settings.LoadAsync(Halland, planner))!;

        var input = InputOf(defaults, c => c.Check switch
        {
            CareOfferCheck.Robustness => c with { Threshold = 0 },
            CareOfferCheck.Concentration => c with { SecondThreshold = null },
            CareOfferCheck.Proximity => c with { Threshold = 4, PrincipleText = " " },
            CareOfferCheck.Preparedness => c with { NodeKey = null },
            _ => c,
        }, new SpecialtyThresholdInput("Reumatologi", 800), new SpecialtyThresholdInput("reumatologi ", 700), new SpecialtyThresholdInput("Handkirurgi", -1));
        var refused = await settings.SaveAsync(Halland, input, planner);
        Assert.Equal(Outcome.Invalid, refused.Outcome);
        Assert.Equal(["robustness.threshold", "proximity.threshold", "proximity.principleText", "concentration.secondThreshold", "preparedness.nodeKey",
            "specialties[1].specialty", "specialties[2].minPatientsPerYear"], refused.Problems.Select(p => p.Field));
        Assert.Contains("står redan på rad 1", refused.Problems[5].Swedish);

        // A check that is none of the six (JSON takes any integer), without a title; one given twice; an empty entry.
        var valid = InputOf(defaults);
        var undefined = await settings.SaveAsync(Halland, valid with { Checks = [.. valid.Checks, new((CareOfferCheck)99, true, null, null, null, null, null, null)] }, planner);
        Assert.Equal(Outcome.Invalid, undefined.Outcome);
        Assert.Equal("checks[6].check", Assert.Single(undefined.Problems).Field);
        Assert.Contains("”99” är ingen av de sex principkontrollerna", undefined.Problems[0].Swedish);
        var twice = await settings.SaveAsync(Halland, valid with { Checks = valid.Checks.Select(c => c.Check == CareOfferCheck.Proximity ? valid.Checks[0] : c).ToList() }, planner);
        Assert.Equal(["robustness", "proximity"], twice.Problems.Select(p => p.Field));
        Assert.Equal(["checks[6]"], (await settings.SaveAsync(Halland, valid with { Checks = [.. valid.Checks, null!] }, planner)).Problems.Select(p => p.Field));
        Assert.False(await db.CareOfferCheckSettings.AnyAsync(s => s.RegionId == region.Id));
        Assert.False(await db.SpecialtyVolumeThresholds.AnyAsync(s => s.RegionId == region.Id));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SkanesDemoSettings_LinkThePrinciples_AndSetThreeSpecialtyThresholds(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var skane = await db.Regions.SingleAsync(r => r.Code == new RegionCode("12"));
        var view = (await scope.ServiceProvider.GetRequiredService<CareOfferCheckSettings>().LoadAsync(skane.Code, new Access(1, "r", [new Grant(skane.Id, RegionRole.Reader, null)])))!;
        Assert.True(view.IsSaved);
        Assert.Equal(1000, view.Rules.SpecialtyThreshold("Handkirurgi"));
        Assert.Equal(800, view.Rules.SpecialtyThreshold("Reumatologi"));
        // Each principle's node is in Skåne's strategy, and the quoted text is in that node's description.
        var nodes = await db.GoalNodes.Where(n => n.PlanVersion.Plan.Key == "strategi-framtidens-halsosystem" && n.PlanVersion.Plan.RegionId == skane.Id)
            .Select(n => new { n.Key, n.Description }).ToListAsync();
        foreach (var rule in view.Rules.Checks)
            Assert.Contains(nodes, n => n.Key == rule.Principle.NodeKey && n.Description!.Contains(rule.Principle.Text, StringComparison.Ordinal));
    }
}
