using Styra.Features.Indicators;

namespace Styra.Tests.Features.Indicators;

public sealed class PeriodTests
{
    [Theory]
    [InlineData("2024", "2024", "2024-01-01", "2024-12-31")]
    [InlineData("2024T1", "2024T1", "2024-01-01", "2024-04-30")]
    [InlineData("2024-T2", "2024T2", "2024-05-01", "2024-08-31")]
    [InlineData("2024t3", "2024T3", "2024-09-01", "2024-12-31")]
    [InlineData("2024M02", "2024M02", "2024-02-01", "2024-02-29")]
    [InlineData("2023-02", "2023M02", "2023-02-01", "2023-02-28")]
    public void Parse_ReadsYearsTertialsAndMonths_WithInclusiveEnds(string text, string written, string start, string end)
    {
        var period = Period.Parse(text);
        Assert.Equal(written, period.ToString());
        Assert.Equal(DateOnly.Parse(start), period.Start);
        Assert.Equal(DateOnly.Parse(end), period.End);
    }

    [Theory]
    [InlineData("2024T4")]
    [InlineData("2024M13")]
    [InlineData("24")]
    [InlineData("2024X1")]
    [InlineData("")]
    [InlineData("1800")]
    public void TryParse_RefusesWhatIsNoPeriod(string text) => Assert.False(Period.TryParse(text, out _));

    [Fact]
    public void Periods_OrderByTime() =>
        Assert.Equal(["2023", "2024T1", "2024M05", "2024T2", "2024T3", "2024"],
            new[] { "2024", "2024T2", "2024M05", "2023", "2024T3", "2024T1" }.Select(Period.Parse).Order().Select(p => p.ToString()));
}
