using Microsoft.Extensions.DependencyInjection;
using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.FollowUp;
using Styra.Features.Organisation;

namespace Styra.Features.Accounts;

/// <summary>What came of an administrator's change: the new object's id, the token's secret (shown once), or why not.</summary>
public sealed record AdminResult(Outcome Outcome, IReadOnlyList<FieldProblem> Problems, int? Id = null, string? Secret = null)
{
    public static AdminResult Ok(int? id = null, string? secret = null) => new(Outcome.Ok, [], id, secret);
    public static readonly AdminResult NotFound = new(Outcome.NotFound, []);
    public static readonly AdminResult Forbidden = new(Outcome.Forbidden,
        [new("", "Bara regionens administratörer kan ändra konton, roller och API-nycklar.", "Only the region's administrators can change accounts, roles and API tokens.")]);
    public static AdminResult Invalid(IReadOnlyList<FieldProblem> problems) => new(Outcome.Invalid, problems);
    public static AdminResult Invalid(string field, string sv, string en) => new(Outcome.Invalid, [new(field, sv, en)]);
}

/// <summary>A user with roles in a region, as the administrator's list shows her.</summary>
public sealed record RegionUser(int Id, string Email, string DisplayName, bool IsDemo, bool LockedOut, IReadOnlyList<RegionUserRole> Roles);

public sealed record RegionUserRole(int MembershipId, RegionRole Role, string? UnitCode);

public sealed record RegionToken(int Id, string Name, RegionRole Role, string? UnitCode, string Hint, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);

/// <summary>
/// A region's administrator manages its accounts: creates users with a first role, grants and removes roles, unlocks
/// locked-out accounts, and makes and revokes API tokens. Only an administrator of the region may; an administrator
/// cannot remove her own last administrator role (someone must be left to administer the region).
/// </summary>
public sealed class AccountAdmin(StyraDbContext db, UserManager<StyraUser> users, TimeProvider time)
{
    /// <summary>
    /// The accounts store and its rules (passwords of at least 12 characters with a digit and a lowercase letter;
    /// lockout for 15 minutes after 5 failures; one account per e-mail), shared by the web host and the CLI.
    /// </summary>
    public static IdentityBuilder AddAccounts(IServiceCollection services) =>
        services.AddIdentityCore<StyraUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<StyraDbContext>();

    public const int MaxName = 200;

    public async Task<IReadOnlyList<RegionUser>> UsersAsync(int regionId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var list = await db.Users.AsNoTracking().Where(u => u.Memberships.Any(m => m.RegionId == regionId))
            .Select(u => new
            {
                u.Id, u.Email, u.DisplayName, u.IsDemo, u.LockoutEnd,
                Roles = u.Memberships.Where(m => m.RegionId == regionId).Select(m => new { m.Id, m.Role, UnitCode = m.Unit == null ? null : m.Unit.Code }).ToList(),
            })
            .ToListAsync(ct);
        return list.Select(u => new RegionUser(u.Id, u.Email ?? "", u.DisplayName, u.IsDemo, u.LockoutEnd is { } end && end > now,
                u.Roles.OrderBy(r => r.Role).ThenBy(r => r.UnitCode, StringComparer.Ordinal).Select(r => new RegionUserRole(r.Id, r.Role, r.UnitCode)).ToList()))
            .OrderBy(u => u.DisplayName, StringComparer.Create(new System.Globalization.CultureInfo("sv-SE"), true)).ToList();
    }

    public async Task<IReadOnlyList<RegionToken>> TokensAsync(int regionId, CancellationToken ct = default)
    {
        var list = await db.ApiTokens.AsNoTracking().Where(t => t.RegionId == regionId)
            .Select(t => new { t.Id, t.Name, t.Role, UnitCode = t.Unit == null ? null : t.Unit.Code, t.Hint, t.CreatedAt, t.ExpiresAt, t.RevokedAt })
            .ToListAsync(ct);
        return list.OrderByDescending(t => t.CreatedAt).Select(t => new RegionToken(t.Id, t.Name, t.Role, t.UnitCode, t.Hint, t.CreatedAt, t.ExpiresAt, t.RevokedAt)).ToList();
    }

