using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.FollowUp;
using Styra.Features.Indicators;
using Styra.Features.OpenData;
using Styra.Features.Plans;
using Styra.Features.Publishing;
using Styra.Web.Tests.Infrastructure;
using Sylvan.Data.Csv;

namespace Styra.Web.Tests.Apis;

public sealed class OpenDataApiTestsOnSqlite(SqliteHost host) : OpenDataApiTests(host), IClassFixture<SqliteHost>;

public sealed class OpenDataApiTestsOnPostgres(PostgresHost host) : OpenDataApiTests(host), IClassFixture<PostgresHost>;

/// <summary>The open-data API (JSON and CSV), the Kolada-compatible API and the DCAT catalogue on the demo, read-only.</summary>
public abstract class OpenDataApiTests(StyraHost host)
{
    private readonly HttpClient _client = host.CreateClient();

    [Fact]
    public async Task Regions_ListsBothDemoRegions_AsJsonAndCsv_WithTheLicence()
    {
        var body = await _client.GetFromJsonAsync<JsonElement>("/api/open/v1/regions");
        Assert.Equal("CC0-1.0", body.GetProperty("license").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("attribution").ValueKind);
        var codes = body.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Contains("13", codes);
        Assert.Contains("12", codes);

        var (header, rows) = await CsvAsync("/api/open/v1/regions.csv", "styra-regions.csv");
        Assert.Equal(["code", "kolada_id", "name", "plan_count", "license"], header);
        Assert.Contains(rows, r => r["code"] == "13" && r["kolada_id"] == "0013" && r["name"] == "Region Halland");
    }

    [Fact]
    public async Task Plans_CarryTheCurrentVersionAndDecision_AsJsonAndCsv()
    {
        var body = await _client.GetFromJsonAsync<JsonElement>("/api/open/v1/regions/13/plans");
        var mob = body.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "mal-och-budget-2024-2028");
        Assert.Equal("goals-and-budget", mob.GetProperty("kind").GetString());
        Assert.Equal(1, mob.GetProperty("version").GetInt32());
        Assert.Equal(2024, mob.GetProperty("validFrom").GetInt32());
        // The planners' approved UR1 assessment of the region as a whole is published with UR1.
        var overall = mob.GetProperty("published");
        Assert.Equal("Uppföljningsrapport 1 2024", overall.GetProperty("event").GetString());
        Assert.Equal(JsonValueKind.Null, overall.GetProperty("unit").ValueKind);

