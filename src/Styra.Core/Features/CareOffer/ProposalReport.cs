using System.Globalization;
using Styra.Features.Accounts;
using Styra.Features.FollowUp;
using Styra.Features.Organisation;
using Styra.Features.Reports;

namespace Styra.Features.CareOffer;

/// <summary>The care offer's terms in Swedish and English, for pages and the decision basis alike.</summary>
public static class CareOfferText
{
    public static string Level(CareLevel l, bool en) => l switch
    {
        CareLevel.Primary => en ? "Primary care / nära vård" : "Primärvård/nära vård",
        CareLevel.Local => en ? "Local" : "Lokal",
        CareLevel.Regional => en ? "Regional" : "Regional",
        _ => en ? "National high-specialised" : "Nationell högspecialiserad",
    };

    public static string Kind(CareUnitKind k, bool en) => k switch
    {
        CareUnitKind.PrimaryCareCentre => en ? "Primary care centre" : "Vårdcentral",
        CareUnitKind.OutpatientClinic => en ? "Outpatient clinic" : "Öppenvårdsmottagning",
        CareUnitKind.Clinic => en ? "Clinic" : "Klinik",
        _ => en ? "Other" : "Annan",
    };

    public static string Mode(CareMode m, bool en) => m switch
    {
        CareMode.Acute => en ? "Acute" : "Akut",
        CareMode.Elective => en ? "Elective" : "Elektiv",
        _ => en ? "Acute and elective" : "Akut och elektiv",
    };

    public static string Need(CareNeed n, bool en) => n == CareNeed.Frequent ? en ? "Frequent" : "Frekvent" : en ? "Rare" : "Sällan";

    public static string ChangeKind(ProposalChangeKind k, bool en) => k switch
    {
        ProposalChangeKind.Concentrate => en ? "Concentrate" : "Koncentrera",
        ProposalChangeKind.Move => en ? "Move" : "Flytta",
        ProposalChangeKind.Open => en ? "Open" : "Öppna",
        _ => en ? "Close" : "Stänga",
    };

    /// <summary>A change in a sentence, with the units' names where the register knows them.</summary>
    public static string Describe(ProposalChangeInput c, Func<string, string> unitName, Func<string, string> municipality, bool en)
    {
        var unit = c.UnitKey is { } k ? unitName(k) : "";
        switch (c.Kind)
        {
            case ProposalChangeKind.Concentrate:
                var sources = string.Join(", ", (c.SourceUnitKeys ?? []).Select(unitName));
                return en ? $"Concentrate {sources} into {unit}." : $"Koncentrera {sources} till {unit}.";
            case ProposalChangeKind.Move:
                var parts = new List<string>();
                if (!string.IsNullOrWhiteSpace(c.NewMunicipalityId)) parts.Add(en ? $"to {municipality(c.NewMunicipalityId)}" : $"till {municipality(c.NewMunicipalityId)}");
                if (c.NewLevel is { } l) parts.Add(en ? $"to care level {Level(l, true)}" : $"till vårdnivå {Level(l, false).ToLower(CultureInfo.GetCultureInfo("sv-SE"))}");
                return en ? $"Move {unit} {string.Join(" and ", parts)}." : $"Flytta {unit} {string.Join(" och ", parts)}.";
            case ProposalChangeKind.Open when c.NewUnit is { } u:
                return en
                    ? $"Open {u.Name} ({u.Key}): {Kind(u.Kind, true).ToLowerInvariant()}, {u.Specialty}, {Level(u.Level, true)}, {municipality(u.MunicipalityId)}; {CareOfferChecks.N(u.SpecialistPhysicians)} specialist physicians, {CareOfferChecks.N(u.PatientsPerYear)} patients a year."
                    : $"Öppna {u.Name} ({u.Key}): {Kind(u.Kind, false).ToLower(CultureInfo.GetCultureInfo("sv-SE"))}, {u.Specialty}, {Level(u.Level, false)}, {municipality(u.MunicipalityId)}; {CareOfferChecks.N(u.SpecialistPhysicians)} specialistläkare, {CareOfferChecks.N(u.PatientsPerYear)} patienter per år.";
            default:
                return en ? $"Close {unit}." : $"Stäng {unit}.";
        }
    }

