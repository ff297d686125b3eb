using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.Audit;
using Styra.Features.FollowUp;
using Styra.Features.Indicators;
using Styra.Features.Indicators.Imports;
using Styra.Features.Organisation;
using Styra.Web.Accounts;

namespace Styra.Web.Apis;

/// <summary>
/// The follow-up API: calendar, assessments and their workflow, activities, the audit trail, API tokens, and pushing
/// indicator values. Every route checks the caller: no sign-in → 401, signed in without the role → 403.
/// </summary>
public static class FollowUpApi
{
    public sealed record MeView(int? UserId, string Name, IReadOnlyList<GrantView> Roles);
    public sealed record GrantView(string Region, string RegionName, RegionRole Role, string? Unit);
    public sealed record EventRef(int Id, string Name, EventKind Kind, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly Deadline, bool AsksForecast);
    public sealed record SnapshotItem(string Indicator, string Name, string Area, string Period, double? Value, double? Target, DateTimeOffset CapturedAt);
    public sealed record AssessmentView(int Id, string Region, EventRef Event, string NodeKey, string? Unit, AssessmentStatus Status,
        Fulfilment? Fulfilment, Fulfilment? Forecast, string Analysis, string AnalysisHtml, string? ReturnComment, int Version, bool IsOverdue,
        string? UpdatedBy, DateTimeOffset? UpdatedAt, string? SubmittedBy, DateTimeOffset? SubmittedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt,
        IReadOnlyList<SnapshotItem> Snapshot);
    public sealed record AssessmentBody(int Version, Fulfilment? Fulfilment, Fulfilment? Forecast, string? Analysis);
    public sealed record StepBody(int Version, string? Comment);
    public sealed record EventBody(EventKind Kind, string? Name, DateOnly? PeriodStart, DateOnly? PeriodEnd, DateOnly? Deadline, bool AsksForecast, int? PlanId);
    public sealed record ActivityBody(string? Unit, int? PlanId, ActivityKind Kind, string? Title, string? Description, string? Owner,
        DateOnly? Start, DateOnly? End, ActivityStatus Status, IReadOnlyList<string>? Goals, int Version);
    public sealed record ProgressBody(int Version, int EventId, ActivityStatus Status, string? Comment);
    public sealed record ProgressView(int EventId, string EventName, ActivityStatus Status, string Comment, string UpdatedBy, DateTimeOffset UpdatedAt);
    public sealed record ActivityView(int Id, string Unit, int PlanId, ActivityKind Kind, string Title, string Description, string Owner,
        DateOnly? Start, DateOnly? End, ActivityStatus Status, IReadOnlyList<string> Goals, int Version, IReadOnlyList<ProgressView> Progress);
    public sealed record TokenBody(string? Name, RegionRole Role, string? Unit, DateOnly? ExpiresOn);
    public sealed record TokenView(int Id, string Name, RegionRole Role, string? Unit, string Hint, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);
    public sealed record NewToken(TokenView Token, string Secret);

    public static void MapFollowUpApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Follow-up");

        api.MapGet("/me", async Task<IResult> (CurrentAccess current, StyraDbContext db, CancellationToken ct) =>
        {
            var access = await current.GetAsync(ct);
            if (!access.IsAuthenticated) return Unauthorized();
            var regionIds = access.Regions.ToList();
            var regions = await db.Regions.AsNoTracking().Where(r => regionIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
            var unitIds = access.Grants.Where(g => g.UnitId is not null).Select(g => g.UnitId!.Value).ToList();
            var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Code, ct);
            return TypedResults.Ok(new MeView(access.UserId, access.Name, access.Grants
                .Select(g => new GrantView(regions[g.RegionId].Code.Value, regions[g.RegionId].Name, g.Role, g.UnitId is { } u ? units[u] : null)).ToList()));
        }).WithSummary("Who is calling, and the roles they hold");

        api.MapGet("/me/tasks", async Task<IResult> (CurrentAccess current, Calendar calendar, CancellationToken ct) =>
        {
            var access = await current.GetAsync(ct);
            return access.IsAuthenticated ? TypedResults.Ok(await calendar.TasksAsync(access, ct)) : Unauthorized();
        }).WithSummary("The assessments the caller has to write or approve, by deadline");

