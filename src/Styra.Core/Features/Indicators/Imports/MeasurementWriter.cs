using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Styra.Data;

namespace Styra.Features.Indicators.Imports;

/// <summary>One value to store, with the ids resolved and where it came from (file number, position, sub-position).</summary>
internal readonly record struct MeasurementRow(
    int IndicatorId, string AreaId, string UnitCode, string Period, string Gender, double Value, string Status, int File, long Position, int Sub);

/// <summary>Two rows of one import that give the same key different values.</summary>
internal sealed record Conflict(MeasurementRow Row, double EarlierValue, (int File, long Position, int Sub)? Earlier);

internal sealed record WriteCounts(int Added, int Changed, int Unchanged, IReadOnlyList<Conflict> Conflicts);

/// <summary>
/// Writes measurements the fast way each database offers, inside the caller's transaction: SQLite one prepared upsert
/// per value, PostgreSQL a binary COPY into a temporary table and one set-based upsert. Either way a value already
/// stored for the same key is replaced only when it differs, and the old value is recorded in MeasurementChanges;
/// two rows of the same import with the same key and different values are a conflict, reported with both places.
/// </summary>
internal abstract class MeasurementWriter : IAsyncDisposable
{
    protected const string Key = "\"IndicatorId\", \"AreaId\", \"UnitCode\", \"Period\", \"Gender\"";

    public static async Task<MeasurementWriter> OpenAsync(StyraDbContext db, int batchId, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Measurements are written inside a transaction.");
        MeasurementWriter writer = db.Database.IsNpgsql()
            ? new PostgresWriter((NpgsqlConnection)connection, transaction, batchId)
            : new SqliteWriter((SqliteConnection)connection, (SqliteTransaction)transaction, batchId);
        await writer.StartAsync(ct);
        return writer;
    }

    protected abstract Task StartAsync(CancellationToken ct);

    /// <summary>Writes one value; answers a conflict when this database sees one at once (SQLite), else null.</summary>
    public abstract ValueTask<Conflict?> WriteAsync(MeasurementRow row, CancellationToken ct);

    public abstract Task<WriteCounts> FinishAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    private sealed class SqliteWriter(SqliteConnection connection, SqliteTransaction transaction, int batchId) : MeasurementWriter
    {
        private const string Trigger = "styra_import_change";
        private const string DuplicateMark = "styra-import-duplicate";
        private const string Unchanged = "styra_import_unchanged";
        private SqliteCommand? _insert, _update, _unchanged;
        private SqliteParameter[] _p = [];
        private int _written, _rows;

        protected override async Task StartAsync(CancellationToken ct)
        {
            // A temporary trigger records each replaced value, and refuses a second, different value for a key that
            // this same import already wrote or already found unchanged (those are noted in a temporary table).
            await ExecuteAsync($"""
                DROP TRIGGER IF EXISTS temp.{Trigger};
                DROP TABLE IF EXISTS temp.{Unchanged};
                CREATE TEMP TABLE {Unchanged} ("Id" INTEGER PRIMARY KEY);
                CREATE TEMP TRIGGER {Trigger} AFTER UPDATE OF "Value", "Status" ON main."Measurements"
                BEGIN
                    SELECT RAISE(ABORT, '{DuplicateMark}')
                    WHERE old."ImportBatchId" = new."ImportBatchId" OR EXISTS (SELECT 1 FROM temp.{Unchanged} WHERE "Id" = old."Id");
                    INSERT INTO "MeasurementChanges" ("MeasurementId", "OldValue", "OldStatus", "OldImportBatchId", "NewImportBatchId")
                    VALUES (old."Id", old."Value", old."Status", old."ImportBatchId", new."ImportBatchId");
                END;
                """, ct);
            // A new key is a plain insert (INSERT OR IGNORE needs no statement journal, unlike an upsert, which would
            // write one to a temporary file for every value); only a key already stored is compared and updated.
            _insert = Command("""
                INSERT OR IGNORE INTO "Measurements" ("IndicatorId", "AreaId", "UnitCode", "Period", "Gender", "Value", "Status", "ImportBatchId")
                VALUES ($i, $a, $u, $p, $g, $v, $s, $b)
                """);
            _update = Command("""
                UPDATE "Measurements" SET "Value" = $v, "Status" = $s, "ImportBatchId" = $b
                WHERE "IndicatorId" = $i AND "AreaId" = $a AND "UnitCode" = $u AND "Period" = $p AND "Gender" = $g
                  AND ("Value" <> $v OR "Status" <> $s)
                """);
            _unchanged = Command($"""
                INSERT OR IGNORE INTO temp.{Unchanged} ("Id")
                SELECT "Id" FROM "Measurements" WHERE "IndicatorId" = $i AND "AreaId" = $a AND "UnitCode" = $u AND "Period" = $p AND "Gender" = $g
                """);
        }

        /// <summary>A prepared command whose parameters ($i, $a, $u, $p, $g, $v, $s, $b) share the row's values.</summary>
        private SqliteCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            if (_p.Length == 0)
            {
                _p = new[] { "$i", "$a", "$u", "$p", "$g", "$v", "$s", "$b" }.Select(n => new SqliteParameter { ParameterName = n }).ToArray();
                _p[7].Value = batchId;
            }
            foreach (var p in _p.Where(p => sql.Contains(p.ParameterName, StringComparison.Ordinal)))
                command.Parameters.Add(p);
            command.Prepare();
            return command;
        }

