using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.Audit;
using Styra.Features.Economy;
using Styra.Features.FollowUp;
using Styra.Features.Organisation;
using Styra.Tests.Infrastructure;

namespace Styra.Tests.Features.Economy;

/// <summary>The committees' monthly economy reports: the deviation rule, the workflow, access and the region's forecast — on SQLite and PostgreSQL.</summary>
public sealed class CommitteeEconomyReportsTests
{
    private static readonly RegionCode Code = new("13");

    /// <summary>10 September 2024 in Stockholm: August is reportable, October is not.</summary>
    private static readonly DateTimeOffset Now = new(2024, 9, 10, 8, 0, 0, TimeSpan.Zero);

    private sealed record Setup(Access ReporterA, Access ReporterB, Access Planner, Access Reader, Access Outsider);

    /// <summary>A region with three committees: A (frame 120 mnkr), B (frame 60), C (no frame); årets resultat budgeted at −100.</summary>
    private static async Task<Setup> ArrangeAsync(StyraDbContext db, decimal? forecastResult = null)
    {
        var region = new Region(Code, "Region Test");
        var a = new Unit(region, "A", "Nämnd A", UnitKind.Committee);
        var b = new Unit(region, "B", "Nämnd B", UnitKind.Committee);
        var c = new Unit(region, "C", "Nämnd C", UnitKind.Committee);
        region.Units.AddRange([a, b, c]);
        db.Regions.Add(region);
        var frames = new BudgetFrameYear(region, 2024, 180, "test");
        frames.AddRow("Nämnd A", a, 120);
        frames.AddRow("Nämnd B", b, 60);
        frames.AddRow("Regiongemensamt", null, 40);
        db.BudgetFrameYears.Add(frames);
        db.EconomyItems.Add(new EconomyItem(region, 2024, FigureKind.Budget, EconomyItemKind.NetResult, -100, "test budget"));
        if (forecastResult is { } f) db.EconomyItems.Add(new EconomyItem(region, 2024, FigureKind.Forecast, EconomyItemKind.NetResult, f, "test forecast"));
        await db.SaveChangesAsync();
        return new Setup(
            new Access(1, "rep.a@test", [new Grant(region.Id, RegionRole.Reporter, a.Id)]),
            new Access(2, "rep.b@test", [new Grant(region.Id, RegionRole.Reporter, b.Id)]),
            new Access(3, "plan@test", [new Grant(region.Id, RegionRole.Planner, null)]),
            new Access(4, "read@test", [new Grant(region.Id, RegionRole.Reader, null)]),
            new Access(5, "other@test", [new Grant(region.Id + 1000, RegionRole.Planner, null)]));
    }

    private static async Task<(AsyncServiceScope Scope, StyraDbContext Db, CommitteeEconomyReports Reports, MonthlyEconomyQueries Queries, Setup Setup, ServiceProvider Services)>
        StartAsync(TestDatabase database, decimal? forecastResult = null)
    {
        var services = database.Services(time: new FakeTimeProvider(Now));
        var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var setup = await ArrangeAsync(db, forecastResult);
        return (scope, db, scope.ServiceProvider.GetRequiredService<CommitteeEconomyReports>(), scope.ServiceProvider.GetRequiredService<MonthlyEconomyQueries>(), setup, services);
    }

    [Theory]
    [InlineData(0.44, false)] // rounds to 0,4: below the threshold
    [InlineData(0.45, true)]  // rounds (half away from zero) to 0,5: a deviation
    [InlineData(0.5, true)]
    [InlineData(-0.44, false)]
    [InlineData(-0.45, true)] // an overspend counts the same as a surplus
    [InlineData(-3, true)]
    [InlineData(0, false)]
    public void Deviation_CountsFromHalfAMillion_AfterRoundingToOneDecimal(double deviation, bool counts) =>
        Assert.Equal(counts, MonthlyRules.IsDeviation((decimal)deviation));

