using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.FollowUp;
using Styra.Features.Organisation;

namespace Styra.Features.CareOffer;

/// <summary>
/// One change of a proposal as entered or shown. Concentrate: <see cref="UnitKey"/> is the unit the
/// <see cref="SourceUnitKeys"/> merge into. Move: <see cref="NewMunicipalityId"/> and/or <see cref="NewLevel"/>.
/// Open: <see cref="NewUnit"/> (its key is the unit key). Close: only <see cref="UnitKey"/>.
/// </summary>
public sealed record ProposalChangeInput(
    ProposalChangeKind Kind,
    string? UnitKey,
    IReadOnlyList<string>? SourceUnitKeys = null,
    string? NewMunicipalityId = null,
    CareLevel? NewLevel = null,
    CareUnitData? NewUnit = null);

public sealed record ProposalInput(string? Title, string? Description, IReadOnlyList<ProposalChangeInput> Changes);

public sealed record ProposalSummary(int Id, int Year, string Title, int ChangeCount, string CreatedBy, DateTimeOffset UpdatedAt);

public sealed record ProposalView(int Id, string RegionCode, int Year, string Title, string Description, string CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version, IReadOnlyList<ProposalChangeInput> Changes);

public sealed record ProposalResult(Outcome Outcome, ProposalView? Current, IReadOnlyList<FieldProblem> Problems);

/// <summary>
/// A finding about the same subject on both sides. <see cref="IsChanged"/>: its figures, units or wording differ — the
/// principle is still not met, but not as before (four small units where there were three).
/// </summary>
public sealed record FindingPair(Finding Before, Finding After)
{
    public bool IsChanged { get; } = Before.Measured != After.Measured || Before.Threshold != After.Threshold
        || !Before.UnitKeys.SequenceEqual(After.UnitKeys, StringComparer.OrdinalIgnoreCase)
        || Before.Swedish != After.Swedish || Before.English != After.English;
}

/// <summary>
/// One check before and after: the findings the proposal resolves, those that remain (both sides; <see cref="Changed"/>
/// are the remaining ones whose figures differ) and those it brings. Resolved + remaining = before; new + remaining = after.
/// </summary>
public sealed record FindingComparison(CareOfferCheck Check, CheckRule Rule, int Before, int After,
    IReadOnlyList<Finding> Resolved, IReadOnlyList<FindingPair> Remaining, IReadOnlyList<Finding> New)
{
    public IReadOnlyList<FindingPair> Changed { get; } = Remaining.Where(p => p.IsChanged).ToList();
}

/// <summary>A unit the proposal changes: its data before (null when opened) and after (null when closed or merged away).</summary>
public sealed record UnitChange(string Key, string Name, CareUnitData? Before, CareUnitData? After);

/// <summary>
/// The decision basis: the register's findings before the proposal and after it, check by check, and the units that
/// change. <see cref="Problems"/> lists changes that no longer fit the register (a unit since removed); they are skipped
/// whole — the after is the register with the other changes only.
/// </summary>
public sealed record ProposalComparison(ProposalView Proposal, CheckReport Before, CheckReport After,
    IReadOnlyList<FindingComparison> Checks, IReadOnlyList<UnitChange> UnitChanges, IReadOnlyList<FieldProblem> Problems);

