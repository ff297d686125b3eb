namespace Styra.Features.Accounts;

/// <summary>One role in one region (and unit), as a signed-in user or an API token holds it.</summary>
public sealed record Grant(int RegionId, RegionRole Role, int? UnitId);

/// <summary>
/// What the one acting may do: the roles of a user (from her memberships) or of an API token. Anonymous callers have
/// no grants and may read only what is public.
/// </summary>
public sealed class Access
{
    public static readonly Access Anonymous = new(null, "anonymous", []);

    public Access(int? userId, string name, IReadOnlyList<Grant> grants, int? personId = null)
    {
        UserId = userId;
        PersonId = userId ?? personId;
        Name = name;
        Grants = grants;
    }

    public int? UserId { get; }

    /// <summary>The person acting: the signed-in user, or the one who made the API token (so that nobody approves through a token what she submitted herself).</summary>
    public int? PersonId { get; }

    /// <summary>The actor's name in the audit trail and on assessments (an e-mail, or "token:NAME").</summary>
    public string Name { get; }
    public IReadOnlyList<Grant> Grants { get; }
    public bool IsAuthenticated => !ReferenceEquals(this, Anonymous) && (UserId is not null || Grants.Count > 0);

    public bool CanRead(int regionId) => Grants.Any(g => g.RegionId == regionId);

    public bool IsPlanner(int regionId) => Grants.Any(g => g.RegionId == regionId && g.Role is RegionRole.Planner or RegionRole.Administrator);

    public bool IsAdministrator(int regionId) => Grants.Any(g => g.RegionId == regionId && g.Role == RegionRole.Administrator);

    /// <summary>Writes for the unit: its reporter. (A planner writes the focus-area and region assessments, not a committee's.)</summary>
    public bool CanReport(int regionId, int unitId) => Grants.Any(g => g.RegionId == regionId && g.Role == RegionRole.Reporter && g.UnitId == unitId);

    public bool CanApprove(int regionId, int unitId) => Grants.Any(g => g.RegionId == regionId && g.Role == RegionRole.Approver && g.UnitId == unitId);

    /// <summary>The units the actor reports or approves for, in a region.</summary>
    public IEnumerable<int> UnitsOf(int regionId, RegionRole role) =>
        Grants.Where(g => g.RegionId == regionId && g.Role == role && g.UnitId is not null).Select(g => g.UnitId!.Value);

    public IEnumerable<int> Regions => Grants.Select(g => g.RegionId).Distinct();
}
