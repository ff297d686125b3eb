using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Styra.Features.Accounts;
using Styra.Features.FollowUp;
using Styra.Features.Organisation;
using Styra.Features.Publishing;
using Styra.Tests.Infrastructure;

namespace Styra.Tests.Features.Publishing;

/// <summary>What is public and from when: the planners' publications, and the gate that reads only what they published and approved.</summary>
public sealed class PublishingTests
{
    private static readonly RegionCode Halland = new("13");

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task PublishedContent_ShowsOnlyApprovedAssessments_OfPublishedEvents_FromTheirTimeOn(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 10, 1, 10, 0, 0, TimeSpan.Zero));
        await using var services = database.Services(time: time);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<Styra.Data.StyraDbContext>();
        var region = await db.Regions.SingleAsync(r => r.Code == Halland);
        var content = sp.GetRequiredService<PublishedContent>();

        // The demo publishes UR1 2024 only; of it, only the approved assessments, never a draft or a submitted one.
        var events = await content.EventsAsync(region.Id);
        Assert.Equal(["Uppföljningsrapport 1 2024"], events.Select(e => e.Name));
        var ur1 = await db.ReportingEvents.SingleAsync(e => e.Id == events[0].Id);
        Assert.Equal(EventKind.Tertial1, ur1.Kind);
        var approved = await db.Assessments.CountAsync(a => a.EventId == ur1.Id && a.Status == AssessmentStatus.Approved);
        var notApproved = await db.Assessments.CountAsync(a => a.EventId == ur1.Id && a.Status != AssessmentStatus.Approved);
        Assert.True(approved > 0 && notApproved > 0, $"the demo's UR1 should have both ({approved}, {notApproved})");
        var published = await content.AssessmentsAsync(region.Id);
        Assert.Equal(approved, published.Count);
        Assert.All(published, a => Assert.Equal(ur1.Id, a.EventId));

        // A planner schedules UR2 for later: nothing of it is public until the time comes, and the stamp moves then.
        var ur2 = await db.ReportingEvents.SingleAsync(e => e.RegionId == region.Id && e.Kind == EventKind.Tertial2);
        var planner = new Access(null, "planerare@halland.demo", [new Grant(region.Id, RegionRole.Planner, null)]);
        var publishing = sp.GetRequiredService<Publisher>();
        var at = time.GetUtcNow().AddDays(2);
        var scheduled = await publishing.PublishAsync(Halland, new(PublicationKind.FollowUp, ur2.Id, null, at), planner);
        Assert.Equal(Outcome.Ok, scheduled.Outcome);
        Assert.False(scheduled.Publication!.IsPublic);
        Assert.Equal(ur2.Name, scheduled.Publication.EventName);
        var before = await content.StampAsync();
        Assert.DoesNotContain(await content.EventsAsync(region.Id), e => e.Id == ur2.Id);
        Assert.DoesNotContain(await content.AssessmentsAsync(region.Id), a => a.EventId == ur2.Id);

        time.Advance(TimeSpan.FromDays(2));
        Assert.Contains(await content.EventsAsync(region.Id), e => e.Id == ur2.Id);
        var ur2Approved = await db.Assessments.CountAsync(a => a.EventId == ur2.Id && a.Status == AssessmentStatus.Approved);
        Assert.Equal(ur2Approved, (await content.AssessmentsAsync(region.Id)).Count(a => a.EventId == ur2.Id));
        Assert.NotEqual(before.Tag, (await content.StampAsync()).Tag);

        // Withdrawn, it is gone at once.
        var withdrawn = await publishing.WithdrawAsync(Halland, scheduled.Publication.Id, planner);
        Assert.Equal(Outcome.Ok, withdrawn.Outcome);
        Assert.DoesNotContain(await content.EventsAsync(region.Id), e => e.Id == ur2.Id);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Publish_RefusesReadersMonthlyReportsAndPastTimes_NamingTheField(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 10, 1, 10, 0, 0, TimeSpan.Zero));
        await using var services = database.Services(time: time);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<Styra.Data.StyraDbContext>();
        var region = await db.Regions.SingleAsync(r => r.Code == Halland);
        var publishing = sp.GetRequiredService<Publisher>();
        var ur2 = await db.ReportingEvents.SingleAsync(e => e.RegionId == region.Id && e.Kind == EventKind.Tertial2);
        var monthly = await db.ReportingEvents.FirstAsync(e => e.RegionId == region.Id && e.Kind == EventKind.Monthly);
        var count = await db.Publications.CountAsync();

        var reader = new Access(null, "lasare@halland.demo", [new Grant(region.Id, RegionRole.Reader, null)]);
        Assert.Equal(Outcome.Forbidden, (await publishing.PublishAsync(Halland, new(PublicationKind.FollowUp, ur2.Id, null, null), reader)).Outcome);
        Assert.Equal(Outcome.NotFound, (await publishing.PublishAsync(Halland, new(PublicationKind.FollowUp, ur2.Id, null, null), Access.Anonymous)).Outcome);

        var planner = new Access(null, "planerare@halland.demo", [new Grant(region.Id, RegionRole.Planner, null)]);
        var month = await publishing.PublishAsync(Halland, new(PublicationKind.FollowUp, monthly.Id, null, null), planner);
        Assert.Equal(Outcome.Invalid, month.Outcome);
        Assert.Equal("eventId", Assert.Single(month.Problems).Field);
        var past = await publishing.PublishAsync(Halland, new(PublicationKind.FollowUp, ur2.Id, null, time.GetUtcNow().AddHours(-1)), planner);
        Assert.Equal("publishAt", Assert.Single(past.Problems).Field);
        var year = await publishing.PublishAsync(Halland, new(PublicationKind.Economy, null, 1800, null), planner);
        Assert.Equal("year", Assert.Single(year.Problems).Field);
        Assert.Equal(count, await db.Publications.CountAsync());

        // Publishing what is already published reschedules it instead of adding a second publication.
        var candidates = await publishing.CandidatesAsync(Halland, planner);
        var economy = candidates.Candidates.First(c => c.Kind == PublicationKind.Economy && c.Publication is not null);
        var again = await publishing.PublishAsync(Halland, new(PublicationKind.Economy, null, economy.Year, time.GetUtcNow().AddDays(1)), planner);
        Assert.Equal(Outcome.Ok, again.Outcome);
        Assert.Equal(count, await db.Publications.CountAsync());
        Assert.DoesNotContain(economy.Year, await sp.GetRequiredService<PublishedContent>().EconomyYearsAsync(region.Id));
    }
}