        api.MapGet("/regions/{code}/followup/{year:int}", async Task<IResult> (string code, int year, CurrentAccess current, StyraDbContext db, Calendar calendar, CancellationToken ct) =>
        {
            if (await RegionForReadAsync(code, current, db, ct) is { Denied: { } denied }) return denied;
            return TypedResults.Ok(await calendar.YearAsync(RegionsApi.ParseCode(code)!, year, ct));
        }).WithSummary("The follow-up calendar of a year: the reporting events, with progress per committee");

        api.MapPost("/regions/{code}/followup/events", async Task<IResult> (string code, EventBody body, CurrentAccess current, StyraDbContext db, Calendar calendar, CancellationToken ct) =>
        {
            var (region, denied) = await RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var access = await current.GetAsync(ct);
            if (!access.IsPlanner(region!.Id)) return Forbidden("Only the region's planners can create reporting events.");
            var (ev, problems) = await calendar.SaveEventAsync(region.Code, null, ToInput(body), access, ct);
            return ev is null ? Invalid(problems) : TypedResults.Created($"/api/followup/events/{ev.Id}", (await calendar.EventAsync(ev.Id, ct))!.Event);
        }).WithSummary("Create a reporting event (planners)");

        api.MapPut("/followup/events/{id:int}", async Task<IResult> (int id, EventBody body, CurrentAccess current, StyraDbContext db, Calendar calendar, CancellationToken ct) =>
        {
            var ev = await db.ReportingEvents.AsNoTracking().Include(e => e.Region).SingleOrDefaultAsync(e => e.Id == id, ct);
            var access = await current.GetAsync(ct);
            if (Check(access, ev?.RegionId, a => a.IsPlanner(ev!.RegionId), "Only the region's planners can change reporting events.") is { } denied) return denied;
            var (saved, problems) = await calendar.SaveEventAsync(ev!.Region.Code, id, ToInput(body), access, ct);
            return saved is null ? Invalid(problems) : TypedResults.Ok((await calendar.EventAsync(id, ct))!.Event);
        }).WithSummary("Change a reporting event (planners)");

        api.MapGet("/followup/events/{id:int}", async Task<IResult> (int id, CurrentAccess current, StyraDbContext db, Calendar calendar, CancellationToken ct) =>
        {
            var regionId = await db.ReportingEvents.Where(e => e.Id == id).Select(e => (int?)e.RegionId).SingleOrDefaultAsync(ct);
            if (Check(await current.GetAsync(ct), regionId, null, null) is { } denied) return denied;
            return TypedResults.Ok(await calendar.EventAsync(id, ct));
        }).WithSummary("A reporting event with its goal tree: every node's assessments and the roll-up of fulfilment below it");

        api.MapGet("/assessments/{id:int}", async Task<IResult> (int id, CurrentAccess current, Assessments assessments, TimeProvider time, CancellationToken ct) =>
        {
            var a = await assessments.FindAsync(id, ct);
            if (Check(await current.GetAsync(ct), a?.RegionId, null, null) is { } denied) return denied;
            return TypedResults.Ok(ToView(a!, time));
        }).WithSummary("An assessment, with its version (send it back when saving)");

        api.MapPut("/assessments/{id:int}", (int id, AssessmentBody body, CurrentAccess current, Assessments assessments, TimeProvider time, CancellationToken ct) =>
            StepAsync(id, current, assessments, time, write: true, ct, access =>
                assessments.SaveAsync(id, body.Version, new AssessmentInput(body.Fulfilment, body.Forecast, body.Analysis), access, ct)))
            .WithSummary("Save an assessment as a draft; 409 with the current version if someone saved since the version you send");

        api.MapPost("/assessments/{id:int}/submit", (int id, AssessmentBody body, CurrentAccess current, Assessments assessments, TimeProvider time, CancellationToken ct) =>
            StepAsync(id, current, assessments, time, write: true, ct, access =>
                assessments.SubmitAsync(id, body.Version, body.Fulfilment is null && body.Analysis is null && body.Forecast is null ? null
                    : new AssessmentInput(body.Fulfilment, body.Forecast, body.Analysis), access, ct)))
            .WithSummary("Submit an assessment for approval (with its fields, or as last saved); freezes its indicator values");

