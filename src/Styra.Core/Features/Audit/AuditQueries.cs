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

    /// <summary>
    /// Who may read an object's history: readers of its region; for roles and tokens only the region's administrators;
    /// for an account (and its external sign-in links) the administrators of a region the person has a role in; the
    /// history of indicators and imports (public data) any signed-in person with a role.
    /// </summary>
    public static async Task<bool> MayReadAsync(StyraDbContext db, Accounts.Access access, string objectType, string objectId, int? regionId,
        IReadOnlyList<HistoryEntry> entries, CancellationToken ct = default)
    {
        if (!access.IsAuthenticated) return false;
        if (regionId is { } region)
            return objectType is "Membership" or "ApiToken" ? access.IsAdministrator(region) : access.CanRead(region);
        if (objectType is "Indicator" or "ImportBatch") return access.Grants.Count > 0;
        var userId = objectType switch
        {
            "User" => int.TryParse(objectId, out var id) ? id : (int?)null,
            "UserLogin" => entries.SelectMany(e => e.Changes).Where(c => c.Field == "UserId").Select(c => int.TryParse(c.After ?? c.Before, out var u) ? u : (int?)null).FirstOrDefault(),
            _ => null,
        };
        if (userId is null) return false;
        var regions = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.RegionId).Distinct().ToListAsync(ct);
        return regions.Any(access.IsAdministrator);
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
