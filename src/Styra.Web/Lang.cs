using System.Globalization;

namespace Styra.Web;

/// <summary>The UI's two languages: Swedish by default, English on request (cookie or ?culture=en-GB).</summary>
public static class Lang
{
    public static readonly CultureInfo Swedish = new("sv-SE");
    public static readonly CultureInfo English = new("en-GB");

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>A local URL without the ?culture= / ?ui-culture= choice, which would otherwise outrank the cookie.</summary>
    public static string WithoutCultureQuery(string url)
    {
        var q = url.IndexOf('?');
        if (q < 0) return url;
        var kept = url[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("culture=", StringComparison.OrdinalIgnoreCase) && !p.StartsWith("ui-culture=", StringComparison.OrdinalIgnoreCase));
        var query = string.Join('&', kept);
        return query.Length == 0 ? url[..q] : $"{url[..q]}?{query}";
    }

    /// <summary>The text in the current UI language; both languages stand side by side where the text is used.</summary>
    public static string T(string swedish, string english) => IsEnglish ? english : swedish;
}
