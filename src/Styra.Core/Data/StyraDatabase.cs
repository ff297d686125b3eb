using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Styra.Features.Indicators;
using Styra.Features.Indicators.Imports;
using Styra.Features.Plans.PlanFiles;

namespace Styra.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// Where Styra keeps its data. <c>Database:Provider</c> is <c>Sqlite</c> (default) or <c>Postgres</c>; the connection
/// string is <c>ConnectionStrings:Styra</c>. Without one, Styra uses <c>styra.db</c> in <c>Database:DataDirectory</c>
/// (default: <c>styra</c> in the user's local application data, <c>~/.local/share/styra</c> on Linux), so that the
/// web app and the CLI find the same database wherever they are started from.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, bool LoadDemoData, bool DemoAccounts = true)
{
    public static DatabaseSettings From(IConfiguration config)
    {
        var providerText = config["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
            throw new InvalidOperationException($"Database:Provider is '{providerText}'; expected 'Sqlite' or 'Postgres'.");
        var connection = config.GetConnectionString("Styra");
        if (string.IsNullOrWhiteSpace(connection))
        {
            if (provider == DatabaseProvider.Postgres)
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Styra is not set.");
            var directory = Path.GetFullPath(config["Database:DataDirectory"] ?? DefaultDataDirectory);
            Directory.CreateDirectory(directory);
            connection = $"Data Source={Path.Combine(directory, "styra.db")}";
        }
        var demo = !bool.TryParse(config["Database:DemoData"], out var d) || d;
        // Demo accounts come with the demo data, unless turned off (the web host turns them off in Production).
        var accounts = demo && (!bool.TryParse(config["Database:DemoAccounts"], out var a) || a);
        return new DatabaseSettings(provider, connection, demo, accounts);
    }

    public static string DefaultDataDirectory =>
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData) is { Length: > 0 } local
            ? Path.Combine(local, "styra")
            : "data";
}

public static class StyraDatabase
{
    /// <summary>Registers the DbContext for the configured provider, the clock and the core services.</summary>
    public static IServiceCollection AddStyraCore(this IServiceCollection services, IConfiguration config)
    {
        var settings = DatabaseSettings.From(config);
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        if (settings.Provider == DatabaseProvider.Sqlite)
            services.AddDbContext<StyraDbContext, SqliteStyraDbContext>((sp, o) => WithDemoData(
                o.UseSqlite(settings.ConnectionString, x => x.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)), sp, settings));
        else
            services.AddDbContext<StyraDbContext, PostgresStyraDbContext>((sp, o) => WithDemoData(
                o.UseNpgsql(settings.ConnectionString, x => x.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)), sp, settings));
        services.AddScoped<PlanFileImporter>();
        services.AddScoped<PlanFileExporter>();
        services.AddScoped<ValueImporter>();
        services.AddScoped<TargetEditor>();
        services.AddSingleton<SummaryCache>();
        services.AddScoped<Features.FollowUp.Assessments>();
        services.AddScoped<Features.FollowUp.Calendar>();
        services.AddScoped<Features.FollowUp.Activities>();
        services.AddScoped<Features.ActionPlans.ActionPlanService>();
        services.AddScoped<Features.Accounts.AccountAdmin>();
        services.AddScoped<Features.Economy.EconomyQueries>();
        services.AddScoped<Features.Economy.EconomyImporter>();
        services.AddScoped<Features.CareOffer.CareOfferRegisters>();
        services.AddScoped<Features.CareOffer.CareOfferImporter>();
        services.AddScoped<Features.Economy.RecordExceptionalReasons>();
        services.AddScoped<Features.Economy.CommitteeEconomyReports>();
        services.AddScoped<Features.Economy.MonthlyEconomyQueries>();
        services.AddScoped<Features.Reports.ReportBuilder>();
        services.AddScoped<Features.Reports.Reports>();
        services.AddScoped<Features.Economy.Judgements>();
        services.AddScoped<Features.Economy.JudgementEvidence>();
        services.AddScoped<Features.Economy.TaxAndFees>();
        services.AddScoped<Features.Economy.EnterEconomyItems>();
        services.AddScoped<Features.Economy.EditFrames>();
        services.AddScoped<Features.Publishing.Publisher>();
        services.AddScoped<Features.Publishing.PublishedContent>();
        services.AddScoped<Features.OpenData.OpenData>();
        services.AddScoped<Features.OpenData.KoladaCompatible>();
        services.AddScoped<Features.OpenData.DcatCatalog>();
        services.AddScoped<Features.CareOffer.CareOfferCheckSettings>();
        services.AddScoped<Features.CareOffer.Proposals>();
        services.AddScoped<Features.CareOffer.ProposalReport>();
        services.AddScoped<Features.CareOffer.RegisterComparison>();
        return services;
    }

    /// <summary>
    /// Creates or migrates the database and, when it holds no region yet, loads the demo regions. EF Core runs the
    /// seeding under its migration lock, so two instances starting together do not load the demo twice.
    /// </summary>
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StyraDbContext>().Database.MigrateAsync(ct);
    }

    /// <summary>True when the database exists and has every migration applied (nothing to create or change).</summary>
    public static async Task<bool> IsCurrentAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>().Database;
        return await db.CanConnectAsync(ct) && !(await db.GetPendingMigrationsAsync(ct)).Any();
    }

    private static DbContextOptionsBuilder WithDemoData(DbContextOptionsBuilder options, IServiceProvider services, DatabaseSettings settings)
    {
        if (!settings.LoadDemoData) return options;
        var time = services.GetRequiredService<TimeProvider>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoData));
        return options
            .UseAsyncSeeding((db, _, ct) => DemoData.LoadAsync((StyraDbContext)db, time, log, ct, settings.DemoAccounts))
            .UseSeeding((db, _) => DemoData.LoadAsync((StyraDbContext)db, time, log, CancellationToken.None, settings.DemoAccounts).GetAwaiter().GetResult());
    }
}

