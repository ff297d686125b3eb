using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.FollowUp;
using Styra.Features.Plans;

namespace Styra.Features.ActionPlans;

/// <summary>What an initiative form or API call carries. The key is read only when the initiative is created: it stays
/// the same across revisions, which is what the comparison reads.</summary>
public sealed record InitiativeInput(string? Key, string? Title, string? Description, string? Owner, DateOnly? Start, DateOnly? End,
    InitiativeStatus Status, IReadOnlyList<string> NodeKeys);

/// <summary>The yearly follow-up of one initiative: its status at year end and a comment, on the version the planner saw.</summary>
public sealed record FollowUpInput(string Key, int Version, InitiativeStatus? Status, string? Comment);

/// <summary>A revision of the region's handlingsplan, as the list shows it.</summary>
public sealed record RevisionSummary(int Year, string Title, bool IsDemo, int StrategyId, string StrategyTitle, int Initiatives, int FollowedUp, int Version);

/// <summary>
/// What came of a change: done (with warnings, such as an initiative that advances no fokusförflyttning), or why not.
/// On a conflict <see cref="Initiative"/> holds the version someone else saved.
/// </summary>
public sealed record ActionPlanResult(Outcome Outcome, ActionPlan? Plan, Initiative? Initiative, IReadOnlyList<FieldProblem> Problems,
    IReadOnlyList<FieldProblem> Warnings)
{
    public static readonly ActionPlanResult NotFound = new(Outcome.NotFound, null, null, [], []);
    public static ActionPlanResult Invalid(ActionPlan? plan, Initiative? initiative, IReadOnlyList<FieldProblem> problems) => new(Outcome.Invalid, plan, initiative, problems, []);
}

/// <summary>
/// The region-wide handlingsplan: one revision a year, each with its initiatives tagged with the strategy's
/// insatsområden, viljeriktningar and fokusförflyttningar; the yearly follow-up of every initiative. The region's
/// readers read; its planners write. Every save checks the version the writer saw.
/// </summary>
public sealed partial class ActionPlanService(StyraDbContext db, TimeProvider time)
{
    public const int MaxComment = 2_000;
    public const int MaxDescription = 8_000;

    public Task<List<RevisionSummary>> RevisionsAsync(int regionId, CancellationToken ct = default) =>
        db.ActionPlans.AsNoTracking().Where(p => p.RegionId == regionId).OrderByDescending(p => p.Year)
            .Select(p => new RevisionSummary(p.Year, p.Title, p.IsDemo, p.StrategyId, p.Strategy.Title, p.Initiatives.Count,
                p.Initiatives.Count(i => i.FollowedUpAt != null), p.Version))
            .ToListAsync(ct);

    /// <summary>A revision with its initiatives (in key order) and its strategy.</summary>
    public async Task<ActionPlan?> FindAsync(int regionId, int year, CancellationToken ct = default)
    {
        var plan = await db.ActionPlans.Include(p => p.Strategy).Include(p => p.Region).Include(p => p.Initiatives)
            .AsSplitQuery().SingleOrDefaultAsync(p => p.RegionId == regionId && p.Year == year, ct);
        plan?.Initiatives.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return plan;
    }

    /// <summary>The revision before <paramref name="year"/>: the latest earlier year the region has.</summary>
    public Task<int?> PreviousYearAsync(int regionId, int year, CancellationToken ct = default) =>
        db.ActionPlans.Where(p => p.RegionId == regionId && p.Year < year).OrderByDescending(p => p.Year).Select(p => (int?)p.Year).FirstOrDefaultAsync(ct);

    /// <summary>The region's strategies that a handlingsplan can carry out.</summary>
    public Task<List<Plan>> StrategiesAsync(int regionId, CancellationToken ct = default) =>
        db.Plans.AsNoTracking().Where(p => p.RegionId == regionId && p.Kind == PlanKind.Strategy).OrderBy(p => p.Id).ToListAsync(ct);

    public Task<StrategyTags> TagsAsync(ActionPlan plan, CancellationToken ct = default) => StrategyTags.LoadAsync(db, plan.StrategyId, ct);

