using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Organisation;

namespace Styra.Features.Accounts;

/// <summary>
/// The demo's accounts (listed in the README), created with the demo data only and refused in Production. All share
/// one password, which is public: they are for trying Styra out, never for real data.
/// </summary>
public static class DemoAccounts
{
    public const string Password = "Styra-demo-2024";

    /// <summary>(e-mail, name, region, role, unit).</summary>
    public static readonly IReadOnlyList<(string Email, string Name, string Region, RegionRole Role, string? Unit)> All =
    [
        ("admin@halland.demo", "Demo Administratör (Halland)", "13", RegionRole.Administrator, null),
        ("planerare@halland.demo", "Demo Planerare (Halland)", "13", RegionRole.Planner, null),
        ("rapportor.dnhs@halland.demo", "Demo Rapportör DNHS", "13", RegionRole.Reporter, "DNHS"),
        ("godkannare.dnhs@halland.demo", "Demo Godkännare DNHS", "13", RegionRole.Approver, "DNHS"),
        ("rapportor.dnpsh@halland.demo", "Demo Rapportör DNPSH", "13", RegionRole.Reporter, "DNPSH"),
        ("godkannare.dnpsh@halland.demo", "Demo Godkännare DNPSH", "13", RegionRole.Approver, "DNPSH"),
        ("lasare@halland.demo", "Demo Läsare (Halland)", "13", RegionRole.Reader, null),
        ("planerare@skane.demo", "Demo Planerare (Skåne)", "12", RegionRole.Planner, null),
    ];

    public static async Task LoadAsync(StyraDbContext db, CancellationToken ct)
    {
        var hasher = new PasswordHasher<StyraUser>();
        var regions = await db.Regions.Include(r => r.Units).ToListAsync(ct);
        foreach (var group in All.GroupBy(a => a.Email))
        {
            var (email, name, _, _, _) = group.First();
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), ct)) continue;
            var user = new StyraUser
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, DisplayName = name, IsDemo = true, SecurityStamp = Guid.NewGuid().ToString("N"), LockoutEnabled = true,
            };
            user.PasswordHash = hasher.HashPassword(user, Password);
            foreach (var (_, _, regionCode, role, unitCode) in group)
            {
                if (regions.FirstOrDefault(r => r.Code.Value == regionCode) is not { } region) continue;
                Unit? unit = unitCode is null ? null : region.Units.Single(u => u.Code == unitCode);
                user.Memberships.Add(new Membership(user, region, role, unit));
            }
            db.Users.Add(user);
        }
        await db.SaveChangesAsync(ct);
    }
}
