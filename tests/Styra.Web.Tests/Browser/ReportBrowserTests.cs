using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Styra.Data;
using Styra.Features.FollowUp;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Browser;

public sealed class ReportBrowserHost() : StyraHost("Sqlite")
{
    protected override bool RealPort => true;
}

/// <summary>A planner downloads the report from the event page, as a person would: choose the scope, press the button.</summary>
public sealed class ReportBrowserTests(ReportBrowserHost host) : BrowserTest, IClassFixture<ReportBrowserHost>
{
    [Fact]
    public async Task APlanner_DownloadsACommitteesDraftPdf_FromTheEventPage()
    {
        int id;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
            id = await scope.ServiceProvider.GetRequiredService<StyraDbContext>().ReportingEvents
                .Where(e => e.Kind == EventKind.Tertial2 && e.Region.Code == new Styra.Features.Organisation.RegionCode("13")).Select(e => e.Id).SingleAsync();
        var page = await NewPageAsync(1200, 900);
        await LoginAsync(page, host.BaseAddress, "planerare@halland.demo");
        await page.GotoAsync(new Uri(host.BaseAddress, $"/followup/events/{id}").ToString());
        var box = page.GetByRole(AriaRole.Region, new() { Name = "Rapporten" });
        await Assertions.Expect(box).ToBeVisibleAsync();
        await page.GetByLabel("Omfattning").SelectOptionAsync("DNKT");
        await page.GetByLabel("Utkast", new() { Exact = false }).CheckAsync();
        await ScreenshotAsync(page, "event-report-box");
        await box.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "event-report-box-only.png") });
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Hämta PDF" }).ClickAsync());
        Assert.EndsWith("Driftnämnd-Kollektivtrafik-utkast.pdf", download.SuggestedFilename);
        var path = await download.PathAsync();
        var head = new byte[4];
        await using (var file = File.OpenRead(path)) _ = await file.ReadAsync(head);
        Assert.Equal("%PDF"u8.ToArray(), head);
    }
}
