using Styra.Data;
using Styra.Features.CareOffer;
using Styra.Features.FollowUp;
using Styra.Features.Indicators;
using Styra.Web.Accounts;

namespace Styra.Web.Apis;

/// <summary>
/// The care-offer register API (docs/care-offer.md): the years of a region's register, a year with its units, the
/// year as CSV, importing a file, and adding, changing and removing units. Readers of the region read; its planners
/// write. A write names the register version it was made on (the body's <c>version</c>, or an If-Match header); an
/// older one is answered 409 with the current version.
/// </summary>
public static class CareOfferApi
{
    public sealed record UnitView(string Key, string Name, CareUnitKind Kind, string Specialty, CareLevel Level, CareMode Mode, CareNeed Need,
        string Municipality, string? MunicipalityName, int SpecialistPhysicians, decimal? SpecialistPhysicianFte, int? OtherStaff, decimal? OtherStaffFte,
        int PatientsPerYear, int VisitsPerYear, bool EssentialForPreparedness, string? ContinuityPlanReference, string? Note);
    public sealed record RegisterView(string Region, int Year, string Source, bool IsDemo, int Version, DateTimeOffset UpdatedAt, string UpdatedBy, IReadOnlyList<UnitView> Units);
    public sealed record YearBody(int Year, int? CopyFrom);
    public sealed record UnitBody(int? Version, string? Key, string? Name, CareUnitKind? Kind, string? Specialty, CareLevel? Level, CareMode? Mode, CareNeed? Need,
        string? Municipality, int? SpecialistPhysicians, decimal? SpecialistPhysicianFte, int? OtherStaff, decimal? OtherStaffFte,
        int? PatientsPerYear, int? VisitsPerYear, bool? EssentialForPreparedness, string? ContinuityPlanReference, string? Note);

    public static void MapCareOfferApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/regions/{code}/care-offer").WithTags("Care offer");

        api.MapGet("", async Task<IResult> (string code, CurrentAccess current, StyraDbContext db, CareOfferRegisters registers, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            return denied ?? TypedResults.Ok(await registers.YearsAsync(region!.Code, ct));
        }).WithSummary("The years of the region's care-offer register, newest first, with their unit counts and versions");

        api.MapPost("", async Task<IResult> (string code, YearBody body, CurrentAccess current, StyraDbContext db, CareOfferRegisters registers, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var result = await registers.CreateYearAsync(region!.Code, body.Year, body.CopyFrom, await current.GetAsync(ct), ct);
            return result.Outcome == Outcome.Ok
                ? TypedResults.Created($"/api/regions/{code}/care-offer/{body.Year}", await ViewAsync(db, region.Code, result.Register!, ct))
                : ToProblem(result, code);
        }).WithSummary("Start a year's register (planners): { year: 2027, copyFrom: 2026 } copies that year's units; without copyFrom it starts empty");

        api.MapGet("/{year:int}", async Task<IResult> (string code, int year, CurrentAccess current, StyraDbContext db, CareOfferRegisters registers, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            return await registers.GetAsync(region!.Code, year, ct) is { } register ? TypedResults.Ok(await ViewAsync(db, region.Code, register, ct)) : NoYear(code, year);
        }).WithSummary("A year's register with its units (isDemo: fictitious demo content)");

        api.MapGet("/{year:int}.csv", async Task<IResult> (string code, int year, CurrentAccess current, StyraDbContext db, CareOfferRegisters registers, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            return await registers.GetAsync(region!.Code, year, ct) is { } register
                ? TypedResults.File(CareOfferCsv.Write(register.Units), "text/csv; charset=utf-8", $"vardutbud-{code}-{year}.csv")
                : NoYear(code, year);
        }).WithSummary("A year's register as CSV with the import's Swedish headers (semicolon-separated, UTF-8): export → import gives the same register");

