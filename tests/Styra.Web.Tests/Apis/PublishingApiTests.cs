using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.FollowUp;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Apis;

public sealed class PublishingApiHost() : StyraHost("Sqlite");

/// <summary>The planners' publishing decisions through the real host, and the planners' page for them.</summary>
public sealed class PublishingApiTests(PublishingApiHost host) : IClassFixture<PublishingApiHost>
{
    private async Task<HttpClient> AsAsync(string email)
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, email);
        client.DefaultRequestHeaders.Add("X-Styra-Request", "1");
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<int> EventIdAsync(EventKind kind)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        return await db.ReportingEvents.Where(e => e.Kind == kind && e.Region.Code == new Styra.Features.Organisation.RegionCode("13")).Select(e => e.Id).SingleAsync();
    }

    [Fact]
    public async Task Planners_ListPublishScheduleAndWithdraw_OthersAreRefused_AndBadInputNamesItsField()
    {
        const string url = "/api/regions/13/publications";
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await AsAsync("lasare@halland.demo")).GetAsync(url)).StatusCode);

        var planner = await AsAsync("planerare@halland.demo");
        var list = await JsonAsync(await planner.GetAsync(url));
        var ur1 = list.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Uppföljningsrapport 1 2024");
        Assert.True(ur1.GetProperty("publication").GetProperty("isPublic").GetBoolean());
        Assert.True(ur1.GetProperty("approved").GetInt32() > 0);
        Assert.DoesNotContain(list.EnumerateArray(), c => c.GetProperty("name").GetString()!.StartsWith("Månadsrapport"));

        var ur2 = await EventIdAsync(EventKind.Tertial2);
        var at = DateTimeOffset.UtcNow.AddDays(3);
        var scheduled = await planner.PostAsJsonAsync(url, new { kind = "follow-up", eventId = ur2, publishAt = at });
        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        var publication = await JsonAsync(scheduled);
        Assert.False(publication.GetProperty("isPublic").GetBoolean());
        Assert.Equal(at.ToUnixTimeSeconds(), publication.GetProperty("publishAt").GetDateTimeOffset().ToUnixTimeSeconds());

        int monthly;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
            monthly = await scope.ServiceProvider.GetRequiredService<StyraDbContext>().ReportingEvents.Where(e => e.Kind == EventKind.Monthly).Select(e => e.Id).FirstAsync();
        var month = await planner.PostAsJsonAsync(url, new { kind = "follow-up", eventId = monthly });
        Assert.Contains("Monthly reports are internal", (await JsonAsync(month)).GetProperty("errors").GetProperty("eventId")[0].GetString());
        var invalid = await planner.PostAsJsonAsync(url, new { kind = "follow-up", eventId = 999_999 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await JsonAsync(invalid)).GetProperty("errors").TryGetProperty("eventId", out _));
        var past = await planner.PostAsJsonAsync(url, new { kind = "economy", year = 2024, publishAt = DateTimeOffset.UtcNow.AddDays(-1) });
        Assert.True((await JsonAsync(past)).GetProperty("errors").TryGetProperty("publishAt", out _));

        var id = publication.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Forbidden, (await (await AsAsync("planerare@skane.demo")).DeleteAsync($"{url}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await planner.DeleteAsync($"{url}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await planner.DeleteAsync($"{url}/{id}")).StatusCode);
        var after = await JsonAsync(await planner.GetAsync(url));
        Assert.Equal(JsonValueKind.Null, after.EnumerateArray().Single(c => c.GetProperty("eventId").ValueKind == JsonValueKind.Number
            && c.GetProperty("eventId").GetInt32() == ur2).GetProperty("publication").ValueKind);
    }
}

/// <summary>The planners' publishing page, posted as a browser without JavaScript would.</summary>
public sealed class PublishingPageTests(PublishingApiHost host) : IClassFixture<PublishingApiHost>
{
    private const string Page = "/regions/13/publishing";

