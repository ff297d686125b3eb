using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.CareOffer;
using Styra.Features.Organisation;
using Styra.Web.Tests.Infrastructure;
using Styra.Web.Tests.Pages;

namespace Styra.Web.Tests.Browser;

public sealed class CareOfferChecksBrowserHost() : StyraHost("Sqlite")
{
    protected override bool RealPort => true;
}

/// <summary>The checks page and a proposal's page in the browser: axe finds nothing, 320 px does not scroll sideways.</summary>
public sealed class CareOfferChecksBrowserTests(CareOfferChecksBrowserHost host) : BrowserTest, IClassFixture<CareOfferChecksBrowserHost>
{
    private static async Task AxeAsync(IPage page)
    {
        var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    private static async Task NoSidewaysScrollAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{page.Url} scrolls sideways by {overflow}px at 320px");
    }

    [Fact]
    public async Task TheChecksAndProposalPages_PassAxe_AndReflowAt320Pixels()
    {
        CareUnitData U(string key, string name, string m, int s, int p, CareNeed need = CareNeed.Frequent, string spec = "Hudsjukdomar",
            CareUnitKind kind = CareUnitKind.OutpatientClinic, CareLevel level = CareLevel.Local) => CareOfferChecksPageTests.Unit(key, name, m, s, p, need, spec, kind, level);
        await CareOfferChecksPageTests.RegisterAsync(host, 2032,
            U("B-HAND-MAL", "Demo Handkirurgi Malmö", "1280", 4, 450, CareNeed.Rare, "Handkirurgi"),
            U("B-HAND-YST", "Demo Handkirurgi Ystad", "1286", 1, 300, CareNeed.Rare, "Handkirurgi"),
            U("B-HAND-KRI", "Demo Handkirurgi Kristianstad", "1290", 2, 200, CareNeed.Rare, "Handkirurgi"),
            U("B-HUD-YST", "Demo Hudmottagning Ystad", "1286", 2, 1200),
            U("B-DIA-LUN", "Demo Diabetesmottagning Lund", "1281", 5, 3000, spec: "Diabetes", level: CareLevel.Regional),
            U("B-VC-MAL", "Demo Vårdcentral Malmö", "1280", 6, 12000, spec: "Allmänmedicin", kind: CareUnitKind.PrimaryCareCentre, level: CareLevel.Primary));
        int id;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
            var skane = await db.Regions.SingleAsync(r => r.Code == new RegionCode("12"));
            var result = await scope.ServiceProvider.GetRequiredService<Proposals>().CreateAsync(skane.Code, 2032, new ProposalInput(
                "Demo: Samla handkirurgin i Malmö", "Handkirurgin finns på tre orter med **små** flöden.",
                [new(ProposalChangeKind.Concentrate, "B-HAND-MAL", ["B-HAND-YST", "B-HAND-KRI"]),
                 new(ProposalChangeKind.Open, "B-VC-PER", NewUnit: U("B-VC-PER", "Demo Vårdcentral Perstorp", "1275", 4, 9000, spec: "Allmänmedicin",
                     kind: CareUnitKind.PrimaryCareCentre, level: CareLevel.Primary))]),
                new Access(1, "planerare@skane.demo", [new Grant(skane.Id, RegionRole.Planner, null)]));
            id = result.Current!.Id;
        }

        var page = await NewPageAsync();
        await LoginAsync(page, host.BaseAddress, "planerare@skane.demo");
        await page.GotoAsync(new Uri(host.BaseAddress, "/regions/12/care-offer/2032/checks").ToString());
        await Assertions.Expect(page.GetByText("Demo Hudmottagning Ystad har 2 specialistläkare; principen kräver minst 3.")).ToBeVisibleAsync();
        await AxeAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/care-offer-checks-1280.png", FullPage = true });

        // Close the Malmö vårdcentral through the form: a new hub finding for Malmö appears after.
        var proposal = new Uri(host.BaseAddress, $"/regions/12/care-offer/2032/proposals/{id}").ToString();
        await page.GotoAsync(proposal);
        await page.SelectOptionAsync("#close-unitKey", "B-VC-MAL");
        await page.ClickAsync("text=Lägg till stängning");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Förslaget sparades");
        await Assertions.Expect(page.Locator(".co-new").Filter(new() { HasText = "Malmö kommun har ingen vårdcentral" })).ToBeVisibleAsync();
        await AxeAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/care-offer-proposal-1280.png", FullPage = true });

        var narrow = await NewPageAsync(320, 800);
        await LoginAsync(narrow, host.BaseAddress, "planerare@skane.demo");
        foreach (var (url, name) in new[] { ("/regions/12/care-offer/2032/checks", "checks"), ($"/regions/12/care-offer/2032/proposals/{id}", "proposal"),
            ("/regions/12/care-offer/settings", "settings"), ("/regions/12/care-offer/2032/proposals", "proposals"), ("/regions/12/care-offer/2026/compare", "compare") })
        {
            await narrow.GotoAsync(new Uri(host.BaseAddress, url).ToString());
            await NoSidewaysScrollAsync(narrow);
            await narrow.ScreenshotAsync(new PageScreenshotOptions { Path = $"/tmp/care-offer-{name}-320.png", FullPage = true });
        }
        // The demo's 2026 register beside 2025.
        await page.GotoAsync(new Uri(host.BaseAddress, "/regions/12/care-offer/2026/compare").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Vårdutbud 2026 jämfört med 2025");
        await AxeAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/care-offer-compare-1280.png", FullPage = true });
        await page.GotoAsync(new Uri(host.BaseAddress, "/regions/12/care-offer/settings").ToString());
        await AxeAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/care-offer-settings-1280.png", FullPage = true });
    }
}
