using System.Net.Http.Json;
using System.Text.Json;
using System.Net;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Pages;

/// <summary>The server-rendered pages through the real host: what a reader without JavaScript gets.</summary>
public sealed class PageTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Home_ListsBothRegions_InSwedishByDefault()
    {
        var html = await _client.GetStringAsync("/");
        Assert.Contains("<html lang=\"sv\"", html);
        Assert.Contains("Välj region", html);
        Assert.Contains("href=\"/regions/13\"", html);
        Assert.Contains("Region Skåne", html);
    }

    [Fact]
    public async Task Region_ShowsTheOrganisationWithCommitteeCodes_AndThePlans()
    {
        var html = await _client.GetStringAsync("/regions/13");
        foreach (var code in new[] { "RS", "DNKT", "DNKS", "DNHS", "DNADH", "DNNSVH", "DNPSH", "DNRGS" })
            Assert.Contains($"href=\"/regions/13/units/{code}\"", html);
        Assert.Contains("Patientnämnd", html);
        Assert.Contains("Samtliga driftnämnder", html);
        Assert.Contains("Mål och budget 2024–2028", html);
        Assert.Contains("Hälso- och sjukvårdsstrategi för Halland 2017–2025", html);
    }

    [Fact]
    public async Task Unit_ShowsEveryGoalItIsResponsibleFor_AcrossPlans()
    {
        var html = await _client.GetStringAsync("/regions/13/units/DNKT");
        Assert.Contains("Driftnämnd Kollektivtrafik", html);
        Assert.Contains("Bidra till god tillgång till boende kollektivtrafik, kultur och service", html);
        Assert.Contains("via Samtliga driftnämnder", html);
        Assert.DoesNotContain("Bidra till en mer robust kultursektor", html);
    }

    [Fact]
    public async Task Plan_RendersTheWholeTreeOnTheServer_WithLevelNamesAndResponsibleUnits()
    {
        var id = await PlanIdAsync("13", "mal-och-budget-2024-2028");
        var html = await _client.GetStringAsync($"/plans/{id}");
        Assert.Equal(7, CountOf(html, "node-level level-focus-area\">Fokusområde</span>"));
        Assert.Equal(21, CountOf(html, "node-level level-goal\">Mål</span>"));
        Assert.Contains("Nära och sammanhållen vård", html);
        Assert.Contains("href=\"/regions/13/units/DNHS\"", html);
        Assert.Contains("Bidrar till", html);
    }

    [Fact]
    public async Task Plan_ShowsEachGoalsIndicators_WithTheRegionRiketAndTheSource()
    {
        var id = await PlanIdAsync("13", "mal-och-budget-2024-2028");
        var html = await _client.GetStringAsync($"/plans/{id}");
        Assert.Contains("href=\"/regions/13/indicators/N00923\">Medellivslängd män, år</a><span class=\"unit\"> (år)</span>", html);
        Assert.Contains(">82,4</td>", html); // Halland 2022 is 82.35: one decimal, half away from zero, Swedish decimal comma
        Assert.Contains("Källa: Kolada", html);
    }

    [Fact]
    public async Task Indicator_ShowsTheSeriesTheRankAndTheGoalsItFollowsUp()
    {
        var html = await _client.GetStringAsync("/regions/13/indicators/N01451");
        Assert.Contains("Förtida dödsfall 25-64 år", html);
        Assert.Contains("lägre är bättre", html);
        Assert.Contains("1 av 21", html);
        Assert.Contains("Bidra till en god hälsa i befolkningen och minskade hälsoskillnader", html);
        Assert.Contains("Källa: Kolada", html);
    }

    [Fact]
    public async Task IndicatorChart_IsAnSvgOfTheRegionAndRiket_WithATextAlternativeOnThePage()
    {
        var response = await _client.GetAsync("/regions/13/indicators/N00925/chart.svg");
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = await response.Content.ReadAsStringAsync();
        Assert.Contains("<svg", svg);
        Assert.Contains("stroke:rgb(19,78,111)", svg);  // the region's line, IndicatorChart.RegionColourHex
        Assert.Contains("stroke:rgb(181,71,8)", svg);   // Riket's line, IndicatorChart.RiketColourHex

        var html = await _client.GetStringAsync("/regions/13/indicators/N00925");
        Assert.Contains("alt=\"Linjediagram: Medellivslängd kvinnor, år, Region Halland och riket 2000–2022. Värdena står i tabellen nedan.\"", html);
    }

    [Fact]
    public async Task Comparison_ListsTheIndicatorsWhereTheRegionIsWorseThanRiket()
    {
        var html = await _client.GetStringAsync("/regions/13/comparisons");
        Assert.Contains("Patienter med oplanerad återinskrivning inom 30 dagar, andel (%)", html); // 19 % against 17 %, lower is better
        Assert.DoesNotContain("Förtida dödsfall", html); // Halland has the lowest rate of all regions
        Assert.Contains("+2", System.Net.WebUtility.HtmlDecode(html)); // the gap, signed
    }

    [Fact]
    public async Task Plan_InEnglish_UsesTheRegionsEnglishLevelNames()
    {
        var id = await PlanIdAsync("12", "strategi-framtidens-halsosystem");
        var html = await _client.GetStringAsync($"/plans/{id}?culture=en-GB");
        Assert.Contains("<html lang=\"en\"", html);
        Assert.Contains("Goal tree", html);
        Assert.Contains(">Initiative area</span>", html);
        Assert.Contains(">Focus shift</span>", html);
    }

    [Fact]
    public async Task LanguageSwitch_SetsACookie_AndReturnsToThePage()
    {
        var response = await _client.GetAsync("/language/en?returnUrl=%2Fregions%2F12");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/regions/12", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("en-GB", Uri.UnescapeDataString(cookie));
    }

    [Theory]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("%2F%5Cevil.example")]
    [InlineData("https%3A%2F%2Fevil.example")]
    public async Task LanguageSwitch_RefusesToRedirectElsewhere(string returnUrl)
    {
        var response = await _client.GetAsync($"/language/en?returnUrl={returnUrl}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task LanguageSwitch_DropsACultureChoiceFromTheAddress_SoTheNewChoiceHolds()
    {
        var response = await _client.GetAsync("/language/sv?returnUrl=%2Fplans%2F1%3Fculture%3Den-GB%26version%3D1");
        Assert.Equal("/plans/1?version=1", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/regions/99")]
    [InlineData("/regions/13/units/NOPE")]
    [InlineData("/plans/99999")]
    [InlineData("/no/such/page")]
    public async Task UnknownThings_Answer404_WithAMessage(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Hittades inte", await response.Content.ReadAsStringAsync());
    }

    private async Task<int> PlanIdAsync(string region, string key)
    {
        var json = await _client.GetStringAsync($"/api/regions/{region}/plans");
        var plans = System.Text.Json.JsonDocument.Parse(json).RootElement;
        return plans.EnumerateArray().Single(p => p.GetProperty("key").GetString() == key).GetProperty("id").GetInt32();
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

    [Fact]
    public async Task Catalogue_FindsKoladaKpisByNameAndField_ForRegionsUnlessAskedForMunicipalOnes()
    {
        var html = WebUtility.HtmlDecode(await _client.GetStringAsync("/regions/13/catalogue?q=medellivslängd"));
        Assert.Contains("N00923", html);
        Assert.Contains("Medellivslängd män, år", html);
        Assert.Contains("Källa: Kolada", html);

        var regional = await _client.GetFromJsonAsync<JsonElement>("/api/regions/13/catalogue");
        var everything = await _client.GetFromJsonAsync<JsonElement>("/api/regions/13/catalogue?all=true&page=2");
        Assert.InRange(regional.GetProperty("total").GetInt32(), 2400, 2500); // Kolada: 1,318 region and 1,132 shared KPIs, plus Styra's own
        Assert.True(everything.GetProperty("total").GetInt32() > 6099);
        Assert.Equal((2, 50), (everything.GetProperty("page").GetInt32(), everything.GetProperty("items").GetArrayLength()));

        var exact = await _client.GetFromJsonAsync<JsonElement>("/api/regions/13/catalogue?q=N00923");
        var first = exact.GetProperty("items")[0];
        Assert.Equal(("N00923", true, true), (first.GetProperty("code").GetString(), first.GetProperty("followedUp").GetBoolean(), first.GetProperty("hasValues").GetBoolean()));
        var field = await _client.GetFromJsonAsync<JsonElement>("/api/regions/13/catalogue?q=SJUKVÅRD");
        Assert.True(field.GetProperty("total").GetInt32() > 500);
    }
}
