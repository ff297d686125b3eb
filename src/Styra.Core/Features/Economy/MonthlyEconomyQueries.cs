using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Organisation;

namespace Styra.Features.Economy;

/// <summary>
/// One committee's month: its frame, the budget to date (its own periodisation or frame × month / 12), the outcome and
/// forecast it reported and the deviations computed from them. <see cref="Status"/> null means no report (ej inkommen).
/// </summary>
public sealed record CommitteeMonthView(string Unit, string UnitName, int Year, int Month, decimal Frame, decimal BudgetToDate, decimal? PeriodisedBudget,
    decimal? OutcomeToDate, decimal? OutcomeDeviation, bool OutcomeDeviates, decimal? FullYearForecast, decimal? ForecastDeviation, bool ForecastDeviates,
    string Comment, EconomyReportStatus? Status, int Version, DateTimeOffset? UpdatedAt, string? UpdatedBy, DateTimeOffset? SubmittedAt, string? SubmittedBy)
{
    public bool IsReported => Status is not null;

    /// <summary>Whether a deviation makes a comment required (<see cref="MonthlyRules.DeviationThreshold"/>).</summary>
    public bool NeedsComment => OutcomeDeviates || ForecastDeviates;
}

/// <summary>A committee's year: its frame and each month 1–12, reported or not. <see cref="Frame"/> null: no frame that year, nothing to report against.</summary>
public sealed record CommitteeYearView(string Region, int Year, string Unit, string UnitName, decimal? Frame, IReadOnlyList<CommitteeMonthView> Months);

/// <summary>
/// The committees' sums for a month. A committee that has not reported (or left a figure empty) counts as on budget:
/// its outcome as its budget to date and its forecast as its frame, so that frames − forecasts = the forecast deviation
/// exactly; <see cref="Missing"/> says how many did.
/// </summary>
public sealed record MonthTotals(int Committees, int Reported, int Submitted, int Missing, decimal Frames, decimal BudgetToDate, decimal OutcomeToDate,
    decimal OutcomeDeviation, decimal FullYearForecast, decimal ForecastDeviation);

/// <summary>
/// The region's forecast of årets resultat, as a transparent sum: the budgeted result plus the committees' forecast
/// deviations. <see cref="ReportedForecastResult"/> is a forecast of the whole income statement (an economy item of
/// kind Forecast) when one is kept for the year, shown beside it, never merged.
/// </summary>
public sealed record RegionForecastView(decimal? BudgetedResult, bool BudgetedResultComputed, string? BudgetedResultSource, decimal ForecastDeviations,
    decimal? ForecastResult, decimal? ReportedForecastResult, string? ReportedForecastSource);

/// <summary>
/// One month of the year's series, summed over the committees (mnkr, cumulative January–month): the periodised
/// budget, the outcome and the full-year forecast given that month (null when no committee reported it).
/// </summary>
public sealed record MonthPoint(int Month, decimal Budget, decimal? Outcome, decimal? Forecast, int Reported);

/// <summary>A monthly report a reporter has to write or submit: last month's when it is not submitted, and every draft.</summary>
public sealed record EconomyTask(string Region, string Unit, string UnitName, int Year, int Month, EconomyReportStatus? Status);

public sealed record MonthOverview(string Region, string RegionName, int Year, int Month, string Unit, IReadOnlyList<CommitteeMonthView> Committees,
    MonthTotals Totals, RegionForecastView Forecast, decimal FullYearBudget, IReadOnlyList<MonthPoint> Series);

/// <summary>Reads the committees' monthly reports against their frames: a month side by side, a committee's year, the year's series.</summary>
public sealed class MonthlyEconomyQueries(StyraDbContext db)
{
    /// <summary>The month's overview for the planners; null when the region does not exist.</summary>
    public async Task<MonthOverview?> MonthAsync(RegionCode code, int year, int month, CancellationToken ct = default)
    {
        if (month is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(month), month, "A month is 1–12.");
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null) return null;
        var frames = await FramesAsync(region.Id, year, ct);
        var reports = await db.CommitteeEconomyReports.AsNoTracking().Where(r => r.RegionId == region.Id && r.Year == year).ToListAsync(ct);
        var byKey = reports.ToDictionary(r => (r.UnitId, r.Month));

