using System.Net;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Pages;

public sealed class CareOfferCompareHost() : StyraHost("Sqlite");

/// <summary>Skåne's demo registers of 2025 and 2026 side by side: the units that changed and the findings of each year.</summary>
public sealed class CareOfferCompareYearsPageTests(CareOfferCompareHost host) : IClassFixture<CareOfferCompareHost>
{
    [Fact]
    public async Task TheRegisterOf2026_ComparedWith2025_ShowsTheOpenedClosedAndChangedUnits_AndTheNewFinding()
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, "planerare@skane.demo");

        var register = WebUtility.HtmlDecode(await client.GetStringAsync("/regions/12/care-offer/2026"));
        Assert.Contains("href=\"/regions/12/care-offer/2026/compare\"", register);
        Assert.Contains("Jämför med 2025", register);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/regions/12/care-offer/2026/compare"));
        Assert.Contains("Vårdutbud 2026 jämfört med 2025", page);
        Assert.Contains("Demo – fiktiva uppgifter.", page);
        // Hyllie opened, Södervärn closed, Ystad's dermatology lost a specialist.
        Assert.Matches(@"Demo Vårdcentral Malmö Hyllie <span class=""code"">SKD-VC-MALMO-HYLLIE</span></th>\s*<td>Fanns inte 2025</td>", page);
        Assert.Matches(@"Demo Vårdcentral Malmö Södervärn <span class=""code"">SKD-VC-MALMO-SODERVARN</span></th>\s*<td>[^<]+</td>\s*<td>Finns inte 2026</td>", page);
        Assert.Contains("Demo Hudmottagning Ystad <span class=\"code\">SKD-HUD-YST</span>", page);
        // That loss is a new robustness finding of 2026.
        Assert.Matches(@"<li class=""co-new""><span class=""chip"">Nytt</span> Demo Hudmottagning Ystad har 2 specialistläkare; principen kräver minst 3\.</li>", page);

        // Ystad's dermatology is still too small, but smaller: changed, with both years' figures, and counted as such.
        Assert.Contains("<li class=\"co-changed\"><span class=\"chip\">Ändrat</span> <span class=\"co-was\">Demo Hudmottagning Ystad har 900 patienter per år; "
            + "gränsen för Hudsjukdomar är minst 1 500.</span> → Demo Hudmottagning Ystad har 820 patienter per år; gränsen för Hudsjukdomar är minst 1 500.</li>", page.Replace('\u00a0', ' '));
        Assert.Matches(@"Små volymer</a></th>\s*<td>Robusthet</td>\s*<td class=""num"">5</td><td class=""num"">5</td><td class=""num"">0</td><td class=""num"">0</td><td class=""num"">5</td><td class=""num"">1</td>", page);
        var english = WebUtility.HtmlDecode(await client.GetStringAsync("/regions/12/care-offer/2026/compare?culture=en-GB"));
        Assert.Contains("Care offer 2026 compared with 2025", english);

        var none = WebUtility.HtmlDecode(await client.GetStringAsync("/regions/12/care-offer/2026/compare?with=2019"));
        Assert.Contains("Det finns inget annat års register att jämföra 2026 med.", none);

        var api = await client.GetAsync("/api/regions/12/care-offer/2026/compare?with=2019");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        var json = await client.GetStringAsync("/api/regions/12/care-offer/2026/compare");
        Assert.Contains("\"with\":2025", json);
        Assert.Contains("SKD-VC-MALMO-HYLLIE", json);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var small = doc.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("check").GetString() == "SmallVolume");
        var changed = Assert.Single(small.GetProperty("changed").EnumerateArray());
        Assert.Equal((900, 820), (changed.GetProperty("before").GetProperty("measured").GetInt32(), changed.GetProperty("after").GetProperty("measured").GetInt32()));
        Assert.Equal(5, small.GetProperty("remaining").GetArrayLength());
        Assert.Equal(1, small.GetProperty("remaining").EnumerateArray().Count(p => p.GetProperty("changed").GetBoolean()));
    }
}
