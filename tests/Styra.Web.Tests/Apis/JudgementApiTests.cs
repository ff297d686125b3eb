using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Apis;

public sealed class JudgementApiHost() : StyraHost("Sqlite");

/// <summary>The judgement, the tax rate, the fee decisions and entering items through the real host: 401, 403, 400, 409, 200.</summary>
public sealed class JudgementApiTests(JudgementApiHost host) : IClassFixture<JudgementApiHost>
{
    private async Task<HttpClient> AsAsync(string email)
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, email);
        client.DefaultRequestHeaders.Add("X-Styra-Request", "1");
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task TheJudgement_AnswersEachCallerAsTheRulesSay_AndTheWriterCannotApprove()
    {
        const string url = "/api/regions/13/economy/2024/judgement";
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await AsAsync("planerare@skane.demo")).GetAsync(url)).StatusCode);

        var reader = await AsAsync("lasare@halland.demo");
        var read = await JsonAsync(await reader.GetAsync(url));
        var judgement = read.GetProperty("judgement");
        Assert.Equal((1, "draft", "partly-achieved"), (judgement.GetProperty("version").GetInt32(), judgement.GetProperty("status").GetString(), judgement.GetProperty("verdict").GetString()));
        var evidence = read.GetProperty("evidence");
        Assert.True(evidence.GetProperty("isAnnualReport").GetBoolean());
        Assert.Equal(7, evidence.GetProperty("focusAreas").GetArrayLength());
        Assert.Equal(3, evidence.GetProperty("financialGoals").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PutAsJsonAsync(url, new { version = 1, verdict = "achieved", text = "x" })).StatusCode);

        var planner = await AsAsync("planerare@halland.demo");
        var tooLong = await planner.PutAsJsonAsync(url, new { version = 1, verdict = "achieved", text = new string('x', 40_001) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.True((await JsonAsync(tooLong)).GetProperty("errors").TryGetProperty("text", out _));

        var saved = await planner.PutAsJsonAsync(url, new { version = 1, verdict = "achieved", text = "Alla **fokusområden** och mål nås." });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("<strong>fokusområden</strong>", (await JsonAsync(saved)).GetProperty("textHtml").GetString());

        var stale = await planner.PutAsJsonAsync(url, new { version = 1, verdict = "not-achieved", text = "äldre" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(2, (await JsonAsync(stale)).GetProperty("current").GetProperty("version").GetInt32());

        Assert.Equal(HttpStatusCode.Forbidden, (await planner.PostAsJsonAsync(url + "/approve", new { version = 2 })).StatusCode);
        var admin = await AsAsync("admin@halland.demo");
        var approved = await admin.PostAsJsonAsync(url + "/approve", new { version = 2 });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("approved", (await JsonAsync(approved)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await planner.PutAsJsonAsync(url, new { version = 3, verdict = "achieved", text = "låst?" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await planner.PostAsJsonAsync(url + "/reopen", new { version = 3 })).StatusCode);
    }

    [Fact]
    public async Task TheTaxRate_Fees_AndItems_AreValidated_NamingTheField_AndShowInTheYear()
    {
        var reader = await AsAsync("lasare@halland.demo");
        var year = await JsonAsync(await reader.GetAsync("/api/regions/13/economy/2024"));
        Assert.Equal(11.40m, year.GetProperty("taxRate").GetProperty("percent").GetDecimal());
        Assert.Equal(["Patientavgifter", "Tandvårdstaxa", "Kollektivtrafik"], year.GetProperty("fees").EnumerateArray().Select(f => f.GetProperty("area").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PutAsJsonAsync("/api/regions/13/economy/2026/tax-rate", new { percent = 11.4 })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().PutAsJsonAsync("/api/regions/13/economy/2026/tax-rate", new { percent = 11.4 })).StatusCode);

        var planner = await AsAsync("planerare@halland.demo");
        var zero = await planner.PutAsJsonAsync("/api/regions/13/economy/2026/tax-rate", new { percent = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.True((await JsonAsync(zero)).GetProperty("errors").TryGetProperty("percent", out _));
        Assert.Equal(HttpStatusCode.OK, (await planner.PutAsJsonAsync("/api/regions/13/economy/2026/tax-rate", new { percent = 11.4, source = "Mål och budget 2026" })).StatusCode);

        var twice = await planner.PutAsJsonAsync("/api/regions/13/economy/2026/fees",
            new { fees = new[] { new { area = "Tandvårdstaxa", decision = "Enligt TLV" }, new { area = "Tandvårdstaxa", decision = "Igen" } } });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.True((await JsonAsync(twice)).GetProperty("errors").TryGetProperty("fees[1].area", out _));
        Assert.Equal(HttpStatusCode.OK, (await planner.PutAsJsonAsync("/api/regions/13/economy/2026/fees",
            new { fees = new[] { new { area = "Kollektivtrafik", decision = "Upp till tre procent", maxChangePercent = 3 } } })).StatusCode);

        var negative = await planner.PutAsJsonAsync("/api/regions/13/economy/2026/items",
            new { kind = "budget", items = new Dictionary<string, decimal?> { ["skatteintakter"] = 10000, ["avskrivningar"] = -5 } });
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.True((await JsonAsync(negative)).GetProperty("errors").TryGetProperty("avskrivningar", out _));
        var unknown = await planner.PutAsJsonAsync("/api/regions/13/economy/2026/items", new { kind = "budget", items = new Dictionary<string, decimal?> { ["skatt"] = 1 } });
        Assert.True((await JsonAsync(unknown)).GetProperty("errors").TryGetProperty("skatt", out _));
        var ok = await planner.PutAsJsonAsync("/api/regions/13/economy/2026/items", new { kind = "budget", items = new Dictionary<string, decimal?> { ["skatteintakter"] = 10000 } });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        var after = await JsonAsync(await reader.GetAsync("/api/regions/13/economy/2026"));
        Assert.Equal(11.4m, after.GetProperty("taxRate").GetProperty("percent").GetDecimal());
        Assert.Equal(3m, after.GetProperty("fees")[0].GetProperty("maxChangePercent").GetDecimal());
        var budget = after.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "budget");
        Assert.Equal(["tax-revenue"], budget.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("item").GetString()));
    }
}
