using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.Organisation;

namespace Styra.Features.CareOffer;

/// <summary>Two years' registers side by side: the units that changed, and each principle check's findings in both years.</summary>
public sealed record YearComparison(int Year, int With, IReadOnlyList<int> Years, CheckReport Before, CheckReport After,
    IReadOnlyList<FindingComparison> Checks, IReadOnlyList<UnitChange> UnitChanges);

/// <summary>
/// Compares a year's register with another year's (by default the one before): which units opened, closed or changed,
/// and what that did to the principle checks — both years checked with the region's settings of today, so the difference
/// is the care offer's, not the settings'.
/// </summary>
public sealed class RegisterComparison(StyraDbContext db, CareOfferCheckSettings settings)
{
    /// <summary>Null when the region, either register or access is missing; <paramref name="with"/> null means the latest earlier year.</summary>
    public async Task<YearComparison?> CompareAsync(RegionCode code, int year, int? with, Access access, CancellationToken ct = default)
    {
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null || !access.CanRead(region.Id)) return null;
        var years = await db.CareOfferRegisters.Where(r => r.RegionId == region.Id).Select(r => r.Year).OrderBy(y => y).ToListAsync(ct);
        var other = with ?? years.LastOrDefault(y => y < year);
        if (!years.Contains(year) || other == 0 || other == year || !years.Contains(other)) return null;
        var registers = await db.CareOfferRegisters.AsNoTracking().Include(r => r.Units)
            .Where(r => r.RegionId == region.Id && (r.Year == year || r.Year == other)).ToListAsync(ct);
        var before = registers.Single(r => r.Year == other);
        var after = registers.Single(r => r.Year == year);
        var rules = await settings.ViewAsync(region, ct);
        var beforeUnits = before.Units.Select(u => u.ToData()).ToList();
        var afterUnits = after.Units.Select(u => u.ToData()).ToList();
        var beforeReport = await settings.ReportAsync(region, new(before.Year, before.IsDemo, before.Source, beforeUnits.Count, before.Version), rules, beforeUnits, ct);
        var afterReport = await settings.ReportAsync(region, new(after.Year, after.IsDemo, after.Source, afterUnits.Count, after.Version), rules, afterUnits, ct);
        return new(year, other, years, beforeReport, afterReport,
            Proposals.Compare(rules.Rules, beforeReport.Findings.ToList(), afterReport.Findings.ToList()),
            Proposals.UnitChanges(beforeUnits, afterUnits));
    }
}