/// <summary>
/// Proposals to change a year's care offer (concentrate, move, open, close units), and what they do to the principle
/// checks. The pure parts — <see cref="Validate"/>, <see cref="ApplyTo"/>, <see cref="Compare"/> — work on plain unit data;
/// the service stores proposals (planners write, readers read) and runs the checks before and after.
/// </summary>
public sealed class Proposals(StyraDbContext db, TimeProvider time, CareOfferCheckSettings settings)
{
    public const int MaxTitle = 300;
    public const int MaxDescription = 20_000;
    public const int MaxChanges = 100;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// The units after the changes, applied in order. Meant for changes that passed <see cref="Validate"/> (see
    /// <see cref="Applicable"/>); a change naming a unit that is not there is skipped. The sums of a concentration are
    /// checked: <see cref="Validate"/> refuses one whose totals exceed the register's bounds (which lie far below
    /// <see cref="int.MaxValue"/>), so validated changes never overflow, and unvalidated ones throw rather than wrap.
    /// </summary>
    public static IReadOnlyList<CareUnitData> ApplyTo(IReadOnlyList<CareUnitData> units, IReadOnlyList<ProposalChangeInput> changes)
    {
        var list = units.ToList();
        int Find(string? key) => list.FindIndex(u => string.Equals(u.Key, key?.Trim(), StringComparison.OrdinalIgnoreCase));
        foreach (var c in changes)
        {
            var i = Find(c.UnitKey);
            switch (c.Kind)
            {
                case ProposalChangeKind.Concentrate when i >= 0:
                    var sources = (c.SourceUnitKeys ?? []).Select(Find).Where(s => s >= 0 && s != i).Distinct().Select(s => list[s]).ToList();
                    var target = list[i];
                    // The sources' physicians, staff, patients and visits move to the target; the sources close.
                    list[i] = Merge(target, sources);
                    list.RemoveAll(u => sources.Contains(u));
                    break;
                case ProposalChangeKind.Move when i >= 0:
                    list[i] = list[i] with
                    {
                        MunicipalityId = string.IsNullOrWhiteSpace(c.NewMunicipalityId) ? list[i].MunicipalityId : c.NewMunicipalityId.Trim(),
                        Level = c.NewLevel ?? list[i].Level,
                    };
                    break;
                case ProposalChangeKind.Open when i < 0 && c.NewUnit is { } unit:
                    list.Add(Trimmed(unit));
                    break;
                case ProposalChangeKind.Close when i >= 0:
                    list.RemoveAt(i);
                    break;
            }
        }
        return list;
    }

    /// <summary>
    /// The target with the sources' physicians, staff, patients and visits added (the sources close). Checked sums: see
    /// <see cref="ApplyTo"/>.
    /// </summary>
    private static CareUnitData Merge(CareUnitData target, IReadOnlyList<CareUnitData> sources) => target with
    {
        SpecialistPhysicians = checked(target.SpecialistPhysicians + sources.Sum(s => s.SpecialistPhysicians)),
        SpecialistPhysicianFte = Sum(target.SpecialistPhysicianFte, sources.Select(s => s.SpecialistPhysicianFte)),
        OtherStaff = Sum(target.OtherStaff, sources.Select(s => s.OtherStaff)),
        OtherStaffFte = Sum(target.OtherStaffFte, sources.Select(s => s.OtherStaffFte)),
        PatientsPerYear = checked(target.PatientsPerYear + sources.Sum(s => s.PatientsPerYear)),
        VisitsPerYear = checked(target.VisitsPerYear + sources.Sum(s => s.VisitsPerYear)),
        EssentialForPreparedness = target.EssentialForPreparedness || sources.Any(s => s.EssentialForPreparedness),
    };

