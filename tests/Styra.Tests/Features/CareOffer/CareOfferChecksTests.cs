using Styra.Features.CareOffer;

namespace Styra.Tests.Features.CareOffer;

/// <summary>Each principle check just inside and just outside its threshold, on plain unit data.</summary>
public sealed class CareOfferChecksTests
{
    internal static readonly IReadOnlyList<(string Id, string Name)> Municipalities = [("1280", "Malmö"), ("1286", "Ystad"), ("1275", "Perstorp")];

    internal static CareUnitData Unit(string key, string name, CareUnitKind kind = CareUnitKind.OutpatientClinic, string specialty = "Hudsjukdomar",
        CareLevel level = CareLevel.Local, CareNeed need = CareNeed.Frequent, string municipality = "1280", int specialists = 5, int patients = 5000,
        bool essential = false, string? reference = null) =>
        new(key, name, kind, specialty, level, CareMode.Elective, need, municipality, specialists, null, null, null, patients, patients * 3, essential, reference, null);

    /// <summary>Malmö, Ystad and Perstorp each with a vårdcentral: the hub check finds nothing unless a test leaves one out.</summary>
    internal static IEnumerable<CareUnitData> Hubs() =>
        Municipalities.Select(m => Unit($"VC-{m.Id}", $"Vårdcentral {m.Name}", CareUnitKind.PrimaryCareCentre, "Allmänmedicin", CareLevel.Primary, municipality: m.Id, patients: 9000));

    internal static CareOfferRules Only(CareOfferCheck check, int? threshold = null, int? second = null, IReadOnlyDictionary<string, int>? specialties = null) =>
        new(CareOfferCheckSettings.Defaults.Checks.Select(c => c.Check == check
            ? c with { Threshold = threshold ?? c.Threshold, SecondThreshold = second ?? c.SecondThreshold }
            : c with { Enabled = false }).ToList(), specialties ?? new Dictionary<string, int>());

    private static IReadOnlyList<Finding> Run(CareOfferRules rules, params CareUnitData[] units) => CareOfferChecks.Run([.. Hubs(), .. units], rules, Municipalities);

    [Fact]
    public void Robustness_ThreeSpecialistsAreRobust_TwoAreAFinding_WithTheFiguresAndThePrinciple()
    {
        var findings = Run(Only(CareOfferCheck.Robustness),
            Unit("A", "Demo Hudmottagning Malmö", specialists: 3),
            Unit("B", "Demo Hudmottagning Ystad", specialists: 2),
            // Not a specialised outpatient clinic at a specialised level: not this principle's concern.
            Unit("C", "Demo Hudmottagning Primär", level: CareLevel.Primary, specialists: 1),
            Unit("D", "Demo Hudklinik", kind: CareUnitKind.Clinic, specialists: 1));
        var f = Assert.Single(findings);
        Assert.Equal((CareOfferCheck.Robustness, "B", 2, 3), (f.Check, f.SubjectKey, f.Measured, f.Threshold));
        Assert.Equal("Demo Hudmottagning Ystad har 2 specialistläkare; principen kräver minst 3.", f.Swedish);
        Assert.Equal("Demo Hudmottagning Ystad has 2 specialist physicians; the principle requires at least 3.", f.English);
        Assert.Equal("Robusthet", f.Principle.Title);
        Assert.StartsWith("Utgångspunkten är att det skall finnas minst tre specialistläkare", f.Principle.Text);
        Assert.Equal(("strategi-framtidens-halsosystem", "princip-robusthet"), (f.Principle.PlanKey, f.Principle.NodeKey));
    }

    [Fact]
    public void SmallVolume_AtTheSpecialtysThresholdIsFine_OneBelowIsAFinding_MatchedWhateverTheCase()
    {
        var rules = Only(CareOfferCheck.SmallVolume, specialties: new Dictionary<string, int> { ["Handkirurgi"] = 1000 });
        var findings = Run(rules,
            Unit("H1", "Hand Malmö", specialty: "Handkirurgi", patients: 1000),
            Unit("H2", "Hand Ystad", specialty: " handkirurgi ", patients: 999),
            // No threshold for the specialty and no general one: not checked, however small.
            Unit("R1", "Reuma Ystad", specialty: "Reumatologi", patients: 10));
        var f = Assert.Single(findings);
        Assert.Equal(("H2", 999, 1000), (f.SubjectKey, f.Measured, f.Threshold));
        Assert.Equal("Hand Ystad har 999 patienter per år; gränsen för handkirurgi är minst 1\u00a0000.", f.Swedish);

        // A general threshold covers the specialties without their own; the vårdcentraler (9 000 patients) pass it too.
        var general = Only(CareOfferCheck.SmallVolume, threshold: 11, specialties: new Dictionary<string, int> { ["Handkirurgi"] = 1000 });
        Assert.Equal(["H2", "R1"], Run(general, Unit("H2", "Hand Ystad", specialty: "Handkirurgi", patients: 999), Unit("R1", "Reuma Ystad", specialty: "Reumatologi", patients: 10),
            Unit("R2", "Reuma Malmö", specialty: "Reumatologi", patients: 11)).Select(x => x.SubjectKey));
    }

