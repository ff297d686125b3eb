using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Pages;

/// <summary>Demo accounts never exist in Production: not created there, and refused if a database brought them along.</summary>
public sealed class ProductionAccountsTests(ProductionHost host) : IClassFixture<ProductionHost>
{
    [Fact]
    public async Task InProduction_NoDemoAccountIsCreated_AndABroughtAlongOneCannotSignIn()
    {
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
            Assert.True(await db.Regions.AnyAsync()); // the demo regions are there...
            Assert.False(await db.Users.AnyAsync());  // ...but not the demo accounts
            // A database made in Development brings its demo accounts along.
            await DemoAccounts.LoadAsync(db, CancellationToken.None);
            Assert.True(await db.Users.AnyAsync(u => u.IsDemo));
        }

        var client = host.CreateClient();
        var response = await Forms.PostAsync(client, "/login", "login", ("Form.Email", "planerare@halland.demo"), ("Form.Password", DemoAccounts.Password));
        Assert.Contains("Demokonton kan inte användas i produktion.", await response.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }
}
