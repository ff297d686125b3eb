using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.FollowUp;
using Styra.Features.Indicators;
using Styra.Features.Organisation;

namespace Styra.Features.CareOffer;

/// <summary>One year of a region's register, as the year list shows it.</summary>
public sealed record RegisterYear(int Year, int Units, string Source, bool IsDemo, int Version, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>What came of a change to a register: done (the register as saved), or why not.</summary>
public sealed record RegisterResult(Outcome Outcome, CareOfferRegister? Register, IReadOnlyList<FieldProblem> Problems)
{
    public static RegisterResult Ok(CareOfferRegister r) => new(Outcome.Ok, r, []);
    public static readonly RegisterResult NotFound = new(Outcome.NotFound, null, []);
    public static RegisterResult Invalid(params IEnumerable<FieldProblem> problems) => new(Outcome.Invalid, null, problems.ToList());
}

/// <summary>
/// The care-offer register of a region, year by year: read it, start a year (empty or as a copy of an earlier one),
/// and add, change or remove its units. Every change is checked against the register's version (a change made on an
/// older version is a conflict, never an overwrite), bumps the version and records who changed it and when.
/// Reading is for the region's readers; changing for its planners.
/// </summary>
public sealed class CareOfferRegisters(StyraDbContext db, TimeProvider time)
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    public const int MaxKey = 50;
    public const int MaxName = 200;
    public const int MaxSpecialty = 100;
    public const int MaxPlan = 200;
    public const int MaxNote = 2000;
    public const int MaxPhysicians = 10_000;
    public const int MaxOtherStaff = 100_000;
    public const int MaxPatients = 10_000_000;
    public const int MaxVisits = 100_000_000;

    /// <summary>The source of a year started by hand.</summary>
    public const string EnteredSource = "Inmatat";

    public static string CopySource(int year) => $"Kopia av {year}";

    public async Task<IReadOnlyList<RegisterYear>> YearsAsync(RegionCode code, CancellationToken ct = default) =>
        await db.CareOfferRegisters.AsNoTracking().Where(r => r.Region.Code == code).OrderByDescending(r => r.Year)
            .Select(r => new RegisterYear(r.Year, r.Units.Count, r.Source, r.IsDemo, r.Version, r.UpdatedAt, r.UpdatedBy))
            .ToListAsync(ct);

    /// <summary>A year's register with its units (ordered by key), not tracked; null when the region has no register that year.</summary>
    public async Task<CareOfferRegister?> GetAsync(RegionCode code, int year, CancellationToken ct = default)
    {
        var register = await db.CareOfferRegisters.AsNoTracking().Include(r => r.Units).Include(r => r.Region)
            .SingleOrDefaultAsync(r => r.Region.Code == code && r.Year == year, ct);
        register?.Units.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return register;
    }

    /// <summary>
    /// The municipalities of the region (<see cref="CareOfferCheckSettings.MunicipalitiesAsync"/>: the Kolada municipality
    /// areas whose id starts with the region's code, "1280" Malmö in region "12"), id → name in Swedish order.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> MunicipalitiesAsync(StyraDbContext db, RegionCode code, CancellationToken ct = default) =>
        (await CareOfferCheckSettings.MunicipalitiesAsync(db, code, ct)).ToDictionary(m => m.Id, m => m.Name);

    /// <summary>Starts a year: empty, or as a copy of the units of <paramref name="copyFrom"/>.</summary>
    public async Task<RegisterResult> CreateYearAsync(RegionCode code, int year, int? copyFrom, Access access, CancellationToken ct = default)
    {
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null || !access.CanRead(region.Id)) return RegisterResult.NotFound;
        if (!access.IsPlanner(region.Id)) return Forbidden();
        if (year is < MinYear or > MaxYear)
            return RegisterResult.Invalid(new FieldProblem("year", $"Ange ett år mellan {MinYear} och {MaxYear}.", $"Give a year between {MinYear} and {MaxYear}."));
        if (await db.CareOfferRegisters.AnyAsync(r => r.RegionId == region.Id && r.Year == year, ct))
            return RegisterResult.Invalid(new FieldProblem("year", $"Det finns redan ett register för {year}.", $"There is already a register for {year}."));
        CareOfferRegister? source = null;
        if (copyFrom is { } from)
        {
            source = await db.CareOfferRegisters.AsNoTracking().Include(r => r.Units).SingleOrDefaultAsync(r => r.RegionId == region.Id && r.Year == from, ct);
            if (source is null)
                return RegisterResult.Invalid(new FieldProblem("copyFrom", $"Det finns inget register för {from} att kopiera.", $"There is no register for {from} to copy."));
        }
        var register = new CareOfferRegister(region, year, source is null ? EnteredSource : CopySource(source.Year), source?.IsDemo ?? false);
        foreach (var unit in source?.Units.OrderBy(u => u.Key, StringComparer.Ordinal) ?? Enumerable.Empty<CareUnit>())
            register.Units.Add(new CareUnit(register, unit.ToData()));
        Stamp(register, access);
        db.CareOfferRegisters.Add(register);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone started the same year at the same moment (the unique index on region and year).
            db.ChangeTracker.Clear();
            return RegisterResult.Invalid(new FieldProblem("year", $"Det finns redan ett register för {year}.", $"There is already a register for {year}."));
        }
        return RegisterResult.Ok(register);
    }

    public Task<RegisterResult> AddUnitAsync(RegionCode code, int year, int version, CareUnitData data, Access access, CancellationToken ct = default) =>
        ChangeAsync(code, year, version, access, ct, async (register, municipalities) =>
        {
            var problems = Validate(data, register.Units.Select(u => u.Key), municipalities);
            if (problems.Count > 0) return problems;
            register.Units.Add(new CareUnit(register, data));
            await Task.CompletedTask;
            return [];
        });

    /// <summary>Changes the unit with <paramref name="key"/>; its key may change too, to one not used by another unit of the year.</summary>
    public Task<RegisterResult> UpdateUnitAsync(RegionCode code, int year, string key, int version, CareUnitData data, Access access, CancellationToken ct = default) =>
        ChangeAsync(code, year, version, access, ct, (register, municipalities) =>
        {
            var unit = register.Units.SingleOrDefault(u => string.Equals(u.Key, key, StringComparison.OrdinalIgnoreCase));
            if (unit is null) return Task.FromResult<IReadOnlyList<FieldProblem>?>(null);
            var problems = Validate(data, register.Units.Where(u => u != unit).Select(u => u.Key), municipalities);
            if (problems.Count == 0) unit.Apply(data);
            return Task.FromResult<IReadOnlyList<FieldProblem>?>(problems);
        });

    public Task<RegisterResult> RemoveUnitAsync(RegionCode code, int year, string key, int version, Access access, CancellationToken ct = default) =>
        ChangeAsync(code, year, version, access, ct, (register, _) =>
        {
            var unit = register.Units.SingleOrDefault(u => string.Equals(u.Key, key, StringComparison.OrdinalIgnoreCase));
            if (unit is null) return Task.FromResult<IReadOnlyList<FieldProblem>?>(null);
            register.Units.Remove(unit);
            db.CareUnits.Remove(unit);
            return Task.FromResult<IReadOnlyList<FieldProblem>?>([]);
        });

    /// <summary>
    /// The rules a unit must follow, each problem naming its field: a key of 1–50 letters, digits and hyphens not used
    /// by another unit of the year (<paramref name="otherKeys"/>, compared without regard to case); a name and a
    /// specialty; known kind, level, mode and need; a municipality of the region; counts and FTEs within sane bounds.
    /// The import checks every row with the same rules.
    /// </summary>
    public static List<FieldProblem> Validate(CareUnitData d, IEnumerable<string> otherKeys, IReadOnlyDictionary<string, string> municipalities)
    {
        var problems = new List<FieldProblem>();
        var key = d.Key?.Trim() ?? "";
        if (key.Length == 0)
            problems.Add(new("key", "Ange enhetens nyckel, t.ex. SKD-HAND-YST.", "Give the unit's key, e.g. SKD-HAND-YST."));
        else if (key.Length > MaxKey || !key.All(c => char.IsLetterOrDigit(c) || c == '-'))
            problems.Add(new("key", $"Nyckeln ”{key}” ska vara 1–{MaxKey} tecken: bokstäver, siffror och bindestreck.",
                $"The key “{key}” must be 1–{MaxKey} characters: letters, digits and hyphens."));
        else if (otherKeys.Any(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)))
            problems.Add(new("key", $"Nyckeln ”{key}” används redan av en annan enhet i årets register.", $"The key “{key}” is already used by another unit of the year's register."));
        Text(problems, "name", d.Name, MaxName, "Ange enhetens namn.", "Give the unit's name.");
        Text(problems, "specialty", d.Specialty, MaxSpecialty, "Ange specialiteten, t.ex. Handkirurgi.", "Give the specialty, e.g. Handkirurgi.");
        if (!Enum.IsDefined(d.Kind)) problems.Add(new("kind", "Välj typ av enhet.", "Choose the kind of unit."));
        if (!Enum.IsDefined(d.Level)) problems.Add(new("level", "Välj vårdnivå.", "Choose the care level."));
        if (!Enum.IsDefined(d.Mode)) problems.Add(new("mode", "Välj akut, elektiv eller båda.", "Choose acute, elective or both."));
        if (!Enum.IsDefined(d.Need)) problems.Add(new("need", "Välj frekvent eller sällan förekommande behov.", "Choose frequent or rare need."));
        var municipality = d.MunicipalityId?.Trim() ?? "";
        if (!municipalities.ContainsKey(municipality))
            problems.Add(new("municipality", municipality.Length == 0 ? "Välj kommunen där enheten finns." : $"”{municipality}” är ingen kommun i regionen; ange kommunens fyrsiffriga kod, t.ex. {municipalities.Keys.FirstOrDefault() ?? "1280"}.",
                municipality.Length == 0 ? "Choose the municipality the unit is in." : $"“{municipality}” is not a municipality of the region; give its four-digit code, e.g. {municipalities.Keys.FirstOrDefault() ?? "1280"}."));
        Count(problems, "specialistPhysicians", d.SpecialistPhysicians, MaxPhysicians, "Antalet specialistläkare", "The number of specialist physicians");
        Fte(problems, "specialistPhysicianFte", d.SpecialistPhysicianFte, MaxPhysicians, "Specialistläkarnas årsarbetare", "The specialist physicians' FTEs");
        if (d.OtherStaff is { } other) Count(problems, "otherStaff", other, MaxOtherStaff, "Antalet övrig personal", "The number of other staff");
        Fte(problems, "otherStaffFte", d.OtherStaffFte, MaxOtherStaff, "Övrig personals årsarbetare", "The other staff's FTEs");
        Count(problems, "patientsPerYear", d.PatientsPerYear, MaxPatients, "Patienter per år", "Patients a year");
        Count(problems, "visitsPerYear", d.VisitsPerYear, MaxVisits, "Besök per år", "Visits a year");
        if (d.ContinuityPlanReference is { Length: > MaxPlan })
            problems.Add(new("continuityPlan", $"Kontinuitetsplanens referens får vara högst {MaxPlan} tecken.", $"The continuity plan reference may be at most {MaxPlan} characters."));
        if (d.Note is { Length: > MaxNote })
            problems.Add(new("note", $"Anteckningen får vara högst {MaxNote} tecken.", $"The note may be at most {MaxNote} characters."));
        return problems;
    }

    private static void Text(List<FieldProblem> problems, string field, string? value, int max, string sv, string en)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0) problems.Add(new(field, sv, en));
        else if (text.Length > max) problems.Add(new(field, $"Högst {max} tecken (nu {text.Length}).", $"At most {max} characters (now {text.Length})."));
    }

    private static void Count(List<FieldProblem> problems, string field, int value, int max, string sv, string en)
    {
        if (value < 0 || value > max)
            problems.Add(new(field, $"{sv} ska vara ett heltal från 0 till {max.ToString("N0", Sv)}; nu {value}.", $"{en} must be a whole number from 0 to {max.ToString("N0", En)}; now {value}."));
    }

    private static readonly System.Globalization.CultureInfo Sv = System.Globalization.CultureInfo.GetCultureInfo("sv-SE");
    private static readonly System.Globalization.CultureInfo En = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    private static void Fte(List<FieldProblem> problems, string field, decimal? value, int max, string sv, string en)
    {
        if (value is not { } v) return;
        if (v < 0 || v > max || decimal.Round(v, 2) != v)
            problems.Add(new(field, $"{sv} ska vara ett tal från 0 till {max.ToString("N0", Sv)} med högst två decimaler; nu {v.ToString(Sv)}.", $"{en} must be a number from 0 to {max.ToString("N0", En)} with at most two decimals; now {v.ToString(En)}."));
    }

    private static RegisterResult Forbidden() => new(Outcome.Forbidden, null,
        [new FieldProblem("", "Bara regionens planerare kan ändra vårdutbudsregistret.", "Only the region's planners can change the care-offer register.")]);

    internal static RegisterResult Conflict(CareOfferRegister current, int version) => new(Outcome.Conflict, current,
        [new FieldProblem("version", $"Registret för {current.Year} har ändrats av {current.UpdatedBy} sedan du öppnade det (du hade version {version}, nu är det version {current.Version}). Inget sparades; läs om och gör ändringen igen.",
            $"The {current.Year} register was changed by {current.UpdatedBy} since you opened it (you had version {version}, it is now version {current.Version}). Nothing was saved; reload and make the change again.")]);

    internal void Stamp(CareOfferRegister register, Access access)
    {
        register.UpdatedAt = time.GetUtcNow();
        register.UpdatedBy = access.Name;
    }

    /// <summary>
    /// Loads the register (tracked), checks access and version, applies the change (null: the unit is not found;
    /// problems: invalid), and saves with the version bumped.
    /// </summary>
    private async Task<RegisterResult> ChangeAsync(RegionCode code, int year, int version, Access access, CancellationToken ct,
        Func<CareOfferRegister, IReadOnlyDictionary<string, string>, Task<IReadOnlyList<FieldProblem>?>> change)
    {
        var register = await db.CareOfferRegisters.Include(r => r.Units).Include(r => r.Region)
            .SingleOrDefaultAsync(r => r.Region.Code == code && r.Year == year, ct);
        if (register is null || !access.CanRead(register.RegionId)) return RegisterResult.NotFound;
        if (!access.IsPlanner(register.RegionId)) return Forbidden();
        if (register.Version != version) return Conflict(register, version);
        var problems = await change(register, await MunicipalitiesAsync(db, code, ct));
        if (problems is null) { db.ChangeTracker.Clear(); return RegisterResult.NotFound; }
        if (problems.Count > 0) { db.ChangeTracker.Clear(); return new RegisterResult(Outcome.Invalid, register, problems); }
        register.Version++;
        Stamp(register, access);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another save went first (the version token, or the same new key at the same moment).
            db.ChangeTracker.Clear();
            var current = await GetAsync(code, year, ct);
            return current is null ? RegisterResult.NotFound : Conflict(current, version);
        }
        register.Units.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return RegisterResult.Ok(register);
    }
}