    [Fact]
    public void Proximity_FrequentCareOnlyRegional_IsAFinding_OneLocalUnitIsEnough()
    {
        var regionalOnly = Run(Only(CareOfferCheck.Proximity),
            Unit("D1", "Diabetes Malmö", specialty: "Diabetes", level: CareLevel.Regional),
            Unit("D2", "Diabetes Lund", specialty: "Diabetes", level: CareLevel.National),
            // Rare need at regional level is as the principle wants it.
            Unit("X1", "Sällsynt Lund", specialty: "Sällsynt", level: CareLevel.Regional, need: CareNeed.Rare));
        var f = Assert.Single(regionalOnly);
        Assert.Equal(("specialty:diabetes", "Diabetes"), (f.SubjectKey, f.SubjectName));
        Assert.Equal(["D2", "D1"], f.UnitKeys);
        Assert.Contains("Diabetes Lund, Diabetes Malmö", f.Swedish);
        Assert.Equal("princip-narhet", f.Principle.NodeKey);

        Assert.Empty(Run(Only(CareOfferCheck.Proximity),
            Unit("D1", "Diabetes Malmö", specialty: "Diabetes", level: CareLevel.Regional),
            Unit("D3", "Diabetes Ystad", specialty: "Diabetes", level: CareLevel.Local)));
    }

    [Fact]
    public void Concentration_ThreeSmallRareUnitsAreAFinding_TwoAreNot_AndFiveHundredPatientsIsNotSmall()
    {
        CareUnitData Rare(string key, int patients) => Unit(key, $"Hand {key}", specialty: "Handkirurgi", need: CareNeed.Rare, patients: patients);
        var three = Run(Only(CareOfferCheck.Concentration), Rare("A", 499), Rare("B", 300), Rare("C", 100), Rare("D", 2000));
        var f = Assert.Single(three);
        Assert.Equal(("specialty:handkirurgi", 3, 3), (f.SubjectKey, f.Measured, f.Threshold));
        Assert.Equal(["A", "B", "C"], f.UnitKeys);
        Assert.Contains("spridd på 3 enheter med färre än 500 patienter", f.Swedish);

        Assert.Empty(Run(Only(CareOfferCheck.Concentration), Rare("A", 499), Rare("B", 300)));
        Assert.Empty(Run(Only(CareOfferCheck.Concentration), Rare("A", 499), Rare("B", 300), Rare("C", 500)));
        // Frequent-need units are not concentration's concern, however small.
        Assert.Empty(Run(Only(CareOfferCheck.Concentration), Unit("F1", "F1", need: CareNeed.Frequent, patients: 1),
            Unit("F2", "F2", need: CareNeed.Frequent, patients: 1), Unit("F3", "F3", need: CareNeed.Frequent, patients: 1)));
    }

    [Fact]
    public void PrimaryCareHub_AMunicipalityWithoutAVardcentral_IsAFinding_APrimaryLevelUnitCounts()
    {
        var units = new[]
        {
            Unit("VC-1280", "Vårdcentral Malmö", CareUnitKind.PrimaryCareCentre, "Allmänmedicin", CareLevel.Primary, municipality: "1280"),
            // Not a vårdcentral, but primary care: Ystad is served.
            Unit("NV-1286", "Nära vård Ystad", CareUnitKind.Other, "Allmänmedicin", CareLevel.Primary, municipality: "1286"),
            // A hospital clinic in Perstorp does not make primary care.
            Unit("K-1275", "Klinik Perstorp", CareUnitKind.Clinic, "Internmedicin", CareLevel.Local, municipality: "1275"),
        };
        var f = Assert.Single(CareOfferChecks.Run(units, Only(CareOfferCheck.PrimaryCareHub), Municipalities));
        Assert.Equal(("1275", "Perstorp"), (f.SubjectKey, f.SubjectName));
        Assert.StartsWith("Perstorp kommun har ingen vårdcentral", f.Swedish);
        Assert.Equal("Primärvård och Nära vård", f.Principle.Title);

        Assert.Empty(CareOfferChecks.Run([.. units, Unit("VC-1275", "Vårdcentral Perstorp", CareUnitKind.PrimaryCareCentre, "Allmänmedicin", CareLevel.Primary, municipality: "1275")],
            Only(CareOfferCheck.PrimaryCareHub), Municipalities));
    }

    [Fact]
    public void Preparedness_AnEssentialUnitWithoutAPlanReference_IsAFinding_ABlankReferenceCountsAsMissing()
    {
        var findings = Run(Only(CareOfferCheck.Preparedness),
            Unit("E1", "Akut Malmö", essential: true, reference: "KP-2025-01"),
            Unit("E2", "Akut Ystad", essential: true, reference: null),
            Unit("E3", "Akut Lund", essential: true, reference: "   "),
            Unit("N1", "Hud Lund", essential: false, reference: null));
        Assert.Equal(["E3", "E2"], findings.Select(f => f.SubjectKey));
        Assert.Equal("Akut Ystad är nödvändig för beredskapen men saknar hänvisning till en kontinuitetsplan.", findings[1].Swedish);
    }