/// <summary>The demo regions' plan files, shipped inside Styra (src/Styra.Core/Demo).</summary>
public static class DemoData
{
    /// <summary>Loads the demo regions into a database that holds no region yet.</summary>
    public static async Task LoadAsync(StyraDbContext db, TimeProvider time, ILogger log, CancellationToken ct, bool accounts = true)
    {
        if (await db.Regions.AnyAsync(ct)) return;
        var importer = new PlanFileImporter(db, time);
        foreach (var (name, text) in Files())
        {
            var result = await importer.ImportAsync(text, name, ct: ct);
            if (!result.Succeeded)
                throw new InvalidOperationException($"The demo file {name} does not load:\n{string.Join("\n", result.Errors)}");
            log.LogInformation("Loaded demo region {Region} from {File}", result.Summary!.RegionName, name);
        }
        var kolada = await new ValueImporter(db, time).ImportAsync(ImportFormat.Kolada, KoladaFiles(), "demo data", ct: ct);
        if (!kolada.Succeeded)
            throw new InvalidOperationException($"The demo Kolada data does not load:\n{string.Join("\n", kolada.Errors)}");
        log.LogInformation("Loaded {Values} Kolada values for {Indicators} indicators", kolada.Summary!.ValuesAdded, kolada.Summary.IndicatorsAdded);
        if (accounts)
        {
            await Features.Accounts.DemoAccounts.LoadAsync(db, ct);
            log.LogWarning("Demo accounts created (password in the README); never use them for real data");
        }
        await Features.FollowUp.DemoFollowUp.LoadAsync(db, time, ct);
        log.LogInformation("Loaded Halland's demo follow-up year 2024");
        await Features.Economy.DemoEconomy.LoadAsync(db, ct);
        log.LogInformation("Loaded Halland's economy from Mål och budget 2024–2028");
        await Features.Economy.DemoMonthlyEconomy.LoadAsync(db, ct);
        log.LogInformation("Loaded Halland's demo monthly economy reports 2024");
        await Features.Publishing.DemoPublications.LoadAsync(db, ct);
        await Features.CareOffer.DemoCareOffer.LoadAsync(db, ct);
        await Features.ActionPlans.DemoActionPlans.LoadAsync(db, time, ct);
        // After the demo register (its proposal needs Skåne's register of 2026).
        await Features.CareOffer.DemoCareOfferSettings.LoadAsync(db, ct);
    }

    /// <summary>Real Kolada data for the demo (src/Styra.Core/Demo/kolada, with its source and terms).</summary>
    public static IReadOnlyList<ImportFile> KoladaFiles()
    {
        var assembly = typeof(DemoData).Assembly;
        return assembly.GetManifestResourceNames().Where(n => n.StartsWith("Styra.Demo.Kolada.")).Order()
            .Select(n => new ImportFile(n["Styra.Demo.Kolada.".Length..].Replace("data/", "", StringComparison.Ordinal),
                () => assembly.GetManifestResourceStream(n)!))
            .ToList();
    }

    public static IEnumerable<(string Name, string Text)> Files()
    {
        var assembly = typeof(DemoData).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Styra.Demo.") && n.EndsWith(".yaml")).Order())
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            yield return (resource["Styra.Demo.".Length..], reader.ReadToEnd());
        }
    }
}

// Design-time factories for `dotnet ef migrations add ... --context SqliteStyraDbContext|PostgresStyraDbContext`.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteStyraDbContext>
{
    public SqliteStyraDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteStyraDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresStyraDbContext>
{
    public PostgresStyraDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresStyraDbContext>().UseNpgsql("Host=localhost;Database=styra_design").Options);
}
