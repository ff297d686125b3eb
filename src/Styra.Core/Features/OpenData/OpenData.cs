using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Economy;
using Styra.Features.FollowUp;
using Styra.Features.Indicators;
using Styra.Features.Organisation;
using Styra.Features.Plans;
using Styra.Features.Publishing;

namespace Styra.Features.OpenData;

/// <summary>The terms the open data comes with: Styra's own data under CC0, Kolada's with its required credit.</summary>
public static class OpenDataTerms
{
    public const string License = "CC0-1.0";
    public const string LicenseUrl = "https://creativecommons.org/publicdomain/zero/1.0/";

    /// <summary>The credit Kolada's terms ask of a service that shows its figures (and only its own, not ones Styra computed).</summary>
    public const string KoladaAttribution = "Källa: Kolada";

    /// <summary>What <c>source</c> says of a value or indicator from Kolada; everything else is the region's own, in Styra.</summary>
    public const string Kolada = "Kolada";
    public const string Styra = "Styra";
}

/// <summary>
/// An open-data answer: the rows, the licence of Styra's own data, and the credit to Kolada when some rows come from it.
/// </summary>
public sealed record OpenList<T>(string License, string LicenseUrl, string? Attribution, IReadOnlyList<T> Items);

public sealed record OpenRegion(string Code, string KoladaId, string Name, int PlanCount);

/// <summary>
/// A plan with its current version and the decision behind it, and the latest published assessment of the region as a
/// whole against the plan (the planners' overall judgement; null when none is published).
/// </summary>
public sealed record OpenPlan(string Key, string Title, PlanKind Kind, int ValidFrom, int? ValidTo, string? Owner, string? OwnerName,
    int? Version, string? VersionLabel, string? DecisionBody, DateOnly? DecisionDate, string? DecisionReference, OpenAssessment? Published);

/// <summary>
/// A published, approved assessment of a goal: by a committee (<see cref="Unit"/>), or by the region's planners for the
/// region as a whole (<see cref="Unit"/> null).
/// </summary>
public sealed record OpenAssessment(string Event, EventKind EventKind, DateOnly PeriodEnd, string? Unit, string? UnitName,
    Fulfilment? Fulfilment, Fulfilment? Forecast, DateTimeOffset? ApprovedAt, string Analysis);

/// <summary>
/// A node of a plan's current goal tree. <see cref="Published"/> is the latest published assessment of the node — the
/// region's own when there is one, else the newest of the committees' — and null when none is published;
/// <see cref="Assessments"/> holds the latest published one of each assessor.
/// </summary>
public sealed record OpenGoal(string PlanKey, string NodeKey, string? ParentKey, string Level, string LevelName, string Title,
    IReadOnlyList<string> Responsible, IReadOnlyList<string> Indicators, OpenAssessment? Published, IReadOnlyList<OpenAssessment> Assessments);

/// <summary>An indicator the region follows up: its latest total value for the region, Riket beside it, and the target of that year.</summary>
public sealed record OpenIndicator(string Code, string Name, string? Unit, int Decimals, Direction Direction, Periodicity Periodicity, string Source,
    string? LatestPeriod, double? LatestValue, double? Riket, double? Target, TargetStatus? Status);

/// <summary>One value: the area (Kolada id), the region's unit (null for the area as a whole), period, gender (T, K or M, as Kolada writes it), where it came from.</summary>
public sealed record OpenValue(string Area, string AreaName, string? Unit, string Period, string Gender, double Value, MeasurementStatus Status, string Source);

/// <summary>A financial goal's figure for a published year: computed by Styra from the items, and as the region reported it.</summary>
public sealed record OpenFinancialGoal(FinancialGoalKind Goal, string Name, string NameEn, string Formula, string Target, int Year, ReportedBasis Basis,
    decimal? Computed, decimal? Reported, string? ReportedAsPrinted, decimal? Rolling, TargetJudgement Judgement, string? Source);

/// <summary>
/// The open data of a region, as anyone may read it without signing in: plans and goal trees, indicators and their
/// values (public by nature), and — read only through <see cref="PublishedContent"/> — the published approved
/// assessments and the published economy years.
/// </summary>
public sealed class OpenData(StyraDbContext db, PublishedContent published, SummaryCache summaries)
{
    public async Task<OpenList<OpenRegion>> RegionsAsync(CancellationToken ct = default) =>
        Own((await OrganisationQueries.RegionsAsync(db, ct)).Select(r => new OpenRegion(r.Code, r.KoladaId, r.Name, r.PlanCount)).ToList());

