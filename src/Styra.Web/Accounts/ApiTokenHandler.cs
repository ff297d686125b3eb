using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Styra.Data;
using Styra.Features.Accounts;

namespace Styra.Web.Accounts;

/// <summary>
/// Authenticates API calls that carry <c>Authorization: Bearer styra_…</c>: the token must exist (by its hash), be
/// neither revoked nor expired. The principal holds the token's one grant.
/// </summary>
public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    StyraDbContext db, TimeProvider time) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Bearer(Request) is not { } secret) return AuthenticateResult.NoResult();
        var hash = ApiToken.Hash(secret);
        var token = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, Context.RequestAborted);
        if (token is null) return AuthenticateResult.Fail("The API token is not known.");
        if (!token.IsValidAt(time.GetUtcNow())) return AuthenticateResult.Fail("The API token is revoked or expired.");
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, $"token:{token.Name}"), new Claim("styra:token", token.Id.ToString()),
             new Claim(CurrentAccess.GrantClaim, $"{token.RegionId}|{token.Role}|{token.UnitId}"),
             new Claim(CurrentAccess.TokenOwnerClaim, token.CreatedByUserId?.ToString() ?? "")],
            CurrentAccess.TokenScheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"Styra\"";
        return Task.CompletedTask;
    }

    public static string? Bearer(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } h && h.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? h[7..].Trim() : null;
}
