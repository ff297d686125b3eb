using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.CareOffer;
using Styra.Features.Organisation;
using Styra.Web.Components.Pages.CareOffer;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Pages;

public sealed class CareOfferHost() : StyraHost("Sqlite");

/// <summary>The care-offer register's pages and API through the real host, without JavaScript.</summary>
public sealed class CareOfferPageTests(CareOfferHost host) : IClassFixture<CareOfferHost>
{
    private const string Planner = "planerare@skane.demo";

    private async Task<HttpClient> AsAsync(string email)
    {
        var client = host.CreateClient();
        await Forms.LoginAsync(client, email);
        return client;
    }

    private async Task<string> HtmlAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private async Task<CareOfferRegister> RegisterAsync(int year)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<CareOfferRegisters>().GetAsync(DemoCareOffer.Skane, year))!;
    }

    /// <summary>Makes Halland's reader a reader of Skåne too.</summary>
    private async Task<HttpClient> SkaneReaderAsync()
    {
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
            var user = await db.Users.SingleAsync(u => u.Email == "lasare@halland.demo");
            var skane = await db.Regions.SingleAsync(r => r.Code == DemoCareOffer.Skane);
            if (!await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.RegionId == skane.Id))
            {
                db.Memberships.Add(new Membership(user, skane, RegionRole.Reader, null));
                await db.SaveChangesAsync();
            }
        }
        return await AsAsync("lasare@halland.demo");
    }

    [Fact]
    public async Task TheRegisterPage_ShowsTheLatestYear_TheDemoBanner_AndFilters()
    {
        var planner = await AsAsync(Planner);
        var html = await HtmlAsync(planner, "/regions/12/care-offer");
        Assert.Contains("<h1>Vårdutbud 2026</h1>", html);
        Assert.Contains("Demo – fiktiva uppgifter.", html);
        Assert.Contains("Demo Handkirurgisk mottagning Ystad", html);
        Assert.Contains("Demo Vårdcentral Malmö Hyllie", html);
        Assert.Contains("href=\"/regions/12/care-offer/2026/checks\"", html);
        Assert.Contains("href=\"/regions/12/care-offer/2026/proposals\"", html);
        Assert.Contains("<td>Ystad</td>", html); // municipality names, not codes
        Assert.Contains("Ny enhet", html);

        var filtered = await HtmlAsync(planner, "/regions/12/care-offer/2025?specialty=Handkirurgi&level=&municipality=");
        Assert.Contains("Visar 4 av", filtered);
        Assert.Contains("Demo Handkirurgi Malmö", filtered);
        Assert.DoesNotContain("Demo Vårdcentral", filtered);
        Assert.DoesNotContain("Demo Vårdcentral Malmö Hyllie", filtered);
        var byPlace = await HtmlAsync(planner, "/regions/12/care-offer/2025?municipality=1286&level=Local");
        Assert.Contains("Demo Hudmottagning Ystad", byPlace);
        Assert.DoesNotContain("Demo Vårdcentral Ystad", byPlace); // primary level, filtered out

        // The region page links to it.
        Assert.Contains("href=\"/regions/12/care-offer\"", await HtmlAsync(planner, "/regions/12"));
    }

    [Fact]
    public async Task TheUnitForm_ShowsEachFieldsError_SavesAGoodUnit_AndAStaleFormIsAConflict()
    {
        var planner = await AsAsync(Planner);
        var version = (await RegisterAsync(2025)).Version;
        var url = "/regions/12/care-offer/2025/new-unit";
        (string, string)[] fields =
        [
            ("Form.Version", version.ToString()), ("Form.Key", "NY ENHET"), ("Form.Name", "Demo Ny mottagning"), ("Form.Specialty", "Reumatologi"),
            ("Form.Kind", "OutpatientClinic"), ("Form.Level", "Local"), ("Form.Mode", "Elective"), ("Form.Need", "Frequent"), ("Form.Municipality", "1286"),
            ("Form.SpecialistPhysicians", "3"), ("Form.PatientsPerYear", "900"), ("Form.VisitsPerYear", "2000"),
        ];
        var bad = WebUtility.HtmlDecode(await (await Forms.PostAsync(planner, url, "care-unit", fields)).Content.ReadAsStringAsync());
        Assert.Contains("Enheten sparades inte:", bad);
        Assert.Contains("id=\"unit-key-error\"", bad);
        Assert.Contains("bokstäver, siffror och bindestreck", bad);
        Assert.Contains("value=\"Demo Ny mottagning\"", bad); // what was typed stays
        Assert.Equal(version, (await RegisterAsync(2025)).Version);

        var notNumber = WebUtility.HtmlDecode(await (await Forms.PostAsync(planner, url, "care-unit",
            [.. fields.Where(f => f.Item1 is not ("Form.Key" or "Form.PatientsPerYear")), ("Form.Key", "NY-ENHET"), ("Form.PatientsPerYear", "många")])).Content.ReadAsStringAsync());
        Assert.Contains("id=\"unit-patientsPerYear-error\"", notNumber);
        Assert.Contains("”många” är inget heltal", notNumber);

        var ok = await Forms.PostAsync(planner, url, "care-unit", [.. fields.Where(f => f.Item1 != "Form.Key"), ("Form.Key", "NY-ENHET")]);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var saved = await RegisterAsync(2025);
        Assert.Equal(version + 1, saved.Version);
        Assert.Equal(("Demo Ny mottagning", "1286", 900), saved.Units.Where(u => u.Key == "NY-ENHET").Select(u => (u.Name, u.MunicipalityId, u.PatientsPerYear)).Single());

        // A form opened before that save is stale: a conflict, nothing overwritten.
        var stale = WebUtility.HtmlDecode(await (await Forms.PostAsync(planner, "/regions/12/care-offer/2025/units/NY-ENHET", "care-unit",
            [.. fields.Where(f => f.Item1 is not ("Form.Key" or "Form.Version" or "Form.Name")), ("Form.Key", "NY-ENHET"), ("Form.Version", version.ToString()), ("Form.Name", "Gammal")])).Content.ReadAsStringAsync());
        Assert.Contains($"du hade version {version}, nu är det version {version + 1}", stale);
        Assert.Equal("Demo Ny mottagning", (await RegisterAsync(2025)).Units.Single(u => u.Key == "NY-ENHET").Name);
    }

    [Fact]
    public async Task TwoEditsFromTheSameVersion_TheSecondIsAConflict_AndTheFormShowsTheStoredUnit()
    {
        var first = await AsAsync(Planner);
        var second = await AsAsync(Planner);
        var register = await RegisterAsync(2025);
        var unit = register.Units.Single(u => u.Key == "SKD-HAND-YST");
        var url = "/regions/12/care-offer/2025/units/SKD-HAND-YST";
        // Both planners opened the unit at the same version and change its note.
        (string, string)[] Fields(string note, int version)
        {
            var f = CareUnitForm.From(unit, version);
            return [("Form.Version", version.ToString()), ("Form.Key", f.Key!), ("Form.Name", f.Name!), ("Form.Kind", f.Kind!), ("Form.Specialty", f.Specialty!),
                ("Form.Level", f.Level!), ("Form.Mode", f.Mode!), ("Form.Need", f.Need!), ("Form.Municipality", f.Municipality!),
                ("Form.SpecialistPhysicians", f.SpecialistPhysicians!), ("Form.SpecialistPhysicianFte", f.SpecialistPhysicianFte ?? ""),
                ("Form.OtherStaff", f.OtherStaff ?? ""), ("Form.OtherStaffFte", f.OtherStaffFte ?? ""), ("Form.PatientsPerYear", f.PatientsPerYear!),
                ("Form.VisitsPerYear", f.VisitsPerYear!), .. f.Essential ? [("Form.Essential", "true")] : Array.Empty<(string, string)>(),
                ("Form.ContinuityPlan", f.ContinuityPlan ?? ""), ("Form.Note", note)];
        }
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(first, url, "care-unit", Fields("Första planerarens anteckning", register.Version))).StatusCode);

        // The second save from the same version is refused, and the form now holds the stored unit (the first planner's
        // note) at the current version, not what the second planner typed: saving again cannot overwrite it unseen.
        var conflict = WebUtility.HtmlDecode(await (await Forms.PostAsync(second, url, "care-unit", Fields("Andra planerarens anteckning", register.Version))).Content.ReadAsStringAsync());
        Assert.Contains($"du hade version {register.Version}, nu är det version {register.Version + 1}", conflict);
        Assert.Contains("Formuläret visar nu enheten som den är sparad", conflict);
        Assert.Matches(@"<textarea id=""unit-note""[^>]*>Första planerarens anteckning</textarea>", conflict);
        Assert.DoesNotContain("Andra planerarens anteckning", conflict);
        Assert.Contains($"name=\"Form.Version\" value=\"{register.Version + 1}\"", conflict);
        Assert.Equal("Första planerarens anteckning", (await RegisterAsync(2025)).Units.Single(u => u.Key == "SKD-HAND-YST").Note);

        // Made again against the current version, the change is saved.
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(second, url, "care-unit", Fields("Andra planerarens anteckning", register.Version + 1))).StatusCode);
        var saved = await RegisterAsync(2025);
        Assert.Equal(("Andra planerarens anteckning", register.Version + 2), (saved.Units.Single(u => u.Key == "SKD-HAND-YST").Note, saved.Version));
    }

    [Fact]
    public async Task AReader_SeesTheRegister_ButCannotChangeIt()
    {
        var reader = await SkaneReaderAsync();
        var html = await HtmlAsync(reader, "/regions/12/care-offer/2025");
        Assert.Contains("Demo Handkirurgi Malmö", html);
        Assert.DoesNotContain("Ny enhet", html);
        Assert.Contains("Bara regionens planerare kan ändra registret", html);
        var before = await RegisterAsync(2025);

        // No form is offered; a forged post (with the page's own token) is refused and nothing changes.
        var forged = WebUtility.HtmlDecode(await (await Forms.PostAsync(reader, "/regions/12/care-offer/2025", "new-year",
            ("NewYear.Year", "2035"), ("NewYear.CopyFrom", "2025"))).Content.ReadAsStringAsync());
        Assert.DoesNotContain("?done=year", forged);
        var api = await reader.PostAsJsonAsync("/api/regions/12/care-offer/2025/units", new { version = before.Version, key = "X-1" });
        Assert.True(api.StatusCode == HttpStatusCode.Forbidden, await api.Content.ReadAsStringAsync());
        reader.DefaultRequestHeaders.Add("X-Styra-Request", "1");
        var delete = await reader.DeleteAsync($"/api/regions/12/care-offer/2025/units/SKD-HAND-YST?version={before.Version}");
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        var after = await RegisterAsync(2025);
        Assert.Equal((before.Version, before.Units.Count), (after.Version, after.Units.Count));
        await using var scope = host.Factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<StyraDbContext>().CareOfferRegisters.AnyAsync(r => r.Year == 2035));
    }

    [Fact]
    public async Task TheImportPage_ListsTheErrors_ThenImports_AndTheApiExportsAndImports()
    {
        var planner = await AsAsync(Planner);
        var before = await RegisterAsync(2026);
        var bad = Encoding.UTF8.GetBytes(CareOfferColumns.Header + "\nA-1;Enhet;sjukhus;Handkirurgi;lokal;elektiv;sällan;1286;2;;;;300;900;nej;;\n");
        var html = WebUtility.HtmlDecode(await (await Forms.PostFilesAsync(planner, "/regions/12/care-offer/2026/import", "care-offer-import", [("utbud.csv", bad)]))
            .Content.ReadAsStringAsync());
        Assert.Contains("Inget importerades – 1 fel. Registret är som det var.", html);
        Assert.Contains("utbud.csv</span>, <span lang=\"en\">row 2, column 3 (typ)</span>", html);
        Assert.Equal(before.Version, (await RegisterAsync(2026)).Version);

        // The API's export of 2025 imports into 2026 through the page: 2026 becomes 2025.
        var csv = await planner.GetByteArrayAsync("/api/regions/12/care-offer/2025.csv");
        var done = WebUtility.HtmlDecode(await (await Forms.PostFilesAsync(planner, "/regions/12/care-offer/2026/import", "care-offer-import", [("export.csv", csv)]))
            .Content.ReadAsStringAsync());
        Assert.Contains("Importen är klar.", done);
        var r2025 = await RegisterAsync(2025);
        Assert.Contains($"Enheter: {before.Units.Count} före → {r2025.Units.Count} efter", done);
        Assert.Equal(r2025.Units.Select(u => u.ToData()), (await RegisterAsync(2026)).Units.Select(u => u.ToData()));

        // The API: a bad file is a 400 listing the errors; JSON carries the register and its version.
        using var content = new MultipartFormDataContent { { new ByteArrayContent(bad), "file", "utbud.csv" } };
        planner.DefaultRequestHeaders.Add("X-Styra-Request", "1");
        var refused = await planner.PostAsync("/api/regions/12/care-offer/2026/import", content);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedText = await refused.Content.ReadAsStringAsync();
        Assert.True(refusedText.Contains("row 2, column 3 (typ)"), refusedText);
        var json = await planner.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/regions/12/care-offer/2026");
        Assert.False(json.GetProperty("isDemo").GetBoolean());
        Assert.Equal("Ystad", json.GetProperty("units").EnumerateArray().First(u => u.GetProperty("key").GetString() == "SKD-HAND-YST").GetProperty("municipalityName").GetString());
        var stale = await planner.PutAsJsonAsync("/api/regions/12/care-offer/2026/units/SKD-HAND-YST", new { version = 1, name = "x" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await planner.GetAsync("/api/regions/12/care-offer/template.csv")).StatusCode);
    }
}
