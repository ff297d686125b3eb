using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.FollowUp;
using Styra.Features.Plans;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Pages;

/// <summary>A host of its own for the activities and administration tests, which change data.</summary>
public sealed class AdminHost() : StyraHost("Sqlite")
{
    public async Task<T> QueryAsync<T>(Func<StyraDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<StyraDbContext>());
    }
}

/// <summary>Who sees the activities and administration pages: sign-in first, then read access, then the role.</summary>
public sealed class ActivitiesAndAdminAccessTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    [Theory]
    [InlineData("/regions/13/activities")]
    [InlineData("/regions/13/activities?unit=DNHS")]
    [InlineData("/activities/1")]
    [InlineData("/regions/13/admin/users")]
    [InlineData("/regions/13/admin/tokens")]
    public async Task Anonymous_IsSentToTheLoginPage_AndBack(string url)
    {
        var response = await host.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal($"/login?returnUrl={Uri.EscapeDataString(url)}", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString);
    }

    [Fact]
    public async Task Reader_SeesTheActivitiesByCommittee_WithGoalsAndComments_ButNoForm()
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, "lasare@halland.demo");
        var html = await client.GetStringAsync("/regions/13/activities");
        Assert.Contains("Införa digitala vårdmöten på fler mottagningar", html);
        Assert.Contains("Samverkan med kommunerna kring barn och unga med psykisk ohälsa", html);
        Assert.Contains("Arbetet har kommit igång enligt plan.", html);
        Assert.Contains("<th scope=\"col\">Mål</th>", html);
        Assert.DoesNotContain("Ny aktivitet", html);

        var filtered = await client.GetStringAsync("/regions/13/activities?unit=DNHS");
        Assert.Contains("Införa digitala vårdmöten", filtered);
        Assert.DoesNotContain("Samverkan med kommunerna", filtered);

        // The activity's own page: read-only for a reader, with its history link.
        var id = await IdOfAsync("Införa digitala vårdmöten på fler mottagningar");
        var page = await client.GetStringAsync($"/activities/{id}");
        Assert.Contains($"href=\"/history/Activity/{id}\"", page);
        Assert.DoesNotContain("Ändra aktiviteten", page);
    }

    [Fact]
    public async Task AnotherRegionsPlanner_GetsNotFound()
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, "planerare@skane.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/regions/13/activities")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/activities/{await IdOfAsync("Mobila team i nära vård")}")).StatusCode);
    }

    [Theory]
    [InlineData("planerare@halland.demo")]
    [InlineData("rapportor.dnhs@halland.demo")]
    public async Task NonAdministrators_GetNoAdministrationPage_NorItsLink(string user)
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, user);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/regions/13/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/regions/13/admin/tokens")).StatusCode);
        var region = await client.GetStringAsync("/regions/13");
        Assert.Contains("Aktiviteter och uppdrag", region);
        Assert.DoesNotContain("Konton och API-nycklar", region);
    }

    [Fact]
    public async Task TheAdministrator_FindsTheAdministrationFromTheRegionPage()
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, "admin@halland.demo");
        Assert.Contains("href=\"/regions/13/admin/users\"", await client.GetStringAsync("/regions/13"));
        var users = await client.GetStringAsync("/regions/13/admin/users");
        Assert.Contains("rapportor.dnhs@halland.demo", users);
        Assert.Contains("Rapportör DNHS", users);
        Assert.DoesNotContain("planerare@skane.demo", users);
    }

    private async Task<int> IdOfAsync(string title)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StyraDbContext>().Activities.Where(a => a.Title == title).Select(a => a.Id).SingleAsync();
    }
}

/// <summary>Reporters write their committee's activities and progress; each save is checked, versioned and audited.</summary>
public sealed class ActivitiesFormTests(AdminHost host) : IClassFixture<AdminHost>
{
    private const string List = "/regions/13/activities";