    /// <summary>
    /// Matches findings by check and subject: resolved (before only), remaining (both, as a pair; changed when the figures
    /// differ), new (after only).
    /// </summary>
    public static IReadOnlyList<FindingComparison> Compare(CareOfferRules rules, IReadOnlyList<Finding> before, IReadOnlyList<Finding> after) =>
        rules.Checks.OrderBy(r => r.Check).Select(r =>
        {
            var b = before.Where(f => f.Check == r.Check).ToList();
            var a = after.Where(f => f.Check == r.Check).ToList();
            var afterByKey = a.GroupBy(f => f.SubjectKey, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            var beforeKeys = b.Select(f => f.SubjectKey).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return new FindingComparison(r.Check, r, b.Count, a.Count,
                b.Where(f => !afterByKey.ContainsKey(f.SubjectKey)).ToList(),
                b.Where(f => afterByKey.ContainsKey(f.SubjectKey)).Select(f => new FindingPair(f, afterByKey[f.SubjectKey])).ToList(),
                a.Where(f => !beforeKeys.Contains(f.SubjectKey)).ToList());
        }).ToList();

    /// <summary>
    /// The changes of a stored proposal that still fit the register, and the problems of those that do not, named by their
    /// place in the proposal (<c>changes[1].sourceUnitKeys</c>). A change with a problem is left out whole; the rest are
    /// checked again without it (a later change may have leant on it), until what is left is valid.
    /// </summary>
    public static (IReadOnlyList<ProposalChangeInput> Applicable, IReadOnlyList<FieldProblem> Problems) Applicable(
        IReadOnlyList<ProposalChangeInput> changes, IReadOnlyList<CareUnitData> units, IReadOnlyList<(string Id, string Name)> municipalities)
    {
        var kept = Enumerable.Range(0, changes.Count).ToList();
        var problems = new List<FieldProblem>();
        while (true)
        {
            var found = Validate(new ProposalInput("–", null, kept.Select(i => changes[i]).ToList()), units, municipalities, kept)
                .Select(p => (Problem: p, Index: ChangeIndex(p.Field))).Where(x => x.Index is not null).ToList();
            if (found.Count == 0) break;
            problems.AddRange(found.Select(x => x.Problem));
            var refused = found.Select(x => x.Index!.Value).ToHashSet();
            kept = kept.Where(i => !refused.Contains(i)).ToList();
        }
        return (kept.Select(i => changes[i]).ToList(), problems);
    }

    /// <summary>The change a field belongs to: 2 for <c>changes[2].unitKey</c>; null for any other field.</summary>
    private static int? ChangeIndex(string field)
    {
        if (!field.StartsWith("changes[", StringComparison.Ordinal)) return null;
        var end = field.IndexOf(']', StringComparison.Ordinal);
        return end > 8 && int.TryParse(field.AsSpan(8, end - 8), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : null;
    }

    /// <summary>
    /// Checks the proposal against the register, change by change in order (a unit closed by one change is gone for the
    /// next). Each problem names its field: <c>title</c>, <c>changes[2].sourceUnitKeys</c>, <c>changes[0].newUnit.key</c>.
    /// </summary>
    public static IReadOnlyList<FieldProblem> Validate(ProposalInput input, IReadOnlyList<CareUnitData> units, IReadOnlyList<(string Id, string Name)> municipalities) =>
        Validate(input, units, municipalities, null);

    /// <param name="numbers">Each change's place in the stored proposal, when some were left out (<see cref="Applicable"/>); null: its index.</param>
    private static List<FieldProblem> Validate(ProposalInput input, IReadOnlyList<CareUnitData> units, IReadOnlyList<(string Id, string Name)> municipalities,
        IReadOnlyList<int>? numbers)
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(input.Title))
            problems.Add(new("title", "Ge förslaget en rubrik.", "Give the proposal a title."));
        else if (input.Title.Trim().Length > MaxTitle)
            problems.Add(new("title", $"Rubriken får vara högst {MaxTitle} tecken.", $"The title may be at most {MaxTitle} characters."));
        if ((input.Description?.Length ?? 0) > MaxDescription)
            problems.Add(new("description", $"Beskrivningen får vara högst {MaxDescription} tecken.", $"The description may be at most {MaxDescription} characters."));
        if (input.Changes.Count > MaxChanges)
            problems.Add(new("changes", $"Ett förslag får ha högst {MaxChanges} ändringar.", $"A proposal may have at most {MaxChanges} changes."));
        // The units as the changes so far leave them, by key: a later change sees an earlier one's closing, opening and merging.
        var current = units.GroupBy(u => u.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var keys = current.Keys;
        var places = municipalities.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var byId = municipalities.GroupBy(m => m.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        for (var i = 0; i < input.Changes.Count; i++)
        {
            var c = input.Changes[i];
            var index = numbers?[i] ?? i;
            var n = index + 1;
            var f = $"changes[{index}]";
            if (c is null)
            {
                problems.Add(new(f, $"Ändring {n}: ändringen är tom.", $"Change {n}: the change is empty."));
                continue;
            }
            if (!Enum.IsDefined(c.Kind))
            {
                problems.Add(new($"{f}.kind", $"Ändring {n}: välj koncentrera, flytta, öppna eller stänga.", $"Change {n}: choose concentrate, move, open or close."));
                continue;
            }
            var before = problems.Count;
            bool Known(string? key, string field, string role, string roleEn)
            {
                if (string.IsNullOrWhiteSpace(key))
                {
                    problems.Add(new($"{f}.{field}", $"Ändring {n}: ange {role}s nyckel.", $"Change {n}: enter the key of the {roleEn}."));
                    return false;
                }
                if (keys.Contains(key.Trim())) return true;
                problems.Add(new($"{f}.{field}", $"Ändring {n}: {key.Trim()} finns inte i registret (eller har redan stängts av en tidigare ändring).",
                    $"Change {n}: {key.Trim()} is not in the register (or an earlier change has already closed it)."));
                return false;
            }
            switch (c.Kind)
            {
                case ProposalChangeKind.Concentrate:
                    var targetOk = Known(c.UnitKey, "unitKey", "enheten som vården koncentreras till", "unit the care is concentrated to");
                    var sources = (c.SourceUnitKeys ?? []).Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).ToList();
                    if (sources.Count == 0)
                        problems.Add(new($"{f}.sourceUnitKeys", $"Ändring {n}: ange minst en enhet som slås ihop med {c.UnitKey?.Trim()}.", $"Change {n}: enter at least one unit merged into {c.UnitKey?.Trim()}."));
                    foreach (var dup in sources.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                        problems.Add(new($"{f}.sourceUnitKeys", $"Ändring {n}: {dup.Key} anges flera gånger.", $"Change {n}: {dup.Key} is given more than once."));
                    foreach (var s in sources.Distinct(StringComparer.OrdinalIgnoreCase))
                    {
                        if (targetOk && string.Equals(s, c.UnitKey!.Trim(), StringComparison.OrdinalIgnoreCase))
                            problems.Add(new($"{f}.sourceUnitKeys", $"Ändring {n}: {s} kan inte slås ihop med sig själv.", $"Change {n}: {s} cannot be merged into itself."));
                        else if (!keys.Contains(s))
                            problems.Add(new($"{f}.sourceUnitKeys", $"Ändring {n}: {s} finns inte i registret (eller har redan stängts av en tidigare ändring).",
                                $"Change {n}: {s} is not in the register (or an earlier change has already closed it)."));
                    }
                    if (problems.Count == before)
                    {
                        // The merged unit must stay within what the register allows a unit: so ApplyTo's sums cannot overflow.
                        var target = current[c.UnitKey!.Trim()];
                        var merged = sources.Select(s => current[s]).Prepend(target).ToList();
                        foreach (var (total, max, sv, en) in new[]
                        {
                            (merged.Sum(u => (long)u.SpecialistPhysicians), CareOfferRegisters.MaxPhysicians, "specialistläkare", "specialist physicians"),
                            (merged.Sum(u => (long)(u.OtherStaff ?? 0)), CareOfferRegisters.MaxOtherStaff, "övrig personal", "other staff"),
                            (merged.Sum(u => (long)u.PatientsPerYear), CareOfferRegisters.MaxPatients, "patienter per år", "patients a year"),
                            (merged.Sum(u => (long)u.VisitsPerYear), CareOfferRegisters.MaxVisits, "besök per år", "visits a year"),
                        })
                            if (total > max)
                                problems.Add(new($"{f}.sourceUnitKeys", $"Ändring {n}: den sammanslagna enheten skulle få {Big(total)} {sv}; registret tillåter högst {CareOfferChecks.N(max)} per enhet.",
                                    $"Change {n}: the merged unit would have {Big(total)} {en}; the register allows at most {CareOfferChecks.N(max)} a unit."));
                        if (problems.Count == before)
                            current[target.Key] = Merge(target, sources.Select(s => current[s]).ToList());
                    }
                    foreach (var s in sources) current.Remove(s);
                    break;
                case ProposalChangeKind.Move:
                    Known(c.UnitKey, "unitKey", "enheten som flyttas", "unit that moves");
                    if (c.NewLevel is { } level && !Enum.IsDefined(level))
                        problems.Add(new($"{f}.newLevel", $"Ändring {n}: välj en av vårdnivåerna.", $"Change {n}: choose one of the care levels."));
                    else if (string.IsNullOrWhiteSpace(c.NewMunicipalityId) && c.NewLevel is null)
                        problems.Add(new($"{f}.newMunicipalityId", $"Ändring {n}: ange ny kommun, ny vårdnivå eller båda.", $"Change {n}: enter a new municipality, a new care level or both."));
                    else if (!string.IsNullOrWhiteSpace(c.NewMunicipalityId) && !places.Contains(c.NewMunicipalityId.Trim()))
                        problems.Add(new($"{f}.newMunicipalityId", $"Ändring {n}: {c.NewMunicipalityId.Trim()} är ingen av regionens kommuner; ange kommunkoden, t.ex. 1280 för Malmö.",
                            $"Change {n}: {c.NewMunicipalityId.Trim()} is none of the region's municipalities; enter the municipality code, e.g. 1280 for Malmö."));
                    break;
                case ProposalChangeKind.Open:
                    if (c.NewUnit is not { } u)
                    {
                        problems.Add(new($"{f}.newUnit", $"Ändring {n}: beskriv enheten som öppnas.", $"Change {n}: describe the unit that opens."));
                        break;
                    }
                    // The same rules as a unit of the register; the register's field names, under newUnit.
                    foreach (var p in CareOfferRegisters.Validate(u, keys, byId))
                        problems.Add(new($"{f}.newUnit.{NewUnitField(p.Field)}", $"Ändring {n}: {p.Swedish}", $"Change {n}: {p.English}"));
                    if (problems.Count == before) current[u.Key.Trim()] = Trimmed(u);
                    break;
                case ProposalChangeKind.Close:
                    if (Known(c.UnitKey, "unitKey", "enheten som stängs", "unit that closes")) current.Remove(c.UnitKey!.Trim());
                    break;
            }
        }
        return problems;
    }

    private static string Big(long n) => n.ToString("#,0", System.Globalization.CultureInfo.GetCultureInfo("sv-SE"));

    /// <summary>The register's field names as a proposal's form names them.</summary>
    private static string NewUnitField(string field) => field switch
    {
        "municipality" => "municipalityId",
        "continuityPlan" => "continuityPlanReference",
        _ => field,
    };

    public async Task<IReadOnlyList<ProposalSummary>?> ListAsync(RegionCode code, int year, Access access, CancellationToken ct = default)
    {
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null || !access.CanRead(region.Id)) return null;
        var rows = await db.CareOfferProposals.AsNoTracking().Where(p => p.RegionId == region.Id && p.Year == year)
            .Select(p => new { p.Id, p.Year, p.Title, Changes = p.Changes.Count, p.CreatedBy, p.UpdatedAt }).ToListAsync(ct);
        return rows.OrderBy(p => p.Title, SwedishOrder.Comparer).ThenBy(p => p.Id)
            .Select(p => new ProposalSummary(p.Id, p.Year, p.Title, p.Changes, p.CreatedBy, p.UpdatedAt)).ToList();
    }

    public async Task<ProposalView?> GetAsync(RegionCode code, int year, int id, Access access, CancellationToken ct = default)
    {
        var p = await FindAsync(code, year, id, tracked: false, ct);
        return p is null || !access.CanRead(p.RegionId) ? null : View(p);
    }

    public async Task<ProposalResult> CreateAsync(RegionCode code, int year, ProposalInput input, Access access, CancellationToken ct = default)
    {
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null || !access.CanRead(region.Id)) return new(Outcome.NotFound, null, []);
        if (!access.IsPlanner(region.Id)) return Forbidden(null);
        var units = await UnitsAsync(region.Id, year, ct);
        if (units is null)
            return new(Outcome.Invalid, null, [new("year", $"{region.Name} har inget register över vårdutbudet för {year}; skapa eller importera det först.",
                $"{region.Name} has no care-offer register for {year}; create or import it first.")]);
        var problems = Validate(input, units, await CareOfferCheckSettings.MunicipalitiesAsync(db, code, ct));
        if (problems.Count > 0) return new(Outcome.Invalid, null, problems);
        var now = time.GetUtcNow();
        var proposal = new CareOfferProposal(region, year, input.Title!.Trim(), access.Name, now) { Description = (input.Description ?? "").Trim() };
        SetChanges(proposal, input.Changes);
        db.CareOfferProposals.Add(proposal);
        await db.SaveChangesAsync(ct);
        return new(Outcome.Ok, View(proposal), []);
    }

