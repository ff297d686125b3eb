using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Organisation;
using static Styra.Features.CareOffer.CareLevel;
using static Styra.Features.CareOffer.CareMode;
using static Styra.Features.CareOffer.CareNeed;
using static Styra.Features.CareOffer.CareUnitKind;

namespace Styra.Features.CareOffer;

/// <summary>
/// A fictitious care-offer register for Region Skåne, 2025 and 2026: every unit's name begins with "Demo" and every
/// figure is made up, so that nobody mistakes it for Skåne's real care offer. It is plausible in shape (a vårdcentral
/// in nearly every municipality, hospital clinics in the larger towns) and made to give each principle check
/// something to find with Skåne's default settings:
/// robustness (outpatient clinics with fewer than three specialists: the hand surgery clinics in Ystad and
/// Kristianstad, rheumatology in Simrishamn); small volumes (hand surgery, rheumatology and dermatology units under
/// their specialty's threshold); proximity (Diabetesvård, a frequent need, only at a regional unit in Lund);
/// concentration (Handkirurgi and Cancergenetik, rare needs spread over several units with under 500 patients each);
/// primary care as hub (no vårdcentral in Perstorp and Östra Göinge); preparedness (the emergency unit in Ystad and
/// the dialysis unit in Landskrona are essential but have no continuity plan).
/// </summary>
public static class DemoCareOffer
{
    public const string Source = "Demo: fiktivt vårdutbud";
    public static readonly RegionCode Skane = new("12");

    private static CareUnitData U(string key, string name, CareUnitKind kind, string specialty, CareLevel level, CareMode mode, CareNeed need,
        string municipality, int specialists, int patients, int visits, int? otherStaff = null, string? plan = null, bool essential = false) =>
        new(key, name, kind, specialty, level, mode, need, municipality, specialists, null, otherStaff, null, patients, visits,
            essential || plan is not null, plan, null);

    private static CareUnitData Vc(string key, string place, string municipality, int specialists, int patients, int otherStaff) =>
        U(key, $"Demo Vårdcentral {place}", PrimaryCareCentre, "Allmänmedicin", Primary, Both, Frequent, municipality, specialists, patients,
            patients * 5 / 2, otherStaff) with { SpecialistPhysicianFte = specialists - 0.5m };

