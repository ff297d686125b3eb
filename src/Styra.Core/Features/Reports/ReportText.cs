namespace Styra.Features.Reports;

/// <summary>Text as the document formats accept it.</summary>
internal static class ReportText
{
    /// <summary>
    /// Drops the characters XML 1.0 does not allow (control characters other than tab and line breaks, lone surrogates),
    /// which an analysis pasted from elsewhere can carry and which would make a DOCX or XLSX impossible to save.
    /// </summary>
    public static string Clean(string text)
    {
        if (text.All(ch => !char.IsControl(ch) && !char.IsSurrogate(ch) || ch is '\t' or '\n' or '\r')) return text;
        var chars = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { chars.Append(ch).Append(text[++i]); continue; }
            if (char.IsSurrogate(ch)) continue;
            if (ch < 0x20 && ch is not ('\t' or '\n' or '\r')) continue;
            if (ch is '\uFFFE' or '\uFFFF') continue;
            chars.Append(ch);
        }
        return chars.ToString();
    }
}
