using System.Net.Http.Json;
using System.Text.Json;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Apis;

/// <summary>Indicators through the real host, on the demo's real Kolada values (Region Halland).</summary>
public abstract class IndicatorsApiTests(StyraHost host)
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task RegionIndicators_GiveLatestValueRiketRankAndComparison()
    {
        var list = await _client.GetFromJsonAsync<JsonElement>("/api/regions/13/indicators");
        var premature = list.EnumerateArray().Single(i => i.GetProperty("code").GetString() == "N01451");

        Assert.Equal("2022", premature.GetProperty("latestPeriod").GetString());
        Assert.Equal(161, premature.GetProperty("latest").GetDouble(), 0.5);
        Assert.Equal(181, premature.GetProperty("riket").GetDouble(), 0.5);
        Assert.Equal(1, premature.GetProperty("rank").GetInt32());
        Assert.Equal(21, premature.GetProperty("regionsReported").GetInt32());
        Assert.False(premature.GetProperty("worseThanRiket").GetBoolean());
        Assert.Equal("lower-is-better", premature.GetProperty("direction").GetString());
        Assert.Equal(23, list.GetArrayLength()); // 22 Kolada KPIs and the demo's formula indicator
        var formula = list.EnumerateArray().Single(i => i.GetProperty("code").GetString() == "HAL-LIVSSKILLNAD");
        Assert.Equal("formula", formula.GetProperty("source").GetString());
        Assert.False(formula.TryGetProperty("rank", out var rank) && rank.ValueKind != JsonValueKind.Null); // neutral: not ranked
    }

    [Fact]
    public async Task RegionIndicators_CarryTheTargetOfTheLatestYear_AndTheStatusByDirection()
    {
        var list = await _client.GetFromJsonAsync<JsonElement>("/api/regions/13/indicators");
        JsonElement Of(string code) => list.EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);

        // Readmissions 19 % against the demo target 17 % (lower is better, tolerance 0.2): not met.
        Assert.Equal(17, Of("U79092").GetProperty("target").GetDouble());
        Assert.True(Of("U79092").GetProperty("targetIsDemo").GetBoolean());
        Assert.Equal("red", Of("U79092").GetProperty("status").GetString());
        // Premature deaths 161 against the demo target 181 (lower is better): met.
        Assert.Equal("green", Of("N01451").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Comparisons_ListWhereTheRegionIsWorseThanRiket_ByTheIndicatorsDirection()
    {
        var worse = await _client.GetFromJsonAsync<JsonElement>("/api/regions/13/comparisons");
        var codes = worse.EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList();

        // Readmissions: lower is better, Halland 19 % against Riket 17 %.
        var readmissions = worse.EnumerateArray().Single(i => i.GetProperty("code").GetString() == "U79092");
        Assert.Equal(2, readmissions.GetProperty("gap").GetDouble(), 0.01);
        // Premature deaths: Halland has the lowest of all regions, so it is not in the list.
        Assert.DoesNotContain("N01451", codes);
        Assert.All(worse.EnumerateArray(), i => Assert.True(i.GetProperty("worseThanRiket").GetBoolean()));
    }

    [Fact]
    public async Task Comparisons_ForAnEarlierYear_UseTheValuesUpToThatYear()
    {
        var worse = await _client.GetFromJsonAsync<JsonElement>("/api/regions/13/comparisons?year=2015");
        var readmissions = worse.EnumerateArray().Single(i => i.GetProperty("code").GetString() == "U79092");
        Assert.Equal("2015", readmissions.GetProperty("latestPeriod").GetString());
        Assert.Equal(20 - 18, readmissions.GetProperty("gap").GetDouble(), 0.01); // Halland 20 %, Riket 18 % in 2015
        Assert.All(worse.EnumerateArray(), i => Assert.True(int.Parse(i.GetProperty("latestPeriod").GetString()!) <= 2015));
    }

    [Fact]
    public async Task Values_FilterByAreaPeriodAndGender()
    {
        var values = await _client.GetFromJsonAsync<JsonElement>("/api/indicators/N01451/values?entity=0013&from=2019&to=2021&gender=K");
        Assert.Equal(["2019", "2020", "2021"], values.EnumerateArray().Select(v => v.GetProperty("period").GetString()));
        Assert.All(values.EnumerateArray(), v => Assert.Equal(("0013", "K"), (v.GetProperty("area").GetString(), v.GetProperty("gender").GetString())));
    }

    [Theory]
    [InlineData("/api/indicators/N00923/values?from=2020X", 400, "Invalid period")]
    [InlineData("/api/indicators/N00923/values?gender=X", 400, "Invalid gender")]
    [InlineData("/api/indicators/NOPE/values", 404, "Indicator not found")]
    public async Task Values_ErrorsAreProblemDetails(string url, int status, string title)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(status, (int)response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(title, problem.GetProperty("title").GetString());
    }
}

public sealed class IndicatorsApiTestsOnSqlite(SqliteHost host) : IndicatorsApiTests(host), IClassFixture<SqliteHost>;

public sealed class IndicatorsApiTestsOnPostgres(PostgresHost host) : IndicatorsApiTests(host), IClassFixture<PostgresHost>;
