using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Indicators;
using Styra.Features.Plans;

namespace Styra.Features.OpenData;

/// <summary>A KPI as Kolada v3's <c>/kpi</c> describes it; what Styra does not keep (auspice, perspective, publication dates) is null.</summary>
public sealed record KoladaKpi(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("is_divided_by_gender")] bool IsDividedByGender,
    [property: JsonPropertyName("municipality_type")] string MunicipalityType,
    [property: JsonPropertyName("auspice")] string? Auspice,
    [property: JsonPropertyName("operating_area")] string? OperatingArea,
    [property: JsonPropertyName("perspective")] string? Perspective,
    [property: JsonPropertyName("prel_publication_date")] string? PrelPublicationDate,
    [property: JsonPropertyName("publication_date")] string? PublicationDate,
    [property: JsonPropertyName("publ_period")] string? PublPeriod,
    [property: JsonPropertyName("has_ou_data")] bool HasOuData);

/// <summary>An area as Kolada v3's <c>/municipality</c> describes it: type "L" for a region (and Riket), "K" for a municipality.</summary>
public sealed record KoladaMunicipality(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("type")] string Type);

/// <summary>One gender's value in a Kolada data row; <c>count</c> is 1 (Kolada counts members only for groups of areas).</summary>
public sealed record KoladaValue(
    [property: JsonPropertyName("gender")] string Gender,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("value")] double? Value);

/// <summary>A Kolada v3 data row: one KPI, area and year, with a value per gender.</summary>
public sealed record KoladaDataRow(
    [property: JsonPropertyName("kpi")] string Kpi,
    [property: JsonPropertyName("municipality")] string Municipality,
    [property: JsonPropertyName("period")] int Period,
    [property: JsonPropertyName("values")] IReadOnlyList<KoladaValue> Values);

/// <summary>A page of a Kolada-shaped answer: <see cref="Count"/> is the number of rows of the whole answer.</summary>
public sealed record KoladaPage<T>(int Count, IReadOnlyList<T> Values, bool HasNext, bool HasPrevious);

/// <summary>
/// Styra's indicators and values in the shape of the Kolada v3 API, so that clients written for Kolada read a region's
/// own indicators by changing the base address. It serves the indicators the regions follow up in their current plans
/// (Kolada KPIs under their Kolada ids, the regions' own under their own codes) and the areas that have values of them;
/// Kolada has only years, so only yearly values of whole areas appear (tertials, months and units are in the open-data
/// API). Paged as Kolada pages: <c>page</c> from 1, <c>per_page</c> up to <see cref="MaxPerPage"/>.
/// </summary>
public sealed class KoladaCompatible(StyraDbContext db)
{
    /// <summary>Kolada's own limit and default: at most 5,000 rows an answer.</summary>
    public const int MaxPerPage = 5000;

    /// <summary>The status Styra writes for a preliminary value; a final value has Kolada's empty status.</summary>
    public const string PreliminaryStatus = "Preliminär";

    public async Task<KoladaPage<KoladaKpi>> KpisAsync(IReadOnlyList<string>? ids, string? title, Paging paging, CancellationToken ct = default)
    {
        var served = await ServedAsync(ct);
        var rows = await db.Indicators.AsNoTracking().Where(i => served.Contains(i.Id))
            .Select(i => new { i.Code, i.Name, i.Description, i.IsDividedByGender, i.AreaTypes, i.Category }).ToListAsync(ct);
        var found = rows
            .Where(i => ids is null || ids.Contains(i.Code, StringComparer.OrdinalIgnoreCase))
            .Where(i => Matches(i.Name, title))
            .OrderBy(i => i.Code, StringComparer.Ordinal)
            .Select(i => new KoladaKpi(i.Code, i.Name, i.Description, i.IsDividedByGender, i.AreaTypes ?? "L", null, i.Category, null, null, null, null, false))
            .ToList();
        return paging.Of(found);
    }

