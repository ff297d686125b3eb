using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Styra.Cli;
using Styra.Data;
using Microsoft.EntityFrameworkCore;
using Styra.Features.Accounts;
using Styra.Features.Audit;
using Styra.Features.Indicators;
using Styra.Features.Indicators.Imports;
using Styra.Features.Organisation;
using Styra.Features.Plans.PlanFiles;

var provider = new Option<string?>("--provider") { Description = "Database provider: Sqlite (default) or Postgres", Recursive = true };
var connection = new Option<string?>("--connection") { Description = "Connection string (else ConnectionStrings__Styra, else the SQLite file in the data directory)", Recursive = true };

var file = new Argument<FileInfo>("file") { Description = "A plan file (YAML), see docs/plan-file-format.md" };
var dryRun = new Option<bool>("--dry-run") { Description = "Check the file and report what would change, without saving anything" };
var import = new Command("import", "Validate a plan file and load it in one transaction") { file, dryRun };
import.SetAction((parse, ct) => WithDatabase(parse, parse.GetValue(dryRun) ? Setup.RequireCurrent : Setup.Migrate, async services =>
{
    var path = parse.GetValue(file)!;
    if (!path.Exists) return Cli.Fail($"{path.FullName}: no such file");
    var importer = services.GetRequiredService<PlanFileImporter>();
    var result = await importer.ImportAsync(await File.ReadAllTextAsync(path.FullName, ct), path.Name, parse.GetValue(dryRun), ct);
    return Cli.Report(result);
}, ct));

var region = new Option<string>("--region") { Description = "The region's two-digit code, e.g. 13", Required = true };
var output = new Option<FileInfo?>("--out") { Description = "Write to this file instead of standard output" };
var export = new Command("export", "Write a region's organisation and current plans as a plan file") { region, output };
export.SetAction((parse, ct) => WithDatabase(parse, Setup.RequireCurrent, async services =>
{
    if (!RegionCode.TryParse(parse.GetValue(region), out var code))
        return Cli.Fail($"--region: '{parse.GetValue(region)}' is not a region code; expected two digits such as 13");
    var yaml = await services.GetRequiredService<PlanFileExporter>().ExportAsync(code, ct);
    if (yaml is null) return Cli.Fail($"--region: there is no region {code} in the database");
    if (parse.GetValue(output) is { } target) await File.WriteAllTextAsync(target.FullName, yaml, ct);
    else Console.Out.Write(yaml);
    return 0;
}, ct));

var init = new Command("init", "Create or migrate the database; load the demo regions into an empty one unless Database:DemoData is false");
init.SetAction((parse, ct) => WithDatabase(parse, Setup.MigrateAndSeed, _ =>
{
    Console.WriteLine("Database ready.");
    return Task.FromResult(0);
}, ct));

Command ImportCommand(ImportFormat format, string name, string description, string pathsDescription, string pattern)
{
    var paths = new Argument<string[]>("paths") { Description = pathsDescription, Arity = ArgumentArity.OneOrMore };
    var dry = new Option<bool>("--dry-run") { Description = "Check the files and report what would change, without saving anything" };
    var command = new Command(name, description) { paths, dry };
    command.SetAction((parse, ct) => WithDatabase(parse, parse.GetValue(dry) ? Setup.RequireCurrent : Setup.Migrate, async services =>
    {
        var files = new List<ImportFile>();
        foreach (var path in parse.GetValue(paths)!)
        {
            if (Directory.Exists(path))
                files.AddRange(Directory.EnumerateFiles(path, pattern, SearchOption.AllDirectories).Order()
                    .Select(f => new ImportFile(Path.GetRelativePath(path, f), () => File.OpenRead(f))));
            else if (File.Exists(path)) files.Add(ImportFile.FromDisk(path));
            else return Cli.Fail($"{path}: no such file or folder");
        }
        var importer = services.GetRequiredService<ValueImporter>();
        var result = await Cli.WithProgressAsync(progress =>
            importer.ImportAsync(format, files, Environment.UserName, parse.GetValue(dry), progress, ct));
        return Cli.Report(result);
    }, ct));
    return command;
}

