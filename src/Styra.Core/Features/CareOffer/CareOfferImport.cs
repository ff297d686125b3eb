using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.Economy;
using Styra.Features.Indicators;
using Styra.Features.Indicators.Imports;
using Styra.Features.Organisation;

namespace Styra.Features.CareOffer;

/// <summary>What an import did to the year's register: units before and after, and how many were added, changed, removed.</summary>
public sealed record CareOfferImportSummary(int Year, int Before, int After, int Added, int Changed, int Removed, int Unchanged);

public sealed record CareOfferImportResult(CareOfferImportSummary? Summary, IReadOnlyList<ImportProblem> Errors)
{
    public bool Succeeded => Summary is not null && Errors.Count == 0;
}

/// <summary>
/// The register file (docs/care-offer.md): one care unit per row, Swedish column names (English accepted), in any order.
/// The same columns are written by the export, so an exported file imports back unchanged.
/// </summary>
public static class CareOfferColumns
{
    /// <summary>A column: the field it fills (as <see cref="FieldProblem.Field"/> names it), its Swedish header, the other names accepted, and whether it must be there.</summary>
    public sealed record Column(string Field, string Header, string[] Aliases, bool Required, string Expected);

    public static readonly IReadOnlyList<Column> All =
    [
        new("key", "nyckel", ["key"], true, "the unit's key: 1–50 letters, digits and hyphens, unique in the file, e.g. SKD-HAND-YST"),
        new("name", "namn", ["name"], true, "the unit's name"),
        new("kind", "typ", ["kind"], true, "vårdcentral, mottagning, klinik or annan"),
        new("specialty", "specialitet", ["specialty"], true, "the specialty, e.g. Handkirurgi"),
        new("level", "vårdnivå", ["level", "vardniva"], true, "primärvård (or nära vård), lokal, regional or nationell"),
        new("mode", "akut_elektiv", ["mode"], true, "akut, elektiv or båda"),
        new("need", "behov", ["need"], true, "frekvent or sällan"),
        new("municipality", "kommun", ["municipality"], true, "the municipality's four-digit code (1280) or its name (Malmö)"),
        new("specialistPhysicians", "specialistläkare", ["specialist_physicians", "specialistlakare"], true, "a whole number ≥ 0"),
        new("specialistPhysicianFte", "specialistläkare_åa", ["specialist_physician_fte", "specialistlakare_aa"], false, "empty, or a number ≥ 0 such as 2,5"),
        new("otherStaff", "övrig_personal", ["other_staff", "ovrig_personal"], false, "empty, or a whole number ≥ 0"),
        new("otherStaffFte", "övrig_personal_åa", ["other_staff_fte", "ovrig_personal_aa"], false, "empty, or a number ≥ 0 such as 12,4"),
        new("patientsPerYear", "patienter_per_år", ["patients_per_year", "patienter_per_ar"], true, "a whole number ≥ 0"),
        new("visitsPerYear", "besök_per_år", ["visits_per_year", "besok_per_ar"], true, "a whole number ≥ 0"),
        new("essential", "beredskapskritisk", ["essential"], true, "ja or nej"),
        new("continuityPlan", "kontinuitetsplan", ["continuity_plan"], false, "empty, or the continuity plan's reference, e.g. KP-2025-014"),
        new("note", "anteckning", ["note"], false, "empty, or a note"),
    ];

    public static string Header => string.Join(';', All.Select(c => c.Header));

    public static string Expected => string.Join(", ", All.Where(c => c.Required).Select(c => c.Header)) + " (required) and "
        + string.Join(", ", All.Where(c => !c.Required).Select(c => c.Header)) + " (optional)";

    /// <summary>The column a header names: its Swedish or English name, any case, spaces or hyphens for underscores.</summary>
    public static Column? Find(string header)
    {
        var h = header.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
        return All.FirstOrDefault(c => c.Header == h || c.Aliases.Contains(h));
    }

    public static string Name(CareUnitKind kind) => kind switch
    {
        CareUnitKind.PrimaryCareCentre => "vårdcentral",
        CareUnitKind.OutpatientClinic => "mottagning",
        CareUnitKind.Clinic => "klinik",
        _ => "annan",
    };

    public static string Name(CareLevel level) => level switch
    {
        CareLevel.Primary => "primärvård",
        CareLevel.Local => "lokal",
        CareLevel.Regional => "regional",
        _ => "nationell",
    };

