using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Accounts;

namespace Styra.Features.FollowUp;

/// <summary>
/// Halland's follow-up year 2024 for the demo, so that a newcomer sees every state: UR1 approved for most committees,
/// UR2 in progress (drafts, submissions, one returned assessment), the annual report not yet started. Every text is
/// marked as demo text; none of it is Halland's.
/// </summary>
public static class DemoFollowUp
{
    public const string Mark = "[Demotext]";

    public static async Task LoadAsync(StyraDbContext db, TimeProvider time, CancellationToken ct)
    {
        var region = await db.Regions.Include(r => r.Units).SingleOrDefaultAsync(r => r.Code == new Organisation.RegionCode("13"), ct);
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.RegionId == region!.Id && p.Key == "mal-och-budget-2024-2028", ct);
        if (region is null || plan is null || await db.ReportingEvents.AnyAsync(e => e.RegionId == region.Id, ct)) return;
        var users = await db.Users.Where(u => u.IsDemo).ToDictionaryAsync(u => u.Email!, ct);

        var events = new List<ReportingEvent>();
        for (var month = 1; month <= 11; month++)
        {
            if (month is 4 or 8) continue; // April and August are reported in UR1 and UR2
            var m = ReportingEvent.Defaults(EventKind.Monthly, 2024, month);
            events.Add(new ReportingEvent(region, plan, EventKind.Monthly, m.Name, m.Start, m.End, m.Deadline, m.Forecast));
        }
        foreach (var kind in new[] { EventKind.Tertial1, EventKind.Tertial2, EventKind.AnnualReport })
        {
            var d = ReportingEvent.Defaults(kind, 2024);
            events.Add(new ReportingEvent(region, plan, kind, d.Name, d.Start, d.End, d.Deadline, d.Forecast));
        }
        db.ReportingEvents.AddRange(events);
        await db.SaveChangesAsync(ct);
        var calendar = new Calendar(db, time);
        foreach (var e in events) await calendar.EnsureAssessmentsAsync(e.Id, ct);

