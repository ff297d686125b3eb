using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Styra.Data;
using Styra.Features.Plans.PlanFiles;

namespace Styra.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database for one test: a SQLite file in a temporary folder, or a new database on the
/// PostgreSQL server that the test command started (connection in STYRA_TEST_POSTGRES). Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "STYRA_TEST_POSTGRES";

    private readonly string? _sqliteFolder;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqliteFolder, string? postgresAdmin, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFolder = sqliteFolder;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    /// <summary>
    /// A fresh database, copied from a template made once per test process (per provider, with or without the demo):
    /// migrating and loading the demo regions for every test was most of the suite's time. The copy is the database
    /// the first one became — the same migrations, the same demo — so a test sees exactly what it saw before.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(string provider, bool demoData = false)
    {
        var template = await TemplateAsync(provider, demoData);
        if (provider == nameof(DatabaseProvider.Postgres))
        {
            var admin = AdminConnection();
            var name = $"styra_test_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", connection);
                await command.ExecuteNonQueryAsync();
            }
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
            return new TestDatabase(DatabaseProvider.Postgres, cs, null, admin, name);
        }
        var folder = Directory.CreateTempSubdirectory("styra-test-").FullName;
        File.Copy(template, Path.Combine(folder, "styra.db"));
        return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "styra.db")};Pooling=False", folder, null, null);
    }

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static readonly Dictionary<(string Provider, bool Demo), TestDatabase> Templates = [];

    /// <summary>The template's PostgreSQL database name or SQLite file, made on first use and kept until the process ends.</summary>
    private static async Task<string> TemplateAsync(string provider, bool demoData)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (!Templates.TryGetValue((provider, demoData), out var template))
            {
                template = await CreateFreshAsync(provider, demoData);
                Templates[(provider, demoData)] = template;
                if (Templates.Count == 1) AppDomain.CurrentDomain.ProcessExit += (_, _) => DropTemplates();
            }
            return template._postgresName ?? Path.Combine(template._sqliteFolder!, "styra.db");
        }
        finally { TemplateLock.Release(); }
    }

    private static void DropTemplates()
    {
        foreach (var template in Templates.Values)
        {
            try { template.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10)); } catch (Exception e) when (e is AggregateException or NpgsqlException) { }
        }
    }

    private static string AdminConnection() => Environment.GetEnvironmentVariable(PostgresVariable)
        ?? throw new InvalidOperationException($"{PostgresVariable} is not set: run the tests with ./test.sh, which starts PostgreSQL.");

    /// <summary>A new database, migrated (and with the demo regions) by Styra's own start-up code.</summary>
    private static async Task<TestDatabase> CreateFreshAsync(string provider, bool demoData)
    {
        TestDatabase db;
        if (provider == nameof(DatabaseProvider.Postgres))
        {
            var admin = AdminConnection();
            var name = $"styra_template_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await command.ExecuteNonQueryAsync();
            }
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
            db = new TestDatabase(DatabaseProvider.Postgres, cs, null, admin, name);
        }
        else
        {
            var folder = Directory.CreateTempSubdirectory("styra-template-").FullName;
            db = new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "styra.db")};Pooling=False", folder, null, null);
        }
        await using var services = db.Services(demoData);
        await StyraDatabase.InitializeAsync(services);
        return db;
    }

    /// <summary>The configuration a host needs to use this database.</summary>
    public Dictionary<string, string?> Settings(bool demoData = false) => new()
    {
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:Styra"] = ConnectionString,
        ["Database:DemoData"] = demoData.ToString(),
    };

    public ServiceProvider Services(bool demoData = false, TimeProvider? time = null)
    {
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddStyraCore(new ConfigurationBuilder().AddInMemoryCollection(Settings(demoData)).Build());
        if (time is not null) services.AddSingleton(time);
        return services.BuildServiceProvider();
    }

    public async Task<T> WithContextAsync<T>(Func<StyraDbContext, Task<T>> work)
    {
        await using var services = Services();
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<StyraDbContext>());
    }

    /// <summary>
    /// A fingerprint of the whole database, to show that an import left it as it was: every region written out as a
    /// plan file (organisation, levels, groups and members, plans with their current trees, decisions and structure)
    /// plus every version of every plan with its node count.
    /// </summary>
    public Task<string> FingerprintAsync() => WithContextAsync(async db =>
    {
        var exporter = new PlanFileExporter(db);
        var parts = new List<string>();
        foreach (var code in (await db.Regions.Select(r => r.Code).ToListAsync()).OrderBy(c => c.Value))
            parts.Add(await exporter.ExportAsync(code) ?? "");
        parts.AddRange(await db.PlanVersions.OrderBy(v => v.Id)
            .Select(v => $"{v.Id} {v.PlanId} {v.Number} {v.Label} {v.CreatedAt} {v.Nodes.Count}").ToListAsync());
        parts.Add($"units {await db.Units.CountAsync()}, groups {await db.UnitGroups.CountAsync()}, nodes {await db.GoalNodes.CountAsync()}");
        return string.Join("\n", parts);
    });

    /// <summary>Every value with its unit, status and provenance, the changes, the imports, indicators, areas and targets.</summary>
    public Task<string> ValuesFingerprintAsync() => WithContextAsync(async ctx =>
    {
        var values = await ctx.Measurements
            .Select(m => m.IndicatorId + "/" + m.AreaId + "/" + m.UnitCode + "/" + m.Gender + "/" + m.Value + "/" + m.ImportBatchId + m.Status).ToListAsync();
        var periods = await ctx.Measurements.Select(m => m.Period).ToListAsync();
        var targets = await ctx.Targets.Select(t => t.IndicatorId + "/" + t.RegionId + "/" + t.Year + "/" + t.Value + "/" + t.Tolerance).ToListAsync();
        return string.Join(";", values.Order(StringComparer.Ordinal)) + string.Join(",", periods.Select(p => p.ToString()).Order(StringComparer.Ordinal))
            + string.Join(";", targets.Order(StringComparer.Ordinal))
            + $"|{await ctx.MeasurementChanges.CountAsync()}|{await ctx.ImportBatches.CountAsync()}|{await ctx.Indicators.CountAsync()}|{await ctx.Areas.CountAsync()}";
    });

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFolder is not null)
        {
            try { Directory.Delete(_sqliteFolder, recursive: true); } catch (IOException) { }
        }
        if (_postgresAdmin is not null)
        {
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>The database providers every database test runs on.</summary>
public static class Providers
{
    public static TheoryData<string> All => new(nameof(DatabaseProvider.Sqlite), nameof(DatabaseProvider.Postgres));
}
