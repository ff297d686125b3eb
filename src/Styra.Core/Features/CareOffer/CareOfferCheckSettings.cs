using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.FollowUp;
using Styra.Features.Indicators;
using Styra.Features.Organisation;

namespace Styra.Features.CareOffer;

/// <summary>
/// A region's check settings as shown and edited. <see cref="IsSaved"/> is false while the region runs on the defaults
/// (nothing stored yet); <see cref="Version"/> is what a save must send back (0 for the defaults).
/// </summary>
public sealed record CheckSettingsView(string RegionCode, string RegionName, bool IsSaved, int Version, CareOfferRules Rules);

/// <summary>One check's settings as entered.</summary>
public sealed record CheckSettingInput(CareOfferCheck Check, bool Enabled, int? Threshold, int? SecondThreshold,
    string? PrincipleTitle, string? PrincipleText, string? PlanKey, string? NodeKey);

/// <summary>A specialty's smallest yearly patient volume as entered; a row with neither is skipped.</summary>
public sealed record SpecialtyThresholdInput(string? Specialty, int? MinPatientsPerYear);

public sealed record CheckSettingsInput(int Version, IReadOnlyList<CheckSettingInput> Checks, IReadOnlyList<SpecialtyThresholdInput> Specialties);

public sealed record CheckSettingsResult(Outcome Outcome, CheckSettingsView? Current, IReadOnlyList<FieldProblem> Problems);

/// <summary>The register a run of the checks read.</summary>
public sealed record RegisterInfo(int Year, bool IsDemo, string Source, int UnitCount, int Version);

/// <summary>A check's findings; <see cref="Untested"/> set when it runs but can find nothing (no thresholds, no municipalities).</summary>
public sealed record CheckOutcome(CheckRule Rule, IReadOnlyList<Finding> Findings, UntestedReason? Untested = null);

/// <summary>
/// The checks run on one year's register, check by check (disabled checks included, with no findings), with what a
/// page needs to show them: the units, the municipality names and the plans' ids by key (for links to the principles).
/// </summary>
public sealed record CheckReport(
    string RegionCode,
    string RegionName,
    RegisterInfo Register,
    bool SettingsSaved,
    IReadOnlyList<CheckOutcome> Checks,
    IReadOnlyList<CareUnitData> Units,
    IReadOnlyDictionary<string, string> MunicipalityNames,
    IReadOnlyDictionary<string, int> PlanIds)
{
    public IEnumerable<Finding> Findings => Checks.SelectMany(c => c.Findings);

    /// <summary>The plan page's address of a principle, when the region has that plan; null otherwise.</summary>
    public string? PrincipleUrl(PrincipleCitation p) => CareOfferCheckSettings.PrincipleUrl(p, PlanIds);

    public string Municipality(string id) => MunicipalityNames.TryGetValue(id, out var n) ? n : id;
}

/// <summary>
/// The region's settings of the principle checks: which run, their thresholds, the principle each cites, and the
/// smallest patient volume per specialty. A region that has saved nothing runs on <see cref="Defaults"/> (Skåne's
/// Bilaga 1). Planners save; every save is all or nothing, names each wrong field, and refuses a stale version.
/// </summary>
public sealed class CareOfferCheckSettings(StyraDbContext db)
{
    public const int MaxTitle = 200;
    public const int MaxText = 4000;
    public const int MaxKey = 100;
    public const int MaxSpecialty = 100;

    // Quoted verbatim from Region Skåne's Bilaga 1 "Regionala vägledande principer för planering av vårdutbud".
    private const string SkanePlan = "strategi-framtidens-halsosystem";

