using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.Organisation;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Pages;

/// <summary>A host of its own: the tests post initiatives and follow-ups, and give the Halland reader a reader role in Skåne.</summary>
public sealed class ActionPlanHost() : StyraHost("Sqlite")
{
    public async Task<T> QueryAsync<T>(Func<StyraDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<StyraDbContext>());
    }

    /// <summary>lasare@halland.demo also reads Skåne (once), so that a reader of the region can be tried.</summary>
    public Task EnsureSkaneReaderAsync() => QueryAsync(async db =>
    {
        var user = await db.Users.Include(u => u.Memberships).SingleAsync(u => u.Email == "lasare@halland.demo");
        var skane = await db.Regions.SingleAsync(r => r.Code == new RegionCode("12"));
        if (user.Memberships.All(m => m.RegionId != skane.Id))
        {
            user.Memberships.Add(new Membership(user, skane, RegionRole.Reader, null));
            await db.SaveChangesAsync();
        }
        return true;
    });
}

/// <summary>The handlingsplan pages through the real host: matrix, filters, the initiative form, follow-up, comparison, access.</summary>
public sealed partial class ActionPlanPageTests(ActionPlanHost host) : IClassFixture<ActionPlanHost>
{
    private async Task<HttpClient> PlannerAsync()
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, "planerare@skane.demo");
        return client;
    }

    /// <summary>The cells of a row of the coverage matrix, as text.</summary>
    private static List<string> Row(string html, string area)
    {
        var table = html[html.IndexOf("<table class=\"table compact coverage\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        var row = Regex.Match(table, $"<th scope=\"row\">{Regex.Escape(area)}</th>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        return Cell().Matches(row).Select(m => Regex.Replace(Regex.Replace(m.Groups[1].Value, "<.*?>", " "), @"\s+", " ").Trim()).ToList();
    }

    [GeneratedRegex("<td[^>]*>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cell();

    [Fact]
    public async Task PlanPage_ShowsTheDemoBanner_AndTheMatrixCountsOf2026()
    {
        var client = await PlannerAsync();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/regions/12/action-plans/2026"));
        Assert.Contains("Demo – fiktiva uppgifter.", html);
        Assert.Contains("Demo: Mobila närvårdsteam i nordöstra Skåne", html);
        Assert.Contains("<caption id=\"coverage-caption\">Täckningsmatris för Handlingsplan 2026 (demo) (antal insatser)</caption>", html);
        // Medarbetare: INS-10 and INS-12 advance FF3, INS-09 FF5; three initiatives serve the area.
        Assert.Equal(["0 ingen", "0 ingen", "2", "0 ingen", "1", "3"], Row(html, "Medarbetare"));
        // Nära vård: INS-01, -02, -19, -22 advance FF3 (a viljeriktning counts for its area); INS-01, -11, -22 FF4.
        Assert.Equal(["2", "1", "4", "3", "1", "6"], Row(html, "Nära vård"));
        Assert.Contains("Hälso- och sjukvårdsstrukturen ska ge goda förutsättningar för högkvalitativ forskning och utbildning", html[html.IndexOf("Viljeriktningar utan insatser", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task PlanPage_FiltersByFocusShiftAreaAndStatus()
    {
        var client = await PlannerAsync();
        var shift = await client.GetStringAsync("/regions/12/action-plans/2026?shift=ff-5");
        Assert.Contains("Demo: Utbildningstjänster för specialistsjuksköterskor", shift);
        Assert.Contains("Demo: Ersättningsmodell som premierar kontinuitet i primärvården", shift);
        Assert.DoesNotContain("Demo: Mobila närvårdsteam", shift);
        Assert.Contains("(3 av 21)", shift);

        var area = await client.GetStringAsync("/regions/12/action-plans/2026?area=io-medarbetare");
        Assert.Contains("Demo: Taligenkänning i journalen", area); // tagged with the area itself
        Assert.Contains("Demo: Program för första linjens chefer", area); // through its viljeriktning
        Assert.Contains("(3 av 21)", area);

        var delayed = await client.GetStringAsync("/regions/12/action-plans/2026?status=Delayed");
        Assert.Contains("Demo: Planerad ortopedisk kirurgi samlas i Trelleborg", delayed);
        Assert.DoesNotContain("Demo: Taligenkänning i journalen", delayed);
    }

    [Fact]
    public async Task InitiativeForm_WithAnEndBeforeTheStartAndAnUnknownTag_ShowsTheErrors_AndSavesNothing()
    {
        var client = await PlannerAsync();
        var response = await Forms.PostAsync(client, "/regions/12/action-plans/2026/initiatives/new", "initiative",
            ("Form.Key", "INS-50"), ("Form.Title", "Demo: Ny insats"), ("Form.Start", "2026-06-01"), ("Form.End", "2026-05-01"),
            ("Form.Status", "Planned"), ("Form.Tags", "vr-nara-vard-1"), ("Form.Tags", "vr-okand"), ("Form.Version", "0"));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Insatsen sparades inte:", html);
        Assert.Contains("Slutdatum (2026-05-01) kan inte ligga före startdatum (2026-06-01).", html);
        Assert.Contains("inga noder med nycklarna vr-okand", html);
        Assert.Matches("id=\"ini-end\"[^>]*aria-invalid=\"true\"", html);
        Assert.Contains("value=\"Demo: Ny insats\"", html); // what was typed stays
        Assert.False(await host.QueryAsync(db => db.Initiatives.AnyAsync(i => i.Key == "INS-50")));

        // A revision of its own (a copy of 2026, made on the revisions page), so that the other tests see the demo as it is.
        var created = await Forms.PostAsync(client, "/regions/12/action-plans", "new-revision", ("Form.Year", "2027"), ("Form.Copy", "true"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var ok = await Forms.PostAsync(client, "/regions/12/action-plans/2027/initiatives/new", "initiative",
            ("Form.Key", "INS-51"), ("Form.Title", "Demo: Ny insats"), ("Form.Status", "Planned"), ("Form.Tags", "vr-nara-vard-1"), ("Form.Tags", "ff-2"));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.True(await host.QueryAsync(db => db.Initiatives.AnyAsync(i => i.Key == "INS-51" && i.Plan.Year == 2027)));
        Assert.True(await host.QueryAsync(db => db.Initiatives.AnyAsync(i => i.Key == "INS-22" && i.Plan.Year == 2027))); // copied
    }

    [Fact]
    public async Task Reader_SeesThePlan_ButCannotWrite()
    {
        await host.EnsureSkaneReaderAsync();
        var client = host.CreateClient();
        await Forms.LoginAsync(client, "lasare@halland.demo");
        var plan = await client.GetStringAsync("/regions/12/action-plans/2026");
        Assert.Contains("Täckning", plan);
        Assert.DoesNotContain("Ny insats", plan);
        var form = await client.GetStringAsync("/regions/12/action-plans/2026/initiatives/INS-01");
        Assert.Contains("Bara regionens planerare ändrar handlingsplanen.", form);
        Assert.DoesNotContain("name=\"Form.Title\"", form);
        var before = await host.QueryAsync(db => db.Initiatives.Where(i => i.Key == "INS-01" && i.Plan.Year == 2026).Select(i => i.Title).SingleAsync());
        await Forms.PostAsync(client, "/regions/12/action-plans/2026/initiatives/INS-01", "initiative", ("Form.Title", "Läsarens ändring"), ("Form.Version", "1"));
        Assert.Equal(before, await host.QueryAsync(db => db.Initiatives.Where(i => i.Key == "INS-01" && i.Plan.Year == 2026).Select(i => i.Title).SingleAsync()));
    }

    [Fact]
    public async Task FollowUp_SavesStatusCommentTimeAndUser()
    {
        var client = await PlannerAsync();
        var versions = await host.QueryAsync(db => db.Initiatives.Where(i => i.Plan.Year == 2026 && i.Plan.Region.Code == new RegionCode("12"))
            .Select(i => new { i.Key, i.Version }).ToListAsync());
        var fields = versions.Select(v => ($"version-{v.Key}", v.Version.ToString())).ToList();
        fields.Add(("status-INS-07", "Done"));
        fields.Add(("comment-INS-07", "Demo: jourlinjen flyttad."));
        var response = await Forms.PostAsync(client, "/regions/12/action-plans/2026/follow-up", "follow-up", [.. fields]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await host.QueryAsync(db => db.Initiatives.SingleAsync(i => i.Key == "INS-07" && i.Plan.Year == 2026));
        Assert.Equal(Styra.Features.ActionPlans.InitiativeStatus.Done, saved.FollowUpStatus);
        Assert.Equal("Demo: jourlinjen flyttad.", saved.FollowUpComment);
        Assert.Equal("planerare@skane.demo", saved.FollowedUpBy);
        Assert.NotNull(saved.FollowedUpAt);
    }

    [Fact]
    public async Task ComparePage_ShowsAddedRemovedChangedAndCells()
    {
        var client = await PlannerAsync();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/regions/12/action-plans/2026/compare"));
        Assert.Contains("Handlingsplan 2026 (demo) jämförd med 2025", html);
        Assert.Contains("Demo: Hälsofrämjande samverkan med elevhälsan", html[html.IndexOf("added-heading", StringComparison.Ordinal)..html.IndexOf("removed-heading", StringComparison.Ordinal)]);
        Assert.Contains("Demo: Patientkontrakt i cancervården", html[html.IndexOf("removed-heading", StringComparison.Ordinal)..html.IndexOf("changed-heading", StringComparison.Ordinal)]);
        Assert.Contains("Chefläkare för digital vård", html);
        Assert.Contains("Taggar borttagna", html);
        Assert.Matches("(?s)<th scope=\"row\">Medarbetare</th>.*?<td class=\"num\">1</td>\\s*<td class=\"num\">2</td>", html);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/regions/12/action-plans/2025/compare?with=2026")).StatusCode);
    }

    [Fact]
    public async Task RegionPage_LinksToTheActionPlan_AndTheCsvHasTheTags()
    {
        var client = await PlannerAsync();
        Assert.Contains("/regions/12/action-plans", await client.GetStringAsync("/regions/12"));
        var csv = await client.GetStringAsync("/api/regions/12/action-plans/2025/initiatives.csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\uFEFFkey,title,owner,start,end,status,initiative_areas,directions,focus_shifts", lines[0]);
        Assert.Equal(21, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("INS-12,Demo: Taligenkänning i journalen,Digitaliseringschef,2025-03-01,2026-12-31,Ongoing,", StringComparison.Ordinal)
            && l.Contains(",io-medarbetare,vr-digitalisering-2,,", StringComparison.Ordinal));
    }
}