// Accounts: the operator of the installation acts as the region's administrator (e.g. to create the first one).
var userRegion = new Option<string>("--region") { Description = "The region's two-digit code, e.g. 13", Required = true };
var email = new Option<string>("--email") { Description = "The person's e-mail address (her user name)", Required = true };
var displayName = new Option<string?>("--name") { Description = "The person's name (for a new account)" };
var role = new Option<RegionRole>("--role") { Description = "administrator, planner, reporter, approver or reader", Required = true };
var unit = new Option<string?>("--unit") { Description = "The unit's code, for reporter and approver (e.g. DNHS)" };
var userAdd = new Command("add", "Create a local account with a first role; the password comes from STYRA_PASSWORD or is asked for")
    { userRegion, email, displayName, role, unit };
userAdd.SetAction((parse, ct) => WithDatabase(parse, Setup.RequireCurrent, async services =>
{
    var (code, access) = await OperatorAsync(services, parse.GetValue(userRegion)!, ct);
    if (access is null)
        return Cli.Fail($"--region: there is no region '{parse.GetValue(userRegion)}' in the database");
    var password = Environment.GetEnvironmentVariable("STYRA_PASSWORD") ?? Cli.ReadSecret("Lösenord / password: ");
    var result = await services.GetRequiredService<AccountAdmin>().CreateUserAsync(code, parse.GetValue(email), parse.GetValue(displayName),
        password, parse.GetValue(role), parse.GetValue(unit), access, ct);
    return Cli.Report(result, $"Account {parse.GetValue(email)} created ({parse.GetValue(role)}{(parse.GetValue(unit) is { } u ? ", " + u : "")}).");
}, ct));
var userGrant = new Command("grant", "Give an existing account one more role in a region") { userRegion, email, role, unit };
userGrant.SetAction((parse, ct) => WithDatabase(parse, Setup.RequireCurrent, async services =>
{
    var (code, access) = await OperatorAsync(services, parse.GetValue(userRegion)!, ct);
    if (access is null)
        return Cli.Fail($"--region: there is no region '{parse.GetValue(userRegion)}' in the database");
    var user = await services.GetRequiredService<StyraDbContext>().Users.SingleOrDefaultAsync(u => u.NormalizedEmail == parse.GetValue(email)!.Trim().ToUpperInvariant(), ct);
    if (user is null) return Cli.Fail($"--email: there is no account {parse.GetValue(email)}; create it with `styra user add`");
    var result = await services.GetRequiredService<AccountAdmin>().GrantByEmailAsync(parse.GetValue(email)!, code, parse.GetValue(role), parse.GetValue(unit), access, ct);
    return Cli.Report(result, $"{parse.GetValue(email)} is now {parse.GetValue(role)}{(parse.GetValue(unit) is { } u ? " of " + u : "")}.");
}, ct));
var tokenName = new Option<string>("--name") { Description = "What the token is for, e.g. the integration that uses it", Required = true };
var expires = new Option<DateOnly?>("--expires") { Description = "Last valid day (YYYY-MM-DD); none: valid until revoked" };
var tokenCreate = new Command("create", "Make an API token for a role (and unit); it is printed once, only its hash is kept")
    { userRegion, tokenName, role, unit, expires };
tokenCreate.SetAction((parse, ct) => WithDatabase(parse, Setup.RequireCurrent, async services =>
{
    var (code, access) = await OperatorAsync(services, parse.GetValue(userRegion)!, ct);
    if (access is null)
        return Cli.Fail($"--region: there is no region '{parse.GetValue(userRegion)}' in the database");
    DateTimeOffset? until = parse.GetValue(expires) is { } day ? Styra.Features.FollowUp.Deadlines.EndOfDayUtc(day) : null;
    var result = await services.GetRequiredService<AccountAdmin>().CreateTokenAsync(code, parse.GetValue(tokenName), parse.GetValue(role), parse.GetValue(unit), until, access, ct);
    if (result.Outcome == Styra.Features.FollowUp.Outcome.Ok) Console.Out.WriteLine(result.Secret);
    return Cli.Report(result, "Token created; it is printed above, this once.");
}, ct));

