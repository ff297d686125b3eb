using Microsoft.EntityFrameworkCore;
using Styra.Features.Accounts;
using Styra.Features.Audit;
using Styra.Tests.Infrastructure;

namespace Styra.Tests.Cli;

/// <summary>
/// The operator of an installation creates the region's first administrator (and tokens) with the CLI: in Production
/// there are no demo accounts, so this is how a region starts.
/// </summary>
public sealed class AccountCommandTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task UserAdd_CreatesTheFirstAdministrator_AndAWeakPasswordCreatesNothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, demoData: true);
        string[] args = ["user", "add", "--region", "13", "--email", "anna.admin@regionhalland.se", "--name", "Anna Admin", "--role", "administrator"];

        var weak = await StyraCli.RunWithAsync(db, new Dictionary<string, string> { ["STYRA_PASSWORD"] = "kort" }, args);
        Assert.Equal(1, weak.Exit);
        Assert.Contains("--password (STYRA_PASSWORD): The password must have at least 12 characters.", weak.Errors);
        Assert.False(await db.WithContextAsync(ctx => ctx.Users.AnyAsync(u => u.Email == "anna.admin@regionhalland.se")));

        var good = await StyraCli.RunWithAsync(db, new Dictionary<string, string> { ["STYRA_PASSWORD"] = "ett-langt-losenord-7" }, args);
        Assert.Equal(0, good.Exit);
        var roles = await db.WithContextAsync(ctx => ctx.Memberships.Where(m => m.User.Email == "anna.admin@regionhalland.se").Select(m => m.Role).ToListAsync());
        Assert.Equal([RegionRole.Administrator], roles);
        var audit = await db.WithContextAsync(ctx => ctx.AuditRecords.Where(r => r.ObjectType == "User" && r.Action == AuditAction.Added).OrderBy(r => r.Id).LastAsync());
        Assert.StartsWith("cli:", audit.ActorName);
        Assert.DoesNotContain("PasswordHash", audit.After);
    }

    [Fact]
    public async Task UserGrant_NeedsAUnitForAReporter_AndTokenCreate_PrintsTheTokenOnce()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", demoData: true);
        var noUnit = await StyraCli.RunAsync(db, "user", "grant", "--region", "13", "--email", "lasare@halland.demo", "--role", "reporter");
        Assert.Equal(1, noUnit.Exit);
        Assert.Contains("--unit:", noUnit.Errors);
        Assert.Equal(0, (await StyraCli.RunAsync(db, "user", "grant", "--region", "13", "--email", "lasare@halland.demo", "--role", "reporter", "--unit", "DNKT")).Exit);

        var token = await StyraCli.RunAsync(db, "token", "create", "--region", "13", "--name", "datalager", "--role", "planner", "--expires", "2099-12-31");
        Assert.Equal(0, token.Exit);
        var secret = token.Output.Trim();
        Assert.StartsWith(ApiToken.Prefix, secret);
        var stored = await db.WithContextAsync(ctx => ctx.ApiTokens.SingleAsync(t => t.Name == "datalager"));
        Assert.Equal(ApiToken.Hash(secret), stored.TokenHash);
        Assert.Equal(RegionRole.Planner, stored.Role);
    }
}