        api.MapGet("/template.csv", async Task<IResult> (string code, CurrentAccess current, StyraDbContext db, CancellationToken ct) =>
        {
            var (_, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            return denied ?? TypedResults.File(CareOfferCsv.Template(), "text/csv; charset=utf-8", "vardutbud-mall.csv");
        }).WithSummary("An empty register file: the header row of the import");

        api.MapPost("/{year:int}/import", async Task<IResult> (string code, int year, HttpRequest request, CurrentAccess current, StyraDbContext db, CareOfferImporter importer, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var access = await current.GetAsync(ct);
            if (!access.IsPlanner(region!.Id)) return FollowUpApi.Forbidden("Only the region's planners can import the care-offer register.");
            if (!request.HasFormContentType || (await request.ReadFormAsync(ct)).Files.FirstOrDefault() is not { } upload)
                return TypedResults.Problem(statusCode: 400, title: "No file", detail: "Send the register as multipart/form-data with one file (.csv or .xlsx).");
            var extension = Path.GetExtension(upload.FileName).ToLowerInvariant();
            if (extension is not (".csv" or ".txt" or ".xlsx"))
                return TypedResults.Problem(statusCode: 415, title: "Unknown format", detail: "Send a .csv (UTF-8, semicolon or comma) or an .xlsx workbook (docs/care-offer.md).");
            var result = await importer.ImportAsync(region.Code, year, new ImportFile(upload.FileName, upload.OpenReadStream), access, ct);
            return result.Succeeded
                ? TypedResults.Ok(result.Summary)
                : TypedResults.Problem(statusCode: 400, title: "The file has errors; nothing was imported.", detail: string.Join("\n", result.Errors),
                    extensions: new Dictionary<string, object?> { ["errors"] = result.Errors.Select(e => e.ToString()).ToList() });
        }).WithSummary("Replace a year's units with a CSV or Excel file (planners; multipart, one file); all or nothing; 400 lists every error by file, row and column");

        api.MapPost("/{year:int}/units", async Task<IResult> (string code, int year, UnitBody body, HttpRequest request, CurrentAccess current, StyraDbContext db,
            CareOfferRegisters registers, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var access = await current.GetAsync(ct);
            if (!access.IsPlanner(region!.Id)) return FollowUpApi.Forbidden("Only the region's planners can change the care-offer register.");
            if (VersionOf(body, request) is not { } version) return MissingVersion();
            var result = await registers.AddUnitAsync(region.Code, year, version, ToData(body), access, ct);
            return result.Outcome == Outcome.Ok
                ? TypedResults.Created($"/api/regions/{code}/care-offer/{year}/units/{body.Key?.Trim()}", await ViewAsync(db, region.Code, result.Register!, ct))
                : ToProblem(result, code, year);
        }).WithSummary("Add a unit (planners): the unit's fields and the register's version; 400 names each field that is wrong");

        api.MapPut("/{year:int}/units/{key}", async Task<IResult> (string code, int year, string key, UnitBody body, HttpRequest request, CurrentAccess current,
            StyraDbContext db, CareOfferRegisters registers, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var access = await current.GetAsync(ct);
            if (!access.IsPlanner(region!.Id)) return FollowUpApi.Forbidden("Only the region's planners can change the care-offer register.");
            if (VersionOf(body, request) is not { } version) return MissingVersion();
            var result = await registers.UpdateUnitAsync(region.Code, year, key, version, ToData(body with { Key = body.Key ?? key }), access, ct);
            return result.Outcome == Outcome.Ok ? TypedResults.Ok(await ViewAsync(db, region.Code, result.Register!, ct)) : ToProblem(result, code, year);
        }).WithSummary("Change a unit (planners): all its fields and the register's version (its key may change)");

        api.MapDelete("/{year:int}/units/{key}", async Task<IResult> (string code, int year, string key, int? version, HttpRequest request, CurrentAccess current,
            StyraDbContext db, CareOfferRegisters registers, CancellationToken ct) =>
        {
            var (region, denied) = await FollowUpApi.RegionForReadAsync(code, current, db, ct);
            if (denied is not null) return denied;
            var access = await current.GetAsync(ct);
            if (!access.IsPlanner(region!.Id)) return FollowUpApi.Forbidden("Only the region's planners can change the care-offer register.");
            if ((version ?? IfMatch(request)) is not { } v) return MissingVersion();
            var result = await registers.RemoveUnitAsync(region.Code, year, key, v, access, ct);
            return result.Outcome == Outcome.Ok ? TypedResults.Ok(await ViewAsync(db, region.Code, result.Register!, ct)) : ToProblem(result, code, year);
        }).WithSummary("Remove a unit (planners): ?version=N or If-Match: \"N\"");
    }

