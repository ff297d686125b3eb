using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.FollowUp;
using Styra.Features.Indicators;
using Styra.Features.Organisation;
using Styra.Features.Plans;
using Styra.Features.Publishing;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Apis;

/// <summary>A host of its own: the test publishes UR2.</summary>
public sealed class OpenDataPublishingHost() : StyraHost("Sqlite");

/// <summary>A host that allows three public requests a minute.</summary>
public sealed class OpenDataRateLimitHost() : StyraHost("Sqlite")
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["PublicApi:PermitLimit"] = "3",
        ["PublicApi:WindowSeconds"] = "60",
    };
}

/// <summary>A host of its own: the test writes marker texts into assessments that must stay internal.</summary>
public sealed class OpenDataMarkersHost() : StyraHost("Sqlite");

/// <summary>A host on a real port, for a client outside the test process.</summary>
public sealed class OpenDataKoladaClientHost() : StyraHost("Sqlite")
{
    protected override bool RealPort => true;
}

/// <summary>A publication shows at once, through the validators and the output cache.</summary>
public sealed class OpenDataPublishingTests(OpenDataPublishingHost host) : IClassFixture<OpenDataPublishingHost>
{
    [Fact]
    public async Task PublishingUr2_ShowsAtOnce_WithANewETag_NeverTheCachedAnswer()
    {
        var client = host.CreateClient();
        const string url = "/api/open/v1/regions/13/goals";
        using var before = await client.GetAsync(url);
        var etag = before.Headers.ETag!;
        Assert.DoesNotContain("Uppföljningsrapport 2", await before.Content.ReadAsStringAsync());
        using (var cached = await client.GetAsync(url)) Assert.Equal(etag, cached.Headers.ETag);

        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
            var ur2 = await db.ReportingEvents.Include(e => e.Region)
                .SingleAsync(e => e.Kind == EventKind.Tertial2 && e.Year == 2024 && e.Region.Code == new RegionCode("13"));
            var now = DateTimeOffset.UtcNow;
            db.Publications.Add(Publication.OfEvent(ur2, now.AddMinutes(-1), "test", now));
            await db.SaveChangesAsync();
        }

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(etag);
        using var after = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(etag, after.Headers.ETag);
        // DNADH's UR2 assessment is approved: published now.
        Assert.Contains("Uppföljningsrapport 2 / delårsbokslut 2024", await after.Content.ReadAsStringAsync());
    }
}

/// <summary>The rate limit: a clear 429 with Retry-After on the public routes, nothing on the others.</summary>
public sealed class OpenDataRateLimitTests(OpenDataRateLimitHost host) : IClassFixture<OpenDataRateLimitHost>
{
    [Fact]
    public async Task TheFourthRequestInAMinute_Gets429_WithRetryAfterAndAProblemDetails()
    {
        var client = host.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync(i == 1 ? "/kolada/v3/kpi" : "/api/open/v1/regions");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var limited = await client.GetAsync("/api/open/v1/regions/13/goals.csv");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        var problem = await limited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal("Too many requests", problem.GetProperty("title").GetString());
        Assert.Contains($"Try again in {(int)retryAfter.Value.TotalSeconds} seconds", problem.GetProperty("detail").GetString());

        using (var kolada = await client.GetAsync("/kolada/v3/municipality")) Assert.Equal(HttpStatusCode.TooManyRequests, kolada.StatusCode);
        // The signed-in API and the rest of the site are not counted.
        using var other = await client.GetAsync("/api/regions");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}

/// <summary>
/// Nothing unpublished in any open answer: marker texts written into a draft of UR2, an approved assessment of UR2
/// (not published), and an approved assessment of the annual report (published from a time ahead) appear in no open-data,
/// Kolada or catalogue answer, JSON or CSV; the marker of an approved UR1 assessment (published) does.
/// </summary>
public sealed class OpenDataUnpublishedContentTests(OpenDataMarkersHost host) : IClassFixture<OpenDataMarkersHost>
{
    private const string Draft = "MARKER-UR2-DRAFT-5c1e";
    private const string ApprovedUnpublished = "MARKER-UR2-APPROVED-8b2d";
    private const string ApprovedFuture = "MARKER-AR-FUTURE-3a9f";
    private const string Published = "MARKER-UR1-PUBLISHED-7d4c";

