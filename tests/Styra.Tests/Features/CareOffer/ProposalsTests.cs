using System.Diagnostics;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.CareOffer;
using Styra.Features.FollowUp;
using Styra.Features.Reports;
using Styra.Tests.Infrastructure;
using static Styra.Tests.Features.CareOffer.CareOfferCheckSettingsTests;
using static Styra.Tests.Features.CareOffer.CareOfferChecksTests;

namespace Styra.Tests.Features.CareOffer;

/// <summary>Proposals: applying changes, the findings before and after, validation, storage and the decision basis.</summary>
public sealed class ProposalsTests
{
    private static CareUnitData Hand(string key, string municipality, int specialists, int patients, bool essential = false) =>
        Unit(key, $"Handkirurgi {key}", specialty: "Handkirurgi", need: CareNeed.Rare, municipality: municipality, specialists: specialists, patients: patients, essential: essential)
            with { OtherStaff = 2, SpecialistPhysicianFte = 1.5m };

    private static readonly ProposalChangeInput Concentrate = new(ProposalChangeKind.Concentrate, "HAND-HAL", ["HAND-VAR", "HAND-FAL"]);

    private static readonly ProposalChangeInput OpenHylte = new(ProposalChangeKind.Open, "VC-HYL", NewUnit: Unit("VC-HYL", "Vårdcentral Hylte",
        CareUnitKind.PrimaryCareCentre, "Allmänmedicin", CareLevel.Primary, municipality: "1315", specialists: 4, patients: 9000));

    private static readonly ProposalChangeInput CloseKungsbacka = new(ProposalChangeKind.Close, "VC-1384");

    private static List<CareUnitData> HallandUnits() =>
        [.. HallandHubs(), Hand("HAND-HAL", "1380", 4, 450), Hand("HAND-VAR", "1383", 1, 300), Hand("HAND-FAL", "1382", 2, 200)];

    private static readonly IReadOnlyList<(string Id, string Name)> HallandMunicipalities =
        [("1382", "Falkenberg"), ("1380", "Halmstad"), ("1315", "Hylte"), ("1384", "Kungsbacka"), ("1381", "Laholm"), ("1383", "Varberg")];

    [Fact]
    public void Concentrate_SumsTheSourcesIntoTheTarget_AndClosesThem()
    {
        var units = HallandUnits().Select(u => u.Key == "HAND-VAR" ? u with { EssentialForPreparedness = true } : u).ToList();
        var after = Proposals.ApplyTo(units, [Concentrate]);
        Assert.DoesNotContain(after, u => u.Key is "HAND-VAR" or "HAND-FAL");
        var target = after.Single(u => u.Key == "HAND-HAL");
        Assert.Equal((7, 950, 2850, 6, 4.5m, true), (target.SpecialistPhysicians, target.PatientsPerYear, target.VisitsPerYear, target.OtherStaff, target.SpecialistPhysicianFte, target.EssentialForPreparedness));
        Assert.Equal("1380", target.MunicipalityId);

        var moved = Proposals.ApplyTo(HallandUnits(), [new(ProposalChangeKind.Move, "HAND-FAL", NewMunicipalityId: "1380", NewLevel: CareLevel.Regional)]).Single(u => u.Key == "HAND-FAL");
        Assert.Equal(("1380", CareLevel.Regional), (moved.MunicipalityId, moved.Level));
    }

