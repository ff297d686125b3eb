using System.Globalization;
using Styra.Features.Organisation;

namespace Styra.Features.CareOffer;

/// <summary>
/// The principle a finding cites: its title, the text quoted from the region's document, and where the principle stands
/// in the region's plans (a plan key and a node key), so that a page can link to it.
/// </summary>
public sealed record PrincipleCitation(string Title, string Text, string? PlanKey, string? NodeKey);

/// <summary>One check as the region has set it: whether it runs, its thresholds, and the principle its findings cite.</summary>
public sealed record CheckRule(CareOfferCheck Check, bool Enabled, int? Threshold, int? SecondThreshold, PrincipleCitation Principle);

/// <summary>
/// A region's settings of the principle checks as plain values: one rule per check, and the smallest yearly patient
/// volume per specialty (keys compared case-insensitively, trimmed).
/// </summary>
public sealed record CareOfferRules(IReadOnlyList<CheckRule> Checks, IReadOnlyDictionary<string, int> SpecialtyThresholds)
{
    public CheckRule Rule(CareOfferCheck check) => Checks.Single(c => c.Check == check);

    public int? SpecialtyThreshold(string specialty) =>
        SpecialtyThresholds.FirstOrDefault(p => string.Equals(p.Key.Trim(), specialty.Trim(), StringComparison.OrdinalIgnoreCase)) is { Key: not null } hit
            ? hit.Value : null;
}

/// <summary>Why a check that runs cannot find anything (see <see cref="CareOfferChecks.Untested"/>).</summary>
public sealed record UntestedReason(string Swedish, string English);

/// <summary>
/// What a check found. <see cref="SubjectKey"/> identifies what the finding is about across two runs (a unit's key, a
/// municipality's id, or "specialty:" and the specialty in lower case), so a proposal's before and after can be matched;
/// <see cref="UnitKeys"/> are the units concerned. The messages carry the measured value and the threshold.
/// </summary>
public sealed record Finding(
    CareOfferCheck Check,
    string SubjectKey,
    string SubjectName,
    IReadOnlyList<string> UnitKeys,
    string Swedish,
    string English,
    int? Measured,
    int? Threshold,
    PrincipleCitation Principle);

/// <summary>
/// The principle checks (Skåne's Bilaga 1, "Regionala vägledande principer för planering av vårdutbud") run on one
/// year's units. Pure: the same units and rules give the same findings, in the same order — by check, then by the
/// subject's name in Swedish order.
/// </summary>
public static class CareOfferChecks
{
    private static readonly CultureInfo Sv = new("sv-SE");

    public static IReadOnlyList<Finding> Run(IReadOnlyList<CareUnitData> units, CareOfferRules rules, IReadOnlyList<(string Id, string Name)> municipalities)
    {
        var findings = new List<Finding>();
        foreach (var rule in rules.Checks.Where(r => r.Enabled).OrderBy(r => r.Check))
        {
            var found = rule.Check switch
            {
                CareOfferCheck.Robustness => Robustness(units, rule),
                CareOfferCheck.SmallVolume => SmallVolume(units, rule, rules),
                CareOfferCheck.Proximity => Proximity(units, rule),
                CareOfferCheck.Concentration => Concentration(units, rule),
                CareOfferCheck.PrimaryCareHub => PrimaryCareHub(units, rule, municipalities),
                CareOfferCheck.Preparedness => Preparedness(units, rule),
                _ => [],
            };
            findings.AddRange(found.OrderBy(f => f.SubjectName, SwedishOrder.Comparer).ThenBy(f => f.SubjectKey, StringComparer.Ordinal));
        }
        return findings;
    }

    /// <summary>A specialised outpatient clinic (not primary care) with fewer specialist physicians than the threshold.</summary>
    private static IEnumerable<Finding> Robustness(IReadOnlyList<CareUnitData> units, CheckRule rule)
    {
        if (rule.Threshold is not { } min) yield break;
        foreach (var u in units.Where(u => u.Kind == CareUnitKind.OutpatientClinic && u.Level != CareLevel.Primary && u.SpecialistPhysicians < min))
            yield return new(rule.Check, u.Key, u.Name, [u.Key],
                $"{u.Name} har {N(u.SpecialistPhysicians)} specialistläkare; principen kräver minst {N(min)}.",
                $"{u.Name} has {N(u.SpecialistPhysicians)} specialist physician{(u.SpecialistPhysicians == 1 ? "" : "s")}; the principle requires at least {N(min)}.",
                u.SpecialistPhysicians, min, rule.Principle);
    }

