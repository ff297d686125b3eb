using System.Globalization;
using Styra.Features.FollowUp;
using static Styra.Web.Lang;

namespace Styra.Web.Components.Pages.FollowUp;

/// <summary>A reporting event as the planner's form carries it: text as typed, so that a wrong date is shown back.</summary>
public sealed class EventForm
{
    public string? Kind { get; set; }
    public string? Name { get; set; }
    public string? PeriodStart { get; set; }
    public string? PeriodEnd { get; set; }
    public string? Deadline { get; set; }
    public bool AsksForecast { get; set; }
    public string? PlanId { get; set; }

    public static EventForm From(ReportingEvent e) => new()
    {
        Kind = e.Kind.ToString(), Name = e.Name, PeriodStart = FollowUpText.Date(e.PeriodStart), PeriodEnd = FollowUpText.Date(e.PeriodEnd),
        Deadline = FollowUpText.Date(e.Deadline), AsksForecast = e.AsksForecast, PlanId = e.PlanId.ToString(CultureInfo.InvariantCulture),
    };

    public EventInput ToInput() => new(
        Enum.TryParse<EventKind>(Kind, out var k) && Enum.IsDefined(k) ? k : EventKind.Tertial1, Name, ParseDate(PeriodStart), ParseDate(PeriodEnd),
        ParseDate(Deadline), AsksForecast, int.TryParse(PlanId, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null);

    /// <summary>The core's problems, keyed by field; a date that is not a date is named as typed.</summary>
    public Dictionary<string, FieldProblem> Problems(IReadOnlyList<FieldProblem> problems)
    {
        var byField = new Dictionary<string, FieldProblem>();
        foreach (var p in problems) byField.TryAdd(p.Field, p);
        foreach (var (field, raw) in new[] { ("periodStart", PeriodStart), ("periodEnd", PeriodEnd), ("deadline", Deadline) })
            if (!string.IsNullOrWhiteSpace(raw) && ParseDate(raw) is null)
                byField[field] = new FieldProblem(field, $"”{raw}” är inget datum; skriv ÅÅÅÅ-MM-DD, t.ex. 2025-05-20.",
                    $"“{raw}” is not a date; write YYYY-MM-DD, e.g. 2025-05-20.");
        return byField;
    }

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
