using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Styra.Data;

namespace Styra.Features.Audit;

/// <summary>One field's change between two versions of an object.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>One entry of an object's history: who, when, what, and each field that changed.</summary>
public sealed record HistoryEntry(long Id, DateTimeOffset At, string Actor, AuditAction Action, string ObjectType, string ObjectId, IReadOnlyList<FieldChange> Changes);

public static class AuditQueries
{
    /// <summary>Fields that change with every save and say nothing by themselves.</summary>
    private static readonly HashSet<string> Noise = ["Version", "UpdatedAt", "UpdatedBy", "Id"];

    /// <summary>The history of an object, oldest first; the region the object belongs to comes with it (for access).</summary>
    public static async Task<(IReadOnlyList<HistoryEntry> Entries, int? RegionId)> HistoryAsync(StyraDbContext db, string objectType, string objectId, CancellationToken ct = default)
    {
        var records = await db.AuditRecords.AsNoTracking().Where(r => r.ObjectType == objectType && r.ObjectId == objectId).OrderBy(r => r.Id).ToListAsync(ct);
        return (records.Select(ToEntry).ToList(), records.Select(r => r.RegionId).FirstOrDefault(r => r is not null));
    }

    public static HistoryEntry ToEntry(AuditRecord r)
    {
        var before = Parse(r.Before);
        var after = Parse(r.After);
        var changes = before.Keys.Union(after.Keys).Where(k => !Noise.Contains(k) || r.Action != AuditAction.Changed)
            .Select(k => new FieldChange(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k)))
            .Where(c => c.Before != c.After).ToList();
        return new HistoryEntry(r.Id, r.At, r.ActorName, r.Action, r.ObjectType, r.ObjectId, changes);
    }

    private static Dictionary<string, string?> Parse(string? json)
    {
        if (json is null) return [];
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => p.Value.GetString(),
            _ => p.Value.GetRawText(),
        });
    }
}