    /// <summary>What a region gets before it saves settings of its own: all six checks, with Skåne's principles.</summary>
    public static CareOfferRules Defaults { get; } = new(
    [
        new(CareOfferCheck.Robustness, true, 3, null, new("Robusthet",
            "Utgångspunkten är att det skall finnas minst tre specialistläkare på en specialiserad öppenvårdsmottagning för att den skall betraktas som en robust verksamhet.",
            SkanePlan, "princip-robusthet")),
        new(CareOfferCheck.SmallVolume, true, null, null, new("Robusthet",
            "Även patientflödets storlek måste vägas in då alltför små volymer påverkar vårdteamets förmåga att upprätthålla kompetens över tid.",
            SkanePlan, "princip-robusthet")),
        new(CareOfferCheck.Proximity, true, null, null, new("Närhetsprincip och koncentrerat vårdutbud",
            "Den vård som patienten behöver ofta och återkommande ska finnas nära och ska ges jämlikt, samordnat och personcentrerat.",
            SkanePlan, "princip-narhet")),
        new(CareOfferCheck.Concentration, true, 3, 500, new("Närhetsprincip och koncentrerat vårdutbud",
            "Vård som behövs mer sällan bör koncentreras för att bibehålla en hög kvalitet, god kompetensförsörjning samt en robust och effektiv verksamhet ur ett Region Skåne perspektiv.",
            SkanePlan, "princip-narhet")),
        new(CareOfferCheck.PrimaryCareHub, true, null, null, new("Primärvård och Nära vård",
            "Primärvårdens roll är att vara navet i samordning av hälso- och sjukvård och som verkar nära invånaren",
            SkanePlan, "princip-primarvard-nara-vard")),
        new(CareOfferCheck.Preparedness, true, null, null, new("Robusthet – beredskap",
            "Det ska finnas beredskap för att klara att hantera de behov som uppstår under fredstida kriser, höjd beredskap och krig",
            SkanePlan, "princip-robusthet")),
    ], new Dictionary<string, int>());

    /// <summary>Which thresholds a check reads; the others are ignored (and must be empty).</summary>
    public static (bool Threshold, bool Second) Uses(CareOfferCheck check) => check switch
    {
        CareOfferCheck.Robustness => (true, false),
        CareOfferCheck.SmallVolume => (true, false),
        CareOfferCheck.Concentration => (true, true),
        _ => (false, false),
    };

    public static string FieldPrefix(CareOfferCheck check) => char.ToLowerInvariant(check.ToString()[0]) + check.ToString()[1..];

