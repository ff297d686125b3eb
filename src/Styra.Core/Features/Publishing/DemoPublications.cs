using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.FollowUp;

namespace Styra.Features.Publishing;

/// <summary>
/// The demo's publications: Halland's UR1 2024 (its approved assessments), and every demo region's economy years —
/// the budgets as decided and the outcomes as reported — so the public pages have something to show, while UR2 2024
/// (still in progress) stays internal.
/// </summary>
public static class DemoPublications
{
    private const string By = "demo: planerare";

    public static async Task LoadAsync(StyraDbContext db, CancellationToken ct)
    {
        if (await db.Publications.AnyAsync(ct)) return;
        var ur1 = await db.ReportingEvents.Include(e => e.Region)
            .Where(e => e.Kind == EventKind.Tertial1 && e.Year == 2024 && e.Region.Code == new Organisation.RegionCode("13"))
            .SingleOrDefaultAsync(ct);
        var at = new DateTimeOffset(2024, 6, 14, 8, 0, 0, TimeSpan.FromHours(2));
        if (ur1 is not null) db.Publications.Add(Publication.OfEvent(ur1, at, By, at));
        var years = await db.EconomyItems.Select(i => new { i.RegionId, i.Year }).Distinct().ToListAsync(ct);
        var regions = await db.Regions.ToDictionaryAsync(r => r.Id, ct);
        foreach (var y in years.OrderBy(y => y.RegionId).ThenBy(y => y.Year))
            db.Publications.Add(Publication.OfEconomy(regions[y.RegionId], y.Year, at, By, at));
        await db.SaveChangesAsync(ct);
    }
}