    [Fact]
    public async Task APlanner_PublishesNowAndSchedules_AMissingTimeIsNamed_AndAReaderOnlyReads()
    {
        var reader = host.CreateClient();
        await Forms.LoginAsync(reader, "lasare@halland.demo");
        var readerHtml = await reader.GetStringAsync(Page);
        Assert.Contains("Bara regionens planerare bestämmer vad som publiceras.", readerHtml);
        Assert.DoesNotContain("Form.Command", readerHtml);

        var planner = host.CreateClient();
        await Forms.LoginAsync(planner, "planerare@halland.demo");
        var html = await planner.GetStringAsync(Page);
        Assert.Contains("Uppföljningsrapport 2 / delårsbokslut 2024", html);
        Assert.DoesNotContain("<th scope=\"row\">Månadsrapport", html);

        int ur2;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
            ur2 = await scope.ServiceProvider.GetRequiredService<StyraDbContext>().ReportingEvents
                .Where(e => e.Kind == EventKind.Tertial2).Select(e => e.Id).SingleAsync();

        var noTime = await Forms.PostAsync(planner, Page, "publishing", ("Form.Command", $"schedule|event-{ur2}"), ($"Form.At[event-{ur2}]", ""));
        var noTimeHtml = await noTime.Content.ReadAsStringAsync();
        Assert.Contains("Ange dag och tid att publicera Uppföljningsrapport 2 / delårsbokslut 2024", noTimeHtml);

        var later = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-ddTHH:mm");
        var scheduled = await Forms.PostAsync(planner, Page, "publishing", ("Form.Command", $"schedule|event-{ur2}"), ($"Form.At[event-{ur2}]", later));
        Assert.Equal("/regions/13/publishing?done=scheduled", scheduled.Headers.Location?.PathAndQuery);
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var publication = await scope.ServiceProvider.GetRequiredService<StyraDbContext>().Publications.SingleAsync(p => p.EventId == ur2);
            Assert.True(publication.PublishAt > DateTimeOffset.UtcNow.AddDays(9));
        }
        Assert.Contains("Schemalagd", await planner.GetStringAsync(Page));

        // The form's day and time are Swedish time: summer (UTC+2) and winter (UTC+1).
        foreach (var (local, utc) in new[] { ("2027-07-01T08:00", new DateTimeOffset(2027, 7, 1, 6, 0, 0, TimeSpan.Zero)), ("2027-01-15T08:00", new DateTimeOffset(2027, 1, 15, 7, 0, 0, TimeSpan.Zero)) })
        {
            await Forms.PostAsync(planner, Page, "publishing", ("Form.Command", $"schedule|event-{ur2}"), ($"Form.At[event-{ur2}]", local));
            await using var scope = host.Factory.Services.CreateAsyncScope();
            Assert.Equal(utc, (await scope.ServiceProvider.GetRequiredService<StyraDbContext>().Publications.SingleAsync(p => p.EventId == ur2)).PublishAt);
        }
        var zoned = await Forms.PostAsync(planner, Page, "publishing", ("Form.Command", $"schedule|event-{ur2}"), ($"Form.At[event-{ur2}]", "2027-03-01T08:00Z"));
        Assert.Contains("Ange dag och tid att publicera", await zoned.Content.ReadAsStringAsync());

        var now = await Forms.PostAsync(planner, Page, "publishing", ("Form.Command", $"publish|event-{ur2}"));
        Assert.Equal("/regions/13/publishing?done=published", now.Headers.Location?.PathAndQuery);
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
            var publication = await db.Publications.SingleAsync(p => p.EventId == ur2);
            Assert.True(publication.PublishAt <= DateTimeOffset.UtcNow);
            Assert.Equal("planerare@halland.demo", publication.PublishedBy);
            var withdrawn = await Forms.PostAsync(planner, Page, "publishing", ("Form.Command", $"withdraw|{publication.Id}"));
            Assert.Equal("/regions/13/publishing?done=withdrawn", withdrawn.Headers.Location?.PathAndQuery);
            Assert.False(await db.Publications.AnyAsync(p => p.EventId == ur2));
        }
    }
}
