using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.FollowUp;
using Styra.Features.Publishing;

namespace Styra.Web.Tests.Public;

/// <summary>The public pages as a plain HTTP client gets them: everything is in the server's HTML, without JavaScript or an account.</summary>
public sealed class PublicPageTests(PublicHost host) : IClassFixture<PublicHost>
{
    private const string Plan = "/public/13/plans/mal-och-budget-2024-2028";
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task GoalPage_WithoutJavaScript_HasThePublishedFulfilmentAnalysisAndIndicatorTable()
    {
        var assessments = await PublishedAsync("mal-nara-varden");
        Assert.NotEmpty(assessments);

        var html = await _client.GetStringAsync($"{Plan}/goals/mal-nara-varden");

        foreach (var a in assessments.GroupBy(a => a.UnitCode).Select(g => g.First()))
        {
            Assert.Contains(MarkdownText.ToSafeHtml(a.Analysis), html);
            Assert.Contains(Names.Fulfilment(a.Fulfilment!.Value, english: false), html);
        }
        Assert.Contains("Senaste publicerade bedömning", html);
        // The indicators: a text alternative of the chart, and the values in a data table with its caption and headers.
        Assert.Contains("<table class=\"table compact pub-data\" aria-labelledby=", html);
        Assert.Contains("värden per period", html);
        Assert.Contains("<th scope=\"col\" class=\"num\">Riket</th>", html);
        Assert.Contains("alt=\"Linjediagram: ", html);
        Assert.Contains("Källa: Kolada", html);
        Assert.DoesNotContain("/login", html);
    }

    [Fact]
    public async Task PlanPage_ShowsEachNodesLatestPublishedFulfilment_AsTextAndSymbol_AndLinksEveryGoal()
    {
        var html = await _client.GetStringAsync(Plan);

        Assert.Contains($"href=\"{Plan}/goals/mal-nara-varden\"", html);
        Assert.Contains($"href=\"{Plan}/goals/fo-nara-vard\"", html);
        Assert.Matches("<span class=\"pub-symbol\" aria-hidden=\"true\">[✓◐✗○]</span> (Uppfyllt|Delvis uppfyllt|Ej uppfyllt|Ej bedömt)", html);
        Assert.Contains("Uppföljningsrapport 1 2024", html);
        // Skåne has published no follow-up: its tree says so rather than showing a fulfilment.
        var skane = await _client.GetStringAsync("/public/12/plans/strategi-framtidens-halsosystem");
        Assert.Contains("ingen publicerad bedömning", skane);
        Assert.DoesNotContain("pub-symbol", skane);
    }

    [Fact]
    public async Task RegionStart_ShowsPlansLatestPublishedFollowUpAndEconomyKeyFigures()
    {
        var html = await _client.GetStringAsync("/public/13");

        Assert.Contains($"href=\"{Plan}\"", html);
        Assert.Contains("Uppföljningsrapport 1 2024", html);
        Assert.Contains("publicerad 2024-06-14", html);
        Assert.DoesNotContain("Uppföljningsrapport 2 2024", html);
        Assert.Contains("Årets resultat", html);
        Assert.Contains("Skattesats", html);
        Assert.Contains("href=\"/public/13/open-data\"", html);
    }

    [Fact]
    public async Task IndicatorPage_ComparesTheRegions_TheRegionNamedInText_AndRiketShown()
    {
        var html = await _client.GetStringAsync("/public/13/indicators/N00923");

        Assert.Contains("Jämförelse med andra regioner", html);
        Assert.Contains("Region Halland<strong class=\"pub-self\"> (denna region)</strong>", html);
        Assert.Contains("Riket (alla regioner)", html);
        Assert.Contains("Region Skåne", html);
        Assert.Contains("<table class=\"table compact pub-data\" aria-labelledby=", html);
    }

    [Fact]
    public async Task EconomyPage_ShowsOnlyPublishedYears_WithFinancialGoalsTableAndChart()
    {
        string[] years;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
            var region = await db.Regions.SingleAsync(r => r.Code == new Styra.Features.Organisation.RegionCode("13"));
            years = (await scope.ServiceProvider.GetRequiredService<PublishedContent>().EconomyYearsAsync(region.Id)).Select(y => y.ToString()).ToArray();
        }
        Assert.NotEmpty(years);

