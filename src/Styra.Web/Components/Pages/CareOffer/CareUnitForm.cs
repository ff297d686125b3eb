using System.Globalization;
using Styra.Features.CareOffer;
using Styra.Features.FollowUp;
using static Styra.Web.Lang;

namespace Styra.Web.Components.Pages.CareOffer;

/// <summary>What the unit form posts: text as typed, so that a refused save shows it back.</summary>
public sealed class CareUnitForm
{
    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? Specialty { get; set; }
    public string? Level { get; set; }
    public string? Mode { get; set; }
    public string? Need { get; set; }
    public string? Municipality { get; set; }
    public string? SpecialistPhysicians { get; set; }
    public string? SpecialistPhysicianFte { get; set; }
    public string? OtherStaff { get; set; }
    public string? OtherStaffFte { get; set; }
    public string? PatientsPerYear { get; set; }
    public string? VisitsPerYear { get; set; }
    public bool Essential { get; set; }
    public string? ContinuityPlan { get; set; }
    public string? Note { get; set; }
    public int Version { get; set; }

    public static CareUnitForm From(CareUnit u, int version) => new()
    {
        Key = u.Key, Name = u.Name, Kind = u.Kind.ToString(), Specialty = u.Specialty, Level = u.Level.ToString(), Mode = u.Mode.ToString(),
        Need = u.Need.ToString(), Municipality = u.MunicipalityId, SpecialistPhysicians = N(u.SpecialistPhysicians), SpecialistPhysicianFte = D(u.SpecialistPhysicianFte),
        OtherStaff = u.OtherStaff is { } o ? N(o) : null, OtherStaffFte = D(u.OtherStaffFte), PatientsPerYear = N(u.PatientsPerYear), VisitsPerYear = N(u.VisitsPerYear),
        Essential = u.EssentialForPreparedness, ContinuityPlan = u.ContinuityPlanReference, Note = u.Note, Version = version,
    };

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
    private static string? D(decimal? d) => d?.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The unit for the core, or the fields that could not even be read (numbers that are not numbers).</summary>
    public (CareUnitData? Data, List<FieldProblem> Problems) ToData()
    {
        var problems = new List<FieldProblem>();
        var physicians = Whole(SpecialistPhysicians, "specialistPhysicians", required: true, problems);
        var other = Whole(OtherStaff, "otherStaff", required: false, problems);
        var patients = Whole(PatientsPerYear, "patientsPerYear", required: true, problems);
        var visits = Whole(VisitsPerYear, "visitsPerYear", required: true, problems);
        var physicianFte = Decimal(SpecialistPhysicianFte, "specialistPhysicianFte", problems);
        var otherFte = Decimal(OtherStaffFte, "otherStaffFte", problems);
        // An unchosen list gives an undefined value, which the register's rules name.
        var data = new CareUnitData(Key ?? "", Name ?? "", Parse<CareUnitKind>(Kind), Specialty ?? "", Parse<CareLevel>(Level), Parse<CareMode>(Mode),
            Parse<CareNeed>(Need), Municipality ?? "", physicians ?? 0, physicianFte, other, otherFte, patients ?? 0, visits ?? 0, Essential, ContinuityPlan, Note);
        return (problems.Count > 0 ? null : data, problems);
    }

    private static T Parse<T>(string? text) where T : struct, Enum =>
        Enum.TryParse<T>(text, out var v) && Enum.IsDefined(v) ? v : (T)(object)(-1);

    private static int? Whole(string? text, string field, bool required, List<FieldProblem> problems)
    {
        var t = text?.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(t))
        {
            if (required) problems.Add(new(field, "Ange ett heltal (0 eller mer).", "Give a whole number (0 or more)."));
            return null;
        }
        if (int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
        problems.Add(new(field, $"”{text}” är inget heltal; ange t.ex. 3.", $"“{text}” is not a whole number; give e.g. 3."));
        return null;
    }

    private static decimal? Decimal(string? text, string field, List<FieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (Styra.Features.Economy.EconomyImporter.TryAmount(text, out var d)) return d;
        problems.Add(new(field, $"”{text}” är inget tal; ange t.ex. 2,5.", $"“{text}” is not a number; give e.g. 2.5."));
        return null;
    }
}

/// <summary>The register's words in the UI's language (the terms themselves are Core's <see cref="Features.CareOffer.CareOfferText"/>).</summary>
public static class CareUnitText
{
    public static string Of(CareUnitKind k) => Features.CareOffer.CareOfferText.Kind(k, IsEnglish);

    public static string Plural(CareUnitKind k) => k switch
    {
        CareUnitKind.PrimaryCareCentre => T("Vårdcentraler", "Primary care centres"),
        CareUnitKind.OutpatientClinic => T("Öppenvårdsmottagningar", "Outpatient clinics"),
        CareUnitKind.Clinic => T("Kliniker", "Clinics"),
        _ => T("Andra enheter", "Other units"),
    };

    public static string Of(CareLevel l) => Features.CareOffer.CareOfferText.Level(l, IsEnglish);

    public static string Of(CareMode m) => Features.CareOffer.CareOfferText.Mode(m, IsEnglish);

    public static string Of(CareNeed n) => Features.CareOffer.CareOfferText.Need(n, IsEnglish);

    public static string Number(int n) => n.ToString("N0", CultureInfo.CurrentCulture);

    public static string Number(decimal? d) => d?.ToString("0.##", CultureInfo.CurrentCulture) ?? "–";
}
