using Styra.Features.Reports;

namespace Styra.Tests.Features.Reports;

/// <summary>An analysis's Markdown as report blocks: what a committee writes reaches the document, in order, and raw HTML stays text.</summary>
public sealed class ReportMarkdownTests
{
    [Fact]
    public void Emphasis_Lists_NestedLists_Links_AndEntities_Become_Blocks_InOrder()
    {
        var blocks = ReportMarkdown.Blocks("""
            Målet nås **delvis** och *inte* i tid.

            - första punkten
              som fortsätter

              med ett andra stycke
              - inre punkt
            - andra punkten

            Se <https://example.se/a> och [rapporten](https://example.se/r) &amp; mer. <b>rå html</b>
            """);
        var first = Assert.IsType<Paragraph>(blocks[0]);
        Assert.Contains(first.Runs, r => r.Text == "delvis" && r.Bold);
        Assert.Contains(first.Runs, r => r.Text == "inte" && r.Italic && !r.Bold);
        var outer = Assert.IsType<BulletList>(blocks[1]);
        Assert.Equal("första punkten som fortsätter med ett andra stycke", string.Concat(outer.Items[0].Select(r => r.Text)));
        var inner = Assert.IsType<BulletList>(blocks[2]);
        Assert.Equal("inre punkt", string.Concat(inner.Items.Single().Select(r => r.Text)));
        var rest = Assert.IsType<BulletList>(blocks[3]);
        Assert.Equal("andra punkten", string.Concat(rest.Items.Single().Select(r => r.Text)));
        var last = Assert.IsType<Paragraph>(blocks[4]).Text;
        Assert.Contains("https://example.se/a", last);
        Assert.Contains("rapporten (https://example.se/r)", last);
        Assert.Contains("& mer.", last);
        // Raw HTML is not interpreted: it stands as the text it is, as on the pages.
        Assert.Contains("<b>rå html</b>", last);
        Assert.DoesNotContain(((Paragraph)blocks[4]).Runs, r => r.Bold);
    }
}
