using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.FollowUp;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Apis;

/// <summary>A host of its own: the matrix revokes a token and tries writes.</summary>
public sealed class MatrixHost() : StyraHost("Sqlite");

/// <summary>
/// Every API route × every role: allowed, 401 or 403. The routes come from the app itself, so a new route without a
/// rule here fails the test. "Allowed" means the call got past the access check (any answer but 401 and 403: writes
/// are sent with a stale version or invalid fields, so that they prove access without changing much).
/// </summary>
public sealed class AccessMatrixTests(MatrixHost host) : IClassFixture<MatrixHost>
{
    private enum Rule { Public, SignedIn, RegionReader, Planner, Administrator, ReporterOfUnit, ApproverOfUnit, ActivityWriter, ValuePusher }

    private static readonly string[] Identities =
        ["anonymous", "lasare@halland.demo", "rapportor.dnhs@halland.demo", "godkannare.dnhs@halland.demo", "rapportor.dnpsh@halland.demo",
         "planerare@halland.demo", "admin@halland.demo", "planerare@skane.demo", "token:planner", "token:reporter-dnhs", "token:approver-dnhs"];

    private static bool Allowed(Rule rule, string who) => rule switch
    {
        Rule.Public => true,
        Rule.SignedIn => who != "anonymous",
        Rule.RegionReader => who is not ("anonymous" or "planerare@skane.demo"),
        Rule.Planner => who is "planerare@halland.demo" or "admin@halland.demo" or "token:planner",
        Rule.Administrator => who is "admin@halland.demo",
        Rule.ReporterOfUnit => who is "rapportor.dnhs@halland.demo" or "token:reporter-dnhs",
        Rule.ApproverOfUnit => who is "godkannare.dnhs@halland.demo" or "token:approver-dnhs",
        // Planners push anything; reporters their own unit's values (the sample has none, so they get 400, not 403).
        Rule.ValuePusher => who is "planerare@halland.demo" or "admin@halland.demo" or "token:planner" or "rapportor.dnhs@halland.demo"
            or "rapportor.dnpsh@halland.demo" or "token:reporter-dnhs",
        _ => who is "rapportor.dnhs@halland.demo" or "token:reporter-dnhs" or "planerare@halland.demo" or "admin@halland.demo" or "token:planner",
    };

