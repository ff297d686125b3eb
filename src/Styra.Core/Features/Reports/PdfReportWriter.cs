using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Styra.Features.Reports;

/// <summary>
/// Writes a report as PDF (PDFsharp 6.2, MIT) with the same content as the DOCX: a cover, a table of contents with page
/// numbers and links, chapters starting on a new page, wrapped text, tables whose header row repeats on a new page,
/// charts, bookmarks for every heading, "Sida N av M" in the footer, and a diagonal "UTKAST" on every page of a draft.
/// The fonts (DejaVu Sans) are embedded, so Swedish characters and the fulfilment symbols print anywhere.
/// </summary>
public static class PdfReportWriter
{
    private const string Family = "DejaVu Sans";
    private const double PageWidth = 595.28, PageHeight = 841.89, Margin = 62, Top = 64, Bottom = 70;
    private const double Width = PageWidth - 2 * Margin;
    private static readonly XColor Ink = XColor.FromArgb(0x1B, 0x24, 0x30);
    private static readonly XColor Brand = XColor.FromArgb(0x13, 0x4E, 0x6F);
    private static readonly XColor Muted = XColor.FromArgb(0x47, 0x54, 0x67);
    private static readonly XColor Rule = XColor.FromArgb(0xD0, 0xD5, 0xDD);
    private static readonly XColor HeaderFill = XColor.FromArgb(0xEE, 0xF2, 0xF6);

    public static byte[] Write(ReportDocument report)
    {
        DejaVuFonts.Register();
        var doc = new PdfDocument();
        doc.Info.Title = $"{report.ReportName} – {report.RegionName}";
        doc.Info.Author = report.RegionName;
        doc.Info.Creator = "Styra";
        doc.Info.Subject = report.Period;
        doc.PageLayout = PdfPageLayout.SinglePage;

        var layout = new Layout(doc);
        Cover(layout, report);
        var headings = report.Blocks.OfType<Heading>().Where(h => h.Level <= 2).ToList();
        var tocPages = ContentsPages(headings).Count;
        var tocStart = doc.PageCount;
        for (var i = 0; i < tocPages; i++) layout.ReservePage();
        var entries = new List<(Heading Heading, int Page)>();
        var outlines = new PdfOutline?[4];
        var firstContent = true;
        foreach (var block in report.Blocks)
        {
            if (block is Heading h)
            {
                if (h.Level == 1 && !firstContent) layout.NewPage();
                else if (firstContent) layout.NewPage();
                firstContent = false;
                layout.Heading(h);
                var page = doc.Pages[layout.CurrentPage - 1];
                var parent = h.Level > 1 ? outlines[h.Level - 1] : null;
                var outline = (parent?.Outlines ?? doc.Outlines).Add(h.Text, page, h.Level == 1);
                outlines[h.Level] = outline;
                for (var l = h.Level + 1; l < outlines.Length; l++) outlines[l] = null;
                if (h.Level <= 2) entries.Add((h, layout.CurrentPage));
                continue;
            }
            if (firstContent) { layout.NewPage(); firstContent = false; }
            layout.Block(block);
        }
        layout.Finish();
        Contents(doc, entries, tocStart, tocPages);
        Decorate(doc, report);
        using var stream = new MemoryStream();
        doc.Save(stream);
        return stream.ToArray();
    }

    private static void Cover(Layout l, ReportDocument r)
    {
        l.NewPage();
        l.Y = 200;
        l.Text([new Inline(r.RegionName)], 16, Muted);
        l.Text([new Inline(r.ReportName, Bold: true)], 28, Brand, after: 10);
        if (r.Committee is not null) l.Text([new Inline(r.Committee)], 16, Ink);
        if (r.IsDraft) l.Text([new Inline(ReportDocument.DraftMark, Bold: true)], 28, XColor.FromArgb(0xB4, 0x23, 0x18), after: 12);
        l.Y += 12;
        l.Text([new Inline("Period: ", Bold: true), new Inline(r.Period)], 11, Ink);
        l.Text([new Inline($"{r.PlanLabel}: ", Bold: true), new Inline(r.PlanTitle)], 11, Ink);
        l.Text([new Inline("Skapad: ", Bold: true), new Inline($"{r.Date:yyyy-MM-dd} av Styra")], 11, Ink);
        l.Text([new Inline(r.CoverNoteText)], 9.5, Muted);
    }