    [Fact]
    public async Task TheDnhsReporter_CreatesAnActivity_WithGoals_AndTheAuditTrailHasIt()
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, "rapportor.dnhs@halland.demo");
        var html = await client.GetStringAsync(List);
        Assert.Contains("Ny aktivitet", html);
        var goal = Regex.Match(html, "name=\"Form.Goals\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(goal);

        var response = await Forms.PostAsync(client, List, "new-activity", ("Form.Unit", "DNHS"), ("Form.Kind", "Assignment"),
            ("Form.Title", "Uppdrag: fler vårdplatser i Halmstad"), ("Form.Owner", "Sjukhusdirektör"), ("Form.Start", "2024-03-01"),
            ("Form.End", "2025-06-30"), ("Form.Status", "Ongoing"), ("Form.Goals", goal), ("Form.Description", "Utreda och öppna 20 vårdplatser."));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var id = int.Parse(Regex.Match(response.Headers.Location!.OriginalString, @"/activities/(\d+)\?saved=created").Groups[1].Value);
        var saved = await host.QueryAsync(db => db.Activities.Include(a => a.Unit).SingleAsync(a => a.Id == id));
        Assert.Equal(("DNHS", ActivityKind.Assignment, ActivityStatus.Ongoing, new DateOnly(2025, 6, 30)), (saved.Unit.Code, saved.Kind, saved.Status, saved.End!.Value));
        Assert.Equal([goal], saved.GoalKeys);
        var audit = await host.QueryAsync(db => db.AuditRecords.Where(r => r.ObjectType == "Activity" && r.ObjectId == id.ToString()).ToListAsync());
        Assert.NotEmpty(audit);
        Assert.Contains(audit, r => r.ActorName == "rapportor.dnhs@halland.demo");

        var list = await client.GetStringAsync(List);
        Assert.Contains("Uppdrag: fler vårdplatser i Halmstad", list);
        Assert.Contains("Aktiviteten skapades.", await client.GetStringAsync($"/activities/{id}?saved=created"));
    }

    [Fact]
    public async Task TheDnhsReporter_CannotWriteForDnpsh_AForgedPostWritesNothing()
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, "rapportor.dnhs@halland.demo");
        Assert.DoesNotContain("value=\"DNPSH\"", Regex.Match(await client.GetStringAsync(List), "<select id=\"new-unit\".*?</select>", RegexOptions.Singleline).Value);
        var before = await CountAsync();

        var response = await Forms.PostAsync(client, List, "new-activity", ("Form.Unit", "DNPSH"), ("Form.Kind", "Activity"), ("Form.Title", "Smuggelaktivitet"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Du kan bara lägga till aktiviteter för dina egna nämnder.", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await CountAsync());

        // Nor can the reporter edit DNPSH's activity by posting to its page.
        var dnpsh = await host.QueryAsync(db => db.Activities.Where(a => a.Unit.Code == "DNPSH").Select(a => new { a.Id, a.Version, a.Title }).FirstAsync());
        var edit = await client.GetStringAsync($"/activities/{dnpsh.Id}");
        Assert.DoesNotContain("Ändra aktiviteten", edit);
    }

    [Fact]
    public async Task BadInput_NamesTheFields_KeepsTheText_AndWritesNothing()
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, "rapportor.dnhs@halland.demo");
        var before = await CountAsync();

        var response = await Forms.PostAsync(client, List, "new-activity", ("Form.Unit", "DNHS"), ("Form.Kind", "Activity"), ("Form.Title", " "),
            ("Form.Owner", "Min text finns kvar"), ("Form.Start", "2024-05-01"), ("Form.End", "2024-04-01"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Aktiviteten sparades inte:", html);
        Assert.Contains("<a href=\"#new-title\">Ge aktiviteten en rubrik.</a>", html);
        Assert.Contains("<a href=\"#new-end\">Slutdatum (2024-04-01) kan inte ligga före startdatum (2024-05-01).</a>", html);
        Assert.Contains("aria-describedby=\"new-end-error\"", html);
        Assert.Contains("value=\"Min text finns kvar\"", html);
        Assert.Equal(before, await CountAsync());

        var badDate = await Forms.PostAsync(client, List, "new-activity", ("Form.Unit", "DNHS"), ("Form.Title", "Något"), ("Form.Start", "första maj"));
        Assert.Contains("”första maj” är inget datum", await badDate.Content.ReadAsStringAsync());
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task AStaleVersion_IsAConflict_WithAClearMessage_AndTheTypedTextKept()
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, "rapportor.dnhs@halland.demo");
        var a = await host.QueryAsync(db => db.Activities.Where(x => x.Title == "Uppdrag: kortare väntetider till operation").Select(x => new { x.Id, x.Version }).SingleAsync());
        var page = $"/activities/{a.Id}";

        var first = await Forms.PostAsync(client, page, "edit-activity", ("Form.Version", a.Version.ToString()), ("Form.Kind", "Assignment"),
            ("Form.Title", "Uppdrag: kortare väntetider till operation"), ("Form.Owner", "Sjukhusdirektören"), ("Form.Status", "Delayed"));
        Assert.Equal(HttpStatusCode.Found, first.StatusCode);

        // The same writer's second tab still holds the old version.
        var stale = await Forms.PostAsync(client, page, "edit-activity", ("Form.Version", a.Version.ToString()), ("Form.Kind", "Assignment"),
            ("Form.Title", "Min nya rubrik som inte får försvinna"), ("Form.Status", "Done"));

        var html = await stale.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Någon annan har sparat aktiviteten efter att du öppnade den", html);
        Assert.Contains("value=\"Min nya rubrik som inte får försvinna\"", html);
        var saved = await host.QueryAsync(db => db.Activities.SingleAsync(x => x.Id == a.Id));
        Assert.Equal(("Uppdrag: kortare väntetider till operation", "Sjukhusdirektören", a.Version + 1), (saved.Title, saved.Owner, saved.Version));
        Assert.Contains($"name=\"Form.Version\" value=\"{saved.Version}\"", html);
    }

    [Fact]
    public async Task Progress_IsSavedPerReportingEvent()
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, "rapportor.dnhs@halland.demo");
        var a = await host.QueryAsync(db => db.Activities.Where(x => x.Title == "Införa digitala vårdmöten på fler mottagningar").Select(x => new { x.Id, x.Version }).SingleAsync());
        var events = await host.QueryAsync(db => db.ReportingEvents.Where(e => e.RegionId == db.Activities.First(x => x.Id == a.Id).RegionId).OrderBy(e => e.PeriodEnd).Select(e => new { e.Id, e.Name }).ToListAsync());
        var second = events.First(e => !e.Name.Contains("1", StringComparison.Ordinal) || events.IndexOf(e) > 0);

        var response = await Forms.PostAsync(client, $"/activities/{a.Id}", "report-progress", ("Progress.Version", a.Version.ToString()),
            ("Progress.Event", second.Id.ToString()), ("Progress.Status", "Delayed"), ("Progress.Comment", "Upphandlingen drog ut på tiden."));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var progress = await host.QueryAsync(db => db.ActivityProgress.Where(p => p.ActivityId == a.Id).Select(p => new { p.EventId, p.Status, p.Comment, p.UpdatedBy }).ToListAsync());
        Assert.Contains(progress, p => p.EventId == second.Id && p.Status == ActivityStatus.Delayed && p.Comment == "Upphandlingen drog ut på tiden." && p.UpdatedBy == "rapportor.dnhs@halland.demo");
        Assert.True(progress.Count >= 1);
        var html = await client.GetStringAsync($"/activities/{a.Id}?saved=progress");
        Assert.Contains("Lägesrapporten sparades.", html);
        Assert.Contains("Upphandlingen drog ut på tiden.", html);
    }

    private Task<int> CountAsync() => host.QueryAsync(db => db.Activities.CountAsync());
}

