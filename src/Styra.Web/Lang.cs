using System.Globalization;

namespace Styra.Web;

/// <summary>The UI's two languages: Swedish by default, English on request (cookie or ?culture=en-GB).</summary>
public static class Lang
{
    public static readonly CultureInfo Swedish = new("sv-SE");
    public static readonly CultureInfo English = new("en-GB");

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The text in the current UI language; both languages stand side by side where the text is used.</summary>
    public static string T(string swedish, string english) => IsEnglish ? english : swedish;
}
