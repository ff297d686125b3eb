using System.Net;
using System.Text.RegularExpressions;

namespace Styra.Web.Tests.Infrastructure;

/// <summary>Posts a page's form as a browser without JavaScript would: with the antiforgery token and the form's name.</summary>
public static partial class Forms
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string formName, params (string Name, string Value)[] fields)
    {
        var content = new FormUrlEncodedContent(
            [new("_handler", formName), new("__RequestVerificationToken", await TokenAsync(client, url)),
             .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
        return await client.PostAsync(url, content);
    }

    /// <summary>Posts a multipart form with files, as the import page's form does.</summary>
    public static async Task<HttpResponseMessage> PostFilesAsync(
        HttpClient client, string url, string formName, IEnumerable<(string Name, byte[] Content)> files, params (string Name, string Value)[] fields)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(formName), "_handler" },
            { new StringContent(await TokenAsync(client, url)), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in fields) content.Add(new StringContent(value), name);
        foreach (var (name, bytes) in files) content.Add(new ByteArrayContent(bytes), "files", name);
        return await client.PostAsync(url, content);
    }

    /// <summary>Signs the client in through the login page (its cookie stays with the client); fails the test if refused.</summary>
    public static async Task LoginAsync(HttpClient client, string email, string password = Styra.Features.Accounts.DemoAccounts.Password)
    {
        var response = await PostAsync(client, "/login", "login", ("Form.Email", email), ("Form.Password", password));
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"signing in as {email} gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The antiforgery token the page hands out (its cookie stays with the client).</summary>
    private static async Task<string> TokenAsync(HttpClient client, string url)
    {
        var token = Token().Match(await client.GetStringAsync(url));
        Assert.True(token.Success, $"no antiforgery token on {url}");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