    public async Task<OpenList<OpenPlan>?> PlansAsync(RegionCode code, CancellationToken ct = default)
    {
        if (await RegionIdAsync(code, ct) is not { } regionId) return null;
        // The region as a whole has the node key "": newest first, so the first is the latest.
        var overall = (await published.AssessmentsAsync(regionId, null, "", ct)).Where(a => a.UnitCode is null)
            .GroupBy(a => a.PlanId).ToDictionary(g => g.Key, g => Open(g.First()));
        return Own((await PlanQueries.PlansAsync(db, code, ct)).Select(p => new OpenPlan(p.Key, p.Title, p.Kind, p.ValidFrom, p.ValidTo, p.Owner, p.OwnerName,
            p.CurrentVersion?.Number, p.CurrentVersion?.Label, p.CurrentVersion?.Decision?.Body, p.CurrentVersion?.Decision?.Date,
            p.CurrentVersion?.Decision?.Reference, overall.GetValueOrDefault(p.Id))).ToList());
    }

    public async Task<OpenList<OpenGoal>?> GoalsAsync(RegionCode code, CancellationToken ct = default)
    {
        if (await RegionIdAsync(code, ct) is not { } regionId) return null;
        var levels = await db.LevelDefinitions.AsNoTracking().Where(l => l.RegionId == regionId).ToDictionaryAsync(l => l.Key, l => l.Name, ct);
        var plans = await db.Plans.AsNoTracking().Where(p => p.RegionId == regionId)
            .OrderBy(p => p.Kind).ThenByDescending(p => p.ValidFrom).ThenBy(p => p.Key).Select(p => new { p.Id, p.Key }).ToListAsync(ct);
        var nodes = await db.GoalNodes.AsNoTracking().CurrentNodes()
            .Where(n => n.PlanVersion.Plan.RegionId == regionId)
            .Include(n => n.PlanVersion).Include(n => n.Parent)
            .Include(n => n.Indicators).ThenInclude(i => i.Indicator)
            .Include(n => n.Responsibilities).ThenInclude(r => r.Unit)
            .Include(n => n.Responsibilities).ThenInclude(r => r.Group).ThenInclude(g => g!.Members).ThenInclude(m => m.Unit)
            .AsSplitQuery()
            .ToListAsync(ct);
        var byPlan = nodes.ToLookup(n => n.PlanVersion.PlanId);
        // The gate: only approved assessments of published events, newest first.
        var assessments = (await published.AssessmentsAsync(regionId, ct: ct)).ToLookup(a => (a.PlanId, a.NodeKey));
        var goals = new List<OpenGoal>();
        foreach (var plan in plans)
        {
            var children = byPlan[plan.Id].ToLookup(n => n.ParentId);
            void Walk(GoalNode n)
            {
                var latest = assessments[(plan.Id, n.Key)].DistinctBy(a => a.UnitCode).Select(Open).ToList();
                var chosen = latest.FirstOrDefault(a => a.Unit is null) ?? latest.FirstOrDefault();
                goals.Add(new OpenGoal(plan.Key, n.Key, n.Parent?.Key, n.Level, levels.GetValueOrDefault(n.Level, n.Level), n.Title,
                    Responsibility.ResolveUnits(n.Responsibilities).Select(u => u.Code).ToList(),
                    n.Indicators.OrderBy(i => i.SortOrder).Select(i => i.Indicator.Code).ToList(), chosen, latest));
                foreach (var c in children[n.Id].OrderBy(c => c.SortOrder)) Walk(c);
            }
            foreach (var root in children[null].OrderBy(c => c.SortOrder)) Walk(root);
        }
        return Own(goals);
    }

    public async Task<OpenList<OpenIndicator>?> IndicatorsAsync(RegionCode code, CancellationToken ct = default)
    {
        if (await RegionIdAsync(code, ct) is null) return null;
        var codes = await IndicatorQueries.LinkedCodesAsync(db, code, ct);
        var all = await summaries.SummariesAsync(db, code, codes, ct: ct);
        var rows = codes.Order(StringComparer.Ordinal).Select(c => all[c]).ToList();
        var meta = await db.Indicators.AsNoTracking().Where(i => codes.Contains(i.Code)).ToDictionaryAsync(i => i.Code, i => i.Periodicity, ct);
        var items = rows.Select(s => new OpenIndicator(s.Code, s.Name, s.Unit, s.Decimals, s.Direction, meta[s.Code], SourceOf(s.Source),
            s.LatestPeriod, s.Latest, s.Riket, s.Target, s.Status)).ToList();
        return Listed(items, items.Any(i => i.Source == OpenDataTerms.Kolada));
    }

