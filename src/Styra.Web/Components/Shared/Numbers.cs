using System.Globalization;
using Styra.Features.Indicators;
using static Styra.Web.Lang;

namespace Styra.Web.Components.Shared;

/// <summary>Indicator values as a Swedish (or English) reader writes them: "82,4 år", "−1,2".</summary>
public static class Numbers
{
    public static string Value(double? value, int decimals, string? unit = null) =>
        value is null ? "–" : $"{Format(value.Value, decimals)}{(unit is null ? "" : unit == "%" ? " %" : $" {unit}")}";

    public static string Signed(double? value, int decimals)
    {
        if (value is null) return "–";
        var rounded = Round(value.Value, decimals);
        return (rounded > 0 ? "+" : rounded < 0 ? "−" : "") + Math.Abs(rounded).ToString("N" + decimals, CultureInfo.CurrentCulture);
    }

    public static string Direction(Direction d) => d switch
    {
        Styra.Features.Indicators.Direction.HigherIsBetter => T("högre är bättre", "higher is better"),
        Styra.Features.Indicators.Direction.LowerIsBetter => T("lägre är bättre", "lower is better"),
        _ => T("neutral", "neutral"),
    };

    private static string Format(double value, int decimals) => Round(value, decimals).ToString("N" + decimals, CultureInfo.CurrentCulture);

    // As people and Kolada round: half away from zero, on the decimal value (82.35 → 82.4, not the binary 82.3499…).
    private static decimal Round(double value, int decimals) => Math.Round((decimal)value, decimals, MidpointRounding.AwayFromZero);
}
