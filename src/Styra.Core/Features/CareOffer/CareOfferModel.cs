using Styra.Features.Audit;
using Styra.Features.Organisation;

namespace Styra.Features.CareOffer;

/// <summary>Vårdnivå: where in the care structure a unit's care is given.</summary>
public enum CareLevel
{
    /// <summary>Primärvård / nära vård.</summary>
    Primary,
    /// <summary>Lokal: a local hospital's or clinic's care.</summary>
    Local,
    /// <summary>Regional: care concentrated to one or a few places in the region.</summary>
    Regional,
    /// <summary>Nationell högspecialiserad vård.</summary>
    National,
}

/// <summary>What kind of care unit it is.</summary>
public enum CareUnitKind
{
    /// <summary>Vårdcentral (primary care centre).</summary>
    PrimaryCareCentre,
    /// <summary>Specialiserad öppenvårdsmottagning: the kind the robustness principle speaks of.</summary>
    OutpatientClinic,
    /// <summary>Klinik (specialised care with beds).</summary>
    Clinic,
    Other,
}

/// <summary>Akut or elektiv vård (or both at the same unit).</summary>
public enum CareMode { Acute, Elective, Both }

/// <summary>Whether the need the unit serves is frequent and recurring (närhet) or rare (koncentration).</summary>
public enum CareNeed { Frequent, Rare }

/// <summary>
/// The region's register of its care offer (vårdutbud) for one year: the care units as they are that year. Each year
/// is its own register, so last year's stays readable; a new year usually starts as a copy of the one before.
/// </summary>
public sealed class CareOfferRegister : IAudited
{
    private CareOfferRegister() { }

    public CareOfferRegister(Region region, int year, string source, bool isDemo)
    {
        Region = region;
        RegionId = region.Id;
        Year = year;
        Source = source;
        IsDemo = isDemo;
        Version = 1;
    }

    public int Id { get; private set; }
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;
    public int Year { get; private set; }

    /// <summary>Where the register's content comes from (an import file's name, "Inmatat", "Kopia av 2025").</summary>
    public string Source { get; internal set; } = "";

    /// <summary>Fictitious demo content: every page that shows it says so.</summary>
    public bool IsDemo { get; internal set; }
    public DateTimeOffset UpdatedAt { get; internal set; }
    public string UpdatedBy { get; internal set; } = "";

    /// <summary>Bumped by every change to the register or its units (optimistic concurrency: no lost updates).</summary>
    public int Version { get; internal set; }

    public List<CareUnit> Units { get; private set; } = [];

    int? IAudited.AuditRegionId => RegionId;
}

/// <summary>
/// A care unit of the register (mottagning, klinik, vårdcentral). <see cref="Key"/> stays the same across years, so
/// one year's register can be compared with another's and a proposal can name the units it changes.
/// </summary>
public sealed class CareUnit : IAudited
{
    private CareUnit() { }

    public CareUnit(CareOfferRegister register, CareUnitData data)
    {
        Register = register;
        Apply(data);
    }

    public int Id { get; private set; }
    public int RegisterId { get; private set; }
    public CareOfferRegister Register { get; private set; } = null!;

    public string Key { get; private set; } = "";
    public string Name { get; private set; } = "";
    public CareUnitKind Kind { get; private set; }
    public string Specialty { get; private set; } = "";
    public CareLevel Level { get; private set; }
    public CareMode Mode { get; private set; }
    public CareNeed Need { get; private set; }

    /// <summary>The municipality the unit is in, as a Kolada area id ("1280" Malmö).</summary>
    public string MunicipalityId { get; private set; } = "";

    /// <summary>Specialist physicians (specialistläkare) at the unit, as a head count.</summary>
    public int SpecialistPhysicians { get; private set; }
    /// <summary>The same as full-time equivalents (årsarbetare), when known.</summary>
    public decimal? SpecialistPhysicianFte { get; private set; }
    public int? OtherStaff { get; private set; }
    public decimal? OtherStaffFte { get; private set; }

    /// <summary>Unique patients a year.</summary>
    public int PatientsPerYear { get; private set; }
    public int VisitsPerYear { get; private set; }

    /// <summary>Essential for peacetime crises, heightened preparedness and war (beredskap).</summary>
    public bool EssentialForPreparedness { get; private set; }
    /// <summary>The reference of the unit's continuity plan (kontinuitetsplan), e.g. a document number.</summary>
    public string? ContinuityPlanReference { get; private set; }
    public string? Note { get; private set; }

    public CareUnitData ToData() => new(Key, Name, Kind, Specialty, Level, Mode, Need, MunicipalityId,
        SpecialistPhysicians, SpecialistPhysicianFte, OtherStaff, OtherStaffFte, PatientsPerYear, VisitsPerYear,
        EssentialForPreparedness, ContinuityPlanReference, Note);

    public void Apply(CareUnitData d)
    {
        Key = d.Key.Trim();
        Name = d.Name.Trim();
        Kind = d.Kind;
        Specialty = d.Specialty.Trim();
        Level = d.Level;
        Mode = d.Mode;
        Need = d.Need;
        MunicipalityId = d.MunicipalityId.Trim();
        SpecialistPhysicians = d.SpecialistPhysicians;
        SpecialistPhysicianFte = d.SpecialistPhysicianFte;
        OtherStaff = d.OtherStaff;
        OtherStaffFte = d.OtherStaffFte;
        PatientsPerYear = d.PatientsPerYear;
        VisitsPerYear = d.VisitsPerYear;
        EssentialForPreparedness = d.EssentialForPreparedness;
        ContinuityPlanReference = string.IsNullOrWhiteSpace(d.ContinuityPlanReference) ? null : d.ContinuityPlanReference.Trim();
        Note = string.IsNullOrWhiteSpace(d.Note) ? null : d.Note.Trim();
    }

    int? IAudited.AuditRegionId => Register?.RegionId is > 0 ? Register.RegionId : Register?.Region?.Id;
}

/// <summary>
/// A care unit's data, detached from the database: what the checks read, what an import row or a form becomes, and
/// what a proposal's "after" is made of.
/// </summary>
public sealed record CareUnitData(
    string Key,
    string Name,
    CareUnitKind Kind,
    string Specialty,
    CareLevel Level,
    CareMode Mode,
    CareNeed Need,
    string MunicipalityId,
    int SpecialistPhysicians,
    decimal? SpecialistPhysicianFte,
    int? OtherStaff,
    decimal? OtherStaffFte,
    int PatientsPerYear,
    int VisitsPerYear,
    bool EssentialForPreparedness,
    string? ContinuityPlanReference,
    string? Note);
