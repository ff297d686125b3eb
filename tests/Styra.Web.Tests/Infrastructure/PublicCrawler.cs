using System.Net;
using System.Text.RegularExpressions;

namespace Styra.Web.Tests.Infrastructure;

/// <summary>
/// Follows every same-site link under /public/ from /public, as a reader (or a search engine) would, fetching each
/// page once with a plain HTTP client — no JavaScript, no cookies. Every page must answer 200.
/// </summary>
public static partial class PublicCrawler
{
    /// <summary>Far more than the demo's public pages (a few hundred); reaching it means the crawl ran away.</summary>
    public const int MaxPages = 1500;

    public static async Task<IReadOnlyDictionary<string, string>> CrawlAsync(HttpClient client, string start = "/public")
    {
        var pages = new Dictionary<string, string>();
        var queue = new Queue<string>([start]);
        var seen = new HashSet<string> { start };
        var failures = new List<string>();
        while (queue.Count > 0 && pages.Count < MaxPages)
        {
            var url = queue.Dequeue();
            using var response = await client.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{url}: {(int)response.StatusCode}");
                continue;
            }
            pages[url] = html;
            foreach (Match m in Href().Matches(html))
            {
                var link = WebUtility.HtmlDecode(m.Groups[1].Value).Split('#')[0];
                if (link.Length == 0 || !IsPublicPage(link)) continue;
                if (seen.Add(link)) queue.Enqueue(link);
            }
        }
        Assert.True(failures.Count == 0, "public pages that did not answer 200:\n" + string.Join("\n", failures));
        Assert.True(pages.Count < MaxPages, $"the crawl reached {MaxPages} pages: a link loop?");
        return pages;
    }

    /// <summary>A public page (not a chart or another file the pages link to).</summary>
    public static bool IsPublicPage(string link) =>
        (link == "/public" || link.StartsWith("/public/", StringComparison.Ordinal)) && !link.EndsWith(".svg", StringComparison.Ordinal);

    /// <summary>What kind of public page an address is, for checking that the crawl reached every kind.</summary>
    public static string? KindOf(string url) => Kind().Match(url.Split('?')[0]) is { Success: true } m
        ? m.Groups["kind"].Value switch
        {
            "" => "region",
            var k when k.StartsWith("plans/", StringComparison.Ordinal) && k.Contains("/goals/", StringComparison.Ordinal) => "goal",
            var k when k.StartsWith("plans/", StringComparison.Ordinal) => "plan",
            var k when k.StartsWith("indicators/", StringComparison.Ordinal) => "indicator",
            var k when k.StartsWith("economy/", StringComparison.Ordinal) => "economy-year",
            var k => k,
        }
        : url == "/public" ? "index" : null;

    public static string? RegionOf(string url) => Kind().Match(url.Split('?')[0]) is { Success: true } m ? m.Groups["region"].Value : null;

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();

    [GeneratedRegex("^/public/(?<region>[0-9]{2})/?(?<kind>.*)$")]
    private static partial Regex Kind();
}
