using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Organisation;

namespace Styra.Features.Indicators;

/// <summary>
/// Indicator summaries kept in memory between requests: a goal page, the region's indicator list and the comparison
/// all summarise the same few dozen indicators over their whole history, which does not change between imports.
/// Every use asks the database for <see cref="DataStamp.Version"/> (one row) and starts afresh when it moved, so an
/// import from the CLI or another instance shows at once.
/// </summary>
public sealed class SummaryCache
{
    private readonly Lock _gate = new();
    private long _version = -1;
    private ConcurrentDictionary<(string Region, string Code, int? AsOf), IndicatorSummary> _items = new();

    public async Task<Dictionary<string, IndicatorSummary>> SummariesAsync(
        StyraDbContext db, RegionCode region, IReadOnlyCollection<string> codes, int? asOfYear = null, CancellationToken ct = default)
    {
        var version = await db.DataStamps.AsNoTracking().Select(s => s.Version).SingleAsync(ct);
        ConcurrentDictionary<(string, string, int?), IndicatorSummary> items;
        lock (_gate)
        {
            if (version != _version)
            {
                _items = new();
                _version = version;
            }
            items = _items;
        }
        var missing = codes.Where(c => !items.ContainsKey((region.Value, c, asOfYear))).Distinct().ToList();
        if (missing.Count > 0)
        {
            foreach (var (code, summary) in await IndicatorQueries.SummariesAsync(db, region, missing, ct, asOfYear))
                items[(region.Value, code, asOfYear)] = summary;
        }
        var result = new Dictionary<string, IndicatorSummary>();
        foreach (var code in codes)
        {
            if (items.TryGetValue((region.Value, code, asOfYear), out var summary)) result[code] = summary;
        }
        return result;
    }
}
