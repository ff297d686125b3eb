using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Browser;

public sealed class MonthlyEconomyBrowserHost() : StyraHost("Sqlite")
{
    protected override bool RealPort => true;
}

/// <summary>A committee reports its month in the browser; the planner sees it beside the others. Both pages pass axe.</summary>
public sealed class MonthlyEconomyBrowserTests(MonthlyEconomyBrowserHost host) : BrowserTest, IClassFixture<MonthlyEconomyBrowserHost>
{
    private static readonly AxeRunOptions Wcag21 = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private static async Task AxeAsync(IPage page)
    {
        var axe = await page.RunAxe(Wcag21);
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    private string Url(string path) => new Uri(host.BaseAddress, path).ToString();

    private static async Task ShootAsync(IPage page, string name)
    {
        await ScreenshotAsync(page, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = $"/tmp/{name}.png", FullPage = true });
    }

    [Fact]
    public async Task AReporter_MustCommentADeviation_ThenSaves_AndThePlannerSeesItBesideTheOthers()
    {
        var page = await NewPageAsync();
        await LoginAsync(page, host.BaseAddress, "rapportor.dnhs@halland.demo");
        await page.GotoAsync(Url("/regions/13/economy/2024/months/9/committees/DNHS"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Driftnämnd Hallands Sjukhus");
        await AxeAsync(page);

        // September: budget to date 5 600 × 9 / 12 = 4 200; 4 260 is 60 over, which needs a comment.
        await page.GetByLabel("Utfall hittills i år (mnkr)").FillAsync("4 260");
        await page.GetByLabel("Helårsprognos (mnkr)").FillAsync("5 680,5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#report-comment-error")).ToContainTextAsync("Kommentera avvikelsen");
        await Assertions.Expect(page.GetByLabel("Kommentar till avvikelserna")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Utfall hittills i år (mnkr)")).ToHaveValueAsync("4 260"); // what was typed stays
        await AxeAsync(page);
        await ShootAsync(page, "monthly-report-error");

        await page.GetByLabel("Kommentar till avvikelserna").FillAsync("Inhyrd personal under sommaren.\n\n- **åtgärd:** fler egna vikarier");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Rapporten sparades.");
        await Assertions.Expect(page.Locator(".me-deviations")).ToContainTextAsync("−60,0");
        await Assertions.Expect(page.Locator(".me-deviations")).ToContainTextAsync("−80,5");
        await AxeAsync(page);
        await ShootAsync(page, "monthly-report-saved");

        var planner = await NewPageAsync();
        await LoginAsync(planner, host.BaseAddress, "planerare@halland.demo");
        await planner.GotoAsync(Url("/regions/13/economy/2024/months/9"));
        var row = planner.GetByRole(AriaRole.Row).Filter(new() { HasText = "Driftnämnd Hallands Sjukhus" });
        await Assertions.Expect(row).ToContainTextAsync("4 260,0");
        await Assertions.Expect(row).ToContainTextAsync("utkast");
        await Assertions.Expect(planner.Locator("#comment-DNHS strong")).ToHaveTextAsync("åtgärd:");
        await Assertions.Expect(planner.GetByRole(AriaRole.Row).Filter(new() { HasText = "Driftnämnd Psykiatri" })).ToContainTextAsync("ej inkommen");
        await Assertions.Expect(planner.Locator(".me-summary")).ToContainTextAsync("1 av 13 nämnder har rapporterat september");
        await Assertions.Expect(planner.Locator("figure.chart img")).ToHaveJSPropertyAsync("naturalWidth", 720);
        await AxeAsync(planner);
        await ShootAsync(planner, "monthly-overview");
        await planner.GotoAsync(Url("/regions/13/economy/2024/months/8"));
        await ShootAsync(planner, "monthly-overview-august");
    }
}