    [Fact]
    public void Compare_ConcentrationResolvesTheMergedUnitsFindings_OpeningAVardcentralResolvesTheHub_ClosingTheOnlyOneMakesANewFinding()
    {
        var rules = CareOfferCheckSettings.Defaults;
        var before = HallandUnits();
        var after = Proposals.ApplyTo(before, [Concentrate, OpenHylte, CloseKungsbacka]);
        var comparison = Proposals.Compare(rules, CareOfferChecks.Run(before, rules, HallandMunicipalities), CareOfferChecks.Run(after, rules, HallandMunicipalities));

        var robustness = comparison.Single(c => c.Check == CareOfferCheck.Robustness);
        Assert.Equal((2, 0), (robustness.Before, robustness.After));
        Assert.Equal(["HAND-FAL", "HAND-VAR"], robustness.Resolved.Select(f => f.SubjectKey));
        var concentration = comparison.Single(c => c.Check == CareOfferCheck.Concentration);
        Assert.Equal(["specialty:handkirurgi"], concentration.Resolved.Select(f => f.SubjectKey));
        Assert.Equal(["HAND-FAL", "HAND-HAL", "HAND-VAR"], concentration.Resolved.Single().UnitKeys);
        var hub = comparison.Single(c => c.Check == CareOfferCheck.PrimaryCareHub);
        Assert.Equal((1, 1), (hub.Before, hub.After));
        Assert.Equal("Hylte", Assert.Single(hub.Resolved).SubjectName);
        Assert.Equal("Kungsbacka", Assert.Single(hub.New).SubjectName);
        Assert.Empty(hub.Remaining);
        // Without the closing, nothing new appears.
        Assert.All(Proposals.Compare(rules, CareOfferChecks.Run(before, rules, HallandMunicipalities),
            CareOfferChecks.Run(Proposals.ApplyTo(before, [Concentrate, OpenHylte]), rules, HallandMunicipalities)), c => Assert.Empty(c.New));
    }

    [Fact]
    public void Validation_NamesTheFieldAndTheUnknownKey_AndFollowsTheOrderOfTheChanges()
    {
        IReadOnlyList<FieldProblem> Problems(params ProposalChangeInput[] changes) => Proposals.Validate(new("Förslag", null, changes), HallandUnits(), HallandMunicipalities);

        var unknown = Assert.Single(Problems(new ProposalChangeInput(ProposalChangeKind.Close, "HAND-XYZ")));
        Assert.Equal("changes[0].unitKey", unknown.Field);
        Assert.Contains("HAND-XYZ finns inte i registret", unknown.Swedish);
        Assert.Equal("changes[1].sourceUnitKeys", Assert.Single(Problems(CloseKungsbacka, new(ProposalChangeKind.Concentrate, "HAND-HAL", ["VC-1384"]))).Field);
        Assert.Equal("changes[0].sourceUnitKeys", Assert.Single(Problems(new ProposalChangeInput(ProposalChangeKind.Concentrate, "HAND-HAL", []))).Field);
        Assert.Equal("changes[0].sourceUnitKeys", Assert.Single(Problems(new ProposalChangeInput(ProposalChangeKind.Concentrate, "HAND-HAL", ["HAND-HAL"]))).Field);
        Assert.Equal("changes[0].newMunicipalityId", Assert.Single(Problems(new ProposalChangeInput(ProposalChangeKind.Move, "HAND-FAL"))).Field);
        var malmo = Assert.Single(Problems(new ProposalChangeInput(ProposalChangeKind.Move, "HAND-FAL", NewMunicipalityId: "1280")));
        Assert.Contains("1280 är ingen av regionens kommuner", malmo.Swedish);
        Assert.Equal("changes[0].newUnit.key", Assert.Single(Problems(OpenHylte with { NewUnit = OpenHylte.NewUnit! with { Key = "VC-1380" } })).Field);
        Assert.Equal(["changes[0].newUnit.name", "changes[0].newUnit.patientsPerYear"],
            Problems(OpenHylte with { NewUnit = OpenHylte.NewUnit! with { Name = " ", PatientsPerYear = -1 } }).Select(p => p.Field));
        // Opened by the first change, closed by the second: valid in that order.
        Assert.Empty(Problems(OpenHylte, new(ProposalChangeKind.Close, "VC-HYL")));
        Assert.Equal("title", Assert.Single(Proposals.Validate(new(" ", null, []), HallandUnits(), HallandMunicipalities)).Field);
    }

