using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Economy;
using Styra.Features.Organisation;
using Styra.Features.Publishing;

namespace Styra.Web.Components.Pages.Public;

/// <summary>
/// The economy as the public pages show it: only the years a planner has published (through
/// <see cref="PublishedContent.EconomyYearsAsync"/>), and of those the decided and reported figures — never a monthly
/// report, a forecast from one, or a judgement that is not approved.
/// </summary>
public sealed class PublicEconomy(StyraDbContext db, PublishedContent published)
{
    /// <summary>The region and its published economy years (newest first), or null when there is no such region.</summary>
    public async Task<(Region Region, IReadOnlyList<int> Years)?> YearsAsync(RegionCode code, CancellationToken ct = default)
    {
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        return region is null ? null : (region, await published.EconomyYearsAsync(region.Id, ct));
    }

    /// <summary>The three financial goals of the published years (outcome and budget; not forecasts), computed from those years alone.</summary>
    public async Task<IReadOnlyList<FinancialGoalSeries>> FinancialGoalsAsync(RegionCode code, CancellationToken ct = default) =>
        await published.FinancialGoalsAsync(code, ct) ?? [];

    /// <summary>The approved judgement of god ekonomisk hushållning of a published year, if there is one.</summary>
    public Task<SoundManagementJudgement?> ApprovedJudgementAsync(int regionId, int year, CancellationToken ct = default) =>
        db.SoundManagementJudgements.AsNoTracking()
            .Where(j => j.RegionId == regionId && j.Year == year && j.Status == JudgementStatus.Approved)
            .SingleOrDefaultAsync(ct);

    public static string Slug(FinancialGoalKind goal) => goal switch
    {
        FinancialGoalKind.ResultShare => "result-share",
        FinancialGoalKind.SelfFinancing => "self-financing",
        _ => "solidity",
    };

    public static FinancialGoalKind? FromSlug(string slug) => slug switch
    {
        "result-share" => FinancialGoalKind.ResultShare,
        "self-financing" => FinancialGoalKind.SelfFinancing,
        "solidity" => FinancialGoalKind.SolidityInclPensions,
        _ => null,
    };
}
