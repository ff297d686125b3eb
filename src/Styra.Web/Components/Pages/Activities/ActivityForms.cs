using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.FollowUp;
using Styra.Features.Plans;
using static Styra.Web.Lang;

namespace Styra.Web.Components.Pages.Activities;

/// <summary>What the activity form posts: text as typed (dates as yyyy-MM-dd), so that a refused save shows it back.</summary>
public sealed class ActivityForm
{
    public string? Unit { get; set; }
    public string? Kind { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Owner { get; set; }
    public string? Start { get; set; }
    public string? End { get; set; }
    public string? Status { get; set; }
    public int Version { get; set; }

    /// <summary>The goal keys ticked (read from the posted form: checkboxes named Form.Goals).</summary>
    public List<string>? Goals { get; set; }

    public static ActivityForm From(Activity a) => new()
    {
        Unit = a.Unit.Code, Kind = a.Kind.ToString(), Title = a.Title, Description = a.Description, Owner = a.Owner,
        Start = a.Start?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), End = a.End?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Status = a.Status.ToString(), Version = a.Version, Goals = [.. a.GoalKeys],
    };

    /// <summary>The input for the core, or the fields that could not even be read.</summary>
    public (ActivityInput? Input, List<FieldProblem> Problems) ToInput()
    {
        var problems = new List<FieldProblem>();
        var start = Date(Start, "start", problems);
        var end = Date(End, "end", problems);
        var kind = Enum.TryParse<ActivityKind>(Kind, out var k) && Enum.IsDefined(k) ? k : ActivityKind.Activity;
        var status = Enum.TryParse<ActivityStatus>(Status, out var s) && Enum.IsDefined(s) ? s : ActivityStatus.NotStarted;
        return problems.Count > 0 ? (null, problems) : (new ActivityInput(kind, Title, Description, Owner, start, end, status, Goals ?? []), problems);
    }

    private static DateOnly? Date(string? text, string field, List<FieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        problems.Add(new(field, $"”{text}” är inget datum (åååå-mm-dd).", $"“{text}” is not a date (yyyy-mm-dd)."));
        return null;
    }
}

/// <summary>The progress form: a status and a comment at one reporting event.</summary>
public sealed class ProgressForm
{
    public int Version { get; set; }
    public int? Event { get; set; }
    public string? Status { get; set; }
    public string? Comment { get; set; }
}

public sealed record GoalOption(string Key, string Title, string Level);

public static class ActivityNames
{
    public static string Of(ActivityKind kind) => kind == ActivityKind.Assignment ? T("Uppdrag", "Assignment") : T("Aktivitet", "Activity");

    public static string Of(ActivityStatus status) => status switch
    {
        ActivityStatus.NotStarted => T("Ej påbörjad", "Not started"),
        ActivityStatus.Ongoing => T("Pågår", "Ongoing"),
        ActivityStatus.Delayed => T("Försenad", "Delayed"),
        ActivityStatus.Done => T("Klar", "Done"),
        _ => T("Avbruten", "Cancelled"),
    };

    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "–";

    /// <summary>The goals an activity can serve: the plan's current goal nodes that some unit is responsible for.</summary>
    public static Task<List<GoalOption>> GoalsAsync(StyraDbContext db, int planId, CancellationToken ct = default) =>
        db.GoalNodes.AsNoTracking().CurrentNodes().Where(n => n.PlanVersion.PlanId == planId && n.Responsibilities.Any())
            .OrderBy(n => n.SortOrder).ThenBy(n => n.Id).Select(n => new GoalOption(n.Key, n.Title, n.Level)).ToListAsync(ct);

    /// <summary>The plan new activities belong to: the one the region's latest reporting event follows up, else its first plan.</summary>
    public static async Task<int?> PlanOfRegionAsync(StyraDbContext db, int regionId, CancellationToken ct = default) =>
        await db.ReportingEvents.AsNoTracking().Where(e => e.RegionId == regionId).OrderByDescending(e => e.PeriodEnd).Select(e => (int?)e.PlanId).FirstOrDefaultAsync(ct)
        ?? await db.Plans.AsNoTracking().Where(p => p.RegionId == regionId).OrderBy(p => p.Id).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
}
