using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.Economy;
using Styra.Features.FollowUp;
using Styra.Features.Organisation;
using Styra.Features.Plans;
using Styra.Tests.Infrastructure;

namespace Styra.Tests.Features.Economy;

/// <summary>The judgement of god ekonomisk hushållning: its workflow and the evidence gathered beside it, on both providers.</summary>
public sealed class JudgementTests
{
    private static readonly RegionCode Halland = new("13");
    private static readonly DateTimeOffset Now = new(2025, 2, 20, 9, 0, 0, TimeSpan.Zero);

    private static async Task<(Access A, Access B, Access Admin, Access Reader)> PeopleAsync(StyraDbContext db)
    {
        var id = await db.Regions.Where(r => r.Code == Halland).Select(r => r.Id).SingleAsync();
        return (new Access(3001, "anna@test", [new Grant(id, RegionRole.Planner, null)]),
            new Access(3002, "bo@test", [new Grant(id, RegionRole.Planner, null)]),
            new Access(3003, "admin@test", [new Grant(id, RegionRole.Administrator, null)]),
            new Access(3004, "lasare@test", [new Grant(id, RegionRole.Reader, null)]));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TheWriterCannotApprove_AnotherPlannerOrAnAdministratorCan_ApprovedIsLocked_AndAStaleVersionConflicts(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services(time: new FakeTimeProvider(Now));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var flow = scope.ServiceProvider.GetRequiredService<Judgements>();
        var (a, b, admin, reader) = await PeopleAsync(db);

        // The demo's 2024 draft is at version 1 and linked to the annual report.
        var demo = (await flow.GetAsync(Halland, 2024))!;
        Assert.Equal((true, 1, JudgementStatus.Draft), (demo.Exists, demo.Version, demo.Status));
        Assert.Equal("Årsredovisning 2024", demo.EventName);
        Assert.Contains("[Demotext]", demo.Text);

        Assert.Equal(Outcome.Forbidden, (await flow.SaveAsync(Halland, 2024, 1, new(ManagementVerdict.Achieved, "x"), reader)).Outcome);
        var saved = await flow.SaveAsync(Halland, 2024, 1, new(ManagementVerdict.PartlyAchieved, "Fokusområdena **delvis**; de finansiella målen nås inte."), a);
        Assert.Equal(Outcome.Ok, saved.Outcome);
        Assert.Equal(2, saved.Current!.Version);
        Assert.Contains("<strong>delvis</strong>", saved.Current.TextHtml);

        var stale = await flow.SaveAsync(Halland, 2024, 1, new(ManagementVerdict.Achieved, "Bos äldre text"), b);
        Assert.Equal(Outcome.Conflict, stale.Outcome);
        Assert.Equal(2, stale.Current!.Version);
        Assert.Equal(ManagementVerdict.PartlyAchieved, (await flow.GetAsync(Halland, 2024))!.Verdict);

        var own = await flow.ApproveAsync(Halland, 2024, 2, a);
        Assert.Equal(Outcome.Forbidden, own.Outcome);
        Assert.Equal(JudgementStatus.Draft, (await flow.GetAsync(Halland, 2024))!.Status);

        var approved = await flow.ApproveAsync(Halland, 2024, 2, b);
        Assert.Equal(Outcome.Ok, approved.Outcome);
        Assert.Equal((JudgementStatus.Approved, 3, "bo@test"), (approved.Current!.Status, approved.Current.Version, approved.Current.ApprovedBy));
        Assert.Equal(Now, approved.Current.ApprovedAt);

        var locked = await flow.SaveAsync(Halland, 2024, 3, new(ManagementVerdict.NotAchieved, "ändrad"), b);
        Assert.Equal(Outcome.Invalid, locked.Outcome);
        Assert.Contains(locked.Problems, p => p.Field == "status");
        Assert.Equal(ManagementVerdict.PartlyAchieved, (await flow.GetAsync(Halland, 2024))!.Verdict);

        Assert.Equal(Outcome.Ok, (await flow.ReopenAsync(Halland, 2024, 3, a)).Outcome);
        Assert.Equal(Outcome.Ok, (await flow.SaveAsync(Halland, 2024, 4, new(ManagementVerdict.NotAchieved, "Bos version"), b)).Outcome);
        Assert.Equal(Outcome.Forbidden, (await flow.ApproveAsync(Halland, 2024, 5, b)).Outcome);
        var byAdmin = await flow.ApproveAsync(Halland, 2024, 5, admin);
        Assert.Equal(Outcome.Ok, byAdmin.Outcome);
        Assert.Equal(JudgementStatus.Approved, byAdmin.Current!.Status);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AYearWithoutJudgement_StartsAtVersionZero_AndCannotBeApprovedEmpty(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services(time: new FakeTimeProvider(Now));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var flow = scope.ServiceProvider.GetRequiredService<Judgements>();
        var (a, b, _, _) = await PeopleAsync(db);

        var none = (await flow.GetAsync(Halland, 2023))!;
        Assert.Equal((false, 0, (int?)null), (none.Exists, none.Version, none.EventId));
        Assert.Equal(Outcome.Invalid, (await flow.ApproveAsync(Halland, 2023, 0, b)).Outcome);
        var first = await flow.SaveAsync(Halland, 2023, 0, new(null, ""), a);
        Assert.Equal((Outcome.Ok, 1), (first.Outcome, first.Current!.Version));
        var empty = await flow.ApproveAsync(Halland, 2023, 1, b);
        Assert.Equal(Outcome.Invalid, empty.Outcome);
        Assert.Equal(["verdict", "text"], empty.Problems.Select(p => p.Field));
        Assert.Equal(Outcome.Conflict, (await flow.SaveAsync(Halland, 2023, 0, new(null, "again"), b)).Outcome);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TheEvidence_GathersEachFocusAreasApprovedFulfilment_TheCommitteesDistribution_AndTheFinancialGoals(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services(time: new FakeTimeProvider(Now));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();

        // The planners approve one focus area's assessment at the annual report; one committee below it reports "met".
        var annual = await db.ReportingEvents.SingleAsync(e => e.Year == 2024 && e.Kind == EventKind.AnnualReport);
        var focus = await db.Assessments.Where(a => a.EventId == annual.Id && a.UnitId == null && a.NodeKey != "").OrderBy(a => a.Id).FirstAsync();
        focus.Status = AssessmentStatus.Approved;
        focus.Fulfilment = Fulfilment.PartlyMet;
        var second = await db.Assessments.Where(a => a.EventId == annual.Id && a.UnitId == null && a.NodeKey != "" && a.Id != focus.Id).OrderBy(a => a.Id).FirstAsync();
        second.Status = AssessmentStatus.Draft;
        second.Fulfilment = Fulfilment.Met;
        var nodes = await db.GoalNodes.AsNoTracking().CurrentNodes().Where(n => n.PlanVersion.PlanId == annual.PlanId).Select(n => new { n.Id, n.ParentId, n.Key }).ToListAsync();
        var parent = nodes.Single(n => n.Key == focus.NodeKey).Id;
        var goals = nodes.Where(n => n.ParentId == parent).Select(n => n.Key).ToList();
        var committee = await db.Assessments.Where(a => a.EventId == annual.Id && a.UnitId != null && goals.Contains(a.NodeKey)).OrderBy(a => a.Id).FirstAsync();
        committee.Status = AssessmentStatus.Approved;
        committee.Fulfilment = Fulfilment.Met;
        await db.SaveChangesAsync();

        var evidence = (await scope.ServiceProvider.GetRequiredService<JudgementEvidence>().ForYearAsync(Halland, 2024))!;
        Assert.Equal((annual.Id, true), (evidence.EventId!.Value, evidence.IsAnnualReport));
        Assert.Equal(7, evidence.FocusAreas.Count); // Mål och budget 2024–2028 has seven focus areas
        var area = evidence.FocusAreas.Single(f => f.Key == focus.NodeKey);
        Assert.Equal(Fulfilment.PartlyMet, area.ApprovedFulfilment);
        Assert.Equal(1, area.Committees.Met);
        Assert.True(area.Committees.Pending > 0);
        var draft = evidence.FocusAreas.Single(f => f.Key == second.NodeKey);
        Assert.Equal((AssessmentStatus.Draft, (Fulfilment?)null), (draft.Status!.Value, draft.ApprovedFulfilment)); // a draft is no fulfilment yet

        Assert.Equal([FinancialGoalKind.ResultShare, FinancialGoalKind.SelfFinancing, FinancialGoalKind.SolidityInclPensions], evidence.FinancialGoals.Select(g => g.Goal));
        var share = evidence.FinancialGoals[0].Figures.Single();
        Assert.Equal((ReportedBasis.Budget, -4.8m, TargetJudgement.NotMet), (share.Basis, share.Reported!.Value, share.Target));
        Assert.Equal(-17.7m, evidence.FinancialGoals[1].Figures.Single().Reported);
        Assert.Equal(BalanceVerdict.ExceptionalReasons, evidence.BudgetCheck!.Verdict);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task WithoutAnAnnualReport_TheEvidenceComesFromTheYearsLatestFollowUp_AndSaysSo(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services(time: new FakeTimeProvider(Now));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var annual = await db.ReportingEvents.SingleAsync(e => e.Year == 2024 && e.Kind == EventKind.AnnualReport);
        annual.Update(EventKind.AnnualReport, "Årsredovisning 2025", new(2025, 1, 1), new(2025, 12, 31), new(2026, 2, 15), false);
        await db.SaveChangesAsync();

        var evidence = (await scope.ServiceProvider.GetRequiredService<JudgementEvidence>().ForYearAsync(Halland, 2024))!;
        Assert.False(evidence.IsAnnualReport);
        Assert.Equal(EventKind.Tertial2, evidence.EventKind);
        Assert.Equal(7, evidence.FocusAreas.Count);
    }
}
