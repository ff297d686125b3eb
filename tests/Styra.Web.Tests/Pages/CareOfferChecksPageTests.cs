using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.CareOffer;
using Styra.Features.Organisation;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Pages;

public sealed class CareOfferChecksHost() : StyraHost("Sqlite");

/// <summary>The principle checks, their settings and a proposal through the pages, without JavaScript.</summary>
public sealed class CareOfferChecksPageTests(CareOfferChecksHost host) : IClassFixture<CareOfferChecksHost>
{
    private const string Planner = "planerare@skane.demo";

    internal static CareUnitData Unit(string key, string name, string municipality, int specialists, int patients, CareNeed need = CareNeed.Frequent,
        string specialty = "Hudsjukdomar", CareUnitKind kind = CareUnitKind.OutpatientClinic, CareLevel level = CareLevel.Local) =>
        new(key, name, kind, specialty, level, CareMode.Elective, need, municipality, specialists, null, null, null, patients, patients * 3, false, null, null);

    /// <summary>A demo register of Skåne for a year of its own, made with the model's constructors.</summary>
    internal static async Task RegisterAsync(StyraHost host, int year, params CareUnitData[] units)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var region = await db.Regions.SingleAsync(r => r.Code == new RegionCode("12"));
        var register = new CareOfferRegister(region, year, "test", true);
        foreach (var u in units) register.Units.Add(new CareUnit(register, u));
        db.CareOfferRegisters.Add(register);
        await db.SaveChangesAsync();
    }

    private async Task<HttpClient> PlannerAsync()
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, Planner);
        return client;
    }

    private static async Task<string> HtmlAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The settings form as the page fills it, with some fields changed.</summary>
    private async Task<(string Name, string Value)[]> SettingsFormAsync(params (string Name, string Value)[] changed)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<CareOfferCheckSettings>();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var view = await settings.ViewAsync(await db.Regions.SingleAsync(r => r.Code == new RegionCode("12")));
        var fields = new List<(string, string)> { ("Form.Version", view.Version.ToString()) };
        for (var i = 0; i < view.Rules.Checks.Count; i++)
        {
            var c = view.Rules.Checks[i];
            fields.AddRange([($"Form.Checks[{i}].Check", c.Check.ToString()), ($"Form.Checks[{i}].Threshold", c.Threshold?.ToString() ?? ""),
                ($"Form.Checks[{i}].SecondThreshold", c.SecondThreshold?.ToString() ?? ""), ($"Form.Checks[{i}].PrincipleTitle", c.Principle.Title),
                ($"Form.Checks[{i}].PrincipleText", c.Principle.Text), ($"Form.Checks[{i}].PlanKey", c.Principle.PlanKey ?? ""), ($"Form.Checks[{i}].NodeKey", c.Principle.NodeKey ?? "")]);
            if (c.Enabled) fields.Add(($"Form.Checks[{i}].Enabled", "true"));
        }
        var j = 0;
        foreach (var (specialty, min) in view.Rules.SpecialtyThresholds)
        {
            fields.Add(($"Form.Specialties[{j}].Specialty", specialty));
            fields.Add(($"Form.Specialties[{j++}].Min", min.ToString()));
        }
        return fields.Where(f => !changed.Any(c => c.Name == f.Item1)).Concat(changed.Where(c => c.Value.Length > 0)).ToArray();
    }

    [Fact]
    public async Task TheChecksPage_ShowsAFinding_WithItsPrincipleQuoted_AndASettingsPostChangesTheFindings()
    {
        await RegisterAsync(host, 2030,
            Unit("T-HUD-MAL", "Demo Hudmottagning Malmö", "1280", 3, 5000),
            Unit("T-HUD-YST", "Demo Hudmottagning Ystad", "1286", 2, 4000));
        var client = await PlannerAsync();
        const string Page = "/regions/12/care-offer/2030/checks";
        const string Finding = "Demo Hudmottagning Ystad har 2 specialistläkare; principen kräver minst 3.";

        var html = await HtmlAsync(client, Page);
        Assert.Contains(Finding, html);
        Assert.DoesNotContain("Demo Hudmottagning Malmö har", html);
        Assert.Contains("<blockquote lang=\"sv\">Utgångspunkten är att det skall finnas minst tre specialistläkare på en specialiserad öppenvårdsmottagning för att den skall betraktas som en robust verksamhet.</blockquote>", html);
        Assert.Matches("href=\"/plans/\\d+#node-princip-robusthet\"", html);
        Assert.Contains("Demo – fiktiva uppgifter.", html);
        // Skåne's municipalities without a vårdcentral in this small register.
        Assert.Contains("Perstorp kommun har ingen vårdcentral", html);

        // A threshold that is not a number is named, and nothing changes.
        var bad = WebUtility.HtmlDecode(await (await Forms.PostAsync(client, "/regions/12/care-offer/settings", "check-settings",
            await SettingsFormAsync(("Form.Checks[0].Threshold", "tre")))).Content.ReadAsStringAsync());
        Assert.Contains("Inställningarna sparades inte:", bad);
        Assert.Contains("'tre' är inget heltal", bad);
        Assert.Contains(Finding, await HtmlAsync(client, Page));

        // Robustness at 2 physicians: the finding goes; disabling the hub check lists it as not enabled.
        var saved = await Forms.PostAsync(client, "/regions/12/care-offer/settings", "check-settings",
            await SettingsFormAsync(("Form.Checks[0].Threshold", "2"), ("Form.Checks[4].Enabled", "")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        html = await HtmlAsync(client, Page);
        Assert.DoesNotContain(Finding, html);
        Assert.DoesNotContain("Perstorp kommun har ingen vårdcentral", html);
        Assert.Contains("Inte aktiverad", html);

        // Back as it was (the other tests of this host use the demo settings).
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(client, "/regions/12/care-offer/settings", "check-settings",
            await SettingsFormAsync(("Form.Checks[0].Threshold", "3"), ("Form.Checks[4].Enabled", "true")))).StatusCode);
        Assert.Contains(Finding, await HtmlAsync(client, Page));
    }

    [Fact]
    public async Task TheProposalPage_ShowsTheChecksBeforeAndAfterSideBySide_AndTheDecisionBasisDownloads()
    {
        await RegisterAsync(host, 2031,
            Unit("T-HAND-MAL", "Demo Handkirurgi Malmö", "1280", 4, 450, CareNeed.Rare, "Handkirurgi"),
            Unit("T-HAND-YST", "Demo Handkirurgi Ystad", "1286", 1, 300, CareNeed.Rare, "Handkirurgi"),
            Unit("T-HAND-LUN", "Demo Handkirurgi Lund", "1281", 2, 200, CareNeed.Rare, "Handkirurgi"));
        var client = await PlannerAsync();
        var created = await Forms.PostAsync(client, "/regions/12/care-offer/2031/proposals", "new-proposal",
            ("Form.Title", "Samla handkirurgin i Malmö"), ("Form.Description", "Tre **små** mottagningar."));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var location = created.Headers.Location!;
        var page = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString;
        Assert.Matches("^/regions/12/care-offer/2031/proposals/\\d+$", page);

        // An unknown source is named at its field; then the real concentration is added.
        var refused = WebUtility.HtmlDecode(await (await Forms.PostAsync(client, page, "add-concentrate",
            ("Conc.Version", "1"), ("Conc.Target", "T-HAND-MAL"), ("Conc.Sources", "T-HAND-XXX"))).Content.ReadAsStringAsync());
        Assert.Contains("href=\"#concentrate-sourceUnitKeys\"", refused);
        Assert.Contains("T-HAND-XXX finns inte i registret", refused);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(client, page, "add-concentrate",
            ("Conc.Version", "1"), ("Conc.Target", "T-HAND-MAL"), ("Conc.Sources", "T-HAND-YST, T-HAND-LUN"))).StatusCode);

        var html = await HtmlAsync(client, page);
        Assert.Contains("Koncentrera Demo Handkirurgi Ystad, Demo Handkirurgi Lund till Demo Handkirurgi Malmö.", html);
        Assert.Matches(new Regex("Koncentration av sällan förekommande vård</a></th>\\s*<td>Närhetsprincip och koncentrerat vårdutbud</td>\\s*"
            + "<td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">0</td>"), html);
        Assert.Matches(new Regex("Robusthet: specialistläkare</a></th>\\s*<td>Robusthet</td>\\s*<td class=\"num\">2</td><td class=\"num\">0</td><td class=\"num\">2</td>"), html);
        Assert.Contains("<h4>Före (1)</h4>", html);
        Assert.Contains("<h4>Efter (0)</h4>", html);
        Assert.Contains("Löses</span> Handkirurgi: vård för sällan förekommande behov är spridd på 3 enheter", html);
        Assert.Contains("4 specialistläkare, 450 patienter", html);
        Assert.Contains("7 specialistläkare, 950 patienter", html);

        var id = page.Split('/').Last();
        var docx = await client.GetAsync($"/api/regions/12/care-offer/2031/proposals/{id}/report/docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType!.MediaType);
        var pdf = await client.GetAsync($"/api/regions/12/care-offer/2031/proposals/{id}/report/pdf");
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]));

        // Removing the change brings the findings back.
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(client, page, "change-actions", ("Act.Version", "2"), ("Act.Command", "remove:0"))).StatusCode);
        Assert.Contains("Förslaget har ännu inga ändringar.", await HtmlAsync(client, page));
    }

    [Fact]
    public async Task ACheckWithoutThresholds_SaysItTestsNothing_NotThatTheRegisterFollowsThePrinciple()
    {
        await RegisterAsync(host, 2032, Unit("T-HUD-LUN", "Demo Hudmottagning Lund", "1281", 4, 10));
        var client = await PlannerAsync();
        const string Page = "/regions/12/care-offer/2032/checks";
        const string Untested = "Inga gränser satta – kontrollen prövar inget";
        // Skåne's demo thresholds per specialty: 10 patients of dermatology is a small volume.
        var html = await HtmlAsync(client, Page);
        Assert.Contains("Demo Hudmottagning Lund har 10 patienter per år", html);
        Assert.DoesNotContain(Untested, html);

        // No general threshold and no specialty rows: the check runs but measures nothing.
        var cleared = Enumerable.Range(0, DemoCareOfferSettings.SpecialtyThresholds.Count)
            .SelectMany(j => new[] { ($"Form.Specialties[{j}].Specialty", ""), ($"Form.Specialties[{j}].Min", "") }).ToArray();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(client, "/regions/12/care-offer/settings", "check-settings", await SettingsFormAsync(cleared))).StatusCode);
        html = await HtmlAsync(client, Page);
        Assert.Matches(new Regex("<section class=\"co-check\" aria-labelledby=\"check-smallVolume\">(?:(?!</section>).)*" + Untested, RegexOptions.Singleline), html);
        Assert.DoesNotMatch(new Regex("<section class=\"co-check\" aria-labelledby=\"check-smallVolume\">(?:(?!</section>).)*registret följer principen", RegexOptions.Singleline), html);
        Assert.Matches(new Regex("Små volymer</a></th>\\s*<td>Robusthet</td>\\s*<td>[^<]*</td>\\s*<td class=\"num\">Prövar inget</td>"), html);
        Assert.Contains("No thresholds set – the check tests nothing", await HtmlAsync(client, Page + "?culture=en-GB"));

        // Back as it was.
        var restored = DemoCareOfferSettings.SpecialtyThresholds
            .SelectMany((t, j) => new[] { ($"Form.Specialties[{j}].Specialty", t.Specialty), ($"Form.Specialties[{j}].Min", t.Min.ToString()) }).ToArray();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(client, "/regions/12/care-offer/settings", "check-settings", await SettingsFormAsync(restored))).StatusCode);
        Assert.DoesNotContain(Untested, await HtmlAsync(client, Page));
    }

    [Fact]
    public async Task ATamperedCheck_IsNamed_NotAServerError_AndTheApiRefusesAnUndefinedCheck()
    {
        var client = await PlannerAsync();
        var response = await Forms.PostAsync(client, "/regions/12/care-offer/settings", "check-settings",
            await SettingsFormAsync(("Form.Checks[1].Check", "Nonsense"), ("Form.Checks[2].Check", "99")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Inställningarna sparades inte:", html);
        Assert.Contains("Kontroll 2: ”Nonsense” är ingen av de sex principkontrollerna", html);
        Assert.Contains("Kontroll 3: ”99” är ingen av de sex principkontrollerna", html);

        // The API takes enums as integers too: the six checks and a seventh, 99, without a principle.
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var view = await scope.ServiceProvider.GetRequiredService<CareOfferCheckSettings>().ViewAsync(await db.Regions.SingleAsync(r => r.Code == new RegionCode("12")));
        var checks = view.Rules.Checks.Select(c => (object)new { check = (int)c.Check, enabled = c.Enabled, threshold = c.Threshold, secondThreshold = c.SecondThreshold,
            principleTitle = c.Principle.Title, principleText = c.Principle.Text, planKey = c.Principle.PlanKey, nodeKey = c.Principle.NodeKey }).ToList();
        checks.Add(new { check = 99, enabled = true });
        client.DefaultRequestHeaders.Add("X-Styra-Request", "1");
        var put = await client.PutAsJsonAsync("/api/regions/12/care-offer/settings", new { version = view.Version, checks, specialties = Array.Empty<object>() });
        var text = await put.Content.ReadAsStringAsync();
        Assert.True(put.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Contains("checks[6].check", text);
        Assert.Equal(view.Version, (await scope.ServiceProvider.GetRequiredService<CareOfferCheckSettings>().ViewAsync(await db.Regions.SingleAsync(r => r.Code == new RegionCode("12")))).Version);
    }

    [Fact]
    public async Task AReaderOfAnotherRegion_GetsNotFound()
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, "planerare@halland.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/regions/12/care-offer/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/regions/12/care-offer/2030/checks")).StatusCode);
    }
}
