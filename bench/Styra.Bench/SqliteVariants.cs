using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Styra.Bench;

/// <summary>
/// A diagnosis, not part of the comparison: where SQLite spends the time of Styra's import. Writes the first values of
/// the data set through Microsoft.Data.Sqlite in one transaction, one prepared statement per value as Styra does, in
/// variants that add Styra's parts one at a time (the upsert, the temporary trigger, the temp store in memory), each
/// on a fresh copy of a prepared database.
/// </summary>
internal static class SqliteVariants
{
    private const string Insert = """
        INSERT INTO "Measurements" ("IndicatorId", "AreaId", "UnitCode", "Period", "Gender", "Value", "Status", "ImportBatchId")
        VALUES ($i, $a, $u, $p, $g, $v, $s, $b)
        """;

    private const string Upsert = Insert + """

        ON CONFLICT ("IndicatorId", "AreaId", "UnitCode", "Period", "Gender") DO UPDATE SET "Value" = excluded."Value", "Status" = excluded."Status", "ImportBatchId" = excluded."ImportBatchId"
        WHERE "Value" <> excluded."Value" OR "Status" <> excluded."Status"
        """;

    // Styra's temporary trigger and table (MeasurementWriter.SqliteWriter), verbatim.
    private const string Trigger = """
        CREATE TEMP TABLE styra_import_unchanged ("Id" INTEGER PRIMARY KEY);
        CREATE TEMP TRIGGER styra_import_change AFTER UPDATE OF "Value", "Status" ON main."Measurements"
        BEGIN
            SELECT RAISE(ABORT, 'styra-import-duplicate')
            WHERE old."ImportBatchId" = new."ImportBatchId" OR EXISTS (SELECT 1 FROM temp.styra_import_unchanged WHERE "Id" = old."Id");
            INSERT INTO "MeasurementChanges" ("MeasurementId", "OldValue", "OldStatus", "OldImportBatchId", "NewImportBatchId")
            VALUES (old."Id", old."Value", old."Status", old."ImportBatchId", new."ImportBatchId");
        END;
        """;

    private const string Columns = "\"IndicatorId\", \"AreaId\", \"UnitCode\", \"Period\", \"Gender\", \"Value\", \"Status\", \"ImportBatchId\"";

    private sealed record Variant(string Name, string Statement, string Setup)
    {
        /// <summary>Set outside the transaction: SQLite ignores temp_store inside one.</summary>
        public string Pragma { get; init; } = "";

        /// <summary>Run once after the last value, inside the transaction and the timing.</summary>
        public string Finish { get; init; } = "";
    }

    private static readonly Variant[] Variants =
    [
        new("plain INSERT (what sqlite3 .import runs)", Insert, ""),
        new("plain INSERT, Styra's temp trigger present", Insert, Trigger),
        new("Styra's upsert, no trigger", Upsert, ""),
        new("Styra's upsert + temp trigger (Styra today)", Upsert, Trigger),
        new("Styra's upsert + temp trigger, PRAGMA temp_store=MEMORY", Upsert, Trigger) { Pragma = "PRAGMA temp_store=MEMORY;" },
        new("INSERT OR IGNORE + temp trigger (an update only where a key exists)", Insert.Replace("INSERT INTO", "INSERT OR IGNORE INTO", StringComparison.Ordinal), Trigger),
        new("plain INSERT into a temp table, then one INSERT … SELECT … ON CONFLICT upsert + temp trigger",
            Insert.Replace("INSERT INTO \"Measurements\"", "INSERT INTO temp.staging", StringComparison.Ordinal),
            Trigger + $"CREATE TEMP TABLE staging ({Columns});")
        {
            Finish = $"""
                INSERT INTO "Measurements" ({Columns}) SELECT {Columns} FROM temp.staging WHERE true
                ON CONFLICT ("IndicatorId", "AreaId", "UnitCode", "Period", "Gender") DO UPDATE SET "Value" = excluded."Value", "Status" = excluded."Status", "ImportBatchId" = excluded."ImportBatchId"
                WHERE "Value" <> excluded."Value" OR "Status" <> excluded."Status"
                """,
        },
    ];

