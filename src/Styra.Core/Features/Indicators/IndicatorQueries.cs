using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Organisation;
using Styra.Features.Plans;

namespace Styra.Features.Indicators;

/// <summary>One period's values for a region: its own, Riket's, and its rank among the regions.</summary>
public sealed record IndicatorPoint(string Period, double? Region, double? Riket, int? Rank, int RegionsReported, double? Target);

/// <summary>
/// An indicator seen from one region: the latest period the region has a value for, the value before it, Riket's
/// value for the same period, whether the region is worse than Riket (by the indicator's direction) and by how much.
/// </summary>
public sealed record IndicatorSummary(
    string Code,
    string Name,
    string? Unit,
    int Decimals,
    Direction Direction,
    IndicatorSource Source,
    string? LatestPeriod,
    double? Latest,
    double? Previous,
    double? Riket,
    int? Rank,
    int RegionsReported,
    bool? WorseThanRiket,
    double? Gap,
    double? Target,
    bool TargetIsDemo,
    TargetStatus? Status,
    IReadOnlyList<IndicatorPoint> Series,
    bool HasValuesFromElsewhere = false);

public sealed record AreaValue(string AreaId, string AreaName, double Value, int? Rank);

public sealed record IndicatorView(
    RegionSummary Region,
    IndicatorSummary Summary,
    string? Description,
    Periodicity Periodicity,
    bool IsDividedByGender,
    IReadOnlyList<AreaValue> RegionsAtLatest,
    IReadOnlyList<LinkedGoal> Goals,
    string? Formula,
    IReadOnlyList<TargetRow> Targets,
    IReadOnlyList<GenderRow> ByGender,
    IReadOnlyList<UnitSeries> ByUnit);

/// <summary>The region's target for a year, with the region's value that year (total) and its status.</summary>
public sealed record TargetRow(int Year, double Value, double Tolerance, bool IsDemo, double? Outcome, TargetStatus? Status);

/// <summary>The region's values for one period, for women and men beside the total (K, M, T).</summary>
public sealed record GenderRow(string Period, double? Total, double? Women, double? Men);

/// <summary>One of the region's units: its values per period (total).</summary>
public sealed record UnitSeries(string UnitCode, string UnitName, IReadOnlyList<(string Period, double Value, MeasurementStatus Status)> Values);

public sealed record LinkedGoal(int PlanId, string PlanTitle, string NodeId, string Title);

/// <summary>An entry of the indicator catalogue, seen from one region.</summary>
public sealed record CatalogueItem(string Code, string Name, string? Category, string? AreaTypes, bool IsDividedByGender,
    IndicatorSource Source, bool FollowedUp, bool HasValues);

public sealed record CataloguePage(int Total, int Page, int PageSize, IReadOnlyList<CatalogueItem> Items);

