using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Public;

/// <summary>
/// The public pages in headless Chromium: axe-core (WCAG 2.1 A and AA) on every kind of page of both demo regions,
/// the goal tree with the keyboard alone, and reflow on a phone and at 400 % zoom.
/// </summary>
public sealed class PublicPagesBrowserTests(PublicBrowserHost host) : BrowserTest, IClassFixture<PublicBrowserHost>
{
    private const string HallandPlan = "/public/13/plans/mal-och-budget-2024-2028";
    private const string HallandGoal = HallandPlan + "/goals/mal-nara-varden";

    private static readonly string[] Kinds = ["region", "plans", "plan", "goal", "indicators", "indicator", "comparisons", "economy", "open-data"];

    [Fact]
    public async Task EveryPublicPage_AnswersAndHasNoWcag21AOrAAViolations_BothRegions()
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var pages = await PublicCrawler.CrawlAsync(client);

        // The crawl reached every kind of page for both regions — except what Skåne's demo has no data for: its plan
        // links no indicators and it has no economy, so it has no indicator page and no economy year.
        var byKind = pages.Keys.GroupBy(u => (Region: PublicCrawler.RegionOf(u), Kind: PublicCrawler.KindOf(u))).ToDictionary(g => g.Key, g => g.ToList());
        var missing = new[] { "13", "12" }.SelectMany(r => Kinds.Select(k => (Region: (string?)r, Kind: (string?)k)))
            .Where(k => k != ("12", "indicator"))
            .Append(("13", "economy-year"))
            .Where(k => !byKind.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "the crawl did not reach: " + string.Join(", ", missing));
        Assert.Contains("/public", pages.Keys);
        Assert.Contains(HallandGoal, pages.Keys);
        Assert.Contains("/public/13/indicators/N00923", pages.Keys);

