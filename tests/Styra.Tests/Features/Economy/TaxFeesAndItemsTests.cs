using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.Economy;
using Styra.Features.FollowUp;
using Styra.Features.Organisation;
using Styra.Tests.Infrastructure;

namespace Styra.Tests.Features.Economy;

/// <summary>The tax rate, the fee decisions and entering items by hand: validated, all or nothing, on both providers.</summary>
public sealed class TaxFeesAndItemsTests
{
    private static readonly RegionCode Halland = new("13");

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task TaxRate_FeesAndItems_RefuseWhatIsWrong_NameTheField_AndKeepThePreviousData(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var region = await db.Regions.SingleAsync(r => r.Code == Halland);
        var planner = new Access(4001, "plan@test", [new Grant(region.Id, RegionRole.Planner, null)]);
        var reader = new Access(4002, "read@test", [new Grant(region.Id, RegionRole.Reader, null)]);
        var taxes = scope.ServiceProvider.GetRequiredService<TaxAndFees>();

        // The seed's tax rate and fee decisions are in the demo.
        var (tax, fees) = await taxes.ForYearAsync(region.Id, 2024);
        Assert.Equal(11.40m, tax!.Percent);
        Assert.Contains("Skattesats", tax.Source);
        Assert.Equal(["Patientavgifter", "Tandvårdstaxa", "Kollektivtrafik"], fees.Select(f => f.Area));
        Assert.Equal(3m, fees.Single(f => f.Area == "Kollektivtrafik").MaxChangePercent);

        foreach (var wrong in new decimal?[] { 0m, 100m, -1m, null })
        {
            var refused = await taxes.SetTaxRateAsync(Halland, 2024, new(wrong, null), planner);
            Assert.Equal(Outcome.Invalid, refused.Outcome);
            Assert.Equal("percent", Assert.Single(refused.Problems).Field);
        }
        Assert.Equal(Outcome.Forbidden, (await taxes.SetTaxRateAsync(Halland, 2024, new(11.5m, null), reader)).Outcome);
        Assert.Equal(11.40m, (await taxes.ForYearAsync(region.Id, 2024)).TaxRate!.Percent);
        var set = await taxes.SetTaxRateAsync(Halland, 2025, new(11.45m, "Mål och budget 2025"), planner);
        Assert.Equal((Outcome.Ok, 11.45m), (set.Outcome, set.TaxRate!.Percent));

        // Two decisions for one area (whatever the case) are refused, naming the second row; nothing changes.
        var twice = await taxes.SaveFeesAsync(Halland, 2024,
            [new("Patientavgifter", "Oförändrade", 0m, null), new("Tandvårdstaxa", "Enligt TLV", null, null), new("patientavgifter", "Höjs", 2m, null)], planner);
        Assert.Equal(Outcome.Invalid, twice.Outcome);
        Assert.Equal("fees[2].area", Assert.Single(twice.Problems).Field);
        Assert.Equal(3, await db.FeeDecisions.CountAsync(f => f.RegionId == region.Id && f.Year == 2024));

        var revised = await taxes.SaveFeesAsync(Halland, 2024,
            [new("Patientavgifter", "Oförändrade från 2023.", 0m, null), new("Kollektivtrafik", "Upp till tre procent.", 3m, null), new("", "", null, null)], planner);
        Assert.Equal(Outcome.Ok, revised.Outcome);
        Assert.Equal(["Patientavgifter", "Kollektivtrafik"], revised.Fees.Select(f => f.Area));
        Assert.Contains("Egenavgifter", revised.Fees[0].Source); // a revision without a new source keeps the document's

        // Entering items: one bad item and nothing is saved; the error names it.
        var entry = scope.ServiceProvider.GetRequiredService<EnterEconomyItems>();
        var bad = await entry.SaveAsync(Halland, 2030, FigureKind.Budget,
            [new(EconomyItemKind.TaxRevenue, 10000m), new(EconomyItemKind.OperatingCosts, -1200m), new(EconomyItemKind.NetResult, -50m)], planner);
        Assert.Equal(Outcome.Invalid, bad.Outcome);
        var problem = Assert.Single(bad.Problems);
        Assert.Equal("verksamhetens-kostnader", problem.Field);
        Assert.Contains("Verksamhetens kostnader", problem.Swedish);
        Assert.Equal(0, await db.EconomyItems.CountAsync(i => i.RegionId == region.Id && i.Year == 2030));

        var good = await entry.SaveAsync(Halland, 2030, FigureKind.Budget,
            [new(EconomyItemKind.TaxRevenue, 10000m), new(EconomyItemKind.OperatingCosts, 1200m), new(EconomyItemKind.NetResult, -50m)], planner);
        Assert.Equal((Outcome.Ok, 3), (good.Outcome, good.Added));
        var corrected = await entry.SaveAsync(Halland, 2030, FigureKind.Budget, [new(EconomyItemKind.TaxRevenue, 10001.5m), new(EconomyItemKind.NetResult, null)], planner);
        Assert.Equal((1, 1), (corrected.Changed, corrected.Removed));
        var stored = await db.EconomyItems.AsNoTracking().Where(i => i.RegionId == region.Id && i.Year == 2030).ToDictionaryAsync(i => i.Item, i => i.Amount);
        Assert.Equal(new Dictionary<EconomyItemKind, decimal> { [EconomyItemKind.TaxRevenue] = 10001.5m, [EconomyItemKind.OperatingCosts] = 1200m }, stored);
        Assert.Equal(Outcome.Forbidden, (await entry.SaveAsync(Halland, 2030, FigureKind.Budget, [new(EconomyItemKind.TaxRevenue, 1m)], reader)).Outcome);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Frames_AreReplacedInOrder_AnUnknownUnitIsRefusedByRow_AndTheInvestmentPlanIsSet(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var region = await db.Regions.SingleAsync(r => r.Code == Halland);
        var planner = new Access(4001, "plan@test", [new Grant(region.Id, RegionRole.Planner, null)]);
        var frames = scope.ServiceProvider.GetRequiredService<EditFrames>();

        var bad = await frames.SaveFramesAsync(Halland, 2025,
            new([new("Driftnämnd Psykiatri", "DNPSH", 900m), new("Okänd nämnd", "XYZ", 5m), new("", null, 3m)], 908m, null), planner);
        Assert.Equal(Outcome.Invalid, bad.Outcome);
        Assert.Equal(["rows[1].unit", "rows[2].label"], bad.Problems.Select(p => p.Field));
        var queries = scope.ServiceProvider.GetRequiredService<EconomyQueries>();
        Assert.Equal(14, (await queries.BudgetFramesAsync(Halland, 2025, 2025))!.Single().Rows.Count);

        var saved = await frames.SaveFramesAsync(Halland, 2025,
            new([new("Driftnämnd Psykiatri", "dnpsh", 900m), new(null, null, null), new("Regiongemensamma kostnader", null, 100m)], 1001m, "Tilläggsbudget 2025"), planner);
        Assert.Equal(Outcome.Ok, saved.Outcome);
        Assert.Equal([(1, "Driftnämnd Psykiatri", "DNPSH", 900m), (2, "Regiongemensamma kostnader", (string?)null, 100m)],
            saved.Frames!.Rows.Select(r => (r.Position, r.Label, r.Unit, r.Amount)));
        Assert.Equal((1000m, 1001m, 1m), (saved.Frames.Sum, saved.Frames.StatedTotal!.Value, saved.Frames.Difference!.Value));
        Assert.Equal(14, (await queries.BudgetFramesAsync(Halland, 2024, 2024))!.Single().Rows.Count); // other years untouched

        var missing = await frames.SaveInvestmentPlanAsync(Halland, 2025, new(null, 485m, null, null), planner);
        Assert.Equal("decidedAndReinvestments", Assert.Single(missing.Problems).Field);
        var plan = await frames.SaveInvestmentPlanAsync(Halland, 2025, new(400m, 485m, 885m, null), planner);
        Assert.Equal((885m, 0m), (plan.InvestmentPlan!.Sum, plan.InvestmentPlan.Difference!.Value));
    }
}