        public override ValueTask<Conflict?> WriteAsync(MeasurementRow row, CancellationToken ct)
        {
            _p[0].Value = row.IndicatorId;
            _p[1].Value = row.AreaId;
            _p[2].Value = row.UnitCode;
            _p[3].Value = row.Period;
            _p[4].Value = row.Gender;
            _p[5].Value = row.Value;
            _p[6].Value = row.Status;
            _rows++;
            try
            {
                var written = _insert!.ExecuteNonQuery();
                if (written == 0) written = _update!.ExecuteNonQuery();
                _written += written;
                if (written == 0) _unchanged!.ExecuteNonQuery();
                return ValueTask.FromResult<Conflict?>(null);
            }
            catch (SqliteException e) when (e.Message.Contains(DuplicateMark, StringComparison.Ordinal))
            {
                using var earlier = connection.CreateCommand();
                earlier.Transaction = transaction;
                earlier.CommandText = $"""SELECT "Value" FROM "Measurements" WHERE "IndicatorId" = $i AND "AreaId" = $a AND "UnitCode" = $u AND "Period" = $p AND "Gender" = $g""";
                foreach (var p in _p.Take(5)) earlier.Parameters.AddWithValue(p.ParameterName, p.Value);
                return ValueTask.FromResult<Conflict?>(new Conflict(row, Convert.ToDouble(earlier.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), null));
            }
        }

        public override async Task<WriteCounts> FinishAsync(CancellationToken ct)
        {
            await using var count = connection.CreateCommand();
            count.Transaction = transaction;
            count.CommandText = """SELECT COUNT(*) FROM "MeasurementChanges" WHERE "NewImportBatchId" = $b""";
            count.Parameters.AddWithValue("$b", batchId);
            var changed = Convert.ToInt32(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            await ExecuteAsync($"DROP TRIGGER IF EXISTS temp.{Trigger}; DROP TABLE IF EXISTS temp.{Unchanged};", ct);
            return new WriteCounts(_written - changed, changed, _rows - _written, []);
        }

        private async Task ExecuteAsync(string sql, CancellationToken ct)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(ct);
        }