    public async Task<KoladaPage<KoladaMunicipality>> MunicipalitiesAsync(IReadOnlyList<string>? ids, string? title, string? type, Paging paging, CancellationToken ct = default)
    {
        var served = await ServedAsync(ct);
        // Per area an index seek on (indicator, area) for each served indicator: no scan of the values.
        var areas = await db.Areas.AsNoTracking()
            .Where(a => db.Measurements.Any(m => served.Contains(m.IndicatorId) && m.AreaId == a.Id && m.UnitCode == Measurement.WholeArea))
            .Select(a => new { a.Id, a.Name, a.Kind }).ToListAsync(ct);
        var found = areas
            .Select(a => new KoladaMunicipality(a.Id, a.Name, a.Kind == AreaKind.Municipality ? "K" : "L"))
            .Where(a => ids is null || ids.Contains(a.Id))
            .Where(a => type is null || a.Type == type)
            .Where(a => Matches(a.Title, title))
            .OrderBy(a => a.Id, StringComparer.Ordinal)
            .ToList();
        return paging.Of(found);
    }

    /// <summary>
    /// Values of the given KPIs (all served ones when null) for the given areas (all when null) and years (all when
    /// null), one row per KPI, area and year, ordered by KPI, area and year.
    /// </summary>
    public async Task<KoladaPage<KoladaDataRow>> DataAsync(IReadOnlyList<string>? kpis, IReadOnlyList<string>? areas, IReadOnlyList<int>? years,
        Paging paging, CancellationToken ct = default)
    {
        var served = await ServedAsync(ct);
        var indicators = await db.Indicators.AsNoTracking().Where(i => served.Contains(i.Id))
            .Select(i => new { i.Id, i.Code }).ToListAsync(ct);
        if (kpis is not null) indicators = indicators.Where(i => kpis.Contains(i.Code, StringComparer.OrdinalIgnoreCase)).ToList();
        var codes = indicators.ToDictionary(i => i.Id, i => i.Code);
        var ids = codes.Keys.ToList();
        var query = db.Measurements.AsNoTracking().Where(m => ids.Contains(m.IndicatorId) && m.UnitCode == Measurement.WholeArea);
        if (areas is not null) query = query.Where(m => areas.Contains(m.AreaId));
        if (years is not null)
        {
            var periods = years.Select(Period.OfYear).ToList();
            query = query.Where(m => periods.Contains(m.Period));
        }
        var values = await query.Select(m => new { m.IndicatorId, m.AreaId, m.Period, m.Gender, m.Value, m.Status }).ToListAsync(ct);
        var rows = values
            .Where(v => v.Period.Kind == Periodicity.Year)
            .GroupBy(v => (Kpi: codes[v.IndicatorId], v.AreaId, v.Period.Year))
            .OrderBy(g => g.Key.Kpi, StringComparer.Ordinal).ThenBy(g => g.Key.AreaId, StringComparer.Ordinal).ThenBy(g => g.Key.Year)
            .Select(g => new KoladaDataRow(g.Key.Kpi, g.Key.AreaId, g.Key.Year, g.OrderBy(v => v.Gender)
                .Select(v => new KoladaValue(v.Gender.ToString(), 1, v.Status == MeasurementStatus.Preliminary ? PreliminaryStatus : "", v.Value)).ToList()))
            .ToList();
        return paging.Of(rows);
    }

    /// <summary>The indicators that follow up a node of the current version of some region's plan.</summary>
    private Task<List<int>> ServedAsync(CancellationToken ct) =>
        db.GoalNodes.AsNoTracking().CurrentNodes().SelectMany(n => n.Indicators).Select(i => i.IndicatorId).Distinct().ToListAsync(ct);

    private static bool Matches(string text, string? part) =>
        string.IsNullOrWhiteSpace(part) || Swedish.IndexOf(text, part.Trim(), CompareOptions.IgnoreCase) >= 0;

    private static readonly CompareInfo Swedish = CultureInfo.GetCultureInfo("sv-SE").CompareInfo;
}

/// <summary>Kolada's paging: <see cref="Page"/> from 1, <see cref="PerPage"/> rows a page.</summary>
public sealed record Paging(int Page, int PerPage)
{
    public KoladaPage<T> Of<T>(IReadOnlyList<T> all)
    {
        var skip = (long)(Page - 1) * PerPage;
        var values = skip >= all.Count ? [] : all.Skip((int)skip).Take(PerPage).ToList();
        return new KoladaPage<T>(all.Count, values, skip + PerPage < all.Count, Page > 1);
    }
}