    public static string Name(CareMode mode) => mode switch { CareMode.Acute => "akut", CareMode.Elective => "elektiv", _ => "båda" };

    public static string Name(CareNeed need) => need == CareNeed.Frequent ? "frekvent" : "sällan";

    public static CareUnitKind? Kind(string? text) => Norm(text) switch
    {
        "vårdcentral" or "vc" or "primary_care_centre" or "primarycarecentre" or "primary_care_center" => CareUnitKind.PrimaryCareCentre,
        "mottagning" or "öppenvårdsmottagning" or "outpatient_clinic" or "outpatientclinic" => CareUnitKind.OutpatientClinic,
        "klinik" or "clinic" => CareUnitKind.Clinic,
        "annan" or "other" => CareUnitKind.Other,
        _ => null,
    };

    public static CareLevel? Level(string? text) => Norm(text) switch
    {
        "primärvård" or "nära_vård" or "primärvård/nära_vård" or "primary" or "primary_care" => CareLevel.Primary,
        "lokal" or "local" => CareLevel.Local,
        "regional" => CareLevel.Regional,
        "nationell" or "national" or "nationell_högspecialiserad" or "nationell_högspecialiserad_vård" => CareLevel.National,
        _ => null,
    };

    public static CareMode? Mode(string? text) => Norm(text) switch
    {
        "akut" or "acute" => CareMode.Acute,
        "elektiv" or "elective" => CareMode.Elective,
        "båda" or "both" or "akut_och_elektiv" => CareMode.Both,
        _ => null,
    };

    public static CareNeed? Need(string? text) => Norm(text) switch
    {
        "frekvent" or "frequent" or "återkommande" => CareNeed.Frequent,
        "sällan" or "rare" or "sällsynt" or "sällan_förekommande" => CareNeed.Rare,
        _ => null,
    };

    public static bool? YesNo(string? text) => Norm(text) switch
    {
        "ja" or "yes" or "true" or "1" or "sant" or "x" => true,
        "nej" or "no" or "false" or "0" or "falskt" => false,
        _ => null,
    };

    private static string Norm(string? text) => (text ?? "").Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
}

/// <summary>
/// Imports a year's register from CSV (semicolon or comma, UTF-8 with or without BOM) or Excel (.xlsx, the first
/// sheet). Every row is read and checked with the same rules as the form (<see cref="CareOfferRegisters.Validate"/>);
/// any problem and nothing is written. Otherwise the file replaces the year's units in one transaction: units are
/// matched by key (changed in place), the ones the file lacks are removed, new ones added. A year without a register
/// is started by the import.
/// </summary>
public sealed class CareOfferImporter(StyraDbContext db, TimeProvider time)
{
    private sealed record Row(string Where, CareUnitData Data);

