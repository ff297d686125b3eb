using System.Globalization;
using Styra.Features.FollowUp;
using static Styra.Web.Lang;

namespace Styra.Web.Components.Pages.FollowUp;

/// <summary>The follow-up's words and dates in the UI language.</summary>
public static class FollowUpText
{
    public static string Status(AssessmentStatus s) => Names.Status(s, IsEnglish);

    public static string Fulfilment(Fulfilment? f) => f is { } v ? Names.Fulfilment(v, IsEnglish) : T("ej vald", "not chosen");

    public static string Kind(EventKind k) => k switch
    {
        EventKind.Monthly => T("Månadsrapport", "Monthly report"),
        EventKind.Tertial1 => T("Uppföljningsrapport 1 (tertial 1)", "Follow-up report 1 (tertial 1)"),
        EventKind.Tertial2 => T("Uppföljningsrapport 2 / delårsbokslut", "Follow-up report 2 / interim accounts"),
        _ => T("Årsredovisning", "Annual report"),
    };

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Period(DateOnly start, DateOnly end) => $"{Date(start)} – {Date(end)}";

    /// <summary>A moment as a Swedish reader's clock showed it.</summary>
    public static string When(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Deadlines.Stockholm).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string DaysLeft(int days) => days switch
    {
        0 => T("sista dagen i dag", "last day today"),
        1 => T("1 dag kvar", "1 day left"),
        > 1 => T($"{days} dagar kvar", $"{days} days left"),
        -1 => T("1 dag sedan", "1 day ago"),
        _ => T($"{-days} dagar sedan", $"{-days} days ago"),
    };

    public static string StatusClass(AssessmentStatus s) => s switch
    {
        AssessmentStatus.NotStarted => "not-started",
        AssessmentStatus.Draft => "draft",
        AssessmentStatus.Submitted => "submitted",
        AssessmentStatus.Returned => "returned",
        _ => "approved",
    };

    public static string FulfilmentClass(Fulfilment? f) => f switch
    {
        Styra.Features.FollowUp.Fulfilment.Met => "met",
        Styra.Features.FollowUp.Fulfilment.PartlyMet => "partly",
        Styra.Features.FollowUp.Fulfilment.NotMet => "not-met",
        Styra.Features.FollowUp.Fulfilment.NotAssessed => "not-assessed",
        _ => "none",
    };
}
