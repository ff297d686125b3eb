namespace Styra.Features.FollowUp;

/// <summary>
/// Deadlines are days in Swedish time: a report is on time through the whole deadline day in Europe/Stockholm, and
/// overdue from midnight after it — whatever the server's own time zone.
/// </summary>
public static class Deadlines
{
    public static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Stockholm).DateTime);

    public static DateOnly Today(TimeProvider time) => Today(time.GetUtcNow());

    /// <summary>Whether an assessment in this status is late: not yet submitted (or approved) after its deadline day.</summary>
    public static bool IsOverdue(DateOnly deadline, AssessmentStatus status, DateTimeOffset now) =>
        status is AssessmentStatus.NotStarted or AssessmentStatus.Draft or AssessmentStatus.Returned && Today(now) > deadline;

    /// <summary>The moment a day ends in Stockholm (midnight after it), in UTC: "valid through this day".</summary>
    public static DateTimeOffset EndOfDayUtc(DateOnly day)
    {
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Stockholm.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>Whole days left until the deadline (0 on the day itself, negative when past).</summary>
    public static int DaysLeft(DateOnly deadline, DateTimeOffset now) => deadline.DayNumber - Today(now).DayNumber;
}
