using System.Net;
using System.Text.RegularExpressions;
using Styra.Web.Tests.Infrastructure;

namespace Styra.Web.Tests.Pages;

/// <summary>The economy page through the real host: sign-in required, the region's readers only, the seed's figures shown.</summary>
public sealed partial class EconomyPageTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    private async Task<HttpClient> ClientAsync(string? email)
    {
        var client = host.CreateClient();
        if (email is not null) await Forms.LoginAsync(client, email);
        return client;
    }

    // Thousands are separated by a (non-breaking) space in Swedish: compare digits only.
    private static string Digits(string html) => SpaceBetweenDigits().Replace(html, "");

    [Fact]
    public async Task Anonymous_IsSentToTheLoginPage_AnotherRegion_GetsNotFound()
    {
        var anonymous = await (await ClientAsync(null)).GetAsync("/regions/13/economy");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/login?", anonymous.Headers.Location!.OriginalString);
        var skane = await (await ClientAsync("planerare@skane.demo")).GetAsync("/regions/13/economy");
        Assert.Equal(HttpStatusCode.NotFound, skane.StatusCode);
    }

    [Fact]
    public async Task AReader_SeesTheGoalsWithFormulas_TheFramesWithTheRoundingDifference_AndThe2024Justification()
    {
        var client = await ClientAsync("lasare@halland.demo");
        var html = Digits(await client.GetStringAsync("/regions/13/economy"));
        Assert.Contains("Finansiella mål", html);
        Assert.Contains("(eget kapital − pensionsförpliktelser redovisade som ansvarsförbindelse) / totala tillgångar × 100", html);
        Assert.Contains("10,1%", html);
        Assert.Contains("Bibehålla en positiv utveckling", html);
        Assert.Contains("<td class=\"num\">13528</td>", html);
        Assert.Contains("<td class=\"num\">13530</td>", html);
        Assert.Contains("Skillnad (avrundning)", html);
        Assert.Contains("<td class=\"num warn\">2</td>", html);
        Assert.Contains("1162,2", html);
        Assert.Contains("Synnerliga skäl", html);
        Assert.Contains("18,6 %", html);

        var english = await client.GetStringAsync("/regions/13/economy?culture=en-GB");
        Assert.Contains("Difference (rounding)", english);
        Assert.Contains("Exceptional reasons", english);
    }

    [GeneratedRegex(@"(?<=\d)(?:[\u00A0\u202F ]|&#xA0;|&#x202F;|&nbsp;)(?=\d{3})")]
    private static partial Regex SpaceBetweenDigits();
}
