using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Browser;

public sealed class PublishingBrowserHost() : StyraHost("Sqlite")
{
    protected override bool RealPort => true;
}

/// <summary>A planner publishes UR2 from the publishing page in the browser; the page passes axe.</summary>
public sealed class PublishingBrowserTests(PublishingBrowserHost host) : BrowserTest, IClassFixture<PublishingBrowserHost>
{
    [Fact]
    public async Task Planner_PublishesUr2Now_AndTheRowSaysItIsPublic()
    {
        var page = await NewPageAsync();
        await LoginAsync(page, host.BaseAddress, "planerare@halland.demo");
        await page.GotoAsync(new Uri(host.BaseAddress, "/regions/13/publishing").ToString());
        var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Uppföljningsrapport 2 / delårsbokslut 2024" });
        await row.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Publicera nu") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Publicerat.");
        await Assertions.Expect(row).ToContainTextAsync("Offentlig");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/publishing.png", FullPage = true });
    }
}
