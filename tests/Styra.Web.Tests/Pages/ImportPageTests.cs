using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Pages;

/// <summary>A planner imports value files from the web: the same pipeline as the CLI, all or nothing.</summary>
public sealed class ImportPageTests(EditingHost host) : IClassFixture<EditingHost>, IAsyncLifetime
{
    public Task InitializeAsync() => Forms.LoginAsync(_client, "planerare@halland.demo");

    public Task DisposeAsync() => Task.CompletedTask;

    private const string Page = "/regions/13/import";
    private readonly HttpClient _client = host.CreateClient();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task ACsvFile_IsImported_AndTheSummarySaysWhat()
    {
        var response = await Forms.PostFilesAsync(_client, Page, "import",
            [("halland-1998.csv", Utf8("indikator;område;period;kön;värde\nN00923;0013;1998;T;76,1\nN00923;0013;1998;K;80,9\n"))]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Importen är klar", html);
        Assert.Contains("2 värden lades till, 0 ändrades", html);
        Assert.Equal(2, await CountAsync("halland-1998.csv"));
    }

    [Fact]
    public async Task ABadFile_IsListedWithFileRowAndColumn_AndNothingIsImported()
    {
        var response = await Forms.PostFilesAsync(_client, Page, "import",
            [("a.csv", Utf8("indikator;område;period;värde\nN00923;0013;1997;76,1\n")), ("b.csv", Utf8("indikator;område;period;värde\nN00923;0013;1997Q;76\n"))]);

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Inget importerades – 1 fel. Databasen är som den var.", html);
        Assert.Contains("b.csv</span>, <span lang=\"en\">row 2, column 3 (period)</span>: <span lang=\"en\">'1997Q' is not a period", html);
        Assert.Equal(0, await CountAsync("a.csv, b.csv"));
    }

    [Fact]
    public async Task ADryRun_ReportsAndSavesNothing()
    {
        var response = await Forms.PostFilesAsync(_client, Page, "import",
            [("dry.csv", Utf8("indikator;område;period;värde\nN00923;0013;1996;75,9\n"))], ("dryRun", "true"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Kontrollen gick igenom – inget sparades.", html);
        Assert.Contains("1 värde skulle läggas till", html);
        Assert.Equal(0, await CountAsync("dry.csv"));
    }

    [Fact]
    public async Task FilesOfDifferentKinds_OrAnUnknownKind_AreRefused()
    {
        var mixed = await (await Forms.PostFilesAsync(_client, Page, "import", [("a.csv", Utf8("x")), ("b.json", Utf8("{}"))])).Content.ReadAsStringAsync();
        var unknown = await (await Forms.PostFilesAsync(_client, Page, "import", [("a.docx", Utf8("x"))])).Content.ReadAsStringAsync();

        Assert.Contains("filerna är av olika slag", mixed);
        Assert.Contains("okänd filtyp", unknown);
    }

    [Fact]
    public async Task AfterAnImport_TheCachedSummariesShowTheNewValue_AlsoWhenAnotherProcessImported()
    {
        async Task<double> LatestAsync()
        {
            var all = await _client.GetFromJsonAsync<JsonElement>("/api/regions/13/indicators");
            return all.EnumerateArray().Single(i => i.GetProperty("code").GetString() == "N00925").GetProperty("latest").GetDouble();
        }
        Assert.Equal(85.5, await LatestAsync(), 1); // Kolada's 2022 value, now cached

        await Forms.PostFilesAsync(_client, Page, "import", [("ny.csv", Utf8("indikator;område;period;värde\nN00925;0013;2022;85,9\n"))]);
        Assert.Equal(85.9, await LatestAsync(), 3);

        // Another process (the CLI, another instance) changes the database directly: the stamp tells the cache.
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var importer = scope.ServiceProvider.GetRequiredService<Styra.Features.Indicators.Imports.ValueImporter>();
            await importer.ImportAsync(Styra.Features.Indicators.Imports.ImportFormat.Csv,
                [new Styra.Features.Indicators.ImportFile("cli.csv", () => new MemoryStream(Utf8("indikator;område;period;värde\nN00925;0013;2022;86,1\n")))], "cli");
        }
        Assert.Equal(86.1, await LatestAsync(), 3);
    }

    private async Task<int> CountAsync(string files)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StyraDbContext>().Measurements.CountAsync(m => m.ImportBatch.Files == files);
    }
}
