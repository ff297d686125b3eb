using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Browser;

public sealed class JudgementBrowserHost() : StyraHost("Sqlite")
{
    protected override bool RealPort => true;
}

/// <summary>A planner writes the judgement of god ekonomisk hushållning with the evidence beside the editor; the economy forms pass axe.</summary>
public sealed class JudgementBrowserTests(JudgementBrowserHost host) : BrowserTest, IClassFixture<JudgementBrowserHost>
{
    private static readonly AxeRunOptions Wcag21 = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private static async Task AxeAsync(IPage page)
    {
        var axe = await page.RunAxe(Wcag21);
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{page.Url} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = $"/tmp/judgement-{name}.png", FullPage = true });

    private string Url(string path) => new Uri(host.BaseAddress, path).ToString();

    [Fact]
    public async Task APlanner_WritesAndSavesTheJudgement_WithTheEvidenceBesideTheEditor()
    {
        var page = await NewPageAsync(1280, 900);
        await LoginAsync(page, host.BaseAddress, "planerare@halland.demo");
        await page.GotoAsync(Url("/regions/13/economy"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Skattesats och avgifter" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#tax-and-fees + h3 + dl")).ToContainTextAsync("11,40 %");
        await ShotAsync(page, "economy");

        await page.GetByRole(AriaRole.Link, new() { Name = "Bedömning av god ekonomisk hushållning 2024" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("God ekonomisk hushållning 2024");
        var evidence = page.Locator("aside.judgement-evidence");
        await Assertions.Expect(evidence).ToContainTextAsync("Fokusområdenas måluppfyllelse");
        await Assertions.Expect(evidence).ToContainTextAsync("Självfinansieringsgrad av investeringarna");

        await page.GetByRole(AriaRole.Group, new() { Name = "God ekonomisk hushållning" }).GetByLabel("Uppnås delvis").CheckAsync();
        await page.GetByLabel("Motivering").FillAsync("Fokusområdena når **delvis** sina mål.\n\n- Resultatmålet nås inte 2024\n- Soliditeten är stark");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara utkast" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Utkastet sparades.");
        await Assertions.Expect(page.Locator(".fu-view .fu-markdown strong")).ToHaveTextAsync("delvis");

        // Beside: the evidence is to the right of the editor at this width, level with it.
        var editor = (await page.Locator("form.judgement-editor").BoundingBoxAsync())!;
        var side = (await evidence.BoundingBoxAsync())!;
        Assert.True(side.X > editor.X + editor.Width - 1, $"evidence at x={side.X}, editor ends at {editor.X + editor.Width}");
        Assert.True(Math.Abs(side.Y - editor.Y) < 200, $"evidence at y={side.Y}, editor at y={editor.Y}");
        await AxeAsync(page);
        await ShotAsync(page, "judgement");

        // On a narrow screen the evidence comes first, above the editor, and nothing scrolls sideways.
        await page.SetViewportSizeAsync(360, 800);
        var narrowEditor = (await page.Locator("form.judgement-editor").BoundingBoxAsync())!;
        var narrowSide = (await evidence.BoundingBoxAsync())!;
        Assert.True(narrowSide.Y < narrowEditor.Y);
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0);
        await ShotAsync(page, "judgement-narrow");
        await page.SetViewportSizeAsync(1280, 900);

        await page.GotoAsync(Url("/regions/13/economy/2024/items?kind=budget"));
        await Assertions.Expect(page.GetByLabel("Årets resultat")).ToHaveValueAsync("-641");
        await AxeAsync(page);
        await ShotAsync(page, "items");

        await page.GotoAsync(Url("/regions/13/economy/2024/tax-and-fees"));
        await Assertions.Expect(page.GetByLabel("Utdebitering, procent")).ToHaveValueAsync("11,40");
        await AxeAsync(page);
        await ShotAsync(page, "tax-and-fees");

        await page.GotoAsync(Url("/regions/13/economy/import"));
        await AxeAsync(page);
        await page.GotoAsync(Url("/regions/13/economy/2024/exceptional-reasons"));
        await AxeAsync(page);
        await ShotAsync(page, "exceptional-reasons");
    }
}