    [Fact]
    public void TheSpecialtysName_DoesNotDependOnTheOrderOfTheUnits()
    {
        // The same specialty written two ways; the unit first by key gives the name, whatever order the database returns.
        CareUnitData[] units =
        [
            Unit("B", "Diabetes Lund", specialty: "diabetes", level: CareLevel.Regional, need: CareNeed.Rare, patients: 10),
            Unit("A", "Diabetes Malmö", specialty: "Diabetes", level: CareLevel.Regional, need: CareNeed.Rare, patients: 10),
            Unit("C", "Diabetes Ystad", specialty: "DIABETES", level: CareLevel.Regional, need: CareNeed.Rare, patients: 10),
        ];
        var frequent = units.Select(u => u with { Need = CareNeed.Frequent }).ToArray();
        foreach (var order in new[] { units, units.AsEnumerable().Reverse().ToArray() })
            Assert.Equal("Diabetes", Assert.Single(Run(Only(CareOfferCheck.Concentration), order)).SubjectName);
        foreach (var order in new[] { frequent, frequent.AsEnumerable().Reverse().ToArray() })
            Assert.Equal("Diabetes", Assert.Single(Run(Only(CareOfferCheck.Proximity), order)).SubjectName);
    }

    [Fact]
    public void ACheckWithoutThresholdsOrMunicipalities_SaysItTestsNothing()
    {
        var rules = CareOfferCheckSettings.Defaults;
        // The defaults have no general small-volume threshold and no specialty thresholds: nothing is measured.
        Assert.StartsWith("Inga gränser satta – kontrollen prövar inget", CareOfferChecks.Untested(rules.Rule(CareOfferCheck.SmallVolume), rules, 33)!.Swedish);
        Assert.Null(CareOfferChecks.Untested(rules.Rule(CareOfferCheck.SmallVolume), rules with { SpecialtyThresholds = new Dictionary<string, int> { ["Handkirurgi"] = 1000 } }, 33));
        Assert.Null(CareOfferChecks.Untested(rules.Rule(CareOfferCheck.SmallVolume) with { Threshold = 100 }, rules, 33));
        Assert.StartsWith("No municipalities known for the region", CareOfferChecks.Untested(rules.Rule(CareOfferCheck.PrimaryCareHub), rules, 0)!.English);
        Assert.Null(CareOfferChecks.Untested(rules.Rule(CareOfferCheck.PrimaryCareHub), rules, 33));
        Assert.Null(CareOfferChecks.Untested(rules.Rule(CareOfferCheck.PrimaryCareHub) with { Enabled = false }, rules, 0));
        Assert.All(rules.Checks.Where(c => c.Check is not (CareOfferCheck.SmallVolume or CareOfferCheck.PrimaryCareHub)), c => Assert.Null(CareOfferChecks.Untested(c, rules, 0)));
    }

    [Fact]
    public void ADisabledCheck_FindsNothing_AndTheThresholdsAreTheRegions()
    {
        var small = Unit("B", "Demo Hudmottagning Ystad", specialists: 2);
        var none = new CareOfferRules(CareOfferCheckSettings.Defaults.Checks.Select(c => c with { Enabled = false }).ToList(), new Dictionary<string, int>());
        Assert.Empty(CareOfferChecks.Run([small, Unit("E", "E", essential: true)], none, Municipalities));

        Assert.Single(Run(Only(CareOfferCheck.Robustness), small));
        Assert.Empty(Run(Only(CareOfferCheck.Robustness, threshold: 2), small));
        Assert.Equal(4, Assert.Single(Run(Only(CareOfferCheck.Robustness, threshold: 4), Unit("A", "A", specialists: 3))).Threshold);
    }

    [Fact]
    public void Findings_AreOrderedByCheck_ThenByNameInSwedishOrder()
    {
        var findings = CareOfferChecks.Run(
            [Unit("Z", "Örkelljunga hud", specialists: 1), Unit("Y", "Ängelholm hud", specialists: 1), Unit("X", "Ystad hud", specialists: 1, essential: true)],
            CareOfferCheckSettings.Defaults, [("1280", "Malmö"), ("1257", "Örkelljunga"), ("1292", "Ängelholm")]);
        Assert.Equal([CareOfferCheck.Robustness, CareOfferCheck.Robustness, CareOfferCheck.Robustness, CareOfferCheck.PrimaryCareHub,
            CareOfferCheck.PrimaryCareHub, CareOfferCheck.PrimaryCareHub, CareOfferCheck.Preparedness], findings.Select(f => f.Check));
        Assert.Equal(["Ystad hud", "Ängelholm hud", "Örkelljunga hud"], findings.Take(3).Select(f => f.SubjectName));
        Assert.Equal(["Malmö", "Ängelholm", "Örkelljunga"], findings.Skip(3).Take(3).Select(f => f.SubjectName));
    }
}