    public async Task<CareOfferImportResult> ImportAsync(RegionCode code, int year, ImportFile file, Access access, CancellationToken ct = default)
    {
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null || !access.CanRead(region.Id)) return Failed(new ImportProblem(file.Name, null, $"there is no region {code}"));
        if (!access.IsPlanner(region.Id)) return Failed(new ImportProblem(file.Name, null, "only the region's planners can import the care-offer register; nothing was imported"));
        if (year is < CareOfferRegisters.MinYear or > CareOfferRegisters.MaxYear)
            return Failed(new ImportProblem(file.Name, null, $"{year} is not a year of a register; expected {CareOfferRegisters.MinYear}–{CareOfferRegisters.MaxYear}"));
        var municipalities = await CareOfferRegisters.MunicipalitiesAsync(db, code, ct);
        var problems = new ImportProblems();
        var rows = new List<Row>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await using (var stream = file.Open())
        {
            var rowsRead = TableFile.ReadAsync(file.Name, stream, CareOfferColumns.Expected, (header, locate) => MapHeader(file.Name, header, locate, problems), problems, ct);
            await foreach (var (where, locate, cell) in rowsRead)
            {
                if (Parse(file.Name, locate, cell, municipalities, problems) is not { } data) continue;
                if (seen.TryGetValue(data.Key.Trim(), out var first))
                {
                    problems.Add(file.Name, locate("key"), $"the key '{data.Key.Trim()}' appears twice: at {first} and at {where}; give each unit one row with a key of its own");
                    continue;
                }
                seen[data.Key.Trim()] = where;
                rows.Add(new Row(where, data));
            }
        }
        if (problems.Any) return Failed(problems.ToList());
        if (rows.Count == 0) return Failed(new ImportProblem(file.Name, null, "the file has no rows after the header; expected one care unit per row"));
        try
        {
            return await Atomic.RunAsync(db, async () =>
            {
                var register = await db.CareOfferRegisters.Include(r => r.Units).SingleOrDefaultAsync(r => r.RegionId == region.Id && r.Year == year, ct);
                if (register is null)
                {
                    register = new CareOfferRegister(await db.Regions.SingleAsync(r => r.Id == region.Id, ct), year, "", false);
                    db.CareOfferRegisters.Add(register);
                }
                else register.Version++;
                var before = register.Units.Count;
                var byKey = register.Units.ToDictionary(u => u.Key, StringComparer.OrdinalIgnoreCase);
                int added = 0, changed = 0, unchanged = 0;
                foreach (var row in rows)
                {
                    if (byKey.Remove(row.Data.Key.Trim(), out var unit))
                    {
                        if (unit.ToData() == Normalised(row.Data)) unchanged++;
                        else { unit.Apply(row.Data); changed++; }
                    }
                    else
                    {
                        register.Units.Add(new CareUnit(register, row.Data));
                        added++;
                    }
                }
                foreach (var gone in byKey.Values)
                {
                    register.Units.Remove(gone);
                    db.CareUnits.Remove(gone);
                }
                register.Source = $"Import: {file.Name}";
                register.IsDemo = false;
                register.UpdatedAt = time.GetUtcNow();
                register.UpdatedBy = access.Name;
                await db.SaveChangesAsync(ct);
                return (new CareOfferImportResult(new CareOfferImportSummary(year, before, rows.Count, added, changed, byKey.Count, unchanged), []), true);
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Failed(new ImportProblem(file.Name, null, $"someone changed the {year} register while the file was imported; nothing was imported, import it again"));
        }
        catch (DbUpdateException e)
        {
            return Failed(new ImportProblem(file.Name, null, $"the database refused the change ({(e.InnerException ?? e).Message.Trim()}); nothing was imported"));
        }
    }

    /// <summary>The data as a unit stores it (trimmed, empty texts as null), to tell a changed row from an unchanged one.</summary>
    private static CareUnitData Normalised(CareUnitData d) => d with
    {
        Key = d.Key.Trim(), Name = d.Name.Trim(), Specialty = d.Specialty.Trim(), MunicipalityId = d.MunicipalityId.Trim(),
        ContinuityPlanReference = string.IsNullOrWhiteSpace(d.ContinuityPlanReference) ? null : d.ContinuityPlanReference.Trim(),
        Note = string.IsNullOrWhiteSpace(d.Note) ? null : d.Note.Trim(),
    };

    private static CareUnitData? Parse(string file, Func<string, string> locate, Func<string, string?> cell,
        IReadOnlyDictionary<string, string> municipalities, ImportProblems problems)
    {
        var before = problems.All.Count + problems.Omitted;
        void Bad(string field, string message) => problems.Add(file, locate(field), message);
        string Expect(string field) => CareOfferColumns.All.Single(c => c.Field == field).Expected;

        T Choice<T>(string field, Func<string?, T?> parse) where T : struct
        {
            var text = cell(field);
            if (parse(text) is { } value) return value;
            Bad(field, $"'{text?.Trim()}' is not understood; expected {Expect(field)}");
            return default;
        }

        int Whole(string field)
        {
            var text = cell(field);
            if (Integer(text) is { } n) return n;
            Bad(field, $"'{text?.Trim()}' is not a whole number; expected {Expect(field)}");
            return 0;
        }

        int? OptionalWhole(string field)
        {
            var text = cell(field);
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (Integer(text) is { } n) return n;
            Bad(field, $"'{text.Trim()}' is not a whole number; expected {Expect(field)}");
            return null;
        }

        decimal? OptionalDecimal(string field)
        {
            var text = cell(field);
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (EconomyImporter.TryAmount(text, out var d)) return d;
            Bad(field, $"'{text.Trim()}' is not a number; expected {Expect(field)}");
            return null;
        }

        var kind = Choice("kind", CareOfferColumns.Kind);
        var level = Choice("level", CareOfferColumns.Level);
        var mode = Choice("mode", CareOfferColumns.Mode);
        var need = Choice("need", CareOfferColumns.Need);
        var physicians = Whole("specialistPhysicians");
        var physicianFte = OptionalDecimal("specialistPhysicianFte");
        var other = OptionalWhole("otherStaff");
        var otherFte = OptionalDecimal("otherStaffFte");
        var patients = Whole("patientsPerYear");
        var visits = Whole("visitsPerYear");
        var essential = Choice("essential", CareOfferColumns.YesNo);
        // A municipality may be given by name; it is stored by its Kolada code.
        var municipality = cell("municipality")?.Trim() ?? "";
        var byName = municipalities.FirstOrDefault(m => string.Equals(m.Value, municipality, StringComparison.CurrentCultureIgnoreCase));
        if (byName.Key is not null) municipality = byName.Key;
        var data = new CareUnitData(cell("key")?.Trim() ?? "", cell("name")?.Trim() ?? "", kind, cell("specialty")?.Trim() ?? "", level, mode, need, municipality,
            physicians, physicianFte, other, otherFte, patients, visits, essential, cell("continuityPlan"), cell("note"));
        var read = problems.All.Count + problems.Omitted == before;
        // The form's rules, each problem at its column (fields already reported as unreadable are not reported again).
        foreach (var p in CareOfferRegisters.Validate(data, [], municipalities))
        {
            if (!read && p.Field is "kind" or "level" or "mode" or "need" or "specialistPhysicians" or "specialistPhysicianFte" or "otherStaff"
                or "otherStaffFte" or "patientsPerYear" or "visitsPerYear") continue;
            Bad(p.Field, char.ToLowerInvariant(p.English[0]) + p.English[1..].TrimEnd('.') + $"; expected {Expect(p.Field)}");
        }
        return problems.All.Count + problems.Omitted == before ? data : null;
    }

    private static int? Integer(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal).Replace("\u202F", "", StringComparison.Ordinal)
            .Replace('\u2212', '-');
        if (int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
        // Excel's numbers arrive as doubles ("300" or "300.0"): whole ones are accepted.
        return double.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
            && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue ? (int)d : null;
    }

    private static Dictionary<string, int>? MapHeader(string file, IReadOnlyList<string> header, Func<int, string> locate, ImportProblems problems)
    {
        var index = new Dictionary<string, int>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (CareOfferColumns.Find(name) is not { } known) problems.Add(file, locate(i), $"unknown column '{name}'; expected {CareOfferColumns.Expected}");
            else if (!index.TryAdd(known.Field, i)) problems.Add(file, locate(i), $"the column '{name}' appears twice");
        }
        foreach (var c in CareOfferColumns.All.Where(c => c.Required && !index.ContainsKey(c.Field)))
            problems.Add(file, "row 1 (header)", $"missing column '{c.Header}' ({c.Aliases[0]}): {c.Expected}");
        return problems.Any ? null : index;
    }