    [Fact]
    public void Deviations_AreBudgetMinusCost_AndTheBudgetToDateIsTheFrameSpreadEvenly_UnlessPeriodised()
    {
        Assert.Equal(30m, MonthlyRules.BudgetToDate(120, 3, null)); // 120 × 3 / 12
        Assert.Equal(35m, MonthlyRules.BudgetToDate(120, 3, 35));   // the committee's own periodisation wins
        Assert.Equal(-2m, MonthlyRules.OutcomeDeviation(30, 32));  // spent 2 more than budgeted: −2
        Assert.Equal(5m, MonthlyRules.ForecastDeviation(120, 115)); // forecast below the frame: a surplus of 5
        Assert.Null(MonthlyRules.ForecastDeviation(120, null));

        Assert.True(MonthlyRules.TryParseAmount("1 234,5", out var a));
        Assert.Equal(1234.5m, a);
        Assert.True(MonthlyRules.TryParseAmount("\u22123.25", out var b));
        Assert.Equal(-3.25m, b);
        Assert.False(MonthlyRules.TryParseAmount("1.234,5", out _));
        Assert.False(MonthlyRules.TryParseAmount("tolv", out _));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ADeviationNeedsAComment_SubmitNeedsOutcomeAndForecast_AndThePeriodisedBudgetMovesTheDeviation(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (scope, db, reports, queries, s, services) = await StartAsync(database);
        await using var _ = services;
        await using var __ = scope;

        // March: budget to date 30. Outcome 30,4 (deviation −0,4) and forecast 120: no comment needed.
        var fine = await reports.SaveAsync(Code, 2024, 3, "A", 0, new(30.4m, null, 120m, null), s.ReporterA);
        Assert.Equal(Outcome.Ok, fine.Outcome);
        Assert.Equal((30m, -0.4m, false), (fine.Current!.BudgetToDate, fine.Current.OutcomeDeviation!.Value, fine.Current.OutcomeDeviates));

        // Outcome 30,45: −0,45 rounds to −0,5 — a deviation, and without a comment the save is refused, naming the field.
        var noComment = await reports.SaveAsync(Code, 2024, 3, "A", 1, new(30.45m, null, 120m, "  "), s.ReporterA);
        Assert.Equal(Outcome.Invalid, noComment.Outcome);
        var problem = Assert.Single(noComment.Problems);
        Assert.Equal("comment", problem.Field);
        Assert.Contains("−0,5", problem.Swedish);
        Assert.Contains("-0.5".Replace('-', '−'), problem.English);

        // The committee's own periodisation (30,5 by March) makes the same outcome no deviation.
        var periodised = await reports.SaveAsync(Code, 2024, 3, "A", 1, new(30.45m, 30.5m, 120m, null), s.ReporterA);
        Assert.Equal(Outcome.Ok, periodised.Outcome);
        Assert.Equal((30.5m, 30.5m), (periodised.Current!.BudgetToDate, periodised.Current.PeriodisedBudget!.Value));
        Assert.False(periodised.Current.NeedsComment);

        // A forecast 1 mnkr over the frame needs a comment too.
        var forecast = await reports.SaveAsync(Code, 2024, 3, "A", 2, new(30.45m, 30.5m, 121m, ""), s.ReporterA);
        Assert.Equal("comment", Assert.Single(forecast.Problems).Field);
        var commented = await reports.SaveAsync(Code, 2024, 3, "A", 2, new(30.45m, 30.5m, 121m, "Dyrare läkemedel."), s.ReporterA);
        Assert.Equal(Outcome.Ok, commented.Outcome);
        Assert.Equal((-1m, true), (commented.Current!.ForecastDeviation!.Value, commented.Current.ForecastDeviates));

        // Submitting without outcome and forecast names both fields; a draft without them is fine.
        Assert.Equal(Outcome.Ok, (await reports.SaveAsync(Code, 2024, 3, "B", 0, new(null, null, null, null), s.ReporterB)).Outcome);
        var incomplete = await reports.SubmitAsync(Code, 2024, 3, "B", 1, null, s.ReporterB);
        Assert.Equal(Outcome.Invalid, incomplete.Outcome);
        Assert.Equal(["fullYearForecast", "outcomeToDate"], incomplete.Problems.Select(p => p.Field).Order());

        var submitted = await reports.SubmitAsync(Code, 2024, 3, "A", 3, null, s.ReporterA);
        Assert.Equal(Outcome.Ok, submitted.Outcome);
        Assert.Equal((EconomyReportStatus.Submitted, "rep.a@test", Now), (submitted.Current!.Status!.Value, submitted.Current.SubmittedBy, submitted.Current.SubmittedAt!.Value));

        // Submitted: the committee cannot change it; a planner reopens it, and then it can be corrected.
        Assert.Contains("status", (await reports.SaveAsync(Code, 2024, 3, "A", 4, new(31m, null, 121m, "x"), s.ReporterA)).Problems.Select(p => p.Field));
        Assert.Equal(Outcome.Forbidden, (await reports.ReopenAsync(Code, 2024, 3, "A", 4, s.ReporterA)).Outcome);
        Assert.Equal(EconomyReportStatus.Draft, (await reports.ReopenAsync(Code, 2024, 3, "A", 4, s.Planner)).Current!.Status);
        Assert.Equal(Outcome.Ok, (await reports.SaveAsync(Code, 2024, 3, "A", 5, new(31m, null, 121m, "Rättat utfall."), s.ReporterA)).Outcome);

        // The audit trail has every change: created, then each save, submit and reopen.
        var history = await db.AuditRecords.Where(r => r.ObjectType == nameof(CommitteeEconomyReport)).OrderBy(r => r.Id).ToListAsync();
        Assert.True(history.Count(r => r.Action == AuditAction.Changed) >= 5, $"{history.Count} audit records");
        Assert.Contains(history, r => r.After?.Contains("Rättat utfall.") == true);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ReportsAreRefused_WithoutAFrame_ForAFutureMonth_OnAStaleVersion_AndForAnotherUnitsReporter(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (scope, db, reports, _, s, services) = await StartAsync(database);
        await using var _s = services;
        await using var _c = scope;
        var input = new CommitteeReportInput(10m, null, 120m, null);

        var noFrame = await reports.SaveAsync(Code, 2024, 1, "C", 0, input, s.Planner);
        Assert.Equal(Outcome.Invalid, noFrame.Outcome);
        Assert.Equal("frame", Assert.Single(noFrame.Problems).Field);
        Assert.Contains("ingen budgetram för 2024", noFrame.Problems[0].Swedish);
        Assert.Equal("frame", Assert.Single((await reports.SaveAsync(Code, 2025, 1, "A", 0, input, s.ReporterA)).Problems).Field);

        // 10 September: September has begun and may be reported; October has not.
        Assert.Equal(Outcome.Ok, (await reports.SaveAsync(Code, 2024, 9, "A", 0, new(90m, null, 120m, null), s.ReporterA)).Outcome);
        var future = await reports.SaveAsync(Code, 2024, 10, "A", 0, new(100m, null, 120m, null), s.ReporterA);
        Assert.Equal(Outcome.Invalid, future.Outcome);
        Assert.Equal("month", Assert.Single(future.Problems).Field);

        Assert.Equal(Outcome.Forbidden, (await reports.SaveAsync(Code, 2024, 8, "A", 0, new(80m, null, 120m, null), s.ReporterB)).Outcome);
        Assert.Equal(Outcome.Forbidden, (await reports.SaveAsync(Code, 2024, 8, "A", 0, new(80m, null, 120m, null), s.Reader)).Outcome);
        Assert.Equal(Outcome.NotFound, (await reports.SaveAsync(Code, 2024, 8, "A", 0, new(80m, null, 120m, null), s.Outsider)).Outcome);
        Assert.Equal(Outcome.Ok, (await reports.SaveAsync(Code, 2024, 8, "A", 0, new(80m, null, 120m, null), s.Planner)).Outcome);

        // Anna saved version 1 of August; Bertil, who read version 0, is told so and changes nothing.
        var stale = await reports.SaveAsync(Code, 2024, 8, "A", 0, new(85m, null, 110m, "Bertil"), s.ReporterA);
        Assert.Equal(Outcome.Conflict, stale.Outcome);
        Assert.Equal((1, 80m), (stale.Current!.Version, stale.Current.OutcomeToDate!.Value));
        db.ChangeTracker.Clear();
        Assert.Equal(80m, await db.CommitteeEconomyReports.Where(r => r.Month == 8).Select(r => r.OutcomeToDate).SingleAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TheRegionsForecast_IsTheBudgetedResultPlusTheCommitteesForecastDeviations(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (scope, _, reports, queries, s, services) = await StartAsync(database, forecastResult: -130m);
        await using var _s = services;
        await using var _c = scope;
        // July: A has spent 72 of a budget to date of 70 and forecasts 124 (4 over its frame of 120);
        // B has spent 34 of 35 and forecasts 58,5 (1,5 under its frame of 60).
        Assert.Equal(Outcome.Ok, (await reports.SubmitAsync(Code, 2024, 7, "A", 0, new(72m, null, 124m, "Vårdköer."), s.ReporterA)).Outcome);
        Assert.Equal(Outcome.Ok, (await reports.SubmitAsync(Code, 2024, 7, "B", 0, new(34m, null, 58.5m, "Vakanser."), s.ReporterB)).Outcome);
        Assert.Equal(Outcome.Ok, (await reports.SaveAsync(Code, 2024, 6, "A", 0, new(61m, null, 122m, "Vårdköer."), s.ReporterA)).Outcome);

        var july = await queries.MonthAsync(Code, 2024, 7);
        Assert.NotNull(july);
        Assert.Equal(["A", "B"], july.Committees.Select(c => c.Unit)); // C has no frame; the common row is no committee
        var t = july.Totals;
        Assert.Equal((180m, 105m, 106m, -1m, 182.5m, -2.5m), (t.Frames, t.BudgetToDate, t.OutcomeToDate, t.OutcomeDeviation, t.FullYearForecast, t.ForecastDeviation));
        Assert.Equal((2, 2, 0), (t.Reported, t.Submitted, t.Missing));
        // −100 budgeted + (−4 + 1,5) = −102,5; the forecast kept as an item (−130) beside it.
        Assert.Equal((-100m, -2.5m, -102.5m, -130m), (july.Forecast.BudgetedResult!.Value, july.Forecast.ForecastDeviations, july.Forecast.ForecastResult!.Value,
            july.Forecast.ReportedForecastResult!.Value));

        // June: only A reported; B counts as on budget (outcome = its budget to date 30, forecast = its frame) and is missing.
        var june = await queries.MonthAsync(Code, 2024, 6);
        Assert.Equal((1, -2m, -102m), (june!.Totals.Missing, june.Totals.ForecastDeviation, june.Forecast.ForecastResult!.Value));
        Assert.Null(june.Committees.Single(c => c.Unit == "B").Status);

        // The series: budget to date every month, outcome and forecast for the months reported up to the chosen one.
        Assert.Equal(15m, july.Series[0].Budget);
        Assert.Equal(180m, july.Series[11].Budget);
        Assert.Equal([null, null, null, null, null, 91m, 106m, null, null, null, null, null], july.Series.Select(p => p.Outcome));
        Assert.Equal(182.5m, july.Series[6].Forecast);
        Assert.Null(june.Series[6].Outcome); // a June overview stops at June

        var svg = EconomyChart.Svg(july.Series, july.FullYearBudget, english: false);
        Assert.StartsWith("<?xml", svg);
        Assert.Contains(Stroke(EconomyChart.BudgetColourHex), svg);
        Assert.Contains(Stroke(EconomyChart.OutcomeColourHex), svg);
        Assert.Contains(Stroke(EconomyChart.ForecastColourHex), svg);
        Assert.Contains(Stroke(EconomyChart.FullYearColourHex), svg);
        Assert.Contains("Helårsbudget", svg);
        Assert.Contains(">jan<", svg);
        Assert.Contains("stroke-dasharray", svg);
        // The dashed forecast runs from July's outcome (106, month index 6) to the full-year forecast in December (index 11).
        var line = EconomyChart.ForecastLine(july.Series)!.Value;
        Assert.Equal((6d, 106d, 11d, 182.5d), (line.From.X, line.From.Y, line.To.X, line.To.Y));
        var empty = EconomyChart.Svg((await queries.MonthAsync(Code, 2024, 1))!.Series, 180m, english: true);
        Assert.DoesNotContain(Stroke(EconomyChart.ForecastColourHex), empty);
    }

    /// <summary>How OxyPlot writes a line's colour into the SVG.</summary>
    private static string Stroke(string hex)
    {
        var c = OxyPlot.OxyColor.Parse(hex);
        return $"stroke:rgb({c.R},{c.G},{c.B})";
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Demo_Halland2024_HasJanuaryToAugust_EveryDeviationCommented_AndOneCommitteeMissingInAugust(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<MonthlyEconomyQueries>();
        var august = await queries.MonthAsync(Code, 2024, 8);
        Assert.NotNull(august);
        Assert.Equal(13, august.Committees.Count);
        Assert.Equal(DemoMonthlyEconomy.MissingInAugust, Assert.Single(august.Committees, c => !c.IsReported).Unit);
        Assert.Equal(EconomyReportStatus.Draft, august.Committees.Single(c => c.Unit == DemoMonthlyEconomy.DraftInAugust).Status);
        for (var month = 1; month <= 8; month++)
        {
            var m = (await queries.MonthAsync(Code, 2024, month))!;
            Assert.All(m.Committees.Where(c => c.NeedsComment), c => Assert.StartsWith("[Demotext]", c.Comment));
            Assert.All(m.Committees.Where(c => !c.NeedsComment), c => Assert.Equal("", c.Comment));
        }
        Assert.True(august.Committees.Count(c => c.NeedsComment) >= 2);
        Assert.Null((await queries.MonthAsync(Code, 2024, 9))!.Series[8].Outcome);
        // −641 budgeted (Mål och budget 2024) plus the committees' forecast deviations.
        Assert.Equal(-641m + august.Totals.ForecastDeviation, august.Forecast.ForecastResult);

        // Loading the demo again adds nothing.
        var before = await database.WithContextAsync(db => db.CommitteeEconomyReports.CountAsync());
        await database.WithContextAsync(async db => { await DemoMonthlyEconomy.LoadAsync(db, default); return 0; });
        Assert.Equal(before, await database.WithContextAsync(db => db.CommitteeEconomyReports.CountAsync()));
    }
}
