using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Apis;

public sealed class MonthlyEconomyApiHost() : StyraHost("Sqlite");

/// <summary>The committees' monthly economy through the real host: who may read and write, validation, conflicts, and the demo's August.</summary>
public sealed class MonthlyEconomyApiTests(MonthlyEconomyApiHost host) : IClassFixture<MonthlyEconomyApiHost>
{
    private const string August = "/api/regions/13/economy/2024/months/8";

    private async Task<HttpClient> AsAsync(string email)
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, email);
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Reading_Needs_ARoleInTheRegion_AndTheOverviewHasTheDemosAugust()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().GetAsync(August)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await AsAsync("planerare@skane.demo")).GetAsync(August)).StatusCode);

        var reader = await AsAsync("lasare@halland.demo");
        var response = await reader.GetAsync(August);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var m = await JsonAsync(response);
        var committees = m.GetProperty("committees").EnumerateArray().ToList();
        Assert.Equal(13, committees.Count);
        var missing = committees.Single(c => c.GetProperty("status").ValueKind == JsonValueKind.Null);
        Assert.Equal("DNKS", missing.GetProperty("unit").GetString());
        var dnhs = committees.Single(c => c.GetProperty("unit").GetString() == "DNHS");
        Assert.Equal(5600m, dnhs.GetProperty("frame").GetDecimal());
        Assert.Equal(-80.5m, dnhs.GetProperty("forecastDeviation").GetDecimal()); // 5 600 − 5 680,5
        Assert.StartsWith("[Demotext]", dnhs.GetProperty("comment").GetString());
        var forecast = m.GetProperty("forecast");
        Assert.Equal(-641m, forecast.GetProperty("budgetedResult").GetDecimal());
        Assert.Equal(-641m + forecast.GetProperty("forecastDeviations").GetDecimal(), forecast.GetProperty("forecastResult").GetDecimal());
        Assert.Equal(12, m.GetProperty("series").GetArrayLength());

        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync("/api/regions/13/economy/2024/months/13")).StatusCode);
        var year = await JsonAsync(await reader.GetAsync("/api/regions/13/economy/2024/committees/DNPSH"));
        Assert.Equal(838m, year.GetProperty("frame").GetDecimal());
        Assert.Equal("draft", year.GetProperty("months")[7].GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/api/regions/13/economy/2024/committees/NOPE")).StatusCode);
    }

    [Fact]
    public async Task AReporter_SavesAndSubmits_HerOwnUnit_ValidationNamesTheFields_AndAStaleVersionIs409()
    {
        const string url = "/api/regions/13/economy/2024/months/9/committees/DNHS";
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().PutAsJsonAsync(url, new { version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await AsAsync("rapportor.dnpsh@halland.demo")).PutAsJsonAsync(url, new { version = 0, outcomeToDate = 4200 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await AsAsync("lasare@halland.demo")).PutAsJsonAsync(url, new { version = 0, outcomeToDate = 4200 })).StatusCode);

        var reporter = await AsAsync("rapportor.dnhs@halland.demo");
        // September: budget to date 5 600 × 9 / 12 = 4 200. An outcome of 4 260 is a deviation of −60: a comment is required.
        var invalid = await reporter.PutAsJsonAsync(url, new { version = 0, outcomeToDate = 4260, fullYearForecast = 5680 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await JsonAsync(invalid)).GetProperty("errors");
        Assert.Contains("0.5 mnkr", errors.GetProperty("comment")[0].GetString());

        var saved = await reporter.PutAsJsonAsync(url, new { version = 0, outcomeToDate = 4260, fullYearForecast = 5680, comment = "Inhyrd personal." });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var view = await JsonAsync(saved);
        Assert.Equal((1, -60m, 4200m), (view.GetProperty("version").GetInt32(), view.GetProperty("outcomeDeviation").GetDecimal(), view.GetProperty("budgetToDate").GetDecimal()));

        var stale = await reporter.PutAsJsonAsync(url, new { version = 0, outcomeToDate = 1, fullYearForecast = 5600 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(1, (await JsonAsync(stale)).GetProperty("current").GetProperty("version").GetInt32());

        var submitted = await reporter.PostAsJsonAsync(url + "/submit", new { version = 1 });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("submitted", (await JsonAsync(submitted)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.PostAsJsonAsync(url + "/reopen", new { version = 2 })).StatusCode);
        var reopened = await (await AsAsync("planerare@halland.demo")).PostAsJsonAsync(url + "/reopen", new { version = 2 });
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        Assert.Equal("draft", (await JsonAsync(reopened)).GetProperty("status").GetString());

        // Future months and units without a frame are refused with a named field.
        var future = await reporter.PutAsJsonAsync("/api/regions/13/economy/2028/months/12/committees/DNHS", new { version = 0, outcomeToDate = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.True((await JsonAsync(future)).GetProperty("errors").TryGetProperty("month", out _));
        var noFrame = await (await AsAsync("planerare@halland.demo")).PutAsJsonAsync("/api/regions/13/economy/2024/months/1/committees/RF", new { version = 0, outcomeToDate = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, noFrame.StatusCode);
        Assert.True((await JsonAsync(noFrame)).GetProperty("errors").TryGetProperty("frame", out _));
    }
}
