using System.Globalization;
using Styra.Features.ActionPlans;
using Styra.Features.FollowUp;
using static Styra.Web.Lang;

namespace Styra.Web.Components.Pages.ActionPlans;

/// <summary>What the initiative form posts: text as typed (dates as yyyy-MM-dd), so that a refused save shows it back.</summary>
public sealed class InitiativeForm
{
    public string? Key { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Owner { get; set; }
    public string? Start { get; set; }
    public string? End { get; set; }
    public string? Status { get; set; }
    public int Version { get; set; }

    /// <summary>The node keys ticked (read from the posted form: checkboxes named Form.Tags).</summary>
    public List<string>? Tags { get; set; }

    public static InitiativeForm From(Initiative i) => new()
    {
        Key = i.Key, Title = i.Title, Description = i.Description, Owner = i.Owner, Start = ActionPlanText.Date(i.Start, null), End = ActionPlanText.Date(i.End, null),
        Status = i.Status.ToString(), Version = i.Version, Tags = [.. i.NodeKeys],
    };

    public (InitiativeInput? Input, List<FieldProblem> Problems) ToInput()
    {
        var problems = new List<FieldProblem>();
        var start = ReadDate(Start, "start", problems);
        var end = ReadDate(End, "end", problems);
        var status = Enum.TryParse<InitiativeStatus>(Status, out var s) && Enum.IsDefined(s) ? s : InitiativeStatus.Planned;
        return problems.Count > 0 ? (null, problems) : (new InitiativeInput(Key, Title, Description, Owner, start, end, status, Tags ?? []), problems);
    }

    private static DateOnly? ReadDate(string? text, string field, List<FieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        problems.Add(new(field, $"”{text}” är inget datum (åååå-mm-dd).", $"“{text}” is not a date (yyyy-mm-dd)."));
        return null;
    }
}

/// <summary>The create-revision form.</summary>
public sealed class RevisionForm
{
    public string? Year { get; set; }
    public int? Strategy { get; set; }
    public string? Title { get; set; }
    public bool Copy { get; set; }
    public bool IncludeClosed { get; set; }
}

public static class ActionPlanText
{
    public static string Of(InitiativeStatus status) => status switch
    {
        InitiativeStatus.Planned => T("Planerad", "Planned"),
        InitiativeStatus.Ongoing => T("Pågår", "Ongoing"),
        InitiativeStatus.Delayed => T("Försenad", "Delayed"),
        InitiativeStatus.Done => T("Klar", "Done"),
        _ => T("Avbruten", "Cancelled"),
    };

    public static string Of(InitiativeStatus? status) => status is { } s ? Of(s) : T("Ej uppföljd", "Not followed up");

    public static string Date(DateOnly? d, string? none = "–") => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? none ?? "";

    public static string Field(string field) => field switch
    {
        "title" => T("Rubrik", "Title"),
        "owner" => T("Ansvarig", "Owner"),
        "start" => T("Start", "Start"),
        "end" => T("Slut", "End"),
        "status" => T("Status", "Status"),
        _ => field,
    };

    /// <summary>A changed value as the reader reads it: statuses by their name in the UI's language, nothing as a dash.</summary>
    public static string Value(string field, string? value) => value is null or "" ? "–"
        : field == "status" && Enum.TryParse<InitiativeStatus>(value, out var s) ? Of(s) : value;

    public static string LevelName(StrategyTags tags, string key) =>
        tags.IsArea(key) ? T("Insatsområde", "Initiative area") : tags.IsDirection(key) ? T("Viljeriktning", "Direction")
        : tags.IsFocusShift(key) ? T("Fokusförflyttning", "Focus shift") : T("Okänd nod", "Unknown node");

    /// <summary>The chip's class by level, so the three kinds read apart (also by their visible level prefix, not by colour alone).</summary>
    public static string ChipClass(StrategyTags tags, string key) =>
        tags.IsArea(key) ? "chip tag-area" : tags.IsDirection(key) ? "chip tag-direction" : tags.IsFocusShift(key) ? "chip tag-shift" : "chip";

    /// <summary>"FF1" for ff-1: the column label of a fokusförflyttning, its number in the strategy's order.</summary>
    public static string ShiftLabel(StrategyTags tags, string key) => $"FF{tags.FocusShifts.ToList().FindIndex(f => f.Key == key) + 1}";
}