    /// <summary>Any unit (of any kind) with fewer patients a year than its specialty's threshold, or the general one when set.</summary>
    private static IEnumerable<Finding> SmallVolume(IReadOnlyList<CareUnitData> units, CheckRule rule, CareOfferRules rules)
    {
        foreach (var u in units)
        {
            var own = rules.SpecialtyThreshold(u.Specialty);
            if ((own ?? rule.Threshold) is not { } min || u.PatientsPerYear >= min) continue;
            var basis = own is null ? ("regionens allmänna gräns", "the region's general threshold") : ($"gränsen för {u.Specialty.Trim()}", $"the threshold for {u.Specialty.Trim()}");
            yield return new(rule.Check, u.Key, u.Name, [u.Key],
                $"{u.Name} har {N(u.PatientsPerYear)} patienter per år; {basis.Item1} är minst {N(min)}.",
                $"{u.Name} has {N(u.PatientsPerYear)} patients a year; {basis.Item2} is at least {N(min)}.",
                u.PatientsPerYear, min, rule.Principle);
        }
    }

    /// <summary>A specialty with frequent-need units none of which is at primary or local level.</summary>
    private static IEnumerable<Finding> Proximity(IReadOnlyList<CareUnitData> units, CheckRule rule)
    {
        foreach (var g in BySpecialty(units.Where(u => u.Need == CareNeed.Frequent)))
        {
            // By key, so that the specialty's name as written is the same whatever order the database returns the units in.
            var list = g.OrderBy(u => u.Key, StringComparer.Ordinal).ToList();
            if (list.Any(u => u.Level is CareLevel.Primary or CareLevel.Local)) continue;
            var specialty = list[0].Specialty;
            var names = Names(list);
            yield return new(rule.Check, SpecialtyKey(specialty), specialty, Keys(list),
                $"{specialty}: vård för ofta återkommande behov ges bara på regional eller nationell nivå ({names}); principen kräver att den finns nära – ingen enhet på primär- eller lokal nivå.",
                $"{specialty}: care for frequent, recurring needs is given only at regional or national level ({names}); the principle requires it near – no unit at primary or local level.",
                null, null, rule.Principle);
        }
    }

    /// <summary>A specialty's rare-need care spread over at least <c>Threshold</c> units with fewer than <c>SecondThreshold</c> patients each.</summary>
    private static IEnumerable<Finding> Concentration(IReadOnlyList<CareUnitData> units, CheckRule rule)
    {
        if (rule.Threshold is not { } maxUnits || rule.SecondThreshold is not { } small) yield break;
        foreach (var g in BySpecialty(units.Where(u => u.Need == CareNeed.Rare && u.PatientsPerYear < small)))
        {
            var list = g.OrderBy(u => u.Key, StringComparer.Ordinal).ToList();
            if (list.Count < maxUnits) continue;
            var specialty = list[0].Specialty;
            var names = Names(list);
            yield return new(rule.Check, SpecialtyKey(specialty), specialty, Keys(list),
                $"{specialty}: vård för sällan förekommande behov är spridd på {N(list.Count)} enheter med färre än {N(small)} patienter per år var ({names}); principen säger att den bör koncentreras (gränsen är {N(maxUnits)} sådana enheter).",
                $"{specialty}: care for rare needs is spread over {N(list.Count)} units with fewer than {N(small)} patients a year each ({names}); the principle says it should be concentrated (the threshold is {N(maxUnits)} such units).",
                list.Count, maxUnits, rule.Principle);
        }
    }