    private const double ContentsTitle = 40, Level1Line = 17, Level2Line = 15;

    /// <summary>How the contents' entries fall on pages (indexes into the headings), from their real line heights.</summary>
    private static List<List<int>> ContentsPages(IReadOnlyList<Heading> headings)
    {
        var pages = new List<List<int>> { new() };
        var y = Top + ContentsTitle;
        for (var i = 0; i < headings.Count; i++)
        {
            var height = headings[i].Level == 1 ? Level1Line : Level2Line;
            if (y + height > PageHeight - Bottom)
            {
                pages.Add([]);
                y = Top;
            }
            pages[^1].Add(i);
            y += height;
        }
        return pages;
    }

    private static void Contents(PdfDocument doc, List<(Heading Heading, int Page)> entries, int tocStart, int tocPages)
    {
        var layout = ContentsPages(entries.Select(e => e.Heading).ToList());
        for (var p = 0; p < tocPages; p++)
        {
            var page = doc.Pages[tocStart + p];
            using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var y = Top;
            if (p == 0)
            {
                g.DrawString("Innehåll", Font(20, true), new XSolidBrush(Brand), new XRect(Margin, y, Width, 26), XStringFormats.TopLeft);
                y += ContentsTitle;
            }
            foreach (var (h, target) in layout[p].Select(i => entries[i]))
            {
                var indent = h.Level == 1 ? 0 : 16;
                var font = Font(h.Level == 1 ? 10.5 : 9.5, h.Level == 1);
                var number = target.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var numberWidth = g.MeasureString(number, font).Width;
                var text = Fit(g, h.Text, font, Width - indent - numberWidth - 24);
                g.DrawString(text, font, new XSolidBrush(Ink), Margin + indent, y, XStringFormats.TopLeft);
                g.DrawString(number, font, new XSolidBrush(Ink), Margin + Width - numberWidth, y, XStringFormats.TopLeft);
                var rect = g.Transformer.WorldToDefaultPage(new XRect(Margin, y, Width, 14));
                page.AddDocumentLink(new PdfRectangle(rect), target);
                y += h.Level == 1 ? Level1Line : Level2Line;
            }
        }
    }

    private static void Decorate(PdfDocument doc, ReportDocument r)
    {
        var total = doc.PageCount;
        for (var i = 0; i < total; i++)
        {
            // The cover has no footer: without a draft mark nothing is drawn on it, and an empty content stream
            // (PDFsharp writes it as a bare zlib header) is a "bad flate stream" to poppler and other readers.
            if (i == 0 && !r.IsDraft) continue;
            using var g = XGraphics.FromPdfPage(doc.Pages[i], XGraphicsPdfPageOptions.Append);
            if (r.IsDraft)
            {
                var state = g.Save();
                g.RotateAtTransform(-50, new XPoint(PageWidth / 2, PageHeight / 2));
                g.DrawString(ReportDocument.DraftMark, Font(110, true), new XSolidBrush(XColor.FromArgb(48, 0xD9, 0x2D, 0x20)),
                    new XRect(0, PageHeight / 2 - 70, PageWidth, 140), XStringFormats.Center);
                g.Restore(state);
            }
            if (i == 0) continue;
            var footer = $"{r.RegionName} · {r.ReportName}{(r.Committee is null ? "" : " · " + r.Committee)}";
            var font = Font(8, false);
            g.DrawLine(new XPen(Rule, 0.5), Margin, PageHeight - Bottom + 22, PageWidth - Margin, PageHeight - Bottom + 22);
            g.DrawString(Fit(g, footer, font, Width - 90), font, new XSolidBrush(Muted), Margin, PageHeight - Bottom + 28, XStringFormats.TopLeft);
            var number = $"Sida {i + 1} av {total}";
            g.DrawString(number, font, new XSolidBrush(Muted), PageWidth - Margin - g.MeasureString(number, font).Width, PageHeight - Bottom + 28, XStringFormats.TopLeft);
        }
    }

    private static string Fit(XGraphics g, string text, XFont font, double width)
    {
        if (g.MeasureString(text, font).Width <= width) return text;
        while (text.Length > 1 && g.MeasureString(text + "…", font).Width > width) text = text[..^1];
        return text.TrimEnd() + "…";
    }

