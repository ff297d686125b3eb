using Microsoft.EntityFrameworkCore;

namespace Styra.Data;

/// <summary>
/// One row whose <see cref="Version"/> goes up with every change to what the summaries are made of — imported values,
/// plan files (indicator definitions, targets), targets set by hand — inside the change's own transaction. Caches
/// compare it, in one tiny query, to know whether what they hold is still true, also when another process (the
/// CLI, another web instance) made the change.
/// </summary>
public sealed class DataStamp
{
    public const int SingleId = 1;

    public int Id { get; private set; } = SingleId;
    public long Version { get; private set; }

    /// <summary>Moves the version on, in the caller's transaction.</summary>
    public static async Task BumpAsync(StyraDbContext db, CancellationToken ct)
    {
        await db.DataStamps.Where(s => s.Id == SingleId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), ct);
        LocalChanges.Note();
    }
}

/// <summary>
/// A counter of the changes this process saved. Short-lived caches of what is in the database (the public stamp) start
/// afresh when it moves, so a change made here shows at once; one made by another process shows when the cache ages out.
/// </summary>
public static class LocalChanges
{
    private static long _count;

    public static long Count => Interlocked.Read(ref _count);

    public static void Note() => Interlocked.Increment(ref _count);
}
