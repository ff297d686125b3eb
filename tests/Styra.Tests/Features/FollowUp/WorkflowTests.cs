using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.Audit;
using Styra.Features.FollowUp;
using Styra.Tests.Infrastructure;

namespace Styra.Tests.Features.FollowUp;

/// <summary>The assessment workflow and the audit trail against a real database, on both providers.</summary>
public sealed class WorkflowTests
{
    private static readonly DateTimeOffset Now = new(2024, 9, 10, 8, 0, 0, TimeSpan.Zero);

    private sealed record Setup(Access Reporter, Access Approver, Access OtherReporter, Access Planner, int AssessmentId);

    private static async Task<Setup> ArrangeAsync(StyraDbContext db)
    {
        var halland = await db.Regions.Include(r => r.Units).SingleAsync(r => r.Code == new Styra.Features.Organisation.RegionCode("13"));
        int Unit(string code) => halland.Units.Single(u => u.Code == code).Id;
        var ev = await db.ReportingEvents.SingleAsync(e => e.Kind == EventKind.Tertial2);
        var id = await db.Assessments.Where(a => a.EventId == ev.Id && a.Unit!.Code == "DNKT").Select(a => a.Id).FirstAsync();
        return new Setup(
            new Access(1001, "rep@test", [new Grant(halland.Id, RegionRole.Reporter, Unit("DNKT"))]),
            new Access(1002, "app@test", [new Grant(halland.Id, RegionRole.Approver, Unit("DNKT"))]),
            new Access(1003, "other@test", [new Grant(halland.Id, RegionRole.Reporter, Unit("DNHS"))]),
            new Access(1004, "plan@test", [new Grant(halland.Id, RegionRole.Planner, null)]),
            id);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Draft_Submit_Return_Resubmit_Approve_LocksIt_AndEveryStepIsAudited(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services(time: new FakeTimeProvider(Now));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var s = await ArrangeAsync(db);
        var flow = scope.ServiceProvider.GetRequiredService<Assessments>();

        var saved = await flow.SaveAsync(s.AssessmentId, 1, new(Fulfilment.PartlyMet, Fulfilment.Met, "Första utkastet"), s.Reporter);
        Assert.Equal(Outcome.Ok, saved.Outcome);
        Assert.Equal(AssessmentStatus.Draft, saved.Current!.Status);

        var incomplete = await flow.SubmitAsync(s.AssessmentId, 2, new(Fulfilment.PartlyMet, null, "Analys"), s.Reporter);
        Assert.Equal(Outcome.Invalid, incomplete.Outcome);
        Assert.Contains(incomplete.Problems, p => p.Field == "forecast"); // UR2 asks for a full-year forecast

        Assert.Equal(Outcome.Ok, (await flow.SubmitAsync(s.AssessmentId, 2, null, s.Reporter)).Outcome);
        Assert.Equal(Outcome.Forbidden, (await flow.ApproveAsync(s.AssessmentId, 3, s.Reporter)).Outcome);
        var noComment = await flow.ReturnAsync(s.AssessmentId, 3, "  ", s.Approver);
        Assert.Contains(noComment.Problems, p => p.Field == "comment");
        Assert.Equal(Outcome.Ok, (await flow.ReturnAsync(s.AssessmentId, 3, "Beskriv åtgärderna.", s.Approver)).Outcome);
        Assert.Equal(Outcome.Ok, (await flow.SubmitAsync(s.AssessmentId, 4, new(Fulfilment.NotMet, Fulfilment.PartlyMet, "Ny analys med åtgärder"), s.Reporter)).Outcome);
        var approved = await flow.ApproveAsync(s.AssessmentId, 5, s.Approver);
        Assert.Equal(AssessmentStatus.Approved, approved.Current!.Status);
        Assert.Equal(6, approved.Current.Version);

        var locked = await flow.SaveAsync(s.AssessmentId, 6, new(Fulfilment.Met, Fulfilment.Met, "För sent"), s.Reporter);
        Assert.Equal(Outcome.Invalid, locked.Outcome);
        Assert.Contains("låst", locked.Problems.Single().Swedish);

        var history = await db.AuditRecords.Where(r => r.ObjectType == "Assessment" && r.ObjectId == s.AssessmentId.ToString() && r.Action == AuditAction.Changed)
            .OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(5, history.Count); // save, submit, return, resubmit, approve
        Assert.All(history, r => Assert.Equal(Now, r.At));
        Assert.Contains("Beskriv åtgärderna.", history[2].After);
        Assert.Contains("Första utkastet", history[3].Before);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AReporter_WritesOnlyForHerOwnUnit_AndNobodyApprovesTheirOwnSubmission(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services(time: new FakeTimeProvider(Now));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var s = await ArrangeAsync(db);
        var flow = scope.ServiceProvider.GetRequiredService<Assessments>();

        Assert.Equal(Outcome.Forbidden, (await flow.SaveAsync(s.AssessmentId, 1, new(Fulfilment.Met, Fulfilment.Met, "x"), s.OtherReporter)).Outcome);
        Assert.Equal(Outcome.Forbidden, (await flow.SaveAsync(s.AssessmentId, 1, new(Fulfilment.Met, Fulfilment.Met, "x"), s.Planner)).Outcome);

        // One person who is both reporter and approver of the unit submits: she cannot approve it herself.
        var both = new Access(2000, "both@test", [.. s.Reporter.Grants, .. s.Approver.Grants]);
        Assert.Equal(Outcome.Ok, (await flow.SubmitAsync(s.AssessmentId, 1, new(Fulfilment.Met, Fulfilment.Met, "Analys"), both)).Outcome);
        var own = await flow.ApproveAsync(s.AssessmentId, 2, both);
        Assert.Equal(Outcome.Forbidden, own.Outcome);
        Assert.Contains("själv", own.Problems.Single().Swedish);
        Assert.Equal(Outcome.Ok, (await flow.ApproveAsync(s.AssessmentId, 2, s.Approver)).Outcome);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ASaveOnAnOlderVersion_IsAConflict_AndChangesNothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services(time: new FakeTimeProvider(Now));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var s = await ArrangeAsync(db);
        var flow = scope.ServiceProvider.GetRequiredService<Assessments>();
        Assert.Equal(Outcome.Ok, (await flow.SaveAsync(s.AssessmentId, 1, new(Fulfilment.Met, null, "Anna skrev"), s.Reporter)).Outcome);

        var late = await flow.SaveAsync(s.AssessmentId, 1, new(Fulfilment.NotMet, null, "Bertil skrev"), s.Reporter);

        Assert.Equal(Outcome.Conflict, late.Outcome);
        Assert.Equal("Anna skrev", late.Current!.Analysis);
        Assert.Equal(2, late.Current.Version);
        db.ChangeTracker.Clear();
        Assert.Equal("Anna skrev", (await db.Assessments.SingleAsync(a => a.Id == s.AssessmentId)).Analysis);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AuditRecords_CannotBeChangedOrRemoved_ByTheApplicationOrInTheDatabase(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var record = await db.AuditRecords.OrderBy(r => r.Id).FirstAsync();
        var count = await db.AuditRecords.CountAsync();

        db.AuditRecords.Remove(record);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        // Below the application: plain SQL is refused by the database's triggers.
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditRecords" SET "ActorName" = 'someone else'"""));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditRecords" """));
        Assert.Equal(count, await db.AuditRecords.CountAsync());
        Assert.Equal(record.ActorName, (await db.AuditRecords.AsNoTracking().SingleAsync(r => r.Id == record.Id)).ActorName);
    }

    [Fact]
    public async Task EveryChange_ToATarget_IsAudited_WithBeforeAndAfter()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite", demoData: true);
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var editor = scope.ServiceProvider.GetRequiredService<Styra.Features.Indicators.TargetEditor>();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var before = await db.AuditRecords.CountAsync(r => r.ObjectType == "Target");

        var result = await editor.SetAsync(new Styra.Features.Organisation.RegionCode("13"), "N00923", new Styra.Features.Indicators.TargetInput("2030", "84,5", "0,5"));
        Assert.True(result!.Succeeded);
        await editor.SetAsync(new Styra.Features.Organisation.RegionCode("13"), "N00923", new Styra.Features.Indicators.TargetInput("2030", "85", "0,5"));

        var records = await db.AuditRecords.Where(r => r.ObjectType == "Target").OrderBy(r => r.Id).Skip(before).ToListAsync();
        Assert.Equal([AuditAction.Added, AuditAction.Changed], records.Select(r => r.Action));
        Assert.Contains("\"Value\":84.5", records[1].Before);
        Assert.Contains("\"Value\":85", records[1].After);
        Assert.Equal("system", records[1].ActorName);
    }
}

