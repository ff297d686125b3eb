using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.CareOffer;
using Styra.Tests.Infrastructure;
using static Styra.Tests.Features.CareOffer.CareOfferCheckSettingsTests;
using static Styra.Tests.Features.CareOffer.CareOfferChecksTests;

namespace Styra.Tests.Features.CareOffer;

/// <summary>Two years' registers compared: the units that differ and each check's findings in both years.</summary>
public sealed class RegisterComparisonTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AYear_ComparedWithTheOneBefore_ShowsUnitsChanged_AndFindingsResolvedNewAndRemaining(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, demoData: true);
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var comparison = scope.ServiceProvider.GetRequiredService<RegisterComparison>();
        var region = await db.Regions.SingleAsync(r => r.Code == Halland);
        var reader = new Access(4101, "read@test", [new Grant(region.Id, RegionRole.Reader, null)]);
        var stranger = new Access(4102, "other@test", [new Grant(region.Id + 1000, RegionRole.Planner, null)]);
        // 2024: Falkenberg's dermatology is robust, every municipality but Hylte has a vårdcentral, a small unit in Varberg.
        await RegisterAsync(db, Halland, 2024, [.. HallandHubs(), Unit("HUD-FAL", "Hudmottagning Falkenberg", municipality: "1382", specialists: 3)]);
        await RegisterAsync(db, Halland, 2025, [.. HallandHubs(), Unit("HUD-FAL", "Hudmottagning Falkenberg", municipality: "1382", specialists: 3),
            Unit("REU-VAR", "Reumatologi Varberg", specialty: "Reumatologi", municipality: "1383", specialists: 2)]);
        // 2026: Falkenberg loses a specialist, Varberg's small unit closes, Falkenberg's vårdcentral closes, Hylte gets one.
        await RegisterAsync(db, Halland, 2026, [.. HallandHubs().Where(u => u.Key != "VC-1382"),
            Unit("VC-1315", "Vårdcentral Hylte", CareUnitKind.PrimaryCareCentre, "Allmänmedicin", CareLevel.Primary, municipality: "1315", patients: 4000),
            Unit("HUD-FAL", "Hudmottagning Falkenberg", municipality: "1382", specialists: 2)]);

        var c = (await comparison.CompareAsync(Halland, 2026, null, reader))!;

        Assert.Equal(2025, c.With);
        Assert.Equal([2024, 2025, 2026], c.Years);
        var robustness = c.Checks.Single(x => x.Check == CareOfferCheck.Robustness);
        Assert.Equal(["REU-VAR"], robustness.Resolved.Select(f => f.SubjectKey));
        Assert.Equal(["HUD-FAL"], robustness.New.Select(f => f.SubjectKey));
        Assert.Empty(robustness.Remaining);
        var hub = c.Checks.Single(x => x.Check == CareOfferCheck.PrimaryCareHub);
        Assert.Equal(["1315"], hub.Resolved.Select(f => f.SubjectKey));
        Assert.Equal(["1382"], hub.New.Select(f => f.SubjectKey));
        Assert.Equal([("HUD-FAL", true, true), ("REU-VAR", true, false), ("VC-1315", false, true), ("VC-1382", true, false)],
            c.UnitChanges.Select(u => (u.Key, u.Before is not null, u.After is not null)).OrderBy(u => u.Key, StringComparer.Ordinal));

        // An explicit year; then years that are not there, and a reader of another region.
        var withOlder = (await comparison.CompareAsync(Halland, 2026, 2024, reader))!;
        Assert.Equal(2024, withOlder.With);
        Assert.Empty(withOlder.Checks.Single(x => x.Check == CareOfferCheck.Robustness).Resolved);
        Assert.Null(await comparison.CompareAsync(Halland, 2026, 2023, reader));
        Assert.Null(await comparison.CompareAsync(Halland, 2024, null, reader));
        Assert.Null(await comparison.CompareAsync(Halland, 2026, 2026, reader));
        Assert.Null(await comparison.CompareAsync(Halland, 2026, null, stranger));
    }
}