    public async Task<CheckSettingsView?> LoadAsync(RegionCode code, Access access, CancellationToken ct = default)
    {
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null || !access.CanRead(region.Id)) return null;
        return await ViewAsync(region, ct);
    }

    /// <summary>The region's rules, without access checks: for code that has already checked (the checks page, proposals).</summary>
    public async Task<CheckSettingsView> ViewAsync(Region region, CancellationToken ct = default)
    {
        var rows = await db.CareOfferCheckSettings.AsNoTracking().Where(s => s.RegionId == region.Id).ToListAsync(ct);
        var specialties = await db.SpecialtyVolumeThresholds.AsNoTracking().Where(s => s.RegionId == region.Id).ToListAsync(ct);
        var checks = Defaults.Checks.Select(d => rows.SingleOrDefault(r => r.Check == d.Check) is { } r
            ? new CheckRule(r.Check, r.Enabled, ToInt(r.Threshold), ToInt(r.SecondThreshold), new(r.PrincipleTitle, r.PrincipleText, r.PlanKey, r.NodeKey))
            : d).ToList();
        var thresholds = specialties.OrderBy(s => s.Specialty, SwedishOrder.Comparer)
            .ToDictionary(s => s.Specialty, s => s.MinPatientsPerYear, StringComparer.OrdinalIgnoreCase);
        return new(region.Code.Value, region.Name, rows.Count > 0, rows.Count == 0 ? 0 : rows.Max(r => r.Version), new(checks, thresholds));
    }

    public async Task<CheckSettingsResult> SaveAsync(RegionCode code, CheckSettingsInput input, Access access, CancellationToken ct = default)
    {
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null || !access.CanRead(region.Id)) return new(Outcome.NotFound, null, []);
        if (!access.IsPlanner(region.Id))
            return new(Outcome.Forbidden, await ViewAsync(region, ct), [new("", "Bara regionens planerare kan ändra inställningarna för principkontrollerna.",
                "Only the region's planners can change the settings of the principle checks.")]);
        var problems = Validate(input);
        if (problems.Count > 0) return new(Outcome.Invalid, await ViewAsync(region, ct), problems);

        var rows = await db.CareOfferCheckSettings.Where(s => s.RegionId == region.Id).ToListAsync(ct);
        var current = rows.Count == 0 ? 0 : rows.Max(r => r.Version);
        if (current != input.Version) return new(Outcome.Conflict, await ViewAsync(region, ct), []);
        var next = current + 1;
        foreach (var c in input.Checks)
        {
            var (usesFirst, usesSecond) = Uses(c.Check);
            var threshold = usesFirst ? c.Threshold : null;
            var second = usesSecond ? c.SecondThreshold : null;
            var row = rows.SingleOrDefault(r => r.Check == c.Check);
            if (row is null)
                db.CareOfferCheckSettings.Add(row = new CareOfferCheckSetting(region, c.Check, c.Enabled, threshold, second,
                    c.PrincipleTitle!.Trim(), c.PrincipleText!.Trim(), Blank(c.PlanKey), Blank(c.NodeKey)));
            row.Enabled = c.Enabled;
            row.Threshold = threshold;
            row.SecondThreshold = second;
            row.PrincipleTitle = c.PrincipleTitle!.Trim();
            row.PrincipleText = c.PrincipleText!.Trim();
            row.PlanKey = Blank(c.PlanKey);
            row.NodeKey = Blank(c.NodeKey);
            // Every save moves every row to the same version: one number guards the whole form, the specialty table included.
            row.Version = next;
        }
        var wanted = input.Specialties.Where(s => s is not null && !IsEmpty(s)).ToDictionary(s => s.Specialty!.Trim(), s => s.MinPatientsPerYear!.Value, StringComparer.OrdinalIgnoreCase);
        var stored = await db.SpecialtyVolumeThresholds.Where(s => s.RegionId == region.Id).ToListAsync(ct);
        foreach (var s in stored)
        {
            if (!wanted.TryGetValue(s.Specialty, out var min)) db.SpecialtyVolumeThresholds.Remove(s);
            else if (s.MinPatientsPerYear != min) s.MinPatientsPerYear = min;
        }
        foreach (var (specialty, min) in wanted.Where(w => !stored.Any(s => string.Equals(s.Specialty, w.Key, StringComparison.OrdinalIgnoreCase))))
            db.SpecialtyVolumeThresholds.Add(new SpecialtyVolumeThreshold(region, specialty, min));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another planner saved between our read and our write (a changed version, or the first rows added twice).
            db.ChangeTracker.Clear();
            return new(Outcome.Conflict, await ViewAsync(region, ct), []);
        }
        return new(Outcome.Ok, await ViewAsync(region, ct), []);
    }

    /// <summary>
    /// The six checks, each exactly once (an undefined check — JSON takes any integer — is refused, not stored), their
    /// thresholds and principles; the specialty table.
    /// </summary>
    private static List<FieldProblem> Validate(CheckSettingsInput input)
    {
        var problems = new List<FieldProblem>();
        for (var i = 0; i < input.Checks.Count; i++)
        {
            if (input.Checks[i] is not { } given)
                problems.Add(new($"checks[{i}]", $"Kontroll {i + 1}: inställningen är tom.", $"Check {i + 1}: the setting is empty."));
            else if (!Enum.IsDefined(given.Check))
                problems.Add(new($"checks[{i}].check", $"Kontroll {i + 1}: ”{given.Check}” är ingen av de sex principkontrollerna.",
                    $"Check {i + 1}: “{given.Check}” is none of the six principle checks."));
        }
        foreach (var check in Enum.GetValues<CareOfferCheck>())
        {
            var matching = input.Checks.Where(c => c is not null && c.Check == check).ToList();
            var f = FieldPrefix(check);
            var name = CareOfferChecks.Name(check, false);
            var nameEn = CareOfferChecks.Name(check, true);
            if (matching.Count != 1)
            {
                problems.Add(new(f, $"{name}: inställningen saknas eller anges flera gånger.", $"{nameEn}: the setting is missing or given more than once."));
                continue;
            }
            var c = matching[0];
            var (usesFirst, usesSecond) = Uses(check);
            if (check == CareOfferCheck.Robustness && c.Threshold is not > 0)
                problems.Add(new($"{f}.threshold", $"{name}: ange minsta antal specialistläkare, ett heltal större än 0 (t.ex. 3).",
                    $"{nameEn}: enter the least number of specialist physicians, a whole number above 0 (e.g. 3)."));
            if (check == CareOfferCheck.SmallVolume && c.Threshold is < 0)
                problems.Add(new($"{f}.threshold", $"{name}: den allmänna gränsen är ett antal patienter, 0 eller mer – eller tom för ingen allmän gräns.",
                    $"{nameEn}: the general threshold is a number of patients, 0 or more – or empty for no general threshold."));
            if (check == CareOfferCheck.Concentration)
            {
                if (c.Threshold is not >= 2)
                    problems.Add(new($"{f}.threshold", $"{name}: ange antal små enheter som räknas som spritt, ett heltal 2 eller mer (t.ex. 3).",
                        $"{nameEn}: enter how many small units count as spread, a whole number of 2 or more (e.g. 3)."));
                if (c.SecondThreshold is not > 0)
                    problems.Add(new($"{f}.secondThreshold", $"{name}: ange patienter per år under vilket en enhet räknas som liten, ett heltal större än 0 (t.ex. 500).",
                        $"{nameEn}: enter the patients a year below which a unit counts as small, a whole number above 0 (e.g. 500)."));
            }
            if (!usesFirst && c.Threshold is not null)
                problems.Add(new($"{f}.threshold", $"{name}: kontrollen har ingen gräns; lämna fältet tomt.", $"{nameEn}: the check has no threshold; leave the field empty."));
            if (!usesSecond && c.SecondThreshold is not null)
                problems.Add(new($"{f}.secondThreshold", $"{name}: kontrollen har ingen andra gräns; lämna fältet tomt.", $"{nameEn}: the check has no second threshold; leave the field empty."));
            if (string.IsNullOrWhiteSpace(c.PrincipleTitle))
                problems.Add(new($"{f}.principleTitle", $"{name}: ange principens rubrik, som dokumentet skriver den.", $"{nameEn}: enter the principle's title, as the document writes it."));
            else if (c.PrincipleTitle.Trim().Length > MaxTitle)
                problems.Add(new($"{f}.principleTitle", $"{name}: rubriken får vara högst {MaxTitle} tecken.", $"{nameEn}: the title may be at most {MaxTitle} characters."));
            if (string.IsNullOrWhiteSpace(c.PrincipleText))
                problems.Add(new($"{f}.principleText", $"{name}: citera principens text, så att varje fynd visar vad det grundar sig på.", $"{nameEn}: quote the principle's text, so that every finding shows what it rests on."));
            else if (c.PrincipleText.Trim().Length > MaxText)
                problems.Add(new($"{f}.principleText", $"{name}: texten får vara högst {MaxText} tecken.", $"{nameEn}: the text may be at most {MaxText} characters."));
            if ((c.PlanKey?.Trim().Length ?? 0) > MaxKey)
                problems.Add(new($"{f}.planKey", $"{name}: plannyckeln får vara högst {MaxKey} tecken.", $"{nameEn}: the plan key may be at most {MaxKey} characters."));
            if ((c.NodeKey?.Trim().Length ?? 0) > MaxKey)
                problems.Add(new($"{f}.nodeKey", $"{name}: nodens nyckel får vara högst {MaxKey} tecken.", $"{nameEn}: the node key may be at most {MaxKey} characters."));
            if (string.IsNullOrWhiteSpace(c.PlanKey) != string.IsNullOrWhiteSpace(c.NodeKey))
                problems.Add(new($"{f}.nodeKey", $"{name}: ange både plannyckel och nodens nyckel för att länka till principen, eller ingen av dem.",
                    $"{nameEn}: enter both the plan key and the node key to link to the principle, or neither."));
        }
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < input.Specialties.Count; i++)
        {
            var s = input.Specialties[i];
            if (s is null || IsEmpty(s)) continue;
            var n = i + 1;
            if (string.IsNullOrWhiteSpace(s.Specialty))
                problems.Add(new($"specialties[{i}].specialty", $"Specialitet, rad {n}: ange specialiteten, som registret skriver den (t.ex. Handkirurgi).",
                    $"Specialty, row {n}: enter the specialty as the register writes it (e.g. Handkirurgi)."));
            else if (s.Specialty.Trim().Length > MaxSpecialty)
                problems.Add(new($"specialties[{i}].specialty", $"Specialitet, rad {n}: högst {MaxSpecialty} tecken.", $"Specialty, row {n}: at most {MaxSpecialty} characters."));
            else if (seen.TryGetValue(s.Specialty.Trim(), out var first))
                problems.Add(new($"specialties[{i}].specialty", $"Specialitet, rad {n}: {s.Specialty.Trim()} står redan på rad {first}; varje specialitet har en gräns.",
                    $"Specialty, row {n}: {s.Specialty.Trim()} is already on row {first}; each specialty has one threshold."));
            else seen[s.Specialty.Trim()] = n;
            if (s.MinPatientsPerYear is not >= 0)
                problems.Add(new($"specialties[{i}].minPatientsPerYear", $"Specialitet, rad {n}: ange minsta antal patienter per år, ett heltal 0 eller mer.",
                    $"Specialty, row {n}: enter the least number of patients a year, a whole number of 0 or more."));
        }
        return problems;
    }

    /// <summary>Runs the region's checks on its register of <paramref name="year"/>; null when there is no such register or no access.</summary>
    public async Task<CheckReport?> FindingsAsync(RegionCode code, int year, Access access, CancellationToken ct = default)
    {
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null || !access.CanRead(region.Id)) return null;
        var register = await db.CareOfferRegisters.AsNoTracking().Include(r => r.Units)
            .SingleOrDefaultAsync(r => r.RegionId == region.Id && r.Year == year, ct);
        if (register is null) return null;
        var units = register.Units.Select(u => u.ToData()).ToList();
        var settings = await ViewAsync(region, ct);
        return await ReportAsync(region, new(register.Year, register.IsDemo, register.Source, units.Count, register.Version), settings, units, ct);
    }

    /// <summary>The checks run on any list of units (a register's, or a proposal's after).</summary>
    public async Task<CheckReport> ReportAsync(Region region, RegisterInfo register, CheckSettingsView settings, IReadOnlyList<CareUnitData> units, CancellationToken ct = default)
    {
        var municipalities = await MunicipalitiesAsync(db, region.Code, ct);
        var findings = CareOfferChecks.Run(units, settings.Rules, municipalities);
        var checks = settings.Rules.Checks.OrderBy(c => c.Check).Select(r => new CheckOutcome(r, findings.Where(f => f.Check == r.Check).ToList(),
            CareOfferChecks.Untested(r, settings.Rules, municipalities.Count))).ToList();
        var planIds = await db.Plans.AsNoTracking().Where(p => p.RegionId == region.Id).Select(p => new { p.Key, p.Id }).ToListAsync(ct);
        return new(region.Code.Value, region.Name, register, settings.IsSaved, checks,
            units.OrderBy(u => u.Name, SwedishOrder.Comparer).ToList(),
            municipalities.ToDictionary(m => m.Id, m => m.Name), planIds.ToDictionary(p => p.Key, p => p.Id));
    }

    /// <summary>The region's municipalities (Kolada areas whose id starts with the county code), in Swedish order.</summary>
    public static async Task<IReadOnlyList<(string Id, string Name)>> MunicipalitiesAsync(StyraDbContext db, RegionCode code, CancellationToken ct = default)
    {
        var areas = await db.Areas.AsNoTracking().Where(a => a.Kind == AreaKind.Municipality && a.Id.StartsWith(code.Value))
            .Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        return areas.OrderBy(a => a.Name, SwedishOrder.Comparer).Select(a => (a.Id, a.Name)).ToList();
    }

    public static string? PrincipleUrl(PrincipleCitation p, IReadOnlyDictionary<string, int> planIds) =>
        p.PlanKey is { } plan && p.NodeKey is { } node && planIds.TryGetValue(plan, out var id)
            ? $"/plans/{id}#node-{Uri.EscapeDataString(node)}" : null;

    private static bool IsEmpty(SpecialtyThresholdInput s) => string.IsNullOrWhiteSpace(s.Specialty) && s.MinPatientsPerYear is null;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static int? ToInt(decimal? d) => d is { } v ? (int)Math.Round(v) : null;
}