        var html = await _client.GetStringAsync("/public/13/economy");
        foreach (var y in years) Assert.Contains($"href=\"/public/13/economy/{y}\"", html);
        Assert.Contains("Självfinansieringsgrad av investeringarna", html);
        Assert.Contains("src=\"/public/13/economy/financial-goals/result-share.svg\"", html);
        Assert.Contains("alt=\"Linjediagram: Resultat i förhållande till skatteintäkter", html);
        Assert.Contains("Balanskravet", html);
        var svg = await _client.GetAsync("/public/13/economy/financial-goals/result-share.svg");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        // Nothing from the monthly reports, and the 2024 judgement (a draft in the demo) is not shown.
        Assert.DoesNotContain("/months", html);
        Assert.DoesNotContain("God ekonomisk hushållning 2024", html);
    }

    [Theory]
    [InlineData("/public/99")]
    [InlineData("/public/1x")]
    [InlineData("/public/13/plans/no-such-plan")]
    [InlineData("/public/13/plans/mal-och-budget-2024-2028/goals/no-such-goal")]
    [InlineData("/public/13/indicators/NOPE")]
    [InlineData("/public/13/economy/2099")]
    [InlineData("/public/99/open-data")]
    public async Task UnknownOrUnpublished_IsNotFound(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Hittades inte", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PublicPages_AreLinkedFromTheHomePageAndFromEachRegionPage()
    {
        Assert.Contains("href=\"/public\"", await _client.GetStringAsync("/"));
        Assert.Contains("href=\"/public/13\"", await _client.GetStringAsync("/regions/13"));
        Assert.Contains("href=\"/public/12\"", await _client.GetStringAsync("/regions/12"));
    }

    [Fact]
    public async Task English_IsAvailable()
    {
        var html = await _client.GetStringAsync($"{Plan}?culture=en-GB");
        Assert.Contains("<html lang=\"en\"", html);
        Assert.Contains("Goal tree", html);
    }

    [Fact]
    public async Task PublicPage_CarriesTheStampOfWhatIsPublic_AndAnswers304WhenUnchanged()
    {
        var first = await _client.GetAsync("/public/13");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Equal("no-cache", first.Headers.CacheControl?.ToString().Split(", ").Last());

        using var again = new HttpRequestMessage(HttpMethod.Get, "/public/13");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(again)).StatusCode);

        // The English page is another representation with its own tag.
        var english = await _client.GetAsync("/public/13?culture=en-GB");
        Assert.NotEqual(etag, english.Headers.ETag);
    }

    [Fact]
    public async Task PublicChart_IsServedFromTheOutputCache_InEachLanguageApart_NeverToTheSignedIn()
    {
        const string chart = "/public/13/indicators/N00923/chart.svg";
        using var client = host.CreateClient();
        (await client.GetAsync(chart)).EnsureSuccessStatusCode();
        var cached = await client.GetAsync(chart);
        Assert.NotNull(cached.Headers.Age); // set only on an answer from the output cache
        Assert.DoesNotContain(cached.Headers, h => h.Key == "Set-Cookie");

        // A signed-in reader is never answered from the cache (nor stored in it).
        using var signedIn = host.CreateClient();
        await Styra.Web.Tests.Infrastructure.Forms.LoginAsync(signedIn, "lasare@halland.demo");
        Assert.Null((await signedIn.GetAsync(chart)).Headers.Age);

        // The same address in English (the language cookie, as the language switch sets it) is not answered with the Swedish
        // entry: the first English request is computed, the second comes from an English entry of its own.
        HttpRequestMessage English()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, chart);
            request.Headers.Add("Cookie", $"{Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName}=c%3Den-GB%7Cuic%3Den-GB");
            return request;
        }
        using (var first = English()) Assert.Null((await client.SendAsync(first)).Headers.Age);
        using (var second = English()) Assert.NotNull((await client.SendAsync(second)).Headers.Age);
    }

    private async Task<IReadOnlyList<PublishedAssessment>> PublishedAsync(string nodeKey)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var plan = await db.Plans.SingleAsync(p => p.Key == "mal-och-budget-2024-2028");
        return await scope.ServiceProvider.GetRequiredService<PublishedContent>().AssessmentsAsync(plan.RegionId, plan.Id, nodeKey);
    }
}
