using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.Audit;

namespace Styra.Web.Accounts;

/// <summary>
/// What the caller of this request may do: the memberships of the signed-in user (read once per request), or the one
/// grant of the API token. Demo accounts count as anonymous in the Production environment.
/// </summary>
public sealed class CurrentAccess(IHttpContextAccessor http, StyraDbContext db, IHostEnvironment environment)
{
    public const string GrantClaim = "styra:grant";
    public const string TokenScheme = "ApiToken";
    public const string TokenOwnerClaim = "styra:token-owner";

    private Access? _access;

    public async Task<Access> GetAsync(CancellationToken ct = default)
    {
        if (_access is not null) return _access;
        var user = http.HttpContext?.User;
        _access = await ResolveAsync(user, ct);
        return _access;
    }

    /// <summary>Whether the caller is a planner (or administrator) of the region: targets, imports, the calendar.</summary>
    public async Task<bool> IsPlannerAsync(Features.Organisation.RegionCode region, CancellationToken ct = default)
    {
        var access = await GetAsync(ct);
        if (!access.IsAuthenticated) return false;
        var id = await db.Regions.Where(r => r.Code == region).Select(r => (int?)r.Id).SingleOrDefaultAsync(ct);
        return id is { } regionId && access.IsPlanner(regionId);
    }

    private async Task<Access> ResolveAsync(ClaimsPrincipal? user, CancellationToken ct)
    {
        if (user?.Identity is not { IsAuthenticated: true } identity) return Access.Anonymous;
        if (identity.AuthenticationType == TokenScheme)
        {
            var grants = user.FindAll(GrantClaim).Select(c => c.Value.Split('|'))
                .Select(p => new Grant(int.Parse(p[0]), Enum.Parse<RegionRole>(p[1]), p[2].Length == 0 ? null : int.Parse(p[2]))).ToList();
            var owner = int.TryParse(user.FindFirstValue(TokenOwnerClaim), out var o) ? o : (int?)null;
            return new Access(null, identity.Name ?? "token", grants, owner);
        }
        if (!int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)) return Access.Anonymous;
        var account = await db.Users.AsNoTracking().Include(u => u.Memberships).SingleOrDefaultAsync(u => u.Id == id, ct);
        if (account is null || (account.IsDemo && environment.IsProduction())) return Access.Anonymous;
        return new Access(account.Id, account.Email ?? account.UserName ?? $"user {account.Id}",
            account.Memberships.Select(m => new Grant(m.RegionId, m.Role, m.UnitId)).ToList());
    }
}

/// <summary>The audit trail's actor: the signed-in user or token of the current request; the system otherwise.</summary>
public sealed class HttpAuditActorSource(IHttpContextAccessor http) : IAuditActorSource
{
    public AuditActor Current
    {
        get
        {
            var user = http.HttpContext?.User;
            if (user?.Identity is not { IsAuthenticated: true } identity) return AuditActor.System;
            var id = int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var n) && identity.AuthenticationType != CurrentAccess.TokenScheme ? n : (int?)null;
            return new AuditActor(id, identity.Name ?? "unknown");
        }
    }
}