    [Fact]
    public void Compare_ConcentrationFromThreeSmallUnitsToFour_IsAChangedFinding_AnUntouchedOneRemainsUnchanged()
    {
        var rules = CareOfferCheckSettings.Defaults;
        var before = HallandUnits();
        var after = Proposals.ApplyTo(before, [new(ProposalChangeKind.Open, "HAND-KBA", NewUnit: Hand("HAND-KBA", "1384", 3, 250))]);
        var comparison = Proposals.Compare(rules, CareOfferChecks.Run(before, rules, HallandMunicipalities), CareOfferChecks.Run(after, rules, HallandMunicipalities));

        var concentration = comparison.Single(c => c.Check == CareOfferCheck.Concentration);
        Assert.Empty(concentration.Resolved);
        Assert.Empty(concentration.New);
        var pair = Assert.Single(concentration.Changed);
        Assert.Same(pair, Assert.Single(concentration.Remaining));
        Assert.Equal((3, 4), (pair.Before.Measured, pair.After.Measured));
        Assert.Equal(["HAND-FAL", "HAND-HAL", "HAND-KBA", "HAND-VAR"], pair.After.UnitKeys);
        Assert.Contains("spridd på 3 enheter", pair.Before.Swedish);
        Assert.Contains("spridd på 4 enheter", pair.After.Swedish);
        // Varberg's and Falkenberg's too few physicians are the same findings as before: remaining, not changed.
        var robustness = comparison.Single(c => c.Check == CareOfferCheck.Robustness);
        Assert.Equal(["HAND-FAL", "HAND-VAR"], robustness.Remaining.Select(p => p.After.SubjectKey));
        Assert.All(robustness.Remaining, p => Assert.False(p.IsChanged));
        Assert.Empty(robustness.Changed);
    }

    [Fact]
    public void AnOpenedUnit_IsValidatedLikeARegisterUnit_AndAConcentrationCannotOverflow()
    {
        IReadOnlyList<FieldProblem> Problems(IReadOnlyList<CareUnitData> units, params ProposalChangeInput[] changes) =>
            Proposals.Validate(new("Förslag", null, changes), units, HallandMunicipalities);

        var huge = Problems(HallandUnits(), OpenHylte with { NewUnit = OpenHylte.NewUnit! with { Key = "VC,HYL", PatientsPerYear = int.MaxValue, Level = (CareLevel)9 } });
        Assert.Equal(["changes[0].newUnit.key", "changes[0].newUnit.level", "changes[0].newUnit.patientsPerYear"], huge.Select(p => p.Field).Order(StringComparer.Ordinal));
        Assert.All(huge, p => Assert.StartsWith("Ändring 1: ", p.Swedish));
        Assert.Contains("bokstäver, siffror och bindestreck", huge.Single(p => p.Field.EndsWith(".key", StringComparison.Ordinal)).Swedish);
        Assert.Equal("changes[0].newUnit.municipalityId",
            Assert.Single(Problems(HallandUnits(), OpenHylte with { NewUnit = OpenHylte.NewUnit! with { MunicipalityId = "1280" } })).Field);

        // Units at the register's most each: merged they would pass it (and, summed as int, overflow); refused by name.
        var full = new[] { "HAND-HAL", "HAND-VAR", "HAND-FAL" }.Select(k => Hand(k, "1380", 5, CareOfferRegisters.MaxPatients) with { VisitsPerYear = CareOfferRegisters.MaxVisits }).ToList();
        var tooBig = Problems(full, Concentrate);
        Assert.Equal(["changes[0].sourceUnitKeys", "changes[0].sourceUnitKeys"], tooBig.Select(p => p.Field));
        Assert.Contains("30 000 000 patienter per år; registret tillåter högst 10 000 000", tooBig[0].Swedish.Replace('\u00a0', ' '));
        Assert.Contains("300 000 000 besök per år", tooBig[1].Swedish.Replace('\u00a0', ' '));
        // Unvalidated changes with sums past int.MaxValue throw rather than wrap to a negative count.
        var overflowing = full.Select(u => u with { PatientsPerYear = int.MaxValue }).ToList();
        Assert.Throws<OverflowException>(() => Proposals.ApplyTo(overflowing, [Concentrate]));
    }