    /// <summary>A municipality of the region with no primary-care centre and no unit at primary level.</summary>
    private static IEnumerable<Finding> PrimaryCareHub(IReadOnlyList<CareUnitData> units, CheckRule rule, IReadOnlyList<(string Id, string Name)> municipalities)
    {
        var served = units.Where(u => u.Kind == CareUnitKind.PrimaryCareCentre || u.Level == CareLevel.Primary)
            .Select(u => u.MunicipalityId.Trim()).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, name) in municipalities.Where(m => !served.Contains(m.Id)))
            yield return new(rule.Check, id, name, [],
                $"{name} kommun har ingen vårdcentral eller annan enhet i primärvården i registret; principen säger att primärvården ska vara navet, nära invånaren.",
                $"{name} municipality has no primary-care centre or other primary-care unit in the register; the principle says primary care is the hub, near the residents.",
                null, null, rule.Principle);
    }

    /// <summary>A unit essential for preparedness without a continuity plan reference (a blank one counts as missing).</summary>
    private static IEnumerable<Finding> Preparedness(IReadOnlyList<CareUnitData> units, CheckRule rule)
    {
        foreach (var u in units.Where(u => u.EssentialForPreparedness && string.IsNullOrWhiteSpace(u.ContinuityPlanReference)))
            yield return new(rule.Check, u.Key, u.Name, [u.Key],
                $"{u.Name} är nödvändig för beredskapen men saknar hänvisning till en kontinuitetsplan.",
                $"{u.Name} is essential for preparedness but has no continuity plan reference.",
                null, null, rule.Principle);
    }

    /// <summary>
    /// Why an enabled check can find nothing whatever the register holds — no threshold to measure against, or no
    /// municipalities to look for — so that "no findings" is not read as "the register follows the principle". Null when
    /// the check tests something.
    /// </summary>
    public static UntestedReason? Untested(CheckRule rule, CareOfferRules rules, int municipalityCount)
    {
        if (!rule.Enabled) return null;
        var noThresholds = new UntestedReason("Inga gränser satta – kontrollen prövar inget. Ange gränserna i inställningarna.",
            "No thresholds set – the check tests nothing. Set the thresholds in the settings.");
        return rule.Check switch
        {
            CareOfferCheck.Robustness when rule.Threshold is null => noThresholds,
            CareOfferCheck.SmallVolume when rule.Threshold is null && rules.SpecialtyThresholds.Count == 0 => new(
                "Inga gränser satta – kontrollen prövar inget: regionen har varken en allmän gräns eller gränser per specialitet. Ange dem i inställningarna.",
                "No thresholds set – the check tests nothing: the region has neither a general threshold nor thresholds per specialty. Set them in the settings."),
            CareOfferCheck.Concentration when rule.Threshold is null || rule.SecondThreshold is null => noThresholds,
            CareOfferCheck.PrimaryCareHub when municipalityCount == 0 => new(
                "Inga kommuner kända för regionen – kontrollen prövar inget. Kommunerna hämtas från Koladas områden (kommunkoder som börjar med regionens kod); läs in dem först.",
                "No municipalities known for the region – the check tests nothing. The municipalities come from Kolada's areas (codes starting with the region's code); load them first."),
            _ => null,
        };
    }

    public static string SpecialtyKey(string specialty) => "specialty:" + specialty.Trim().ToLowerInvariant();

    private static IEnumerable<IGrouping<string, CareUnitData>> BySpecialty(IEnumerable<CareUnitData> units) =>
        units.Where(u => !string.IsNullOrWhiteSpace(u.Specialty)).GroupBy(u => u.Specialty.Trim().ToLowerInvariant());

    private static List<string> Keys(IEnumerable<CareUnitData> units) =>
        units.OrderBy(u => u.Name, SwedishOrder.Comparer).ThenBy(u => u.Key, StringComparer.Ordinal).Select(u => u.Key).ToList();

    private static string Names(IEnumerable<CareUnitData> units) =>
        string.Join(", ", units.OrderBy(u => u.Name, SwedishOrder.Comparer).ThenBy(u => u.Key, StringComparer.Ordinal).Select(u => u.Name));

    /// <summary>A count the Swedish way (9 000), the same in both languages' messages.</summary>
    public static string N(int value) => value.ToString("#,0", Sv);

    /// <summary>The check's name for people.</summary>
    public static string Name(CareOfferCheck check, bool english) => check switch
    {
        CareOfferCheck.Robustness => english ? "Robustness: specialist physicians" : "Robusthet: specialistläkare",
        CareOfferCheck.SmallVolume => english ? "Small volumes" : "Små volymer",
        CareOfferCheck.Proximity => english ? "Proximity for frequent needs" : "Närhet vid frekventa behov",
        CareOfferCheck.Concentration => english ? "Concentration of rare care" : "Koncentration av sällan förekommande vård",
        CareOfferCheck.PrimaryCareHub => english ? "Primary care as the hub" : "Primärvården som nav",
        CareOfferCheck.Preparedness => english ? "Preparedness: continuity plans" : "Beredskap: kontinuitetsplaner",
        _ => check.ToString(),
    };
}
