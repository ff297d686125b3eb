using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Styra.Features.Plans.PlanFiles;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Apis;

/// <summary>Revisions through the real host: a plan loaded twice shows two versions and their difference.</summary>
public sealed class PlanVersionsApiTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    private const string File1 = """
        formatVersion: 1
        region: { code: "24", name: Region Testland }
        levels: [{ key: goal, name: Mål, nameEn: Goal }]
        units: [{ code: RF, name: Regionfullmäktige, kind: council }, { code: HSN, name: Hälso- och sjukvårdsnämnden, kind: committee, parent: RF }]
        plans:
          - id: mal
            title: Mål 2025
            kind: goals-and-budget
            validFrom: 2025
            version: { label: "2025", decision: { body: RF, date: 2024-11-20 } }
            structure: [{ level: goal }]
            nodes:
              - { id: a, level: goal, title: Kortare väntetider, responsible: [HSN] }
              - { id: b, level: goal, title: Fler vårdplatser }
        """;

    private static readonly string File2 = File1
        .Replace("label: \"2025\", decision: { body: RF, date: 2024-11-20 }", "label: \"2026\", decision: { body: RF, date: 2025-11-19 }")
        .Replace("title: Kortare väntetider, responsible: [HSN]", "title: Kortare väntetider i hela regionen, responsible: [HSN]")
        .Replace("- { id: b, level: goal, title: Fler vårdplatser }", "- { id: c, level: goal, title: Bättre kontinuitet }");

    [Fact]
    public async Task Diff_ShowsAddedRemovedAndChangedNodes_BetweenTwoRevisions()
    {
        await ImportAsync(File1);
        await ImportAsync(File2);
        var client = host.CreateClient();
        var plans = await client.GetFromJsonAsync<JsonElement>("/api/regions/24/plans");
        var plan = plans.EnumerateArray().Single();
        Assert.Equal(2, plan.GetProperty("currentVersion").GetProperty("number").GetInt32());
        Assert.Equal("Regionfullmäktige", plan.GetProperty("currentVersion").GetProperty("decision").GetProperty("bodyName").GetString());
        var id = plan.GetProperty("id").GetInt32();

        var diff = await client.GetFromJsonAsync<JsonElement>($"/api/plans/{id}/diff?from=1&to=2");

        var changes = diff.GetProperty("diff").GetProperty("changes").EnumerateArray()
            .Select(c => (c.GetProperty("kind").GetString(), c.GetProperty("key").GetString())).ToList();
        Assert.Equal([("changed", "a"), ("added", "c"), ("removed", "b")], changes);

        var first = await client.GetFromJsonAsync<JsonElement>($"/api/plans/{id}?version=1");
        Assert.Equal("Fler vårdplatser", first.GetProperty("nodes")[1].GetProperty("title").GetString());

        var page = await client.GetStringAsync($"/plans/{id}/diff?from=1&to=2");
        Assert.Contains("Kortare väntetider i hela regionen", page);
        Assert.Contains("1 tillagda, 1 borttagna, 1 ändrade", page);
    }

    [Fact]
    public void DataProtectionKeys_LiveInTheDatabase_SoASecondInstanceCanReadWhatTheFirstProtected()
    {
        var protectedText = host.Factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("hemligt");

        using var second = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Database:Provider", "Sqlite");
            web.UseSetting("ConnectionStrings:Styra", host.ConnectionString);
        });
        var unprotected = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText);

        Assert.Equal("hemligt", unprotected);
        using var scope = host.Factory.Services.CreateScope();
        Assert.NotEmpty(scope.ServiceProvider.GetRequiredService<Styra.Data.StyraDbContext>().DataProtectionKeys);
    }

    private async Task ImportAsync(string text)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<PlanFileImporter>().ImportAsync(text, "testland.yaml");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }
}