// Economy items (docs/economy-format.md) for one region, all or nothing.
var economyRegion = new Option<string>("--region") { Description = "The region's two-digit code, e.g. 13", Required = true };
var economyFile = new Argument<FileInfo>("file") { Description = "A CSV (.csv) or Excel (.xlsx) file of economy items, see docs/economy-format.md" };
var economyDryRun = new Option<bool>("--dry-run") { Description = "Check the file and report what would change, without saving anything" };
var economyImport = new Command("import", "Import a region's economy items (outcome, budget, forecast) from CSV or Excel, all or nothing") { economyRegion, economyFile, economyDryRun };
economyImport.SetAction((parse, ct) => WithDatabase(parse, Setup.Migrate, async services =>
{
    if (!RegionCode.TryParse(parse.GetValue(economyRegion), out var code)) return Cli.Fail($"--region: '{parse.GetValue(economyRegion)}' is not a region code; expected two digits, e.g. 13");
    var path = parse.GetValue(economyFile)!;
    if (!path.Exists) return Cli.Fail($"{path.FullName}: no such file");
    var result = await services.GetRequiredService<Styra.Features.Economy.EconomyImporter>().ImportAsync(code, ImportFile.FromDisk(path.FullName), ct, parse.GetValue(economyDryRun));
    if (!result.Succeeded)
    {
        foreach (var error in result.Errors) Console.Error.WriteLine($"error: {error}");
        Console.Error.WriteLine($"{result.Errors.Count} error(s); nothing was imported; the database is as it was.");
        return 1;
    }
    var s = result.Summary!;
    Console.WriteLine(s.DryRun
        ? $"{path.Name}: {s.Rows} item(s): {s.Added} would be added, {s.Changed} changed, {s.Unchanged} unchanged (dry run: nothing saved)."
        : $"{path.Name}: {s.Rows} item(s): {s.Added} added, {s.Changed} changed, {s.Unchanged} unchanged.");
    return 0;
}, ct));

// Reports of a follow-up event (docs/reports.md): DOCX, PDF and the XLSX data appendix.
var reportRegion = new Option<string>("--region") { Description = "The region's two-digit code, e.g. 13", Required = true };
var reportEvent = new Option<string>("--event") { Description = "The event: its id, its name, or e.g. \"UR1 2024\", \"UR2 2024\", \"ÅR 2024\"", Required = true };
var reportUnit = new Option<string?>("--committee") { Description = "A committee's code (e.g. DNKS): that committee's own report; none: the region's" };
var reportFormats = new Option<string>("--format") { Description = "Formats, comma-separated: docx, pdf, xlsx", DefaultValueFactory = _ => "docx,pdf,xlsx" };
var reportOut = new Option<DirectoryInfo>("--out") { Description = "The folder to write to (created if missing)", DefaultValueFactory = _ => new DirectoryInfo(".") };
var reportDraft = new Option<bool>("--draft") { Description = "Include assessments not yet approved, with their status; every page is marked UTKAST" };
var report = new Command("report", "Write a follow-up event's report: DOCX, PDF and the XLSX data appendix (approved content only unless --draft)")
    { reportRegion, reportEvent, reportUnit, reportFormats, reportOut, reportDraft };
