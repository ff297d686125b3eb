using System.Net;
using System.Text;
using System.Text.Json;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Apis;

public sealed class EconomyApiHost() : StyraHost("Sqlite");

/// <summary>The economy API through the real host: who may read, and the seed's figures as the reader gets them.</summary>
public sealed class EconomyApiTests(EconomyApiHost host) : IClassFixture<EconomyApiHost>
{
    private async Task<HttpClient> AsAsync(string email)
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, email);
        client.DefaultRequestHeaders.Add("X-Styra-Request", "1"); // a cookie write must say it is not a cross-site form
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Theory]
    [InlineData("/api/regions/13/economy/2024")]
    [InlineData("/api/regions/13/financial-goals")]
    [InlineData("/api/regions/13/budget-frames")]
    [InlineData("/api/regions/13/balance-requirement/2024")]
    public async Task Anonymous_Gets401_AnotherRegionsPlanner403(string url)
    {
        var anonymous = await host.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        var skane = await (await AsAsync("planerare@skane.demo")).GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, skane.StatusCode);
    }

    [Fact]
    public async Task AReader_GetsTheYear_WithFramesDifference_Goals_AndThe2024Justification()
    {
        var reader = await AsAsync("lasare@halland.demo");
        var response = await reader.GetAsync("/api/regions/13/economy/2024");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var y = await JsonAsync(response);
        Assert.Equal("mnkr", y.GetProperty("unit").GetString());
        var frames = y.GetProperty("frames");
        Assert.Equal((13528m, 13530m, 2m), (frames.GetProperty("sum").GetDecimal(), frames.GetProperty("statedTotal").GetDecimal(), frames.GetProperty("difference").GetDecimal()));
        Assert.Equal(983.2m, y.GetProperty("investmentPlan").GetProperty("sum").GetDecimal());
        var check = y.GetProperty("budgetCheck");
        Assert.Equal("exceptional-reasons", check.GetProperty("verdict").GetString());
        Assert.Equal(-641m, check.GetProperty("result").GetDecimal());
        Assert.Equal("resultatreserv", check.GetProperty("rules").GetProperty("key").GetString());
        var e = y.GetProperty("exceptionalReasons");
        Assert.Equal((5600m, 13400m, 18.6m), (e.GetProperty("equityMnkr").GetDecimal(), e.GetProperty("totalCapitalMnkr").GetDecimal(), e.GetProperty("solidityInclPensionsPercent").GetDecimal()));
        var share = y.GetProperty("financialGoals").EnumerateArray().Single(g => g.GetProperty("goal").GetString() == "result-share");
        Assert.Equal(-4.8m, share.GetProperty("reported").GetDecimal());
        Assert.Equal(13354m, Math.Round(share.GetProperty("impliedTaxesAndGrants").GetDecimal()));
    }

    [Fact]
    public async Task AReader_GetsTheGoalsHistory_WithFormulasAndTheReportedFigures()
    {
        var reader = await AsAsync("lasare@halland.demo");
        var goals = await JsonAsync(await reader.GetAsync("/api/regions/13/financial-goals"));
        Assert.Equal(3, goals.GetArrayLength());
        var self = goals.EnumerateArray().Single(g => g.GetProperty("goal").GetString() == "self-financing");
        Assert.Contains("avskrivningar", self.GetProperty("formula").GetString());
        var printed = self.GetProperty("figures").EnumerateArray().Select(f => f.GetProperty("reportedAsPrinted").GetString()).ToList();
        Assert.Contains("23,2%", printed);

        var frames = await JsonAsync(await reader.GetAsync("/api/regions/13/budget-frames?from=2026&to=2027"));
        Assert.Equal([0m, -1m], frames.EnumerateArray().Select(f => f.GetProperty("difference").GetDecimal()));
    }

    [Fact]
    public async Task APlanner_ImportsItems_AReaderMayNot_AndABadFileNamesRowAndColumn()
    {
        const string good = "år;typ;post;belopp\n2021;utfall;skatteintakter;9000\n2021;utfall;generella-statsbidrag-och-utjamning;3000\n";
        var reader = await AsAsync("lasare@halland.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync("/api/regions/13/economy/items", new StringContent(good, Encoding.UTF8, "text/csv"))).StatusCode);

        var planner = await AsAsync("planerare@halland.demo");
        var bad = await planner.PostAsync("/api/regions/13/economy/items", new StringContent("år;typ;post;belopp\n2021;utfall;skatteintakter;nio\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("row 2, column 4 (belopp)", await bad.Content.ReadAsStringAsync());

        var ok = await planner.PostAsync("/api/regions/13/economy/items", new StringContent(good, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        // With the denominators in, 2021's reported 1 304 mnkr is computed as 1 304 / 12 000 = 10,9 % beside the printed 10,3 %.
        var y = await JsonAsync(await reader.GetAsync("/api/regions/13/economy/2021"));
        var share = y.GetProperty("financialGoals").EnumerateArray().Single(g => g.GetProperty("goal").GetString() == "result-share");
        Assert.Equal((10.9m, 10.3m), (share.GetProperty("computedShown").GetDecimal(), share.GetProperty("reported").GetDecimal()));
    }

    [Fact]
    public async Task APlanner_RecordsSynnerligaSkal_WithoutAJustificationItIsRefused_AndThe2023BudgetThenPasses()
    {
        var reader = await AsAsync("lasare@halland.demo");
        var before = await JsonAsync(await reader.GetAsync("/api/regions/13/balance-requirement/2023"));
        Assert.Equal("not-balanced", before.GetProperty("budgetCheck").GetProperty("verdict").GetString());

        var planner = await AsAsync("planerare@halland.demo");
        var empty = await planner.PutAsync("/api/regions/13/economy/2023/exceptional-reasons",
            new StringContent("""{"ground":"strong-financial-position","justification":"  "}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("justification", await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PutAsync("/api/regions/13/economy/2023/exceptional-reasons",
            new StringContent("""{"ground":"strong-financial-position","justification":"x"}""", Encoding.UTF8, "application/json"))).StatusCode);

        var saved = await planner.PutAsync("/api/regions/13/economy/2023/exceptional-reasons",
            new StringContent("""{"ground":"strong-financial-position","justification":"Tillfälligt höga pensionskostnader.","equityMnkr":5600,"totalCapitalMnkr":13400}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var after = await JsonAsync(await reader.GetAsync("/api/regions/13/balance-requirement/2023"));
        Assert.Equal("exceptional-reasons", after.GetProperty("budgetCheck").GetProperty("verdict").GetString());
        Assert.Equal(5600m, after.GetProperty("exceptionalReasons").GetProperty("equityMnkr").GetDecimal());
    }
}