    private static CareOfferImportResult Failed(params IEnumerable<ImportProblem> errors) => new(null, errors.ToList());
}

/// <summary>The register as a CSV file (semicolon-separated, UTF-8 with BOM for Excel) with the import's Swedish headers.</summary>
public static class CareOfferCsv
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>An empty register file: the header row only.</summary>
    public static byte[] Template() => Encode(CareOfferColumns.Header + "\r\n");

    public static byte[] Write(IEnumerable<CareUnit> units)
    {
        var text = new StringBuilder(CareOfferColumns.Header).Append("\r\n");
        foreach (var u in units)
        {
            string[] cells =
            [
                u.Key, u.Name, CareOfferColumns.Name(u.Kind), u.Specialty, CareOfferColumns.Name(u.Level), CareOfferColumns.Name(u.Mode),
                CareOfferColumns.Name(u.Need), u.MunicipalityId, Int(u.SpecialistPhysicians), Dec(u.SpecialistPhysicianFte), u.OtherStaff is { } o ? Int(o) : "",
                Dec(u.OtherStaffFte), Int(u.PatientsPerYear), Int(u.VisitsPerYear), u.EssentialForPreparedness ? "ja" : "nej",
                u.ContinuityPlanReference ?? "", u.Note ?? "",
            ];
            text.AppendJoin(';', cells.Select(Quote)).Append("\r\n");
        }
        return Encode(text.ToString());
    }

    private static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Dec(decimal? d) => d?.ToString("0.##", Swedish) ?? "";

    private static string Quote(string cell) =>
        cell.IndexOfAny([';', '"', '\n', '\r', ',']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    private static byte[] Encode(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
}
