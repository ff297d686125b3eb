using Styra.Features.Audit;
namespace Styra.Features.Indicators;

/// <summary>Which way is better: a higher value (life expectancy), a lower one (waiting days), or neither.</summary>
public enum Direction { HigherIsBetter, LowerIsBetter, Neutral }

/// <summary>Where values come from: entered by hand, Kolada, a file (CSV/Excel), or computed by a formula over other indicators.</summary>
public enum IndicatorSource { Manual, Kolada, File, Formula }

/// <summary>
/// An indicator (nyckeltal): what is measured, in which unit, how often, and which way is better. Kolada KPIs keep
/// their Kolada id as code (e.g. "N00923"); a region's own indicators have codes of their own.
/// </summary>
public sealed class Indicator : IAudited
{
    int? IAudited.AuditRegionId => null;

    private Indicator() { }

    public Indicator(string code, string name, IndicatorSource source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code.Trim();
        Source = source;
        Describe(name, null, null, 1);
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }

    /// <summary>The unit of the values, e.g. "år", "%", "kr/inv".</summary>
    public string? Unit { get; private set; }
    public int Decimals { get; private set; } = 1;
    public Direction Direction { get; set; } = Direction.Neutral;
    public Periodicity Periodicity { get; set; } = Periodicity.Year;
    public IndicatorSource Source { get; private set; }

    /// <summary>
    /// The formula (docs/indicator-formulas.md) that computes the values from other indicators, in normalised form; null
    /// for an indicator whose values are measured or imported.
    /// </summary>
    public string? Formula { get; private set; }

    /// <summary>Makes the indicator computed by a formula (checked by the caller), or measured again with null.</summary>
    public void ComputeWith(Formulas.IndicatorFormula? formula, IndicatorSource sourceWithout)
    {
        Formula = formula?.Text;
        Source = formula is null ? sourceWithout : IndicatorSource.Formula;
    }

    /// <summary>The field the indicator belongs to, as Kolada's catalogue gives it ("Hälso- och sjukvård").</summary>
    public string? Category { get; private set; }

    /// <summary>For which kind of area Kolada publishes it: "L" regions, "K" municipalities, "A" both; null when not from Kolada.</summary>
    public string? AreaTypes { get; private set; }

    public void Catalogue(string? category, string? areaTypes)
    {
        Category = string.IsNullOrWhiteSpace(category) ? null : category.Trim();
        AreaTypes = string.IsNullOrWhiteSpace(areaTypes) ? null : areaTypes.Trim();
    }

    /// <summary>Whether values come per gender (K women, M men) besides the total (T).</summary>
    public bool IsDividedByGender { get; set; }

    public void Describe(string name, string? description, string? unit, int decimals)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (decimals is < 0 or > 6) throw new ArgumentOutOfRangeException(nameof(decimals), decimals, "0 to 6 decimals.");
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        Unit = string.IsNullOrWhiteSpace(unit) ? null : unit.Trim();
        Decimals = decimals;
    }
}