/// <summary>The calendar's events: what they ask for follows the plan, also when the plan is changed before anyone wrote.</summary>
public sealed class CalendarTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ChangingThePlan_OfAnEventNobodyWroteFor_AsksForTheNewPlansAssessments(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var calendar = scope.ServiceProvider.GetRequiredService<Calendar>();
        var halland = await db.Regions.SingleAsync(r => r.Code == new Styra.Features.Organisation.RegionCode("13"));
        var plans = await db.Plans.Where(p => p.RegionId == halland.Id).OrderBy(p => p.Id).ToListAsync();
        var budget = plans.Single(p => p.Key == "mal-och-budget-2024-2028");
        var other = plans.First(p => p.Id != budget.Id);
        var planner = new Access(1, "plan@test", [new Grant(halland.Id, RegionRole.Planner, null)]);
        var input = new EventInput(EventKind.Tertial1, "Uppföljningsrapport 1 2025", new(2025, 1, 1), new(2025, 4, 30), new(2025, 5, 20), false, budget.Id);

        var (created, problems) = await calendar.SaveEventAsync(halland.Code, null, input, planner);
        Assert.Empty(problems);
        var forBudget = await db.Assessments.CountAsync(a => a.EventId == created!.Id);
        Assert.True(forBudget > 100);

        var (changed, again) = await calendar.SaveEventAsync(halland.Code, created!.Id, input with { PlanId = other.Id }, planner);
        Assert.Empty(again);
        db.ChangeTracker.Clear();
        Assert.Equal(other.Id, (await db.ReportingEvents.SingleAsync(e => e.Id == created.Id)).PlanId);
        var keys = await db.Assessments.Where(a => a.EventId == created.Id).Select(a => a.NodeKey).ToListAsync();
        var otherKeys = await Styra.Features.Plans.PlanQueries.CurrentNodes(db.GoalNodes).Where(n => n.PlanVersion.PlanId == other.Id).Select(n => n.Key).ToListAsync();
        Assert.All(keys, k => Assert.True(k == "" || otherKeys.Contains(k), $"{k} is not a node of the new plan"));
        Assert.NotEqual(forBudget, keys.Count);
        _ = changed;
    }

    [Fact]
    public async Task AnEventWithAStartedAssessment_KeepsItsPlan()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite", demoData: true);
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var calendar = scope.ServiceProvider.GetRequiredService<Calendar>();
        var halland = await db.Regions.SingleAsync(r => r.Code == new Styra.Features.Organisation.RegionCode("13"));
        var ur2 = await db.ReportingEvents.SingleAsync(e => e.Kind == EventKind.Tertial2);
        var other = await db.Plans.FirstAsync(p => p.RegionId == halland.Id && p.Id != ur2.PlanId);
        var planner = new Access(1, "plan@test", [new Grant(halland.Id, RegionRole.Planner, null)]);

        var (_, problems) = await calendar.SaveEventAsync(halland.Code, ur2.Id,
            new EventInput(ur2.Kind, ur2.Name, ur2.PeriodStart, ur2.PeriodEnd, ur2.Deadline, ur2.AsksForecast, other.Id), planner);

        Assert.Contains(problems, p => p.Field == "planId");
    }
}
