using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Styra.Data;

/// <summary>All-or-nothing work on the database, for imports.</summary>
public static class Atomic
{
    private const string Savepoint = "styra_atomic";

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction — or, inside a caller's transaction (EF Core runs seeding inside
    /// its migration transaction), under a savepoint — and keeps what it did only when it answers <c>Keep</c>.
    /// On an exception or <c>Keep = false</c> the database is as it was. The change tracker is cleared either way.
    /// </summary>
    public static async Task<T> RunAsync<T>(StyraDbContext db, Func<Task<(T Result, bool Keep)>> work, CancellationToken ct)
    {
        var outer = db.Database.CurrentTransaction;
        await using var own = outer is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (outer is not null) await outer.CreateSavepointAsync(Savepoint, ct);
        try
        {
            var (result, keep) = await work();
            if (!keep) await UndoAsync(own, outer, ct);
            else if (own is not null) await own.CommitAsync(ct);
            else await outer!.ReleaseSavepointAsync(Savepoint, ct);
            return result;
        }
        catch
        {
            await UndoAsync(own, outer, CancellationToken.None);
            throw;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Makes imports of values and formulas wait for each other until the transaction ends. PostgreSQL lets two
    /// transactions merge into the same rows, and the record of what each replaced would then be wrong; SQLite
    /// already lets one writer at a time.
    /// </summary>
    public static async Task SerializeImportsAsync(StyraDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7421900001)", ct);
    }

    private static async Task UndoAsync(IDbContextTransaction? own, IDbContextTransaction? outer, CancellationToken ct)
    {
        if (own is not null) await own.RollbackAsync(ct);
        else await outer!.RollbackToSavepointAsync(Savepoint, ct);
    }
}