/// <summary>The public financial goals: published years only, and nothing derived from a year that is not published.</summary>
public sealed class PublishedFinancialGoalsTests
{
    private static readonly RegionCode Halland = new("13");

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AWithdrawnYear_NoLongerShapesTheRollingAverageOfTheYearsAfter(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<Styra.Data.StyraDbContext>();
        var content = sp.GetRequiredService<PublishedContent>();

        var before = await content.FinancialGoalsAsync(Halland);
        var share2019 = before!.Single(s => s.Goal == Styra.Features.Economy.FinancialGoalKind.ResultShare).Figures
            .Single(f => f.Year == 2019 && f.Basis == Styra.Features.Economy.ReportedBasis.Outcome);
        Assert.Equal((1.0m + 2.7m) / 2, share2019.RollingReported); // 2018 and 2019 reported, both published

        var y2018 = await db.Publications.SingleAsync(p => p.Kind == PublicationKind.Economy && p.Year == 2018);
        var planner = new Access(null, "planerare@halland.demo", [new Grant(y2018.RegionId, RegionRole.Planner, null)]);
        Assert.Equal(Outcome.Ok, (await sp.GetRequiredService<Publisher>().WithdrawAsync(Halland, y2018.Id, planner)).Outcome);

        var after = await content.FinancialGoalsAsync(Halland);
        Assert.All(after!.SelectMany(s => s.Figures), f =>
        {
            Assert.NotEqual(2018, f.Year);
            Assert.True(f.Basis is Styra.Features.Economy.ReportedBasis.Outcome or Styra.Features.Economy.ReportedBasis.Budget, $"{f.Year} {f.Basis}");
        });
        var after2019 = after!.Single(s => s.Goal == Styra.Features.Economy.FinancialGoalKind.ResultShare).Figures
            .Single(f => f.Year == 2019 && f.Basis == Styra.Features.Economy.ReportedBasis.Outcome);
        Assert.Equal(2.7m, after2019.RollingReported);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AnEconomyYear_HasOnePublication_TheDatabaseRefusesASecond(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Styra.Data.StyraDbContext>();
        var region = await db.Regions.SingleAsync(r => r.Code == Halland);
        Assert.True(await db.Publications.AnyAsync(p => p.RegionId == region.Id && p.Kind == PublicationKind.Economy && p.Year == 2022));
        var now = DateTimeOffset.UtcNow;
        db.Publications.Add(Publication.OfEconomy(region, 2022, now, "test", now));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}