    // Fonts are made once per size and style: an XFont is costly to create, and the layout asks for one per run. The
    // cache is the thread's own (a document is written on one thread), so no XFont is shared between two documents.
    [ThreadStatic] private static Dictionary<(double, bool, bool), XFont>? _fonts;

    internal static XFont Font(double size, bool bold, bool italic = false)
    {
        _fonts ??= [];
        if (!_fonts.TryGetValue((size, bold, italic), out var font))
            _fonts[(size, bold, italic)] = font = new XFont(Family, size, bold && italic ? XFontStyleEx.BoldItalic : bold ? XFontStyleEx.Bold : italic ? XFontStyleEx.Italic : XFontStyleEx.Regular);
        return font;
    }

    /// <summary>Flows blocks down pages: wraps text, breaks pages, repeats table headers.</summary>
    private sealed class Layout(PdfDocument doc)
    {
        private XGraphics? _g;
        private bool _pending;
        private readonly Dictionary<(XFont, string), double> _widths = [];
        private readonly Dictionary<byte[], XImage> _images = new(ReferenceEqualityComparer.Instance);

        // Words repeat (names of committees, the same figures): each is measured once per document.
        private double Measure(string text, XFont font)
        {
            if (!_widths.TryGetValue((font, text), out var w)) _widths[(font, text)] = w = G.MeasureString(text, font).Width;
            return w;
        }
        public double Y { get; set; }
        private double Limit => PageHeight - Bottom;

        // A page is added when something is first drawn on it, so no page is left with an empty content stream.
        private XGraphics G
        {
            get
            {
                if (_pending || _g is null)
                {
                    _g?.Dispose();
                    _g = XGraphics.FromPdfPage(AddPage());
                    _pending = false;
                }
                return _g;
            }
        }

        /// <summary>The page number the next drawing lands on.</summary>
        public int CurrentPage => _pending || _g is null ? doc.PageCount + 1 : doc.PageCount;

        public void NewPage()
        {
            _pending = true;
            Y = Top;
        }

        /// <summary>Adds an empty page to be drawn on later (the table of contents).</summary>
        public void ReservePage()
        {
            _g?.Dispose();
            _g = null;
            AddPage();
        }

        private PdfPage AddPage()
        {
            var page = doc.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            return page;
        }

        public void Finish() => _g?.Dispose();

        private void Ensure(double height)
        {
            if (Y + height > Limit) NewPage();
        }

        public void Heading(Heading h)
        {
            var (size, colour, before) = h.Level switch { 1 => (18.0, Brand, 0.0), 2 => (13.5, Brand, 14.0), _ => (11.5, Ink, 10.0) };
            if (Y > Top) Y += before;
            // A heading keeps at least a few lines of what follows with it.
            Ensure(size * 1.4 * Lines([new Inline(h.Text, Bold: true)], Font(size, true), Width) + 48);
            Text([new Inline(h.Text, Bold: true)], size, colour, after: 6);
        }

