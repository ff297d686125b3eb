using System.Data;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Styra.Data;
using Styra.Features.ActionPlans;
using Styra.Features.FollowUp;
using Styra.Web.Accounts;
using Sylvan.Data.Csv;
using static Styra.Web.Apis.FollowUpApi;

namespace Styra.Web.Apis;

/// <summary>
/// The handlingsplan API (docs/action-plan.md): revisions, initiatives with their tags, the coverage matrix, the
/// comparison of two revisions and the yearly follow-up. The region's readers read; its planners write.
/// </summary>
public static class ActionPlansApi
{
    public sealed record NodeRef(string Key, string Level, string Title);
    public sealed record FollowUpView(InitiativeStatus? Status, string? Comment, DateTimeOffset? At, string? By);
    public sealed record InitiativeView(string Key, string Title, string Description, string Owner, DateOnly? Start, DateOnly? End, InitiativeStatus Status,
        IReadOnlyList<NodeRef> Tags, FollowUpView FollowUp, int Version);
    public sealed record ActionPlanView(string Region, int Year, string Title, string? Decision, bool IsDemo, int StrategyId, string StrategyTitle, int Version,
        IReadOnlyList<InitiativeView> Initiatives);
    public sealed record SavedView(InitiativeView Initiative, IReadOnlyList<string> Warnings);
    public sealed record RowView(NodeRef Area, NodeRef? Group, IReadOnlyList<int> Cells, int Total);
    public sealed record DirectionView(NodeRef Direction, string? Area, int Count);
    public sealed record CoverageView(int Year, IReadOnlyList<NodeRef> FocusShifts, IReadOnlyList<RowView> Rows, IReadOnlyList<int> ColumnTotals, int Counted,
        int WithoutFocusShift, IReadOnlyList<string> AreasWithout, IReadOnlyList<string[]> EmptyCells, IReadOnlyList<DirectionView> Directions);
    public sealed record ChangeView(string Key, string Title, IReadOnlyList<FieldChange> Fields, IReadOnlyList<string> TagsAdded, IReadOnlyList<string> TagsRemoved);
    public sealed record CellView(string Area, string FocusShift, int Old, int New);
    public sealed record CompareView(int Year, int With, IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<ChangeView> Changed, int Unchanged,
        IReadOnlyList<CellView> Cells);
    public sealed record RevisionBody(int Year, int? StrategyId, string? Title, bool CopyPrevious, bool IncludeClosed);
    public sealed record InitiativeBody(string? Key, string? Title, string? Description, string? Owner, DateOnly? Start, DateOnly? End, InitiativeStatus Status,
        IReadOnlyList<string>? NodeKeys, int Version);
    public sealed record FollowUpBody(int Version, InitiativeStatus? Status, string? Comment);

    public static void MapActionPlansApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/regions/{code}/action-plans").WithTags("Action plans");

        api.MapGet("/", async Task<IResult> (string code, CurrentAccess current, StyraDbContext db, ActionPlanService plans, CancellationToken ct) =>
        {
            var (region, denied) = await RegionForReadAsync(code, current, db, ct);
            return denied ?? TypedResults.Ok(await plans.RevisionsAsync(region!.Id, ct));
        }).WithSummary("The region's handlingsplan revisions, one a year");

        api.MapPost("/", async Task<IResult> (string code, RevisionBody body, CurrentAccess current, StyraDbContext db, ActionPlanService plans, CancellationToken ct) =>
        {
            var (region, denied) = await RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var result = await plans.CreateRevisionAsync(region!.Id, body.Year, body.StrategyId, body.Title, body.CopyPrevious, body.IncludeClosed, await current.GetAsync(ct), ct);
            if (result.Outcome != Outcome.Ok) return ToResult(result);
            var tags = await plans.TagsAsync(result.Plan!, ct);
            return TypedResults.Created($"/api/regions/{code}/action-plans/{body.Year}", ToView(result.Plan!, tags));
        }).WithSummary("Create the revision of a year (planners): empty, or a copy of the latest earlier revision (copyPrevious; includeClosed keeps Done and Cancelled initiatives)");

        api.MapGet("/{year:int}", async Task<IResult> (string code, int year, CurrentAccess current, StyraDbContext db, ActionPlanService plans, CancellationToken ct) =>
        {
            var (plan, tags, denied) = await ReadAsync(code, year, current, db, plans, ct);
            return denied ?? TypedResults.Ok(ToView(plan!, tags!));
        }).WithSummary("A revision with its initiatives, their tags and their follow-up");

