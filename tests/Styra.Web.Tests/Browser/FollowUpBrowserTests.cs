using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Browser;

/// <summary>The follow-up in the browser: a reporter writes and submits an assessment; every page passes axe.</summary>
public sealed class FollowUpBrowserTests(FollowUpBrowserHost host) : BrowserTest, IClassFixture<FollowUpBrowserHost>
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

    [Fact]
    public async Task AReporter_WritesAndSubmitsAnAssessment_FromTheTasksPage()
    {
        var page = await NewPageAsync();
        await LoginAsync(page, host.BaseAddress, "rapportor.dnhs@halland.demo");
        await page.GotoAsync(Url("/me/tasks"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mina uppgifter" })).ToBeVisibleAsync();
        await AxeAsync(page);
        await ScreenshotAsync(page, "followup-tasks");

        // A returned assessment: the approver's comment is on top.
        await page.Locator(".fu-task-returned a").First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Återsänd av godkännaren");

        // Submitting without an analysis is refused with a linked error.
        await page.GetByLabel("Analys").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka in" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.error[role=alert]").Last).ToContainTextAsync("Skriv en analys innan du skickar in.");
        await AxeAsync(page);
        await ScreenshotAsync(page, "followup-assessment-error");

        var fulfilment = page.GetByRole(AriaRole.Group, new() { Name = "Måluppfyllelse" });
        await fulfilment.GetByLabel("Delvis uppfyllt").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Prognos för helåret" }).GetByLabel("Uppfyllt", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Analys").FillAsync("Åtgärderna under hösten:\n\n- fler digitala vårdmöten\n- **kortare** väntetider");
        await ScreenshotAsync(page, "followup-assessment-editor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Bedömningen skickades in.");
        await Assertions.Expect(page.Locator(".fu-markdown strong")).ToHaveTextAsync("kortare");
        await AxeAsync(page);
        await ScreenshotAsync(page, "followup-assessment-submitted");
    }

    [Fact]
    public async Task TheCalendar_TheEvent_AndARollUpAssessment_PassAxe()
    {
        var page = await NewPageAsync();
        await LoginAsync(page, host.BaseAddress, "planerare@halland.demo");
        await page.GotoAsync(Url("/regions/13"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Uppföljning", Exact = true }).ClickAsync();
        // Without a year, the calendar opens on the latest year that has events (the demo's 2024).
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Uppföljning 2024" })).ToBeVisibleAsync();
        await AxeAsync(page);
        await ScreenshotAsync(page, "followup-calendar");

        // A wrong date in the planner's form is named.
        await page.GetByLabel("Namn").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lägg till" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.error[role=alert]")).ToContainTextAsync("Ge händelsen ett namn");
        await AxeAsync(page);

        await page.GotoAsync(Url("/regions/13/followup/2024"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Uppföljningsrapport 2 / delårsbokslut 2024", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Regionen som helhet" })).ToBeVisibleAsync();
        await AxeAsync(page);
        await ScreenshotAsync(page, "followup-event");

        await page.Locator(".fu-region a").First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nämndernas bedömningar under noden" })).ToBeVisibleAsync();
        await AxeAsync(page);
        await ScreenshotAsync(page, "followup-region-assessment");

        await page.GetByRole(AriaRole.Link, new() { Name = "Historik" }).ClickAsync();
        await AxeAsync(page);
        await ScreenshotAsync(page, "followup-history");
    }
}
