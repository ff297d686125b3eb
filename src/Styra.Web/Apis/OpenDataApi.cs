using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Styra.Features.OpenData;
using Styra.Features.Organisation;

namespace Styra.Web.Apis;

/// <summary>
/// The open data, version 1: anyone reads it without signing in, as JSON or — the same path with <c>.csv</c> — as CSV.
/// Plans, goal trees, indicators and values are public by nature; assessments and economy only as published
/// (<see cref="Styra.Features.Publishing.PublishedContent"/>). Styra's own data is CC0 1.0; Kolada's figures are
/// credited "Källa: Kolada". See docs/open-data.md.
/// </summary>
public static class OpenDataApi
{
    public const string Tag = "Öppna data";
    private const string CsvType = "text/csv; charset=utf-8";

    public static void MapOpenDataApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/open/v1").WithTags(Tag).CacheOutput(PublicApiProtection.CachePolicy)
            .ProducesPublicAnswers();

        api.MapGet("/regions", async (OpenData data, CancellationToken ct) => TypedResults.Ok(await data.RegionsAsync(ct)))
            .WithSummary("The regions in Styra");
        api.MapGet("/regions.csv", async (OpenData data, CancellationToken ct) => Csv("styra-regions.csv", OpenDataCsv.Regions(await data.RegionsAsync(ct))))
            .WithSummary("The regions in Styra, as CSV").Produces<string>(200, CsvType);

        MapRegion(api, "plans", "The region's plans with their current version and the decision behind it", (d, c, ct) => d.PlansAsync(c, ct), OpenDataCsv.Plans);
        MapRegion(api, "goals", "Every node of the current goal tree of each plan, with its responsible units, its indicators and the latest published approved assessment (null when none is published)",
            (d, c, ct) => d.GoalsAsync(c, ct), OpenDataCsv.Goals);
        MapRegion(api, "indicators", "The indicators that follow up the region's plans: latest value, Riket, target and status",
            (d, c, ct) => d.IndicatorsAsync(c, ct), OpenDataCsv.Indicators);
        MapRegion(api, "financial-goals", "The financial goals of the region's published economy years: computed and as reported",
            (d, c, ct) => d.FinancialGoalsAsync(c, ct), OpenDataCsv.FinancialGoals);

        api.MapGet("/regions/{code}/indicators/{indicator}/values", async Task<Results<Ok<OpenList<OpenValue>>, ProblemHttpResult>> (
                string code, string indicator, OpenData data, CancellationToken ct) =>
            await ValuesAsync(code, indicator, data, ct) is var (list, problem) && problem is not null ? problem : TypedResults.Ok(list!))
            .WithSummary("All values of an indicator for the region, its units and municipalities, and Riket: area, unit, period, gender, value, status, source")
            .ProducesProblem(400).ProducesProblem(404);
        api.MapGet("/regions/{code}/indicators/{indicator}/values.csv", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                string code, string indicator, OpenData data, CancellationToken ct) =>
            await ValuesAsync(code, indicator, data, ct) is var (list, problem) && problem is not null ? problem
                : Csv($"styra-{code}-{indicator}-values.csv", OpenDataCsv.Values(list!)))
            .WithSummary("All values of an indicator for the region, its units and municipalities, and Riket, as CSV")
            .Produces<string>(200, CsvType).ProducesProblem(400).ProducesProblem(404);

        api.MapGet("/catalog.rdf", async (HttpRequest request, DcatCatalog catalog, IConfiguration configuration, CancellationToken ct) =>
            {
                var document = await CatalogAsync(request, catalog, configuration, ct);
                return TypedResults.Text($"{document.Declaration}\n{document}", "application/rdf+xml; charset=utf-8", Encoding.UTF8);
            })
            .WithSummary("The DCAT-AP-SE catalogue of the published datasets (RDF/XML), for a national data portal to harvest")
            .Produces<string>(200, "application/rdf+xml");
        api.MapGet("/catalog.jsonld", async (HttpRequest request, DcatCatalog catalog, IConfiguration configuration, CancellationToken ct) =>
                TypedResults.Text(DcatCatalog.ToJsonLd(await CatalogAsync(request, catalog, configuration, ct)).ToJsonString(), "application/ld+json; charset=utf-8", Encoding.UTF8))
            .WithSummary("The same DCAT-AP-SE catalogue as JSON-LD")
            .Produces<string>(200, "application/ld+json");
    }

    private static Task<System.Xml.Linq.XDocument> CatalogAsync(HttpRequest request, DcatCatalog catalog, IConfiguration configuration, CancellationToken ct) =>
        catalog.BuildAsync($"{request.Scheme}://{request.Host}{request.PathBase}",
            new CatalogPublisher(configuration["OpenData:PublisherName"] ?? "Styra", configuration["OpenData:ContactEmail"], configuration["OpenData:Homepage"]), ct);

    private static void MapRegion<T>(RouteGroupBuilder api, string name, string summary, Func<OpenData, RegionCode, CancellationToken, Task<OpenList<T>?>> load,
        Func<OpenList<T>, string> csv)
    {
        api.MapGet($"/regions/{{code}}/{name}", async Task<Results<Ok<OpenList<T>>, ProblemHttpResult>> (string code, OpenData data, CancellationToken ct) =>
                RegionsApi.ParseCode(code) is not { } c ? RegionsApi.BadCode(code)
                : await load(data, c, ct) is { } list ? TypedResults.Ok(list) : RegionsApi.NoRegion(code))
            .WithSummary(summary).ProducesProblem(400).ProducesProblem(404);
        api.MapGet($"/regions/{{code}}/{name}.csv", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string code, OpenData data, CancellationToken ct) =>
                RegionsApi.ParseCode(code) is not { } c ? RegionsApi.BadCode(code)
                : await load(data, c, ct) is { } list ? Csv($"styra-{code}-{name}.csv", csv(list)) : RegionsApi.NoRegion(code))
            .WithSummary(summary + ", as CSV").Produces<string>(200, CsvType).ProducesProblem(400).ProducesProblem(404);
    }

    private static async Task<(OpenList<OpenValue>? List, ProblemHttpResult? Problem)> ValuesAsync(string code, string indicator, OpenData data, CancellationToken ct)
    {
        if (RegionsApi.ParseCode(code) is not { } c) return (null, RegionsApi.BadCode(code));
        if (!await data.RegionExistsAsync(c, ct)) return (null, RegionsApi.NoRegion(code));
        return await data.ValuesAsync(c, indicator, ct) is { } list ? (list, null)
            : (null, TypedResults.Problem(statusCode: 404, title: "Indicator not found", detail: $"There is no indicator '{indicator}'."));
    }

    private static FileContentHttpResult Csv(string fileName, string text) =>
        TypedResults.File(Encoding.UTF8.GetBytes(text), CsvType, fileName);
}