        public void Block(Block block)
        {
            switch (block)
            {
                case Paragraph p:
                    Text(p.Runs, p.Style == TextStyle.Note ? 8.5 : 10, p.Style == TextStyle.Note ? Muted : Ink);
                    break;
                case BulletList list:
                    var n = 0;
                    foreach (var item in list.Items)
                    {
                        n++;
                        var marker = list.Numbered ? $"{n}." : "•";
                        Ensure(14);
                        G.DrawString(marker, Font(10, false), new XSolidBrush(Ink), Margin + 4, Y, XStringFormats.TopLeft);
                        Text(item, 10, Ink, indent: 18, after: 3);
                    }
                    Y += 4;
                    break;
                case FulfilmentLine f:
                    Y += 6;
                    Ensure(40);
                    var colour = XColor.FromArgb(Convert.ToInt32(Symbols.Colour(f.Fulfilment)[..2], 16), Convert.ToInt32(Symbols.Colour(f.Fulfilment)[2..4], 16),
                        Convert.ToInt32(Symbols.Colour(f.Fulfilment)[4..], 16));
                    G.DrawString(f.Symbol, Font(13, false), new XSolidBrush(colour), Margin, Y - 2, XStringFormats.TopLeft);
                    List<Inline> runs = [new Inline(f.Who + ": ", Bold: true), new Inline(f.Word)];
                    if (f.Forecast is { } fc) runs.Add(new Inline($" · prognos helår: {Styra.Features.FollowUp.Names.Fulfilment(fc, false)}"));
                    if (f.State is { } s) runs.Add(new Inline($" ({s})", Italic: true));
                    Text(runs, 10, Ink, indent: 18, after: 4);
                    break;
                case Table t:
                    Table(t);
                    break;
                case Chart c:
                    var scale = Math.Min(1, Width / (c.Width * 0.75));
                    double w = c.Width * 0.75 * scale, h = c.Height * 0.75 * scale;
                    Ensure(h + 30);
                    // The same chart under several goals is one image in the file.
                    if (!_images.TryGetValue(c.Png, out var image)) _images[c.Png] = image = XImage.FromStream(new MemoryStream(c.Png));
                    G.DrawImage(image, Margin, Y, w, h);
                    Y += h + 4;
                    Text([new Inline(c.Title, Bold: true)], 8.5, Muted, after: 10);
                    break;
                case PageBreak:
                    NewPage();
                    break;
            }
        }

        /// <summary>Writes wrapped text at the current position, breaking pages between lines.</summary>
        public void Text(IReadOnlyList<Inline> runs, double size, XColor colour, double indent = 0, double after = 5)
        {
            var lineHeight = size * 1.35;
            foreach (var line in Wrap(runs, size, Width - indent))
            {
                Ensure(lineHeight);
                var x = Margin + indent;
                foreach (var (text, font) in line)
                {
                    G.DrawString(text, font, new XSolidBrush(colour), x, Y, XStringFormats.TopLeft);
                    x += Measure(text, font);
                }
                Y += lineHeight;
            }
            Y += after;
        }

        private int Lines(IReadOnlyList<Inline> runs, XFont font, double width) => Wrap(runs, font.Size, width).Count;

        private List<List<(string Text, XFont Font)>> Wrap(IReadOnlyList<Inline> runs, double size, double width)
        {
            var lines = new List<List<(string, XFont)>> { new() };
            var x = 0.0;
            foreach (var run in runs)
            {
                var font = Font(size, run.Bold, run.Italic);
                var space = Measure(" ", font);
                var words = run.Text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ').Split(' ');
                for (var i = 0; i < words.Length; i++)
                {
                    var word = words[i];
                    var leading = i > 0;
                    if (word.Length == 0) { if (leading && x > 0) { lines[^1].Add((" ", font)); x += space; } continue; }
                    if (leading && x > 0) { lines[^1].Add((" ", font)); x += space; }
                    // A soft hyphen (U+00AD) is where a word may break, with a hyphen, when it does not fit.
                    if (word.Contains('\u00ad', StringComparison.Ordinal))
                    {
                        var parts = word.Split('\u00ad');
                        var whole = string.Concat(parts);
                        if (x + Measure(whole, font) > width)
                        {
                            for (var k = parts.Length - 1; k > 0; k--)
                            {
                                var head = string.Concat(parts[..k]) + "-";
                                if (x + Measure(head, font) > width) continue;
                                lines[^1].Add((head, font));
                                lines.Add([]);
                                x = 0;
                                word = string.Concat(parts[k..]);
                                break;
                            }
                        }
                        word = word.Replace("\u00ad", "", StringComparison.Ordinal);
                    }
                    var w = Measure(word, font);
                    if (x + w > width && x > 0)
                    {
                        if (lines[^1].Count > 0 && lines[^1][^1].Item1 == " ") lines[^1].RemoveAt(lines[^1].Count - 1);
                        lines.Add([]);
                        x = 0;
                    }
                    // A word longer than the line (a URL) is cut where it must be.
                    while (w > width && word.Length > 1)
                    {
                        var cut = word.Length - 1;
                        while (cut > 1 && G.MeasureString(word[..cut], font).Width > width) cut--;
                        lines[^1].Add((word[..cut], font));
                        lines.Add([]);
                        word = word[cut..];
                        w = G.MeasureString(word, font).Width;
                    }
                    lines[^1].Add((word, font));
                    x += w;
                }
            }
            return lines.Where((l, i) => l.Count > 0 || i == 0).ToList();
        }