public static class IndicatorQueries
{
    /// <summary>
    /// Searches every indicator Styra knows — the whole Kolada catalogue and the regions' own — by code, name or field
    /// (case and accents as Swedish readers expect: "sjukvård" finds "Hälso- och sjukvård"). Unless
    /// <paramref name="includeMunicipal"/>, Kolada KPIs published only for municipalities are left out.
    /// </summary>
    public static async Task<CataloguePage> CatalogueAsync(
        StyraDbContext db, RegionCode region, string? query, bool includeMunicipal, int page, int pageSize = 50, CancellationToken ct = default)
    {
        var all = await db.Indicators.AsNoTracking()
            .Select(i => new { i.Id, i.Code, i.Name, i.Category, i.AreaTypes, i.IsDividedByGender, i.Source }).ToListAsync(ct);
        var compare = System.Globalization.CultureInfo.GetCultureInfo("sv-SE").CompareInfo;
        const System.Globalization.CompareOptions options = System.Globalization.CompareOptions.IgnoreCase;
        var q = query?.Trim();
        var found = all
            .Where(i => includeMunicipal || i.AreaTypes != "K")
            .Where(i => string.IsNullOrEmpty(q) || compare.IndexOf(i.Code, q, options) >= 0 || compare.IndexOf(i.Name, q, options) >= 0
                || (i.Category is not null && compare.IndexOf(i.Category, q, options) >= 0))
            .OrderBy(i => string.Equals(i.Code, q, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(i => i.Name, SwedishOrder.Comparer)
            .ToList();
        page = Math.Clamp(page, 1, Math.Max(1, (found.Count + pageSize - 1) / pageSize));
        var shown = found.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var ids = shown.Select(i => i.Id).ToList();
        var followed = (await LinkedCodesAsync(db, region, ct)).ToHashSet(StringComparer.Ordinal);
        var withValues = (await db.Indicators.AsNoTracking().Where(i => ids.Contains(i.Id) && db.Measurements.Any(m => m.IndicatorId == i.Id))
            .Select(i => i.Id).ToListAsync(ct)).ToHashSet();
        return new CataloguePage(found.Count, page, pageSize, shown.Select(i => new CatalogueItem(i.Code, i.Name, i.Category, i.AreaTypes,
            i.IsDividedByGender, i.Source, followed.Contains(i.Code), withValues.Contains(i.Id))).ToList());
    }

    /// <summary>
    /// Summaries, for one region, of the given indicators (total values, gender T) — as of the end of
    /// <paramref name="asOfYear"/> when given (later periods are left out), else as of the latest value.
    /// </summary>
    public static async Task<Dictionary<string, IndicatorSummary>> SummariesAsync(
        StyraDbContext db, RegionCode region, IReadOnlyCollection<string> codes, CancellationToken ct = default, int? asOfYear = null)
    {
        if (codes.Count == 0) return [];
        var indicators = await db.Indicators.AsNoTracking().Where(i => codes.Contains(i.Code)).ToListAsync(ct);
        var ids = indicators.Select(i => i.Id).ToList();
        var regionAreas = db.Areas.Where(a => a.Kind == AreaKind.Region || a.Kind == AreaKind.Country).Select(a => a.Id);
        var rows = await db.Measurements.AsNoTracking()
            .Where(m => ids.Contains(m.IndicatorId) && m.Gender == Gender.T && m.UnitCode == Measurement.WholeArea && regionAreas.Contains(m.AreaId))
            .Select(m => new { m.IndicatorId, m.AreaId, m.Period, m.Value, m.ImportBatchId })
            .ToListAsync(ct);
        var byIndicator = rows.ToLookup(r => r.IndicatorId);
        // Which imports brought values from somewhere else than Kolada: those values must not be credited to Kolada.
        var batchIds = rows.Select(r => r.ImportBatchId).Distinct().ToList();
        var notKolada = (await db.ImportBatches.AsNoTracking().Where(b => batchIds.Contains(b.Id) && b.Kind != "kolada").Select(b => b.Id).ToListAsync(ct)).ToHashSet();
        var targets = (await db.Targets.AsNoTracking().Where(t => t.Region.Code == region && ids.Contains(t.IndicatorId)).ToListAsync(ct))
            .ToLookup(t => t.IndicatorId);
        return indicators.ToDictionary(i => i.Code, i =>
        {
            var shown = byIndicator[i.Id].Where(r => asOfYear is null || r.Period.Year <= asOfYear).ToList();
            return Summarise(i, region.KoladaId, shown.Select(r => (r.AreaId, r.Period, r.Value)), targets[i.Id].ToDictionary(t => t.Year))
                with { HasValuesFromElsewhere = i.Source == IndicatorSource.Kolada && shown.Any(r => notKolada.Contains(r.ImportBatchId)) };
        });
    }

    /// <summary>The codes of the indicators that follow up nodes of the region's current plans.</summary>
    public static Task<List<string>> LinkedCodesAsync(StyraDbContext db, RegionCode region, CancellationToken ct = default) =>
        db.GoalNodes.AsNoTracking()
            .CurrentNodes()
            .Where(n => n.PlanVersion.Plan.Region.Code == region)
            .SelectMany(n => n.Indicators).Select(i => i.Indicator.Code).Distinct().ToListAsync(ct);

    public static async Task<IndicatorView?> IndicatorAsync(StyraDbContext db, RegionCode region, string code, CancellationToken ct = default)
    {
        var summary = await OrganisationQueries.RegionAsync(db, region, ct);
        var indicator = await db.Indicators.AsNoTracking().SingleOrDefaultAsync(i => i.Code == code, ct);
        if (summary is null || indicator is null) return null;
        var s = (await SummariesAsync(db, region, [code], ct))[code];
        var areas = await db.Areas.AsNoTracking().Where(a => a.Kind == AreaKind.Region).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var atLatest = new List<(string AreaId, double Value)>();
        if (s.LatestPeriod is not null)
        {
            var latest = Period.Parse(s.LatestPeriod);
            atLatest = (await db.Measurements.AsNoTracking()
                    .Where(m => m.IndicatorId == indicator.Id && m.Gender == Gender.T && m.UnitCode == Measurement.WholeArea && m.Period == latest && areas.Keys.Contains(m.AreaId))
                    .Select(m => new { m.AreaId, m.Value }).ToListAsync(ct))
                .Select(m => (m.AreaId, m.Value)).ToList();
        }
        var ranked = Rank(atLatest, indicator.Direction);
        var goals = await db.GoalNodes.AsNoTracking()
            .CurrentNodes()
            .Where(n => n.PlanVersion.Plan.Region.Code == region && n.Indicators.Any(i => i.Indicator.Code == code))
            .Select(n => new LinkedGoal(n.PlanVersion.PlanId, n.PlanVersion.Plan.Title, n.Key, n.Title))
            .ToListAsync(ct);

        // The region's own values in every breakdown: by gender for the region as a whole, and by unit.
        var own = await db.Measurements.AsNoTracking()
            .Where(m => m.IndicatorId == indicator.Id && m.AreaId == region.KoladaId)
            .Select(m => new { m.UnitCode, m.Period, m.Gender, m.Value, m.Status }).ToListAsync(ct);
        var whole = own.Where(m => m.UnitCode == Measurement.WholeArea).ToList();
        var byGender = whole.Any(m => m.Gender != Gender.T)
            ? whole.GroupBy(m => m.Period).OrderByDescending(g => g.Key)
                .Select(g => new GenderRow(g.Key.ToString(),
                    g.Where(m => m.Gender == Gender.T).Select(m => (double?)m.Value).FirstOrDefault(),
                    g.Where(m => m.Gender == Gender.K).Select(m => (double?)m.Value).FirstOrDefault(),
                    g.Where(m => m.Gender == Gender.M).Select(m => (double?)m.Value).FirstOrDefault())).ToList()
            : [];
        var unitNames = await db.Units.AsNoTracking().Where(u => u.Region.Code == region).ToDictionaryAsync(u => u.Code, u => u.Name, ct);
        var byUnit = own.Where(m => m.UnitCode != Measurement.WholeArea && m.Gender == Gender.T).GroupBy(m => m.UnitCode)
            .Select(g => new UnitSeries(g.Key, unitNames.GetValueOrDefault(g.Key, g.Key),
                g.OrderBy(m => m.Period).Select(m => (m.Period.ToString(), m.Value, m.Status)).ToList()))
            .OrderBy(u => u.UnitName, SwedishOrder.Comparer).ToList();
        var totals = whole.Where(m => m.Gender == Gender.T && m.Period.Kind == Periodicity.Year).ToDictionary(m => m.Period.Year, m => m.Value);
        var targets = (await db.Targets.AsNoTracking().Where(t => t.Region.Code == region && t.IndicatorId == indicator.Id).ToListAsync(ct))
            .OrderBy(t => t.Year)
            .Select(t => new TargetRow(t.Year, t.Value, t.Tolerance, t.IsDemo, totals.TryGetValue(t.Year, out var v) ? v : null,
                totals.TryGetValue(t.Year, out var o) ? Target.StatusOf(o, t.Value, t.Tolerance, indicator.Direction) : null))
            .ToList();
        return new IndicatorView(summary, s, indicator.Description, indicator.Periodicity, indicator.IsDividedByGender,
            atLatest.OrderBy(a => ranked.GetValueOrDefault(a.AreaId, int.MaxValue)).ThenBy(a => areas[a.AreaId], SwedishOrder.Comparer)
                .Select(a => new AreaValue(a.AreaId, areas[a.AreaId], a.Value, ranked.GetValueOrDefault(a.AreaId) is var r and > 0 ? r : null)).ToList(),
            goals, indicator.Formula, targets, byGender, byUnit);
    }

    private static IndicatorSummary Summarise(Indicator i, string areaId, IEnumerable<(string AreaId, Period Period, double Value)> values, IReadOnlyDictionary<int, Target> targets)
    {
        var byPeriod = values.GroupBy(v => v.Period).OrderBy(g => g.Key).ToList();
        var series = byPeriod.Select(g =>
        {
            var regions = g.Where(v => v.AreaId != Area.RiketId).Select(v => (v.AreaId, v.Value)).ToList();
            var rank = Rank(regions, i.Direction);
            double? own = g.Where(v => v.AreaId == areaId).Select(v => (double?)v.Value).FirstOrDefault();
            double? riket = g.Where(v => v.AreaId == Area.RiketId).Select(v => (double?)v.Value).FirstOrDefault();
            return new IndicatorPoint(g.Key.ToString(), own, riket, rank.TryGetValue(areaId, out var r) ? r : null, regions.Count,
                targets.TryGetValue(g.Key.Year, out var t) ? t.Value : null);
        }).ToList();
        var withOwn = series.Where(p => p.Region is not null).ToList();
        var last = withOwn.LastOrDefault();
        var previous = withOwn.Count > 1 ? withOwn[^2].Region : null;
        bool? worse = null;
        double? gap = null;
        if (last is { Region: { } v, Riket: { } rk })
        {
            gap = v - rk;
            worse = i.Direction switch
            {
                Direction.HigherIsBetter => v < rk,
                Direction.LowerIsBetter => v > rk,
                _ => null,
            };
        }
        // The status compares the latest value with the target of the same year (a target belongs to a year).
        var target = last is null ? null : targets.GetValueOrDefault(Period.Parse(last.Period).Year);
        var status = target is null || last?.Region is not { } latest ? null : Target.StatusOf(latest, target.Value, target.Tolerance, i.Direction);
        return new IndicatorSummary(i.Code, i.Name, i.Unit, i.Decimals, i.Direction, i.Source, last?.Period, last?.Region, previous,
            last?.Riket, last?.Rank, last?.RegionsReported ?? 0, worse, gap, target?.Value, target?.IsDemo ?? false, status, series);
    }

    /// <summary>Ranks regions best first by the indicator's direction (1 = best); a neutral indicator is not ranked.</summary>
    private static Dictionary<string, int> Rank(IReadOnlyList<(string AreaId, double Value)> values, Direction direction)
    {
        if (direction == Direction.Neutral) return [];
        var ordered = direction == Direction.HigherIsBetter ? values.OrderByDescending(v => v.Value) : values.OrderBy(v => v.Value);
        var result = new Dictionary<string, int>();
        var position = 0;
        double? previous = null;
        var rank = 0;
        foreach (var (area, value) in ordered)
        {
            position++;
            if (previous != value) rank = position; // equal values share a rank
            previous = value;
            result[area] = rank;
        }
        return result;
    }
}
