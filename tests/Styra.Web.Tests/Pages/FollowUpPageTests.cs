using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.FollowUp;
using Styra.Features.Plans;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Pages;

/// <summary>The follow-up pages through the real host: the calendar, an event, the assessment workflow, tasks, history.</summary>
public sealed class FollowUpPageTests(FollowUpHost host) : IClassFixture<FollowUpHost>
{
    private const string Ur2 = "Uppföljningsrapport 2 / delårsbokslut 2024";
    private const string Annual = "Årsredovisning 2024";

    private async Task<HttpClient> ClientAsync(string? email)
    {
        var client = host.CreateClient();
        if (email is not null) await Forms.LoginAsync(client, email);
        return client;
    }

    private async Task<T> DbAsync<T>(Func<StyraDbContext, Task<T>> query)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<StyraDbContext>());
    }

    private Task<Assessment> AssessmentAsync(int id) => DbAsync(db => db.Assessments.AsNoTracking().SingleAsync(a => a.Id == id));

    /// <summary>Assessments of an event by a committee (null: the planners') in a status, those whose node has indicators first.</summary>
    private Task<List<int>> IdsAsync(string eventName, string? unit, AssessmentStatus status) => DbAsync(async db =>
    {
        var rows = await db.Assessments.AsNoTracking().Where(a => a.Event.Name == eventName && a.Status == status
                && (unit == null ? a.UnitId == null : a.Unit!.Code == unit))
            .Select(a => new { a.Id, a.NodeKey, a.Event.PlanId }).OrderBy(a => a.Id).ToListAsync();
        var withIndicators = (await db.GoalNodes.AsNoTracking().CurrentNodes().Where(n => n.Indicators.Any())
            .Select(n => new { n.PlanVersion.PlanId, n.Key }).ToListAsync()).Select(n => (n.PlanId, n.Key)).ToHashSet();
        return rows.OrderBy(r => withIndicators.Contains((r.PlanId, r.NodeKey)) ? 0 : 1).Select(r => r.Id).ToList();
    });

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, int id, int version, string action, string? fulfilment, string? forecast, string analysis) =>
        Forms.PostAsync(client, $"/assessments/{id}", "assessment",
            [("Form.Version", version.ToString()), ("Form.Action", action), ("Form.Analysis", analysis),
             .. fulfilment is null ? Array.Empty<(string, string)>() : [("Form.Fulfilment", fulfilment)],
             .. forecast is null ? Array.Empty<(string, string)>() : [("Form.Forecast", forecast)]]);

    private static void AssertRedirect(HttpResponseMessage response, string endsWith) =>
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.EndsWith(endsWith, StringComparison.Ordinal),
            $"expected a redirect to …{endsWith}, got {(int)response.StatusCode} {response.Headers.Location}: {response.Content.ReadAsStringAsync().Result[..Math.Min(3000, response.Content.ReadAsStringAsync().Result.Length)]}");

    [Theory]
    [InlineData("/regions/13/followup")]
    [InlineData("/regions/13/followup/2024")]
    [InlineData("/followup/events/1")]
    [InlineData("/followup/events/1/edit")]
    [InlineData("/assessments/1")]
    [InlineData("/me/tasks")]
    [InlineData("/history/Assessment/1")]
    public async Task Anonymous_IsSentToTheLoginPage(string path)
    {
        var response = await (await ClientAsync(null)).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Contains("/login?", location);
        Assert.Contains(Uri.EscapeDataString(path), location);
    }

    [Fact]
    public async Task ASignedInUserOfAnotherRegion_GetsNotFound()
    {
        var client = await ClientAsync("planerare@skane.demo");
        var id = (await IdsAsync(Ur2, "DNHS", AssessmentStatus.Draft))[0];

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/regions/13/followup")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/assessments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/history/Assessment/{id}")).StatusCode);
    }

    [Fact]
    public async Task TheCalendar_ShowsUr2Of2024AsOverdue_WithCountsPerCommittee()
    {
        var html = await (await ClientAsync("lasare@halland.demo")).GetStringAsync("/regions/13/followup/2024");

        var ur2 = html[html.IndexOf(Ur2, StringComparison.Ordinal)..];
        ur2 = ur2[..ur2.IndexOf("</article>", StringComparison.Ordinal)];
        Assert.Contains("försenad", ur2);
        Assert.Contains("class=\"fu-late\"", ur2);
        Assert.Contains("Driftnämnd Hallands Sjukhus", ur2);
        Assert.Contains("<th scope=\"col\" class=\"num\">Återsänd</th>", ur2);
        Assert.DoesNotContain("Lägg till en händelse", html);
        Assert.Contains("Uppföljningsrapport 1 2024", html);
    }

    [Fact]
    public async Task ThePlanner_CreatesAnEvent_ABadDateIsNamed_ThenAGoodOneIsSaved()
    {
        var client = await ClientAsync("planerare@halland.demo");
        var planId = await DbAsync(db => db.Plans.Where(p => p.Key == "mal-och-budget-2024-2028").Select(p => p.Id).SingleAsync());
        (string, string)[] Fields(string start) =>
            [("Form.Kind", "Tertial1"), ("Form.Name", "Uppföljningsrapport 1 2025"), ("Form.PeriodStart", start), ("Form.PeriodEnd", "2025-04-30"),
             ("Form.Deadline", "2025-05-20"), ("Form.PlanId", planId.ToString())];

        var bad = await Forms.PostAsync(client, "/regions/13/followup/2025", "create-event", Fields("2025-13-01"));

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("Händelsen sparades inte:", html);
        Assert.Contains("<a href=\"#new-event-periodStart\">”2025-13-01” är inget datum", html);
        Assert.Contains("id=\"new-event-periodStart-error\"", html);
        Assert.False(await DbAsync(db => db.ReportingEvents.AnyAsync(e => e.Year == 2025)));

        var good = await Forms.PostAsync(client, "/regions/13/followup/2025", "create-event", Fields("2025-01-01"));

        AssertRedirect(good, "/regions/13/followup/2025?saved=1");
        var page = await client.GetStringAsync("/regions/13/followup/2025?saved=1");
        Assert.Contains("Händelsen sparades.", page);
        Assert.Contains("Uppföljningsrapport 1 2025", page);
        Assert.True(await DbAsync(db => db.Assessments.AnyAsync(a => a.Event.Name == "Uppföljningsrapport 1 2025")));
    }

    [Fact]
    public async Task TheEventPage_ShowsTheRegionAndTheTreeWithRollUps()
    {
        var id = await DbAsync(db => db.ReportingEvents.Where(e => e.Name == Ur2).Select(e => e.Id).SingleAsync());

        var html = await (await ClientAsync("lasare@halland.demo")).GetStringAsync($"/followup/events/{id}");

        Assert.Contains("Regionen som helhet", html);
        Assert.Contains("class=\"fu-bar\"", html);
        Assert.Contains("fu-rollup-text", html);
        Assert.Contains("Driftnämnd Hallands Sjukhus", html);
        Assert.Contains("href=\"/assessments/", html);
    }

    [Fact]
    public async Task AReporterWritesAndSubmits_TheApproverReturns_TheReporterResubmits_AndTheApproverApproves()
    {
        var reporter = await ClientAsync("rapportor.dnhs@halland.demo");
        var approver = await ClientAsync("godkannare.dnhs@halland.demo");
        var id = (await IdsAsync(Ur2, "DNHS", AssessmentStatus.Draft))[0];
        var page = $"/assessments/{id}";
        Assert.Contains("name=\"Form.Analysis\"", await reporter.GetStringAsync(page));

        var v = (await AssessmentAsync(id)).Version;
        AssertRedirect(await SaveAsync(reporter, id, v, "draft", "PartlyMet", "Met", "Utkast från testet."), $"{page}?saved=draft");
        Assert.Contains("Utkastet sparades.", await reporter.GetStringAsync($"{page}?saved=draft"));
        AssertRedirect(await SaveAsync(reporter, id, v + 1, "submit", "PartlyMet", "Met", "Analys från testet."), $"{page}?saved=submitted");

        var submitted = await reporter.GetStringAsync(page);
        Assert.Contains("Värden när bedömningen skickades in", submitted);
        Assert.DoesNotContain("name=\"Form.Analysis\"", submitted);
        Assert.Equal(AssessmentStatus.Submitted, (await AssessmentAsync(id)).Status);

        // Returning needs a comment.
        var noComment = await Forms.PostAsync(approver, page, "return", ("Return.Version", (v + 2).ToString()), ("Return.Comment", " "));
        Assert.Equal(HttpStatusCode.OK, noComment.StatusCode);
        Assert.Contains("Skriv varför bedömningen återsänds", await noComment.Content.ReadAsStringAsync());
        AssertRedirect(await Forms.PostAsync(approver, page, "return", ("Return.Version", (v + 2).ToString()), ("Return.Comment", "Beskriv åtgärderna under hösten.")),
            $"{page}?saved=returned");

        var returned = await reporter.GetStringAsync(page);
        Assert.Contains("role=\"alert\"", returned);
        Assert.Contains("Beskriv åtgärderna under hösten.", returned);
        Assert.Contains("name=\"Form.Analysis\"", returned);
        Assert.Contains("Beskriv åtgärderna under hösten.", await reporter.GetStringAsync("/me/tasks"));
        AssertRedirect(await SaveAsync(reporter, id, v + 3, "submit", "PartlyMet", "Met", "Analys med åtgärder."), $"{page}?saved=submitted");

        AssertRedirect(await Forms.PostAsync(approver, page, "approve", ("Approve.Version", (v + 4).ToString())), $"{page}?saved=approved");
        var approved = await approver.GetStringAsync($"{page}?saved=approved");
        Assert.Contains("Bedömningen godkändes och är nu låst.", approved);
        Assert.DoesNotContain("name=\"Form.Analysis\"", approved);
        Assert.DoesNotContain("Return.Comment", approved);
        Assert.DoesNotContain("name=\"Form.Analysis\"", await reporter.GetStringAsync(page));
        var a = await AssessmentAsync(id);
        Assert.Equal((AssessmentStatus.Approved, "Analys med åtgärder.", Fulfilment.PartlyMet), (a.Status, a.Analysis, a.Fulfilment));

        var history = await reporter.GetStringAsync($"/history/Assessment/{id}");
        Assert.Contains("rapportor.dnhs@halland.demo", history);
        Assert.Contains("godkannare.dnhs@halland.demo", history);
        Assert.Contains("Analys med åtgärder.", history);
    }

    [Fact]
    public async Task TheDnhsReporter_CannotWriteADnpshAssessment()
    {
        var reporter = await ClientAsync("rapportor.dnhs@halland.demo");
        var id = (await IdsAsync(Annual, "DNPSH", AssessmentStatus.NotStarted))[0];
        var before = await AssessmentAsync(id);

        Assert.DoesNotContain("name=\"Form.Analysis\"", await reporter.GetStringAsync($"/assessments/{id}"));
        var forged = await SaveAsync(reporter, id, before.Version, "submit", "Met", null, "Inte min nämnd.");

        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);
        var after = await AssessmentAsync(id);
        Assert.Equal((before.Status, before.Version, before.Analysis), (after.Status, after.Version, after.Analysis));
    }

    [Fact]
    public async Task NobodyApprovesTheirOwnSubmission()
    {
        var planner = await ClientAsync("planerare@halland.demo");
        var id = (await IdsAsync(Annual, null, AssessmentStatus.NotStarted))[0];
        var page = $"/assessments/{id}";
        var v = (await AssessmentAsync(id)).Version;
        AssertRedirect(await SaveAsync(planner, id, v, "submit", "Met", null, "Regionens bedömning."), $"{page}?saved=submitted");

        var html = await planner.GetStringAsync(page);
        Assert.Contains("Du skickade in den här bedömningen själv", html);
        Assert.DoesNotContain("Approve.Version", html);
        var forged = await Forms.PostAsync(planner, page, "approve", ("Approve.Version", (v + 1).ToString()));
        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Equal(AssessmentStatus.Submitted, (await AssessmentAsync(id)).Status);

        // Another planner (the administrator) may.
        var admin = await ClientAsync("admin@halland.demo");
        AssertRedirect(await Forms.PostAsync(admin, page, "approve", ("Approve.Version", (v + 1).ToString())), $"{page}?saved=approved");
    }

    [Fact]
    public async Task AStaleVersion_GivesTheConflictMessage_KeepsTheTypedText_AndASecondSaveSucceeds()
    {
        var mine = await ClientAsync("rapportor.dnhs@halland.demo");
        var theirs = await ClientAsync("rapportor.dnhs@halland.demo");
        var id = (await IdsAsync(Ur2, "DNHS", AssessmentStatus.Draft))[1];
        var v = (await AssessmentAsync(id)).Version;
        AssertRedirect(await SaveAsync(theirs, id, v, "draft", "NotMet", "NotMet", "Den andras analys."), "?saved=draft");

        var conflict = await SaveAsync(mine, id, v, "draft", "Met", "Met", "Min egen text som inte får försvinna.");

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var html = await conflict.Content.ReadAsStringAsync();
        Assert.Contains($"Någon annan sparade bedömningen medan du skrev (version {v + 1} av rapportor.dnhs@halland.demo). Din text finns kvar nedan; jämför med den sparade versionen och spara igen.", html);
        Assert.Contains("Den andras analys.", html);
        Assert.Contains(">Min egen text som inte får försvinna.</textarea>", html);
        Assert.Contains($"name=\"Form.Version\" value=\"{v + 1}\"", html);
        Assert.Equal("Den andras analys.", (await AssessmentAsync(id)).Analysis);

        AssertRedirect(await SaveAsync(mine, id, v + 1, "draft", "Met", "Met", "Min egen text som inte får försvinna."), "?saved=draft");
        Assert.Equal("Min egen text som inte får försvinna.", (await AssessmentAsync(id)).Analysis);
    }

    [Fact]
    public async Task MarkdownWithAScript_IsNotRenderedAsAScript()
    {
        var reporter = await ClientAsync("rapportor.dnhs@halland.demo");
        var id = (await IdsAsync(Ur2, "DNHS", AssessmentStatus.Draft))[2];
        var v = (await AssessmentAsync(id)).Version;
        AssertRedirect(await SaveAsync(reporter, id, v, "submit", "Met", "Met", "Bra **framsteg**.\n\n<script>alert('x')</script><img src=x onerror=alert(1)>"), "?saved=submitted");

        var html = await reporter.GetStringAsync($"/assessments/{id}");

        Assert.Contains("<strong>framsteg</strong>", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("onerror=alert", html.Replace("&lt;img src=x onerror=alert(1)&gt;", ""));
    }

    [Fact]
    public async Task TheTasks_FollowTheRole()
    {
        var reporter = await (await ClientAsync("rapportor.dnhs@halland.demo")).GetStringAsync("/me/tasks");
        Assert.Contains("Att skriva", reporter);
        Assert.DoesNotContain("Att godkänna", reporter);
        Assert.Contains("Analysen behöver beskriva vilka åtgärder", reporter);
        Assert.Contains("försenad", reporter);
        Assert.DoesNotContain(">DNPSH<", reporter);

        var approver = await (await ClientAsync("godkannare.dnpsh@halland.demo")).GetStringAsync("/me/tasks");
        Assert.Contains("Att godkänna", approver);
        Assert.DoesNotContain("Att skriva", approver);
        Assert.Contains("DNPSH", approver);

        var reader = await (await ClientAsync("lasare@halland.demo")).GetStringAsync("/me/tasks");
        Assert.Contains("Du har inga bedömningar att skriva eller godkänna just nu.", reader);
    }
}
