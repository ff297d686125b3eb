using System.Globalization;

namespace Styra.Features.Economy;

/// <summary>
/// The rules of the committees' monthly economy reports (docs/economy-monthly.md), in one place so that the service,
/// the overview, the chart and the reports agree. Amounts are net costs in mnkr; a deviation is budget minus cost, so a
/// positive deviation is a surplus (överskott) and a negative one an overspend (underskott).
/// </summary>
public static class MonthlyRules
{
    /// <summary>A deviation needs a comment when its absolute value, rounded to <see cref="DeviationDecimals"/>, is at least this (mnkr).</summary>
    public const decimal DeviationThreshold = 0.5m;

    /// <summary>Deviations are judged after rounding to one decimal (0,1 mnkr), half away from zero, as the reports print them.</summary>
    public const int DeviationDecimals = 1;

    /// <summary>The largest amount (mnkr) a field accepts; anything larger is a typing error (a whole region's budget is about 15 000).</summary>
    public const decimal MaxAmount = 1_000_000m;

    public static decimal Round(decimal amount) => Math.Round(amount, DeviationDecimals, MidpointRounding.AwayFromZero);

    /// <summary>Whether a deviation counts: |round(deviation, 1)| ≥ 0,5 mnkr.</summary>
    public static bool IsDeviation(decimal? deviation) => deviation is { } d && Math.Abs(Round(d)) >= DeviationThreshold;

    /// <summary>Prognosavvikelse: frame − full-year forecast (positive = surplus against the frame).</summary>
    public static decimal? ForecastDeviation(decimal frame, decimal? forecast) => frame - forecast;

    /// <summary>Utfallsavvikelse: budget to date − outcome to date (positive = spent less than budgeted so far).</summary>
    public static decimal? OutcomeDeviation(decimal budgetToDate, decimal? outcome) => budgetToDate - outcome;

    /// <summary>The budget January–month: the committee's own periodisation when it gives one, else the frame spread evenly (frame × month / 12).</summary>
    public static decimal BudgetToDate(decimal frame, int month, decimal? periodised) => periodised ?? frame * month / 12m;

    /// <summary>
    /// Reads an amount as people type it in a Swedish form: "1 234,5", "1234.5", "−12" (a minus sign), with spaces or
    /// non-breaking spaces between thousands. No thousands separators other than spaces: "1.234,5" is refused.
    /// </summary>
    public static bool TryParseAmount(string? text, out decimal amount)
    {
        amount = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal)
            .Replace("\u202F", "", StringComparison.Ordinal).Replace('\u2212', '-');
        if (s.Count(c => c is ',' or '.') > 1) return false;
        return decimal.TryParse(s.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
    }

    /// <summary>Swedish month names, January first (for labels; the months of a report are 1–12).</summary>
    public static readonly string[] SwedishMonths = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

    public static readonly string[] EnglishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string MonthName(int month, bool english) => (english ? EnglishMonths : SwedishMonths)[month - 1];
}
