using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Browser;

/// <summary>A reporter's activities and an administrator's accounts in the browser — both pass axe, also in their error states.</summary>
public sealed class ActivitiesAndAdminBrowserTests(BrowserHost host) : BrowserTest, IClassFixture<BrowserHost>
{
    private static readonly AxeRunOptions Wcag21 = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private static async Task AxeAsync(IPage page)
    {
        var axe = await page.RunAxe(Wcag21);
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }

    [Fact]
    public async Task Reporter_AddsAnActivity_FromTheRegionPage()
    {
        var page = await NewPageAsync();
        await LoginAsync(page, host.BaseAddress, "rapportor.dnhs@halland.demo");
        await page.GotoAsync(new Uri(host.BaseAddress, "/regions/13").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Aktiviteter och uppdrag" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Aktiviteter och uppdrag", Level = 1 })).ToBeVisibleAsync();
        await AxeAsync(page);
        await ScreenshotAsync(page, "activities-list");

        // A wrong entry first: the errors are named and linked.
        await page.GetByLabel("Startdatum").FillAsync("2024-06-01");
        await page.GetByLabel("Slutdatum").FillAsync("2024-02-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara aktiviteten" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Ge aktiviteten en rubrik.");
        await AxeAsync(page);
        await ScreenshotAsync(page, "activities-form-error");

        await page.GetByLabel("Rubrik").FillAsync("Fler mottagningar med kvällsöppet");
        await page.GetByLabel("Slutdatum").FillAsync("2025-02-01");
        await page.Locator(".goal-choices input[type=checkbox]").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara aktiviteten" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Aktiviteten skapades.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Fler mottagningar med kvällsöppet");
        await AxeAsync(page);
        await ScreenshotAsync(page, "activity-page");
    }

    [Fact]
    public async Task Administrator_SeesTheAccounts_AndATokenOnce()
    {
        var page = await NewPageAsync();
        await LoginAsync(page, host.BaseAddress, "admin@halland.demo");
        await page.GotoAsync(new Uri(host.BaseAddress, "/regions/13").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Konton och API-nycklar" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Konton och roller", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("E-postadress").FillAsync("kalle@halland.se");
        await page.GetByLabel("Namn", new() { Exact = true }).FillAsync("Kalle Anka");
        await page.GetByLabel("Första lösenord").FillAsync("kort");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skapa kontot" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Lösenordet måste ha minst 12 tecken.");
        await AxeAsync(page);
        await ScreenshotAsync(page, "admin-users-error");

        await page.GotoAsync(new Uri(host.BaseAddress, "/regions/13/admin/tokens").ToString());
        await page.GetByLabel("Namn", new() { Exact = true }).FillAsync("Datalagret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skapa nyckeln" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("visas bara den här gången");
        await AxeAsync(page);
        await ScreenshotAsync(page, "admin-tokens-created");
    }
}