    /// <summary>A unit's figures in a line: level, municipality, physicians, patients.</summary>
    public static string Figures(CareUnitData u, Func<string, string> municipality, bool en) => en
        ? $"{Level(u.Level, true)}, {municipality(u.MunicipalityId)}; {CareOfferChecks.N(u.SpecialistPhysicians)} specialist physicians, {CareOfferChecks.N(u.PatientsPerYear)} patients, {CareOfferChecks.N(u.VisitsPerYear)} visits a year"
        : $"{Level(u.Level, false)}, {municipality(u.MunicipalityId)}; {CareOfferChecks.N(u.SpecialistPhysicians)} specialistläkare, {CareOfferChecks.N(u.PatientsPerYear)} patienter, {CareOfferChecks.N(u.VisitsPerYear)} besök per år";
}

/// <summary>
/// A proposal's decision basis (beslutsunderlag) as a report document — the proposal, its changes, the principle
/// checks before and after, the findings it resolves and brings with the principles they cite, and the units changed —
/// written as DOCX and PDF by the report writers every other report uses.
/// </summary>
public sealed class ProposalReport(Proposals proposals, TimeProvider time)
{
    public async Task<ReportFile?> WriteAsync(RegionCode code, int year, int id, ReportFormat format, Access access, CancellationToken ct = default)
    {
        var comparison = await proposals.CompareAsync(code, year, id, access, ct);
        return comparison is null ? null : Reports.Reports.Write(Build(comparison, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Deadlines.Stockholm).DateTime)), format);
    }

    public static ReportDocument Build(ProposalComparison c, DateOnly date)
    {
        var p = c.Proposal;
        var before = c.Before;
        string UnitName(string key) => before.Units.Concat(c.After.Units).FirstOrDefault(u => string.Equals(u.Key, key, StringComparison.OrdinalIgnoreCase))?.Name ?? key;
        var blocks = new List<Block>();

        blocks.Add(new Heading(1, "Förslaget"));
        if (before.Register.IsDemo)
            blocks.Add(Paragraph.Of($"Demo – fiktiva uppgifter: registret och förslaget är påhittade och beskriver inte {before.RegionName}s verkliga vårdutbud.", TextStyle.Note));
        blocks.AddRange(ReportMarkdown.Blocks(p.Description));
        blocks.Add(Paragraph.Of($"Förslaget ändrar registret över vårdutbudet {p.Year} ({CareOfferChecks.N(before.Register.UnitCount)} enheter; källa: {before.Register.Source}). "
            + $"Skapat av {p.CreatedBy} {Deadlines.Today(p.CreatedAt):yyyy-MM-dd}, senast ändrat {Deadlines.Today(p.UpdatedAt):yyyy-MM-dd} (version {p.Version}).", TextStyle.Note));

        blocks.Add(new Heading(1, "Ändringar"));
        blocks.Add(p.Changes.Count == 0
            ? Paragraph.Of("Förslaget har ännu inga ändringar.")
            : new BulletList(p.Changes.Select(ch => (IReadOnlyList<Inline>)[new Inline(CareOfferText.Describe(ch, UnitName, before.Municipality, false))]).ToList(), Numbered: true));
        foreach (var problem in c.Problems)
            blocks.Add(Paragraph.Of($"Obs: {problem.Swedish} Ändringen hoppas över.", TextStyle.Note));

        blocks.Add(new Heading(1, "Principkontroller före och efter"));
        blocks.Add(Paragraph.Of("Antal fynd per kontroll i registret som det är (Före) och med förslagets ändringar (Efter). Lösta: fynd som försvinner; Nya: fynd som förslaget ger upphov till; "
            + "Kvarstår: fynd som finns både före och efter; Ändrade: de av dem vars siffror ändras."));
        blocks.Add(new Table("Principkontroller före och efter förslaget",
            [new Column("Kontroll", Weight: 2.2), new Column("Princip", Weight: 1.8), new Column("Före", true, 0.65), new Column("Efter", true, 0.65),
                new Column("Lösta", true, 0.65), new Column("Nya", true, 0.6), new Column("Kvarstår", true, 1), new Column("Ändrade", true, 1)],
            c.Checks.Select(x => (IReadOnlyList<string>)(x.Rule.Enabled
                ? [CareOfferChecks.Name(x.Check, false), x.Rule.Principle.Title, N(x.Before), N(x.After), N(x.Resolved.Count), N(x.New.Count), N(x.Remaining.Count), N(x.Changed.Count)]
                : [CareOfferChecks.Name(x.Check, false), x.Rule.Principle.Title, "Inte aktiverad", "–", "–", "–", "–", "–"])).ToList()));
        var total = (Before: c.Checks.Sum(x => x.Before), After: c.Checks.Sum(x => x.After));
        blocks.Add(Paragraph.Of($"Sammanlagt {N(total.Before)} fynd före och {N(total.After)} efter förslaget."));

        Findings(blocks, "Fynd som förslaget löser", "Förslaget löser inga fynd.", c.Checks, x => x.Resolved.Select(f => f.Swedish).ToList());
        Findings(blocks, "Nya fynd med förslaget", "Förslaget ger inga nya fynd.", c.Checks, x => x.New.Select(f => f.Swedish).ToList());
        Findings(blocks, "Fynd som ändras", "Inga kvarstående fynd ändras.", c.Checks, x => x.Changed.Select(f => $"{f.Before.Swedish} → {f.After.Swedish}").ToList());
        Findings(blocks, "Fynd som kvarstår oförändrade", "Inga fynd kvarstår oförändrade.", c.Checks,
            x => x.Remaining.Where(f => !f.IsChanged).Select(f => f.After.Swedish).ToList());

        blocks.Add(new Heading(1, "Enheter som ändras"));
        blocks.Add(c.UnitChanges.Count == 0
            ? Paragraph.Of("Inga enheter ändras.")
            : new Table("Enheter före och efter förslaget", [new Column("Enhet", Weight: 1.6), new Column("Före", Weight: 2.2), new Column("Efter", Weight: 2.2)],
                c.UnitChanges.Select(u => (IReadOnlyList<string>)[$"{u.Name} ({u.Key})",
                    u.Before is null ? "Finns inte (öppnas)" : CareOfferText.Figures(u.Before, before.Municipality, false),
                    u.After is null ? "Stängs eller slås ihop" : CareOfferText.Figures(u.After, before.Municipality, false)]).ToList()));

        var figures = c.Checks.Where(x => x.Rule.Enabled).SelectMany(x => new[]
        {
            new TraceRow("Principkontroller", CareOfferChecks.Name(x.Check, false), p.Year.ToString(CultureInfo.InvariantCulture), x.Before, "fynd", "Principkontroll",
                $"Registret över vårdutbudet {p.Year}", $"/regions/{p.RegionCode}/care-offer/{p.Year}/checks"),
            new TraceRow("Principkontroller", CareOfferChecks.Name(x.Check, false) + " efter förslaget", p.Year.ToString(CultureInfo.InvariantCulture), x.After, "fynd", "Principkontroll",
                $"Förslag {p.Id}: {p.Title}", $"/regions/{p.RegionCode}/care-offer/{p.Year}/proposals/{p.Id}"),
        }).ToList();

        return new ReportDocument(before.RegionCode, before.RegionName, "Beslutsunderlag", p.Title, $"Vårdutbud {p.Year}", date,
            $"Registret över vårdutbudet {p.Year} och regionens vägledande principer", null, false, blocks, figures)
        {
            PlanLabel = "Underlag",
            CoverNote = before.Register.IsDemo
                ? "Demo – fiktiva uppgifter. Beslutsunderlag: principkontrollerna före och efter förslaget."
                : "Beslutsunderlag: principkontrollerna före och efter förslaget.",
        };
    }

    private static void Findings(List<Block> blocks, string heading, string none, IReadOnlyList<FindingComparison> checks, Func<FindingComparison, IReadOnlyList<string>> pick)
    {
        blocks.Add(new Heading(1, heading));
        var any = false;
        foreach (var x in checks.Where(x => pick(x).Count > 0))
        {
            any = true;
            blocks.Add(new Heading(2, $"{CareOfferChecks.Name(x.Check, false)} ({N(pick(x).Count)})"));
            blocks.Add(new Paragraph([new Inline($"Princip: {x.Rule.Principle.Title}. ", Bold: true), new Inline($"”{x.Rule.Principle.Text}”", Italic: true)], TextStyle.Note));
            blocks.Add(new BulletList(pick(x).Select(text => (IReadOnlyList<Inline>)[new Inline(text)]).ToList(), Numbered: false));
        }
        if (!any) blocks.Add(Paragraph.Of(none));
    }

    private static string N(int n) => CareOfferChecks.N(n);
}