    /// <summary>Saves the title, description and the whole ordered list of changes (adding, removing and reordering are all this).</summary>
    public async Task<ProposalResult> SaveAsync(RegionCode code, int year, int id, int version, ProposalInput input, Access access, CancellationToken ct = default)
    {
        if (await PlannerRefusalAsync(code, access, ct) is { } refused) return refused;
        var p = await FindAsync(code, year, id, tracked: true, ct);
        if (p is null) return new(Outcome.NotFound, null, []);
        if (p.Version != version) return new(Outcome.Conflict, View(p), []);
        var units = await UnitsAsync(p.RegionId, year, ct) ?? [];
        var problems = Validate(input, units, await CareOfferCheckSettings.MunicipalitiesAsync(db, code, ct));
        if (problems.Count > 0) return new(Outcome.Invalid, View(p), problems);
        p.Title = input.Title!.Trim();
        p.Description = (input.Description ?? "").Trim();
        db.ProposalChanges.RemoveRange(p.Changes);
        p.Changes.Clear();
        SetChanges(p, input.Changes);
        p.Version++;
        p.UpdatedAt = time.GetUtcNow();
        return await SaveOrConflictAsync(code, year, id, p, ct);
    }

    public async Task<ProposalResult> DeleteAsync(RegionCode code, int year, int id, int version, Access access, CancellationToken ct = default)
    {
        if (await PlannerRefusalAsync(code, access, ct) is { } refused) return refused;
        var p = await FindAsync(code, year, id, tracked: true, ct);
        if (p is null) return new(Outcome.NotFound, null, []);
        if (p.Version != version) return new(Outcome.Conflict, View(p), []);
        db.ProposalChanges.RemoveRange(p.Changes);
        db.CareOfferProposals.Remove(p);
        var result = await SaveOrConflictAsync(code, year, id, p, ct);
        return result.Outcome == Outcome.Ok ? new(Outcome.Ok, null, []) : result;
    }

