using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Pages;

/// <summary>
/// A stand-in for a region's identity provider on loopback: only its discovery document, which is all Styra reads
/// before it sends a person there.
/// </summary>
public static class FakeIdentityProvider
{
    private static readonly Lazy<string> Started = new(() =>
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        string Authority() => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority(),
            ["authorization_endpoint"] = $"{Authority()}/authorize",
            ["token_endpoint"] = $"{Authority()}/token",
            ["jwks_uri"] = $"{Authority()}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
        app.StartAsync().GetAwaiter().GetResult();
        return Authority();
    });

    public static string Authority => Started.Value;
}

public sealed class OidcHost() : StyraHost("Sqlite")
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Authentication:Oidc:Authority"] = FakeIdentityProvider.Authority,
        ["Authentication:Oidc:ClientId"] = "styra-test",
        ["Authentication:Oidc:ClientSecret"] = "not-a-secret",
        ["Authentication:Oidc:DisplayName"] = "Region Hallands inloggning",
        ["Authentication:Oidc:RequireHttpsMetadata"] = "false",
    };
}

/// <summary>With OpenID Connect configured, the login page offers the region's provider and sends people there (code flow with PKCE).</summary>
public sealed class OidcTests(OidcHost host) : IClassFixture<OidcHost>
{
    [Fact]
    public async Task TheLoginPage_OffersTheRegionsProvider_AndSendsThePersonThere_WithPkce()
    {
        var client = host.CreateClient();
        Assert.Contains("Logga in med Region Hallands inloggning", await client.GetStringAsync("/login"));

        var response = await PostExternalAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith($"{FakeIdentityProvider.Authority}/authorize?", location);
        Assert.Contains("client_id=styra-test", location);
        Assert.Contains("response_type=code", location);
        Assert.Contains("code_challenge_method=S256", location);
        Assert.Contains("redirect_uri=http%3A%2F%2Flocalhost%2Fsignin-oidc", location);
    }

    [Fact]
    public async Task WithoutOidc_TheLoginPage_OffersOnlyLocalAccounts()
    {
        await using var plain = new SqliteHost();
        await plain.InitializeAsync();
        var html = await plain.CreateClient().GetStringAsync("/login");
        Assert.DoesNotContain("/login/external", html);
        Assert.Contains("login-password", html);
        await plain.DisposeAsync();
    }

    private static async Task<HttpResponseMessage> PostExternalAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/login");
        var tokens = System.Text.RegularExpressions.Regex.Matches(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        var token = WebUtility.HtmlDecode(tokens[^1].Groups[1].Value);
        return await client.PostAsync("/login/external", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["returnUrl"] = "/me/tasks",
        }));
    }
}