        api.MapPost("/assessments/{id:int}/approve", (int id, StepBody body, CurrentAccess current, Assessments assessments, TimeProvider time, CancellationToken ct) =>
            StepAsync(id, current, assessments, time, write: false, ct, access => assessments.ApproveAsync(id, body.Version, access, ct)))
            .WithSummary("Approve a submitted assessment (the unit's approver, not the one who submitted); it is then locked");

        api.MapPost("/assessments/{id:int}/return", (int id, StepBody body, CurrentAccess current, Assessments assessments, TimeProvider time, CancellationToken ct) =>
            StepAsync(id, current, assessments, time, write: false, ct, access => assessments.ReturnAsync(id, body.Version, body.Comment, access, ct)))
            .WithSummary("Return a submitted assessment with a comment");

        api.MapGet("/audit", async Task<IResult> (string? @object, CurrentAccess current, StyraDbContext db, CancellationToken ct) =>
        {
            var access = await current.GetAsync(ct);
            if (!access.IsAuthenticated) return Unauthorized();
            var parts = (@object ?? "").Split('/', 2);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                return TypedResults.Problem(statusCode: 400, title: "Invalid object", detail: "Name the object as TYPE/ID, e.g. ?object=Assessment/12.");
            var (entries, regionId) = await AuditQueries.HistoryAsync(db, parts[0], parts[1], ct);
            if (entries.Count == 0) return TypedResults.Problem(statusCode: 404, title: "No history", detail: $"There is no audit record for {@object}.");
            return await AuditQueries.MayReadAsync(db, access, parts[0], parts[1], regionId, entries, ct) ? TypedResults.Ok(entries)
                : Forbidden("You may not read this object's history: it needs a role in its region (for roles, tokens and accounts: its administrator).");
        }).WithSummary("The history of an object (?object=Assessment/12): every change, who, when, and each field before and after");

        api.MapGet("/regions/{code}/activities", async Task<IResult> (string code, string? unit, CurrentAccess current, StyraDbContext db, CancellationToken ct) =>
        {
            var (region, denied) = await RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var list = await db.Activities.AsNoTracking().Include(a => a.Unit).Include(a => a.Progress).ThenInclude(p => p.Event)
                .Where(a => a.RegionId == region!.Id && (unit == null || a.Unit.Code == unit)).OrderBy(a => a.Unit.SortOrder).ThenBy(a => a.Id).AsSplitQuery().ToListAsync(ct);
            return TypedResults.Ok(list.Select(ToView).ToList());
        }).WithSummary("The region's activities and assignments (uppdrag), optionally of one unit (?unit=DNHS)");

