using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Browser;

/// <summary>A planner's forms in the browser: set a target, import a file — and both pass axe in their error states.</summary>
public sealed class PlannerBrowserTests(BrowserHost host) : BrowserTest, IClassFixture<BrowserHost>
{
    private static readonly AxeRunOptions Wcag21 = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Fact]
    public async Task Planner_SetsATarget_WithADecimalComma_AndSeesItInTheTable()
    {
        var page = await NewPageAsync();
        await LoginAsync(page, host.BaseAddress, "planerare@halland.demo");
        await page.GotoAsync(new Uri(host.BaseAddress, "/regions/13/indicators/N00925").ToString());

        // A wrong entry first: the errors are named, announced and accessible.
        await page.GetByLabel("År", new() { Exact = true }).FillAsync("tjugo");
        await page.GetByLabel("Målvärde (år)").FillAsync("85,0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara målvärde" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("”tjugo” är inget år");
        var axe = await page.RunAxe(Wcag21);
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help}")));
        await ScreenshotAsync(page, "target-form-error");

        await page.GetByLabel("År", new() { Exact = true }).FillAsync("2026");
        await page.GetByLabel("Tolerans (gul)").FillAsync("0,4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara målvärde" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Målvärdet sparades.");
        var row = page.Locator("section[aria-labelledby=targets-heading] tr", new() { HasText = "2026" });
        await Assertions.Expect(row).ToContainTextAsync("85,0");
        await Assertions.Expect(row).ToContainTextAsync("±0,4");
        await ScreenshotAsync(page, "indicator-targets");
    }

    [Fact]
    public async Task Planner_ImportsACsvFile_FromTheRegionPage()
    {
        var file = Path.Combine(Path.GetTempPath(), $"styra-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "indikator;område;enhet;period;kön;värde\nN00923;0013;DNHS;2023;T;81,9\nN00923;0013;RS;2023;T;82,3\n");
        try
        {
            var page = await NewPageAsync();
            await LoginAsync(page, host.BaseAddress, "planerare@halland.demo");
            await page.GotoAsync(new Uri(host.BaseAddress, "/regions/13").ToString());
            await page.GetByRole(AriaRole.Link, new() { Name = "Importera indikatorvärden" }).ClickAsync();
            await page.GetByLabel("Filer").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Importera" }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 värden lades till");
            var axe = await page.RunAxe(Wcag21);
            Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help}")));
            await ScreenshotAsync(page, "import-done");

            // The values per unit now show on the indicator page.
            await page.GotoAsync(new Uri(host.BaseAddress, "/regions/13/indicators/N00923").ToString());
            var units = page.Locator("section[aria-labelledby=units-heading]");
            await Assertions.Expect(units).ToContainTextAsync("Driftnämnd Hallands Sjukhus");
            await Assertions.Expect(units).ToContainTextAsync("81,9");
            await ScreenshotAsync(page, "indicator-by-unit");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
