using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.Economy;
using Styra.Features.FollowUp;
using Styra.Features.Organisation;
using Styra.Features.Publishing;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Public;

/// <summary>
/// Nothing unpublished reaches a public page: unique marker texts are written into a draft, into approved assessments
/// of an unpublished event and of an event published only from a time ahead, into a draft judgement of a published
/// economy year and into a monthly report's comment — and, as the control that the search can find a marker at all,
/// into an approved assessment of the published UR1; and an economy year is withdrawn. Then every public page is
/// fetched and searched.
/// </summary>
public abstract class PublicUnpublishedContentTests(StyraHost host)
{
    private static readonly string Run = Guid.NewGuid().ToString("N")[..10];
    private static readonly string DraftInUnpublished = $"MARKER-A-draft-ur2-{Run}";
    private static readonly string ApprovedInUnpublished = $"MARKER-B-approved-ur2-{Run}";
    private static readonly string ApprovedInScheduled = $"MARKER-C-approved-scheduled-{Run}";
    private static readonly string DraftJudgement = $"MARKER-D1-draft-judgement-{Run}";
    private static readonly string MonthlyComment = $"MARKER-D2-monthly-comment-{Run}";
    private static readonly string ApprovedInPublished = $"MARKER-E-approved-ur1-{Run}";

