using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.ActionPlans;
using Styra.Features.Audit;
using Styra.Features.FollowUp;
using Styra.Features.Organisation;
using Styra.Tests.Infrastructure;

namespace Styra.Tests.Features.ActionPlans;

/// <summary>The handlingsplan service on a real database, both providers, with Skåne's demo strategy and plan.</summary>
public sealed class ActionPlanServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 20, 10, 0, 0, TimeSpan.Zero);

    private static InitiativeInput Input(string key = "INS-99", string? title = "Ny insats", string tags = "vr-nara-vard-1 ff-3", DateOnly? start = null, DateOnly? end = null) =>
        new(key, title, "Beskrivning", "Förvaltningschef", start ?? new DateOnly(2026, 1, 1), end ?? new DateOnly(2026, 12, 31), InitiativeStatus.Planned,
            tags.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private sealed record Setup(StyraDbContext Db, ActionPlanService Service, int Skane, Access Planner, Access Reader);

    private static async Task<Setup> ArrangeAsync(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var skane = await db.Regions.Where(r => r.Code == new RegionCode("12")).Select(r => r.Id).SingleAsync();
        return new Setup(db, scope.ServiceProvider.GetRequiredService<ActionPlanService>(), skane,
            new Access(2001, "planner@test", [new Grant(skane, RegionRole.Planner, null)]),
            new Access(2002, "reader@test", [new Grant(skane, RegionRole.Reader, null)]));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Demo_Loads_TwoRevisionsOfSkane_WithEveryKindOfChange(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var s = await ArrangeAsync(scope);
        var revisions = await s.Service.RevisionsAsync(s.Skane);
        Assert.Equal([2026, 2025], revisions.Select(r => r.Year));
        Assert.All(revisions, r => Assert.True(r.IsDemo));
        Assert.Equal(20, revisions[1].Initiatives);
        Assert.Equal(20, revisions[1].FollowedUp);
        Assert.Equal(21, revisions[0].Initiatives);

        var p2025 = (await s.Service.FindAsync(s.Skane, 2025))!;
        var p2026 = (await s.Service.FindAsync(s.Skane, 2026))!;
        var tags = await s.Service.TagsAsync(p2026);
        Assert.Equal(7, tags.Areas.Count);
        Assert.Equal(18, tags.Directions.Count);
        Assert.Equal(5, tags.FocusShifts.Count);
        Assert.All(p2026.Initiatives.SelectMany(i => i.NodeKeys), k => Assert.True(tags.IsTag(k), k));
        var m = CoverageMatrix.Of(p2026.Initiatives.Select(InitiativeSnapshot.Of), tags);
        Assert.Empty(m.AreasWithout);
        Assert.NotEmpty(m.EmptyCells);
        Assert.Contains(m.DirectionsWithout, d => d.Direction.Key == "vr-nivastrukturering-3");

        var c = RevisionComparison.Of(p2025.Initiatives.Select(InitiativeSnapshot.Of).ToList(), p2026.Initiatives.Select(InitiativeSnapshot.Of).ToList(), tags);
        Assert.Equal(["INS-21", "INS-22"], c.Added.Select(i => i.Key));
        Assert.Equal(["INS-04"], c.Removed.Select(i => i.Key));
        var fields = c.Changed.SelectMany(x => x.Fields.Select(f => f.Field)).ToHashSet();
        Assert.Superset(new HashSet<string> { "title", "owner", "start", "end", "status" }, fields);
        Assert.Contains(c.Changed, x => x.TagsAdded.Count > 0);
        Assert.Contains(c.Changed, x => x.TagsRemoved.Count > 0);
        Assert.True(c.Unchanged > 0);
        Assert.NotEmpty(c.Cells);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Add_ChecksEveryField_AndNamesUnknownNodes(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services(time: new FakeTimeProvider(Now));
        await using var scope = services.CreateAsyncScope();
        var s = await ArrangeAsync(scope);

        async Task<IReadOnlyList<FieldProblem>> Problems(InitiativeInput input)
        {
            var r = await s.Service.AddInitiativeAsync(s.Skane, 2026, input, s.Planner);
            Assert.Equal(Outcome.Invalid, r.Outcome);
            return r.Problems;
        }
        Assert.Equal("key", (await Problems(Input(key: ""))).Single().Field);
        Assert.Contains("INS-01", (await Problems(Input(key: "INS-01"))).Single(p => p.Field == "key").Swedish);
        Assert.Equal("key", (await Problems(Input(key: "ny insats!"))).Single().Field);
        Assert.Equal("title", (await Problems(Input(title: "  "))).Single().Field);
        var dates = (await Problems(Input(start: new DateOnly(2026, 6, 1), end: new DateOnly(2026, 5, 31)))).Single();
        Assert.Equal("end", dates.Field);
        Assert.Contains("2026-05-31", dates.Swedish);
        var unknown = (await Problems(Input(tags: "vr-nara-vard-1 vr-finns-inte ff-3"))).Single();
        Assert.Equal("nodeKeys", unknown.Field);
        Assert.Contains("vr-finns-inte", unknown.Swedish);
        Assert.Contains("vr-finns-inte", unknown.English);
        Assert.Contains("princip-robusthet", (await Problems(Input(tags: "vr-nara-vard-1 princip-robusthet"))).Single().English);
        Assert.Equal("nodeKeys", (await Problems(Input(tags: "ff-1 ff-2"))).Single().Field); // no area or direction
        Assert.Equal(Outcome.Forbidden, (await s.Service.AddInitiativeAsync(s.Skane, 2026, Input(), s.Reader)).Outcome);

        var noShift = await s.Service.AddInitiativeAsync(s.Skane, 2026, Input(tags: "io-medarbetare"), s.Planner);
        Assert.Equal(Outcome.Ok, noShift.Outcome);
        Assert.Equal("nodeKeys", noShift.Warnings.Single().Field);
        Assert.Equal(22, (await s.Service.FindAsync(s.Skane, 2026))!.Initiatives.Count);
        Assert.Equal(1, await s.Db.AuditRecords.CountAsync(r => r.ObjectType == nameof(Initiative) && r.Action == AuditAction.Added && r.At == Now));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Update_OnAStaleVersion_IsAConflict_AndRemoveToo(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services(time: new FakeTimeProvider(Now));
        await using var scope = services.CreateAsyncScope();
        var s = await ArrangeAsync(scope);
        var saved = await s.Service.UpdateInitiativeAsync(s.Skane, 2026, "INS-01", 1, Input(key: "ignored", title: "Ändrad rubrik"), s.Planner);
        Assert.Equal(Outcome.Ok, saved.Outcome);
        Assert.Equal(2, saved.Initiative!.Version);
        Assert.Equal("INS-01", saved.Initiative.Key);

        var stale = await s.Service.UpdateInitiativeAsync(s.Skane, 2026, "INS-01", 1, Input(title: "Min gamla ändring"), s.Planner);
        Assert.Equal(Outcome.Conflict, stale.Outcome);
        Assert.Equal("Ändrad rubrik", stale.Initiative!.Title);
        Assert.Equal(Outcome.Conflict, (await s.Service.RemoveInitiativeAsync(s.Skane, 2026, "INS-01", 1, s.Planner)).Outcome);
        Assert.Equal(Outcome.Ok, (await s.Service.RemoveInitiativeAsync(s.Skane, 2026, "INS-01", 2, s.Planner)).Outcome);
        Assert.DoesNotContain((await s.Service.FindAsync(s.Skane, 2026))!.Initiatives, i => i.Key == "INS-01");
        Assert.Contains((await s.Service.FindAsync(s.Skane, 2025))!.Initiatives, i => i.Key == "INS-01");
        Assert.True(await s.Db.AuditRecords.AnyAsync(r => r.ObjectType == nameof(Initiative) && r.Action == AuditAction.Changed && r.After!.Contains("Ändrad rubrik")));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task FollowUp_IsStampedWithTimeAndUser_AndAStaleRowSavesNothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services(time: new FakeTimeProvider(Now));
        await using var scope = services.CreateAsyncScope();
        var s = await ArrangeAsync(scope);
        var ok = await s.Service.FollowUpAsync(s.Skane, 2026,
            [new("INS-01", 1, InitiativeStatus.Done, "  Klart i tid. "), new("INS-02", 1, InitiativeStatus.Delayed, null)], s.Planner);
        Assert.Equal(Outcome.Ok, ok.Outcome);
        var i1 = ok.Plan!.Initiatives.Single(i => i.Key == "INS-01");
        Assert.Equal((InitiativeStatus.Done, "Klart i tid.", Now, "planner@test", 2), (i1.FollowUpStatus!.Value, i1.FollowUpComment!, i1.FollowedUpAt!.Value, i1.FollowedUpBy!, i1.Version));

        var stale = await s.Service.FollowUpAsync(s.Skane, 2026,
            [new("INS-03", 1, InitiativeStatus.Ongoing, "ny"), new("INS-01", 1, InitiativeStatus.Cancelled, "för sent")], s.Planner);
        Assert.Equal(Outcome.Conflict, stale.Outcome);
        Assert.Contains("INS-01", stale.Problems.Single().Swedish);
        s.Db.ChangeTracker.Clear();
        var again = (await s.Service.FindAsync(s.Skane, 2026))!;
        Assert.Null(again.Initiatives.Single(i => i.Key == "INS-03").FollowUpStatus);
        Assert.Equal(InitiativeStatus.Done, again.Initiatives.Single(i => i.Key == "INS-01").FollowUpStatus);

        var invalid = await s.Service.FollowUpAsync(s.Skane, 2026, [new("INS-04", 1, null, "utan status")], s.Planner);
        Assert.Equal(Outcome.Invalid, invalid.Outcome); // INS-04 is not in 2026, and a comment needs a status
        Assert.Equal(Outcome.Forbidden, (await s.Service.FollowUpAsync(s.Skane, 2026, [new("INS-05", 1, InitiativeStatus.Done, null)], s.Reader)).Outcome);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CreateRevision_CopiesThePrevious_WithKeysAndYearEndStatus_LeavingOutClosedOnes(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services(time: new FakeTimeProvider(Now));
        await using var scope = services.CreateAsyncScope();
        var s = await ArrangeAsync(scope);
        Assert.Equal(Outcome.Ok, (await s.Service.FollowUpAsync(s.Skane, 2026,
            [new("INS-01", 1, InitiativeStatus.Done, "klart"), new("INS-02", 1, InitiativeStatus.Delayed, "sent")], s.Planner)).Outcome);

        var duplicate = await s.Service.CreateRevisionAsync(s.Skane, 2026, null, null, copyPrevious: true, includeClosed: false, s.Planner);
        Assert.Equal("year", duplicate.Problems.Single().Field);
        Assert.Equal(Outcome.Forbidden, (await s.Service.CreateRevisionAsync(s.Skane, 2027, null, null, true, false, s.Reader)).Outcome);

        var copy = await s.Service.CreateRevisionAsync(s.Skane, 2027, null, null, copyPrevious: true, includeClosed: false, s.Planner);
        Assert.Equal(Outcome.Ok, copy.Outcome);
        s.Db.ChangeTracker.Clear();
        var p2027 = (await s.Service.FindAsync(s.Skane, 2027))!;
        var p2026 = (await s.Service.FindAsync(s.Skane, 2026))!;
        Assert.Equal("Handlingsplan 2027", p2027.Title);
        Assert.Equal(p2026.StrategyId, p2027.StrategyId);
        var closed = p2026.Initiatives.Where(i => (i.FollowUpStatus ?? i.Status) is InitiativeStatus.Done or InitiativeStatus.Cancelled).Select(i => i.Key).ToList();
        Assert.Contains("INS-01", closed);
        Assert.Equal(p2026.Initiatives.Select(i => i.Key).Except(closed), p2027.Initiatives.Select(i => i.Key));
        var ins02 = p2027.Initiatives.Single(i => i.Key == "INS-02");
        Assert.Equal(InitiativeStatus.Delayed, ins02.Status);
        Assert.Null(ins02.FollowUpStatus);
        Assert.Null(ins02.FollowedUpAt);
        Assert.Equal(p2026.Initiatives.Single(i => i.Key == "INS-02").NodeKeys, ins02.NodeKeys);

        var all = await s.Service.CreateRevisionAsync(s.Skane, 2028, null, null, copyPrevious: true, includeClosed: true, s.Planner);
        Assert.Equal(p2027.Initiatives.Count, all.Plan!.Initiatives.Count);
        var empty = await s.Service.CreateRevisionAsync(s.Skane, 2030, p2026.StrategyId, "Tom plan", copyPrevious: false, includeClosed: false, s.Planner);
        Assert.Empty(empty.Plan!.Initiatives);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TwoPlannersAtOnce_TheLaterCreatingTheSameYearOrKey_GetsAFieldProblem_AndTheFirstStays(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services(time: new FakeTimeProvider(Now));
        await using var scope = services.CreateAsyncScope();
        var s = await ArrangeAsync(scope);

        // The other planner's save lands after this planner's checks passed and just before this planner's save.
        async Task<ActionPlanResult> RaceAsync(Func<ActionPlanService, Task<ActionPlanResult>> other, Func<ActionPlanService, Task<ActionPlanResult>> mine)
        {
            await using var otherScope = services.CreateAsyncScope();
            var before = new BeforeFirstSave(async () =>
                Assert.Equal(Outcome.Ok, (await other(otherScope.ServiceProvider.GetRequiredService<ActionPlanService>())).Outcome));
            await using var db = ContextWith(scope.ServiceProvider, before);
            var result = await mine(new ActionPlanService(db, new FakeTimeProvider(Now)));
            Assert.True(before.Ran);
            return result;
        }

        var year = await RaceAsync(o => o.CreateRevisionAsync(s.Skane, 2027, null, "Den andras plan", true, false, s.Planner),
            m => m.CreateRevisionAsync(s.Skane, 2027, null, "Min plan", true, false, s.Planner));
        Assert.Equal(Outcome.Invalid, year.Outcome);
        Assert.Equal(("year", "There already is an action plan for 2027."), (year.Problems.Single().Field, year.Problems.Single().English));
        Assert.Equal(["Den andras plan"], await s.Db.ActionPlans.Where(p => p.RegionId == s.Skane && p.Year == 2027).Select(p => p.Title).ToListAsync());

        var key = await RaceAsync(o => o.AddInitiativeAsync(s.Skane, 2026, Input(key: "INS-99", title: "Den andras insats"), s.Planner),
            m => m.AddInitiativeAsync(s.Skane, 2026, Input(key: "INS-99", title: "Min insats"), s.Planner));
        Assert.Equal(Outcome.Invalid, key.Outcome);
        Assert.Equal(("key", "Action plan 2026 already has an initiative with the key INS-99."), (key.Problems.Single().Field, key.Problems.Single().English));
        Assert.Contains(key.Plan!.Initiatives, i => i.Key == "INS-99" && i.Title == "Den andras insats");
        Assert.Equal(["Den andras insats"], await s.Db.Initiatives.Where(i => i.Plan.RegionId == s.Skane && i.Plan.Year == 2026 && i.Key == "INS-99").Select(i => i.Title).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AnUndefinedStatus_IsRefused_OnTheInitiativeAndInTheFollowUp(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services(time: new FakeTimeProvider(Now));
        await using var scope = services.CreateAsyncScope();
        var s = await ArrangeAsync(scope);
        var undefined = (InitiativeStatus)42; // JSON accepts any integer for an enum
        string Snapshot(ActionPlan plan) => string.Join(";", plan.Initiatives.Select(i => $"{i.Key}/{i.Status}/{i.FollowUpStatus}/{i.Version}"));
        var before = Snapshot((await s.Service.FindAsync(s.Skane, 2026))!);
        s.Db.ChangeTracker.Clear();

        var add = await s.Service.AddInitiativeAsync(s.Skane, 2026, Input() with { Status = undefined }, s.Planner);
        Assert.Equal((Outcome.Invalid, "status"), (add.Outcome, add.Problems.Single().Field));
        var edit = await s.Service.UpdateInitiativeAsync(s.Skane, 2026, "INS-01", 1, Input() with { Status = undefined }, s.Planner);
        Assert.Equal((Outcome.Invalid, "status"), (edit.Outcome, edit.Problems.Single().Field));

        var followUp = await s.Service.FollowUpAsync(s.Skane, 2026, [new("INS-02", 1, InitiativeStatus.Done, null), new("INS-03", 1, undefined, "okänd")], s.Planner);
        Assert.Equal(Outcome.Invalid, followUp.Outcome);
        var problem = followUp.Problems.Single();
        Assert.Equal(("INS-03", "INS-03: 42 is not a status; choose planned, ongoing, delayed, done or cancelled."), (problem.Field, problem.English));
        s.Db.ChangeTracker.Clear();
        Assert.Equal(before, Snapshot((await s.Service.FindAsync(s.Skane, 2026))!));
    }

    /// <summary>
    /// Runs another planner's save once, just before the context's first save begins its transaction (after the
    /// service's checks; before the transaction, so that SQLite's write lock is still free).
    /// </summary>
    private sealed class BeforeFirstSave(Func<Task> first) : DbTransactionInterceptor
    {
        private Func<Task>? _first = first;

        public bool Ran => _first is null;

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
            InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _first, null) is { } first) await first();
            return result;
        }
    }

    /// <summary>A context on the test's database with an interceptor added.</summary>
    private static StyraDbContext ContextWith(IServiceProvider services, IInterceptor interceptor) => services.GetRequiredService<StyraDbContext>() switch
    {
        SqliteStyraDbContext => new SqliteStyraDbContext(new DbContextOptionsBuilder<SqliteStyraDbContext>(
            services.GetRequiredService<DbContextOptions<SqliteStyraDbContext>>()).AddInterceptors(interceptor).Options),
        _ => new PostgresStyraDbContext(new DbContextOptionsBuilder<PostgresStyraDbContext>(
            services.GetRequiredService<DbContextOptions<PostgresStyraDbContext>>()).AddInterceptors(interceptor).Options),
    };
}
