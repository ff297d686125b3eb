using Microsoft.Playwright;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Browser;

/// <summary>What a person sees, in headless Chromium against the real host on a loopback port.</summary>
public sealed class PlanTreeBrowserTests(BrowserHost host) : BrowserTest, IClassFixture<BrowserHost>
{
    [Fact]
    public async Task MalOchBudget_ShowsSevenFocusAreas_AndExpandingOneShowsItsGoals()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseAddress, "/").ToString());
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Region Halland") }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Mål och budget 2024–2028" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mål och budget 2024–2028");

        var focusAreas = page.Locator("li.node.depth-1 > details > summary");
        await Assertions.Expect(focusAreas).ToHaveCountAsync(7);
        var goal = page.GetByText("Vidareutveckla den nära vården", new() { Exact = true });
        await Assertions.Expect(goal).ToBeHiddenAsync();

        await focusAreas.Filter(new() { HasText = "Nära och sammanhållen vård" }).ClickAsync();

        await Assertions.Expect(goal).ToBeVisibleAsync();
        await ScreenshotAsync(page, "plan-expanded");
    }

    [Fact]
    public async Task GoalTree_CanBeOpenedWithTheKeyboardAlone()
    {
        var page = await NewPageAsync();
        var plans = await (await page.APIRequest.GetAsync(new Uri(host.BaseAddress, "/api/regions/12/plans").ToString())).JsonAsync();
        var id = plans!.Value[0].GetProperty("id").GetInt32();
        await page.GotoAsync(new Uri(host.BaseAddress, $"/plans/{id}").ToString());

        var firstGroup = page.Locator("li.node.depth-1 > details > summary").First;
        for (var i = 0; i < 40 && !await firstGroup.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
            await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(firstGroup).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByText("Personcentrerat arbetssätt", new() { Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ExpandAll_OpensEveryNode()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseAddress, "/regions/13").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Mål och budget 2024–2028" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Visa alla" }).ClickAsync();

        await Assertions.Expect(page.Locator("details[data-node]:not([open])")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Bidra till en minskad klimatpåverkan", new() { Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AContributesToLink_OpensTheStrategyAtTheNodeItServes()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseAddress, "/regions/13").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Mål och budget 2024–2028" }).ClickAsync();
        await page.Locator("li.node.depth-1 > details > summary").Filter(new() { HasText = "Nära och sammanhållen vård" }).ClickAsync();
        await page.Locator("li.node.depth-2 > details > summary").Filter(new() { HasText = "Vidareutveckla den nära vården" }).ClickAsync();

        var goal = page.Locator("li.node.depth-2").Filter(new() { HasText = "Vidareutveckla den nära vården" });
        await Assertions.Expect(goal.GetByRole(AriaRole.Table).First).ToContainTextAsync("Patienter med oplanerad återinskrivning");
        // The charts beside the table: value over time against Riket and the target, each with a text alternative.
        await goal.Locator("details.charts > summary").First.ClickAsync();
        var chart = goal.Locator("details.charts img").First;
        await Assertions.Expect(chart).ToBeVisibleAsync();
        await Assertions.Expect(chart).ToHaveAttributeAsync("alt", new System.Text.RegularExpressions.Regex("^Linjediagram: .+, regionen och riket"));
        Assert.True(await chart.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the chart image did not load");
        await goal.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "goal-with-indicators.png") });
        var link = goal.GetByRole(AriaRole.Link, new() { Name = "är trygg, sammanhållen och utformas tillsammans med patient och närstående" });
        await link.ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Hälso- och sjukvårdsstrategi för Halland 2017–2025");
        var target = page.Locator("li.node.depth-1").Filter(new() { HasText = "är trygg, sammanhållen" });
        await Assertions.Expect(target.Locator("> details")).ToHaveAttributeAsync("open", "");
        await Assertions.Expect(target.GetByRole(AriaRole.Link, new() { Name = "Vidareutveckla den nära vården" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "strategy-contributed-by");
    }
}
