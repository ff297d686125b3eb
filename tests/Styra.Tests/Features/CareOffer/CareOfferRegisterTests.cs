using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.CareOffer;
using Styra.Features.FollowUp;
using Styra.Features.Indicators;
using Styra.Features.Organisation;
using Styra.Tests.Infrastructure;

namespace Styra.Tests.Features.CareOffer;

/// <summary>The care-offer register: the demo, years and copies, units validated field by field, versions, import and export — on both providers.</summary>
public sealed class CareOfferRegisterTests
{
    private static readonly RegionCode Skane = DemoCareOffer.Skane;

    private static CareUnitData Unit(string key = "TEST-1", string municipality = "1280") =>
        new(key, "Testmottagning", CareUnitKind.OutpatientClinic, "Handkirurgi", CareLevel.Local, CareMode.Elective, CareNeed.Rare, municipality,
            3, 2.5m, 4, 3.2m, 700, 2100, true, "KP-1", null);

    private sealed record Ctx(AsyncServiceScope Scope, StyraDbContext Db, CareOfferRegisters Registers, CareOfferImporter Importer, Access Planner, Access Reader);

    private static async Task<Ctx> ContextAsync(ServiceProvider services)
    {
        var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var region = await db.Regions.AsNoTracking().SingleAsync(r => r.Code == Skane);
        return new Ctx(scope, db, scope.ServiceProvider.GetRequiredService<CareOfferRegisters>(), scope.ServiceProvider.GetRequiredService<CareOfferImporter>(),
            new Access(5001, "plan@test", [new Grant(region.Id, RegionRole.Planner, null)]),
            new Access(5002, "read@test", [new Grant(region.Id, RegionRole.Reader, null)]));
    }

