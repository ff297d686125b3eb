using Styra.Features.Audit;
using Styra.Features.Organisation;

namespace Styra.Features.Indicators;

/// <summary>Green: the target is met; yellow: missed by no more than the tolerance; red: missed by more.</summary>
public enum TargetStatus { Green, Yellow, Red }

/// <summary>
/// A target (målvärde) for an indicator, set by a region for one year, with a tolerance that makes a near miss
/// yellow rather than red. Demo targets are marked as such, so that nobody takes them for decided ones.
/// </summary>
public sealed class Target : IAudited
{
    int? IAudited.AuditRegionId => RegionId == 0 ? Region?.Id : RegionId;

    private Target() { }

    public Target(Indicator indicator, Region region, int year, double value, double tolerance, bool isDemo)
    {
        if (year is < 1900 or > 2200) throw new ArgumentOutOfRangeException(nameof(year), year, "A target belongs to a year between 1900 and 2200.");
        Indicator = indicator;
        Region = region;
        Year = year;
        Set(value, tolerance, isDemo);
    }

    public int Id { get; private set; }
    public int IndicatorId { get; private set; }
    public Indicator Indicator { get; private set; } = null!;
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;
    public int Year { get; private set; }
    public double Value { get; private set; }

    /// <summary>How far from the target (in the indicator's unit) a value may fall and still be yellow.</summary>
    public double Tolerance { get; private set; }
    public bool IsDemo { get; private set; }

    public void Set(double value, double tolerance, bool isDemo)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "A target is a number.");
        if (!(tolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance is zero or more.");
        Value = value;
        Tolerance = tolerance;
        IsDemo = isDemo;
    }

    /// <summary>The status of a value against a target, by the indicator's direction; none for a neutral indicator.</summary>
    public static TargetStatus? StatusOf(double value, double target, double tolerance, Direction direction)
    {
        var shortfall = direction switch
        {
            Direction.HigherIsBetter => target - value,
            Direction.LowerIsBetter => value - target,
            _ => (double?)null,
        };
        // Rounded, so that a value exactly at the tolerance (2.2 against 2.0 ± 0.2) is not pushed over it by binary fractions.
        return (shortfall is { } sf ? Math.Round(sf, 9) : (double?)null) switch
        {
            null => null,
            <= 0 => TargetStatus.Green,
            var s when s <= tolerance => TargetStatus.Yellow,
            _ => TargetStatus.Red,
        };
    }
}