        public override async ValueTask DisposeAsync()
        {
            if (_insert is not null) await _insert.DisposeAsync();
            if (_update is not null) await _update.DisposeAsync();
            if (_unchanged is not null) await _unchanged.DisposeAsync();
        }
    }

    private sealed class PostgresWriter(NpgsqlConnection connection, DbTransaction transaction, int batchId) : MeasurementWriter
    {
        private const string Staging = "styra_import";
        private NpgsqlBinaryImporter? _copy;
        private int _rows;

        protected override async Task StartAsync(CancellationToken ct)
        {
            await ExecuteAsync($"""
                DROP TABLE IF EXISTS {Staging};
                CREATE TEMP TABLE {Staging} (
                    "IndicatorId" integer, "AreaId" text, "UnitCode" text, "Period" text, "Gender" text,
                    "Value" double precision, "Status" text, file integer, pos bigint, sub integer);
                """, ct);
            _copy = await connection.BeginBinaryImportAsync(
                $"""COPY {Staging} ("IndicatorId", "AreaId", "UnitCode", "Period", "Gender", "Value", "Status", file, pos, sub) FROM STDIN (FORMAT BINARY)""", ct);
        }

        public override async ValueTask<Conflict?> WriteAsync(MeasurementRow row, CancellationToken ct)
        {
            var copy = _copy!;
            await copy.StartRowAsync(ct);
            copy.Write(row.IndicatorId, NpgsqlDbType.Integer);
            copy.Write(row.AreaId, NpgsqlDbType.Text);
            copy.Write(row.UnitCode, NpgsqlDbType.Text);
            copy.Write(row.Period, NpgsqlDbType.Text);
            copy.Write(row.Gender, NpgsqlDbType.Text);
            copy.Write(row.Value, NpgsqlDbType.Double);
            copy.Write(row.Status, NpgsqlDbType.Text);
            copy.Write(row.File, NpgsqlDbType.Integer);
            copy.Write(row.Position, NpgsqlDbType.Bigint);
            copy.Write(row.Sub, NpgsqlDbType.Integer);
            _rows++;
            return null;
        }

        public override async Task<WriteCounts> FinishAsync(CancellationToken ct)
        {
            await _copy!.CompleteAsync(ct);
            await _copy.DisposeAsync();
            _copy = null;
            // One pass over the staged rows: are keys repeated, and with different values? The same value twice is
            // harmless (merged once); different values are a conflict to report.
            await using var check = new NpgsqlCommand($"""
                SELECT count(*) FILTER (WHERE n > 1), count(*) FILTER (WHERE differs)
                FROM (SELECT count(*) AS n, (min("Value") <> max("Value") OR min("Status") <> max("Status")) AS differs
                      FROM {Staging} GROUP BY {Key}) AS keys
                """, connection, (NpgsqlTransaction)transaction) { CommandTimeout = 0 };
            long repeated, conflicting;
            await using (var reader = await check.ExecuteReaderAsync(ct))
            {
                await reader.ReadAsync(ct);
                (repeated, conflicting) = (reader.GetInt64(0), reader.GetInt64(1));
            }
            if (conflicting > 0) return new WriteCounts(0, 0, 0, await ConflictsAsync(ct));
            return await MergeAsync(repeated == 0 ? Staging : $"""(SELECT DISTINCT {Key}, "Value", "Status" FROM {Staging})""", ct);
        }

        private async Task<WriteCounts> MergeAsync(string source, CancellationToken ct)
        {
            await using var merge = new NpgsqlCommand($"""
                WITH incoming AS MATERIALIZED (SELECT {Key}, "Value", "Status" FROM {source} AS s),
                replaced AS (
                    SELECT m."Id", m."Value", m."Status", m."ImportBatchId"
                    FROM "Measurements" m JOIN incoming i USING ({Key})
                    WHERE m."Value" <> i."Value" OR m."Status" <> i."Status"),
                upsert AS (
                    INSERT INTO "Measurements" ({Key}, "Value", "Status", "ImportBatchId")
                    SELECT {Key}, "Value", "Status", @batch FROM incoming
                    ON CONFLICT ({Key}) DO UPDATE SET "Value" = EXCLUDED."Value", "Status" = EXCLUDED."Status", "ImportBatchId" = EXCLUDED."ImportBatchId"
                    WHERE "Measurements"."Value" <> EXCLUDED."Value" OR "Measurements"."Status" <> EXCLUDED."Status"
                    RETURNING (xmax = 0) AS inserted),
                changes AS (
                    INSERT INTO "MeasurementChanges" ("MeasurementId", "OldValue", "OldStatus", "OldImportBatchId", "NewImportBatchId")
                    SELECT "Id", "Value", "Status", "ImportBatchId", @batch FROM replaced
                    RETURNING 1)
                SELECT (SELECT count(*) FROM upsert WHERE inserted), (SELECT count(*) FROM changes)
                """, connection, (NpgsqlTransaction)transaction);
            merge.Parameters.AddWithValue("batch", batchId);
            merge.CommandTimeout = 0;
            await using var reader = await merge.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var (added, changed) = ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
            await reader.DisposeAsync();
            await ExecuteAsync($"DROP TABLE IF EXISTS {Staging}", ct);
            return new WriteCounts(added, changed, _rows - added - changed, []);
        }

        private async Task<List<Conflict>> ConflictsAsync(CancellationToken ct)
        {
            await using var query = new NpgsqlCommand($"""
                WITH keys AS (
                    SELECT {Key} FROM {Staging} GROUP BY {Key}
                    HAVING min("Value") <> max("Value") OR min("Status") <> max("Status") LIMIT {ImportProblems.Limit})
                SELECT s.* FROM {Staging} s JOIN keys USING ({Key}) ORDER BY {Key}, file, pos, sub
                """, connection, (NpgsqlTransaction)transaction);
            var rows = new List<MeasurementRow>();
            await using (var reader = await query.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                    rows.Add(new MeasurementRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                        reader.GetDouble(5), reader.GetString(6), reader.GetInt32(7), reader.GetInt64(8), reader.GetInt32(9)));
            }
            // Per key: the first row, and each later row that differs from it.
            return rows.GroupBy(r => (r.IndicatorId, r.AreaId, r.UnitCode, r.Period, r.Gender))
                .SelectMany(g => g.Skip(1).Where(r => r.Value != g.First().Value || r.Status != g.First().Status)
                    .Select(r => new Conflict(r, g.First().Value, (g.First().File, g.First().Position, g.First().Sub))))
                .ToList();
        }

        private async Task ExecuteAsync(string sql, CancellationToken ct)
        {
            await using var command = new NpgsqlCommand(sql, connection, (NpgsqlTransaction)transaction);
            await command.ExecuteNonQueryAsync(ct);
        }

        public override async ValueTask DisposeAsync()
        {
            if (_copy is not null)
            {
                // An import that stopped half-way: abandon the COPY (the transaction is rolled back by the caller).
                try { await _copy.DisposeAsync(); } catch (NpgsqlException) { }
            }
        }
    }
}