    /// <summary>
    /// Creates the revision for a year: empty, or a copy of the latest earlier revision. A copy keeps each initiative's
    /// key, fields and tags, takes the year-end follow-up status as its status (else the status it had), clears the
    /// follow-up, and leaves out initiatives that ended Done or Cancelled unless <paramref name="includeClosed"/>.
    /// Tags that are no longer nodes of the strategy's current version are dropped, and named in the warnings.
    /// </summary>
    public async Task<ActionPlanResult> CreateRevisionAsync(int regionId, int year, int? strategyId, string? title, bool copyPrevious, bool includeClosed,
        Access access, CancellationToken ct = default)
    {
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Id == regionId, ct);
        if (region is null || !access.CanRead(regionId)) return ActionPlanResult.NotFound;
        if (!access.IsPlanner(regionId)) return Forbidden();
        var problems = new List<FieldProblem>();
        if (year is < 2000 or > 2100) problems.Add(new("year", $"Året {year} ligger utanför 2000–2100.", $"The year {year} is outside 2000–2100."));
        else if (await db.ActionPlans.AnyAsync(p => p.RegionId == regionId && p.Year == year, ct)) problems.Add(YearTaken(year));
        if ((title?.Length ?? 0) > 300) problems.Add(new("title", "Rubriken får vara högst 300 tecken.", "The title may be at most 300 characters."));
        ActionPlan? previous = null;
        if (copyPrevious)
        {
            var previousYear = await PreviousYearAsync(regionId, year, ct);
            previous = previousYear is { } py ? await FindAsync(regionId, py, ct) : null;
            if (previous is null) problems.Add(new("copy", $"Det finns ingen tidigare handlingsplan före {year} att kopiera.", $"There is no action plan before {year} to copy."));
        }
        var strategy = strategyId is { } sid ? await db.Plans.SingleOrDefaultAsync(p => p.Id == sid && p.RegionId == regionId && p.Kind == PlanKind.Strategy, ct)
            : previous?.Strategy;
        if (strategy is null) problems.Add(new("strategy", "Välj vilken av regionens strategier handlingsplanen genomför.", "Choose which of the region's strategies the action plan carries out."));
        if (problems.Count > 0) return ActionPlanResult.Invalid(null, null, problems);

