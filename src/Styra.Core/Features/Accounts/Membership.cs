using Styra.Features.Organisation;

using Styra.Features.Audit;

namespace Styra.Features.Accounts;

/// <summary>
/// What a person (or an API token) may do in a region. Reporter and approver belong to a unit (a committee); the other
/// roles cover the whole region.
/// </summary>
public enum RegionRole
{
    /// <summary>Läsare: reads the region's follow-up.</summary>
    Reader,
    /// <summary>Rapportör: writes the assessments and activities of her unit.</summary>
    Reporter,
    /// <summary>Godkännare: approves or returns the assessments her unit submitted.</summary>
    Approver,
    /// <summary>Planerare: the whole region — calendar, targets, imports, focus-area and region assessments.</summary>
    Planner,
    /// <summary>Administratör: everything a planner does, and accounts, roles and API tokens.</summary>
    Administrator,
}

public static class RegionRoles
{
    public static bool IsUnitRole(this RegionRole role) => role is RegionRole.Reporter or RegionRole.Approver;

    public static string Swedish(this RegionRole role) => role switch
    {
        RegionRole.Reader => "Läsare",
        RegionRole.Reporter => "Rapportör",
        RegionRole.Approver => "Godkännare",
        RegionRole.Planner => "Planerare",
        _ => "Administratör",
    };
}

/// <summary>One role of a user in a region (and, for reporter and approver, in one unit of it).</summary>
public sealed class Membership : IAudited
{
    private Membership() { }

    public Membership(StyraUser user, Region region, RegionRole role, Unit? unit)
    {
        if (role.IsUnitRole() != (unit is not null))
            throw new ArgumentException(role.IsUnitRole()
                ? $"The role {role} belongs to a unit; name the unit."
                : $"The role {role} covers the whole region; it takes no unit.");
        if (unit is not null && unit.Region != region && unit.RegionId != region.Id)
            throw new ArgumentException($"Unit {unit.Code} is not a unit of {region.Name}.");
        User = user;
        Region = region;
        Role = role;
        Unit = unit;
    }

    public int Id { get; private set; }
    public int UserId { get; private set; }
    public StyraUser User { get; private set; } = null!;
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;
    public RegionRole Role { get; private set; }
    public int? UnitId { get; private set; }
    public Unit? Unit { get; private set; }

    int? IAudited.AuditRegionId => RegionId;
}
