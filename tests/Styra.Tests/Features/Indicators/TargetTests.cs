using Styra.Features.Indicators;
using Styra.Features.Organisation;

namespace Styra.Tests.Features.Indicators;

public sealed class TargetTests
{
    [Theory]
    [InlineData(82.0, 81.0, 0.5, Direction.HigherIsBetter, TargetStatus.Green)]
    [InlineData(81.0, 81.0, 0.5, Direction.HigherIsBetter, TargetStatus.Green)]
    [InlineData(80.6, 81.0, 0.5, Direction.HigherIsBetter, TargetStatus.Yellow)]
    [InlineData(80.4, 81.0, 0.5, Direction.HigherIsBetter, TargetStatus.Red)]
    [InlineData(16.0, 17.0, 0.2, Direction.LowerIsBetter, TargetStatus.Green)]
    [InlineData(17.1, 17.0, 0.2, Direction.LowerIsBetter, TargetStatus.Yellow)]
    [InlineData(19.0, 17.0, 0.2, Direction.LowerIsBetter, TargetStatus.Red)]
    [InlineData(2.2, 2.0, 0.2, Direction.LowerIsBetter, TargetStatus.Yellow)]  // exactly at the tolerance
    [InlineData(0.7, 0.9, 0.2, Direction.HigherIsBetter, TargetStatus.Yellow)]
    public void StatusOf_FollowsTheIndicatorsDirection(double value, double target, double tolerance, Direction direction, TargetStatus expected) =>
        Assert.Equal(expected, Target.StatusOf(value, target, tolerance, direction));

    [Fact]
    public void StatusOf_ANeutralIndicator_IsNone() => Assert.Null(Target.StatusOf(1, 2, 0, Direction.Neutral));

    [Fact]
    public void Construction_RefusesANegativeToleranceAndAYearOutOfRange()
    {
        var indicator = new Indicator("X1", "X", IndicatorSource.Manual);
        var region = new Region(new RegionCode("13"), "Region Halland");
        Assert.Throws<ArgumentOutOfRangeException>(() => new Target(indicator, region, 2024, 1, -0.1, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Target(indicator, region, 24, 1, 0, false));
    }
}