    /// <summary>
    /// All values of an indicator for the region's areas — the region itself and its units, its municipalities (Kolada
    /// ids that begin with the region's code) — and Riket; null when the region or the indicator does not exist.
    /// </summary>
    public async Task<OpenList<OpenValue>?> ValuesAsync(RegionCode code, string indicator, CancellationToken ct = default)
    {
        if (await RegionIdAsync(code, ct) is null) return null;
        var id = await db.Indicators.AsNoTracking().Where(i => i.Code == indicator).Select(i => (int?)i.Id).SingleOrDefaultAsync(ct);
        if (id is null) return null;
        var region = code.KoladaId;
        // The region, Riket and the region's municipalities (Kolada ids "13xx" in Halland), named up front so that the
        // values are read by index seeks on (indicator, area).
        var areas = await db.Areas.AsNoTracking()
            .Where(a => a.Id == region || a.Id == Area.RiketId || (a.Kind == AreaKind.Municipality && a.Id.StartsWith(code.Value)))
            .ToDictionaryAsync(a => a.Id, ct);
        var areaIds = areas.Keys.ToList();
        var rows = await db.Measurements.AsNoTracking()
            .Where(m => m.IndicatorId == id && areaIds.Contains(m.AreaId))
            .Select(m => new { m.AreaId, m.UnitCode, m.Period, m.Gender, m.Value, m.Status, Kind = m.ImportBatch.Kind })
            .ToListAsync(ct);
        var items = rows
            .OrderBy(r => r.AreaId == region ? 0 : r.AreaId == Area.RiketId ? 2 : 1).ThenBy(r => r.AreaId, StringComparer.Ordinal)
            .ThenBy(r => r.UnitCode, StringComparer.Ordinal).ThenBy(r => r.Period).ThenBy(r => r.Gender)
            .Select(r => new OpenValue(r.AreaId, areas[r.AreaId].Name, r.UnitCode.Length == 0 ? null : r.UnitCode, r.Period.ToString(), r.Gender.ToString(), r.Value, r.Status,
                r.Kind == "kolada" ? OpenDataTerms.Kolada : OpenDataTerms.Styra))
            .ToList();
        return Listed(items, items.Any(i => i.Source == OpenDataTerms.Kolada));
    }

    /// <summary>The financial goals of the region's published economy years only (outcomes and budgets), as the public pages show them.</summary>
    public async Task<OpenList<OpenFinancialGoal>?> FinancialGoalsAsync(RegionCode code, CancellationToken ct = default)
    {
        if (await published.FinancialGoalsAsync(code, ct) is not { } series) return null;
        return Own(series.SelectMany(s => s.Figures.OrderBy(f => f.Year).ThenBy(f => f.Basis)
                .Select(f => new OpenFinancialGoal(s.Goal, s.Swedish, s.English, s.Formula, s.TargetSwedish, f.Year, f.Basis,
                    f.Computed, f.Reported, f.ReportedAsPrinted, f.Rolling, f.Target, f.Source)))
            .ToList());
    }

    public async Task<bool> RegionExistsAsync(RegionCode code, CancellationToken ct = default) => await RegionIdAsync(code, ct) is not null;

    private Task<int?> RegionIdAsync(RegionCode code, CancellationToken ct) =>
        db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => (int?)r.Id).SingleOrDefaultAsync(ct);

    private static OpenAssessment Open(PublishedAssessment a) =>
        new(a.EventName, a.EventKind, a.PeriodEnd, a.UnitCode, a.UnitName, a.Fulfilment, a.Forecast, a.ApprovedAt, a.Analysis);

    internal static string SourceOf(IndicatorSource source) => source == IndicatorSource.Kolada ? OpenDataTerms.Kolada : OpenDataTerms.Styra;

    private static OpenList<T> Own<T>(IReadOnlyList<T> items) => Listed(items, false);

    private static OpenList<T> Listed<T>(IReadOnlyList<T> items, bool fromKolada) =>
        new(OpenDataTerms.License, OpenDataTerms.LicenseUrl, fromKolada ? OpenDataTerms.KoladaAttribution : null, items);
}
