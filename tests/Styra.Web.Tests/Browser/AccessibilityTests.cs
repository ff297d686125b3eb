using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Browser;

/// <summary>axe-core on every page of both demo regions, at WCAG 2.1 A and AA: no violations.</summary>
public sealed class AccessibilityTests(BrowserHost host) : BrowserTest, IClassFixture<BrowserHost>
{
    [Fact]
    public async Task EveryPage_HasNoWcag21AOrAAViolations_InSwedishAndEnglish()
    {
        var page = await NewPageAsync();
        var urls = await PageUrlsAsync(page);
        Assert.True(urls.Count > 40, $"only {urls.Count} pages found");
        Assert.Contains("/regions/13/indicators/N00923", urls);
        var failures = new List<string>();
        // Every kind of page in both languages; in Swedish up to four of each kind (the data differ: tables, charts,
        // empty states), in English one (the words differ, the structure not). Checking every unit and indicator page
        // took six minutes of the suite and found no more kinds of page.
        var kinds = urls.GroupBy(Kind).ToList();
        Assert.True(kinds.Count >= 12, $"only {kinds.Count} kinds of page found: {string.Join(", ", kinds.Select(k => k.Key))}");
        var pages = kinds.SelectMany(k => k.Take(4)).Select(u => (Url: u, Culture: "sv-SE"))
            .Concat(kinds.Select(k => k.First()).Select(u => (Url: u, Culture: "en-GB")));
        foreach (var (url, culture) in pages)
        {
            {
                await page.GotoAsync(new Uri(host.BaseAddress, $"{url}{(url.Contains('?') ? '&' : '?')}culture={culture}").ToString());
                // Open every node so that the whole tree is checked, not only what shows at first.
                await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
                var result = await page.RunAxe(new AxeRunOptions
                {
                    RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
                });
                failures.AddRange(result.Violations.Select(v =>
                    $"{url} ({culture}): {v.Id} — {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Pages_AreReadableAt320PixelsWidth_WithoutSidewaysScrolling()
    {
        var page = await NewPageAsync(320, 800);
        foreach (var url in await PageUrlsAsync(page))
        {
            await page.GotoAsync(new Uri(host.BaseAddress, url).ToString());
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            // On failure, name the elements that stick out, to find the cause at once.
            var culprits = overflow <= 0 ? [] : await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                    .slice(0, 6).map(e => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().left)}–${Math.round(e.getBoundingClientRect().right)}px, scroll ${e.scrollWidth}): ${e.textContent.trim().slice(0, 40)}`)
                """);
            Assert.True(overflow <= 0, $"{url} scrolls sideways by {overflow}px at 320px: {string.Join(" | ", culprits)}");
        }
    }

    /// <summary>Home, each region, each plan, and each unit, found by following the site's own links.</summary>
    /// <summary>The kind of page a URL shows: the path with its codes and numbers left out.</summary>
    private static string Kind(string url)
    {
        var path = url.Split('?')[0];
        path = System.Text.RegularExpressions.Regex.Replace(path, @"/(indicators|units|plans|events|committees|proposals)/[^/]+", "/$1/*");
        return System.Text.RegularExpressions.Regex.Replace(path, @"/\d+(?=/|$)", "/#");
    }

    private async Task<List<string>> PageUrlsAsync(IPage page)
    {
        var urls = new List<string> { "/" };
        foreach (var region in new[] { "13", "12" })
        {
            await page.GotoAsync(new Uri(host.BaseAddress, $"/regions/{region}").ToString());
            urls.Add($"/regions/{region}");
            var links = await page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('main a[href^=\"/plans/\"], main a[href^=\"/regions/\"]')].map(a => a.getAttribute('href'))");
            urls.AddRange(links.Where(l => l != $"/regions/{region}"));
        }
        // The indicator pages, linked from the goals of the plans.
        foreach (var plan in urls.Where(u => u.StartsWith("/plans/")).ToList())
        {
            await page.GotoAsync(new Uri(host.BaseAddress, plan).ToString());
            urls.AddRange(await page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('main a[href*=\"/indicators/\"]')].map(a => a.getAttribute('href'))"));
        }
        return urls.Distinct().ToList();
    }
}
