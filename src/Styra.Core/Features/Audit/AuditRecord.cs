namespace Styra.Features.Audit;

public enum AuditAction { Added, Changed, Removed }

/// <summary>
/// One change to an audited object: who, when, what, and the values before and after (JSON objects of the changed
/// properties). Written in the same transaction as the change. The database refuses to update or delete these rows
/// (triggers on both providers), and <see cref="Data.StyraDbContext"/> refuses before it gets that far.
/// </summary>
public sealed class AuditRecord
{
    private AuditRecord() { }

    internal AuditRecord(DateTimeOffset at, AuditActor actor, AuditAction action, string objectType, string objectId, int? regionId, string? before, string? after)
    {
        At = at;
        ActorUserId = actor.UserId;
        ActorName = actor.Name;
        Action = action;
        ObjectType = objectType;
        ObjectId = objectId;
        RegionId = regionId;
        Before = before;
        After = after;
    }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public int? ActorUserId { get; private set; }

    /// <summary>The actor as named when the change was made (an e-mail, "token:NAME", "cli:USER", "system").</summary>
    public string ActorName { get; private set; } = "";
    public AuditAction Action { get; private set; }

    /// <summary>The kind of object, e.g. "Assessment"; with <see cref="ObjectId"/> it names the object.</summary>
    public string ObjectType { get; private set; } = "";
    public string ObjectId { get; private set; } = "";
    public int? RegionId { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }
}

/// <summary>Marks an entity whose every change is audited.</summary>
public interface IAudited
{
    /// <summary>The region the object belongs to (who may read its history); null for accounts.</summary>
    int? AuditRegionId { get; }
}

/// <summary>Who is making a change.</summary>
public sealed record AuditActor(int? UserId, string Name)
{
    public static readonly AuditActor System = new(null, "system");

    public static AuditActor CommandLine => new(null, $"cli:{Environment.UserName}");
}

/// <summary>Tells the database who is acting; the web host answers from the signed-in user or token.</summary>
public interface IAuditActorSource
{
    AuditActor Current { get; }
}