    private static ImportFile Csv(string name, string text, bool bom = false) =>
        new(name, () => new MemoryStream(bom ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text)));

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Demo_GivesSkaneTwoYears_MarkedDemo_WithTheUnitsTheChecksNeed(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services();
        var c = await ContextAsync(services);
        await using var _ = c.Scope;

        var years = await c.Registers.YearsAsync(Skane);
        Assert.Equal([2026, 2025], years.Select(y => y.Year));
        Assert.All(years, y => Assert.True(y.IsDemo));
        Assert.All(years, y => Assert.Equal(DemoCareOffer.Source, y.Source));
        Assert.InRange(years[1].Units, 50, 70);
        Assert.Empty(await c.Registers.YearsAsync(new RegionCode("13")));

        var r2025 = (await c.Registers.GetAsync(Skane, 2025))!;
        var r2026 = (await c.Registers.GetAsync(Skane, 2026))!;
        Assert.All(r2025.Units, u => Assert.StartsWith("Demo ", u.Name));
        var hand = r2025.Units.Single(u => u.Key == "SKD-HAND-MAL");
        Assert.Equal((CareUnitKind.Clinic, CareLevel.Regional, CareMode.Both, CareNeed.Rare, "1280", 6, 1800, 5200, true, "KP-2025-003"),
            (hand.Kind, hand.Level, hand.Mode, hand.Need, hand.MunicipalityId, hand.SpecialistPhysicians, hand.PatientsPerYear, hand.VisitsPerYear,
             hand.EssentialForPreparedness, hand.ContinuityPlanReference));
        Assert.Equal((2, 300, 900, "1286"), r2025.Units.Where(u => u.Key == "SKD-HAND-YST").Select(u => (u.SpecialistPhysicians, u.PatientsPerYear, u.VisitsPerYear, u.MunicipalityId)).Single());

        // Every municipality of Skåne has a vårdcentral, except Perstorp and Östra Göinge — both years.
        var municipalities = await CareOfferRegisters.MunicipalitiesAsync(c.Db, Skane);
        Assert.Equal(33, municipalities.Count);
        foreach (var r in new[] { r2025, r2026 })
        {
            var without = municipalities.Keys.Where(m => !r.Units.Any(u => u.MunicipalityId == m && u.Kind == CareUnitKind.PrimaryCareCentre && u.Level == CareLevel.Primary));
            Assert.Equal(["1256", "1275"], without.Order());
            Assert.True(r.Units.Count(u => u.EssentialForPreparedness && u.ContinuityPlanReference is null) >= 2);
        }
        // 2026 differs in a few units: one opened, one closed, staff changed.
        Assert.Contains(r2026.Units, u => u.Key == "SKD-VC-MALMO-HYLLIE");
        Assert.DoesNotContain(r2026.Units, u => u.Key == "SKD-VC-MALMO-SODERVARN");
        Assert.Equal(2, r2026.Units.Single(u => u.Key == "SKD-HUD-YST").SpecialistPhysicians);
        Assert.Equal(r2025.Units.Count, r2026.Units.Count);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Units_AreValidatedFieldByField_CopiedYears_AndStaleVersionsConflict(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services();
        var c = await ContextAsync(services);
        await using var _ = c.Scope;

        // An empty year, then a copy of 2026.
        Assert.Equal(Outcome.Forbidden, (await c.Registers.CreateYearAsync(Skane, 2030, null, c.Reader)).Outcome);
        var empty = await c.Registers.CreateYearAsync(Skane, 2030, null, c.Planner);
        Assert.Equal((Outcome.Ok, CareOfferRegisters.EnteredSource, 0, 1), (empty.Outcome, empty.Register!.Source, empty.Register.Units.Count, empty.Register.Version));
        Assert.Equal("year", Assert.Single((await c.Registers.CreateYearAsync(Skane, 2030, null, c.Planner)).Problems).Field);
        Assert.Equal("copyFrom", Assert.Single((await c.Registers.CreateYearAsync(Skane, 2031, 2019, c.Planner)).Problems).Field);
        var copy = await c.Registers.CreateYearAsync(Skane, 2027, 2026, c.Planner);
        Assert.Equal(Outcome.Ok, copy.Outcome);
        var copied = (await c.Registers.GetAsync(Skane, 2027))!;
        Assert.Equal(("Kopia av 2026", true, "plan@test"), (copied.Source, copied.IsDemo, copied.UpdatedBy));
        var original = (await c.Registers.GetAsync(Skane, 2026))!;
        Assert.Equal(original.Units.Select(u => u.ToData()), copied.Units.Select(u => u.ToData()));

        // Each field's rule, one at a time.
        (CareUnitData Data, string Field)[] wrong =
        [
            (Unit(key: ""), "key"), (Unit(key: "HAS SPACE"), "key"), (Unit(key: new string('K', 51)), "key"), (Unit() with { Name = " " }, "name"),
            (Unit() with { Specialty = "" }, "specialty"), (Unit() with { Kind = (CareUnitKind)9 }, "kind"), (Unit() with { Level = (CareLevel)9 }, "level"),
            (Unit() with { Mode = (CareMode)9 }, "mode"), (Unit() with { Need = (CareNeed)9 }, "need"),
            (Unit(municipality: "1380"), "municipality"), (Unit(municipality: "Malmö"), "municipality"), (Unit(municipality: ""), "municipality"),
            (Unit() with { SpecialistPhysicians = -1 }, "specialistPhysicians"), (Unit() with { SpecialistPhysicianFte = -0.5m }, "specialistPhysicianFte"),
            (Unit() with { SpecialistPhysicianFte = 1.234m }, "specialistPhysicianFte"), (Unit() with { OtherStaff = -2 }, "otherStaff"),
            (Unit() with { OtherStaffFte = -1m }, "otherStaffFte"), (Unit() with { PatientsPerYear = 10_000_001 }, "patientsPerYear"),
            (Unit() with { PatientsPerYear = -1 }, "patientsPerYear"), (Unit() with { VisitsPerYear = -5 }, "visitsPerYear"),
            (Unit() with { ContinuityPlanReference = new string('x', 201) }, "continuityPlan"), (Unit() with { Note = new string('x', 2001) }, "note"),
        ];
        foreach (var (data, field) in wrong)
        {
            var refused = await c.Registers.AddUnitAsync(Skane, 2030, 1, data, c.Planner);
            Assert.Equal(Outcome.Invalid, refused.Outcome);
            Assert.Equal(field, Assert.Single(refused.Problems).Field);
            Assert.False(string.IsNullOrEmpty(Assert.Single(refused.Problems).Swedish));
        }
        // Fewer visits than patients is allowed; the boundaries are inside.
        var added = await c.Registers.AddUnitAsync(Skane, 2030, 1, Unit() with { VisitsPerYear = 10, PatientsPerYear = 10_000_000, SpecialistPhysicians = 0 }, c.Planner);
        Assert.Equal((Outcome.Ok, 2), (added.Outcome, added.Register!.Version));
        Assert.Equal("plan@test", added.Register.UpdatedBy);
        // A key is unique in the year, whatever its case; a reader cannot write.
        Assert.Equal("key", Assert.Single((await c.Registers.AddUnitAsync(Skane, 2030, 2, Unit(key: "test-1"), c.Planner)).Problems).Field);
        Assert.Equal(Outcome.Forbidden, (await c.Registers.AddUnitAsync(Skane, 2030, 2, Unit(key: "TEST-2"), c.Reader)).Outcome);

        // A stale version is a conflict that names the version; nothing changes.
        var stale = await c.Registers.UpdateUnitAsync(Skane, 2030, "TEST-1", 1, Unit() with { Name = "Stale" }, c.Planner);
        Assert.Equal(Outcome.Conflict, stale.Outcome);
        Assert.Contains("version 2", Assert.Single(stale.Problems).English);
        var updated = await c.Registers.UpdateUnitAsync(Skane, 2030, "TEST-1", 2, Unit() with { Name = "Ny", MunicipalityId = "1281" }, c.Planner);
        Assert.Equal((Outcome.Ok, 3), (updated.Outcome, updated.Register!.Version));
        Assert.Equal(Outcome.NotFound, (await c.Registers.UpdateUnitAsync(Skane, 2030, "NONE", 3, Unit(), c.Planner)).Outcome);
        Assert.Equal(Outcome.Conflict, (await c.Registers.RemoveUnitAsync(Skane, 2030, "TEST-1", 2, c.Planner)).Outcome);
        var kept = await c.Db.CareUnits.AsNoTracking().SingleAsync(u => u.Register.Year == 2030);
        Assert.Equal(("Ny", "1281"), (kept.Name, kept.MunicipalityId));
        Assert.Equal(Outcome.Ok, (await c.Registers.RemoveUnitAsync(Skane, 2030, "TEST-1", 3, c.Planner)).Outcome);
        Assert.Equal(0, await c.Db.CareUnits.CountAsync(u => u.Register.Year == 2030));
        // Every change is audited (the demo only adds units: the change and the removal are these).
        var trail = await c.Db.AuditRecords.AsNoTracking().Where(r => r.ObjectType == nameof(CareUnit)).Select(r => r.Action).ToListAsync();
        Assert.Contains(Styra.Features.Audit.AuditAction.Changed, trail);
        Assert.Contains(Styra.Features.Audit.AuditAction.Removed, trail);
    }

    private const string Header = "nyckel;namn;typ;specialitet;vårdnivå;akut_elektiv;behov;kommun;specialistläkare;specialistläkare_åa;övrig_personal;övrig_personal_åa;patienter_per_år;besök_per_år;beredskapskritisk;kontinuitetsplan;anteckning";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_ReplacesTheYear_FromCsvAndXlsx_AndExportImportsBackUnchanged(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services();
        var c = await ContextAsync(services);
        await using var _ = c.Scope;

        // English headers in another order, commas, a BOM, a municipality by name, decimal point.
        var csv = Csv("utbud.csv", """
            Key,Name,Kind,Specialty,Level,Mode,Need,Municipality,Specialist_Physicians,Specialist_Physician_FTE,Patients_per_year,Visits_per_year,Essential
            SKD-HAND-MAL,Handkirurgi Malmö,klinik,Handkirurgi,regional,båda,sällan,Malmö,7,6.5,1900,5300,ja
            NY-1,Ny vårdcentral,vårdcentral,Allmänmedicin,nära vård,akut,frekvent,1275,4,,9000,21000,nej
            """, bom: true);
        var count2026 = (await c.Registers.GetAsync(Skane, 2026))!.Units.Count;
        var result = await c.Importer.ImportAsync(Skane, 2026, csv, c.Planner);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var s = result.Summary!;
        Assert.Equal((2026, count2026, 2, 1, 1, count2026 - 1), (s.Year, s.Before, s.After, s.Added, s.Changed, s.Removed));
        var after = (await c.Registers.GetAsync(Skane, 2026))!;
        Assert.Equal(["NY-1", "SKD-HAND-MAL"], after.Units.Select(u => u.Key));
        Assert.Equal(("1275", CareLevel.Primary), (after.Units[0].MunicipalityId, after.Units[0].Level));
        Assert.Equal((7, 6.5m, 1900), (after.Units[1].SpecialistPhysicians, after.Units[1].SpecialistPhysicianFte, after.Units[1].PatientsPerYear));
        Assert.Equal(("Import: utbud.csv", false, 2), (after.Source, after.IsDemo, after.Version));
        Assert.Contains("only the region's planners", Assert.Single((await c.Importer.ImportAsync(Skane, 2026, csv, c.Reader)).Errors).Message);

        // Excel, into a year without a register.
        var xlsx = Workbooks.Create("Enheter",
            ["nyckel", "namn", "typ", "specialitet", "vårdnivå", "akut_elektiv", "behov", "kommun", "specialistläkare", "patienter_per_år", "besök_per_år", "beredskapskritisk", "kontinuitetsplan"],
            ["X-1", "Mottagning X", "mottagning", "Reumatologi", "lokal", "elektiv", "frekvent", 1291, 3, 850, 2500, "ja", "KP-9"],
            ["X-2", "Klinik Y", "klinik", "Ortopedi", "nationell", "akut", "sällan", "Lund", 12.0, 4000, 9000, "nej", null]);
        var fromExcel = await c.Importer.ImportAsync(Skane, 2031, new ImportFile("utbud.xlsx", () => new MemoryStream(xlsx)), c.Planner);
        Assert.True(fromExcel.Succeeded, string.Join("\n", fromExcel.Errors));
        var r2031 = (await c.Registers.GetAsync(Skane, 2031))!;
        Assert.Equal(new (string, string, int, string?)[] { ("X-1", "1291", 3, "KP-9"), ("X-2", "1281", 12, null) }, r2031.Units.Select(u => (u.Key, u.MunicipalityId, u.SpecialistPhysicians, u.ContinuityPlanReference)));

        // Export → import round trip: the 2025 demo register exports and imports back into a new year unchanged.
        var r2025 = (await c.Registers.GetAsync(Skane, 2025))!;
        var exported = CareOfferCsv.Write(r2025.Units);
        Assert.StartsWith(Header, Encoding.UTF8.GetString(exported).TrimStart('\uFEFF'));
        var back = await c.Importer.ImportAsync(Skane, 2040, new ImportFile("export.csv", () => new MemoryStream(exported)), c.Planner);
        Assert.True(back.Succeeded, string.Join("\n", back.Errors));
        var r2040 = (await c.Registers.GetAsync(Skane, 2040))!;
        Assert.Equal(r2025.Units.Select(u => u.ToData()), r2040.Units.Select(u => u.ToData()));
        // A second import of the same file changes nothing.
        var again = await c.Importer.ImportAsync(Skane, 2040, new ImportFile("export.csv", () => new MemoryStream(exported)), c.Planner);
        Assert.Equal((r2025.Units.Count, 0, 0, 0), (again.Summary!.Unchanged, again.Summary.Added, again.Summary.Changed, again.Summary.Removed));
        Assert.Equal(Header + "\r\n", Encoding.UTF8.GetString(CareOfferCsv.Template()).TrimStart('\uFEFF'));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_WithBadRows_NamesFileRowColumnAndExpectation_AndWritesNothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services();
        var c = await ContextAsync(services);
        await using var _ = c.Scope;
        var before = (await c.Registers.GetAsync(Skane, 2025))!;

        var bad = Csv("fel.csv", Header + "\n" + string.Join("\n",
            "SKD-HAND-MAL;Handkirurgi Malmö;klinik;Handkirurgi;regional;båda;sällan;1280;99;;;;1800;5200;ja;;",
            "A-1;Bra enhet;mottagning;Handkirurgi;lokal;elektiv;sällan;1286;2;;;;300;900;nej;;",
            "A-2;Fel typ;sjukhus;Handkirurgi;lokal;elektiv;sällan;1286;2;;;;300;900;nej;;",
            "A-3;Fel kommun;mottagning;Handkirurgi;lokal;elektiv;sällan;1380;2;;;;300;900;nej;;",
            "A-4;Fel tal;mottagning;Handkirurgi;lokal;elektiv;sällan;1286;två;;;;300;900;nej;;",
            "A-5;Negativt;mottagning;Handkirurgi;lokal;elektiv;sällan;1286;2;;;;-3;900;nej;;",
            "A-6;Fel ja/nej;mottagning;Handkirurgi;lokal;elektiv;sällan;1286;2;;;;300;900;kanske;;",
            "A-1;Dubblett;mottagning;Handkirurgi;lokal;elektiv;sällan;1286;2;;;;300;900;nej;;",
            "B@D;Fel nyckel;mottagning;Handkirurgi;lokal;elektiv;sällan;1286;2;1,234;;;300;900;nej;;"));
        var result = await c.Importer.ImportAsync(Skane, 2025, bad, c.Planner);
        Assert.False(result.Succeeded);
        var errors = result.Errors.Select(e => e.ToString()).ToList();
        void Has(string row, string column, string expected) =>
            Assert.Contains(errors, e => e.StartsWith("fel.csv: ", StringComparison.Ordinal) && e.Contains($"row {row}, column ") && e.Contains($"({column})") && e.Contains(expected));
        Has("4", "typ", "vårdcentral, mottagning, klinik or annan");
        Has("5", "kommun", "four-digit code");
        Has("6", "specialistläkare", "whole number");
        Has("7", "patienter_per_år", "whole number from 0");
        Has("8", "beredskapskritisk", "ja or nej");
        Has("9", "nyckel", "at row 3 and at row 9");
        Has("10", "nyckel", "letters, digits and hyphens");
        Has("10", "specialistläkare_åa", "at most two decimals");
        Assert.Equal(8, errors.Count);

        // Missing columns are named.
        var missing = await c.Importer.ImportAsync(Skane, 2025, Csv("kort.csv", "nyckel;namn\nA;B\n"), c.Planner);
        Assert.Contains(missing.Errors, e => e.Location == "row 1 (header)" && e.Message.Contains("'kommun'"));
        Assert.Contains(missing.Errors, e => e.Message.Contains("'patienter_per_år'"));
        // An Excel row is named by sheet, row and column letter.
        var xlsx = Workbooks.Create("Blad1",
            ["nyckel", "namn", "typ", "specialitet", "vårdnivå", "akut_elektiv", "behov", "kommun", "specialistläkare", "patienter_per_år", "besök_per_år", "beredskapskritisk"],
            ["X-1", "X", "mottagning", "Reumatologi", "överallt", "elektiv", "frekvent", 1291, 3, 850, 2500, "ja"]);
        var excel = await c.Importer.ImportAsync(Skane, 2025, new ImportFile("b.xlsx", () => new MemoryStream(xlsx)), c.Planner);
        Assert.Equal("b.xlsx: sheet 'Blad1', row 2, column E (vårdnivå): 'överallt' is not understood; expected primärvård (or nära vård), lokal, regional or nationell",
            Assert.Single(excel.Errors).ToString());

        // Nothing was written: the same units, the same values, the same version.
        var afterwards = (await c.Registers.GetAsync(Skane, 2025))!;
        Assert.Equal(before.Units.Count, afterwards.Units.Count);
        Assert.Equal(6, afterwards.Units.Single(u => u.Key == "SKD-HAND-MAL").SpecialistPhysicians);
        Assert.Equal((before.Version, before.Source), (afterwards.Version, afterwards.Source));
        Assert.DoesNotContain(afterwards.Units, u => u.Key == "A-1");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_CsvSavedByExcel_WithEmptyTrailingColumnsAndSeparatorOnlyRows_Imports(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services();
        var c = await ContextAsync(services);
        await using var _ = c.Scope;

        // Excel keeps formatted but empty columns and rows: three empty header cells, rows of bare separators inside and at the end.
        var file = Csv("excel.csv", Header + ";;;\r\n"
            + "A-1;Mottagning A;mottagning;Handkirurgi;lokal;elektiv;sällan;1286;3;;;;300;900;nej;;;;;\r\n"
            + ";;;;;;;;;;;;;;;;;;;\r\n"
            + "A-2;Mottagning B;mottagning;Reumatologi;lokal;elektiv;frekvent;1280;4;;;;800;2400;nej;;;;;\r\n"
            + ";;;;;;;;;;;;;;;;;;;\r\n;;;;;;;;;;;;;;;;;;;\r\n ; ;\r\n", bom: true);
        var result = await c.Importer.ImportAsync(Skane, 2031, file, c.Planner);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(["A-1", "A-2"], (await c.Registers.GetAsync(Skane, 2031))!.Units.Select(u => u.Key));

        // A value beyond the header's columns is still refused, and an empty column between named ones is still unknown.
        var extra = await c.Importer.ImportAsync(Skane, 2032, Csv("extra.csv", Header + ";;\n"
            + "A-1;Mottagning A;mottagning;Handkirurgi;lokal;elektiv;sällan;1286;3;;;;300;900;nej;;;;x\n"), c.Planner);
        Assert.Equal("extra.csv: row 2: the row has 19 fields but the header has 17; in a comma-separated file a decimal comma must be inside quotes, or use semicolons",
            Assert.Single(extra.Errors).ToString());
        var gap = await c.Importer.ImportAsync(Skane, 2032, Csv("gap.csv", "nyckel;;" + Header[7..] + "\n"), c.Planner);
        Assert.Contains(gap.Errors, e => e.Location == "row 1, column 2 ()" && e.Message.StartsWith("unknown column ''"));
        Assert.Null(await c.Registers.GetAsync(Skane, 2032));
    }
}
