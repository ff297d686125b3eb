using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Apis;

public sealed class ActionPlansApiHost() : StyraHost("Sqlite");

/// <summary>The handlingsplan API on the demo: coverage, comparison, writes with validation and versions.</summary>
public sealed class ActionPlansApiTests(ActionPlansApiHost host) : IClassFixture<ActionPlansApiHost>
{
    private async Task<HttpClient> PlannerAsync()
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, "planerare@skane.demo");
        client.DefaultRequestHeaders.Add("X-Styra-Request", "1"); // a DELETE has no JSON body to prove it is no cross-site form
        return client;
    }

    [Fact]
    public async Task Coverage_AndCompare_OfTheDemo()
    {
        var client = await PlannerAsync();
        var coverage = await client.GetFromJsonAsync<JsonElement>("/api/regions/12/action-plans/2025/coverage");
        Assert.Equal(20, coverage.GetProperty("counted").GetInt32());
        Assert.Equal(7, coverage.GetProperty("rows").GetArrayLength());
        Assert.Contains(coverage.GetProperty("directions").EnumerateArray(), d => d.GetProperty("direction").GetProperty("key").GetString() == "vr-nivastrukturering-3" && d.GetProperty("count").GetInt32() == 0);

        var compare = await client.GetFromJsonAsync<JsonElement>("/api/regions/12/action-plans/2026/compare");
        Assert.Equal(2025, compare.GetProperty("with").GetInt32());
        Assert.Equal(["INS-21", "INS-22"], compare.GetProperty("added").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["INS-04"], compare.GetProperty("removed").EnumerateArray().Select(e => e.GetString()));
        var ins12 = compare.GetProperty("changed").EnumerateArray().Single(c => c.GetProperty("key").GetString() == "INS-12");
        Assert.Equal(["ff-3"], ins12.GetProperty("tagsAdded").EnumerateArray().Select(e => e.GetString()));
        var owner = ins12.GetProperty("fields").EnumerateArray().Single();
        Assert.Equal(("owner", "Digitaliseringschef", "Chefläkare för digital vård"),
            (owner.GetProperty("field").GetString(), owner.GetProperty("old").GetString(), owner.GetProperty("new").GetString()));
    }

    [Fact]
    public async Task Writes_Validate_WarnAndCheckTheVersion()
    {
        var client = await PlannerAsync();
        var bad = await client.PostAsJsonAsync("/api/regions/12/action-plans/2026/initiatives", new { key = "API-1", title = "Demo: API", nodeKeys = new[] { "io-okant" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("io-okant", await bad.Content.ReadAsStringAsync());

        var created = await client.PostAsJsonAsync("/api/regions/12/action-plans/2026/initiatives", new { key = "API-1", title = "Demo: API", status = "Planned", nodeKeys = new[] { "io-digitalisering" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("focus shift", body.GetProperty("warnings")[0].GetString());

        var put = await client.PutAsJsonAsync("/api/regions/12/action-plans/2026/initiatives/API-1", new { version = 1, title = "Demo: API 2", status = "Ongoing", nodeKeys = new[] { "io-digitalisering", "ff-4" } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var stale = await client.PutAsJsonAsync("/api/regions/12/action-plans/2026/initiatives/API-1", new { version = 1, title = "Demo: API 3", nodeKeys = new[] { "io-digitalisering" } });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var followUp = await client.PutAsJsonAsync("/api/regions/12/action-plans/2026/initiatives/API-1/follow-up", new { version = 2, status = "Done", comment = "Klar." });
        Assert.Equal(HttpStatusCode.OK, followUp.StatusCode);
        var view = await followUp.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("planerare@skane.demo", view.GetProperty("followUp").GetProperty("by").GetString());

        var staleDelete = await client.DeleteAsync("/api/regions/12/action-plans/2026/initiatives/API-1?version=2");
        Assert.True(staleDelete.StatusCode == HttpStatusCode.Conflict, await staleDelete.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/regions/12/action-plans/2026/initiatives/API-1?version=3")).StatusCode);
    }
}