    private static int? VersionOf(UnitBody body, HttpRequest request) => body.Version ?? IfMatch(request);

    /// <summary>The register version from an If-Match header ("3", or the ETag form "\"3\"").</summary>
    private static int? IfMatch(HttpRequest request) =>
        int.TryParse(request.Headers.IfMatch.ToString().Trim().Trim('"'), out var v) ? v : null;

    private static IResult MissingVersion() => FollowUpApi.Invalid([new FieldProblem("version", "",
        "Name the register version the change is made on: \"version\" in the body, or an If-Match header (GET the register for its version).")]);

    private static IResult NoYear(string code, int year) =>
        TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"Region {code} has no care-offer register for {year}.");

    private static IResult ToProblem(RegisterResult result, string code, int? year = null) => result.Outcome switch
    {
        Outcome.Conflict => TypedResults.Problem(statusCode: 409, title: "Someone else saved first",
            detail: result.Problems.FirstOrDefault()?.English, extensions: new Dictionary<string, object?> { ["currentVersion"] = result.Register?.Version }),
        Outcome.Forbidden => FollowUpApi.Forbidden(string.Join(" ", result.Problems.Select(p => p.English))),
        Outcome.NotFound => TypedResults.Problem(statusCode: 404, title: "Not found",
            detail: year is null ? $"There is no region {code}." : $"Region {code} has no care-offer register for {year}, or no such unit in it."),
        _ => FollowUpApi.Invalid(result.Problems),
    };

    /// <summary>A body's unit; missing enums become undefined values, so that the register's rules name the field.</summary>
    private static CareUnitData ToData(UnitBody b) => new(b.Key ?? "", b.Name ?? "", b.Kind ?? (CareUnitKind)(-1), b.Specialty ?? "", b.Level ?? (CareLevel)(-1),
        b.Mode ?? (CareMode)(-1), b.Need ?? (CareNeed)(-1), b.Municipality ?? "", b.SpecialistPhysicians ?? -1, b.SpecialistPhysicianFte, b.OtherStaff, b.OtherStaffFte,
        b.PatientsPerYear ?? -1, b.VisitsPerYear ?? -1, b.EssentialForPreparedness ?? false, b.ContinuityPlanReference, b.Note);

    private static async Task<RegisterView> ViewAsync(StyraDbContext db, Styra.Features.Organisation.RegionCode code, CareOfferRegister r, CancellationToken ct)
    {
        var names = await CareOfferRegisters.MunicipalitiesAsync(db, code, ct);
        return new RegisterView(code.Value, r.Year, r.Source, r.IsDemo, r.Version, r.UpdatedAt, r.UpdatedBy,
            r.Units.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => new UnitView(u.Key, u.Name, u.Kind, u.Specialty, u.Level, u.Mode, u.Need, u.MunicipalityId,
                names.GetValueOrDefault(u.MunicipalityId), u.SpecialistPhysicians, u.SpecialistPhysicianFte, u.OtherStaff, u.OtherStaffFte, u.PatientsPerYear,
                u.VisitsPerYear, u.EssentialForPreparedness, u.ContinuityPlanReference, u.Note)).ToList());
    }
}