        var rows = frames.Select(f => ToView(byKey.GetValueOrDefault((f.Unit.Id, month)), f.Unit, f.Amount, year, month)).ToList();
        var totals = new MonthTotals(rows.Count, rows.Count(r => r.IsReported), rows.Count(r => r.Status == EconomyReportStatus.Submitted),
            rows.Count(r => !r.IsReported), rows.Sum(r => r.Frame), rows.Sum(r => r.BudgetToDate), rows.Sum(r => r.OutcomeToDate ?? r.BudgetToDate),
            rows.Sum(r => r.OutcomeDeviation ?? 0), rows.Sum(r => r.FullYearForecast ?? r.Frame), rows.Sum(r => r.ForecastDeviation ?? 0));

        var items = await db.EconomyItems.AsNoTracking().Where(i => i.RegionId == region.Id && i.Year == year && i.Kind != FigureKind.Outcome).ToListAsync(ct);
        var budget = new EconomyFigures(year, FigureKind.Budget, items.Where(i => i.Kind == FigureKind.Budget).ToDictionary(i => i.Item, i => i.Amount));
        var budgetedResult = budget.ReportedResult ?? budget.ComputedResult;
        var reportedForecast = items.SingleOrDefault(i => i.Kind == FigureKind.Forecast && i.Item == EconomyItemKind.NetResult);
        var forecast = new RegionForecastView(budgetedResult, budget.ReportedResult is null && budgetedResult is not null,
            items.SingleOrDefault(i => i.Kind == FigureKind.Budget && i.Item == EconomyItemKind.NetResult)?.Source,
            totals.ForecastDeviation, budgetedResult + totals.ForecastDeviation, reportedForecast?.Amount, reportedForecast?.Source);

