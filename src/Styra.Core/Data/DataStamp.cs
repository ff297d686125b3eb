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
    public static Task BumpAsync(StyraDbContext db, CancellationToken ct) =>
        db.DataStamps.Where(s => s.Id == SingleId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), ct);
}
