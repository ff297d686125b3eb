using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Styra.Features.Reports;

/// <summary>
/// Turns an assessment's Markdown into report blocks: paragraphs with bold and italic, lists, and headings shown as bold
/// paragraphs (the document's own headings carry the structure). Raw HTML is not interpreted: it stays text, as on the pages.
/// </summary>
public static class ReportMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    public static IReadOnlyList<Block> Blocks(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return [];
        var doc = Markdown.Parse(markdown, Pipeline);
        var blocks = new List<Block>();
        foreach (var b in doc) Add(b, blocks);
        return blocks;
    }

    private static void Add(Markdig.Syntax.Block block, List<Block> into)
    {
        switch (block)
        {
            case HeadingBlock h:
                into.Add(new Paragraph(Runs(h.Inline, bold: true)));
                break;
            case ParagraphBlock p:
                into.Add(new Paragraph(Runs(p.Inline)));
                break;
            case ListBlock l:
                // An item's paragraphs join with a space; a list inside an item follows as its own list.
                var items = new List<IReadOnlyList<Inline>>();
                foreach (var item in l.OfType<ListItemBlock>())
                {
                    var runs = new List<Inline>();
                    var nested = new List<Block>();
                    foreach (var part in item)
                    {
                        if (part is ParagraphBlock p)
                        {
                            if (runs.Count > 0) runs.Add(new Inline(" "));
                            runs.AddRange(Runs(p.Inline));
                        }
                        else Add(part, nested);
                    }
                    items.Add(runs);
                    if (nested.Count == 0) continue;
                    into.Add(new BulletList(items, l.IsOrdered));
                    into.AddRange(nested);
                    items = [];
                }
                if (items.Count > 0) into.Add(new BulletList(items, l.IsOrdered));
                break;
            case QuoteBlock q:
                foreach (var inner in q) Add(inner, into);
                break;
            case CodeBlock c:
                into.Add(Paragraph.Of(c.Lines.ToString()));
                break;
            case ContainerBlock container:
                foreach (var inner in container) Add(inner, into);
                break;
        }
    }

    private static List<Inline> Runs(ContainerInline? inline, bool bold = false, bool italic = false)
    {
        var runs = new List<Inline>();
        if (inline is null) return runs;
        foreach (var i in inline) Walk(i, bold, italic, runs);
        // Adjacent runs with the same emphasis are merged, so a writer gets few and whole runs.
        var merged = new List<Inline>();
        foreach (var r in runs)
        {
            if (merged.Count > 0 && merged[^1].Bold == r.Bold && merged[^1].Italic == r.Italic)
                merged[^1] = merged[^1] with { Text = merged[^1].Text + r.Text };
            else merged.Add(r);
        }
        return merged;
    }

    private static void Walk(Markdig.Syntax.Inlines.Inline i, bool bold, bool italic, List<Inline> runs)
    {
        switch (i)
        {
            case LiteralInline lit:
                runs.Add(new Inline(lit.Content.ToString(), bold, italic));
                break;
            case CodeInline code:
                runs.Add(new Inline(code.Content, bold, italic));
                break;
            case LineBreakInline:
                runs.Add(new Inline(" ", bold, italic));
                break;
            case EmphasisInline e:
                var strong = e.DelimiterCount >= 2;
                foreach (var child in e) Walk(child, bold || strong, italic || !strong, runs);
                break;
            case AutolinkInline auto:
                runs.Add(new Inline(auto.Url, bold, italic));
                break;
            case HtmlEntityInline entity:
                runs.Add(new Inline(entity.Transcoded.ToString(), bold, italic));
                break;
            case LinkInline link:
                foreach (var child in link) Walk(child, bold, italic, runs);
                if (!string.IsNullOrEmpty(link.Url) && !link.IsImage) runs.Add(new Inline($" ({link.Url})", bold, italic));
                break;
            case ContainerInline c:
                foreach (var child in c) Walk(child, bold, italic, runs);
                break;
        }
    }
}