    /// <summary>Creates a local account with a first role in the region, in one transaction.</summary>
    public async Task<AdminResult> CreateUserAsync(RegionCode region, string? email, string? displayName, string? password, RegionRole role, string? unitCode,
        Access access, CancellationToken ct = default)
    {
        var r = await db.Regions.Include(x => x.Units).SingleOrDefaultAsync(x => x.Code == region, ct);
        if (r is null || !access.CanRead(r.Id)) return AdminResult.NotFound;
        if (!access.IsAdministrator(r.Id)) return AdminResult.Forbidden;

        var problems = new List<FieldProblem>();
        email = email?.Trim();
        if (string.IsNullOrEmpty(email)) problems.Add(new("email", "Fyll i en e-postadress.", "Fill in an e-mail address."));
        else if (!IsEmail(email)) problems.Add(new("email", $"”{email}” är ingen e-postadress.", $"“{email}” is not an e-mail address."));
        else if (await users.FindByEmailAsync(email) is not null)
            problems.Add(new("email", "Det finns redan ett konto med den e-postadressen; ge det en roll i stället.", "An account with that e-mail address exists already; give it a role instead."));
        displayName = displayName?.Trim();
        if (string.IsNullOrEmpty(displayName)) problems.Add(new("displayName", "Fyll i personens namn.", "Fill in the person's name."));
        else if (displayName.Length > MaxName) problems.Add(new("displayName", $"Namnet får vara högst {MaxName} tecken.", $"The name may be at most {MaxName} characters."));
        var unit = CheckUnit(r, role, unitCode, problems);
        var user = new StyraUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName ?? "", LockoutEnabled = true };
        if (string.IsNullOrEmpty(password)) problems.Add(new("password", "Fyll i ett lösenord.", "Fill in a password."));
        else
        {
            foreach (var validator in users.PasswordValidators)
            {
                var check = await validator.ValidateAsync(users, user, password);
                problems.AddRange(check.Errors.Select(PasswordProblem));
            }
        }
        if (problems.Count > 0) return AdminResult.Invalid(problems);

