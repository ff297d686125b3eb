using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Pages;

/// <summary>A planner sets and removes targets on the indicator page, and the status follows.</summary>
public sealed class TargetFormTests(EditingHost host) : IClassFixture<EditingHost>, IAsyncLifetime
{
    public Task InitializeAsync() => Forms.LoginAsync(_client, "planerare@halland.demo");

    public Task DisposeAsync() => Task.CompletedTask;

    private const string Page = "/regions/13/indicators/N00923";
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task SettingATarget_SavesIt_RedirectsToThePage_AndTheStatusFollows()
    {
        // Halland's men lived 82.35 years in 2022: a target of 83 with tolerance 0,5 is missed by more → red;
        // with tolerance 1 it is yellow.
        var response = await Forms.PostAsync(_client, Page, "set-target", ("Form.Year", "2022"), ("Form.Value", "83"), ("Form.Tolerance", "0,5"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith($"{Page}?target=saved#targets-heading", response.Headers.Location?.OriginalString);
        var html = await _client.GetStringAsync($"{Page}?target=saved");
        Assert.Contains("Målvärdet sparades.", html);
        Assert.Contains("status-red", html);
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            Styra.Features.Organisation.RegionCode.TryParse("13", out var halland);
            var target = await scope.ServiceProvider.GetRequiredService<StyraDbContext>().Targets
                .SingleAsync(t => t.Indicator.Code == "N00923" && t.Region.Code == halland! && t.Year == 2022);
            Assert.Equal((83.0, 0.5, false), (target.Value, target.Tolerance, target.IsDemo));
        }

        await Forms.PostAsync(_client, Page, "set-target", ("Form.Year", "2022"), ("Form.Value", "83"), ("Form.Tolerance", "1"));
        Assert.Contains("status-yellow", await _client.GetStringAsync(Page));
    }

    [Fact]
    public async Task ABadField_IsNamed_InSwedish_AndNothingIsSaved()
    {
        var before = await TargetsAsync();

        var response = await Forms.PostAsync(_client, Page, "set-target", ("Form.Year", "20x5"), ("Form.Value", "åttio"), ("Form.Tolerance", "-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Målvärdet sparades inte:", html);
        Assert.Contains("”20x5” är inget år", html);
        Assert.Contains("”åttio” är inget tal", html);
        Assert.Contains("”-1” är ingen tolerans", html);
        Assert.Contains("id=\"target-year\" name=\"Form.Year\" value=\"20x5\"", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.Equal(before, await TargetsAsync());
    }

    [Fact]
    public async Task RemovingATarget_DeletesOnlyThatYear()
    {
        await Forms.PostAsync(_client, Page, "set-target", ("Form.Year", "2030"), ("Form.Value", "84"));
        await Forms.PostAsync(_client, Page, "set-target", ("Form.Year", "2031"), ("Form.Value", "84,5"));

        var response = await Forms.PostAsync(_client, Page, "remove-target", ("RemoveYear", "2030"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var years = (await TargetsAsync()).Select(t => t.Year).ToList();
        Assert.DoesNotContain(2030, years);
        Assert.Contains(2031, years);
    }

    private async Task<List<(int Year, double Value, double Tolerance)>> TargetsAsync()
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<StyraDbContext>().Targets.Where(t => t.Indicator.Code == "N00923")
            .Select(t => new { t.Year, t.Value, t.Tolerance }).ToListAsync()).Select(t => (t.Year, t.Value, t.Tolerance)).OrderBy(t => t.Year).ToList();
    }
}

/// <summary>Only planners edit: for anyone else the form is not shown, and a forged post changes nothing.</summary>
public sealed class ReadOnlyTests(ReadOnlyHost host) : IClassFixture<ReadOnlyHost>
{
    [Theory]
    [InlineData(null)]
    [InlineData("lasare@halland.demo")]
    [InlineData("rapportor.dnhs@halland.demo")]
    [InlineData("planerare@skane.demo")]
    public async Task TheTargetForm_IsNotShown_AndAPostIsRefused(string? user)
    {
        var client = host.CreateClient();
        if (user is not null) await Forms.LoginAsync(client, user);
        var html = await client.GetStringAsync("/regions/13/indicators/N00923");
        Assert.DoesNotContain("Sätt ett målvärde", html);
        Assert.Contains("Målvärden", html);

        // A forged post (with a valid token from another form on the page) is still refused.
        var response = await Forms.PostAsync(client, "/regions/13/indicators/N00923", "remove-target", ("RemoveYear", "2022"));
        Assert.Contains("Bara regionens planerare kan ändra målvärden", await response.Content.ReadAsStringAsync());
        await using var scope = host.Factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<StyraDbContext>().Targets.AnyAsync(t => t.Indicator.Code == "N00923" && t.Year == 2022));
    }
}