/// <summary>The administrator creates accounts and roles, and makes API tokens that are shown once and stored as hashes.</summary>
public sealed class AdminFormTests(AdminHost host) : IClassFixture<AdminHost>
{
    private const string Users = "/regions/13/admin/users";
    private const string Tokens = "/regions/13/admin/tokens";

    [Fact]
    public async Task AWeakPassword_IsNamed_AndNoAccountIsCreated()
    {
        var client = await AdminAsync();
        var response = await Forms.PostAsync(client, Users, "create-user", ("User.Email", "svag@halland.se"), ("User.DisplayName", "Svag Svensson"),
            ("User.Password", "kort"), ("User.Role", "Reader"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Kontot skapades inte:", html);
        Assert.Contains("<a href=\"#user-password\">Lösenordet måste ha minst 12 tecken.</a>", html);
        Assert.Contains("Lösenordet måste innehålla en siffra.", html);
        Assert.Contains("value=\"svag@halland.se\"", html);
        Assert.False(await host.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "svag@halland.se")));
    }

    [Fact]
    public async Task AReporterWithoutUnit_IsRefused()
    {
        var client = await AdminAsync();
        var response = await Forms.PostAsync(client, Users, "create-user", ("User.Email", "utan.enhet@halland.se"), ("User.DisplayName", "Utan Enhet"),
            ("User.Password", "ett-langt-losenord-9"), ("User.Role", "Reporter"), ("User.Unit", ""));
        Assert.Contains("hör till en enhet; välj vilken", await response.Content.ReadAsStringAsync());
        Assert.False(await host.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "utan.enhet@halland.se")));
    }

    [Fact]
    public async Task ANewUser_CanSignIn_AndHasTheRole_ThenGetsAnotherRole_AndLosesIt()
    {
        var client = await AdminAsync();
        var response = await Forms.PostAsync(client, Users, "create-user", ("User.Email", "ny.rapportor@halland.se"), ("User.DisplayName", "Ny Rapportör"),
            ("User.Password", "ett-langt-losenord-9"), ("User.Role", "Reporter"), ("User.Unit", "DNKT"));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.EndsWith("?done=created", response.Headers.Location!.OriginalString);

        var user = host.CreateClient();
        await Forms.LoginAsync(user, "ny.rapportor@halland.se", "ett-langt-losenord-9");
        Assert.Contains("value=\"DNKT\"", await user.GetStringAsync("/regions/13/activities"));
        var roles = await RolesAsync("ny.rapportor@halland.se");
        Assert.Equal([(RegionRole.Reporter, (string?)"DNKT")], roles.Select(r => (r.Role, r.Unit)));

        var userId = await host.QueryAsync(db => db.Users.Where(u => u.Email == "ny.rapportor@halland.se").Select(u => u.Id).SingleAsync());
        var grant = await Forms.PostAsync(client, Users, "grant-role", ("Grant.UserId", userId.ToString()), ("Grant.Role", "Reader"));
        Assert.Equal(HttpStatusCode.Found, grant.StatusCode);
        roles = await RolesAsync("ny.rapportor@halland.se");
        Assert.Equal(2, roles.Count);

        var remove = await Forms.PostAsync(client, Users, "manage-users", ("Manage.Revoke", roles.Single(r => r.Role == RegionRole.Reader).Id.ToString()));
        Assert.Equal(HttpStatusCode.Found, remove.StatusCode);
        Assert.Single(await RolesAsync("ny.rapportor@halland.se"));
    }

    [Fact]
    public async Task TheAdministrator_CannotRemoveHerOwnLastAdministratorRole()
    {
        var client = await AdminAsync();
        var own = (await RolesAsync("admin@halland.demo")).Single(r => r.Role == RegionRole.Administrator);
        var response = await Forms.PostAsync(client, Users, "manage-users", ("Manage.Revoke", own.Id.ToString()));
        Assert.Contains("Du kan inte ta bort din egen sista administratörsroll", await response.Content.ReadAsStringAsync());
        Assert.Contains(await RolesAsync("admin@halland.demo"), r => r.Role == RegionRole.Administrator);
    }

    [Fact]
    public async Task ALockedOutUser_IsUnlocked()
    {
        var client = await AdminAsync();
        var probe = host.CreateClient();
        for (var i = 0; i < 5; i++)
            await Forms.PostAsync(probe, "/login", "login", ("Form.Email", "godkannare.dnpsh@halland.demo"), ("Form.Password", "fel-losenord-1"));
        Assert.Contains("Låst", await client.GetStringAsync(Users));
        var id = await host.QueryAsync(db => db.Users.Where(u => u.Email == "godkannare.dnpsh@halland.demo").Select(u => u.Id).SingleAsync());

        var response = await Forms.PostAsync(client, Users, "manage-users", ("Manage.Unlock", id.ToString()));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        await Forms.LoginAsync(host.CreateClient(), "godkannare.dnpsh@halland.demo");
    }

    [Fact]
    public async Task AToken_IsShownOnce_StoredAsAHash_AndStopsWorkingWhenRevoked()
    {
        var client = await AdminAsync();
        var response = await Forms.PostAsync(client, Tokens, "create-token", ("Token.Name", "Ekonomisystemet"), ("Token.Role", "Reporter"),
            ("Token.Unit", "DNHS"), ("Token.Expires", "2099-12-31"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("role=\"status\"", html);
        Assert.Contains("den visas bara den här gången", html);
        var secret = Regex.Match(html, "value=\"(styra_[^\"]+)\"").Groups[1].Value;
        Assert.StartsWith("styra_", secret);

        var stored = await host.QueryAsync(db => db.ApiTokens.SingleAsync(t => t.Name == "Ekonomisystemet"));
        Assert.Equal(ApiToken.Hash(secret), stored.TokenHash);
        Assert.DoesNotContain(secret, stored.TokenHash + stored.Hint);
        Assert.Equal((RegionRole.Reporter, false), (stored.Role, stored.RevokedAt.HasValue));
        Assert.DoesNotContain(secret, await client.GetStringAsync(Tokens));
        var audit = await host.QueryAsync(db => db.AuditRecords.Where(r => r.ObjectType == "ApiToken").Select(r => r.After).ToListAsync());
        Assert.DoesNotContain(audit, a => a != null && a.Contains(secret));
        Assert.True(await AuthenticatesAsync(secret));

        var revoke = await Forms.PostAsync(client, Tokens, "revoke-token", ("RevokeId", stored.Id.ToString()));

        Assert.Equal(HttpStatusCode.Found, revoke.StatusCode);
        Assert.NotNull((await host.QueryAsync(db => db.ApiTokens.SingleAsync(t => t.Id == stored.Id))).RevokedAt);
        Assert.False(await AuthenticatesAsync(secret));
    }

    [Fact]
    public async Task AnAdministratorToken_IsRefused()
    {
        var client = await AdminAsync();
        var response = await Forms.PostAsync(client, Tokens, "create-token", ("Token.Name", "Allt"), ("Token.Role", "Administrator"));
        Assert.Contains("En API-nyckel kan inte administrera konton", await response.Content.ReadAsStringAsync());
        Assert.False(await host.QueryAsync(db => db.ApiTokens.AnyAsync(t => t.Name == "Allt")));
    }

    /// <summary>Whether the host's token scheme accepts "Authorization: Bearer SECRET".</summary>
    private async Task<bool> AuthenticatesAsync(string secret)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = $"Bearer {secret}";
        return (await context.AuthenticateAsync(Styra.Web.Accounts.CurrentAccess.TokenScheme)).Succeeded;
    }

    private async Task<HttpClient> AdminAsync()
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, "admin@halland.demo");
        return client;
    }

    private Task<List<(int Id, RegionRole Role, string? Unit)>> RolesAsync(string email) => host.QueryAsync(async db =>
        (await db.Memberships.Where(m => m.User.Email == email).Select(m => new { m.Id, m.Role, Unit = m.Unit == null ? null : m.Unit.Code }).ToListAsync())
        .Select(m => (m.Id, m.Role, m.Unit)).ToList());
}