        var ur1 = events.Single(e => e.Kind == EventKind.Tertial1);
        var ur2 = events.Single(e => e.Kind == EventKind.Tertial2);
        var workflow = new Assessments(db, time);
        var all = await db.Assessments.Include(a => a.Unit).Include(a => a.Event).Include(a => a.Region)
            .Where(a => a.EventId == ur1.Id || a.EventId == ur2.Id).OrderBy(a => a.Id).ToListAsync(ct);
        var i = 0;
        foreach (var a in all)
        {
            i++;
            var unit = a.Unit?.Code;
            var reporter = Who(users, $"rapportor.{unit?.ToLowerInvariant()}@halland.demo", unit is null ? "planerare@halland.demo" : $"demo: rapportör {unit}");
            var approver = Who(users, $"godkannare.{unit?.ToLowerInvariant()}@halland.demo", unit is null ? "admin@halland.demo" : $"demo: godkännare {unit}");
            var fulfilment = (i % 7) switch { 0 => Fulfilment.NotMet, 1 or 4 => Fulfilment.PartlyMet, 5 => Fulfilment.NotAssessed, _ => Fulfilment.Met };
            AssessmentStatus status;
            if (a.EventId == ur1.Id)
                status = unit == "DNKS" ? AssessmentStatus.Submitted : unit == "DNRGS" ? AssessmentStatus.Draft : AssessmentStatus.Approved;
            else
                status = unit switch
                {
                    "DNHS" when a.NodeKey.EndsWith('1') || i % 5 == 0 => AssessmentStatus.Returned,
                    "DNHS" => AssessmentStatus.Draft,
                    "DNPSH" => AssessmentStatus.Submitted,
                    "DNNSVH" or "RS" => AssessmentStatus.Draft,
                    "DNADH" => AssessmentStatus.Approved,
                    _ => AssessmentStatus.NotStarted,
                };
            if (status == AssessmentStatus.NotStarted) continue;
            a.Fulfilment = fulfilment;
            a.Forecast = a.Event.AsksForecast ? (fulfilment == Fulfilment.NotAssessed ? Fulfilment.PartlyMet : fulfilment) : null;
            a.Analysis = $"{Mark} {Analysis(fulfilment, a.Event.Kind)}";
            a.UpdatedBy = reporter.Name;
            a.UpdatedAt = new DateTimeOffset(a.Event.Deadline.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero).AddDays(-3);
            if (status is AssessmentStatus.Submitted or AssessmentStatus.Approved or AssessmentStatus.Returned)
            {
                a.SubmittedBy = reporter.Name;
                a.SubmittedByUserId = reporter.Id;
                a.SubmittedAt = a.UpdatedAt;
                await workflow.TakeSnapshotAsync(a, ct);
            }
            if (status == AssessmentStatus.Approved)
            {
                a.ApprovedBy = approver.Name;
                a.ApprovedAt = a.UpdatedAt.Value.AddDays(2);
            }
            if (status == AssessmentStatus.Returned)
                a.ReturnComment = $"{Mark} Analysen behöver beskriva vilka åtgärder som planeras under hösten och hur de påverkar prognosen.";
            a.Status = status;
            a.Version = status switch { AssessmentStatus.Draft => 2, AssessmentStatus.Submitted => 3, _ => 4 };
        }
        await db.SaveChangesAsync(ct);
        await LoadActivitiesAsync(db, region, plan, ur1, time, ct);
    }

    private static (int? Id, string Name) Who(Dictionary<string, StyraUser> users, string email, string fallback) =>
        users.TryGetValue(email, out var u) ? (u.Id, u.Email!) : users.TryGetValue(fallback, out var f) ? (f.Id, f.Email!) : (null, fallback);

    private static string Analysis(Fulfilment f, EventKind kind) => (f, kind) switch
    {
        (Fulfilment.Met, _) => "Utvecklingen går i rätt riktning och indikatorerna ligger i nivå med målvärdena. Arbetet fortsätter enligt verksamhetsplanen.",
        (Fulfilment.PartlyMet, EventKind.Tertial2) => "Flera aktiviteter är genomförda men effekten syns ännu inte fullt ut i indikatorerna. **Prognosen** för helåret är delvis uppfyllt.",
        (Fulfilment.PartlyMet, _) => "Flera aktiviteter är genomförda men effekten syns ännu inte fullt ut i indikatorerna.",
        (Fulfilment.NotMet, _) => "Målet nås inte under perioden. Orsakerna är bland annat *bemanningsläget* och ökad efterfrågan. En åtgärdsplan tas fram.",
        _ => "Underlag saknas ännu för perioden; bedömning görs i nästa uppföljning.",
    };

    private static async Task LoadActivitiesAsync(StyraDbContext db, Organisation.Region region, Plans.Plan plan, ReportingEvent ur1, TimeProvider time, CancellationToken ct)
    {
        var goals = await Plans.PlanQueries.CurrentNodes(db.GoalNodes.AsNoTracking()).Where(n => n.PlanVersion.PlanId == plan.Id && n.Responsibilities.Any())
            .OrderBy(n => n.SortOrder).Select(n => new { n.Key, n.Title }).ToListAsync(ct);
        // Each demo activity serves the goal whose title contains the given words.
        var items = new (string Unit, ActivityKind Kind, string Title, string Owner, ActivityStatus Status, string Goal)[]
        {
            ("DNHS", ActivityKind.Activity, "Införa digitala vårdmöten på fler mottagningar", "Verksamhetschef medicinkliniken", ActivityStatus.Ongoing, "digitala verktyg"),
            ("DNHS", ActivityKind.Assignment, "Uppdrag: kortare väntetider till operation", "Sjukhusdirektör", ActivityStatus.Delayed, "tillgänglighet till vård"),
            ("DNPSH", ActivityKind.Activity, "Samverkan med kommunerna kring barn och unga med psykisk ohälsa", "Verksamhetschef BUP", ActivityStatus.Ongoing, "barn och unga"),
            ("DNPSH", ActivityKind.Assignment, "Uppdrag: personcentrerat vårdförlopp vid depression", "Förvaltningschef", ActivityStatus.NotStarted, "vårdförlopp"),
            ("DNNSVH", ActivityKind.Activity, "Mobila team i nära vård", "Områdeschef", ActivityStatus.Done, "nära vården"),
        };
        foreach (var (unitCode, kind, title, owner, status, goal) in items)
        {
            var unit = region.Units.Single(u => u.Code == unitCode);
            var activity = new Activity(unit, plan, kind, title)
            {
                Description = $"{Mark} Aktiviteten är påhittad för demonstrationen.",
                Owner = owner,
                Start = new DateOnly(2024, 1, 1),
                End = new DateOnly(2025, 12, 31),
                Status = status,
                GoalKeys = goals.Where(g => g.Title.Contains(goal, StringComparison.OrdinalIgnoreCase)).Select(g => g.Key).Take(1).ToList(),
            };
            var progress = new ActivityProgress(activity, ur1)
            {
                Status = status == ActivityStatus.Done ? ActivityStatus.Ongoing : status,
                Comment = $"{Mark} Arbetet har kommit igång enligt plan.",
                UpdatedAt = new DateTimeOffset(2024, 5, 15, 8, 0, 0, TimeSpan.Zero),
                UpdatedBy = "demo",
            };
            activity.Progress.Add(progress);
            db.Activities.Add(activity);
        }
        await db.SaveChangesAsync(ct);
        _ = time;
    }
}
