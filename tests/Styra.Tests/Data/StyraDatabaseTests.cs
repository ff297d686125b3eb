using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Styra.Data;
using Styra.Tests.Infrastructure;

namespace Styra.Tests.Data;

public sealed class StyraDatabaseTests
{
    // PostgreSQL only: that is the database several web instances share (SQLite is the single-instance default).
    [Fact]
    public async Task Initialize_FromTwoInstancesAtOnce_LoadsTheDemoRegionsOnce()
    {
        await using var db = await TestDatabase.CreateAsync("Postgres", demoData: false);
        await using var first = db.Services(demoData: true);
        await using var second = db.Services(demoData: true);

        await Task.WhenAll(StyraDatabase.InitializeAsync(first), StyraDatabase.InitializeAsync(second));

        var regions = await db.WithContextAsync(ctx => ctx.Regions.Select(r => r.Name).OrderBy(n => n).ToListAsync());
        Assert.Equal(["Region Halland", "Region Skåne"], regions);
        Assert.Equal(3, await db.WithContextAsync(ctx => ctx.Plans.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Initialize_WithDemoDataOff_LeavesTheDatabaseEmpty(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demoData: false);
        await using var services = db.Services(demoData: false);

        await StyraDatabase.InitializeAsync(services);

        Assert.Equal(0, await db.WithContextAsync(ctx => ctx.Regions.CountAsync()));
    }

    [Fact]
    public void Settings_WithoutAConnectionString_UseAFileInTheDataDirectory()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"styra-settings-{Guid.NewGuid():N}");
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataDirectory"] = folder }).Build();

        var settings = DatabaseSettings.From(config);

        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.Equal($"Data Source={Path.Combine(folder, "styra.db")}", settings.ConnectionString);
        Assert.True(Directory.Exists(folder));
        Directory.Delete(folder);
    }

    [Fact]
    public void Settings_RejectAnUnknownProvider_NamingTheKey()
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => { DatabaseSettings.From(config); });
        Assert.Contains("Database:Provider", error.Message);
    }
}
