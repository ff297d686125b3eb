using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Organisation;

namespace Styra.Features.ActionPlans;

/// <summary>
/// Skåne's handlingsplan for the demo: the revisions 2025 (followed up at year end) and 2026, with fictitious initiatives
/// tagged across the seven insatsområden and five fokusförflyttningar of <i>Strategi för Framtidens hälsosystem</i>.
/// Every title starts with "Demo:"; none of it is Region Skåne's. 2026 differs from 2025 in every way the comparison
/// shows: initiatives added and removed, and changes of title, owner, end date, status and tags.
/// </summary>
public static class DemoActionPlans
{
    public const string StrategyKey = "strategi-framtidens-halsosystem";

    private sealed record Row(string Key, string Title, string Owner, string Start, string End, InitiativeStatus Status, string Tags,
        InitiativeStatus FollowUp, string Comment, string Description = "");

    private static readonly Row[] Year2025 =
    [
        new("INS-01", "Demo: Mobila närvårdsteam i nordöstra Skåne", "Förvaltningschef Nära vård och hälsa", "2025-02-01", "2026-12-31", InitiativeStatus.Planned,
            "vr-nara-vard-1 vr-nara-vard-3 ff-3 ff-4", InitiativeStatus.Ongoing, "Två team i gång sedan september; rekrytering av det tredje pågår.",
            "Team med sjuksköterska, läkare och rehabpersonal som möter multisjuka äldre i hemmet tillsammans med kommunens hemsjukvård."),
        new("INS-02", "Demo: Fast vårdkontakt för personer med flera kroniska sjukdomar", "Primärvårdschef", "2025-01-01", "2026-12-31", InitiativeStatus.Ongoing,
            "vr-nara-vard-2 vr-personcentrerat-2 ff-1 ff-3", InitiativeStatus.Ongoing, "Infört på 40 av 150 vårdcentraler."),
        new("INS-03", "Demo: Samordnad individuell plan (SIP) i digital form", "Samordnare vård och omsorg, regionkontoret", "2025-03-01", "2026-06-30", InitiativeStatus.Ongoing,
            "vr-personcentrerat-2 vr-digitalisering-1 ff-3", InitiativeStatus.Ongoing, "Pilot i fyra kommuner; avtal med övriga under förhandling."),
        new("INS-04", "Demo: Patientkontrakt i cancervården", "Verksamhetschef onkologi", "2024-09-01", "2025-12-31", InitiativeStatus.Ongoing,
            "vr-personcentrerat-1 ff-1", InitiativeStatus.Done, "Patientkontrakt används i alla standardiserade vårdförlopp; överlämnat till linjen."),
        new("INS-05", "Demo: Hälsosamtal för 40-, 50- och 60-åringar", "Folkhälsochef", "2025-01-01", "2027-12-31", InitiativeStatus.Ongoing,
            "vr-halsoframjande-1 ff-1 ff-2", InitiativeStatus.Ongoing, "Drygt 9 000 samtal genomförda; deltagandet lägst i de områden som behöver det mest."),
        new("INS-06", "Demo: Levnadsvaneteam på vårdcentraler i utsatta områden", "Primärvårdschef", "2025-04-01", "2026-12-31", InitiativeStatus.Planned,
            "vr-halsoframjande-2 io-nara-vard ff-2", InitiativeStatus.Delayed, "Start framflyttad till våren 2026 i väntan på finansiering."),
        new("INS-07", "Demo: Trombektomi vid stroke koncentreras till två sjukhus", "Hälso- och sjukvårdsdirektör", "2025-01-01", "2025-12-31", InitiativeStatus.Ongoing,
            "vr-nivastrukturering-2 ff-3", InitiativeStatus.Ongoing, "Beslut fattat; flytten av jourlinjen sker i mars 2026."),
        new("INS-08", "Demo: Ansökan om nationell högspecialiserad vård inom barnkirurgi", "Hälso- och sjukvårdsdirektör", "2025-01-01", "2025-12-31", InitiativeStatus.Ongoing,
            "vr-nivastrukturering-1", InitiativeStatus.Ongoing, "Ansökan inlämnad till Socialstyrelsen; besked väntas under 2026."),
        new("INS-09", "Demo: Utbildningstjänster för specialistsjuksköterskor", "HR-direktör", "2025-01-01", "2027-12-31", InitiativeStatus.Ongoing,
            "vr-medarbetare-1 ff-5", InitiativeStatus.Ongoing, "60 utbildningstjänster tillsatta 2025."),
        new("INS-10", "Demo: Program för första linjens chefer", "HR-direktör", "2025-02-01", "2026-06-30", InitiativeStatus.Ongoing,
            "vr-medarbetare-2 ff-3", InitiativeStatus.Ongoing, "Två kullar har gått programmet; färre medarbetare per chef är ännu inte löst."),
        new("INS-11", "Demo: Digitala vårdbesök dygnet runt via 1177", "Digitaliseringschef", "2025-01-01", "2026-12-31", InitiativeStatus.Ongoing,
            "vr-digitalisering-1 io-nara-vard ff-1 ff-4", InitiativeStatus.Ongoing, "Öppet dygnet runt sedan oktober."),
        new("INS-12", "Demo: Taligenkänning i journalen", "Digitaliseringschef", "2025-03-01", "2026-12-31", InitiativeStatus.Ongoing,
            "vr-digitalisering-2 io-medarbetare", InitiativeStatus.Ongoing, "I drift på tre sjukhus."),
        new("INS-13", "Demo: Egenmonitorering hemma vid hjärtsvikt", "Verksamhetschef kardiologi", "2025-01-01", "2026-12-31", InitiativeStatus.Ongoing,
            "vr-digitalisering-1 vr-personcentrerat-1 ff-1 ff-4", InitiativeStatus.Ongoing, "200 patienter följs hemifrån."),
        new("INS-14", "Demo: Behovsanalys inför ny vårdbyggnad i Helsingborg", "Fastighetsdirektör", "2025-01-01", "2025-12-31", InitiativeStatus.Ongoing,
            "vr-fysisk-infrastruktur-1 ff-4", InitiativeStatus.Done, "Behovsanalysen är klar och ligger till grund för lokalförsörjningsplanen."),
        new("INS-15", "Demo: Flexibla mottagningsrum för flera specialiteter", "Fastighetsdirektör", "2025-01-01", "2025-12-31", InitiativeStatus.Ongoing,
            "vr-fysisk-infrastruktur-2 ff-4", InitiativeStatus.Delayed, "Ombyggnaden försenad av upphandlingen; klar tidigast sommaren 2026."),
        new("INS-16", "Demo: Läkande vårdmiljöer i psykiatrins slutenvård", "Förvaltningschef Psykiatri, habilitering och hjälpmedel", "2025-01-01", "2027-12-31", InitiativeStatus.Planned,
            "vr-fysisk-infrastruktur-3 vr-personcentrerat-1 ff-1", InitiativeStatus.Planned, "Förstudie klar; inga ombyggnader ännu."),
        new("INS-17", "Demo: Gemensam uppföljningsmodell för värdebaserad vård", "Ekonomidirektör", "2025-01-01", "2026-12-31", InitiativeStatus.Ongoing,
            "io-personcentrerat vr-personcentrerat-3 ff-5", InitiativeStatus.Ongoing, "Modellen prövas i tre vårdförlopp."),
        new("INS-18", "Demo: Vaccinationsbuss i landsbygdskommuner", "Smittskyddsläkare", "2025-04-01", "2025-10-31", InitiativeStatus.Ongoing,
            "vr-halsoframjande-2 vr-nara-vard-1 ff-2 ff-4", InitiativeStatus.Ongoing, "Bussen besökte 22 orter; fortsätter 2026."),
        new("INS-19", "Demo: Ersättningsmodell som premierar kontinuitet i primärvården", "Hälso- och sjukvårdsdirektör", "2025-01-01", "2026-12-31", InitiativeStatus.Ongoing,
            "vr-nara-vard-3 ff-3 ff-5", InitiativeStatus.Ongoing, "Ny modell beslutad att gälla från 2026."),
        new("INS-20", "Demo: Planerad ortopedisk kirurgi samlas i Trelleborg", "Förvaltningschef Skånevård Sund", "2025-01-01", "2026-12-31", InitiativeStatus.Ongoing,
            "vr-nivastrukturering-2 vr-nivastrukturering-1 ff-3", InitiativeStatus.Ongoing, "Två av tre operationsflöden flyttade."),
    ];

