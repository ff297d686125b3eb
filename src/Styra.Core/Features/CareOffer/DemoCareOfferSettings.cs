using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Organisation;

namespace Styra.Features.CareOffer;

/// <summary>
/// Skåne's demo settings of the principle checks — the defaults from Bilaga 1, linked to the principle nodes of the
/// strategy, with made-up volume thresholds for three specialties — and, when the demo register of 2026 is there, a
/// fictitious proposal: concentrate hand surgery to Malmö and open a primary care centre in Perstorp.
/// Loaded after the demo register; does nothing for a region or year that is not there.
/// </summary>
public static class DemoCareOfferSettings
{
    public const string ProposalTitle = "Demo: Koncentrera handkirurgin till Malmö och öppna vårdcentral i Perstorp";

    /// <summary>Made-up thresholds (patients a year), clearly demo: no region has decided them.</summary>
    public static readonly IReadOnlyList<(string Specialty, int Min)> SpecialtyThresholds =
        [("Handkirurgi", 1000), ("Hudsjukdomar", 1500), ("Reumatologi", 800)];

    public static async Task LoadAsync(StyraDbContext db, CancellationToken ct)
    {
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == new RegionCode("12"), ct);
        if (region is null || await db.CareOfferCheckSettings.AnyAsync(s => s.RegionId == region.Id, ct)) return;
        foreach (var rule in CareOfferCheckSettings.Defaults.Checks)
            db.CareOfferCheckSettings.Add(new CareOfferCheckSetting(region, rule.Check, rule.Enabled, rule.Threshold, rule.SecondThreshold,
                rule.Principle.Title, rule.Principle.Text, rule.Principle.PlanKey, rule.Principle.NodeKey));
        foreach (var (specialty, min) in SpecialtyThresholds)
            db.SpecialtyVolumeThresholds.Add(new SpecialtyVolumeThreshold(region, specialty, min));
        await db.SaveChangesAsync(ct);

        var register = await db.CareOfferRegisters.AsNoTracking().Include(r => r.Units).SingleOrDefaultAsync(r => r.RegionId == region.Id && r.Year == 2026, ct);
        if (register is null) return;
        ProposalChangeInput[] changes =
        [
            new(ProposalChangeKind.Concentrate, "SKD-HAND-MAL", ["SKD-HAND-YST", "SKD-HAND-KRI", "SKD-HAND-HBG"]),
            new(ProposalChangeKind.Open, "SKD-VC-PER", NewUnit: new CareUnitData("SKD-VC-PER", "Demo Vårdcentral Perstorp", CareUnitKind.PrimaryCareCentre,
                "Allmänmedicin", CareLevel.Primary, CareMode.Both, CareNeed.Frequent, "1275", 4, null, null, null, 9000, 30000, false, null,
                "Demo: fiktiv ny vårdcentral.")),
        ];
        var input = new ProposalInput(ProposalTitle,
            """
            **Demo – fiktivt förslag.** Handkirurgin finns i dag på fyra orter, tre av dem med få specialistläkare och små
            patientflöden. Förslaget samlar handkirurgin på mottagningen i Malmö, så att verksamheten blir robust och
            kompetensen kan upprätthållas, och öppnar en vårdcentral i Perstorp, där primärvården i dag saknas.

            - Koncentrera mottagningarna i Ystad, Kristianstad och Helsingborg till Malmö.
            - Öppna Demo Vårdcentral Perstorp med fyra specialister i allmänmedicin.
            """, changes);
        var units = register.Units.Select(u => u.ToData()).ToList();
        // The demo register is the register helper's: if it lacks the units named here, the proposal is left out rather than broken.
        if (Proposals.Validate(input, units, await CareOfferCheckSettings.MunicipalitiesAsync(db, region.Code, ct)).Count > 0) return;
        var at = new DateTimeOffset(2025, 11, 20, 8, 0, 0, TimeSpan.Zero); // 09:00 Swedish time
        var proposal = new CareOfferProposal(region, 2026, input.Title!, "demo: planerare", at) { Description = input.Description!.Trim() };
        var order = 1;
        foreach (var c in changes)
            proposal.Changes.Add(new ProposalChange(proposal, order++, c.Kind, c.UnitKey!)
            {
                SourceUnitKeys = c.SourceUnitKeys?.ToList() ?? [],
                NewUnitJson = c.NewUnit is null ? null : System.Text.Json.JsonSerializer.Serialize(c.NewUnit, Proposals.Json),
            });
        db.CareOfferProposals.Add(proposal);
        await db.SaveChangesAsync(ct);
    }
}
