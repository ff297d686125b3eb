using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.FollowUp;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Apis;

public sealed class FollowUpApiHost() : StyraHost("Sqlite");

public sealed class FollowUpApiPostgresHost() : StyraHost("Postgres");

public sealed class FollowUpApiSqliteTests(FollowUpApiHost host) : FollowUpApiTests(host), IClassFixture<FollowUpApiHost>;

public sealed class FollowUpApiPostgresTests(FollowUpApiPostgresHost host) : FollowUpApiTests(host), IClassFixture<FollowUpApiPostgresHost>;

/// <summary>The follow-up API through the real host, on both databases: workflow, conflicts under concurrency, audit, tokens.</summary>
public abstract class FollowUpApiTests(StyraHost host)
{
    private async Task<HttpClient> AsAsync(string email)
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, email);
        client.DefaultRequestHeaders.Add("X-Styra-Request", "1");
        return client;
    }

    private async Task<int> AssessmentAsync(string unit, AssessmentStatus status, EventKind kind = EventKind.Tertial2)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        return await db.Assessments.Where(a => a.Event.Kind == kind && a.Unit!.Code == unit && a.Status == status)
            .OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task AReporter_Submits_TheApproverReturns_SheResubmits_AndTheApprovalLocksIt()
    {
        var id = await AssessmentAsync("DNHS", AssessmentStatus.Draft);
        var reporter = await AsAsync("rapportor.dnhs@halland.demo");
        var approver = await AsAsync("godkannare.dnhs@halland.demo");
        var a = await JsonAsync(await reporter.GetAsync($"/api/assessments/{id}"));
        var version = a.GetProperty("version").GetInt32();

        var saved = await reporter.PutAsJsonAsync($"/api/assessments/{id}", new { version, fulfilment = "partly-met", forecast = "met", analysis = "**Bättre** än väntat <script>alert(1)</script> [länk](javascript:alert(2))" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var s = await JsonAsync(saved);
        Assert.Contains("<strong>Bättre</strong>", s.GetProperty("analysisHtml").GetString());
        Assert.DoesNotContain("<script", s.GetProperty("analysisHtml").GetString());
        Assert.DoesNotContain("javascript:", s.GetProperty("analysisHtml").GetString());
        version = s.GetProperty("version").GetInt32();

        var submitted = await JsonAsync(await reporter.PostAsJsonAsync($"/api/assessments/{id}/submit", new { version }));
        Assert.Equal("submitted", submitted.GetProperty("status").GetString());
        version = submitted.GetProperty("version").GetInt32();

        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.PostAsJsonAsync($"/api/assessments/{id}/approve", new { version })).StatusCode);
        var noComment = await approver.PostAsJsonAsync($"/api/assessments/{id}/return", new { version });
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        Assert.Contains("comment", await noComment.Content.ReadAsStringAsync());
        var returned = await JsonAsync(await approver.PostAsJsonAsync($"/api/assessments/{id}/return", new { version, comment = "Lägg till åtgärderna." }));
        Assert.Equal("returned", returned.GetProperty("status").GetString());
        version = returned.GetProperty("version").GetInt32();

        var seen = await JsonAsync(await reporter.GetAsync($"/api/assessments/{id}"));
        Assert.Equal("Lägg till åtgärderna.", seen.GetProperty("returnComment").GetString());
        var again = await JsonAsync(await reporter.PostAsJsonAsync($"/api/assessments/{id}/submit", new { version, fulfilment = "partly-met", forecast = "partly-met", analysis = "Med åtgärder." }));
        version = again.GetProperty("version").GetInt32();
        var approved = await JsonAsync(await approver.PostAsJsonAsync($"/api/assessments/{id}/approve", new { version }));
        Assert.Equal("approved", approved.GetProperty("status").GetString());

        var late = await reporter.PutAsJsonAsync($"/api/assessments/{id}", new { version = approved.GetProperty("version").GetInt32(), fulfilment = "met", analysis = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("locked", await late.Content.ReadAsStringAsync());

        var history = await JsonAsync(await reporter.GetAsync($"/api/audit?object=Assessment/{id}"));
        var actors = history.EnumerateArray().Select(e => e.GetProperty("actor").GetString()).ToList();
        Assert.Contains("rapportor.dnhs@halland.demo", actors);
        Assert.Contains("godkannare.dnhs@halland.demo", actors);
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("changes").EnumerateArray()
            .Any(c => c.GetProperty("field").GetString() == "ReturnComment" && c.GetProperty("after").GetString() == "Lägg till åtgärderna."));
    }

    [Fact]
    public async Task ASecondSave_OnTheSameVersion_Gets409_WithTheOthersVersion()
    {
        var id = await AssessmentAsync("DNHS", AssessmentStatus.Returned);
        var anna = await AsAsync("rapportor.dnhs@halland.demo");
        var bertil = await AsAsync("rapportor.dnhs@halland.demo");
        var version = (await JsonAsync(await anna.GetAsync($"/api/assessments/{id}"))).GetProperty("version").GetInt32();

        Assert.Equal(HttpStatusCode.OK, (await anna.PutAsJsonAsync($"/api/assessments/{id}", new { version, fulfilment = "met", analysis = "Annas text" })).StatusCode);
        var conflict = await bertil.PutAsJsonAsync($"/api/assessments/{id}", new { version, fulfilment = "not-met", analysis = "Bertils text" });

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var body = await JsonAsync(conflict);
        Assert.Equal("Annas text", body.GetProperty("current").GetProperty("analysis").GetString());
        Assert.Equal(version + 1, body.GetProperty("current").GetProperty("version").GetInt32());
    }

    /// <summary>
    /// Many writers at once, each reading, waiting a random while and saving, retrying on 409: every save that got 200
    /// is in the history exactly once and the version counted every one of them — no update was lost.
    /// </summary>
    [Fact]
    public async Task ManyConcurrentEdits_LoseNoUpdate()
    {
        var id = await AssessmentAsync("DNPSH", AssessmentStatus.NotStarted, EventKind.AnnualReport);
        var clients = new List<HttpClient>();
        for (var i = 0; i < 4; i++) clients.Add(await AsAsync("rapportor.dnpsh@halland.demo"));
        var start = (await JsonAsync(await clients[0].GetAsync($"/api/assessments/{id}"))).GetProperty("version").GetInt32();
        var random = new Random(20261125);
        var delays = Enumerable.Range(0, 4 * 10).Select(_ => random.Next(0, 15)).ToArray();
        var succeeded = new System.Collections.Concurrent.ConcurrentBag<string>();
        var conflicts = 0;

        await Task.WhenAll(clients.Select((client, c) => Task.Run(async () =>
        {
            for (var edit = 0; edit < 10; edit++)
            {
                var text = $"writer {c} edit {edit}";
                for (var attempt = 0; attempt < 50; attempt++)
                {
                    var version = (await JsonAsync(await client.GetAsync($"/api/assessments/{id}"))).GetProperty("version").GetInt32();
                    await Task.Delay(delays[c * 10 + edit]);
                    var response = await client.PutAsJsonAsync($"/api/assessments/{id}", new { version, fulfilment = "met", analysis = text });
                    if (response.StatusCode == HttpStatusCode.OK) { succeeded.Add(text); break; }
                    Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
                    Interlocked.Increment(ref conflicts);
                }
            }
        })));

        Assert.Equal(40, succeeded.Count);
        var final = await JsonAsync(await clients[0].GetAsync($"/api/assessments/{id}"));
        Assert.Equal(start + 40, final.GetProperty("version").GetInt32());
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var afters = await db.AuditRecords.Where(r => r.ObjectType == "Assessment" && r.ObjectId == id.ToString() && r.After != null).Select(r => r.After!).ToListAsync();
        foreach (var text in succeeded)
            Assert.Single(afters, a => a.Contains($"\"Analysis\":\"{text}\""));
        Assert.True(conflicts > 0, "the writers never collided; the test did not test concurrency");
    }

    [Fact]
    public async Task APlannerToken_PushesValues_AndARevokedTokenIsRefused()
    {
        var admin = await AsAsync("admin@halland.demo");
        var created = await admin.PostAsJsonAsync("/api/regions/13/tokens", new { name = "datalager", role = "planner" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await JsonAsync(created);
        var secret = body.GetProperty("secret").GetString()!;
        var tokenId = body.GetProperty("token").GetProperty("id").GetInt32();
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
            Assert.Equal(ApiToken.Hash(secret), (await db.ApiTokens.SingleAsync(t => t.Id == tokenId)).TokenHash);
        }

        var integration = host.CreateClient();
        integration.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        var push = await integration.PostAsync("/api/regions/13/values",
            new StringContent("indikator;område;enhet;period;kön;värde\nN00923;0013;DNHS;2023;T;81,7\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, push.StatusCode);
        Assert.Equal(1, (await JsonAsync(push)).GetProperty("valuesAdded").GetInt32());
        var values = await JsonAsync(await integration.GetAsync("/api/indicators/N00923/values?entity=0013/DNHS"));
        Assert.Contains(values.EnumerateArray(), v => v.GetProperty("period").GetString() == "2023" && v.GetProperty("value").GetDouble() == 81.7);
        Assert.Equal(HttpStatusCode.OK, (await integration.GetAsync("/api/regions/13/followup/2024")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/tokens/{tokenId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await integration.GetAsync("/api/regions/13/followup/2024")).StatusCode);
    }

    [Fact]
    public async Task AReporterToken_PushesOnlyItsOwnUnitsValues_AndABadRowKeepsNothing()
    {
        var admin = await AsAsync("admin@halland.demo");
        var created = await JsonAsync(await admin.PostAsJsonAsync("/api/regions/13/tokens", new { name = "sjukhusets system", role = "reporter", unit = "DNHS" }));
        var integration = host.CreateClient();
        integration.DefaultRequestHeaders.Authorization = new("Bearer", created.GetProperty("secret").GetString());

        var mixed = await integration.PostAsync("/api/regions/13/values",
            new StringContent("indikator;område;enhet;period;kön;värde\nN00925;0013;DNHS;2023;T;84,1\nN00925;0013;DNPSH;2023;T;83,9\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
        var problem = await mixed.Content.ReadAsStringAsync();
        Assert.Contains("row 3", problem);
        Assert.Contains("0013/DNHS only", problem);
        Assert.Empty((await JsonAsync(await integration.GetAsync("/api/indicators/N00925/values?entity=0013/DNHS&from=2023&to=2023"))).EnumerateArray());

        var own = await integration.PostAsync("/api/regions/13/values",
            new StringContent("indikator;område;enhet;period;kön;värde\nN00925;0013;DNHS;2023;T;84,1\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Single((await JsonAsync(await integration.GetAsync("/api/indicators/N00925/values?entity=0013/DNHS&from=2023&to=2023"))).EnumerateArray());
    }

    [Fact]
    public async Task ACookieWrite_ThatIsNotJson_IsRefused_SoThatAFormOnAnotherSiteCannotUseTheSession()
    {
        var planner = host.CreateClient();
        await Forms.LoginAsync(planner, "planerare@halland.demo");
        var csv = "indikator;område;period;värde\nN00923;0013;2031;80\n";

        var forged = await planner.PostAsync("/api/regions/13/values?format=csv", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("X-Styra-Request", await forged.Content.ReadAsStringAsync());
        Assert.Empty((await JsonAsync(await planner.GetAsync("/api/indicators/N00923/values?entity=0013&from=2031&to=2031"))).EnumerateArray());

        planner.DefaultRequestHeaders.Add("X-Styra-Request", "1");
        Assert.Equal(HttpStatusCode.OK, (await planner.PostAsync("/api/regions/13/values?format=csv", new StringContent(csv, Encoding.UTF8, "text/csv"))).StatusCode);
    }

    [Fact]
    public async Task ATokenMadeByTheSubmitter_CannotApproveWhatSheSubmitted()
    {
        // The administrator writes and submits the region's own assessment (a planner's), then tries to approve it
        // with a planner token she made herself.
        var admin = await AsAsync("admin@halland.demo");
        int id;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
            id = await db.Assessments.Where(a => a.Event.Kind == EventKind.AnnualReport && a.UnitId == null && a.NodeKey == "").Select(a => a.Id).SingleAsync();
        }
        var version = (await JsonAsync(await admin.GetAsync($"/api/assessments/{id}"))).GetProperty("version").GetInt32();
        var submitted = await admin.PostAsJsonAsync($"/api/assessments/{id}/submit", new { version, fulfilment = "met", analysis = "Regionen som helhet." });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        version = (await JsonAsync(submitted)).GetProperty("version").GetInt32();
        var secret = (await JsonAsync(await admin.PostAsJsonAsync("/api/regions/13/tokens", new { name = "egen", role = "planner" }))).GetProperty("secret").GetString();
        var token = host.CreateClient();
        token.DefaultRequestHeaders.Authorization = new("Bearer", secret);

        var approve = await token.PostAsJsonAsync($"/api/assessments/{id}/approve", new { version });

        Assert.Equal(HttpStatusCode.Forbidden, approve.StatusCode);
        Assert.Contains("yourself", await approve.Content.ReadAsStringAsync());
        var planner = await AsAsync("planerare@halland.demo");
        Assert.Equal(HttpStatusCode.OK, (await planner.PostAsJsonAsync($"/api/assessments/{id}/approve", new { version })).StatusCode);
    }

    [Fact]
    public async Task TheHistoryOfRolesAndTokens_IsTheAdministratorsOnly_AndAccountsOnlyTheirOwnRegions()
    {
        var reader = await AsAsync("lasare@halland.demo");
        int membership, user;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
            membership = await db.Memberships.Where(m => m.User.Email == "rapportor.dnhs@halland.demo").Select(m => m.Id).FirstAsync();
            user = await db.Users.Where(u => u.Email == "rapportor.dnhs@halland.demo").Select(u => u.Id).SingleAsync();
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync($"/api/audit?object=Membership/{membership}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync($"/api/audit?object=User/{user}")).StatusCode);
        var admin = await AsAsync("admin@halland.demo");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/audit?object=Membership/{membership}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/audit?object=User/{user}")).StatusCode);
        // Skåne's planner is no administrator of Halland: Halland's accounts are not hers to read.
        var skane = await AsAsync("planerare@skane.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await skane.GetAsync($"/api/audit?object=User/{user}")).StatusCode);
    }

    [Fact]
    public async Task TheCalendar_ShowsProgressPerCommittee_AndUR2IsOverdue()
    {
        var reader = await AsAsync("lasare@halland.demo");
        var year = await JsonAsync(await reader.GetAsync("/api/regions/13/followup/2024"));
        var ur1 = year.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "tertial1");
        var ur2 = year.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "tertial2");
        Assert.True(ur1.GetProperty("counts").GetProperty("approved").GetInt32() > ur1.GetProperty("counts").GetProperty("total").GetInt32() / 2);
        Assert.True(ur2.GetProperty("counts").GetProperty("returned").GetInt32() >= 1);
        Assert.Contains(ur2.GetProperty("units").EnumerateArray(), u => u.GetProperty("unitCode").GetString() == "DNKT" && u.GetProperty("isOverdue").GetBoolean());
        Assert.DoesNotContain(ur2.GetProperty("units").EnumerateArray(), u => u.GetProperty("unitCode").GetString() == "DNADH" && u.GetProperty("isOverdue").GetBoolean());
    }
}