    public static async Task LoadAsync(StyraDbContext db, TimeProvider? time, CancellationToken ct)
    {
        _ = time; // the demo's follow-up is stamped with a fixed date, so the demo reads the same on every machine
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == new RegionCode("12"), ct);
        var strategy = region is null ? null : await db.Plans.SingleOrDefaultAsync(p => p.RegionId == region.Id && p.Key == StrategyKey, ct);
        if (region is null || strategy is null || await db.ActionPlans.AnyAsync(p => p.RegionId == region.Id, ct)) return;
        var followedUpAt = new DateTimeOffset(2026, 1, 23, 9, 0, 0, TimeSpan.Zero);

        var p2025 = new ActionPlan(region, strategy, 2025, "Handlingsplan 2025 (demo)", isDemo: true)
            { Decision = "Demo: hälso- och sjukvårdsdirektören 2024-12-10" };
        foreach (var r in Year2025)
        {
            var i = New(p2025, r);
            i.FollowUpStatus = r.FollowUp;
            i.FollowUpComment = "[Demotext] " + r.Comment;
            i.FollowedUpAt = followedUpAt;
            i.FollowedUpBy = "Demo: planerare Region Skåne";
            p2025.Initiatives.Add(i);
        }

        var p2026 = new ActionPlan(region, strategy, 2026, "Handlingsplan 2026 (demo)", isDemo: true)
            { Decision = "Demo: hälso- och sjukvårdsdirektören 2025-12-10" };
        // Carried over with the year-end status; INS-04 ended Done and was left out, INS-14 stays to be followed up once more.
        foreach (var r in Year2025.Where(r => r.Key != "INS-04"))
        {
            var i = New(p2026, r);
            i.Status = r.FollowUp;
            p2026.Initiatives.Add(i);
        }
        var by = p2026.Initiatives.ToDictionary(i => i.Key);
        by["INS-06"].Title = "Demo: Levnadsvaneteam på vårdcentraler i socioekonomiskt utsatta områden";
        by["INS-06"].Start = new DateOnly(2026, 3, 1);
        by["INS-07"].End = new DateOnly(2026, 6, 30);
        by["INS-12"].Owner = "Chefläkare för digital vård";
        by["INS-12"].NodeKeys.Add("ff-3");
        by["INS-15"].End = new DateOnly(2026, 6, 30);
        by["INS-18"].NodeKeys.Remove("vr-nara-vard-1");
        by["INS-18"].End = new DateOnly(2026, 10, 31);
        by["INS-20"].Status = InitiativeStatus.Delayed;
        p2026.Initiatives.Add(New(p2026, new Row("INS-21", "Demo: Hälsofrämjande samverkan med elevhälsan", "Folkhälsochef", "2026-01-01", "2027-12-31",
            InitiativeStatus.Planned, "vr-halsoframjande-1 ff-2", InitiativeStatus.Planned, "")));
        p2026.Initiatives.Add(New(p2026, new Row("INS-22", "Demo: Stöd för bedömning av vårdbehov i 1177", "Digitaliseringschef", "2026-02-01", "2027-06-30",
            InitiativeStatus.Planned, "vr-digitalisering-2 vr-nara-vard-3 ff-3 ff-4", InitiativeStatus.Planned, "")));

        db.ActionPlans.AddRange(p2025, p2026);
        await db.SaveChangesAsync(ct);
    }

    private static Initiative New(ActionPlan plan, Row r) => new(plan, r.Key, r.Title)
    {
        Owner = r.Owner,
        Description = r.Description.Length > 0 ? r.Description : "[Demotext] Fiktiv insats för att visa handlingsplanen.",
        Start = DateOnly.Parse(r.Start, System.Globalization.CultureInfo.InvariantCulture),
        End = DateOnly.Parse(r.End, System.Globalization.CultureInfo.InvariantCulture),
        Status = r.Status,
        NodeKeys = r.Tags.Split(' ').ToList(),
    };
}
