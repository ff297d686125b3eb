using Styra.Features.FollowUp;

namespace Styra.Tests.Features.FollowUp;

/// <summary>A deadline is a day in Swedish time: on time through the whole day in Europe/Stockholm, late from midnight after.</summary>
public sealed class DeadlineTests
{
    private static readonly DateOnly Deadline = new(2024, 9, 20); // summer time: UTC+2

    [Theory]
    [InlineData("2024-09-20T21:59:59Z", false)] // 23:59:59 in Stockholm on the deadline day
    [InlineData("2024-09-20T22:00:00Z", true)]  // 00:00 the next day in Stockholm, still the 20th in UTC
    [InlineData("2024-09-19T23:30:00Z", false)]
    [InlineData("2024-09-21T10:00:00+09:00", true)] // a caller in Tokyo: 03:00 on the 21st in Stockholm
    public void ADraft_IsOverdue_FromMidnightAfterTheDeadlineDay_InStockholm(string now, bool overdue) =>
        Assert.Equal(overdue, Deadlines.IsOverdue(Deadline, AssessmentStatus.Draft, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2025-02-15T22:59:59Z", false)] // winter time: UTC+1, 23:59:59 on the 15th
    [InlineData("2025-02-15T23:00:00Z", true)]
    public void InWinter_TheDayEndsAnHourLaterInUtc(string now, bool overdue) =>
        Assert.Equal(overdue, Deadlines.IsOverdue(new DateOnly(2025, 2, 15), AssessmentStatus.NotStarted, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(AssessmentStatus.NotStarted, true)]
    [InlineData(AssessmentStatus.Draft, true)]
    [InlineData(AssessmentStatus.Returned, true)]
    [InlineData(AssessmentStatus.Submitted, false)]
    [InlineData(AssessmentStatus.Approved, false)]
    public void OnlyWhatIsNotYetSubmitted_IsOverdue(AssessmentStatus status, bool overdue) =>
        Assert.Equal(overdue, Deadlines.IsOverdue(Deadline, status, new DateTimeOffset(2024, 10, 1, 8, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void DaysLeft_IsZeroOnTheDay_AndCountsSwedishDays()
    {
        Assert.Equal(0, Deadlines.DaysLeft(Deadline, new DateTimeOffset(2024, 9, 20, 21, 0, 0, TimeSpan.Zero)));
        Assert.Equal(-1, Deadlines.DaysLeft(Deadline, new DateTimeOffset(2024, 9, 20, 22, 30, 0, TimeSpan.Zero)));
        Assert.Equal(1, Deadlines.DaysLeft(Deadline, new DateTimeOffset(2024, 9, 19, 12, 0, 0, TimeSpan.Zero)));
    }
}
