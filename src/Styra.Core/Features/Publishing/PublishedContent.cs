using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.FollowUp;

namespace Styra.Features.Publishing;

/// <summary>A reporting event whose approved assessments are public.</summary>
public sealed record PublishedEvent(int Id, string Name, EventKind Kind, int Year, DateOnly PeriodStart, DateOnly PeriodEnd, int PlanId, DateTimeOffset PublishedAt);

/// <summary>An approved assessment of a published event: the planners' (no unit) or a committee's.</summary>
public sealed record PublishedAssessment(int Id, int EventId, string EventName, EventKind EventKind, DateOnly PeriodEnd, int PlanId, string NodeKey,
    string? UnitCode, string? UnitName, Fulfilment? Fulfilment, Fulfilment? Forecast, string Analysis, DateTimeOffset? ApprovedAt);

/// <summary>
/// The one gate of everything public that is not public by nature: which reporting events and economy years are
/// published now (their publication time passed), and of those events only the approved assessments. Public pages,
/// the open-data API and the Kolada-compatible API read follow-up and economy through here, never around it.
/// </summary>
public sealed class PublishedContent(StyraDbContext db, TimeProvider time, Economy.EconomyQueries economy)
{
    /// <summary>The region's published events, newest period first.</summary>
    public async Task<IReadOnlyList<PublishedEvent>> EventsAsync(int regionId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var rows = await db.Publications.AsNoTracking()
            .Where(p => p.RegionId == regionId && p.Kind == PublicationKind.FollowUp && p.EventId != null)
            .Select(p => new { p.PublishAt, Event = p.Event! })
            .ToListAsync(ct);
        return rows.Where(r => r.PublishAt <= now)
            .Select(r => new PublishedEvent(r.Event.Id, r.Event.Name, r.Event.Kind, r.Event.Year, r.Event.PeriodStart, r.Event.PeriodEnd, r.Event.PlanId, r.PublishAt))
            .OrderByDescending(e => e.PeriodEnd).ThenByDescending(e => e.Kind).ToList();
    }

    /// <summary>The region's published economy years, newest first.</summary>
    public async Task<IReadOnlyList<int>> EconomyYearsAsync(int regionId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var rows = await db.Publications.AsNoTracking()
            .Where(p => p.RegionId == regionId && p.Kind == PublicationKind.Economy)
            .Select(p => new { p.Year, p.PublishAt }).ToListAsync(ct);
        return rows.Where(r => r.PublishAt <= now).Select(r => r.Year).Distinct().OrderDescending().ToList();
    }

    /// <summary>
    /// The financial goals of the region's published economy years, outcomes and budgets only, with every derived figure
    /// (rolling averages, the comparison with the year before) computed from published years alone; null for no region.
    /// </summary>
    public async Task<IReadOnlyList<Economy.FinancialGoalSeries>?> FinancialGoalsAsync(Organisation.RegionCode code, CancellationToken ct = default)
    {
        var regionId = await db.Regions.AsNoTracking().Where(r => r.Code == code).Select(r => (int?)r.Id).SingleOrDefaultAsync(ct);
        if (regionId is null) return null;
        return await economy.FinancialGoalsOfYearsAsync(code, await EconomyYearsAsync(regionId.Value, ct), ct);
    }

