using System.Security.Cryptography;
using System.Text;
using Styra.Features.Organisation;

using Styra.Features.Audit;

namespace Styra.Features.Accounts;

/// <summary>
/// A token for a region's integration (a finance system, a data warehouse): it acts in one role, in one region and
/// (for reporter and approver) one unit. Only its SHA-256 hash is stored; the token itself is shown once, when made.
/// </summary>
public sealed class ApiToken : IAudited
{
    /// <summary>Every token starts with this, so that secret scanners and people recognise one.</summary>
    public const string Prefix = "styra_";

    private ApiToken() { }

    private ApiToken(string name, Region region, RegionRole role, Unit? unit, string hash, string hint, DateTimeOffset createdAt, DateTimeOffset? expiresAt, int? createdBy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (role.IsUnitRole() != (unit is not null))
            throw new ArgumentException(role.IsUnitRole() ? $"A {role} token belongs to a unit." : $"A {role} token covers the whole region; it takes no unit.");
        if (role == RegionRole.Administrator)
            throw new ArgumentException("API tokens cannot administer accounts; choose planner, reporter, approver or reader.");
        Name = name.Trim();
        Region = region;
        Role = role;
        Unit = unit;
        TokenHash = hash;
        Hint = hint;
        // UTC: PostgreSQL's timestamptz takes no other offset.
        CreatedAt = createdAt.ToUniversalTime();
        ExpiresAt = expiresAt?.ToUniversalTime();
        CreatedByUserId = createdBy;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public int RegionId { get; private set; }
    public Region Region { get; private set; } = null!;
    public RegionRole Role { get; private set; }
    public int? UnitId { get; private set; }
    public Unit? Unit { get; private set; }

    /// <summary>Hex SHA-256 of the token.</summary>
    public string TokenHash { get; private set; } = "";

    /// <summary>The token's first characters, so that people can tell their tokens apart.</summary>
    public string Hint { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public int? CreatedByUserId { get; private set; }

    int? IAudited.AuditRegionId => RegionId;

    /// <summary>Makes a token; the returned secret is the only copy of it.</summary>
    public static (ApiToken Token, string Secret) Create(string name, Region region, RegionRole role, Unit? unit, DateTimeOffset now, DateTimeOffset? expiresAt, int? createdBy)
    {
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new ApiToken(name, region, role, unit, Hash(secret), secret[..12], now, expiresAt, createdBy), secret);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool IsValidAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now.ToUniversalTime();
}