        api.MapPost("/regions/{code}/activities", async Task<IResult> (string code, ActivityBody body, CurrentAccess current, StyraDbContext db, Activities activities, CancellationToken ct) =>
        {
            var (region, denied) = await RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.RegionId == region!.Id && u.Code == body.Unit, ct);
            if (unit is null) return Invalid([new("unit", "", $"{region!.Name} has no unit '{body.Unit}'.")]);
            var result = await activities.CreateAsync(unit.Id, body.PlanId ?? 0, ToInput(body), await current.GetAsync(ct), ct);
            return result.Outcome == Outcome.Ok ? TypedResults.Created($"/api/activities/{result.Current!.Id}", ToView(result.Current)) : ToResult(result);
        }).WithSummary("Create an activity or assignment for a unit (its reporters, or the planners)");

        api.MapPut("/activities/{id:int}", async Task<IResult> (int id, ActivityBody body, CurrentAccess current, StyraDbContext db, Activities activities, CancellationToken ct) =>
        {
            var regionId = await db.Activities.Where(a => a.Id == id).Select(a => (int?)a.RegionId).SingleOrDefaultAsync(ct);
            if (Check(await current.GetAsync(ct), regionId, null, null) is { } denied) return denied;
            var result = await activities.UpdateAsync(id, body.Version, ToInput(body), await current.GetAsync(ct), ct);
            return result.Outcome == Outcome.Ok ? TypedResults.Ok(ToView(result.Current!)) : ToResult(result);
        }).WithSummary("Change an activity; 409 with the current version if someone saved since the version you send");

        api.MapPost("/activities/{id:int}/progress", async Task<IResult> (int id, ProgressBody body, CurrentAccess current, StyraDbContext db, Activities activities, CancellationToken ct) =>
        {
            var regionId = await db.Activities.Where(a => a.Id == id).Select(a => (int?)a.RegionId).SingleOrDefaultAsync(ct);
            if (Check(await current.GetAsync(ct), regionId, null, null) is { } denied) return denied;
            var result = await activities.ReportProgressAsync(id, body.Version, body.EventId, body.Status, body.Comment, await current.GetAsync(ct), ct);
            return result.Outcome == Outcome.Ok ? TypedResults.Ok(ToView(result.Current!)) : ToResult(result);
        }).WithSummary("Report an activity's status and progress at a reporting event");

        api.MapPost("/regions/{code}/values", async Task<IResult> (string code, string? format, string? unit, bool? dryRun, HttpRequest request, CurrentAccess current, StyraDbContext db, ValueImporter importer, CancellationToken ct) =>
        {
            var (region, denied) = await RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var access = await current.GetAsync(ct);
            // Planners push anything; a reporter (person or token) only the values of her own unit.
            ImportScope? scope = null;
            if (!access.IsPlanner(region!.Id))
            {
                var mine = await db.Units.AsNoTracking().Where(u => u.RegionId == region.Id).Where(u => access.UnitsOf(region.Id, RegionRole.Reporter).Contains(u.Id))
                    .Select(u => u.Code).ToListAsync(ct);
                if (mine.Count == 0) return Forbidden("Only the region's planners, and reporters for their own unit, can push indicator values.");
                var chosen = unit ?? (mine.Count == 1 ? mine[0] : null);
                if (chosen is null) return Invalid([new("unit", "", $"You report for several units ({string.Join(", ", mine)}); name one with ?unit=.")]);
                if (!mine.Contains(chosen)) return Forbidden($"You do not report for unit '{chosen}'.");
                scope = new ImportScope(region.Code.KoladaId, chosen);
            }
            var kind = (format ?? request.ContentType?.Split(';')[0]) switch
            {
                "csv" or "text/csv" => ImportFormat.Csv,
                "kolada" or "json" or "application/json" => ImportFormat.Kolada,
                "xlsx" or "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => ImportFormat.Xlsx,
                _ => (ImportFormat?)null,
            };
            if (kind is null) return TypedResults.Problem(statusCode: 415, title: "Unknown format",
                detail: "Send the values as text/csv, application/json (Kolada v3 data page) or an .xlsx workbook, or name it with ?format=csv|kolada|xlsx.");
            // The body is read once into memory (the request limit applies), so that the importer can read it as a file.
            var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            var bytes = buffer.ToArray();
            var name = $"api-{DateTimeOffset.UtcNow:yyyyMMddHHmmss}.{kind.Value.ToString().ToLowerInvariant()}";
            var result = await importer.ImportAsync(kind.Value, [new ImportFile(name, () => new MemoryStream(bytes, writable: false))], access.Name, dryRun ?? false, ct: ct, scope: scope);
            return result.Succeeded ? TypedResults.Ok(result.Summary)
                : TypedResults.Problem(statusCode: 400, title: "Nothing was imported", detail: string.Join("\n", result.Errors.Select(e => e.ToString())));
        }).Accepts<string>("text/csv", "application/json").WithSummary("Push indicator values (CSV, Kolada JSON or Excel in the body), all or nothing; planners anything, reporters (and reporter tokens) only their unit's values");

        api.MapGet("/regions/{code}/tokens", async Task<IResult> (string code, CurrentAccess current, StyraDbContext db, CancellationToken ct) =>
        {
            var (region, denied) = await RegionForAdminAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var tokens = await db.ApiTokens.AsNoTracking().Include(t => t.Unit).Where(t => t.RegionId == region!.Id).OrderBy(t => t.Id).ToListAsync(ct);
            return TypedResults.Ok(tokens.Select(ToView).ToList());
        }).WithSummary("The region's API tokens (administrators); never the tokens themselves");

        api.MapPost("/regions/{code}/tokens", async Task<IResult> (string code, TokenBody body, CurrentAccess current, StyraDbContext db, AccountAdmin admin, CancellationToken ct) =>
        {
            var (region, denied) = await RegionForAdminAsync(code, current, db, ct);
            if (denied is not null) return denied;
            // expiresOn is the last valid day: the token works through it, Swedish time.
            var expires = body.ExpiresOn is { } day ? Deadlines.EndOfDayUtc(day) : (DateTimeOffset?)null;
            var result = await admin.CreateTokenAsync(region!.Code, body.Name, body.Role, body.Unit, expires, await current.GetAsync(ct), ct);
            if (result.Outcome != Outcome.Ok) return Invalid(result.Problems);
            var token = await db.ApiTokens.AsNoTracking().Include(t => t.Unit).SingleAsync(t => t.Id == result.Id, ct);
            return TypedResults.Created($"/api/tokens/{token.Id}", new NewToken(ToView(token), result.Secret!));
        }).WithSummary("Create an API token scoped to a role (and unit); the answer holds the token, shown this once (administrators)");

        api.MapDelete("/tokens/{id:int}", async Task<IResult> (int id, CurrentAccess current, StyraDbContext db, AccountAdmin admin, CancellationToken ct) =>
        {
            var access = await current.GetAsync(ct);
            var regionId = await db.ApiTokens.Where(t => t.Id == id).Select(t => (int?)t.RegionId).SingleOrDefaultAsync(ct);
            if (Check(access, regionId, a => a.IsAdministrator(regionId!.Value), "Only the region's administrators can revoke its tokens.") is { } denied) return denied;
            await admin.RevokeTokenAsync(id, access, ct);
            return TypedResults.NoContent();
        }).WithSummary("Revoke an API token (administrators)");
    }

    private static async Task<IResult> StepAsync(int id, CurrentAccess current, Assessments assessments, TimeProvider time, bool write, CancellationToken ct,
        Func<Access, Task<WorkflowResult>> step)
    {
        var access = await current.GetAsync(ct);
        var a = await assessments.FindAsync(id, ct);
        if (Check(access, a?.RegionId, x => Assessments.May(a!, x, write),
                write ? "You can write assessments only for your own units' assignments." : "You are not an approver for this assessment's unit.") is { } denied)
            return denied;
        var result = await step(access);
        return result.Outcome switch
        {
            Outcome.Ok => TypedResults.Ok(ToView(result.Current!, time)),
            Outcome.Conflict => TypedResults.Problem(statusCode: 409, title: "Someone else saved first",
                detail: $"The assessment is at version {result.Current!.Version}; you sent an older one. Read it again, merge your change and save with the new version.",
                extensions: new Dictionary<string, object?> { ["current"] = ToView(result.Current, time) }),
            Outcome.Forbidden => Forbidden(string.Join(" ", result.Problems.Select(p => p.English))),
            Outcome.NotFound => TypedResults.Problem(statusCode: 404, title: "Assessment not found", detail: $"There is no assessment {id}."),
            _ => Invalid(result.Problems),
        };
    }

    /// <summary>401 for the anonymous, 404 when there is no such object, 403 without read access or without the role.</summary>
    private static IResult? Check(Access access, int? regionId, Func<Access, bool>? allowed, string? why)
    {
        if (!access.IsAuthenticated) return Unauthorized();
        if (regionId is null) return TypedResults.Problem(statusCode: 404, title: "Not found", detail: "There is no such object.");
        if (!access.CanRead(regionId.Value)) return Forbidden("You have no role in this object's region.");
        if (allowed is not null && !allowed(access)) return Forbidden(why!);
        return null;
    }

    internal static async Task<(Region? Region, IResult? Denied)> RegionForReadAsync(string code, CurrentAccess current, StyraDbContext db, CancellationToken ct)
    {
        var access = await current.GetAsync(ct);
        if (!access.IsAuthenticated) return (null, Unauthorized());
        if (RegionsApi.ParseCode(code) is not { } c) return (null, RegionsApi.BadCode(code));
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == c, ct);
        if (region is null) return (null, TypedResults.Problem(statusCode: 404, title: "Region not found", detail: $"There is no region {code}."));
        return access.CanRead(region.Id) ? (region, null) : (null, Forbidden($"You have no role in {region.Name}."));
    }

    private static async Task<(Region? Region, IResult? Denied)> RegionForAdminAsync(string code, CurrentAccess current, StyraDbContext db, CancellationToken ct)
    {
        var (region, denied) = await RegionForReadAsync(code, current, db, ct);
        if (denied is not null) return (null, denied);
        return (await current.GetAsync(ct)).IsAdministrator(region!.Id) ? (region, null) : (null, Forbidden($"Only {region.Name}'s administrators manage its API tokens."));
    }

    internal static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(statusCode: 401, title: "Sign-in required", detail: "Sign in (cookie) or send an API token: Authorization: Bearer styra_…");

    internal static ProblemHttpResult Forbidden(string why) => TypedResults.Problem(statusCode: 403, title: "Forbidden", detail: why);

    internal static IResult Invalid(IReadOnlyList<FieldProblem> problems) =>
        TypedResults.ValidationProblem(problems.GroupBy(p => p.Field.Length == 0 ? "request" : p.Field)
            .ToDictionary(g => g.Key, g => g.Select(p => p.English).ToArray()), title: "The request is not valid; nothing was saved.");

    private static IResult ToResult(ActivityResult r) => r.Outcome switch
    {
        Outcome.NotFound => TypedResults.Problem(statusCode: 404, title: "Not found", detail: "There is no such activity or unit."),
        Outcome.Forbidden => Forbidden(string.Join(" ", r.Problems.Select(p => p.English))),
        Outcome.Conflict => TypedResults.Problem(statusCode: 409, title: "Someone else saved first",
            detail: $"The activity is at version {r.Current!.Version}; you sent an older one.", extensions: new Dictionary<string, object?> { ["current"] = ToView(r.Current) }),
        _ => Invalid(r.Problems),
    };

    private static EventInput ToInput(EventBody b) => new(b.Kind, b.Name, b.PeriodStart, b.PeriodEnd, b.Deadline, b.AsksForecast, b.PlanId);

    private static ActivityInput ToInput(ActivityBody b) => new(b.Kind, b.Title, b.Description, b.Owner, b.Start, b.End, b.Status, b.Goals ?? []);

    public static AssessmentView ToView(Assessment a, TimeProvider time) => new(a.Id, a.Region.Code.Value,
        new EventRef(a.Event.Id, a.Event.Name, a.Event.Kind, a.Event.PeriodStart, a.Event.PeriodEnd, a.Event.Deadline, a.Event.AsksForecast),
        a.NodeKey, a.Unit?.Code, a.Status, a.Fulfilment, a.Forecast, a.Analysis, MarkdownText.ToSafeHtml(a.Analysis), a.ReturnComment, a.Version,
        Deadlines.IsOverdue(a.Event.Deadline, a.Status, time.GetUtcNow()), a.UpdatedBy, a.UpdatedAt, a.SubmittedBy, a.SubmittedAt, a.ApprovedBy, a.ApprovedAt,
        a.Snapshot.Select(s => new SnapshotItem(s.IndicatorCode, s.IndicatorName, s.Area, s.Period, s.Value, s.Target, s.CapturedAt)).ToList());

    private static ActivityView ToView(Activity a) => new(a.Id, a.Unit.Code, a.PlanId, a.Kind, a.Title, a.Description, a.Owner, a.Start, a.End, a.Status,
        a.GoalKeys, a.Version, a.Progress.OrderBy(p => p.Event.Deadline).Select(p => new ProgressView(p.EventId, p.Event.Name, p.Status, p.Comment, p.UpdatedBy, p.UpdatedAt)).ToList());

    private static TokenView ToView(ApiToken t) => new(t.Id, t.Name, t.Role, t.Unit?.Code, t.Hint, t.CreatedAt, t.ExpiresAt, t.RevokedAt);
}