        // axe on every page that is not a goal, an indicator or an economy year, and on a sample of those (each kind is
        // built by one component; every one of them was fetched above): the first goals of each plan, goals with
        // published assessments, the first indicators, the newest and oldest economy years; and one page of each
        // kind in English, where the texts differ. The whole crawl through axe would take minutes for no more cover.
        var years = pages.Keys.Where(u => PublicCrawler.KindOf(u) == "economy-year").Order(StringComparer.Ordinal).ToList();
        var chosen = pages.Keys.Where(u => PublicCrawler.KindOf(u) is not ("goal" or "indicator" or "economy-year"))
            .Concat(pages.Keys.Where(u => PublicCrawler.KindOf(u) == "goal").GroupBy(u => u[..u.IndexOf("/goals/", StringComparison.Ordinal)]).SelectMany(g => g.Take(2)))
            .Concat(pages.Where(p => PublicCrawler.KindOf(p.Key) == "goal" && p.Value.Contains("pub-assessment")).Select(p => p.Key).Take(2))
            .Concat(pages.Keys.Where(u => PublicCrawler.KindOf(u) == "indicator").GroupBy(PublicCrawler.RegionOf).SelectMany(g => g.Take(2)))
            .Concat(years.Take(1)).Concat(years.TakeLast(1))
            .Append(HallandGoal).Append("/public/13/indicators/N00923")
            .Distinct().Select(u => (Url: u, Culture: "sv-SE"))
            .Concat(new[] { "/public/13", HallandPlan, HallandGoal, "/public/13/economy", "/public/12/open-data" }.Select(u => (Url: u, Culture: "en-GB")))
            .ToList();
        var page = await NewPageAsync();
        var failures = new List<string>();
        foreach (var (url, culture) in chosen)
        {
            await page.GotoAsync(new Uri(host.BaseAddress, $"{url}?culture={culture}").ToString());
            // Open the earlier assessments too, so that everything on the page is checked.
            await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
            var result = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            });
            failures.AddRange(result.Violations.SelectMany(v => v.Nodes.Take(3).Select(n =>
                $"{url} ({culture}): {v.Id} — {v.Help} — at {n.Target}: {n.Html}")));
        }
        Assert.True(failures.Count == 0, $"{failures.Count} axe violations on {chosen.Count} pages:\n" + string.Join("\n", failures));
        Assert.True(chosen.Count >= 25, $"only {chosen.Count} pages were checked with axe");
    }

    [Fact]
    public async Task GoalTree_WorksWithTheKeyboardAlone_InReadingOrder_WithVisibleFocus()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseAddress, HallandPlan).ToString());
        var treeLinks = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-public-tree] a')].map(a => a.getAttribute('href'))");
        Assert.True(treeLinks.Length >= 29, $"the tree has {treeLinks.Length} links");

        // The first Tab reaches the skip link, which is visible when focused; Enter on it moves on to the content.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip-link", await page.EvaluateAsync<string>("() => document.activeElement.className"));
        await AssertFocusVisibleAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("() => { const r = document.activeElement.getBoundingClientRect(); return r.top >= 0 && r.height > 0; }"),
            "the focused skip link is not on screen");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));

        // Then Tab walks the breadcrumbs and the header's links, and then every link of the tree in document order.
        var visited = new List<string>();
        for (var i = 0; i < 120 && visited.Count(treeLinks.Contains) < treeLinks.Length; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var href = await page.EvaluateAsync<string?>("() => document.activeElement.getAttribute('href')");
            if (href is null) continue;
            visited.Add(href);
            if (treeLinks.Contains(href)) await AssertFocusVisibleAsync(page);
        }
        Assert.Equal(treeLinks, visited.Where(treeLinks.Contains).ToArray());

        // Shift+Tab back to a goal, and Enter opens its page.
        var goal = treeLinks.First(h => h.EndsWith("/goals/mal-nara-varden", StringComparison.Ordinal));
        for (var i = 0; i < treeLinks.Length && await page.EvaluateAsync<string?>("() => document.activeElement.getAttribute('href')") != goal; i++)
            await page.Keyboard.PressAsync("Shift+Tab");
        Assert.Equal(goal, await page.EvaluateAsync<string?>("() => document.activeElement.getAttribute('href')"));
        await page.Keyboard.PressAsync("Enter");
        // The goal page's HTML is what counts here, not its chart images (which a loaded machine may be slow to draw).
        await page.WaitForURLAsync(u => u.EndsWith(goal, StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Vidareutveckla den nära vården");
    }

    [Theory]
    [InlineData(320, 640)]
    [InlineData(640, 800)]
    public async Task PublicPages_ReflowOnAPhoneAndAt400PercentZoom_WithoutSidewaysScrolling(int width, int height)
    {
        var page = await NewPageAsync(width, height);
        var urls = new[] { ("region", "/public/13"), ("plan", HallandPlan), ("goal", HallandGoal), ("economy", "/public/13/economy/2022"),
            ("indicator", "/public/13/indicators/N00923"), ("skane-plan", "/public/12/plans/strategi-framtidens-halsosystem") };
        var failures = new List<string>();
        foreach (var (name, url) in urls)
        {
            await page.GotoAsync(new Uri(host.BaseAddress, url).ToString());
            // Load the charts further down too, so that they are measured and seen in the screenshot.
            await page.EvaluateAsync("""
                async () => {
                    document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager');
                    await Promise.all([...document.images].map(i => i.complete ? 0 : new Promise(r => { i.onload = i.onerror = r; })));
                }
                """);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            if (overflow > 0)
            {
                var culprits = await page.EvaluateAsync<string[]>("""
                    () => [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-scroll'))
                        .slice(0, 6).map(e => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)}px): ${e.textContent.trim().slice(0, 40)}`)
                    """);
                failures.Add($"{url} scrolls sideways by {overflow}px at {width}px: {string.Join(" | ", culprits)}");
            }
            await ScreenshotAsync(page, $"public-{name}-{width}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The focused element shows where the focus is: an outline or a ring (box-shadow).</summary>
    private static async Task AssertFocusVisibleAsync(IPage page)
    {
        var style = await page.EvaluateAsync<string[]>(
            "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth, s.boxShadow, document.activeElement.outerHTML.slice(0, 80)]; }");
        Assert.True((style[0] != "none" && style[1] != "0px") || style[2] != "none", $"no visible focus on {style[3]}: outline {style[0]} {style[1]}, box-shadow {style[2]}");
    }
}
