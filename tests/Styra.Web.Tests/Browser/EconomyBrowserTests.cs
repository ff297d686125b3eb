using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Browser;

public sealed class EconomyBrowserHost() : StyraHost("Sqlite")
{
    protected override bool RealPort => true;
}

/// <summary>The economy page in the browser, signed in: axe at WCAG 2.1 AA in both languages, readable at 320 px.</summary>
public sealed class EconomyBrowserTests(EconomyBrowserHost host) : BrowserTest, IClassFixture<EconomyBrowserHost>
{
    [Fact]
    public async Task TheEconomyPage_HasNoWcag21Violations_AndDoesNotScrollSidewaysAt320Pixels()
    {
        var page = await NewPageAsync(320, 800);
        await LoginAsync(page, host.BaseAddress, "lasare@halland.demo");
        foreach (var culture in new[] { "sv-SE", "en-GB" })
        {
            await page.GotoAsync(new Uri(host.BaseAddress, $"/regions/13/economy?culture={culture}").ToString());
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
            Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{culture} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{culture}: the page scrolls sideways by {overflow}px at 320px");
        }
        await ScreenshotAsync(page, "economy");
    }
}