    [Fact]
    public async Task EveryApiRoute_AnswersEveryRole_AsItsRuleSays()
    {
        var ids = await SampleIdsAsync();
        var routes = new Dictionary<string, (string Url, object? Body, Rule Rule)>
        {
            ["GET /api/regions/"] = ("/api/regions", null, Rule.Public),
            ["GET /api/regions/{code}"] = ("/api/regions/13", null, Rule.Public),
            ["GET /api/regions/{code}/units"] = ("/api/regions/13/units", null, Rule.Public),
            ["GET /api/regions/{code}/units/{unit}/goals"] = ("/api/regions/13/units/DNHS/goals", null, Rule.Public),
            ["GET /api/regions/{code}/plans"] = ("/api/regions/13/plans", null, Rule.Public),
            ["GET /api/plans/{id:int}"] = ($"/api/plans/{ids.Plan}", null, Rule.Public),
            ["GET /api/plans/{id:int}/diff"] = ($"/api/plans/{ids.Plan}/diff?from=1&to=1", null, Rule.Public),
            ["GET /api/regions/{code}/indicators"] = ("/api/regions/13/indicators", null, Rule.Public),
            ["GET /api/regions/{code}/catalogue"] = ("/api/regions/13/catalogue?q=N00923", null, Rule.Public),
            ["GET /api/indicators/{code}/values"] = ("/api/indicators/N00923/values?entity=0013", null, Rule.Public),
            ["GET /api/regions/{code}/comparisons"] = ("/api/regions/13/comparisons", null, Rule.Public),
            ["GET /api/me"] = ("/api/me", null, Rule.SignedIn),
            ["GET /api/me/tasks"] = ("/api/me/tasks", null, Rule.SignedIn),
            ["GET /api/regions/{code}/followup/{year:int}"] = ("/api/regions/13/followup/2024", null, Rule.RegionReader),
            ["POST /api/regions/{code}/followup/events"] = ("/api/regions/13/followup/events", new { kind = "tertial1" }, Rule.Planner),
            ["PUT /api/followup/events/{id:int}"] = ($"/api/followup/events/{ids.Event}", new { kind = "tertial2" }, Rule.Planner),
            ["GET /api/followup/events/{id:int}"] = ($"/api/followup/events/{ids.Event}", null, Rule.RegionReader),
            ["GET /api/followup/events/{id:int}/report/{format}"] = ($"/api/followup/events/{ids.Event}/report/xlsx?committee=DNHS", null, Rule.RegionReader),
            ["GET /api/assessments/{id:int}"] = ($"/api/assessments/{ids.Assessment}", null, Rule.RegionReader),
            ["PUT /api/assessments/{id:int}"] = ($"/api/assessments/{ids.Assessment}", new { version = 0 }, Rule.ReporterOfUnit),
            ["POST /api/assessments/{id:int}/submit"] = ($"/api/assessments/{ids.Assessment}/submit", new { version = 0 }, Rule.ReporterOfUnit),
            ["POST /api/assessments/{id:int}/approve"] = ($"/api/assessments/{ids.Assessment}/approve", new { version = 0 }, Rule.ApproverOfUnit),
            ["POST /api/assessments/{id:int}/return"] = ($"/api/assessments/{ids.Assessment}/return", new { version = 0 }, Rule.ApproverOfUnit),
            ["GET /api/audit"] = ($"/api/audit?object=Assessment/{ids.Assessment}", null, Rule.RegionReader),
            // The handlingsplan (Halland has none: readers get 404, planners' writes 400/404; both prove access and change nothing).
            ["GET /api/regions/{code}/action-plans/"] = ("/api/regions/13/action-plans", null, Rule.RegionReader),
            ["POST /api/regions/{code}/action-plans/"] = ("/api/regions/13/action-plans", new { year = 0 }, Rule.Planner),
            ["GET /api/regions/{code}/action-plans/{year:int}"] = ("/api/regions/13/action-plans/2026", null, Rule.RegionReader),
            ["GET /api/regions/{code}/action-plans/{year:int}/initiatives.csv"] = ("/api/regions/13/action-plans/2026/initiatives.csv", null, Rule.RegionReader),
            ["GET /api/regions/{code}/action-plans/{year:int}/coverage"] = ("/api/regions/13/action-plans/2026/coverage", null, Rule.RegionReader),
            ["GET /api/regions/{code}/action-plans/{year:int}/compare"] = ("/api/regions/13/action-plans/2026/compare?with=2025", null, Rule.RegionReader),
            ["POST /api/regions/{code}/action-plans/{year:int}/initiatives"] = ("/api/regions/13/action-plans/2026/initiatives", new { key = "X", title = "" }, Rule.Planner),
            ["PUT /api/regions/{code}/action-plans/{year:int}/initiatives/{key}"] = ("/api/regions/13/action-plans/2026/initiatives/X", new { version = 0, title = "x" }, Rule.Planner),
            ["DELETE /api/regions/{code}/action-plans/{year:int}/initiatives/{key}"] = ("/api/regions/13/action-plans/2026/initiatives/X?version=0", null, Rule.Planner),
            ["PUT /api/regions/{code}/action-plans/{year:int}/initiatives/{key}/follow-up"] = ("/api/regions/13/action-plans/2026/initiatives/X/follow-up", new { version = 0 }, Rule.Planner),
            ["GET /api/regions/{code}/activities"] = ("/api/regions/13/activities", null, Rule.RegionReader),
            ["POST /api/regions/{code}/activities"] = ("/api/regions/13/activities", new { unit = "DNHS", planId = ids.Plan, title = "" }, Rule.ActivityWriter),
            ["PUT /api/activities/{id:int}"] = ($"/api/activities/{ids.Activity}", new { version = 0, title = "x" }, Rule.ActivityWriter),
            ["POST /api/activities/{id:int}/progress"] = ($"/api/activities/{ids.Activity}/progress", new { version = 0, eventId = ids.Event }, Rule.ActivityWriter),
            ["POST /api/regions/{code}/values"] = ("/api/regions/13/values?format=csv&dryRun=true", "indikator;område;period;värde\nN00923;0013;2024;1\n", Rule.ValuePusher),
            ["GET /api/regions/{code}/tokens"] = ("/api/regions/13/tokens", null, Rule.Administrator),
            ["POST /api/regions/{code}/tokens"] = ("/api/regions/13/tokens", new { name = "", role = "reader" }, Rule.Administrator),
            ["DELETE /api/tokens/{id:int}"] = ($"/api/tokens/{ids.SpareToken}", null, Rule.Administrator),
            ["GET /api/regions/{code}/economy/{year:int}"] = ("/api/regions/13/economy/2024", null, Rule.RegionReader),
            ["GET /api/regions/{code}/financial-goals"] = ("/api/regions/13/financial-goals", null, Rule.RegionReader),
            ["GET /api/regions/{code}/budget-frames"] = ("/api/regions/13/budget-frames?from=2024&to=2028", null, Rule.RegionReader),
            ["GET /api/regions/{code}/investment-plan"] = ("/api/regions/13/investment-plan", null, Rule.RegionReader),
            ["GET /api/regions/{code}/balance-requirement/{year:int}"] = ("/api/regions/13/balance-requirement/2024", null, Rule.RegionReader),
            ["PUT /api/regions/{code}/economy/{year:int}/exceptional-reasons"] = ("/api/regions/13/economy/2023/exceptional-reasons",
                new { ground = "strong-financial-position", justification = "" }, Rule.Planner),
            // A file with a missing column: proves access, writes nothing.
            ["POST /api/regions/{code}/economy/items"] = ("/api/regions/13/economy/items?format=csv", "år;typ\n2024;budget\n", Rule.Planner),
            ["GET /api/regions/{code}/economy/{year:int}/months/{month:int}"] = ("/api/regions/13/economy/2024/months/8", null, Rule.RegionReader),
            ["GET /api/regions/{code}/economy/{year:int}/committees/{unit}"] = ("/api/regions/13/economy/2024/committees/DNHS", null, Rule.RegionReader),
            // Written, as activities are, by the unit's reporters and the planners; a stale version proves access (409) and changes nothing.
            ["PUT /api/regions/{code}/economy/{year:int}/months/{month:int}/committees/{unit}"] = ("/api/regions/13/economy/2024/months/8/committees/DNHS",
                new { version = -1, outcomeToDate = 1 }, Rule.ActivityWriter),
            ["POST /api/regions/{code}/economy/{year:int}/months/{month:int}/committees/{unit}/submit"] = ("/api/regions/13/economy/2024/months/8/committees/DNHS/submit",
                new { version = -1 }, Rule.ActivityWriter),
            ["POST /api/regions/{code}/economy/{year:int}/months/{month:int}/committees/{unit}/reopen"] = ("/api/regions/13/economy/2024/months/8/committees/DNHS/reopen",
                new { version = -1 }, Rule.Planner),
            // Judgement steps on a stale version (the demo's 2024 draft is at version 1): proves access, changes nothing.
            ["GET /api/regions/{code}/economy/{year:int}/judgement"] = ("/api/regions/13/economy/2024/judgement", null, Rule.RegionReader),
            ["PUT /api/regions/{code}/economy/{year:int}/judgement"] = ("/api/regions/13/economy/2024/judgement", new { version = 0, text = "x" }, Rule.Planner),
            ["POST /api/regions/{code}/economy/{year:int}/judgement/approve"] = ("/api/regions/13/economy/2024/judgement/approve", new { version = 0 }, Rule.Planner),
            ["POST /api/regions/{code}/economy/{year:int}/judgement/reopen"] = ("/api/regions/13/economy/2024/judgement/reopen", new { version = 0 }, Rule.Planner),
            // Invalid bodies: a tax rate of 0, a fee without its decision, a negative cost.
            ["PUT /api/regions/{code}/economy/{year:int}/tax-rate"] = ("/api/regions/13/economy/2024/tax-rate", new { percent = 0 }, Rule.Planner),
            ["PUT /api/regions/{code}/economy/{year:int}/fees"] = ("/api/regions/13/economy/2024/fees", new { fees = new[] { new { area = "Patientavgifter" } } }, Rule.Planner),
            ["PUT /api/regions/{code}/economy/{year:int}/items"] = ("/api/regions/13/economy/2024/items",
                new { kind = "budget", items = new Dictionary<string, decimal?> { ["verksamhetens-kostnader"] = -1 } }, Rule.Planner),
            ["PUT /api/regions/{code}/economy/{year:int}/budget-frames"] = ("/api/regions/13/economy/2024/budget-frames", new { rows = new[] { new { label = "", amount = 1 } } }, Rule.Planner),
            ["PUT /api/regions/{code}/economy/{year:int}/investment-plan"] = ("/api/regions/13/economy/2024/investment-plan", new { decidedAndReinvestments = 1 }, Rule.Planner),
            // Publishing: a body without its kind, and a publication that does not exist, prove access and change nothing.
            ["GET /api/regions/{code}/publications"] = ("/api/regions/13/publications", null, Rule.Planner),
            ["POST /api/regions/{code}/publications"] = ("/api/regions/13/publications", new { year = 2024 }, Rule.Planner),
            ["DELETE /api/regions/{code}/publications/{id:int}"] = ("/api/regions/13/publications/0", null, Rule.Planner),

            // The care-offer register (Halland has none: reads answer 200 or 404; writes are refused as invalid or not found, changing nothing).
            ["GET /api/regions/{code}/care-offer/"] = ("/api/regions/13/care-offer", null, Rule.RegionReader),
            ["POST /api/regions/{code}/care-offer/"] = ("/api/regions/13/care-offer", new { year = 1990 }, Rule.Planner),
            ["GET /api/regions/{code}/care-offer/{year:int}"] = ("/api/regions/13/care-offer/2026", null, Rule.RegionReader),
            ["GET /api/regions/{code}/care-offer/{year:int}.csv"] = ("/api/regions/13/care-offer/2026.csv", null, Rule.RegionReader),
            ["GET /api/regions/{code}/care-offer/template.csv"] = ("/api/regions/13/care-offer/template.csv", null, Rule.RegionReader),
            ["POST /api/regions/{code}/care-offer/{year:int}/import"] = ("/api/regions/13/care-offer/2026/import", "nyckel;namn\n", Rule.Planner),
            ["POST /api/regions/{code}/care-offer/{year:int}/units"] = ("/api/regions/13/care-offer/2026/units", new { version = 0, key = "" }, Rule.Planner),
            ["PUT /api/regions/{code}/care-offer/{year:int}/units/{key}"] = ("/api/regions/13/care-offer/2026/units/X", new { version = 0 }, Rule.Planner),
            ["DELETE /api/regions/{code}/care-offer/{year:int}/units/{key}"] = ("/api/regions/13/care-offer/2026/units/X?version=0", null, Rule.Planner),
            // The care offer's principle checks and proposals: Halland has no register, so readers get 404 (past the access
            // check); writes are invalid (no checks, no title) or name a proposal that does not exist.
            ["GET /api/regions/{code}/care-offer/{year:int}/findings"] = ("/api/regions/13/care-offer/2026/findings", null, Rule.RegionReader),
            ["GET /api/regions/{code}/care-offer/settings"] = ("/api/regions/13/care-offer/settings", null, Rule.RegionReader),
            ["PUT /api/regions/{code}/care-offer/settings"] = ("/api/regions/13/care-offer/settings", new { version = -1, checks = Array.Empty<object>(), specialties = Array.Empty<object>() }, Rule.Planner),
            ["GET /api/regions/{code}/care-offer/{year:int}/proposals"] = ("/api/regions/13/care-offer/2026/proposals", null, Rule.RegionReader),
            ["POST /api/regions/{code}/care-offer/{year:int}/proposals"] = ("/api/regions/13/care-offer/2026/proposals", new { version = 0, title = "" }, Rule.Planner),
            ["GET /api/regions/{code}/care-offer/{year:int}/proposals/{id:int}"] = ("/api/regions/13/care-offer/2026/proposals/0", null, Rule.RegionReader),
            ["PUT /api/regions/{code}/care-offer/{year:int}/proposals/{id:int}"] = ("/api/regions/13/care-offer/2026/proposals/0", new { version = 0, title = "" }, Rule.Planner),
            ["DELETE /api/regions/{code}/care-offer/{year:int}/proposals/{id:int}"] = ("/api/regions/13/care-offer/2026/proposals/0?version=0", null, Rule.Planner),
            ["GET /api/regions/{code}/care-offer/{year:int}/compare"] = ("/api/regions/13/care-offer/2026/compare", null, Rule.RegionReader),
            ["GET /api/regions/{code}/care-offer/{year:int}/proposals/{id:int}/comparison"] = ("/api/regions/13/care-offer/2026/proposals/0/comparison", null, Rule.RegionReader),
            ["GET /api/regions/{code}/care-offer/{year:int}/proposals/{id:int}/report/{format}"] = ("/api/regions/13/care-offer/2026/proposals/0/report/pdf", null, Rule.RegionReader),

            // The open data (docs/open-data.md) is for anyone, signed in or not.
            ["GET /api/open/v1/regions"] = ("/api/open/v1/regions", null, Rule.Public),
            ["GET /api/open/v1/regions.csv"] = ("/api/open/v1/regions.csv", null, Rule.Public),
            ["GET /api/open/v1/regions/{code}/plans"] = ("/api/open/v1/regions/13/plans", null, Rule.Public),
            ["GET /api/open/v1/regions/{code}/plans.csv"] = ("/api/open/v1/regions/13/plans.csv", null, Rule.Public),
            ["GET /api/open/v1/regions/{code}/goals"] = ("/api/open/v1/regions/13/goals", null, Rule.Public),
            ["GET /api/open/v1/regions/{code}/goals.csv"] = ("/api/open/v1/regions/13/goals.csv", null, Rule.Public),
            ["GET /api/open/v1/regions/{code}/indicators"] = ("/api/open/v1/regions/13/indicators", null, Rule.Public),
            ["GET /api/open/v1/regions/{code}/indicators.csv"] = ("/api/open/v1/regions/13/indicators.csv", null, Rule.Public),
            ["GET /api/open/v1/regions/{code}/financial-goals"] = ("/api/open/v1/regions/13/financial-goals", null, Rule.Public),
            ["GET /api/open/v1/regions/{code}/financial-goals.csv"] = ("/api/open/v1/regions/13/financial-goals.csv", null, Rule.Public),
            ["GET /api/open/v1/regions/{code}/indicators/{indicator}/values"] = ("/api/open/v1/regions/13/indicators/N00923/values", null, Rule.Public),
            ["GET /api/open/v1/regions/{code}/indicators/{indicator}/values.csv"] = ("/api/open/v1/regions/13/indicators/N00923/values.csv", null, Rule.Public),
            ["GET /api/open/v1/catalog.rdf"] = ("/api/open/v1/catalog.rdf", null, Rule.Public),
            ["GET /api/open/v1/catalog.jsonld"] = ("/api/open/v1/catalog.jsonld", null, Rule.Public),
            // The API's documentation (Scalar, in Development only) is public.
            ["GET /api/docs/{documentName?}"] = ("/api/docs/", null, Rule.Public),
            ["GET /api/docs/favicon.svg"] = ("/api/docs/favicon.svg", null, Rule.Public),
            ["GET /api/docs/scalar.aspnetcore.js"] = ("/api/docs/scalar.aspnetcore.js", null, Rule.Public),
            ["GET /api/docs/scalar.js"] = ("/api/docs/scalar.js", null, Rule.Public),
        };

        var inApp = host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api") == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();
        var withoutRule = inApp.Where(r => !routes.ContainsKey(r)).Order().ToList();
        Assert.True(withoutRule.Count == 0, $"API routes without an access rule in this test: {string.Join(", ", withoutRule)}");
        var gone = routes.Keys.Where(r => !inApp.Contains(r)).ToList();
        Assert.True(gone.Count == 0, $"Rules for routes the app no longer has: {string.Join(", ", gone)}");

        var wrong = new List<string>();
        foreach (var who in Identities)
        {
            var client = await ClientAsync(who, ids);
            foreach (var (route, (url, body, rule)) in routes.OrderBy(r => r.Key.StartsWith("DELETE") ? 1 : 0))
            {
                var method = new HttpMethod(route.Split(' ')[0]);
                using var request = new HttpRequestMessage(method, url)
                {
                    Content = body switch
                    {
                        null => null,
                        string csv => new StringContent(csv, Encoding.UTF8, "text/csv"),
                        _ => JsonContent.Create(body),
                    },
                };
                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var expected = Allowed(rule, who) ? "allowed" : who == "anonymous" ? "401" : "403";
                var got = status is 401 or 403 ? status.ToString() : status >= 500 ? $"{status} (error)" : "allowed";
                if (got != expected) wrong.Add($"{route} as {who}: expected {expected}, got {status}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private sealed record Ids(int Plan, int Event, int Assessment, int Activity, int SpareToken, string PlannerToken, string ReporterToken, string ApproverToken);

    private async Task<Ids> SampleIdsAsync()
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var plan = await db.Plans.Where(p => p.Key == "mal-och-budget-2024-2028").Select(p => p.Id).SingleAsync();
        var ev = await db.ReportingEvents.Where(e => e.Kind == EventKind.Tertial2).Select(e => e.Id).SingleAsync();
        var assessment = await db.Assessments.Where(a => a.EventId == ev && a.Unit!.Code == "DNHS").Select(a => a.Id).FirstAsync();
        var activity = await db.Activities.Where(a => a.Unit.Code == "DNHS").Select(a => a.Id).FirstAsync();
        var halland = await db.Regions.Include(r => r.Units).SingleAsync(r => r.Code == new Styra.Features.Organisation.RegionCode("13"));
        var now = DateTimeOffset.UtcNow;
        var (spare, _) = ApiToken.Create("spare", halland, RegionRole.Reader, null, now, null, null);
        var (planner, plannerSecret) = ApiToken.Create("planner", halland, RegionRole.Planner, null, now, null, null);
        var (reporter, reporterSecret) = ApiToken.Create("reporter-dnhs", halland, RegionRole.Reporter, halland.Units.Single(u => u.Code == "DNHS"), now, null, null);
        var (approver, approverSecret) = ApiToken.Create("approver-dnhs", halland, RegionRole.Approver, halland.Units.Single(u => u.Code == "DNHS"), now, null, null);
        db.ApiTokens.AddRange(spare, planner, reporter, approver);
        await db.SaveChangesAsync();
        return new Ids(plan, ev, assessment, activity, spare.Id, plannerSecret, reporterSecret, approverSecret);
    }

    private async Task<HttpClient> ClientAsync(string who, Ids ids)
    {
        var client = host.CreateClient();
        if (who == "token:planner") client.DefaultRequestHeaders.Authorization = new("Bearer", ids.PlannerToken);
        else if (who == "token:reporter-dnhs") client.DefaultRequestHeaders.Authorization = new("Bearer", ids.ReporterToken);
        else if (who == "token:approver-dnhs") client.DefaultRequestHeaders.Authorization = new("Bearer", ids.ApproverToken);
        else if (who != "anonymous") await Forms.LoginAsync(client, who);
        // As a script of the person's own would (a page elsewhere cannot send this header; see Program.cs).
        client.DefaultRequestHeaders.Add("X-Styra-Request", "1");
        return client;
    }
}