    [Fact]
    public void UndefinedKindsAndLevels_AreRefused_NotSkipped()
    {
        IReadOnlyList<FieldProblem> Problems(params ProposalChangeInput[] changes) => Proposals.Validate(new("Förslag", null, changes), HallandUnits(), HallandMunicipalities);

        Assert.Equal("changes[0].kind", Assert.Single(Problems(new ProposalChangeInput((ProposalChangeKind)99, "HAND-FAL"))).Field);
        Assert.Equal("changes[1].newLevel", Assert.Single(Problems(CloseKungsbacka, new ProposalChangeInput(ProposalChangeKind.Move, "HAND-FAL", NewLevel: (CareLevel)7))).Field);
        Assert.Empty(Problems(new ProposalChangeInput(ProposalChangeKind.Move, "HAND-FAL", NewLevel: CareLevel.National)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AProposalWhoseUnitWasSinceRemoved_SkipsThatChangeWhole_AndTheDemoNoteNamesTheRegion(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var proposals = scope.ServiceProvider.GetRequiredService<Proposals>();
        var region = await db.Regions.SingleAsync(r => r.Code == Halland);
        var planner = new Access(4001, "plan@test", [new Grant(region.Id, RegionRole.Planner, null)]);
        await RegisterAsync(db, Halland, 2026, HallandUnits(), demo: true);
        var id = (await proposals.CreateAsync(Halland, 2026, new("Samla handkirurgin", null, [Concentrate, CloseKungsbacka]), planner)).Current!.Id;

        // Falkenberg's unit leaves the register after the proposal was made.
        var falkenberg = await db.CareUnits.SingleAsync(u => u.Key == "HAND-FAL" && u.Register.RegionId == region.Id);
        db.CareUnits.Remove(falkenberg);
        await db.SaveChangesAsync();

        var c = (await proposals.CompareAsync(Halland, 2026, id, planner))!;
        var problem = Assert.Single(c.Problems);
        Assert.Equal("changes[0].sourceUnitKeys", problem.Field);
        Assert.Contains("HAND-FAL finns inte i registret", problem.Swedish);
        // Varberg is not merged into Halmstad on its own: the concentration is skipped whole; the closing still applies.
        Assert.Equal(["VC-1384"], c.UnitChanges.Select(u => u.Key));
        var halmstad = c.After.Units.Single(u => u.Key == "HAND-HAL");
        Assert.Equal((4, 450), (halmstad.SpecialistPhysicians, halmstad.PatientsPerYear));
        Assert.Contains(c.After.Units, u => u.Key == "HAND-VAR");

        var text = string.Join("\n", ProposalReport.Build(c, new DateOnly(2026, 3, 1)).Blocks.OfType<Paragraph>().Select(p => p.Text));
        Assert.Contains($"beskriver inte {region.Name}s verkliga vårdutbud", text);
        Assert.DoesNotContain("Region Skånes verkliga", text);
        Assert.Contains("HAND-FAL finns inte i registret (eller har redan stängts av en tidigare ändring). Ändringen hoppas över.", text);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AProposal_IsSaved_Compared_AndWrittenAsADecisionBasis_InDocxAndPdf(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var proposals = scope.ServiceProvider.GetRequiredService<Proposals>();
        var region = await db.Regions.SingleAsync(r => r.Code == Halland);
        var planner = new Access(4001, "plan@test", [new Grant(region.Id, RegionRole.Planner, null)]);
        var reader = new Access(4002, "read@test", [new Grant(region.Id, RegionRole.Reader, null)]);
        var input = new ProposalInput("Samla handkirurgin i Halmstad", "Handkirurgin **samlas**.", [Concentrate, OpenHylte]);

        Assert.Equal("year", Assert.Single((await proposals.CreateAsync(Halland, 2026, input, planner)).Problems).Field);
        await RegisterAsync(db, Halland, 2026, HallandUnits());
        Assert.Equal(Outcome.Forbidden, (await proposals.CreateAsync(Halland, 2026, input, reader)).Outcome);
        var created = await proposals.CreateAsync(Halland, 2026, input, planner);
        Assert.Equal(Outcome.Ok, created.Outcome);
        var id = created.Current!.Id;
        Assert.Equivalent(input.Changes, (await proposals.GetAsync(Halland, 2026, id, reader))!.Changes);

        // Adding the closing at the front (reordering is the same call); a stale version is a conflict; a bad key is named.
        var moreChanges = input with { Changes = [CloseKungsbacka, Concentrate, OpenHylte] };
        var saved = await proposals.SaveAsync(Halland, 2026, id, 1, moreChanges, planner);
        Assert.Equal((Outcome.Ok, 2), (saved.Outcome, saved.Current!.Version));
        Assert.Equal(Outcome.Conflict, (await proposals.SaveAsync(Halland, 2026, id, 1, input, planner)).Outcome);
        var bad = await proposals.SaveAsync(Halland, 2026, id, 2, input with { Changes = [new(ProposalChangeKind.Close, "NOPE")] }, planner);
        Assert.Equal(("changes[0].unitKey", 3), (Assert.Single(bad.Problems).Field, (await proposals.GetAsync(Halland, 2026, id, reader))!.Changes.Count));

        var comparison = (await proposals.CompareAsync(Halland, 2026, id, reader))!;
        Assert.Empty(comparison.Problems);
        var hub = comparison.Checks.Single(c => c.Check == CareOfferCheck.PrimaryCareHub);
        Assert.Equal(("Hylte", "Kungsbacka"), (Assert.Single(hub.Resolved).SubjectName, Assert.Single(hub.New).SubjectName));
        Assert.Equal(2, comparison.Checks.Single(c => c.Check == CareOfferCheck.Robustness).Resolved.Count);
        Assert.Equal(["Handkirurgi HAND-FAL", "Handkirurgi HAND-HAL", "Handkirurgi HAND-VAR", "Vårdcentral Hylte", "Vårdcentral Kungsbacka"],
            comparison.UnitChanges.Select(u => u.Name));

        var report = ProposalReport.Build(comparison, new DateOnly(2026, 3, 1));
        var docx = Styra.Features.Reports.Reports.Write(report, ReportFormat.Docx);
        using (var doc = WordprocessingDocument.Open(new MemoryStream(docx.Content), false))
        {
            var rows = doc.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableRow>()
                .Select(r => string.Join("|", r.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText))).ToList();
            Assert.Contains("Kontroll|Princip|Före|Efter|Lösta|Nya|Kvarstår|Ändrade", rows);
            Assert.Contains("Robusthet: specialistläkare|Robusthet|2|0|2|0|0|0", rows);
            Assert.Contains("Primärvården som nav|Primärvård och Nära vård|1|1|1|1|0|0", rows);
            var text = doc.MainDocumentPart.Document.Body.InnerText;
            Assert.Contains("Kungsbacka kommun har ingen vårdcentral", text);
            Assert.Contains("Primärvårdens roll är att vara navet", text);
            Assert.Contains("Koncentrera Handkirurgi HAND-VAR, Handkirurgi HAND-FAL till Handkirurgi HAND-HAL.", text);
        }
        var pdf = Normalise(await PdfTextAsync(Styra.Features.Reports.Reports.Write(report, ReportFormat.Pdf).Content));
        Assert.Contains("Principkontroller före och efter", pdf);
        Assert.Contains("Kontroll Princip Före Efter Lösta Nya Kvarstår Ändrade", pdf);
        // The check's name wraps in its cell; the row's figures follow the principle.
        Assert.Contains("Robusthet 2 0 2 0 0 0", pdf);
        Assert.Contains("Kungsbacka kommun har ingen vårdcentral", pdf);

        Assert.Equal(Outcome.Forbidden, (await proposals.DeleteAsync(Halland, 2026, id, 2, reader)).Outcome);
        Assert.Equal(Outcome.Ok, (await proposals.DeleteAsync(Halland, 2026, id, 2, planner)).Outcome);
        Assert.Empty((await proposals.ListAsync(Halland, 2026, reader))!);
        Assert.Contains(nameof(CareOfferProposal), await db.AuditRecords.Where(r => r.RegionId == region.Id).Select(r => r.ObjectType).ToListAsync());
    }

    private static string Normalise(string text) => System.Text.RegularExpressions.Regex.Replace(text, "\\s+", " ");

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"styra-proposal-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var info = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add("-layout");
            info.ArgumentList.Add(path);
            info.ArgumentList.Add("-");
            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
            return output;
        }
        finally { File.Delete(path); }
    }
}
