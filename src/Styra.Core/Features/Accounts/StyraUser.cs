using Styra.Features.Audit;
using Microsoft.AspNetCore.Identity;

namespace Styra.Features.Accounts;

/// <summary>
/// A person who logs in to Styra: a local account (ASP.NET Core Identity: hashed password, lockout) or one that an
/// OpenID Connect provider vouches for. What the person may do comes from their <see cref="Membership"/>s.
/// </summary>
public sealed class StyraUser : IdentityUser<int>, IAudited
{
    int? IAudited.AuditRegionId => null;

    public string DisplayName { get; set; } = "";

    /// <summary>A demo account, created with the demo data; never accepted in the Production environment.</summary>
    public bool IsDemo { get; set; }

    public List<Membership> Memberships { get; private set; } = [];
}