    /// <summary>The 2025 register.</summary>
    public static IReadOnlyList<CareUnitData> Units2025 { get; } =
    [
        // Vårdcentraler: every municipality but Perstorp (1275) and Östra Göinge (1256).
        Vc("SKD-VC-SVALOV", "Svalöv", "1214", 4, 9_200, 18),
        Vc("SKD-VC-STAFFANSTORP", "Staffanstorp", "1230", 5, 11_800, 22),
        Vc("SKD-VC-ARLOV", "Arlöv", "1231", 5, 10_900, 20),
        Vc("SKD-VC-VELLINGE", "Vellinge", "1233", 6, 12_400, 24),
        Vc("SKD-VC-ORKELLJUNGA", "Örkelljunga", "1257", 3, 8_100, 14),
        Vc("SKD-VC-BJUV", "Bjuv", "1260", 4, 8_900, 16),
        Vc("SKD-VC-KAVLINGE", "Kävlinge", "1261", 6, 13_200, 25),
        Vc("SKD-VC-LOMMA", "Lomma", "1262", 5, 11_500, 21),
        Vc("SKD-VC-SVEDALA", "Svedala", "1263", 5, 10_300, 19),
        Vc("SKD-VC-SKURUP", "Skurup", "1264", 4, 9_000, 17),
        Vc("SKD-VC-SJOBO", "Sjöbo", "1265", 4, 9_600, 18),
        Vc("SKD-VC-HORBY", "Hörby", "1266", 4, 8_800, 16),
        Vc("SKD-VC-HOOR", "Höör", "1267", 4, 9_400, 17),
        Vc("SKD-VC-TOMELILLA", "Tomelilla", "1270", 3, 8_300, 15),
        Vc("SKD-VC-BROMOLLA", "Bromölla", "1272", 3, 8_200, 15),
        Vc("SKD-VC-OSBY", "Osby", "1273", 3, 8_400, 15),
        Vc("SKD-VC-KLIPPAN", "Klippan", "1276", 4, 9_800, 18),
        Vc("SKD-VC-ASTORP", "Åstorp", "1277", 4, 9_500, 17),
        Vc("SKD-VC-BASTAD", "Båstad", "1278", 4, 8_700, 16),
        Vc("SKD-VC-MALMO-CENTRUM", "Malmö Centrum", "1280", 8, 14_800, 30),
        Vc("SKD-VC-MALMO-SODERVARN", "Malmö Södervärn", "1280", 7, 13_900, 28),
        Vc("SKD-VC-MALMO-ROSENGARD", "Malmö Rosengård", "1280", 7, 14_200, 29),
        Vc("SKD-VC-LUND-NORR", "Lund Norr", "1281", 7, 13_600, 27),
        Vc("SKD-VC-LUND-SODER", "Lund Söder", "1281", 6, 12_900, 25),
        Vc("SKD-VC-LANDSKRONA", "Landskrona", "1282", 6, 12_700, 24),
        Vc("SKD-VC-HELSINGBORG-CENTRUM", "Helsingborg Centrum", "1283", 8, 14_600, 30),
        Vc("SKD-VC-HELSINGBORG-DROTTNINGHOG", "Helsingborg Drottninghög", "1283", 6, 13_100, 26),
        Vc("SKD-VC-HOGANAS", "Höganäs", "1284", 5, 11_900, 22),
        Vc("SKD-VC-ESLOV", "Eslöv", "1285", 5, 12_200, 23),
        Vc("SKD-VC-YSTAD", "Ystad", "1286", 5, 11_400, 21),
        Vc("SKD-VC-TRELLEBORG", "Trelleborg", "1287", 6, 12_800, 24),
        Vc("SKD-VC-KRISTIANSTAD", "Kristianstad", "1290", 7, 13_800, 27),
        Vc("SKD-VC-SIMRISHAMN", "Simrishamn", "1291", 4, 9_900, 18),
        Vc("SKD-VC-ANGELHOLM", "Ängelholm", "1292", 6, 12_600, 24),
        Vc("SKD-VC-HASSLEHOLM", "Hässleholm", "1293", 6, 12_500, 24),

        // Emergency care: essential for preparedness; Ystad's continuity plan is missing.
        U("SKD-AKUT-MAL", "Demo Akutklinik Malmö", Clinic, "Akutsjukvård", Regional, Acute, Frequent, "1280", 46, 61_000, 78_000, 210, "KP-2025-001"),
        U("SKD-AKUT-LUND", "Demo Akutklinik Lund", Clinic, "Akutsjukvård", Regional, Acute, Frequent, "1281", 41, 55_000, 70_000, 190, "KP-2025-002"),
        U("SKD-AKUT-HBG", "Demo Akutmottagning Helsingborg", Clinic, "Akutsjukvård", Local, Acute, Frequent, "1283", 30, 48_000, 60_000, 150, "KP-2025-004"),
        U("SKD-AKUT-KRI", "Demo Akutmottagning Kristianstad", Clinic, "Akutsjukvård", Local, Acute, Frequent, "1290", 24, 39_000, 47_000, 120, "KP-2025-005"),
        U("SKD-AKUT-YST", "Demo Akutmottagning Ystad", Clinic, "Akutsjukvård", Local, Acute, Frequent, "1286", 14, 24_000, 29_000, 70, essential: true),
        U("SKD-AKUT-TRB", "Demo Akutmottagning Trelleborg", Clinic, "Akutsjukvård", Local, Acute, Frequent, "1287", 10, 19_000, 22_500, 55, "KP-2025-006"),
        U("SKD-AKUT-ANG", "Demo Akutmottagning Ängelholm", Clinic, "Akutsjukvård", Local, Acute, Frequent, "1292", 9, 17_500, 20_000, 50, "KP-2025-007"),

        // Specialised care at the hospitals.
        U("SKD-MED-KRI", "Demo Medicinklinik Kristianstad", Clinic, "Internmedicin", Local, Both, Frequent, "1290", 28, 21_000, 52_000, 160, "KP-2025-008"),
        U("SKD-MED-HBG", "Demo Medicinklinik Helsingborg", Clinic, "Internmedicin", Local, Both, Frequent, "1283", 32, 24_500, 61_000, 180, "KP-2025-009"),
        U("SKD-KARD-LUND", "Demo Kardiologiklinik Lund", Clinic, "Kardiologi", Regional, Both, Frequent, "1281", 38, 18_000, 46_000, 170, "KP-2025-010"),
        U("SKD-KARD-YST", "Demo Hjärtmottagning Ystad", OutpatientClinic, "Kardiologi", Local, Elective, Frequent, "1286", 4, 3_900, 9_800, 12),
        U("SKD-ORT-HLM", "Demo Ortopedklinik Hässleholm", Clinic, "Ortopedi", Local, Elective, Frequent, "1293", 16, 9_800, 21_000, 75),
        U("SKD-ORT-MAL", "Demo Ortopedklinik Malmö", Clinic, "Ortopedi", Regional, Both, Frequent, "1280", 34, 19_500, 44_000, 140, "KP-2025-011"),
        U("SKD-BARN-MAL", "Demo Barn- och ungdomsmedicin Malmö", Clinic, "Barn- och ungdomsmedicin", Regional, Both, Frequent, "1280", 27, 16_000, 38_000, 130, "KP-2025-012"),
        U("SKD-BARN-KRI", "Demo Barnmottagning Kristianstad", OutpatientClinic, "Barn- och ungdomsmedicin", Local, Elective, Frequent, "1290", 6, 5_200, 12_400, 20),
        U("SKD-PSYK-ESL", "Demo Psykiatrimottagning Eslöv", OutpatientClinic, "Psykiatri", Local, Elective, Frequent, "1285", 6, 2_900, 14_500, 24),
        U("SKD-PSYK-LUND", "Demo Psykiatriklinik Lund", Clinic, "Psykiatri", Regional, Both, Frequent, "1281", 30, 9_400, 41_000, 150, "KP-2025-013"),
        U("SKD-THOR-LUND", "Demo Thoraxkirurgi Lund", Clinic, "Thoraxkirurgi", National, Both, Rare, "1281", 18, 2_400, 5_600, 95, "KP-2025-014"),

        // Hand surgery: rare need spread over three small clinics (two of them with two specialists) beside Malmö's clinic.
        U("SKD-HAND-YST", "Demo Handkirurgisk mottagning Ystad", OutpatientClinic, "Handkirurgi", Local, Elective, Rare, "1286", 2, 300, 900),
        U("SKD-HAND-KRI", "Demo Handkirurgisk mottagning Kristianstad", OutpatientClinic, "Handkirurgi", Local, Elective, Rare, "1290", 2, 280, 800),
        U("SKD-HAND-HBG", "Demo Handkirurgisk mottagning Helsingborg", OutpatientClinic, "Handkirurgi", Local, Elective, Rare, "1283", 3, 450, 1_400),
        U("SKD-HAND-MAL", "Demo Handkirurgi Malmö", Clinic, "Handkirurgi", Regional, Both, Rare, "1280", 6, 1_800, 5_200, plan: "KP-2025-003"),

        // Rheumatology (threshold 800 patients): Simrishamn is small and has one specialist.
        U("SKD-REUM-LUND", "Demo Reumatologimottagning Lund", OutpatientClinic, "Reumatologi", Regional, Elective, Frequent, "1281", 8, 5_200, 14_800, 22),
        U("SKD-REUM-KRI", "Demo Reumatologimottagning Kristianstad", OutpatientClinic, "Reumatologi", Local, Elective, Frequent, "1290", 3, 1_100, 3_600, 6),
        U("SKD-REUM-SIM", "Demo Reumatologimottagning Simrishamn", OutpatientClinic, "Reumatologi", Local, Elective, Frequent, "1291", 1, 420, 1_300, 2),

        // Dermatology (threshold 1 500 patients): Ystad is under it.
        U("SKD-HUD-MAL", "Demo Hudklinik Malmö", OutpatientClinic, "Hudsjukdomar", Regional, Elective, Frequent, "1280", 9, 7_800, 16_500, 26),
        U("SKD-HUD-HBG", "Demo Hudmottagning Helsingborg", OutpatientClinic, "Hudsjukdomar", Local, Elective, Frequent, "1283", 4, 3_200, 6_900, 10),
        U("SKD-HUD-YST", "Demo Hudmottagning Ystad", OutpatientClinic, "Hudsjukdomar", Local, Elective, Frequent, "1286", 3, 900, 2_100, 4),

        // Diabetes care, a frequent need, offered only at a regional unit.
        U("SKD-DIAB-LUND", "Demo Diabetescentrum Lund", OutpatientClinic, "Diabetesvård", Regional, Elective, Frequent, "1281", 5, 4_200, 11_800, 18),

        // Cancer genetics, a rare need, at three small units.
        U("SKD-CGEN-LUND", "Demo Cancergenetisk mottagning Lund", OutpatientClinic, "Cancergenetik", Regional, Elective, Rare, "1281", 3, 320, 700, 5),
        U("SKD-CGEN-MAL", "Demo Cancergenetisk mottagning Malmö", OutpatientClinic, "Cancergenetik", Regional, Elective, Rare, "1280", 3, 260, 560, 4),
        U("SKD-CGEN-HBG", "Demo Cancergenetisk mottagning Helsingborg", OutpatientClinic, "Cancergenetik", Regional, Elective, Rare, "1283", 3, 180, 390, 3),

        // Dialysis: essential, without a continuity plan.
        U("SKD-DIAL-LSK", "Demo Dialysmottagning Landskrona", OutpatientClinic, "Njurmedicin", Local, Elective, Frequent, "1282", 3, 140, 10_900, 28, essential: true),
        U("SKD-NJUR-LUND", "Demo Njurmedicinsk klinik Lund", Clinic, "Njurmedicin", Regional, Both, Frequent, "1281", 14, 3_100, 24_000, 90, "KP-2025-015"),
    ];