report.SetAction((parse, ct) => WithDatabase(parse, Setup.RequireCurrent, async services =>
{
    if (!RegionCode.TryParse(parse.GetValue(reportRegion), out var code)) return Cli.Fail($"--region: '{parse.GetValue(reportRegion)}' is not a region code; expected two digits, e.g. 13");
    var formats = new List<Styra.Features.Reports.ReportFormat>();
    foreach (var name in parse.GetValue(reportFormats)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
    {
        if (!Styra.Features.Reports.Reports.TryParseFormat(name, out var f)) return Cli.Fail($"--format: '{name}' is not a format; expected docx, pdf or xlsx, comma-separated");
        formats.Add(f);
    }
    if (formats.Count == 0) return Cli.Fail("--format: name at least one of docx, pdf, xlsx");
    var reports = services.GetRequiredService<Styra.Features.Reports.Reports>();
    var (eventId, problem) = await reports.FindEventAsync(code, parse.GetValue(reportEvent)!, ct);
    if (eventId is null) return Cli.Fail($"--event: {problem}");
    var files = await reports.WriteAsync(new Styra.Features.Reports.ReportRequest(eventId.Value, parse.GetValue(reportUnit), parse.GetValue(reportDraft)), formats, ct);
    if (files is null) return Cli.Fail($"--committee: there is no committee '{parse.GetValue(reportUnit)}' in region {code}");
    var folder = parse.GetValue(reportOut)!;
    folder.Create();
    foreach (var f in files)
    {
        var path = Path.Combine(folder.FullName, f.FileName);
        await File.WriteAllBytesAsync(path, f.Content, ct);
        Console.WriteLine($"{path} ({f.Content.Length / 1024} kB)");
    }
    return 0;
}, ct));

var root = new RootCommand("Styra: govern, plan and follow up a region's health care")
{
    new Command("plan", "Plan files: import and export a region's organisation and plans") { import, export },
    new Command("db", "The database") { init },
    new Command("user", "Accounts and their roles") { userAdd, userGrant },
    new Command("token", "API tokens for integrations") { tokenCreate },
    new Command("economy", "A region's economy: income statement and balance sheet items") { economyImport },
    report,
    new Command("import", "Import indicator values, all or nothing (docs/indicator-values-format.md)")
    {
        ImportCommand(ImportFormat.Kolada, "kolada", "Import files in the shape of the Kolada v3 API",
            "Kolada files or folders of them: data pages, kpi.json (catalogue), municipality.json (areas)", "*.json"),
        ImportCommand(ImportFormat.Csv, "csv", "Import values from CSV (semicolon or comma, decimal comma or point, UTF-8)",
            "CSV files or folders of them", "*.csv"),
        ImportCommand(ImportFormat.Xlsx, "xlsx", "Import values from Excel workbooks (.xlsx, first sheet)",
            "Excel files or folders of them", "*.xlsx"),
    },
};
root.Options.Add(provider);
root.Options.Add(connection);
return await root.Parse(args).InvokeAsync();

// The CLI reads the same settings as the web app: appsettings.json in the working directory, environment variables
// (ConnectionStrings__Styra, Database__Provider, ...) and the --provider/--connection options.
async Task<int> WithDatabase(ParseResult parse, Setup setup, Func<IServiceProvider, Task<int>> run, CancellationToken ct)
{
    var overrides = new Dictionary<string, string?>();
    if (parse.GetValue(provider) is { } p) overrides["Database:Provider"] = p;
    if (parse.GetValue(connection) is { } c) overrides["ConnectionStrings:Styra"] = c;
    if (setup != Setup.MigrateAndSeed) overrides["Database:DemoData"] = "false";
    var config = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .AddInMemoryCollection(overrides)
        .Build();
    try
    {
        await using var services = new ServiceCollection()
            .AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning))
            .AddStyraCore(config)
            .AddSingleton<Styra.Features.Audit.IAuditActorSource>(new CommandLineActor())
            .AddAccountStore()
            .BuildServiceProvider();
        if (setup == Setup.RequireCurrent && !await StyraDatabase.IsCurrentAsync(services, ct))
            return Cli.Fail("the database does not exist or is not up to date; run `styra db init` first");
        if (setup != Setup.RequireCurrent) await StyraDatabase.InitializeAsync(services, ct);
        await using var scope = services.CreateAsyncScope();
        return await run(scope.ServiceProvider);
    }
    catch (InvalidOperationException e) when (e.Source is "Styra.Core")
    {
        return Cli.Fail(e.Message);
    }
}

// The operator of the installation (whoever runs the CLI against its database) acts as the region's administrator.
async Task<(RegionCode Code, Access? Access)> OperatorAsync(IServiceProvider services, string regionText, CancellationToken ct)
{
    if (!RegionCode.TryParse(regionText, out var code)) return (null!, null);
    var id = await services.GetRequiredService<StyraDbContext>().Regions.Where(r => r.Code == code).Select(r => (int?)r.Id).SingleOrDefaultAsync(ct);
    return id is { } regionId ? (code, new Access(null, AuditActor.CommandLine.Name, [new Grant(regionId, RegionRole.Administrator, null)])) : (code, null);
}

internal enum Setup { Migrate, MigrateAndSeed, RequireCurrent }

/// <summary>Changes made with the CLI are audited as "cli:USER" (the operating-system account).</summary>
internal sealed class CommandLineActor : Styra.Features.Audit.IAuditActorSource
{
    public Styra.Features.Audit.AuditActor Current { get; } = Styra.Features.Audit.AuditActor.CommandLine;
}

internal static class CliServices
{
    public static IServiceCollection AddAccountStore(this IServiceCollection services)
    {
        AccountAdmin.AddAccounts(services);
        return services;
    }
}
