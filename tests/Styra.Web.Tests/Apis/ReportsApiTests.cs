using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.FollowUp;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Apis;

public sealed class ReportsApiHost() : StyraHost("Sqlite");

/// <summary>Downloading an event's report through the real host: who may, which formats, and who may ask for a draft.</summary>
public sealed class ReportsApiTests(ReportsApiHost host) : IClassFixture<ReportsApiHost>
{
    private async Task<HttpClient> AsAsync(string email)
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, email);
        return client;
    }

    private async Task<int> EventAsync(EventKind kind)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        return await db.ReportingEvents.Where(e => e.Kind == kind && e.Region.Code == new Styra.Features.Organisation.RegionCode("13")).Select(e => e.Id).FirstAsync();
    }

    [Fact]
    public async Task Anonymous_Gets401_AnotherRegionsPlanner403_AnUnknownFormat400()
    {
        var id = await EventAsync(EventKind.Tertial1);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().GetAsync($"/api/followup/events/{id}/report/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await AsAsync("planerare@skane.demo")).GetAsync($"/api/followup/events/{id}/report/pdf")).StatusCode);
        var reader = await AsAsync("lasare@halland.demo");
        var bad = await reader.GetAsync($"/api/followup/events/{id}/report/odt");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("docx, pdf or xlsx", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/followup/events/{id}/report/pdf?committee=NOPE")).StatusCode);
    }

    [Fact]
    public async Task AReader_DownloadsTheApprovedReport_InEachFormat_ButNotADraft()
    {
        var id = await EventAsync(EventKind.Tertial1);
        var reader = await AsAsync("lasare@halland.demo");
        foreach (var (format, type, magic) in new[]
                 {
                     ("pdf", "application/pdf", "%PDF"u8.ToArray()),
                     ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK"u8.ToArray()),
                     ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK"u8.ToArray()),
                 })
        {
            var response = await reader.GetAsync($"/api/followup/events/{id}/report/{format}?committee=DNKT");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.EndsWith($".{format}", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(magic, bytes.Take(magic.Length).ToArray());
        }
        var draft = await reader.GetAsync($"/api/followup/events/{id}/report/pdf?draft=true");
        Assert.Equal(HttpStatusCode.Forbidden, draft.StatusCode);
        Assert.Contains("planners", await draft.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ADraft_IsForThePlanners_AndForACommitteesOwnReporters()
    {
        var id = await EventAsync(EventKind.Tertial1);
        var planner = await AsAsync("planerare@halland.demo");
        Assert.Equal(HttpStatusCode.OK, (await planner.GetAsync($"/api/followup/events/{id}/report/xlsx?draft=true")).StatusCode);
        var reporter = await AsAsync("rapportor.dnhs@halland.demo");
        Assert.Equal(HttpStatusCode.OK, (await reporter.GetAsync($"/api/followup/events/{id}/report/xlsx?draft=true&committee=DNHS")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync($"/api/followup/events/{id}/report/xlsx?draft=true&committee=DNPSH")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync($"/api/followup/events/{id}/report/xlsx?draft=true")).StatusCode);
        var approver = await AsAsync("godkannare.dnhs@halland.demo");
        Assert.Equal(HttpStatusCode.OK, (await approver.GetAsync($"/api/followup/events/{id}/report/xlsx?draft=true&committee=DNHS")).StatusCode);
    }

    [Fact]
    public async Task TheWholeRegionOption_SendsAnEmptyCommittee_AndGetsTheRegionsReport_AnotherRegionsCommitteeIs404()
    {
        var id = await EventAsync(EventKind.Tertial1);
        var planner = await AsAsync("planerare@halland.demo");
        var whole = await planner.GetAsync($"/api/followup/events/{id}/report/xlsx?committee=&draft=true");
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.DoesNotContain("Driftn", whole.Content.Headers.ContentDisposition?.FileNameStar ?? "");
        string skaneUnit;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
            skaneUnit = await scope.ServiceProvider.GetRequiredService<StyraDbContext>().Units
                .Where(u => u.Region.Code == new Styra.Features.Organisation.RegionCode("12")).Select(u => u.Code).FirstAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await planner.GetAsync($"/api/followup/events/{id}/report/xlsx?committee={skaneUnit}")).StatusCode);
    }
}