    /// <summary>
    /// 2026: the 2025 register with a few changes — a vårdcentral opened in Malmö (Hyllie) and one closed (Södervärn,
    /// its patients to Hyllie), more specialists in Trelleborg's emergency unit and in Kristianstad's rheumatology,
    /// and dermatology in Ystad down to two specialists.
    /// </summary>
    public static IReadOnlyList<CareUnitData> Units2026 { get; } =
    [
        .. Units2025.Where(u => u.Key != "SKD-VC-MALMO-SODERVARN").Select(u => u.Key switch
        {
            "SKD-AKUT-TRB" => u with { SpecialistPhysicians = 12, PatientsPerYear = 19_800, VisitsPerYear = 23_400 },
            "SKD-REUM-KRI" => u with { SpecialistPhysicians = 4, PatientsPerYear = 1_250, VisitsPerYear = 4_000 },
            "SKD-HUD-YST" => u with { SpecialistPhysicians = 2, PatientsPerYear = 820, VisitsPerYear = 1_900, Note = "En specialist gick i pension 2026; rekrytering pågår." },
            _ => u,
        }),
        Vc("SKD-VC-MALMO-HYLLIE", "Malmö Hyllie", "1280", 7, 14_500, 29) with { Note = "Öppnade 2026; tog över Södervärns listade patienter." },
    ];

    public static async Task LoadAsync(StyraDbContext db, CancellationToken ct)
    {
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == Skane, ct);
        if (region is null || await db.CareOfferRegisters.AnyAsync(r => r.RegionId == region.Id, ct)) return;
        var municipalities = await CareOfferRegisters.MunicipalitiesAsync(db, Skane, ct);
        foreach (var (year, units) in new[] { (2025, Units2025), (2026, Units2026) })
        {
            var register = new CareOfferRegister(region, year, Source, isDemo: true)
            {
                UpdatedAt = new DateTimeOffset(year - 1, 12, 15, 9, 0, 0, TimeSpan.Zero),
                UpdatedBy = "demo",
            };
            var keys = new List<string>();
            foreach (var unit in units)
            {
                var problems = CareOfferRegisters.Validate(unit, keys, municipalities);
                if (problems.Count > 0)
                    throw new InvalidOperationException($"The demo care unit {unit.Key} is invalid: {string.Join(" ", problems.Select(p => p.English))}");
                keys.Add(unit.Key);
                register.Units.Add(new CareUnit(register, unit));
            }
            db.CareOfferRegisters.Add(register);
        }
        await db.SaveChangesAsync(ct);
    }
}