        // One transaction — the caller's, if it has one.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var created = await users.CreateAsync(user, password!);
        if (!created.Succeeded)
            return AdminResult.Invalid(created.Errors.Select(e => e.Code.Contains("Email") || e.Code.Contains("UserName")
                ? new FieldProblem("email", $"E-postadressen godtogs inte: {e.Description}", $"The e-mail address was refused: {e.Description}")
                : PasswordProblem(e)).ToList());
        user.Memberships.Add(new Membership(user, r, role, unit));
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return AdminResult.Ok(user.Id);
    }

    /// <summary>Gives one of the region's accounts (a person with a role in it already) one more role in the region.</summary>
    public async Task<AdminResult> GrantAsync(int userId, RegionCode region, RegionRole role, string? unitCode, Access access, CancellationToken ct = default) =>
        await GrantAsync(region, role, unitCode, access, regionId =>
            db.Users.Include(u => u.Memberships).SingleOrDefaultAsync(u => u.Id == userId && u.Memberships.Any(m => m.RegionId == regionId), ct), ct);

    /// <summary>Gives the account with this e-mail address a role in the region (knowing the address is the administrator's proof of whom she means).</summary>
    public async Task<AdminResult> GrantByEmailAsync(string email, RegionCode region, RegionRole role, string? unitCode, Access access, CancellationToken ct = default) =>
        await GrantAsync(region, role, unitCode, access, _ =>
            db.Users.Include(u => u.Memberships).SingleOrDefaultAsync(u => u.NormalizedEmail == email.Trim().ToUpperInvariant(), ct), ct);

    private async Task<AdminResult> GrantAsync(RegionCode region, RegionRole role, string? unitCode, Access access, Func<int, Task<StyraUser?>> find, CancellationToken ct)
    {
        var r = await db.Regions.Include(x => x.Units).SingleOrDefaultAsync(x => x.Code == region, ct);
        if (r is null || !access.CanRead(r.Id)) return AdminResult.NotFound;
        if (!access.IsAdministrator(r.Id)) return AdminResult.Forbidden;
        var user = await find(r.Id);
        if (user is null) return AdminResult.Invalid("userId", "Välj ett av regionens konton.", "Choose one of the region's accounts.");
        var problems = new List<FieldProblem>();
        var unit = CheckUnit(r, role, unitCode, problems);
        if (problems.Count > 0) return AdminResult.Invalid(problems);
        if (user.Memberships.Any(m => m.RegionId == r.Id && m.Role == role && m.UnitId == unit?.Id))
            return AdminResult.Invalid("role", "Personen har redan den rollen.", "The person has that role already.");
        var membership = new Membership(user, r, role, unit);
        user.Memberships.Add(membership);
        await db.SaveChangesAsync(ct);
        return AdminResult.Ok(membership.Id);
    }

    /// <summary>Removes one role; an administrator cannot remove her own last administrator role in the region.</summary>
    public async Task<AdminResult> RevokeAsync(int membershipId, Access access, CancellationToken ct = default)
    {
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.Id == membershipId, ct);
        if (membership is null || !access.CanRead(membership.RegionId)) return AdminResult.NotFound;
        if (!access.IsAdministrator(membership.RegionId)) return AdminResult.Forbidden;
        if (membership.Role == RegionRole.Administrator && membership.UserId == access.UserId
            && !await db.Memberships.AnyAsync(m => m.UserId == membership.UserId && m.RegionId == membership.RegionId && m.Role == RegionRole.Administrator && m.Id != membership.Id, ct))
            return AdminResult.Invalid("role", "Du kan inte ta bort din egen sista administratörsroll; be en annan administratör göra det.",
                "You cannot remove your own last administrator role; ask another administrator to do it.");
        db.Memberships.Remove(membership);
        await db.SaveChangesAsync(ct);
        return AdminResult.Ok(membership.Id);
    }

    /// <summary>Lifts a lockout (after too many failed sign-ins) of a user with a role in one of the administrator's regions.</summary>
    public async Task<AdminResult> UnlockAsync(int userId, Access access, CancellationToken ct = default)
    {
        var regions = await db.Memberships.Where(m => m.UserId == userId).Select(m => m.RegionId).Distinct().ToListAsync(ct);
        if (!regions.Any(access.CanRead)) return AdminResult.NotFound;
        if (!regions.Any(access.IsAdministrator)) return AdminResult.Forbidden;
        var user = await users.FindByIdAsync(userId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (user is null) return AdminResult.NotFound;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return AdminResult.Ok(user.Id);
    }

    /// <summary>Makes an API token for the region; the result's <see cref="AdminResult.Secret"/> is the only copy of it.</summary>
    public async Task<AdminResult> CreateTokenAsync(RegionCode region, string? name, RegionRole role, string? unitCode, DateTimeOffset? expiresAt, Access access,
        CancellationToken ct = default)
    {
        var r = await db.Regions.Include(x => x.Units).SingleOrDefaultAsync(x => x.Code == region, ct);
        if (r is null || !access.CanRead(r.Id)) return AdminResult.NotFound;
        if (!access.IsAdministrator(r.Id)) return AdminResult.Forbidden;
        var problems = new List<FieldProblem>();
        name = name?.Trim();
        if (string.IsNullOrEmpty(name)) problems.Add(new("name", "Ge nyckeln ett namn (t.ex. systemet som använder den).", "Give the token a name (e.g. the system that uses it)."));
        else if (name.Length > MaxName) problems.Add(new("name", $"Namnet får vara högst {MaxName} tecken.", $"The name may be at most {MaxName} characters."));
        if (role == RegionRole.Administrator)
            problems.Add(new("role", "En API-nyckel kan inte administrera konton; välj planerare, rapportör, godkännare eller läsare.",
                "An API token cannot administer accounts; choose planner, reporter, approver or reader."));
        var unit = CheckUnit(r, role, unitCode, problems);
        var now = time.GetUtcNow();
        if (expiresAt is { } e && e <= now)
            problems.Add(new("expires", "Sista giltighetsdag måste ligga i framtiden.", "The expiry must lie in the future."));
        if (problems.Count > 0) return AdminResult.Invalid(problems);
        var (token, secret) = ApiToken.Create(name!, r, role, unit, now, expiresAt, access.UserId);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return AdminResult.Ok(token.Id, secret);
    }

    public async Task<AdminResult> RevokeTokenAsync(int tokenId, Access access, CancellationToken ct = default)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId, ct);
        if (token is null || !access.CanRead(token.RegionId)) return AdminResult.NotFound;
        if (!access.IsAdministrator(token.RegionId)) return AdminResult.Forbidden;
        token.Revoke(time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return AdminResult.Ok(token.Id);
    }

    private static Unit? CheckUnit(Region region, RegionRole role, string? unitCode, List<FieldProblem> problems)
    {
        unitCode = string.IsNullOrWhiteSpace(unitCode) ? null : unitCode.Trim();
        if (!role.IsUnitRole())
        {
            if (unitCode is not null)
                problems.Add(new("unit", $"Rollen {role.Swedish().ToLowerInvariant()} gäller hela regionen; välj ingen enhet.", $"The role {role.ToString().ToLowerInvariant()} covers the whole region; choose no unit."));
            return null;
        }
        if (unitCode is null)
        {
            problems.Add(new("unit", $"Rollen {role.Swedish().ToLowerInvariant()} hör till en enhet; välj vilken.", $"The role {role.ToString().ToLowerInvariant()} belongs to a unit; choose which."));
            return null;
        }
        var unit = region.Units.FirstOrDefault(u => string.Equals(u.Code, unitCode, StringComparison.OrdinalIgnoreCase));
        if (unit is null) problems.Add(new("unit", $"{region.Name} har ingen enhet {unitCode}.", $"{region.Name} has no unit {unitCode}."));
        return unit;
    }

    private static bool IsEmail(string text) =>
        text.Length <= 256 && MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.', StringComparison.Ordinal);

    private static FieldProblem PasswordProblem(IdentityError e) => e.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => new("password", "Lösenordet måste ha minst 12 tecken.", "The password must have at least 12 characters."),
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => new("password", "Lösenordet måste innehålla en siffra.", "The password must contain a digit."),
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => new("password", "Lösenordet måste innehålla en liten bokstav (a–z).", "The password must contain a lowercase letter (a–z)."),
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => new("password", "Lösenordet måste innehålla en stor bokstav (A–Z).", "The password must contain an uppercase letter (A–Z)."),
        nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => new("password", "Lösenordet måste innehålla ett specialtecken.", "The password must contain a special character."),
        _ => new("password", $"Lösenordet godtogs inte: {e.Description}", $"The password was refused: {e.Description}"),
    };
}
