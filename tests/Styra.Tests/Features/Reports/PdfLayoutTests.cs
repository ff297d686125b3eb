using System.Diagnostics;
using Styra.Features.Reports;

namespace Styra.Tests.Features.Reports;

/// <summary>The PDF writer's layout on made-up documents, read back with poppler's pdftotext.</summary>
public sealed class PdfLayoutTests
{
    private static ReportDocument Document(params Block[] blocks) =>
        new("13", "Region Test", "Årsredovisning", "Årsredovisning 2030", "2030-01-01 – 2030-12-31", new DateOnly(2031, 2, 1), "Plan", null, false, blocks, []);

    [Fact]
    public async Task ARowTallerThanAPage_GoesOnOverThePages_AndLosesNoWord()
    {
        var words = Enumerable.Range(1, 1500).Select(i => $"ord{i}").ToList();
        var text = await PdfTextAsync(PdfReportWriter.Write(Document(
            new Heading(1, "Kapitel"),
            new Table("Lång cell", [new Column("Område"), new Column("Beslut", Weight: 4)], [["Avgifter", string.Join(' ', words)], ["Sist", "slutord"]]))));
        var found = System.Text.RegularExpressions.Regex.Matches(text, @"ord\d+").Select(m => m.Value).ToHashSet();
        Assert.All(words, w => Assert.Contains(w, found));
        Assert.Contains("slutord", text);
        // Strange input ends, too: control characters, a character wider than its column, nothing at all.
        var odd = await PdfTextAsync(PdfReportWriter.Write(Document(
            new Heading(1, "Udda"), Paragraph.Of("tab\there\r\nrad\u0001slut"), Paragraph.Of("   "), Paragraph.Of(""),
            new Table("Smal", [new Column("A", Weight: 0.01), new Column("B", Weight: 10)], [["ÅÄÖWWWWWWWW", "b"]]))));
        Assert.Contains("tab here", odd);
    }

    [Fact]
    public async Task TheContents_ListsEveryHeading_WithThePageItStartsOn_OverSeveralPages()
    {
        var blocks = new List<Block>();
        for (var i = 1; i <= 30; i++)
        {
            blocks.Add(new Heading(1, $"Kapitel {i}"));
            blocks.Add(new Heading(2, $"Avsnitt {i}.1"));
            blocks.Add(new Heading(2, $"Avsnitt {i}.2"));
        }
        var pdf = PdfReportWriter.Write(Document([.. blocks]));
        var contents = await PdfTextAsync(pdf, first: 2, last: 4);
        for (var i = 1; i <= 30; i++)
        {
            Assert.Contains($"Kapitel {i}", contents);
            Assert.Contains($"Avsnitt {i}.2", contents);
        }
        // 90 entries need three pages of contents; chapter 1 starts on page 5 (after the cover and the contents), and
        // every chapter on its own page.
        Assert.Matches(@"Kapitel 1\s+5\b", contents);
        Assert.Matches(@"Kapitel 30\s+34\b", contents);
        var page34 = await PdfTextAsync(pdf, first: 34, last: 34);
        Assert.Contains("Kapitel 30", page34);
    }

    private static async Task<string> PdfTextAsync(byte[] pdf, int first = 0, int last = 0)
    {
        var path = Path.Combine(Path.GetTempPath(), $"styra-layout-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var info = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true };
            if (first > 0) { info.ArgumentList.Add("-f"); info.ArgumentList.Add(first.ToString(System.Globalization.CultureInfo.InvariantCulture)); }
            if (last > 0) { info.ArgumentList.Add("-l"); info.ArgumentList.Add(last.ToString(System.Globalization.CultureInfo.InvariantCulture)); }
            info.ArgumentList.Add("-layout");
            info.ArgumentList.Add(path);
            info.ArgumentList.Add("-");
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, errors);
            // poppler reads it without complaint (an empty content stream was a "Bad block header in flate stream").
            Assert.Equal("", errors.Trim());
            return await output;
        }
        finally { File.Delete(path); }
    }
}