    /// <summary>The register's findings before and after the proposal, check by check; null when not found.</summary>
    public async Task<ProposalComparison?> CompareAsync(RegionCode code, int year, int id, Access access, CancellationToken ct = default)
    {
        var p = await FindAsync(code, year, id, tracked: false, ct);
        if (p is null || !access.CanRead(p.RegionId)) return null;
        var register = await db.CareOfferRegisters.AsNoTracking().Include(r => r.Units).Include(r => r.Region)
            .SingleOrDefaultAsync(r => r.RegionId == p.RegionId && r.Year == year, ct);
        if (register is null) return null;
        var view = View(p);
        var before = register.Units.Select(u => u.ToData()).ToList();
        // A change that no longer fits the register (a unit since removed) is skipped whole, as the page and report say.
        var (applicable, problems) = Applicable(view.Changes, before, await CareOfferCheckSettings.MunicipalitiesAsync(db, code, ct));
        var after = ApplyTo(before, applicable);
        var rules = await settings.ViewAsync(register.Region, ct);
        var info = new RegisterInfo(register.Year, register.IsDemo, register.Source, before.Count, register.Version);
        var beforeReport = await settings.ReportAsync(register.Region, info, rules, before, ct);
        var afterReport = await settings.ReportAsync(register.Region, info with { UnitCount = after.Count }, rules, after, ct);
        var checks = Compare(rules.Rules, beforeReport.Findings.ToList(), afterReport.Findings.ToList());
        return new(view, beforeReport, afterReport, checks, UnitChanges(before, after), problems);
    }

