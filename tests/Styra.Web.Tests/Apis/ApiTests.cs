using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Apis;

/// <summary>The JSON API through the real host; run on SQLite and on PostgreSQL by the two classes below.</summary>
public abstract class ApiTests(StyraHost host)
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Regions_ListsBothDemoRegions_WithCodeAndKoladaId()
    {
        var regions = await _client.GetFromJsonAsync<JsonElement>("/api/regions");
        var halland = regions.EnumerateArray().Single(r => r.GetProperty("code").GetString() == "13");
        Assert.Equal("Region Halland", halland.GetProperty("name").GetString());
        Assert.Equal("0013", halland.GetProperty("koladaId").GetString());
        Assert.Contains(regions.EnumerateArray(), r => r.GetProperty("name").GetString() == "Region Skåne");
    }

    [Fact]
    public async Task Units_ReturnsCommitteesWithKindAndParent_AndGroupsWithMembers()
    {
        var body = await _client.GetFromJsonAsync<JsonElement>("/api/regions/13/units");
        var units = body.GetProperty("units").EnumerateArray().ToList();
        var dnkt = units.Single(u => u.GetProperty("code").GetString() == "DNKT");
        Assert.Equal("committee", dnkt.GetProperty("kind").GetString());
        Assert.Equal("RF", dnkt.GetProperty("parent").GetString());
        var group = body.GetProperty("groups").EnumerateArray().Single();
        Assert.Equal("Samtliga driftnämnder", group.GetProperty("name").GetString());
        Assert.Contains("DNPSH", group.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Plans_ListsTheRegionsPlans_WithKindValidityAndCurrentVersion()
    {
        var plans = await _client.GetFromJsonAsync<JsonElement>("/api/regions/13/plans");
        var mob = plans.EnumerateArray().Single(p => p.GetProperty("title").GetString() == "Mål och budget 2024–2028");
        Assert.Equal("goals-and-budget", mob.GetProperty("kind").GetString());
        Assert.Equal(2024, mob.GetProperty("validFrom").GetInt32());
        Assert.Equal(2028, mob.GetProperty("validTo").GetInt32());
        Assert.Equal(1, mob.GetProperty("currentVersion").GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task Plan_ReturnsTheGoalTree_WithLevelNamesResponsibleUnitsAndLinks()
    {
        var plan = await GetPlanAsync("13", "Mål och budget 2024–2028");

        var vision = plan.GetProperty("nodes").EnumerateArray().Single();
        Assert.Equal("Vision", vision.GetProperty("level").GetString());
        var focusAreas = vision.GetProperty("children").EnumerateArray().ToList();
        Assert.Equal(7, focusAreas.Count);
        Assert.All(focusAreas, f => Assert.Equal("Fokusområde", f.GetProperty("level").GetString()));
        var goals = focusAreas.SelectMany(f => f.GetProperty("children").EnumerateArray()).ToList();
        Assert.Equal(21, goals.Count);

        var digital = goals.Single(g => g.GetProperty("title").GetString() == "Smartare och enklare digital vardag");
        Assert.Equal("Mål", digital.GetProperty("level").GetString());
        var responsible = digital.GetProperty("responsible").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("RS", responsible);
        Assert.Contains("DNNSVH", responsible); // resolved from "samtliga driftnämnder"
        Assert.DoesNotContain("driftnamnder", responsible);

        var linked = goals.First(g => g.GetProperty("links").GetArrayLength() > 0);
        Assert.Equal("Hälso- och sjukvårdsstrategi för Halland 2017–2025", linked.GetProperty("links")[0].GetProperty("planTitle").GetString());
    }

    [Fact]
    public async Task Plan_ForSkane_UsesSkanesLevelNames()
    {
        var plan = await GetPlanAsync("12", "Strategi för Framtidens hälsosystem");
        var levels = Flatten(plan.GetProperty("nodes")).Select(n => n.GetProperty("level").GetString()).Distinct().ToList();
        Assert.Equal(new[] { "Övergripande mål", "Grupp", "Insatsområde", "Viljeriktning", "Fokusförflyttning", "Princip" }.Order(), levels.Order());
    }

    [Fact]
    public async Task UnitGoals_ListsGoalsAcrossPlans_IncludingThoseAssignedThroughAGroup()
    {
        var body = await _client.GetFromJsonAsync<JsonElement>("/api/regions/13/units/DNKT/goals");
        var goals = body.GetProperty("goals").EnumerateArray().ToList();
        Assert.Contains(goals, g => g.GetProperty("title").GetString() == "Bidra till god tillgång till boende kollektivtrafik, kultur och service"
            && g.GetProperty("via").ValueKind == JsonValueKind.Null);
        Assert.Contains(goals, g => g.GetProperty("title").GetString() == "Bidra till en minskad klimatpåverkan"
            && g.GetProperty("via").GetString() == "Samtliga driftnämnder");
    }

    [Theory]
    [InlineData("/api/regions/99", 404, "Region not found")]
    [InlineData("/api/regions/ABC/plans", 400, "Invalid region code")]
    [InlineData("/api/plans/99999", 404, "Plan not found")]
    [InlineData("/api/regions/13/units/NOPE/goals", 404, "Unit not found")]
    public async Task Errors_AreProblemDetails(string url, int status, string title)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("/api/plans/1/diff", 400)]
    [InlineData("/api/plans/1?version=x", 400)]
    [InlineData("/api/no-such-route", 404)]
    public async Task FrameworkErrors_AreProblemDetailsWithADetailToo(string url, int status)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(status, (int)response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task OpenApi_DescribesTheRoutes()
    {
        var doc = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/regions", paths);
        Assert.Contains("/api/regions/{code}/units", paths);
        Assert.Contains("/api/regions/{code}/plans", paths);
        Assert.Contains("/api/plans/{id}", paths);
    }

    [Fact]
    public async Task ApiReferencePage_IsServedInDevelopment()
    {
        var response = await host.Factory.CreateClient().GetAsync("/api/docs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Styra API", await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> GetPlanAsync(string region, string title)
    {
        var plans = await _client.GetFromJsonAsync<JsonElement>($"/api/regions/{region}/plans");
        var id = plans.EnumerateArray().Single(p => p.GetProperty("title").GetString() == title).GetProperty("id").GetInt32();
        return await _client.GetFromJsonAsync<JsonElement>($"/api/plans/{id}");
    }

    private static IEnumerable<JsonElement> Flatten(JsonElement nodes) =>
        nodes.EnumerateArray().SelectMany(n => Flatten(n.GetProperty("children")).Prepend(n));
}

public sealed class ApiTestsOnSqlite(SqliteHost host) : ApiTests(host), IClassFixture<SqliteHost>;

public sealed class ApiTestsOnPostgres(PostgresHost host) : ApiTests(host), IClassFixture<PostgresHost>;
