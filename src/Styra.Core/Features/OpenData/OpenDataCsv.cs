using System.Data;
using System.Globalization;
using System.Text.Json;
using Styra.Features.Indicators;
using Sylvan.Data.Csv;

namespace Styra.Features.OpenData;

/// <summary>
/// The open data as CSV (RFC 4180: comma, double quotes where needed, CRLF), with a header row, invariant numbers
/// (a point for decimals, full precision), ISO 8601 dates and times (UTC), codes as the JSON writes them, and lists
/// separated by semicolons. Sylvan writes the file; this class only decides the columns.
/// </summary>
public static class OpenDataCsv
{
    public static string Regions(OpenList<OpenRegion> list) => Write(list.Items,
        ("code", r => r.Code), ("kolada_id", r => r.KoladaId), ("name", r => r.Name), ("plan_count", r => r.PlanCount),
        ("license", _ => OpenDataTerms.License));

    public static string Plans(OpenList<OpenPlan> list) => Write(list.Items,
        ("key", p => p.Key), ("title", p => p.Title), ("kind", p => p.Kind), ("valid_from", p => p.ValidFrom), ("valid_to", p => p.ValidTo),
        ("owner", p => p.Owner), ("owner_name", p => p.OwnerName), ("version", p => p.Version), ("version_label", p => p.VersionLabel),
        ("decision_body", p => p.DecisionBody), ("decision_date", p => p.DecisionDate), ("decision_reference", p => p.DecisionReference),
        ("published_event", p => p.Published?.Event), ("published_fulfilment", p => p.Published?.Fulfilment),
        ("published_forecast", p => p.Published?.Forecast), ("published_approved_at", p => p.Published?.ApprovedAt),
        ("published_analysis", p => p.Published?.Analysis), ("license", _ => OpenDataTerms.License));

    /// <summary>One row per node; the <c>published_</c> columns are those of <see cref="OpenGoal.Published"/>.</summary>
    public static string Goals(OpenList<OpenGoal> list) => Write(list.Items,
        ("plan_key", g => g.PlanKey), ("node_key", g => g.NodeKey), ("parent_key", g => g.ParentKey), ("level", g => g.Level),
        ("level_name", g => g.LevelName), ("title", g => g.Title), ("responsible", g => g.Responsible), ("indicators", g => g.Indicators),
        ("published_event", g => g.Published?.Event), ("published_event_kind", g => g.Published?.EventKind),
        ("published_period_end", g => g.Published?.PeriodEnd), ("published_unit", g => g.Published?.Unit),
        ("published_fulfilment", g => g.Published?.Fulfilment), ("published_forecast", g => g.Published?.Forecast),
        ("published_approved_at", g => g.Published?.ApprovedAt), ("published_analysis", g => g.Published?.Analysis),
        ("license", _ => OpenDataTerms.License));

    public static string Indicators(OpenList<OpenIndicator> list) => Write(list.Items,
        ("code", i => i.Code), ("name", i => i.Name), ("unit", i => i.Unit), ("decimals", i => i.Decimals), ("direction", i => i.Direction),
        ("periodicity", i => i.Periodicity), ("source", i => i.Source), ("latest_period", i => i.LatestPeriod), ("latest_value", i => i.LatestValue),
        ("riket", i => i.Riket), ("target", i => i.Target), ("status", i => i.Status),
        ("license", i => LicenseOf(i.Source)));

    public static string Values(OpenList<OpenValue> list) => Write(list.Items,
        ("area", v => v.Area), ("area_name", v => v.AreaName), ("unit", v => v.Unit), ("period", v => v.Period), ("gender", v => v.Gender),
        ("value", v => v.Value), ("status", v => v.Status), ("source", v => v.Source),
        ("license", v => LicenseOf(v.Source)));

    public static string FinancialGoals(OpenList<OpenFinancialGoal> list) => Write(list.Items,
        ("goal", f => f.Goal), ("name", f => f.Name), ("name_en", f => f.NameEn), ("year", f => f.Year), ("basis", f => f.Basis),
        ("computed", f => f.Computed), ("reported", f => f.Reported), ("reported_as_printed", f => f.ReportedAsPrinted),
        ("rolling", f => f.Rolling), ("judgement", f => f.Judgement), ("target", f => f.Target), ("formula", f => f.Formula),
        ("source", f => f.Source), ("license", _ => OpenDataTerms.License));

    /// <summary>Kolada's figures are Kolada's, credited to it; the rest is Styra's own, CC0.</summary>
    private static string LicenseOf(string source) => source == OpenDataTerms.Kolada ? OpenDataTerms.KoladaAttribution : OpenDataTerms.License;

    private static string Write<T>(IReadOnlyList<T> rows, params (string Name, Func<T, object?> Value)[] columns)
    {
        using var table = new DataTable { Locale = CultureInfo.InvariantCulture };
        foreach (var (name, _) in columns) table.Columns.Add(name, typeof(string));
        foreach (var row in rows) table.Rows.Add(columns.Select(c => (object?)Text(c.Value(row)) ?? DBNull.Value).ToArray());
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvDataWriter.Create(text, new CsvDataWriterOptions { NewLine = "\r\n", Culture = CultureInfo.InvariantCulture }))
            csv.Write(table.CreateDataReader());
        return text.ToString();
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        Gender g => g.ToString(),
        Enum e => JsonNamingPolicy.KebabCaseLower.ConvertName(e.ToString()),
        IEnumerable<string> list => string.Join(";", list),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