        api.MapGet("/{year:int}/initiatives.csv", async Task<IResult> (string code, int year, CurrentAccess current, StyraDbContext db, ActionPlanService plans, CancellationToken ct) =>
        {
            var (plan, tags, denied) = await ReadAsync(code, year, current, db, plans, ct);
            return denied ?? TypedResults.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(Csv(plan!, tags!))).ToArray(),
                "text/csv; charset=utf-8", $"handlingsplan-{code}-{year}.csv");
        }).WithSummary("The revision's initiatives with their tags, as CSV (one row per initiative; tags by level, separated by semicolons)");

        api.MapGet("/{year:int}/coverage", async Task<IResult> (string code, int year, CurrentAccess current, StyraDbContext db, ActionPlanService plans, CancellationToken ct) =>
        {
            var (plan, tags, denied) = await ReadAsync(code, year, current, db, plans, ct);
            if (denied is not null) return denied;
            var m = CoverageMatrix.Of(plan!.Initiatives.Select(InitiativeSnapshot.Of), tags!);
            return TypedResults.Ok(new CoverageView(year, m.FocusShifts.Select(Ref).ToList(),
                m.Rows.Select(r => new RowView(Ref(r.Area), r.Group is null ? null : Ref(r.Group), r.Cells, r.Total)).ToList(), m.ColumnTotals, m.Counted,
                m.WithoutFocusShift, m.AreasWithout.Select(a => a.Key).ToList(), m.EmptyCells.Select(c => new[] { c.Area.Key, c.FocusShift.Key }).ToList(),
                m.Directions.Select(d => new DirectionView(Ref(d.Direction), d.Area?.Key, d.Count)).ToList()));
        }).WithSummary("The coverage matrix insatsområde × fokusförflyttning: counts, totals, empty cells, areas and directions without initiatives");

        api.MapGet("/{year:int}/compare", async Task<IResult> (string code, int year, int? with, CurrentAccess current, StyraDbContext db, ActionPlanService plans, CancellationToken ct) =>
        {
            var (plan, tags, denied) = await ReadAsync(code, year, current, db, plans, ct);
            if (denied is not null) return denied;
            var other = with ?? await plans.PreviousYearAsync(plan!.RegionId, year, ct);
            var earlier = other is { } y ? await plans.FindAsync(plan!.RegionId, y, ct) : null;
            if (earlier is null)
                return TypedResults.Problem(statusCode: 404, title: "No revision to compare with", detail: with is null ? $"There is no revision before {year}." : $"There is no revision {with}.");
            var c = RevisionComparison.Of(earlier.Initiatives.Select(InitiativeSnapshot.Of).ToList(), plan!.Initiatives.Select(InitiativeSnapshot.Of).ToList(), tags!);
            return TypedResults.Ok(new CompareView(year, earlier.Year, c.Added.Select(i => i.Key).ToList(), c.Removed.Select(i => i.Key).ToList(),
                c.Changed.Select(x => new ChangeView(x.Key, x.Title, x.Fields, x.TagsAdded, x.TagsRemoved)).ToList(), c.Unchanged,
                c.Cells.Select(x => new CellView(x.Area.Key, x.FocusShift.Key, x.Old, x.New)).ToList()));
        }).WithSummary("This revision against another (?with=YEAR; the previous one by default): initiatives added, removed and changed, and the matrix cells that changed");

        api.MapPost("/{year:int}/initiatives", async Task<IResult> (string code, int year, InitiativeBody body, CurrentAccess current, StyraDbContext db, ActionPlanService plans, CancellationToken ct) =>
        {
            var (region, denied) = await RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var result = await plans.AddInitiativeAsync(region!.Id, year, ToInput(body), await current.GetAsync(ct), ct);
            return result.Outcome == Outcome.Ok
                ? TypedResults.Created($"/api/regions/{code}/action-plans/{year}", await SavedAsync(result, plans, ct))
                : ToResult(result);
        }).WithSummary("Add an initiative (planners); the answer carries warnings such as an initiative that advances no fokusförflyttning");

        api.MapPut("/{year:int}/initiatives/{key}", async Task<IResult> (string code, int year, string key, InitiativeBody body, CurrentAccess current, StyraDbContext db, ActionPlanService plans, CancellationToken ct) =>
        {
            var (region, denied) = await RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var result = await plans.UpdateInitiativeAsync(region!.Id, year, key, body.Version, ToInput(body), await current.GetAsync(ct), ct);
            return result.Outcome == Outcome.Ok ? TypedResults.Ok(await SavedAsync(result, plans, ct)) : ToResult(result);
        }).WithSummary("Change an initiative (planners); 409 with the current version if someone saved since the version you send. The key cannot change.");

        api.MapDelete("/{year:int}/initiatives/{key}", async Task<IResult> (string code, int year, string key, int version, CurrentAccess current, StyraDbContext db, ActionPlanService plans, CancellationToken ct) =>
        {
            var (region, denied) = await RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var result = await plans.RemoveInitiativeAsync(region!.Id, year, key, version, await current.GetAsync(ct), ct);
            return result.Outcome == Outcome.Ok ? TypedResults.NoContent() : ToResult(result);
        }).WithSummary("Remove an initiative from the revision (planners; ?version= the version you saw)");

        api.MapPut("/{year:int}/initiatives/{key}/follow-up", async Task<IResult> (string code, int year, string key, FollowUpBody body, CurrentAccess current, StyraDbContext db, ActionPlanService plans, CancellationToken ct) =>
        {
            var (region, denied) = await RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var result = await plans.FollowUpAsync(region!.Id, year, [new FollowUpInput(key, body.Version, body.Status, body.Comment)], await current.GetAsync(ct), ct);
            if (result.Outcome != Outcome.Ok) return ToResult(result);
            var tags = await plans.TagsAsync(result.Plan!, ct);
            return TypedResults.Ok(ToView(result.Plan!.Initiatives.Single(i => i.Key == key), tags));
        }).WithSummary("The yearly follow-up of an initiative (planners): status at year end and a comment, stamped with time and user");
    }

    private static async Task<(ActionPlan? Plan, StrategyTags? Tags, IResult? Denied)> ReadAsync(string code, int year, CurrentAccess current, StyraDbContext db,
        ActionPlanService plans, CancellationToken ct)
    {
        var (region, denied) = await RegionForReadAsync(code, current, db, ct);
        if (denied is not null) return (null, null, denied);
        var plan = await plans.FindAsync(region!.Id, year, ct);
        if (plan is null) return (null, null, TypedResults.Problem(statusCode: 404, title: "No action plan", detail: $"{region.Name} has no action plan for {year}."));
        return (plan, await plans.TagsAsync(plan, ct), null);
    }

    private static async Task<SavedView> SavedAsync(ActionPlanResult r, ActionPlanService plans, CancellationToken ct) =>
        new(ToView(r.Initiative!, await plans.TagsAsync(r.Plan!, ct)), r.Warnings.Select(w => w.English).ToList());

    private static IResult ToResult(ActionPlanResult r) => r.Outcome switch
    {
        Outcome.NotFound => TypedResults.Problem(statusCode: 404, title: "Not found", detail: "There is no such action plan or initiative."),
        Outcome.Forbidden => Forbidden(string.Join(" ", r.Problems.Select(p => p.English))),
        Outcome.Conflict => TypedResults.Problem(statusCode: 409, title: "Someone else saved first", detail: string.Join(" ", r.Problems.Select(p => p.English)),
            extensions: new Dictionary<string, object?> { ["currentVersion"] = r.Initiative?.Version }),
        _ => Invalid(r.Problems),
    };

    private static InitiativeInput ToInput(InitiativeBody b) => new(b.Key, b.Title, b.Description, b.Owner, b.Start, b.End, b.Status, b.NodeKeys ?? []);

    private static NodeRef Ref(StrategyNode n) => new(n.Key, n.Level, n.Title);

    public static ActionPlanView ToView(ActionPlan p, StrategyTags tags) => new(p.Region.Code.Value, p.Year, p.Title, p.Decision, p.IsDemo, p.StrategyId, p.Strategy.Title,
        p.Version, p.Initiatives.Select(i => ToView(i, tags)).ToList());

    public static InitiativeView ToView(Initiative i, StrategyTags tags) => new(i.Key, i.Title, i.Description, i.Owner, i.Start, i.End, i.Status,
        i.NodeKeys.Select(k => tags.Find(k) is { } n ? Ref(n) : new NodeRef(k, "", k)).ToList(),
        new FollowUpView(i.FollowUpStatus, i.FollowUpComment, i.FollowedUpAt, i.FollowedUpBy), i.Version);

    /// <summary>One row per initiative; the tags by level (keys and titles separated by semicolons); dates ISO 8601.</summary>
    public static string Csv(ActionPlan plan, StrategyTags tags)
    {
        using var table = new DataTable { Locale = CultureInfo.InvariantCulture };
        foreach (var c in new[] { "key", "title", "owner", "start", "end", "status", "initiative_areas", "directions", "focus_shifts", "tag_titles",
                     "follow_up_status", "follow_up_comment", "followed_up_at", "followed_up_by", "description" })
            table.Columns.Add(c, typeof(string));
        string Keys(Initiative i, Func<string, bool> level) => string.Join(";", i.NodeKeys.Where(level));
        string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var i in plan.Initiatives)
            table.Rows.Add(i.Key, i.Title, i.Owner, Date(i.Start), Date(i.End), i.Status.ToString(), Keys(i, tags.IsArea), Keys(i, tags.IsDirection),
                Keys(i, tags.IsFocusShift), string.Join(";", i.NodeKeys.Select(k => tags.Find(k)?.Title ?? k)), i.FollowUpStatus?.ToString(), i.FollowUpComment,
                i.FollowedUpAt?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), i.FollowedUpBy, i.Description);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvDataWriter.Create(text, new CsvDataWriterOptions { NewLine = "\r\n", Culture = CultureInfo.InvariantCulture }))
            csv.Write(table.CreateDataReader());
        return text.ToString();
    }
}