        return new MonthOverview(region.Code.Value, region.Name, year, month, EconomyQueries.AmountUnit, rows, totals, forecast,
            totals.Frames, Series(frames, byKey, year, month));
    }

    /// <summary>A committee's twelve months of a year; null when the region or the unit does not exist.</summary>
    public async Task<CommitteeYearView?> CommitteeAsync(RegionCode code, int year, string unitCode, CancellationToken ct = default)
    {
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        var unit = region is null ? null : await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.RegionId == region.Id && u.Code == unitCode, ct);
        if (region is null || unit is null) return null;
        var frame = await FrameAsync(db, region.Id, unit.Id, year, ct);
        if (frame is null) return new CommitteeYearView(region.Code.Value, year, unit.Code, unit.Name, null, []);
        var reports = await db.CommitteeEconomyReports.AsNoTracking().Where(r => r.UnitId == unit.Id && r.Year == year).ToDictionaryAsync(r => r.Month, ct);
        return new CommitteeYearView(region.Code.Value, year, unit.Code, unit.Name, frame,
            Enumerable.Range(1, 12).Select(m => ToView(reports.GetValueOrDefault(m), unit, frame.Value, year, m)).ToList());
    }

    /// <summary>One committee's month (reported or not); null when the region or unit does not exist or the unit has no frame that year.</summary>
    public async Task<CommitteeMonthView?> CommitteeMonthAsync(RegionCode code, int year, int month, string unitCode, CancellationToken ct = default) =>
        (await CommitteeAsync(code, year, unitCode, ct)) is { Frame: not null } y && month is >= 1 and <= 12 ? y.Months[month - 1] : null;

    /// <summary>
    /// The monthly reports a person has to write for the units she reports for: last month's (in Swedish time) when the
    /// unit has a frame that year and the report is not submitted, and every other draft, the latest first.
    /// </summary>
    public async Task<IReadOnlyList<EconomyTask>> TasksAsync(Accounts.Access access, DateOnly today, CancellationToken ct = default)
    {
        var unitIds = access.Grants.Where(g => g.Role == Accounts.RegionRole.Reporter && g.UnitId is not null).Select(g => g.UnitId!.Value).Distinct().ToList();
        if (unitIds.Count == 0) return [];
        var last = today.AddMonths(-1);
        var units = await db.Units.AsNoTracking().Include(u => u.Region).Where(u => unitIds.Contains(u.Id)).ToListAsync(ct);
        var reports = await db.CommitteeEconomyReports.AsNoTracking()
            .Where(r => unitIds.Contains(r.UnitId) && (r.Status == EconomyReportStatus.Draft || (r.Year == last.Year && r.Month == last.Month))).ToListAsync(ct);
        var framed = await db.BudgetFrameYears.AsNoTracking().Where(y => y.Year == last.Year).SelectMany(y => y.Rows)
            .Where(r => r.UnitId != null && unitIds.Contains(r.UnitId.Value)).Select(r => r.UnitId!.Value).ToListAsync(ct);
        var tasks = new List<EconomyTask>();
        foreach (var unit in units.OrderBy(u => u.SortOrder).ThenBy(u => u.Code))
        {
            var lastMonth = reports.SingleOrDefault(r => r.UnitId == unit.Id && r.Year == last.Year && r.Month == last.Month);
            if (framed.Contains(unit.Id) && lastMonth?.Status != EconomyReportStatus.Submitted)
                tasks.Add(new(unit.Region.Code.Value, unit.Code, unit.Name, last.Year, last.Month, lastMonth?.Status));
            tasks.AddRange(reports.Where(r => r.UnitId == unit.Id && r.Status == EconomyReportStatus.Draft && r != lastMonth)
                .OrderByDescending(r => r.Year).ThenByDescending(r => r.Month)
                .Select(r => new EconomyTask(unit.Region.Code.Value, unit.Code, unit.Name, r.Year, r.Month, r.Status)));
        }
        return tasks;
    }

    /// <summary>The frame of a unit in a year (the BudgetFrame row of that unit), or null when it has none.</summary>
    internal static async Task<decimal?> FrameAsync(StyraDbContext db, int regionId, int unitId, int year, CancellationToken ct)
    {
        var amounts = await db.BudgetFrameYears.AsNoTracking().Where(y => y.RegionId == regionId && y.Year == year)
            .SelectMany(y => y.Rows).Where(r => r.UnitId == unitId).Select(r => r.Amount).ToListAsync(ct);
        return amounts.Count == 0 ? null : amounts.Sum();
    }

    private async Task<List<(Unit Unit, decimal Amount)>> FramesAsync(int regionId, int year, CancellationToken ct)
    {
        var rows = await db.BudgetFrameYears.AsNoTracking().Where(y => y.RegionId == regionId && y.Year == year)
            .SelectMany(y => y.Rows).Where(r => r.UnitId != null).Include(r => r.Unit).OrderBy(r => r.Position).ToListAsync(ct);
        // A unit with two rows (not in the demo) reports once against their sum.
        return rows.GroupBy(r => r.UnitId).Select(g => (g.First().Unit!, g.Sum(r => r.Amount))).ToList();
    }

    private static List<MonthPoint> Series(List<(Unit Unit, decimal Amount)> frames, Dictionary<(int UnitId, int Month), CommitteeEconomyReport> reports, int year, int upTo)
    {
        var points = new List<MonthPoint>();
        for (var m = 1; m <= 12; m++)
        {
            var rows = frames.Select(f => ToView(reports.GetValueOrDefault((f.Unit.Id, m)), f.Unit, f.Amount, year, m)).ToList();
            var shown = m <= upTo;
            points.Add(new MonthPoint(m, rows.Sum(r => r.BudgetToDate),
                shown && rows.Any(r => r.OutcomeToDate is not null) ? rows.Sum(r => r.OutcomeToDate ?? r.BudgetToDate) : null,
                shown && rows.Any(r => r.FullYearForecast is not null) ? rows.Sum(r => r.FullYearForecast ?? r.Frame) : null,
                shown ? rows.Count(r => r.IsReported) : 0));
        }
        return points;
    }

    public static CommitteeMonthView ToView(CommitteeEconomyReport? r, Unit unit, decimal frame, int year, int month)
    {
        var budget = MonthlyRules.BudgetToDate(frame, month, r?.BudgetToDate);
        var outcomeDeviation = MonthlyRules.OutcomeDeviation(budget, r?.OutcomeToDate);
        var forecastDeviation = MonthlyRules.ForecastDeviation(frame, r?.FullYearForecast);
        return new CommitteeMonthView(unit.Code, unit.Name, year, month, frame, budget, r?.BudgetToDate,
            r?.OutcomeToDate, outcomeDeviation, MonthlyRules.IsDeviation(outcomeDeviation),
            r?.FullYearForecast, forecastDeviation, MonthlyRules.IsDeviation(forecastDeviation),
            r?.Comment ?? "", r?.Status, r?.Version ?? 0, r?.UpdatedAt, r?.UpdatedBy, r?.SubmittedAt, r?.SubmittedBy);
    }
}
