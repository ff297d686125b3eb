using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Styra.Features.OpenData;

namespace Styra.Web.Apis;

/// <summary>A Kolada v3 answer: the whole answer's row count, this page's rows, and absolute links to the next and previous page (null at either end).</summary>
public sealed record KoladaResponse<T>(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("values")] IReadOnlyList<T> Values,
    [property: JsonPropertyName("next_url")] string? NextUrl,
    [property: JsonPropertyName("previous_url")] string? PreviousUrl);

/// <summary>
/// The regions' indicators in the shape of the Kolada v3 API at <c>/kolada/v3</c>: a client written for
/// api.kolada.se/v3 reads Styra by changing the base address. Ids and years are comma-separated as in Kolada; answers are
/// paged with <c>page</c> and <c>per_page</c> (at most 5,000, the default) and link the next page in <c>next_url</c>.
/// </summary>
public static class KoladaApi
{
    public const string Tag = "Kolada-kompatibelt";

    /// <summary>How many ids or years one request may list.</summary>
    private const int MaxListed = 100;

    public static void MapKoladaApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/kolada/v3").WithTags(Tag).CacheOutput(PublicApiProtection.CachePolicy)
            .ProducesPublicAnswers()
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(ProblemDetails), ["application/problem+json"]))
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // The paging parameters are read from the query by hand (to answer a bad one with a ProblemDetails naming it).
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter { Name = "page", In = ParameterLocation.Query, Description = "The page, from 1 (default 1).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" } });
                operation.Parameters.Add(new OpenApiParameter { Name = "per_page", In = ParameterLocation.Query,
                    Description = $"Rows a page, 1 to {KoladaCompatible.MaxPerPage} (the default, as Kolada).",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = KoladaCompatible.MaxPerPage.ToString(CultureInfo.InvariantCulture) } });
                return Task.CompletedTask;
            });

        api.MapGet("/kpi", (string? title, string? id, HttpContext http, KoladaCompatible kolada, CancellationToken ct) =>
                KpisAsync(id, "id", title, http, kolada, ct))
            .WithSummary("The KPIs the regions follow up (Kolada's under their Kolada ids, the regions' own under their own codes); ?title= searches the title, ?id= lists ids");
        api.MapGet("/kpi/{ids}", (string ids, string? title, HttpContext http, KoladaCompatible kolada, CancellationToken ct) =>
                KpisAsync(ids, "ids", title, http, kolada, ct))
            .WithSummary("KPIs by id (comma-separated)");
        api.MapGet("/municipality", (string? title, string? type, string? id, HttpContext http, KoladaCompatible kolada, CancellationToken ct) =>
                MunicipalitiesAsync(id, "id", title, type, http, kolada, ct))
            .WithSummary("The areas Styra has values for (Riket 0000, regions 00NN, municipalities); ?title= searches the name, ?type=K|L");
        api.MapGet("/municipality/{ids}", (string ids, string? title, string? type, HttpContext http, KoladaCompatible kolada, CancellationToken ct) =>
                MunicipalitiesAsync(ids, "ids", title, type, http, kolada, ct))
            .WithSummary("Areas by id (comma-separated)");

        api.MapGet("/data/kpi/{kpi}/municipality/{ids}/year/{years}", (string kpi, string ids, string years, HttpContext http, KoladaCompatible kolada, CancellationToken ct) =>
                DataAsync(kpi, ids, "ids", years, http, kolada, ct))
            .WithSummary("Values of KPIs for areas and years (each comma-separated): one row per KPI, area and year, a value per gender");
        api.MapGet("/data/kpi/{kpi}/year/{years}", (string kpi, string years, HttpContext http, KoladaCompatible kolada, CancellationToken ct) =>
                DataAsync(kpi, null, "ids", years, http, kolada, ct))
            .WithSummary("Values of KPIs for every area, for years");
        api.MapGet("/data/municipality/{id}/year/{years}", (string id, string years, HttpContext http, KoladaCompatible kolada, CancellationToken ct) =>
                DataAsync(null, id, "id", years, http, kolada, ct))
            .WithSummary("Values of every served KPI for areas, for years");
        api.MapGet("/data/kpi/{kpi}/municipality/{ids}", (string kpi, string ids, HttpContext http, KoladaCompatible kolada, CancellationToken ct) =>
                DataAsync(kpi, ids, "ids", null, http, kolada, ct))
            .WithSummary("Values of KPIs for areas, every year");
    }

    private static async Task<Results<Ok<KoladaResponse<KoladaKpi>>, ProblemHttpResult>> KpisAsync(string? ids, string idsName, string? title, HttpContext http,
        KoladaCompatible kolada, CancellationToken ct)
    {
        if (Paging(http) is not { } paging) return BadPaging(http);
        List<string>? list = null;
        if (ids is not null && (list = List(ids, IsKpiId)) is null) return Bad(idsName, ids, "KPI ids such as N00923 (letters, digits, '-', '_' or '.'), separated by commas");
        return Answer(http, paging, await kolada.KpisAsync(list, title, paging, ct));
    }

    private static async Task<Results<Ok<KoladaResponse<KoladaMunicipality>>, ProblemHttpResult>> MunicipalitiesAsync(string? ids, string idsName, string? title, string? type,
        HttpContext http, KoladaCompatible kolada, CancellationToken ct)
    {
        if (Paging(http) is not { } paging) return BadPaging(http);
        if (type is not (null or "K" or "L")) return Bad("type", type, "K (municipality) or L (region or Riket)");
        List<string>? list = null;
        if (ids is not null && (list = List(ids, IsAreaId)) is null) return Bad(idsName, ids, "area ids of four digits such as 0013 or 1380, separated by commas");
        return Answer(http, paging, await kolada.MunicipalitiesAsync(list, title, type, paging, ct));
    }

    private static async Task<Results<Ok<KoladaResponse<KoladaDataRow>>, ProblemHttpResult>> DataAsync(string? kpi, string? ids, string idsName, string? years,
        HttpContext http, KoladaCompatible kolada, CancellationToken ct)
    {
        if (Paging(http) is not { } paging) return BadPaging(http);
        List<string>? kpis = null, areas = null;
        List<int>? yearList = null;
        if (kpi is not null && (kpis = List(kpi, IsKpiId)) is null) return Bad("kpi", kpi, "KPI ids such as N00923, separated by commas");
        if (ids is not null && (areas = List(ids, IsAreaId)) is null) return Bad(idsName, ids, "area ids of four digits such as 0013 or 1380, separated by commas");
        if (years is not null && (yearList = List(years, IsYear)?.Select(y => int.Parse(y, CultureInfo.InvariantCulture)).ToList()) is null)
            return Bad("years", years, "years such as 2022 (1900–2200), separated by commas");
        return Answer(http, paging, await kolada.DataAsync(kpis, areas, yearList, paging, ct));
    }

    private static Ok<KoladaResponse<T>> Answer<T>(HttpContext http, Paging paging, KoladaPage<T> page) =>
        TypedResults.Ok(new KoladaResponse<T>(page.Count, page.Values,
            page.HasNext ? PageUrl(http, paging.Page + 1) : null,
            page.HasPrevious ? PageUrl(http, paging.Page - 1) : null));

    /// <summary>The same request with another page, as an absolute URL on Styra's own host.</summary>
    private static string PageUrl(HttpContext http, int page)
    {
        var request = http.Request;
        var query = request.Query.Where(q => q.Key != "page").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
            .Append(KeyValuePair.Create("page", (string?)page.ToString(CultureInfo.InvariantCulture)));
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, QueryString.Create(query));
    }

    private static Paging? Paging(HttpContext http)
    {
        var query = http.Request.Query;
        var page = 1;
        var perPage = KoladaCompatible.MaxPerPage;
        if (query.TryGetValue("page", out var p) && !(int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out page) && page >= 1)) return null;
        if (query.TryGetValue("per_page", out var pp)
            && !(int.TryParse(pp, NumberStyles.None, CultureInfo.InvariantCulture, out perPage) && perPage is >= 1 and <= KoladaCompatible.MaxPerPage)) return null;
        return new Paging(page, perPage);
    }

    private static ProblemHttpResult BadPaging(HttpContext http)
    {
        var query = http.Request.Query;
        var page = query["page"].ToString();
        return int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 || !query.ContainsKey("page")
            ? Bad("per_page", query["per_page"].ToString(), $"a whole number from 1 to {KoladaCompatible.MaxPerPage} (the default)")
            : Bad("page", page, "a whole number from 1");
    }

    private static ProblemHttpResult Bad(string parameter, string value, string expected) =>
        TypedResults.Problem(statusCode: 400, title: $"Invalid {parameter}", detail: $"{parameter} '{value}' is not valid; expected {expected}.",
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    /// <summary>A comma-separated list of 1 to <see cref="MaxListed"/> valid items, or null.</summary>
    private static List<string>? List(string text, Func<string, bool> valid)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries);
        return items.Length is >= 1 and <= MaxListed && items.All(i => i.Length > 0 && valid(i)) ? items.Distinct().ToList() : null;
    }

    private static bool IsKpiId(string id) => id.Length <= 40 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static bool IsAreaId(string id) => id.Length == 4 && id.All(char.IsAsciiDigit);

    private static bool IsYear(string year) => year.Length == 4 && year.All(char.IsAsciiDigit) && int.Parse(year, CultureInfo.InvariantCulture) is >= 1900 and <= 2200;
}
