using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.Audit;

namespace Styra.Web.Accounts;

public static class AuthenticationSetup
{
    /// <summary>The scheme that picks the token scheme for "Authorization: Bearer", else the Identity cookie.</summary>
    public const string Smart = "Styra";
    public const string Oidc = "oidc";

    /// <summary>
    /// Local accounts (ASP.NET Core Identity: hashed passwords, lockout, password rules) with cookie sessions for the
    /// UI, API tokens for integrations, and — when <c>Authentication:Oidc:Authority</c> is set — sign-in through the
    /// region's OpenID Connect provider (matched to a local account by e-mail: roles are always given in Styra).
    /// </summary>
    public static void AddStyraAuthentication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentAccess>();
        services.AddSingleton<IAuditActorSource, HttpAuditActorSource>();
        var auth = services.AddAuthentication(o =>
            {
                o.DefaultScheme = Smart;
                o.DefaultChallengeScheme = Smart;
            })
            .AddPolicyScheme(Smart, "Cookie or API token", o => o.ForwardDefaultSelector = c =>
                ApiTokenHandler.Bearer(c.Request) is not null ? CurrentAccess.TokenScheme : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(CurrentAccess.TokenScheme, null);
        auth.AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(o =>
        {
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/login";
            o.Cookie.Name = "styra.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // The API answers 401/403; only pages are sent to the login page.
            o.Events.OnRedirectToLogin = c => Api(c, 401);
            o.Events.OnRedirectToAccessDenied = c => Api(c, 403);
        }));
        var oidc = builder.Configuration.GetSection("Authentication:Oidc");
        if (!string.IsNullOrWhiteSpace(oidc["Authority"]))
        {
            auth.AddOpenIdConnect(Oidc, oidc["DisplayName"] ?? "Regionens inloggning", o =>
            {
                o.Authority = oidc["Authority"];
                o.ClientId = oidc["ClientId"];
                o.ClientSecret = oidc["ClientSecret"];
                o.ResponseType = "code";
                o.UsePkce = true;
                o.RequireHttpsMetadata = oidc.GetValue("RequireHttpsMetadata", true);
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.CallbackPath = "/signin-oidc";
                o.Scope.Add("email");
                o.GetClaimsFromUserInfoEndpoint = true;
            });
        }
        AccountAdmin.AddAccounts(services)
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
    }

    private static Task Api(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> c, int status)
    {
        if (c.Request.Path.StartsWithSegments("/api"))
            c.Response.StatusCode = status;
        else
            c.Response.Redirect(c.RedirectUri);
        return Task.CompletedTask;
    }
}