    public static async Task<IReadOnlyList<string>> RunAsync(DataSet set, string preparedDb, IReadOnlyDictionary<string, int> indicators, int batchId, long count)
    {
        var lines = new List<string>
        {
            $"| SQLite, {count:N0} values through Microsoft.Data.Sqlite, one prepared statement per value, one transaction | seconds | values/s | write system calls |",
            "|---|---:|---:|---:|",
        };
        // Untimed: the first variant would otherwise also pay for the JIT.
        await WarmUpAsync(set, preparedDb, indicators, batchId, Math.Min(count, 20_000));
        foreach (var variant in Variants)
        {
            var copy = preparedDb + ".variant.db";
            File.Copy(preparedDb, copy, overwrite: true);
            foreach (var f in new[] { "-wal", "-shm" }) if (File.Exists(preparedDb + f)) File.Copy(preparedDb + f, copy + f, overwrite: true);
            var (elapsed, journalWrites) = await WriteAsync(set, copy, variant, indicators, batchId, count);
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { "", "-wal", "-shm", "-journal" }) File.Delete(copy + f);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"| {variant.Name} | {elapsed.TotalSeconds:F1} | {count / elapsed.TotalSeconds:N0} | {journalWrites} |");
            Log.Line(line);
            lines.Add(line);
        }
        return lines;
    }

    private static async Task WarmUpAsync(DataSet set, string preparedDb, IReadOnlyDictionary<string, int> indicators, int batchId, long count)
    {
        var copy = preparedDb + ".warmup.db";
        File.Copy(preparedDb, copy, overwrite: true);
        foreach (var v in Variants.Where(v => v.Finish.Length == 0).Take(2)) await WriteAsync(set, copy, v with { Setup = "" }, indicators, batchId, count, rollback: true);
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { "", "-wal", "-shm", "-journal" }) File.Delete(copy + f);
    }

    private static async Task<(TimeSpan, string)> WriteAsync(DataSet set, string path, Variant variant, IReadOnlyDictionary<string, int> indicators, int batchId, long count, bool rollback = false)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        // As EF Core opens Styra's connections.
        await using (var fk = connection.CreateCommand())
        {
            fk.CommandText = "PRAGMA foreign_keys=ON;" + variant.Pragma;
            await fk.ExecuteNonQueryAsync();
        }
        await using var transaction = connection.BeginTransaction();
        if (variant.Setup.Length > 0)
        {
            await using var setup = connection.CreateCommand();
            setup.Transaction = transaction;
            setup.CommandText = variant.Setup;
            await setup.ExecuteNonQueryAsync();
        }
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = variant.Statement;
        var p = new[] { "$i", "$a", "$u", "$p", "$g", "$v", "$s", "$b" }.Select(n => command.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        p[2].Value = "";
        p[6].Value = "Final";
        p[7].Value = batchId;
        command.Prepare();
        long Count()
        {
            using var c = connection.CreateCommand();
            c.Transaction = transaction.Connection is null ? null : transaction; // none once committed
            c.CommandText = "SELECT count(*) FROM \"Measurements\"";
            return (long)c.ExecuteScalar()!;
        }
        var rowsBefore = Count();
        var writesBefore = StatementJournalWrites();
        var clock = Stopwatch.StartNew();
        long n = 0;
        foreach (var e in set.Elements())
        {
            p[0].Value = indicators[e.Kpi.Code];
            p[1].Value = e.Area;
            p[3].Value = e.Year.ToString(CultureInfo.InvariantCulture);
            for (var g = 0; g < e.Values.Length && n < count; g++, n++)
            {
                p[4].Value = DataSet.Genders[g];
                p[5].Value = e.Values[g];
                command.ExecuteNonQuery();
            }
            if (n >= count) break;
        }
        if (variant.Finish.Length > 0)
        {
            await using var finish = connection.CreateCommand();
            finish.Transaction = transaction;
            finish.CommandText = variant.Finish;
            finish.CommandTimeout = 0;
            await finish.ExecuteNonQueryAsync();
        }
        if (rollback)
        {
            await transaction.RollbackAsync();
            return (clock.Elapsed, "");
        }
        await transaction.CommitAsync();
        var elapsed = clock.Elapsed;
        if (Count() - rowsBefore != n) throw new InvalidOperationException($"{variant.Name}: {Count() - rowsBefore} rows written, expected {n}");
        return (elapsed, (StatementJournalWrites() - writesBefore).ToString("N0", CultureInfo.InvariantCulture));
    }

    /// <summary>This process's write system calls so far (/proc/self/io): the statement journal is written with pwrite.</summary>
    private static long StatementJournalWrites()
    {
        foreach (var line in File.ReadLines("/proc/self/io"))
            if (line.StartsWith("syscw:", StringComparison.Ordinal)) return long.Parse(line[6..].Trim(), CultureInfo.InvariantCulture);
        return 0;
    }
}
