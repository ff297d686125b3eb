using Ganss.Xss;
using Markdig;

namespace Styra.Features.FollowUp;

/// <summary>
/// Analyses and comments are Markdown. They are shown as HTML made by Markdig with raw HTML turned off, then cleaned
/// by HtmlSanitizer — so a script or an event handler in a text never reaches a reader's browser.
/// </summary>
public static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml().UseEmphasisExtras().UsePipeTables().UseAutoLinks().UseListExtras().Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToSafeHtml(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    private static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer();
        s.AllowedSchemes.Clear();
        s.AllowedSchemes.Add("https");
        s.AllowedSchemes.Add("http");
        s.AllowedSchemes.Add("mailto");
        s.AllowedAttributes.Remove("style");
        s.AllowedTags.Remove("img");
        s.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } a) a.SetAttribute("rel", "noopener nofollow");
        };
        return s;
    }
}