    [Fact]
    public async Task NoOpenAnswer_CarriesUnpublishedText_ButThePublishedOneDoes()
    {
        List<string> indicators;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
            var events = await db.ReportingEvents.Include(e => e.Region).Where(e => e.Region.Code == new RegionCode("13") && e.Year == 2024).ToListAsync();
            var ur1 = events.Single(e => e.Kind == EventKind.Tertial1);
            var ur2 = events.Single(e => e.Kind == EventKind.Tertial2);
            var annual = events.Single(e => e.Kind == EventKind.AnnualReport);
            var now = DateTimeOffset.UtcNow;

            var draft = await db.Assessments.Where(a => a.EventId == ur2.Id && a.Status == AssessmentStatus.Draft).Select(a => a.Id).FirstAsync();
            var approvedUr2 = await db.Assessments.Where(a => a.EventId == ur2.Id && a.Status == AssessmentStatus.Approved).Select(a => a.Id).FirstAsync();
            var future = await db.Assessments.Where(a => a.EventId == annual.Id).Select(a => a.Id).FirstAsync();
            var approvedUr1 = await db.Assessments.Where(a => a.EventId == ur1.Id && a.Status == AssessmentStatus.Approved && a.NodeKey != "").Select(a => a.Id).FirstAsync();
            await db.Assessments.Where(a => a.Id == draft).ExecuteUpdateAsync(s => s.SetProperty(a => a.Analysis, Draft));
            await db.Assessments.Where(a => a.Id == approvedUr2).ExecuteUpdateAsync(s => s.SetProperty(a => a.Analysis, ApprovedUnpublished));
            await db.Assessments.Where(a => a.Id == future).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Analysis, ApprovedFuture).SetProperty(a => a.Status, AssessmentStatus.Approved)
                .SetProperty(a => a.Fulfilment, Fulfilment.Met).SetProperty(a => a.ApprovedAt, now));
            await db.Assessments.Where(a => a.Id == approvedUr1).ExecuteUpdateAsync(s => s.SetProperty(a => a.Analysis, Published));
            db.Publications.Add(Publication.OfEvent(annual, now.AddDays(30), "test", now));
            await db.SaveChangesAsync();
            await DataStamp.BumpAsync(db, default);
            indicators = await IndicatorQueries.LinkedCodesAsync(db, new RegionCode("13"));
            Assert.Equal(4, await db.Assessments.CountAsync(a => a.Analysis.StartsWith("MARKER-")));
        }

        var urls = new List<string> { "/api/open/v1/regions", "/api/open/v1/regions.csv", "/api/open/v1/catalog.rdf", "/api/open/v1/catalog.jsonld" };
        foreach (var code in new[] { "13", "12" })
            foreach (var name in new[] { "plans", "goals", "indicators", "financial-goals" })
                urls.AddRange([$"/api/open/v1/regions/{code}/{name}", $"/api/open/v1/regions/{code}/{name}.csv"]);
        foreach (var indicator in indicators)
            urls.AddRange([$"/api/open/v1/regions/13/indicators/{indicator}/values", $"/api/open/v1/regions/13/indicators/{indicator}/values.csv"]);
        var years = string.Join(",", Enumerable.Range(2010, 16));
        urls.AddRange(["/kolada/v3/kpi", "/kolada/v3/municipality", $"/kolada/v3/data/municipality/0013/year/{years}",
            $"/kolada/v3/data/kpi/{string.Join(",", indicators)}/municipality/0013,0000", $"/kolada/v3/data/kpi/{string.Join(",", indicators)}/year/{years}"]);

        var client = host.CreateClient();
        var bodies = new Dictionary<string, string>();
        foreach (var url in urls)
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            bodies[url] = await response.Content.ReadAsStringAsync();
        }
        foreach (var marker in new[] { Draft, ApprovedUnpublished, ApprovedFuture })
        {
            var leaks = bodies.Where(b => b.Value.Contains(marker, StringComparison.Ordinal)).Select(b => b.Key).ToList();
            Assert.True(leaks.Count == 0, $"{marker} appears in {string.Join(", ", leaks)}");
        }
        Assert.Contains(bodies, b => b.Key == "/api/open/v1/regions/13/goals" && b.Value.Contains(Published, StringComparison.Ordinal));
    }
}

/// <summary>
/// An independent Kolada client (tests/kolada-client/kolada_client.py, Python's standard library only) reads Styra's
/// Kolada-compatible API as it would read api.kolada.se/v3: /kpi, /municipality, then the data, following next_url.
/// </summary>
public sealed class OpenDataKoladaClientTests(OpenDataKoladaClientHost host) : IClassFixture<OpenDataKoladaClientHost>
{
    [Fact]
    public async Task ThePythonKoladaClient_PagesThroughEveryRow_AndCountsWhatTheDatabaseHolds()
    {
        var script = Script();
        var baseUrl = new Uri(host.BaseAddress, "/kolada/v3").ToString();
        var years = new[] { 2020, 2021, 2022 };
        var start = new ProcessStartInfo("python3")
        {
            ArgumentList = { script, baseUrl, "--per-page", "25", "--years", string.Join(",", years) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"python3 is needed to run the independent Kolada client ({script}); install Python 3 (e.g. apt-get install python3): {e.Message}");
            return;
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            Assert.True(process.ExitCode == 0, $"kolada_client.py failed ({process.ExitCode}): {await errors}");
            var summary = JsonSerializer.Deserialize<JsonElement>(await output);

            await using var scope = host.Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
            var served = await db.GoalNodes.CurrentNodes().SelectMany(n => n.Indicators).Select(i => i.IndicatorId).Distinct().ToListAsync();
            var periods = years.Select(Period.OfYear).ToList();
            var keys = await db.Measurements.Where(m => served.Contains(m.IndicatorId) && m.UnitCode == "" && periods.Contains(m.Period))
                .Select(m => new { m.IndicatorId, m.AreaId, m.Period }).Distinct().CountAsync();
            var values = await db.Measurements.CountAsync(m => served.Contains(m.IndicatorId) && m.UnitCode == "" && periods.Contains(m.Period));
            Assert.Equal(served.Count, summary.GetProperty("kpis").GetInt32());
            Assert.Equal(keys, summary.GetProperty("rows").GetInt32());
            Assert.Equal(values, summary.GetProperty("values").GetInt32());
            // 25 rows a page: the client had to follow next_url.
            Assert.True(summary.GetProperty("pages").GetInt32() > keys / 25, summary.ToString());
        }
    }

    private static string Script()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "kolada-client", "kolada_client.py");
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException("tests/kolada-client/kolada_client.py not found above " + AppContext.BaseDirectory);
    }
}