    /// <summary>The units that differ between two lists, matched by key: changed, closed (after null) or opened (before null).</summary>
    public static IReadOnlyList<UnitChange> UnitChanges(IReadOnlyList<CareUnitData> before, IReadOnlyList<CareUnitData> after)
    {
        var afterByKey = after.ToDictionary(a => a.Key, StringComparer.OrdinalIgnoreCase);
        var beforeKeys = before.Select(b => b.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return before.Select(b => (b, a: afterByKey.GetValueOrDefault(b.Key)))
            .Where(x => x.a != x.b).Select(x => new UnitChange(x.b.Key, x.b.Name, x.b, x.a))
            .Concat(after.Where(a => !beforeKeys.Contains(a.Key)).Select(a => new UnitChange(a.Key, a.Name, null, a)))
            .OrderBy(u => u.Name, SwedishOrder.Comparer).ToList();
    }

    private async Task<ProposalResult> SaveOrConflictAsync(RegionCode code, int year, int id, CareOfferProposal p, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await FindAsync(code, year, id, tracked: false, ct) is { } current ? new(Outcome.Conflict, View(current), []) : new(Outcome.NotFound, null, []);
        }
        return new(Outcome.Ok, View(p), []);
    }

    /// <summary>Not found for a region the actor cannot read; forbidden for one they read but do not plan (before looking for the proposal).</summary>
    private async Task<ProposalResult?> PlannerRefusalAsync(RegionCode code, Access access, CancellationToken ct)
    {
        var regionId = await db.Regions.Where(r => r.Code == code).Select(r => (int?)r.Id).SingleOrDefaultAsync(ct);
        if (regionId is not { } id || !access.CanRead(id)) return new(Outcome.NotFound, null, []);
        return access.IsPlanner(id) ? null : Forbidden(null);
    }