        var plan = new ActionPlan(region, strategy!, year, string.IsNullOrWhiteSpace(title) ? $"Handlingsplan {year}" : title.Trim(), previous?.IsDemo ?? false);
        var warnings = new List<FieldProblem>();
        if (previous is not null)
        {
            var tags = await StrategyTags.LoadAsync(db, strategy!.Id, ct);
            foreach (var old in previous.Initiatives)
            {
                var status = old.FollowUpStatus ?? old.Status;
                if (!includeClosed && status is InitiativeStatus.Done or InitiativeStatus.Cancelled) continue;
                var dropped = old.NodeKeys.Where(k => !tags.IsTag(k)).ToList();
                if (dropped.Count > 0)
                    warnings.Add(new(old.Key, $"{old.Key}: strategin har inte längre {string.Join(", ", dropped)}; de taggarna följde inte med.",
                        $"{old.Key}: the strategy no longer has {string.Join(", ", dropped)}; those tags were not copied."));
                plan.Initiatives.Add(new Initiative(plan, old.Key, old.Title)
                {
                    Description = old.Description, Owner = old.Owner, Start = old.Start, End = old.End, Status = status,
                    NodeKeys = old.NodeKeys.Where(tags.IsTag).ToList(),
                });
            }
        }
        db.ActionPlans.Add(plan);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // Another planner created the year between the check above and this save: the unique index refused it.
            db.ChangeTracker.Clear();
            if (!await db.ActionPlans.AnyAsync(p => p.RegionId == regionId && p.Year == year, ct)) throw;
            return ActionPlanResult.Invalid(null, null, [YearTaken(year)]);
        }
        return new(Outcome.Ok, plan, null, [], warnings);
    }

    private static FieldProblem YearTaken(int year) =>
        new("year", $"Det finns redan en handlingsplan för {year}.", $"There already is an action plan for {year}.");

    private static FieldProblem KeyTaken(int year, string key) =>
        new("key", $"Handlingsplan {year} har redan en insats med nyckeln {key}.", $"Action plan {year} already has an initiative with the key {key}.");

    public async Task<ActionPlanResult> AddInitiativeAsync(int regionId, int year, InitiativeInput input, Access access, CancellationToken ct = default)
    {
        if (!access.CanRead(regionId)) return ActionPlanResult.NotFound;
        if (!access.IsPlanner(regionId)) return Forbidden();
        var plan = await FindAsync(regionId, year, ct);
        if (plan is null) return ActionPlanResult.NotFound;
        var key = input.Key?.Trim() ?? "";
        var (problems, warnings) = await CheckAsync(plan, input, ct);
        if (key.Length == 0) problems.Insert(0, new("key", "Ge insatsen en nyckel, t.ex. INS-07.", "Give the initiative a key, e.g. INS-07."));
        else if (!KeyPattern().IsMatch(key))
            problems.Insert(0, new("key", $"Nyckeln ”{key}” får bara innehålla bokstäver a–z, siffror, bindestreck, punkt och understreck (högst 50 tecken).",
                $"The key “{key}” may contain only letters a–z, digits, hyphens, dots and underscores (at most 50 characters)."));
        else if (plan.Initiatives.Any(i => string.Equals(i.Key, key, StringComparison.OrdinalIgnoreCase))) problems.Insert(0, KeyTaken(year, key));
        if (problems.Count > 0) return ActionPlanResult.Invalid(plan, null, problems);
        var initiative = new Initiative(plan, key, input.Title!.Trim());
        Apply(initiative, input);
        plan.Initiatives.Add(initiative);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // Another planner added the same key between the check above and this save: the unique index refused it.
            db.ChangeTracker.Clear();
            if (!await db.Initiatives.AnyAsync(i => i.ActionPlanId == plan.Id && i.Key == key, ct)) throw;
            return ActionPlanResult.Invalid(await FindAsync(regionId, year, ct), null, [KeyTaken(year, key)]);
        }
        return new(Outcome.Ok, plan, initiative, [], warnings);
    }

    public async Task<ActionPlanResult> UpdateInitiativeAsync(int regionId, int year, string key, int version, InitiativeInput input, Access access, CancellationToken ct = default)
    {
        var (plan, initiative, denied) = await InitiativeForWriteAsync(regionId, year, key, version, access, ct);
        if (denied is not null) return denied;
        var (problems, warnings) = await CheckAsync(plan!, input, ct);
        if (problems.Count > 0) return ActionPlanResult.Invalid(plan, initiative, problems);
        Apply(initiative!, input);
        initiative!.Version++;
        return await SaveAsync(plan!, initiative, warnings, ct);
    }

    public async Task<ActionPlanResult> RemoveInitiativeAsync(int regionId, int year, string key, int version, Access access, CancellationToken ct = default)
    {
        var (plan, initiative, denied) = await InitiativeForWriteAsync(regionId, year, key, version, access, ct);
        if (denied is not null) return denied;
        plan!.Initiatives.Remove(initiative!);
        db.Initiatives.Remove(initiative!);
        return await SaveAsync(plan, initiative!, [], ct);
    }

    /// <summary>
    /// The yearly follow-up: each initiative's status at year end and a comment, stamped with the time and the planner.
    /// All or nothing: if any initiative was changed since the form was read, nothing is saved and the result is a
    /// conflict naming it. Rows whose status and comment are unchanged are left as they are.
    /// </summary>
    public async Task<ActionPlanResult> FollowUpAsync(int regionId, int year, IReadOnlyList<FollowUpInput> rows, Access access, CancellationToken ct = default)
    {
        if (!access.CanRead(regionId)) return ActionPlanResult.NotFound;
        if (!access.IsPlanner(regionId)) return Forbidden();
        var plan = await FindAsync(regionId, year, ct);
        if (plan is null) return ActionPlanResult.NotFound;
        var problems = new List<FieldProblem>();
        var stale = new List<string>();
        var changes = new List<(Initiative Initiative, FollowUpInput Row)>();
        foreach (var row in rows)
        {
            var initiative = plan.Initiatives.SingleOrDefault(i => i.Key == row.Key);
            if (initiative is null)
            {
                problems.Add(new(row.Key, $"Handlingsplan {year} har ingen insats {row.Key}.", $"Action plan {year} has no initiative {row.Key}."));
                continue;
            }
            var comment = string.IsNullOrWhiteSpace(row.Comment) ? null : row.Comment.Trim();
            if (comment?.Length > MaxComment)
                problems.Add(new(row.Key, $"{row.Key}: kommentaren får vara högst {MaxComment} tecken.", $"{row.Key}: the comment may be at most {MaxComment} characters."));
            if (row.Status is { } status && !Enum.IsDefined(status))
                problems.Add(new(row.Key, $"{row.Key}: {(int)status} är ingen status; välj planerad, pågår, försenad, klar eller avbruten.",
                    $"{row.Key}: {(int)status} is not a status; choose planned, ongoing, delayed, done or cancelled."));
            else if (row.Status is null && comment is not null)
                problems.Add(new(row.Key, $"{row.Key}: ange status vid årets slut till kommentaren.", $"{row.Key}: give the status at year end with the comment."));
            if (row.Status == initiative.FollowUpStatus && comment == initiative.FollowUpComment) continue;
            if (initiative.Version != row.Version) stale.Add(initiative.Key);
            changes.Add((initiative, row with { Comment = comment }));
        }
        if (problems.Count > 0) return ActionPlanResult.Invalid(plan, null, problems);
        if (stale.Count > 0)
            return new(Outcome.Conflict, plan, plan.Initiatives.First(i => i.Key == stale[0]),
                [new("", $"Någon annan har ändrat {string.Join(", ", stale)} sedan du öppnade sidan; inget sparades.",
                    $"Someone else changed {string.Join(", ", stale)} since you opened the page; nothing was saved.")], []);
        var now = time.GetUtcNow();
        foreach (var (initiative, row) in changes)
        {
            initiative.FollowUpStatus = row.Status;
            initiative.FollowUpComment = row.Comment;
            initiative.FollowedUpAt = row.Status is null ? null : now;
            initiative.FollowedUpBy = row.Status is null ? null : access.Name;
            initiative.Version++;
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return new(Outcome.Ok, plan, null, [], []);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(Outcome.Conflict, await FindAsync(regionId, year, ct), null,
                [new("", "Någon annan sparade samtidigt; inget sparades.", "Someone else saved at the same time; nothing was saved.")], []);
        }
    }

    private async Task<(ActionPlan? Plan, Initiative? Initiative, ActionPlanResult? Denied)> InitiativeForWriteAsync(int regionId, int year, string key, int version,
        Access access, CancellationToken ct)
    {
        // Access first: a reader learns only that she may not write, not whether the initiative exists.
        if (!access.CanRead(regionId)) return (null, null, ActionPlanResult.NotFound);
        if (!access.IsPlanner(regionId)) return (null, null, Forbidden());
        var plan = await FindAsync(regionId, year, ct);
        var initiative = plan?.Initiatives.SingleOrDefault(i => i.Key == key);
        if (plan is null || initiative is null) return (null, null, ActionPlanResult.NotFound);
        if (initiative.Version != version)
            return (null, null, new(Outcome.Conflict, plan, initiative,
                [new("", $"Någon annan har ändrat {key} sedan du öppnade den (nu version {initiative.Version}); inget sparades.",
                    $"Someone else changed {key} since you opened it (now version {initiative.Version}); nothing was saved.")], []));
        return (plan, initiative, null);
    }

    private async Task<ActionPlanResult> SaveAsync(ActionPlan plan, Initiative initiative, IReadOnlyList<FieldProblem> warnings, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return new(Outcome.Ok, plan, initiative, [], warnings);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await FindAsync(plan.RegionId, plan.Year, ct);
            return new(Outcome.Conflict, current, current?.Initiatives.SingleOrDefault(i => i.Key == initiative.Key),
                [new("", $"Någon annan sparade {initiative.Key} samtidigt; inget sparades.", $"Someone else saved {initiative.Key} at the same time; nothing was saved.")], []);
        }
    }

    private static ActionPlanResult Forbidden() => new(Outcome.Forbidden, null, null,
        [new("", "Bara regionens planerare ändrar handlingsplanen.", "Only the region's planners change the action plan.")], []);

    private static void Apply(Initiative i, InitiativeInput input)
    {
        i.Title = input.Title!.Trim();
        i.Description = (input.Description ?? "").Trim();
        i.Owner = (input.Owner ?? "").Trim();
        i.Start = input.Start;
        i.End = input.End;
        i.Status = input.Status;
        i.NodeKeys = Keys(input.NodeKeys);
    }

    private static List<string> Keys(IEnumerable<string> keys) => keys.Select(k => k.Trim()).Where(k => k.Length > 0).Distinct().ToList();

    /// <summary>The fields' problems, and the warnings that do not stop a save (no fokusförflyttning).</summary>
    private async Task<(List<FieldProblem> Problems, List<FieldProblem> Warnings)> CheckAsync(ActionPlan plan, InitiativeInput input, CancellationToken ct)
    {
        var problems = new List<FieldProblem>();
        var warnings = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(input.Title)) problems.Add(new("title", "Ge insatsen en rubrik.", "Give the initiative a title."));
        else if (input.Title.Trim().Length > 300) problems.Add(new("title", "Rubriken får vara högst 300 tecken.", "The title may be at most 300 characters."));
        if ((input.Owner?.Trim().Length ?? 0) > 200) problems.Add(new("owner", "Ansvarig får vara högst 200 tecken.", "The owner may be at most 200 characters."));
        if ((input.Description?.Trim().Length ?? 0) > MaxDescription)
            problems.Add(new("description", $"Beskrivningen får vara högst {MaxDescription} tecken.", $"The description may be at most {MaxDescription} characters."));
        if (!Enum.IsDefined(input.Status)) problems.Add(new("status", "Välj en status.", "Choose a status."));
        if (input.Start is { } s && input.End is { } e && e < s)
            problems.Add(new("end", $"Slutdatum ({e:yyyy-MM-dd}) kan inte ligga före startdatum ({s:yyyy-MM-dd}).", $"The end ({e:yyyy-MM-dd}) cannot come before the start ({s:yyyy-MM-dd})."));

        var tags = await StrategyTags.LoadAsync(db, plan.StrategyId, ct);
        var keys = Keys(input.NodeKeys);
        var unknown = keys.Where(k => tags.Find(k) is null).ToList();
        var wrongLevel = keys.Where(k => tags.Find(k) is not null && !tags.IsTag(k)).ToList();
        if (unknown.Count > 0)
            problems.Add(new("nodeKeys", $"{plan.Strategy.Title} har inga noder med nycklarna {string.Join(", ", unknown)}.",
                $"{plan.Strategy.Title} has no nodes with the keys {string.Join(", ", unknown)}."));
        if (wrongLevel.Count > 0)
            problems.Add(new("nodeKeys", $"{string.Join(", ", wrongLevel)} är varken insatsområde, viljeriktning eller fokusförflyttning och kan inte tagga en insats.",
                $"{string.Join(", ", wrongLevel)} is neither an initiative area, a direction nor a focus shift and cannot tag an initiative."));
        if (unknown.Count == 0 && wrongLevel.Count == 0)
        {
            if (!keys.Any(k => tags.AreaOf(k) is not null))
                problems.Add(new("nodeKeys", "Ange minst ett insatsområde eller en viljeriktning som insatsen tjänar.", "Name at least one initiative area or direction the initiative serves."));
            else if (!keys.Any(tags.IsFocusShift))
                warnings.Add(new("nodeKeys", "Insatsen för inte fram någon fokusförflyttning; den syns inte i matrisens celler.",
                    "The initiative advances no focus shift; it does not show in the matrix's cells."));
        }
        return (problems, warnings);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$")]
    private static partial Regex KeyPattern();
}