    [Fact]
    public async Task NoUnpublishedText_AppearsOnAnyPublicPage_WhileThePublishedOneDoes()
    {
        var goalOfControl = await WriteMarkersAsync();
        var pages = await PublicCrawler.CrawlAsync(host.CreateClient());
        Assert.True(pages.Count > 50, $"only {pages.Count} public pages were crawled");

        var control = pages.Where(p => p.Value.Contains(ApprovedInPublished)).Select(p => p.Key).ToList();
        Assert.Contains($"/public/13/plans/mal-och-budget-2024-2028/goals/{goalOfControl}", control);
        // The withdrawn economy year: no page of its own, no link to it, no row of it in the financial goals' history.
        Assert.DoesNotContain("/public/13/economy/2018", pages.Keys);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await host.CreateClient().GetAsync("/public/13/economy/2018")).StatusCode);
        Assert.Contains("/public/13/economy/2019", pages.Keys);
        var economyPages = pages.Where(p => p.Key.StartsWith("/public/13/economy", StringComparison.Ordinal)).ToList();
        Assert.All(economyPages, p => Assert.DoesNotContain("<th scope=\"row\">2018</th>", p.Value));
        Assert.Contains(economyPages, p => p.Value.Contains("<th scope=\"row\">2019</th>"));

        var leaks = new[] { DraftInUnpublished, ApprovedInUnpublished, ApprovedInScheduled, DraftJudgement, MonthlyComment }
            .SelectMany(marker => pages.Where(p => p.Value.Contains(marker)).Select(p => $"{marker} on {p.Key}")).ToList();
        Assert.True(leaks.Count == 0, "unpublished content on public pages:\n" + string.Join("\n", leaks));
    }

    /// <summary>Writes the markers; returns the node key of the published control.</summary>
    private async Task<string> WriteMarkersAsync()
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var region = await db.Regions.SingleAsync(r => r.Code == new RegionCode("13"));
        var events = await db.ReportingEvents.Where(e => e.RegionId == region.Id && e.Year == 2024 && e.Kind != EventKind.Monthly).ToDictionaryAsync(e => e.Kind);
        var published = (await scope.ServiceProvider.GetRequiredService<PublishedContent>().EventsAsync(region.Id)).Select(e => e.Id).ToList();
        Assert.Equal([events[EventKind.Tertial1].Id], published);

        var ur2 = await db.Assessments.Where(a => a.EventId == events[EventKind.Tertial2].Id).OrderBy(a => a.Id).ToListAsync();
        var draft = ur2.First(a => a.Status is AssessmentStatus.Draft or AssessmentStatus.NotStarted or AssessmentStatus.Returned && a.UnitId != null);
        Write(db, draft, DraftInUnpublished, AssessmentStatus.Draft);
        Write(db, ur2.Last(a => a.Id != draft.Id && a.UnitId != null), ApprovedInUnpublished, AssessmentStatus.Approved);

        // The annual report: an approved assessment, and the event published only from a month ahead.
        var annual = await db.Assessments.Where(a => a.EventId == events[EventKind.AnnualReport].Id && a.UnitId != null).OrderBy(a => a.Id).FirstAsync();
        Write(db, annual, ApprovedInScheduled, AssessmentStatus.Approved);

        // UR1 (published): a committee's assessment that was not approved becomes approved, with the control marker.
        var control = await db.Assessments.Where(a => a.EventId == events[EventKind.Tertial1].Id && a.UnitId != null && a.Status != AssessmentStatus.Approved)
            .OrderBy(a => a.Id).FirstAsync();
        Write(db, control, ApprovedInPublished, AssessmentStatus.Approved);

        // The economy: the 2024 judgement is a draft (2024 is a published year); a committee's monthly report comment.
        var judgement = await db.SoundManagementJudgements.SingleAsync(j => j.RegionId == region.Id && j.Year == DemoEconomy.JudgementYear);
        Assert.Equal(JudgementStatus.Draft, judgement.Status);
        db.Entry(judgement).Property(nameof(SoundManagementJudgement.Text)).CurrentValue = DraftJudgement;
        var monthly = await db.CommitteeEconomyReports.OrderBy(r => r.Id).FirstAsync();
        db.Entry(monthly).Property(nameof(CommitteeEconomyReport.Comment)).CurrentValue = MonthlyComment;
        await db.SaveChangesAsync();

        var planner = new Access(null, "test: planerare", [new Grant(region.Id, RegionRole.Planner, null)]);
        var scheduled = await scope.ServiceProvider.GetRequiredService<Publisher>().PublishAsync(region.Code,
            new PublishInput(PublicationKind.FollowUp, events[EventKind.AnnualReport].Id, null, TimeProvider.System.GetUtcNow().AddDays(30)), planner);
        Assert.Equal(Outcome.Ok, scheduled.Outcome);
        Assert.False(scheduled.Publication!.IsPublic);

        // A planner withdraws the oldest economy year.
        var publisher = scope.ServiceProvider.GetRequiredService<Publisher>();
        var year2018 = (await publisher.ListAsync(region.Id)).Single(p => p.Kind == PublicationKind.Economy && p.Year == 2018);
        Assert.Equal(Outcome.Ok, (await publisher.WithdrawAsync(region.Code, year2018.Id, planner)).Outcome);
        return control.NodeKey;
    }

    private static void Write(StyraDbContext db, Assessment a, string marker, AssessmentStatus status)
    {
        var entry = db.Entry(a);
        entry.Property(nameof(Assessment.Analysis)).CurrentValue = $"Analys {marker} slut.";
        entry.Property(nameof(Assessment.Fulfilment)).CurrentValue = Fulfilment.Met;
        entry.Property(nameof(Assessment.Status)).CurrentValue = status;
        if (status == AssessmentStatus.Approved)
        {
            entry.Property(nameof(Assessment.ApprovedBy)).CurrentValue = "test: godkännare";
            entry.Property(nameof(Assessment.ApprovedAt)).CurrentValue = TimeProvider.System.GetUtcNow();
        }
    }
}

public sealed class PublicUnpublishedContentSqliteTests(PublicMarkersSqliteHost host) : PublicUnpublishedContentTests(host), IClassFixture<PublicMarkersSqliteHost>;

public sealed class PublicUnpublishedContentPostgresTests(PublicMarkersPostgresHost host) : PublicUnpublishedContentTests(host), IClassFixture<PublicMarkersPostgresHost>;