    private static ProposalResult Forbidden(ProposalView? current) => new(Outcome.Forbidden, current,
        [new("", "Bara regionens planerare kan ändra förslag till förändrat vårdutbud.", "Only the region's planners can change care-offer proposals.")]);

    private async Task<List<CareUnitData>?> UnitsAsync(int regionId, int year, CancellationToken ct)
    {
        var register = await db.CareOfferRegisters.AsNoTracking().Include(r => r.Units).SingleOrDefaultAsync(r => r.RegionId == regionId && r.Year == year, ct);
        return register?.Units.Select(u => u.ToData()).ToList();
    }

    private Task<CareOfferProposal?> FindAsync(RegionCode code, int year, int id, bool tracked, CancellationToken ct)
    {
        var q = db.CareOfferProposals.Include(p => p.Changes).Include(p => p.Region).Where(p => p.Id == id && p.Year == year && p.Region.Code == code);
        return (tracked ? q : q.AsNoTracking()).SingleOrDefaultAsync(ct);
    }

    private static void SetChanges(CareOfferProposal p, IReadOnlyList<ProposalChangeInput> changes)
    {
        for (var i = 0; i < changes.Count; i++)
        {
            var c = changes[i];
            var key = c.Kind == ProposalChangeKind.Open ? c.NewUnit!.Key.Trim() : c.UnitKey!.Trim();
            p.Changes.Add(new ProposalChange(p, i + 1, c.Kind, key)
            {
                SourceUnitKeys = c.Kind == ProposalChangeKind.Concentrate ? (c.SourceUnitKeys ?? []).Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).ToList() : [],
                NewMunicipalityId = c.Kind == ProposalChangeKind.Move && !string.IsNullOrWhiteSpace(c.NewMunicipalityId) ? c.NewMunicipalityId.Trim() : null,
                NewLevel = c.Kind == ProposalChangeKind.Move ? c.NewLevel : null,
                NewUnitJson = c.Kind == ProposalChangeKind.Open ? JsonSerializer.Serialize(Trimmed(c.NewUnit!), Json) : null,
            });
        }
    }

    private static ProposalView View(CareOfferProposal p) => new(p.Id, p.Region.Code.Value, p.Year, p.Title, p.Description, p.CreatedBy, p.CreatedAt, p.UpdatedAt, p.Version,
        p.Changes.OrderBy(c => c.SortOrder).Select(c => new ProposalChangeInput(c.Kind, c.UnitKey,
            c.Kind == ProposalChangeKind.Concentrate ? c.SourceUnitKeys.ToList() : null, c.NewMunicipalityId, c.NewLevel,
            c.NewUnitJson is null ? null : JsonSerializer.Deserialize<CareUnitData>(c.NewUnitJson, Json))).ToList());

    private static CareUnitData Trimmed(CareUnitData u) => u with
    {
        Key = u.Key.Trim(), Name = u.Name.Trim(), Specialty = u.Specialty.Trim(), MunicipalityId = u.MunicipalityId.Trim(),
        ContinuityPlanReference = string.IsNullOrWhiteSpace(u.ContinuityPlanReference) ? null : u.ContinuityPlanReference.Trim(),
        Note = string.IsNullOrWhiteSpace(u.Note) ? null : u.Note.Trim(),
    };

    private static int? Sum(int? first, IEnumerable<int?> rest)
    {
        var all = rest.Prepend(first).Where(v => v is not null).ToList();
        return all.Count == 0 ? null : all.Sum();
    }

    private static decimal? Sum(decimal? first, IEnumerable<decimal?> rest)
    {
        var all = rest.Prepend(first).Where(v => v is not null).ToList();
        return all.Count == 0 ? null : all.Sum();
    }
}
