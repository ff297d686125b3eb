using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Browser;

public sealed class CareOfferBrowserHost() : StyraHost("Sqlite")
{
    protected override bool RealPort => true;
}

/// <summary>The care-offer register page in the browser, wide and at 320 px: axe finds nothing, and the table scrolls inside its box.</summary>
public sealed class CareOfferBrowserTests(CareOfferBrowserHost host) : BrowserTest, IClassFixture<CareOfferBrowserHost>
{
    [Fact]
    public async Task TheRegisterPage_PassesAxe_At1280And320Pixels_AndReflows()
    {
        var page = await NewPageAsync();
        await LoginAsync(page, host.BaseAddress, "planerare@skane.demo");
        foreach (var width in new[] { 1280, 320 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.GotoAsync(new Uri(host.BaseAddress, "/regions/12/care-offer/2025?specialty=Handkirurgi").ToString());
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Vårdutbud 2025");
            await Assertions.Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("Demo – fiktiva uppgifter.");
            var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
            Assert.True(axe.Violations.Length == 0, $"{width}px: " + string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
            // No sideways scrolling of the page itself (WCAG 1.4.10): only the table's box scrolls.
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 1, $"{width}px: the page is {overflow}px wider than the window");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = $"/tmp/care-offer-{width}.png", FullPage = true });
        }
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync(new Uri(host.BaseAddress, "/regions/12/care-offer/2025/units/SKD-HAND-YST").ToString());
        var axeUnit = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.True(axeUnit.Violations.Length == 0, string.Join("\n", axeUnit.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/care-unit-1280.png", FullPage = true });
    }
}
