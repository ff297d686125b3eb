using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Styra.Data;

namespace Styra.Bench;

/// <summary>A run of a database's own loader: how long it took and the loader process's peak memory.</summary>
internal sealed record NativeRun(TimeSpan Elapsed, long PeakMemory, string Command);

/// <summary>A database the benchmark creates fresh, fills through Styra and through the database's own CSV loader.</summary>
internal abstract class BenchDatabase
{
    public abstract DatabaseProvider Provider { get; }
    public abstract string Title { get; }
    public abstract string NativeLoader { get; }

    /// <summary>Creates an empty database (dropping one of the same name) and answers its connection string.</summary>
    public abstract Task<string> CreateAsync(string name);

    /// <summary>Styra's services on the database, as the web app and the CLI register them.</summary>
    public ServiceProvider Services(string connection, bool demoData)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["ConnectionStrings:Styra"] = connection,
            ["Database:DemoData"] = demoData ? "true" : "false",
        }).Build();
        return new ServiceCollection().AddLogging().AddStyraCore(config).BuildServiceProvider();
    }

    /// <summary>The columns the CSV holds, in the table's order; the native loader fills the rest.</summary>
    public abstract Task<IReadOnlyList<string>> CsvColumnsAsync(StyraDbContext db);

    /// <summary>Anything the native loader needs from the app's own connection (SQLite: its PRAGMAs).</summary>
    public virtual Task<IReadOnlyList<(string Name, string Value)>> SettingsAsync(StyraDbContext db) =>
        Task.FromResult<IReadOnlyList<(string, string)>>([]);

    public abstract Task<NativeRun> LoadNativeAsync(string connection, string csv, IReadOnlyList<string> columns, IReadOnlyList<(string Name, string Value)> settings);

    /// <summary>Untimed work after an import, so that it does not run in the background of the next timing.</summary>
    public virtual Task AfterImportAsync(string connection) => Task.CompletedTask;

    public abstract void ClearPools();

    public abstract Task<string> VersionsAsync(string connection);

    public static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    protected static async Task<NativeRun> RunTimedAsync(string file, IReadOnlyList<string> args, string? stdin, string shown)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardInput = stdin is not null, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        await using var memory = MemorySampler.OfChild(process);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        await process.WaitForExitAsync();
        clock.Stop();
        var (o, e) = (await output, await errors);
        if (o.Trim().Length > 0) Log.Line($"{Path.GetFileName(file)}: {o.Trim()}");
        if (process.ExitCode != 0 || e.Trim().Length > 0)
            throw new InvalidOperationException($"{shown} failed (exit {process.ExitCode}): {e[..Math.Min(e.Length, 2000)]}");
        return new NativeRun(clock.Elapsed, memory.PeakWorkingSet, shown);
    }

    protected static async Task<string> OutputOfAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Trim();
    }
}

internal sealed class SqliteBench(string directory) : BenchDatabase
{
    // The settings the app's connections have (EF Core turns foreign keys on; the rest are SQLite's defaults, which
    // Styra does not change); the sqlite3 shell gets the same before it loads.
    private static readonly string[] Pragmas = ["foreign_keys", "journal_mode", "synchronous", "cache_size", "temp_store", "locking_mode", "page_size"];

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    public override string Title => "SQLite";
    public override string NativeLoader => "sqlite3 .import";

    public override Task<string> CreateAsync(string name)
    {
        var path = Path.Combine(directory, name + ".db");
        foreach (var f in new[] { path, path + "-journal", path + "-wal", path + "-shm" }) File.Delete(f);
        return Task.FromResult($"Data Source={path}");
    }