        private void Table(Table t)
        {
            Y += 4;
            var total = t.Columns.Sum(c => c.Weight);
            var widths = t.Columns.Select(c => Width * c.Weight / total).ToList();
            const double pad = 3, size = 8.5, lh = size * 1.3;
            var caption = Wrap([new Inline(t.Caption, Bold: true)], 9, Width);
            Ensure(caption.Count * 12 + 3 * lh + 12);
            Text([new Inline(t.Caption, Bold: true)], 9, Muted, after: 2);

            List<List<List<(string, XFont)>>> Cells(IReadOnlyList<string> cells, bool bold) =>
                t.Columns.Select((c, i) => Wrap([new Inline(i < cells.Count ? cells[i] : "", Bold: bold)], size, widths[i] - 2 * pad)).ToList();

            var header = Cells(t.Columns.Select(c => c.Header).ToList(), true);
            // Draws lines [from, from + count) of every cell of a row.
            void DrawRow(List<List<List<(string, XFont)>>> cells, bool isHeader, int from = 0, int count = int.MaxValue)
            {
                var lines = Math.Min(count, cells.Max(c => c.Count) - from);
                var height = lines * lh + 2 * pad;
                var x = Margin;
                if (isHeader) G.DrawRectangle(new XSolidBrush(HeaderFill), Margin, Y, Width, height);
                for (var i = 0; i < cells.Count; i++)
                {
                    var y = Y + pad;
                    foreach (var line in cells[i].Skip(from).Take(lines))
                    {
                        var lineWidth = line.Sum(s => Measure(s.Item1, s.Item2));
                        var cx = t.Columns[i].Numeric ? x + widths[i] - pad - lineWidth : x + pad;
                        foreach (var (text, font) in line)
                        {
                            G.DrawString(text, font, new XSolidBrush(Ink), cx, y, XStringFormats.TopLeft);
                            cx += Measure(text, font);
                        }
                        y += lh;
                    }
                    x += widths[i];
                }
                Y += height;
                G.DrawLine(new XPen(isHeader ? Muted : Rule, isHeader ? 0.8 : 0.5), Margin, Y, Margin + Width, Y);
            }

            DrawRow(header, true);
            var headerHeight = header.Max(c => c.Count) * lh + 2 * pad;
            foreach (var row in t.Rows)
            {
                var cells = Cells(row, false);
                var lineCount = cells.Max(c => c.Count);
                if (Y + lineCount * lh + 2 * pad > Limit && lineCount * lh + 2 * pad <= Limit - Top - headerHeight)
                {
                    NewPage();
                    DrawRow(header, true);
                }
                // A row taller than a page goes on over the pages it needs, the header repeated on each.
                var done = 0;
                while (done < lineCount)
                {
                    var fit = (int)Math.Floor((Limit - Y - 2 * pad) / lh);
                    if (fit < 1)
                    {
                        NewPage();
                        DrawRow(header, true);
                        continue;
                    }
                    DrawRow(cells, false, done, fit);
                    done += Math.Min(fit, lineCount - done);
                }
            }
            Y += 10;
        }
    }
}

/// <summary>Gives PDFsharp the DejaVu Sans fonts from the system (fonts-dejavu); registered once per process.</summary>
internal sealed class DejaVuFonts : IFontResolver
{
    private static readonly string[] Folders = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF"];
    private static readonly Lock Gate = new();
    private static bool _registered;

    public static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = new DejaVuFonts();
            _registered = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new((bold, italic) switch
        {
            (true, true) => "DejaVuSans-BoldOblique",
            (true, false) => "DejaVuSans-Bold",
            (false, true) => "DejaVuSans-Oblique",
            _ => "DejaVuSans",
        });

    public byte[]? GetFont(string faceName)
    {
        foreach (var folder in Folders)
        {
            var path = Path.Combine(folder, faceName + ".ttf");
            if (File.Exists(path)) return File.ReadAllBytes(path);
        }
        throw new FileNotFoundException($"The PDF report needs the font {faceName}.ttf (DejaVu Sans; Debian/Ubuntu package fonts-dejavu-core) in one of: {string.Join(", ", Folders)}.");
    }
}
