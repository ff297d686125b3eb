using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Styra.Features.Accounts;

namespace Styra.Web.Accounts;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/logout", async (SignInManager<StyraUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/");
        }).WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();

        app.MapPost("/login/external", ([FromForm] string? returnUrl, SignInManager<StyraUser> signIn) =>
        {
            var redirect = $"/login/external/callback?returnUrl={Uri.EscapeDataString(returnUrl ?? "/me/tasks")}";
            var properties = signIn.ConfigureExternalAuthenticationProperties(AuthenticationSetup.Oidc, redirect);
            return Results.Challenge(properties, [AuthenticationSetup.Oidc]);
        }).ExcludeFromDescription();

        app.MapGet("/login/external/callback", async (string? returnUrl, HttpContext http, SignInManager<StyraUser> signIn, UserManager<StyraUser> users, IHostEnvironment env) =>
        {
            var info = await signIn.GetExternalLoginInfoAsync();
            if (info is null) return Results.LocalRedirect("/login?error=unknown");
            var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: true);
            if (result.IsLockedOut || result.IsNotAllowed) return Results.LocalRedirect("/login?error=locked");
            if (!result.Succeeded)
            {
                // First sign-in through the region's provider: link it to the local account with the same e-mail —
                // only when the provider vouches for that address (email_verified), and never past a lockout.
                var email = info.Principal.FindFirstValue(ClaimTypes.Email) ?? info.Principal.FindFirstValue("email");
                var verified = string.Equals(info.Principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase);
                var user = email is null || !verified ? null : await users.FindByEmailAsync(email);
                if (user is null || (user.IsDemo && env.IsProduction())) return Results.LocalRedirect("/login?error=unknown");
                if (await users.IsLockedOutAsync(user)) return Results.LocalRedirect("/login?error=locked");
                var linked = await users.AddLoginAsync(user, info);
                if (!linked.Succeeded) return Results.LocalRedirect("/login?error=unknown");
                await signIn.SignInAsync(user, isPersistent: false);
            }
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
            return Results.LocalRedirect(returnUrl is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//") ? r : "/me/tasks");
        }).ExcludeFromDescription();
    }
}
