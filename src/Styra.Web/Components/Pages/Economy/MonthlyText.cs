using System.Globalization;
using Styra.Features.Economy;
using static Styra.Web.Lang;

namespace Styra.Web.Components.Pages.Economy;

/// <summary>How the monthly economy pages write amounts, deviations, months and statuses, in the reader's language.</summary>
public static class MonthlyText
{
    /// <summary>An amount in mnkr with one decimal ("4 260,0"), a real minus sign; "–" when there is none.</summary>
    public static string Mnkr(decimal? m) => m is { } v ? v.ToString("N1", CultureInfo.CurrentCulture).Replace('-', '−') : "–";

    /// <summary>A deviation with its sign (+2,0 / −60,0), rounded as the deviation rule rounds.</summary>
    public static string Deviation(decimal? d) => d is { } v
        ? (MonthlyRules.Round(v) > 0 ? "+" : "") + MonthlyRules.Round(v).ToString("N1", CultureInfo.CurrentCulture).Replace('-', '−')
        : "–";

    /// <summary>An amount as a form field shows it: no thousands separator, the culture's decimal sign.</summary>
    public static string Field(decimal? m) => m?.ToString("0.###", CultureInfo.CurrentCulture) ?? "";

    /// <summary>The cell class of a deviation that needs a comment: an overspend in red, a surplus in green; null when below the threshold.</summary>
    public static string? DeviationClass(bool deviates, decimal? d) => !deviates ? null : d < 0 ? "me-deviates me-overspend" : "me-deviates me-surplus";

    public static string Month(int month) => MonthlyRules.MonthName(month, IsEnglish);

    public static string Status(EconomyReportStatus? s) => s switch
    {
        null => T("ej inkommen", "not received"),
        EconomyReportStatus.Draft => T("utkast", "draft"),
        _ => T("inskickad", "submitted"),
    };

    public static string StatusClass(EconomyReportStatus? s) => s switch
    {
        null => "status status-red",
        EconomyReportStatus.Draft => "status status-yellow",
        _ => "status status-green",
    };
}