        var (header, rows) = await CsvAsync("/api/open/v1/regions/13/plans.csv", "styra-13-plans.csv");
        Assert.Contains("decision_date", header);
        var row = rows.Single(r => r["key"] == "mal-och-budget-2024-2028");
        Assert.Equal("Mål och budget 2024–2028", row["title"]);
        Assert.Equal("goals-and-budget", row["kind"]);
        Assert.Equal("Uppföljningsrapport 1 2024", row["published_event"]);
        Assert.Equal(body.GetProperty("items").GetArrayLength(), rows.Count);
    }

    [Fact]
    public async Task Goals_ListEveryNode_WithThePublishedUr1Assessment_AndNothingOfUr2()
    {
        var body = await _client.GetFromJsonAsync<JsonElement>("/api/open/v1/regions/13/goals");
        var goals = body.GetProperty("items").EnumerateArray().ToList();
        var mob = goals.Where(g => g.GetProperty("planKey").GetString() == "mal-och-budget-2024-2028").ToList();
        Assert.Equal(7, mob.Count(g => g.GetProperty("level").GetString() == "focus-area" && g.GetProperty("levelName").GetString() == "Fokusområde"));
        Assert.Equal(21, mob.Count(g => g.GetProperty("level").GetString() == "goal"));
        var vision = mob.First();
        Assert.Equal(JsonValueKind.Null, vision.GetProperty("parentKey").ValueKind);
        Assert.All(mob.Skip(1), g => Assert.NotEqual(JsonValueKind.Null, g.GetProperty("parentKey").ValueKind));
        Assert.Contains(mob, g => g.GetProperty("indicators").GetArrayLength() > 0);
        Assert.Contains(mob, g => g.GetProperty("responsible").GetArrayLength() > 0);

        var published = mob.Where(g => g.GetProperty("published").ValueKind != JsonValueKind.Null).ToList();
        Assert.NotEmpty(published);
        Assert.All(published, g => Assert.Equal("Uppföljningsrapport 1 2024", g.GetProperty("published").GetProperty("event").GetString()));
        var all = goals.SelectMany(g => g.GetProperty("assessments").EnumerateArray()).ToList();
        Assert.All(all, a => Assert.Equal("tertial1", a.GetProperty("eventKind").GetString()));
        // DNKS submitted and DNRGS wrote a draft for UR1: neither is approved, so neither is public.
        Assert.DoesNotContain(all, a => a.GetProperty("unit").GetString() is "DNKS" or "DNRGS");

        var (header, rows) = await CsvAsync("/api/open/v1/regions/13/goals.csv", "styra-13-goals.csv");
        Assert.Equal(["plan_key", "node_key", "parent_key", "level", "level_name", "title", "responsible", "indicators"], header.Take(8));
        Assert.Equal(goals.Count, rows.Count);
        Assert.Equal(published.Count(g => g.GetProperty("planKey").GetString() == "mal-och-budget-2024-2028"),
            rows.Count(r => r["plan_key"] == "mal-och-budget-2024-2028" && r["published_event"] == "Uppföljningsrapport 1 2024"));
        Assert.Contains(rows, r => r["published_approved_at"].EndsWith('Z') && r["published_period_end"] == "2024-04-30");
    }

    [Fact]
    public async Task Goals_OfSkane_HaveNoPublishedAssessment()
    {
        var body = await _client.GetFromJsonAsync<JsonElement>("/api/open/v1/regions/12/goals");
        var goals = body.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(goals);
        Assert.All(goals, g => Assert.Equal(JsonValueKind.Null, g.GetProperty("published").ValueKind));
    }

    [Fact]
    public async Task Indicators_AreThoseOfThePlans_WithLatestValueAndSource_CreditingKolada()
    {
        var body = await _client.GetFromJsonAsync<JsonElement>("/api/open/v1/regions/13/indicators");
        Assert.Equal("Källa: Kolada", body.GetProperty("attribution").GetString());
        var items = body.GetProperty("items").EnumerateArray().ToList();
        var life = items.Single(i => i.GetProperty("code").GetString() == "N00923");
        Assert.Equal("Kolada", life.GetProperty("source").GetString());
        Assert.Equal("2022", life.GetProperty("latestPeriod").GetString());
        Assert.True(life.GetProperty("latestValue").GetDouble() > 70);
        Assert.True(life.GetProperty("riket").GetDouble() > 70);

        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var linked = await IndicatorQueries.LinkedCodesAsync(db, new("13"));
        Assert.Equal(linked.Order(StringComparer.Ordinal), items.Select(i => i.GetProperty("code").GetString()!));

        var (_, rows) = await CsvAsync("/api/open/v1/regions/13/indicators.csv", "styra-13-indicators.csv");
        var row = rows.Single(r => r["code"] == "N00923");
        Assert.Equal(life.GetProperty("latestValue").GetDouble(), double.Parse(row["latest_value"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Källa: Kolada", row["license"]);
    }

    [Fact]
    public async Task Values_CoverTheRegionItsMunicipalitiesAndRiket_OnlyThem_AsJsonAndCsv()
    {
        var body = await _client.GetFromJsonAsync<JsonElement>("/api/open/v1/regions/13/indicators/N00923/values");
        var items = body.GetProperty("items").EnumerateArray().ToList();
        var areas = items.Select(i => i.GetProperty("area").GetString()!).ToHashSet();
        Assert.Contains("0013", areas);
        Assert.Contains("0000", areas);
        Assert.All(areas, a => Assert.True(a is "0013" or "0000" || a.StartsWith("13", StringComparison.Ordinal), a));
        var v2022 = items.Single(i => i.GetProperty("area").GetString() == "0013" && i.GetProperty("period").GetString() == "2022" && i.GetProperty("gender").GetString() == "T");
        Assert.Equal("Kolada", v2022.GetProperty("source").GetString());
        Assert.Equal("Region Halland", v2022.GetProperty("areaName").GetString());

        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var stored = await db.Measurements.CountAsync(m => m.Indicator.Code == "N00923" && (m.AreaId == "0013" || m.AreaId == "0000"));
        Assert.Equal(stored, items.Count(i => i.GetProperty("area").GetString() is "0013" or "0000"));

        var (header, rows) = await CsvAsync("/api/open/v1/regions/13/indicators/N00923/values.csv", "styra-13-N00923-values.csv");
        Assert.Equal(["area", "area_name", "unit", "period", "gender", "value", "status", "source", "license"], header);
        Assert.Equal(items.Count, rows.Count);
        var csv2022 = rows.Single(r => r["area"] == "0013" && r["period"] == "2022" && r["gender"] == "T");
        Assert.Equal(v2022.GetProperty("value").GetDouble(), double.Parse(csv2022["value"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task FinancialGoals_ArePublishedYearsOnly()
    {
        var body = await _client.GetFromJsonAsync<JsonElement>("/api/open/v1/regions/13/financial-goals");
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var published = await scope.ServiceProvider.GetRequiredService<PublishedContent>()
            .EconomyYearsAsync(await db.Regions.Where(r => r.Code == new Styra.Features.Organisation.RegionCode("13")).Select(r => r.Id).SingleAsync());
        Assert.All(items, i => Assert.Contains(i.GetProperty("year").GetInt32(), published));
        Assert.Contains(items, i => i.GetProperty("goal").GetString() == "result-share");

        var (header, rows) = await CsvAsync("/api/open/v1/regions/13/financial-goals.csv", "styra-13-financial-goals.csv");
        Assert.Contains("computed", header);
        Assert.Equal(items.Count, rows.Count);
    }

    [Theory]
    [InlineData("/api/open/v1/regions/1x/plans", 400, "Invalid region code")]
    [InlineData("/api/open/v1/regions/99/goals", 404, "Region not found")]
    [InlineData("/api/open/v1/regions/99/goals.csv", 404, "Region not found")]
    [InlineData("/api/open/v1/regions/13/indicators/NOPE1/values", 404, "Indicator not found")]
    [InlineData("/api/open/v1/regions/13/indicators/NOPE1/values.csv", 404, "Indicator not found")]
    [InlineData("/kolada/v3/kpi?per_page=0", 400, "Invalid per_page")]
    [InlineData("/kolada/v3/kpi?per_page=5001", 400, "Invalid per_page")]
    [InlineData("/kolada/v3/municipality?page=0", 400, "Invalid page")]
    [InlineData("/kolada/v3/municipality?type=X", 400, "Invalid type")]
    [InlineData("/kolada/v3/municipality/13", 400, "Invalid ids")]
    [InlineData("/kolada/v3/data/kpi/N00923/municipality/0013/year/20x2", 400, "Invalid years")]
    [InlineData("/kolada/v3/data/kpi/N00923,/year/2022", 400, "Invalid kpi")]
    [InlineData("/kolada/v3/data/municipality/013/year/2022", 400, "Invalid id")]
    [InlineData("/kolada/v3/no-such-route", 404, null)]
    public async Task BadRequests_AreProblemDetails_NamingWhatIsWrong(string url, int status, string? title)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (title is not null) Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task KoladaKpi_HasKoladasFieldNames_ForKoladaAndOwnIndicators()
    {
        var body = await _client.GetFromJsonAsync<JsonElement>("/kolada/v3/kpi");
        Assert.Equal(["count", "values", "next_url", "previous_url"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("next_url").ValueKind);
        var values = body.GetProperty("values").EnumerateArray().ToList();
        Assert.Equal(body.GetProperty("count").GetInt32(), values.Count);
        var life = values.Single(v => v.GetProperty("id").GetString() == "N00923");
        Assert.Equal(["id", "title", "description", "is_divided_by_gender", "municipality_type", "auspice", "operating_area", "perspective",
            "prel_publication_date", "publication_date", "publ_period", "has_ou_data"], life.EnumerateObject().Select(p => p.Name));
        Assert.True(life.GetProperty("is_divided_by_gender").ValueKind is JsonValueKind.True or JsonValueKind.False);

        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var own = await db.GoalNodes.CurrentNodes().SelectMany(n => n.Indicators).Select(i => i.Indicator)
            .Where(i => i.Source != IndicatorSource.Kolada).Select(i => i.Code).Distinct().ToListAsync();
        Assert.NotEmpty(own);
        Assert.All(own, code => Assert.Contains(values, v => v.GetProperty("id").GetString() == code));

        var filtered = await _client.GetFromJsonAsync<JsonElement>("/kolada/v3/kpi?title=medellivslängd");
        Assert.All(filtered.GetProperty("values").EnumerateArray(), v => Assert.Contains("medellivslängd", v.GetProperty("title").GetString()!, StringComparison.OrdinalIgnoreCase));
        var byIds = await _client.GetFromJsonAsync<JsonElement>("/kolada/v3/kpi/N00923,N00925");
        Assert.Equal(["N00923", "N00925"], byIds.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task KoladaMunicipality_ListsTheAreasWithValues_InKoladasShape()
    {
        var body = await _client.GetFromJsonAsync<JsonElement>("/kolada/v3/municipality");
        var values = body.GetProperty("values").EnumerateArray().ToList();
        var halland = values.Single(v => v.GetProperty("id").GetString() == "0013");
        Assert.Equal(["id", "title", "type"], halland.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Region Halland", halland.GetProperty("title").GetString());
        Assert.Equal("L", halland.GetProperty("type").GetString());
        Assert.Contains(values, v => v.GetProperty("id").GetString() == "0000");

        var regions = await _client.GetFromJsonAsync<JsonElement>("/kolada/v3/municipality?type=L&title=halland");
        Assert.Equal(["0013"], regions.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task KoladaData_PagedByTwo_FollowsNextUrlToTheEnd_WithoutDuplicates()
    {
        const string first = "/kolada/v3/data/kpi/N00923,N00925/municipality/0013,0000,0012/year/2018,2019,2020,2021,2022?per_page=2";
        var url = first;
        var rows = new List<JsonElement>();
        var count = -1;
        var pages = 0;
        while (url is not null)
        {
            var page = await _client.GetFromJsonAsync<JsonElement>(url);
            pages++;
            if (count < 0) count = page.GetProperty("count").GetInt32();
            Assert.Equal(count, page.GetProperty("count").GetInt32());
            Assert.True(page.GetProperty("values").GetArrayLength() <= 2);
            Assert.Equal(pages == 1 ? JsonValueKind.Null : JsonValueKind.String, page.GetProperty("previous_url").ValueKind);
            if (pages > 1) Assert.EndsWith($"page={pages - 1}", page.GetProperty("previous_url").GetString());
            rows.AddRange(page.GetProperty("values").EnumerateArray());
            var next = page.GetProperty("next_url");
            url = next.ValueKind == JsonValueKind.Null ? null : next.GetString();
            if (url is not null)
            {
                Assert.StartsWith(_client.BaseAddress!.GetLeftPart(UriPartial.Authority), url);
                Assert.Contains("per_page=2", url);
            }
            Assert.True(pages < 100, "next_url never ends");
        }
        Assert.Equal(2 * 3 * 5, count);
        Assert.Equal(count, rows.Count);
        var keys = rows.Select(r => (r.GetProperty("kpi").GetString(), r.GetProperty("municipality").GetString(), r.GetProperty("period").GetInt32())).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        var row = rows.Single(r => r.GetProperty("kpi").GetString() == "N00923" && r.GetProperty("municipality").GetString() == "0013" && r.GetProperty("period").GetInt32() == 2022);
        Assert.Equal(["kpi", "municipality", "period", "values"], row.EnumerateObject().Select(p => p.Name));
        var value = row.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("gender").GetString() == "T");
        Assert.Equal(["gender", "count", "status", "value"], value.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, value.GetProperty("count").GetInt32());

        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var stored = await db.Measurements.Where(m => m.Indicator.Code == "N00923" && m.AreaId == "0013" && m.UnitCode == "" && m.Period == Period.OfYear(2022) && m.Gender == Gender.T)
            .Select(m => m.Value).SingleAsync();
        Assert.Equal(stored, value.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task KoladaData_OtherRouteShapes_AnswerTheSameRows()
    {
        var full = await _client.GetFromJsonAsync<JsonElement>("/kolada/v3/data/kpi/N00923/municipality/0013/year/2020,2021");
        var byYear = await _client.GetFromJsonAsync<JsonElement>("/kolada/v3/data/kpi/N00923/year/2020,2021");
        var byArea = await _client.GetFromJsonAsync<JsonElement>("/kolada/v3/data/municipality/0013/year/2020,2021");
        var allYears = await _client.GetFromJsonAsync<JsonElement>("/kolada/v3/data/kpi/N00923/municipality/0013");
        Assert.Equal(2, full.GetProperty("count").GetInt32());
        Assert.True(byYear.GetProperty("count").GetInt32() > 2);
        Assert.Contains(byYear.GetProperty("values").EnumerateArray(), r => r.GetProperty("municipality").GetString() == "0000");
        Assert.All(byArea.GetProperty("values").EnumerateArray(), r => Assert.Equal("0013", r.GetProperty("municipality").GetString()));
        Assert.Contains(byArea.GetProperty("values").EnumerateArray(), r => r.GetProperty("kpi").GetString() == "N00925");
        Assert.True(allYears.GetProperty("count").GetInt32() > 2);
    }

    [Fact]
    public async Task OpenRoutes_CarryValidators_AndAnswer304ToAMatchingConditionalRequest()
    {
        foreach (var url in new[] { "/api/open/v1/regions/13/goals", "/api/open/v1/regions/13/goals.csv", "/kolada/v3/kpi?per_page=3" })
        {
            using var response = await _client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var etag = response.Headers.ETag;
            Assert.NotNull(etag);
            Assert.NotNull(response.Content.Headers.LastModified);
            Assert.True(response.Headers.CacheControl?.Public);
            Assert.NotNull(response.Headers.CacheControl?.MaxAge);

            // The second answer comes from the server's output cache (it says how old it is).
            using (var cached = await _client.GetAsync(url))
            {
                Assert.Equal(etag, cached.Headers.ETag);
                Assert.NotNull(cached.Headers.Age);
            }

            using var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.IfNoneMatch.Add(etag);
            using var notModified = await _client.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Equal(etag, notModified.Headers.ETag);

            using var since = new HttpRequestMessage(HttpMethod.Get, url);
            since.Headers.IfModifiedSince = response.Content.Headers.LastModified;
            using var notModifiedSince = await _client.SendAsync(since);
            Assert.Equal(HttpStatusCode.NotModified, notModifiedSince.StatusCode);

            using var other = new HttpRequestMessage(HttpMethod.Get, url);
            other.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"something-else\"", isWeak: true));
            using var modified = await _client.SendAsync(other);
            Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
        }
    }

    [Fact]
    public async Task SignedInRoutes_GetNoPublicCaching()
    {
        using var response = await _client.GetAsync("/api/regions/13/followup/2024");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.ETag);
        Assert.NotEqual(true, response.Headers.CacheControl?.Public);
    }

    [Fact]
    public async Task Catalogue_IsDcatApSe_WithTheMandatoryPropertiesOfEveryDataset()
    {
        using var response = await _client.GetAsync("/api/open/v1/catalog.rdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/rdf+xml", response.Content.Headers.ContentType?.MediaType);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#", dcat = "http://www.w3.org/ns/dcat#", dct = "http://purl.org/dc/terms/",
            foaf = "http://xmlns.com/foaf/0.1/", vcard = "http://www.w3.org/2006/vcard/ns#";
        XNamespace xml = XNamespace.Xml;
        var catalog = document.Root!.Element(dcat + "Catalog")!;
        Assert.NotNull(catalog.Attribute(rdf + "about"));
        foreach (var lang in new[] { "sv", "en" })
        {
            Assert.Contains(catalog.Elements(dct + "title"), t => (string?)t.Attribute(xml + "lang") == lang);
            Assert.Contains(catalog.Elements(dct + "description"), t => (string?)t.Attribute(xml + "lang") == lang);
        }
        Assert.NotNull(catalog.Element(dct + "publisher")?.Element(foaf + "Agent")?.Element(foaf + "name"));
        Assert.Equal(OpenDataTerms.LicenseUrl, (string?)catalog.Element(dct + "license")?.Attribute(rdf + "resource"));
        Assert.NotNull(catalog.Element(dct + "modified"));
        Assert.NotNull(catalog.Element(foaf + "homepage"));

        var datasets = catalog.Elements(dcat + "dataset").Select(d => d.Element(dcat + "Dataset")!).ToList();
        Assert.Contains(datasets, d => d.Attribute(rdf + "about")!.Value.EndsWith("/regions/13#goals", StringComparison.Ordinal));
        Assert.Contains(datasets, d => d.Attribute(rdf + "about")!.Value.EndsWith("/regions/13#indicators", StringComparison.Ordinal));
        Assert.Contains(datasets, d => d.Attribute(rdf + "about")!.Value.EndsWith("/regions/13#financial-goals", StringComparison.Ordinal));
        Assert.Contains(datasets, d => d.Attribute(rdf + "about")!.Value.EndsWith("/regions/12#goals", StringComparison.Ordinal));
        foreach (var d in datasets)
        {
            var about = d.Attribute(rdf + "about")!.Value;
            Assert.True(d.Elements(dct + "title").Any(t => (string?)t.Attribute(xml + "lang") == "sv"), about);
            Assert.True(d.Elements(dct + "description").Any(t => (string?)t.Attribute(xml + "lang") == "sv"), about);
            Assert.NotNull(d.Element(dct + "publisher")?.Element(foaf + "Agent")?.Element(foaf + "name"));
            Assert.NotNull(d.Element(dcat + "contactPoint")?.Element(vcard + "Organization")?.Element(vcard + "fn"));
            Assert.StartsWith("http://publications.europa.eu/resource/authority/data-theme/", d.Element(dcat + "theme")!.Attribute(rdf + "resource")!.Value);
            Assert.NotEmpty(d.Elements(dcat + "keyword"));
            Assert.StartsWith("http://publications.europa.eu/resource/authority/frequency/", d.Element(dct + "accrualPeriodicity")!.Attribute(rdf + "resource")!.Value);
            Assert.NotNull(d.Element(dct + "spatial"));
            Assert.NotNull(d.Element(dct + "modified"));
            var distributions = d.Elements(dcat + "distribution").Select(x => x.Element(dcat + "Distribution")!).ToList();
            Assert.NotEmpty(distributions);
            foreach (var x in distributions)
            {
                var access = x.Element(dcat + "accessURL")!.Attribute(rdf + "resource")!.Value;
                Assert.NotNull(x.Element(dct + "format"));
                Assert.NotNull(x.Element(dct + "license"));
                // Every distribution can be fetched as it says.
                using var fetched = await _client.GetAsync(new Uri(access).PathAndQuery);
                Assert.True(fetched.StatusCode == HttpStatusCode.OK, $"{access}: {fetched.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task Catalogue_AsJsonLd_HasTheSameDatasets()
    {
        using var response = await _client.GetAsync("/api/open/v1/catalog.jsonld");
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("http://www.w3.org/ns/dcat#", body.GetProperty("@context").GetProperty("dcat").GetString());
        var catalog = body.GetProperty("@graph")[0];
        Assert.Equal("dcat:Catalog", catalog.GetProperty("@type").GetString());
        var datasets = catalog.GetProperty("dcat:dataset").EnumerateArray().Select(d => d.GetProperty("@id").GetString()!).ToList();
        Assert.Contains(datasets, d => d.EndsWith("/regions/13#goals", StringComparison.Ordinal));
        var rdf = XDocument.Parse(await _client.GetStringAsync("/api/open/v1/catalog.rdf"));
        Assert.Equal(rdf.Descendants((XNamespace)"http://www.w3.org/ns/dcat#" + "Dataset").Count(), datasets.Count);
        var title = catalog.GetProperty("dcterms:title").EnumerateArray().Single(t => t.GetProperty("@language").GetString() == "sv");
        Assert.StartsWith("Styra", title.GetProperty("@value").GetString());
    }

    [Fact]
    public async Task OpenApi_DescribesTheOpenRoutes_WithTagsAndAnswers()
    {
        var doc = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/open/v1/regions", "/api/open/v1/regions/{code}/goals", "/api/open/v1/regions/{code}/goals.csv",
                     "/api/open/v1/regions/{code}/indicators/{indicator}/values", "/api/open/v1/catalog.rdf", "/kolada/v3/kpi",
                     "/kolada/v3/data/kpi/{kpi}/municipality/{ids}/year/{years}" })
        {
            Assert.True(paths.TryGetProperty(path, out var item), path);
            var get = item.GetProperty("get");
            Assert.False(string.IsNullOrWhiteSpace(get.GetProperty("summary").GetString()));
            var responses = get.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            Assert.Contains("200", responses);
            Assert.Contains("304", responses);
            Assert.Contains("429", responses);
        }
        var goals = paths.GetProperty("/api/open/v1/regions/{code}/goals").GetProperty("get");
        Assert.Equal("Öppna data", goals.GetProperty("tags")[0].GetString());
        Assert.Contains("404", goals.GetProperty("responses").EnumerateObject().Select(r => r.Name));
        var data = paths.GetProperty("/kolada/v3/data/kpi/{kpi}/municipality/{ids}/year/{years}").GetProperty("get");
        Assert.Equal("Kolada-kompatibelt", data.GetProperty("tags")[0].GetString());
        Assert.Contains("per_page", data.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Contains("400", data.GetProperty("responses").EnumerateObject().Select(r => r.Name));
    }

    /// <summary>Reads a CSV answer with a CSV reader (RFC 4180), checking its content type and file name.</summary>
    private async Task<(List<string> Header, List<Dictionary<string, string>> Rows)> CsvAsync(string url, string fileName)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\r\n", text);
        await using var csv = await CsvDataReader.CreateAsync(new StringReader(text), new CsvDataReaderOptions { HasHeaders = true });
        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToList();
        var rows = new List<Dictionary<string, string>>();
        while (await csv.ReadAsync()) rows.Add(header.ToDictionary(h => h, h => csv.GetString(csv.GetOrdinal(h))));
        return (header, rows);
    }
}
