using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Browser;

public sealed class ActionPlanBrowserHost() : StyraHost("Sqlite")
{
    protected override bool RealPort => true;
}

/// <summary>The handlingsplan page and the comparison in the browser: axe finds nothing, at 1280 px and at 320 px.</summary>
public sealed class ActionPlanBrowserTests(ActionPlanBrowserHost host) : BrowserTest, IClassFixture<ActionPlanBrowserHost>
{
    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task PlanAndComparePages_PassAxe(int width)
    {
        var page = await NewPageAsync(width);
        await LoginAsync(page, host.BaseAddress, "planerare@skane.demo");
        foreach (var (path, name) in new[] { ("/regions/12/action-plans/2026", "plan"), ("/regions/12/action-plans/2026/compare", "compare"),
                     ("/regions/12/action-plans/2026/initiatives/INS-01", "initiative"), ("/regions/12/action-plans/2025/follow-up", "follow-up") })
        {
            await page.GotoAsync(new Uri(host.BaseAddress, path).ToString());
            var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
            Assert.True(axe.Violations.Length == 0, $"{path} at {width}px:\n" + string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = $"/tmp/action-plan-{name}-{width}.png", FullPage = true });
        }
        await page.GotoAsync(new Uri(host.BaseAddress, "/regions/12/action-plans/2026").ToString());
        var matrix = page.GetByRole(AriaRole.Table, new() { Name = "Täckningsmatris för Handlingsplan 2026 (demo) (antal insatser)" });
        await Assertions.Expect(matrix.GetByRole(AriaRole.Row, new() { Name = "Medarbetare" })).ToContainTextAsync("ingen");
        // The page itself never scrolls sideways: wide tables scroll in their own box.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"));
    }
}