    public override async Task<IReadOnlyList<string>> CsvColumnsAsync(StyraDbContext db)
    {
        // All columns, "Id" too: .import fills every column in the table's order and cannot leave one to its default
        // (an empty field is the text '', which an INTEGER PRIMARY KEY refuses).
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT name FROM pragma_table_info('Measurements') ORDER BY cid""";
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        return columns;
    }

    public override async Task<IReadOnlyList<(string Name, string Value)>> SettingsAsync(StyraDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var settings = new List<(string, string)>();
        foreach (var pragma in Pragmas)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {pragma}";
            settings.Add((pragma, Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!));
        }
        return settings;
    }

    public override async Task<NativeRun> LoadNativeAsync(string connection, string csv, IReadOnlyList<string> columns, IReadOnlyList<(string Name, string Value)> settings)
    {
        var path = new SqliteConnectionStringBuilder(connection).DataSource;
        // page_size is fixed once the file has pages; the others are set per connection.
        var pragmas = settings.Where(s => s.Name != "page_size").Select(s => $"PRAGMA {s.Name}={s.Value};").ToList();
        var script = string.Join("\n", pragmas) + "\n"
            + $".import --csv --skip 1 \"{csv}\" Measurements\n";
        var run = await RunTimedAsync("sqlite3", ["-batch", path], script, $"sqlite3 {Path.GetFileName(path)} \".import --csv --skip 1 {Path.GetFileName(csv)} Measurements\"");
        Log.Line($"sqlite3 ran with: {string.Join(" ", pragmas)}");
        return run;
    }

    public override void ClearPools() => SqliteConnection.ClearAllPools();

    public override async Task<string> VersionsAsync(string connection)
    {
        await using var c = new SqliteConnection(connection);
        await c.OpenAsync();
        await using var command = c.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        var library = (string)(await command.ExecuteScalarAsync())!;
        var cli = (await OutputOfAsync("sqlite3", "--version")).Split(' ')[0];
        return $"SQLite {library} (Microsoft.Data.Sqlite, in Styra), sqlite3 shell {cli}";
    }
}

internal sealed class PostgresBench(string server) : BenchDatabase
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
    public override string Title => "PostgreSQL";
    public override string NativeLoader => "psql \\copy";

    public override async Task<string> CreateAsync(string name)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await c.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c)) await drop.ExecuteNonQueryAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", c)) await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public override async Task<IReadOnlyList<string>> CsvColumnsAsync(StyraDbContext db)
    {
        // Without "Id": \copy takes a column list, and the identity column numbers the rows itself.
        var columns = await db.Database.SqlQueryRaw<string>("""
            SELECT column_name AS "Value" FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = 'Measurements' ORDER BY ordinal_position
            """).ToListAsync();
        return columns.Where(c => c != "Id").ToList();
    }

    public override async Task<NativeRun> LoadNativeAsync(string connection, string csv, IReadOnlyList<string> columns, IReadOnlyList<(string Name, string Value)> settings)
    {
        var b = new NpgsqlConnectionStringBuilder(connection);
        if (b.Password is { Length: > 0 } password) Environment.SetEnvironmentVariable("PGPASSWORD", password);
        var copy = $"\\copy \"Measurements\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM '{csv}' WITH (FORMAT csv, HEADER)";
        return await RunTimedAsync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", b.Host!, "-p", b.Port.ToString(CultureInfo.InvariantCulture),
            "-U", b.Username!, "-d", b.Database!, "-c", copy], null, $"psql -c \"{copy.Replace(csv, Path.GetFileName(csv), StringComparison.Ordinal)}\"");
    }

    public override async Task AfterImportAsync(string connection)
    {
        // What autovacuum would soon do on its own (the table has millions of new rows); done here, untimed, so that
        // it does not compete with the next timed step for the two cores.
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        await using var vacuum = new NpgsqlCommand("""VACUUM (ANALYZE) "Measurements" """, c) { CommandTimeout = 0 };
        await vacuum.ExecuteNonQueryAsync();
    }

    public override void ClearPools() => NpgsqlConnection.ClearAllPools();

    public override async Task<string> VersionsAsync(string connection)
    {
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        var settings = new List<string>();
        foreach (var name in new[] { "server_version", "shared_buffers", "max_wal_size", "synchronous_commit", "work_mem", "maintenance_work_mem" })
        {
            await using var show = new NpgsqlCommand($"SHOW {name}", c);
            settings.Add($"{name} {(string)(await show.ExecuteScalarAsync())!}");
        }
        return $"PostgreSQL ({string.Join(", ", settings)}), {await OutputOfAsync("psql", "--version")}";
    }
}