    /// <summary>
    /// The approved assessments of the region's published events, newest event first; narrowed to a plan and a node
    /// when given.
    /// </summary>
    public async Task<IReadOnlyList<PublishedAssessment>> AssessmentsAsync(int regionId, int? planId = null, string? nodeKey = null, CancellationToken ct = default)
    {
        var events = await EventsAsync(regionId, ct);
        var ids = events.Where(e => planId is null || e.PlanId == planId).Select(e => e.Id).ToList();
        if (ids.Count == 0) return [];
        var query = db.Assessments.AsNoTracking().Where(a => ids.Contains(a.EventId) && a.Status == AssessmentStatus.Approved);
        if (nodeKey is not null) query = query.Where(a => a.NodeKey == nodeKey);
        var rows = await query.Select(a => new
        {
            a.Id, a.EventId, a.NodeKey, UnitCode = a.Unit == null ? null : a.Unit.Code, UnitName = a.Unit == null ? null : a.Unit.Name,
            a.Fulfilment, a.Forecast, a.Analysis, a.ApprovedAt,
        }).ToListAsync(ct);
        var byId = events.ToDictionary(e => e.Id);
        return rows.Select(a =>
            {
                var e = byId[a.EventId];
                return new PublishedAssessment(a.Id, e.Id, e.Name, e.Kind, e.PeriodEnd, e.PlanId, a.NodeKey, a.UnitCode, a.UnitName,
                    a.Fulfilment, a.Forecast, a.Analysis, a.ApprovedAt);
            })
            .OrderByDescending(a => a.PeriodEnd).ThenByDescending(a => a.EventKind).ThenBy(a => a.UnitCode is null ? 0 : 1).ThenBy(a => a.UnitName)
            .ToList();
    }

    /// <summary>
    /// Per node key ("" for the region as a whole) and committee (null for the planners' assessment), the latest
    /// published approved assessment of the plan.
    /// </summary>
    public async Task<IReadOnlyDictionary<(string NodeKey, string? UnitCode), PublishedAssessment>> LatestAsync(int regionId, int planId, CancellationToken ct = default)
    {
        var all = await AssessmentsAsync(regionId, planId, null, ct);
        var latest = new Dictionary<(string, string?), PublishedAssessment>();
        foreach (var a in all) latest.TryAdd((a.NodeKey, a.UnitCode), a); // newest first
        return latest;
    }

    /// <summary>
    /// A stamp of everything public: it changes with every imported value, plan or target (the data stamp), every
    /// audited change (assessments, economy, publications …) and every publication whose time comes. Fit for an ETag.
    /// Changes made by another process (the CLI) show within a second.
    /// </summary>
    public async Task<PublicStamp> StampAsync(CancellationToken ct = default)
    {
        // Read at most once a second per database: every public request asks for the stamp, and at thousands of requests
        // a second its four small queries would be most of the work. A change saved in this process starts afresh at once.
        var key = db.Database.GetConnectionString() ?? "";
        var changes = LocalChanges.Count;
        var now = time.GetUtcNow();
        if (Stamps.TryGetValue(key, out var cached) && cached.Changes == changes && now - cached.ReadAt < StampAge && now >= cached.ReadAt)
            return cached.Stamp;
        var stamp = await ReadStampAsync(now, ct);
        Stamps[key] = (stamp, now, changes);
        return stamp;
    }

    private static readonly TimeSpan StampAge = TimeSpan.FromSeconds(1);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (PublicStamp Stamp, DateTimeOffset ReadAt, long Changes)> Stamps = new();

    private async Task<PublicStamp> ReadStampAsync(DateTimeOffset now, CancellationToken ct)
    {
        var data = await db.DataStamps.AsNoTracking().Select(s => s.Version).SingleAsync(ct);
        var audit = await db.AuditRecords.AsNoTracking().OrderByDescending(r => r.Id).Select(r => new { r.Id, r.At }).FirstOrDefaultAsync(ct);
        var publishAts = await db.Publications.AsNoTracking().Select(p => p.PublishAt).ToListAsync(ct);
        var due = publishAts.Where(p => p <= now).ToList();
        var lastImport = await db.ImportBatches.AsNoTracking().OrderByDescending(b => b.Id).Select(b => (DateTimeOffset?)b.StartedAt).FirstOrDefaultAsync(ct);
        var modified = new[] { audit?.At, lastImport, due.Count == 0 ? null : due.Max() }.Where(d => d is not null).Select(d => d!.Value)
            .DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();
        return new PublicStamp($"{data}-{audit?.Id ?? 0}-{due.Count}", modified);
    }
}

/// <summary>The version of the public content (<see cref="Tag"/>, for ETags) and when it last changed.</summary>
public sealed record PublicStamp(string Tag, DateTimeOffset LastModified);
