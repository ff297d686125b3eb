using System.Net;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Pages;

/// <summary>The monthly economy pages without a browser: who sees what, the form as a browser without JavaScript posts it, and the chart.</summary>
public sealed class MonthlyEconomyPageTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    private async Task<HttpClient> ClientAsync(string? email)
    {
        var client = host.CreateClient();
        if (email is not null) await Forms.LoginAsync(client, email);
        return client;
    }

    [Fact]
    public async Task TheOverview_NeedsARoleInTheRegion_AndShowsTheMissingReport_InBothLanguages()
    {
        var anonymous = await (await ClientAsync(null)).GetAsync("/regions/13/economy/2024/months/8");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await ClientAsync("planerare@skane.demo")).GetAsync("/regions/13/economy/2024/months/8")).StatusCode);

        var reader = await ClientAsync("lasare@halland.demo");
        var html = await reader.GetStringAsync("/regions/13/economy/2024/months/8");
        Assert.Contains("Ekonomi per nämnd, januari–augusti 2024", html);
        Assert.Contains("ej inkommen", html);
        Assert.Contains("<th scope=\"col\" class=\"num\">Helårsprognos</th>", html);
        Assert.Contains("= prognos för årets resultat", html);
        Assert.Contains("[Demotext]", html);
        var english = await reader.GetStringAsync("/regions/13/economy/2024/months/8?culture=en-GB");
        Assert.Contains("Economy by committee, January–August 2024", english);
        Assert.Contains("not received", english);
        // Without a month: the latest month reported.
        Assert.Contains("januari–augusti 2024", await reader.GetStringAsync("/regions/13/economy/2024/months"));

        var chart = await reader.GetAsync("/regions/13/economy/2024/months/8/chart.svg");
        Assert.Equal("image/svg+xml", chart.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await chart.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await ClientAsync(null)).GetAsync("/regions/13/economy/2024/months/8/chart.svg")).StatusCode);
    }

    [Fact]
    public async Task OnlyTheUnitsReporterAndThePlannersGetTheForm_AndAnAmountThatIsNoNumberIsNamed()
    {
        const string url = "/regions/13/economy/2024/months/10/committees/DNHS";
        Assert.DoesNotContain("Form.OutcomeToDate", await (await ClientAsync("lasare@halland.demo")).GetStringAsync(url));
        Assert.DoesNotContain("Form.OutcomeToDate", await (await ClientAsync("rapportor.dnpsh@halland.demo")).GetStringAsync(url));
        Assert.Contains("Form.OutcomeToDate", await (await ClientAsync("planerare@halland.demo")).GetStringAsync(url));

        var reporter = await ClientAsync("rapportor.dnhs@halland.demo");
        var refused = await Forms.PostAsync(reporter, url, "report", ("Form.Version", "0"), ("Form.OutcomeToDate", "1.234,5"), ("Form.FullYearForecast", "5 600"), ("Form.Action", "draft"));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("”1.234,5” är inget belopp", html);
        Assert.Contains("id=\"report-outcomeToDate-error\"", html);

        // October: budget to date 5 600 × 10 / 12 = 4 666,7; "4 666,7" typed with a space and a comma is on budget, no comment needed.
        var saved = await Forms.PostAsync(reporter, url, "report", ("Form.Version", "0"), ("Form.OutcomeToDate", "4 666,7"), ("Form.FullYearForecast", "5 600"), ("Form.Action", "submit"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.EndsWith("?saved=submitted", saved.Headers.Location!.OriginalString);
        var after = await reporter.GetStringAsync(url);
        Assert.Contains("inskickad", after);
        Assert.DoesNotContain("Form.OutcomeToDate", after); // submitted: no form until a planner reopens it
    }

    [Fact]
    public async Task MyTasks_ListTheReportersDraftAndLastMonthsReport_NotOtherUnits()
    {
        var psychiatry = await (await ClientAsync("rapportor.dnpsh@halland.demo")).GetStringAsync("/me/tasks");
        Assert.Contains("Månadsrapporter ekonomi", psychiatry);
        Assert.Contains("href=\"/regions/13/economy/2024/months/8/committees/DNPSH\"", psychiatry); // the demo's August draft
        Assert.DoesNotContain("committees/DNHS", psychiatry);
        Assert.DoesNotContain("Månadsrapporter ekonomi", await (await ClientAsync("lasare@halland.demo")).GetStringAsync("/me/tasks"));
    }
}
