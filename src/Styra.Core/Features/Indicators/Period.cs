using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Styra.Features.Indicators;

public enum Periodicity { Year, Tertial, Month }

/// <summary>
/// A reporting period: a year ("2024"), a tertial ("2024T1" = January–April, T2 = May–August, T3 = September–December;
/// Swedish regions report in tertials) or a month ("2024M03"). Written the way Kolada and SCB write periods.
/// </summary>
public sealed partial record Period : IComparable<Period>
{
    private Period(int year, Periodicity kind, int number)
    {
        Year = year;
        Kind = kind;
        Number = number;
    }

    public int Year { get; }
    public Periodicity Kind { get; }

    /// <summary>The tertial (1–3) or month (1–12); 0 for a year.</summary>
    public int Number { get; }

    public DateOnly Start => Kind switch
    {
        Periodicity.Year => new DateOnly(Year, 1, 1),
        Periodicity.Tertial => new DateOnly(Year, (Number - 1) * 4 + 1, 1),
        _ => new DateOnly(Year, Number, 1),
    };

    /// <summary>The last day of the period (inclusive).</summary>
    public DateOnly End => Kind switch
    {
        Periodicity.Year => new DateOnly(Year, 12, 31),
        Periodicity.Tertial => new DateOnly(Year, Number * 4, 1).AddMonths(1).AddDays(-1),
        _ => new DateOnly(Year, Number, 1).AddMonths(1).AddDays(-1),
    };

    public static Period OfYear(int year) => new(CheckYear(year), Periodicity.Year, 0);

    public static Period OfTertial(int year, int tertial) =>
        tertial is >= 1 and <= 3 ? new(CheckYear(year), Periodicity.Tertial, tertial)
            : throw new ArgumentOutOfRangeException(nameof(tertial), tertial, "A tertial is 1, 2 or 3.");

    public static Period OfMonth(int year, int month) =>
        month is >= 1 and <= 12 ? new(CheckYear(year), Periodicity.Month, month)
            : throw new ArgumentOutOfRangeException(nameof(month), month, "A month is 1 to 12.");

    /// <summary>Reads "2024", "2024T2" or "2024M03" (also "2024-T2" and "2024-03").</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Period? period)
    {
        period = null;
        var m = text is null ? null : Pattern().Match(text.Trim());
        if (m is not { Success: true }) return false;
        var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 1900 or > 2200) return false;
        if (m.Groups["tertial"].Success)
        {
            var t = int.Parse(m.Groups["tertial"].Value, CultureInfo.InvariantCulture);
            if (t is < 1 or > 3) return false;
            period = new Period(year, Periodicity.Tertial, t);
        }
        else if (m.Groups["month"].Success)
        {
            var mo = int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture);
            if (mo is < 1 or > 12) return false;
            period = new Period(year, Periodicity.Month, mo);
        }
        else period = new Period(year, Periodicity.Year, 0);
        return true;
    }

    public static Period Parse(string text) =>
        TryParse(text, out var p) ? p : throw new FormatException($"'{text}' is not a period; expected a year (2024), a tertial (2024T1) or a month (2024M03).");

    /// <summary>Orders by when the period ends (when its value can be known); of two ending together, the shorter first.</summary>
    public int CompareTo(Period? other) =>
        other is null ? 1 : (End, -Start.DayNumber).CompareTo((other.End, -other.Start.DayNumber));

    public override string ToString() => Kind switch
    {
        Periodicity.Year => Year.ToString(CultureInfo.InvariantCulture),
        Periodicity.Tertial => $"{Year}T{Number}",
        _ => $"{Year}M{Number:00}",
    };

    private static int CheckYear(int year) =>
        year is >= 1900 and <= 2200 ? year : throw new ArgumentOutOfRangeException(nameof(year), year, "A year between 1900 and 2200.");

    [GeneratedRegex(@"^(?<year>[0-9]{4})(?:-?T(?<tertial>[0-9])|-?M?(?<month>[0-9]{2}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
