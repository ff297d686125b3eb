using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Styra.Features.Reports;

/// <summary>
/// Writes a report as DOCX (Open XML SDK): real heading styles (Rubrik 1–3 as Word's built-in "heading 1–3", so the
/// table of contents field finds them), a cover page, a table of contents Word fills in when the document is opened,
/// page numbers in the footer, tables with a repeated header row, and charts as pictures with their text alternative.
/// A draft carries "UTKAST" on the cover and in every page's header.
/// </summary>
public static class DocxReportWriter
{
    private const string Font = "Arial";
    private const long EmuPerPoint = 12700;

    public static byte[] Write(ReportDocument report)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            doc.PackageProperties.Title = $"{report.ReportName} – {report.RegionName}";
            doc.PackageProperties.Creator = "Styra";
            doc.PackageProperties.Language = "sv-SE";
            var main = doc.AddMainDocumentPart();
            AddStyles(main);
            main.AddNewPart<DocumentSettingsPart>().Settings = new Settings(new UpdateFieldsOnOpen { Val = true },
                new ThemeFontLanguages { Val = "sv-SE" });
            var body = new Body();
            AddCover(body, report);
            // Every heading of level 1–2 gets a bookmark, so that the contents can link to it and name its page.
            // (By reference: two goals can have the same title.)
            var marks = new Dictionary<Heading, int>(ReferenceEqualityComparer.Instance);
            foreach (var h in report.Blocks.OfType<Heading>().Where(h => h.Level <= 2)) marks[h] = marks.Count + 1;
            AddContents(body, report.Blocks.OfType<Heading>().Where(h => h.Level <= 2).ToList(), marks);
            var images = 0;
            // A chart shown under several goals is one picture in the package, whichever goal shows it.
            var pictures = new Dictionary<byte[], string>(ReferenceEqualityComparer.Instance);
            foreach (var block in report.Blocks)
            {
                if (block is Heading h && marks.TryGetValue(h, out var mark))
                {
                    var name = $"_Toc{mark}";
                    body.Append(new W.Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = $"Heading{h.Level}" }),
                        new BookmarkStart { Id = mark.ToString(System.Globalization.CultureInfo.InvariantCulture), Name = name }, new Run(T(h.Text)),
                        new BookmarkEnd { Id = mark.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
                    continue;
                }
                AddBlock(body, main, block, ref images, pictures);
            }
            body.Append(SectionProperties(main, report));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static void AddCover(Body body, ReportDocument r)
    {
        body.Append(Styled("Subtitle", r.RegionName));
        body.Append(Styled("Title", r.ReportName));
        if (r.Committee is not null) body.Append(Styled("Subtitle", r.Committee));
        if (r.IsDraft)
            body.Append(new W.Paragraph(new Run(new RunProperties(new Bold(), new Color { Val = "B42318" }, new FontSize { Val = "56" }), T(ReportDocument.DraftMark))));
        body.Append(Plain($"Period: {r.Period}"));
        body.Append(Plain($"{r.PlanLabel}: {r.PlanTitle}"));
        body.Append(Plain($"Skapad: {r.Date:yyyy-MM-dd} av Styra"));
        body.Append(Styled("Note", r.CoverNoteText));
        body.Append(new W.Paragraph(new Run(new Break { Type = BreakValues.Page })));
    }

    /// <summary>
    /// The table of contents: a TOC field whose result is already filled in with every chapter and section, each a link
    /// to its heading with a PAGEREF field for its page — so the list reads at once, and Word (which updates the fields
    /// on opening) or LibreOffice put in the page numbers.
    /// </summary>
    private static void AddContents(Body body, IReadOnlyList<Heading> headings, IReadOnlyDictionary<Heading, int> marks)
    {
        body.Append(Styled("TOCHeading", "Innehåll"));
        var first = new W.Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "TOC1" }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(new FieldCode(" TOC \\o \"1-2\" \\h \\z \\u ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }));
        if (headings.Count == 0)
        {
            first.Append(new Run(T("Rapporten har inga kapitel.")), new Run(new FieldChar { FieldCharType = FieldCharValues.End }));
            body.Append(first);
            return;
        }
        for (var i = 0; i < headings.Count; i++)
        {
            var h = headings[i];
            var name = $"_Toc{marks[h]}";
            var paragraph = i == 0 ? first : new W.Paragraph();
            if (i > 0) paragraph.Append(new ParagraphProperties(new ParagraphStyleId { Val = $"TOC{h.Level}" }));
            else first.ParagraphProperties!.ParagraphStyleId!.Val = $"TOC{h.Level}";
            paragraph.Append(new Hyperlink(
                new Run(T(h.Text)),
                new Run(new TabChar()),
                new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
                new Run(new FieldCode($" PAGEREF {name} \\h ") { Space = SpaceProcessingModeValues.Preserve }),
                new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
                new Run(T("")),
                new Run(new FieldChar { FieldCharType = FieldCharValues.End }))
            { Anchor = name, History = true });
            if (i == headings.Count - 1) paragraph.Append(new Run(new FieldChar { FieldCharType = FieldCharValues.End }));
            body.Append(paragraph);
        }
    }

    private static void AddBlock(Body body, MainDocumentPart main, Block block, ref int images, Dictionary<byte[], string> pictures)
    {
        switch (block)
        {
            case Heading h:
                body.Append(Styled($"Heading{h.Level}", h.Text));
                break;
            case Paragraph p:
                body.Append(new W.Paragraph(
                    [new ParagraphProperties(new ParagraphStyleId { Val = p.Style == TextStyle.Note ? "Note" : "Normal" }), .. p.Runs.Select(Run)]));
                break;
            case BulletList l:
                var n = 0;
                foreach (var item in l.Items)
                {
                    n++;
                    var marker = l.Numbered ? $"{n}.\t" : "•\t";
                    body.Append(new W.Paragraph(
                        [new ParagraphProperties(new ParagraphStyleId { Val = "ListText" }), new Run(T(marker)), .. item.Select(Run)]));
                }
                break;
            case FulfilmentLine f:
                var runs = new List<OpenXmlElement>
                {
                    new Run(new RunProperties(new Color { Val = Symbols.Colour(f.Fulfilment) }, new FontSize { Val = "28" }), T(f.Symbol + " ")),
                    new Run(new RunProperties(new Bold()), T(f.Who + ": ")),
                    new Run(T(f.Word)),
                };
                if (f.Forecast is { } fc) runs.Add(new Run(T($" · prognos helår: {Styra.Features.FollowUp.Names.Fulfilment(fc, false)}")));
                if (f.State is { } s) runs.Add(new Run(new RunProperties(new Italic(), new Color { Val = "667085" }), T($" ({s})")));
                body.Append(new W.Paragraph([new ParagraphProperties(new ParagraphStyleId { Val = "Fulfilment" }), .. runs]));
                break;
            case Table t:
                body.Append(Styled("Caption", t.Caption));
                body.Append(WordTable(t));
                body.Append(new W.Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "60" })));
                break;
            case Chart c:
                images++;
                if (!pictures.TryGetValue(c.Png, out var relId))
                {
                    var part = main.AddImagePart(ImagePartType.Png);
                    using (var png = new MemoryStream(c.Png)) part.FeedData(png);
                    pictures[c.Png] = relId = main.GetIdOfPart(part);
                }
                body.Append(new W.Paragraph(new ParagraphProperties(new KeepNext()), new Run(Picture(relId, images, c))));
                body.Append(Styled("Caption", c.Title));
                break;
            case PageBreak:
                body.Append(new W.Paragraph(new Run(new Break { Type = BreakValues.Page })));
                break;
        }
    }

    private static Run Run(Inline i)
    {
        var props = new RunProperties();
        if (i.Bold) props.Append(new Bold());
        if (i.Italic) props.Append(new Italic());
        return new Run(props, T(i.Text));
    }

    private static W.Table WordTable(Table t)
    {
        const int width = 9000; // twentieths of a point: the text width of A4 with 2.5 cm margins is about 9 070.
        var total = t.Columns.Sum(c => c.Weight);
        var widths = t.Columns.Select(c => (int)(width * c.Weight / total)).ToList();
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4, Color = "98A2B3" }, new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "98A2B3" },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 2, Color = "D0D5DD" });
        var table = new W.Table(new TableProperties(
            new TableWidth { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }, border,
            new TableLayout { Type = TableLayoutValues.Fixed }, new TableCaption { Val = t.Caption }),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        table.Append(Row(t.Columns.Select(c => c.Header).ToList(), t, widths, header: true));
        foreach (var row in t.Rows) table.Append(Row(row, t, widths, header: false));
        return table;
    }

    private static TableRow Row(IReadOnlyList<string> cells, Table t, List<int> widths, bool header)
    {
        var row = new TableRow();
        if (header) row.Append(new TableRowProperties(new TableHeader(), new CantSplit()));
        else row.Append(new TableRowProperties(new CantSplit()));
        for (var i = 0; i < t.Columns.Count; i++)
        {
            var props = new ParagraphProperties(new ParagraphStyleId { Val = "TableText" });
            if (t.Columns[i].Numeric) props.Append(new Justification { Val = JustificationValues.Right });
            var runProps = new RunProperties();
            if (header) runProps.Append(new Bold());
            var cellProps = new TableCellProperties(new TableCellWidth { Width = widths[i].ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
            if (header) cellProps.Append(new Shading { Val = ShadingPatternValues.Clear, Fill = "EEF2F6", Color = "auto" });
            row.Append(new TableCell(cellProps, new W.Paragraph(props,
                new Run(runProps, T(i < cells.Count ? cells[i] : "")))));
        }
        return row;
    }

    private static Drawing Picture(string relId, int id, Chart c)
    {
        // The chart at 3/4 of its pixel size in points, no wider than the text (9 070 twips, 453.5 pt).
        const long textWidth = 9070L * 635;
        long cx = c.Width * EmuPerPoint * 3 / 4, cy = c.Height * EmuPerPoint * 3 / 4;
        if (cx > textWidth) (cx, cy) = (textWidth, cy * textWidth / cx);
        return new Drawing(new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.DocProperties { Id = (UInt32Value)(uint)id, Name = $"Diagram {id}", Description = c.AltText, Title = c.Title },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = $"diagram{id}.png", Description = c.AltText },
                        new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relId }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U });
    }

    private static SectionProperties SectionProperties(MainDocumentPart main, ReportDocument r)
    {
        var footer = main.AddNewPart<FooterPart>();
        footer.Footer = new Footer(new W.Paragraph(
            new ParagraphProperties(new ParagraphStyleId { Val = "Footer" }, new Justification { Val = JustificationValues.Center }),
            new Run(T($"{r.RegionName} · {r.ReportName}{(r.Committee is null ? "" : " · " + r.Committee)} · Sida ")),
            new SimpleField { Instruction = " PAGE " , InnerXml = "<w:r xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:t>1</w:t></w:r>" },
            new Run(T(" av ")),
            new SimpleField { Instruction = " NUMPAGES ", InnerXml = "<w:r xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:t>1</w:t></w:r>" }));
        var props = new SectionProperties();
        if (r.IsDraft)
        {
            var header = main.AddNewPart<HeaderPart>();
            // The mark in the header, and Word's own kind of watermark: a faint diagonal text behind every page.
            header.Header = new Header(new W.Paragraph(
                new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
                new Run(new RunProperties(new Bold(), new Color { Val = "D92D20" }, new FontSize { Val = "32" }), T(ReportDocument.DraftMark)),
                new Run(Watermark())));
            header.Header.AddNamespaceDeclaration("v", "urn:schemas-microsoft-com:vml");
            header.Header.AddNamespaceDeclaration("o", "urn:schemas-microsoft-com:office:office");
            props.Append(new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) });
        }
        props.Append(new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) });
        props.Append(new PageSize { Width = 11906U, Height = 16838U });
        props.Append(new PageMargin { Top = 1418, Bottom = 1418, Left = 1418U, Right = 1418U, Header = 709U, Footer = 709U });
        return props;
    }

    /// <summary>
    /// A diagonal "UTKAST" behind the text, written the way Word writes a text watermark: the WordArt shape type 136
    /// (a text path) and a rotated, faint shape of that type in the header.
    /// </summary>
    private static Picture Watermark() => new()
    {
        InnerXml =
            "<v:shapetype xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" id=\"_x0000_t136\" coordsize=\"21600,21600\" o:spt=\"136\" adj=\"10800\" path=\"m@7,l@8,m@5,21600l@6,21600e\">"
            + "<v:formulas><v:f eqn=\"sum #0 0 10800\"/><v:f eqn=\"prod #0 2 1\"/><v:f eqn=\"sum 21600 0 @1\"/><v:f eqn=\"sum 0 0 @2\"/><v:f eqn=\"sum 21600 0 @3\"/>"
            + "<v:f eqn=\"if @0 @3 0\"/><v:f eqn=\"if @0 21600 @1\"/><v:f eqn=\"if @0 0 @2\"/><v:f eqn=\"if @0 @4 21600\"/><v:f eqn=\"mid @5 @6\"/><v:f eqn=\"mid @8 @5\"/>"
            + "<v:f eqn=\"mid @7 @8\"/><v:f eqn=\"mid @6 @7\"/><v:f eqn=\"sum @6 0 @5\"/></v:formulas>"
            + "<v:path textpathok=\"t\" o:connecttype=\"custom\" o:connectlocs=\"@9,0;@10,10800;@11,21600;@12,10800\" o:connectangles=\"270,180,90,0\"/>"
            + "<v:textpath on=\"t\" fitshape=\"t\"/><v:handles><v:h position=\"#0,bottomRight\" xrange=\"6629,14971\"/></v:handles>"
            + "<o:lock v:ext=\"edit\" text=\"t\" shapetype=\"t\"/></v:shapetype>"
            + "<v:shape xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" id=\"StyraDraftWatermark\" o:spid=\"_x0000_s2049\" type=\"#_x0000_t136\""
            + " style=\"position:absolute;margin-left:0;margin-top:0;width:470pt;height:140pt;rotation:315;z-index:-251654144;mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin\""
            + " o:allowincell=\"f\" fillcolor=\"#d92d20\" stroked=\"f\"><v:fill opacity=\".25\"/>"
            + $"<v:textpath style=\"font-family:&quot;Arial&quot;;font-size:1pt\" string=\"{ReportDocument.DraftMark}\"/></v:shape>",
    };

    private static W.Paragraph Styled(string style, string text) => new(
        new ParagraphProperties(new ParagraphStyleId { Val = style }), new Run(T(text)));

    /// <summary>A text element that keeps its spaces and holds only characters XML allows.</summary>
    private static Text T(string text) => new(ReportText.Clean(text)) { Space = SpaceProcessingModeValues.Preserve };

    private static W.Paragraph Plain(string text) => Styled("Normal", text);

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font },
                    new FontSize { Val = "21" }, new Languages { Val = "sv-SE" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120", Line = "276", LineRule = LineSpacingRuleValues.Auto }))));
        styles.Append(ParagraphStyle("Normal", "Normal", null, isDefault: true));
        styles.Append(ParagraphStyle("Title", "Title", 0, size: 52, bold: true, colour: "134E6F", before: 2400, after: 240));
        styles.Append(ParagraphStyle("Subtitle", "Subtitle", null, size: 32, colour: "344054", after: 120));
        styles.Append(ParagraphStyle("Heading1", "heading 1", 0, size: 36, bold: true, colour: "134E6F", before: 360, after: 120, pageBreakBefore: true));
        styles.Append(ParagraphStyle("Heading2", "heading 2", 1, size: 28, bold: true, colour: "134E6F", before: 280, after: 100));
        styles.Append(ParagraphStyle("Heading3", "heading 3", 2, size: 24, bold: true, colour: "1B2430", before: 200, after: 80));
        styles.Append(ParagraphStyle("TOCHeading", "TOC Heading", null, size: 36, bold: true, colour: "134E6F", after: 200));
        styles.Append(TocStyle("TOC1", "toc 1", 0, bold: true));
        styles.Append(TocStyle("TOC2", "toc 2", 240, bold: false));
        styles.Append(ParagraphStyle("Caption", "caption", null, size: 18, bold: true, colour: "344054", before: 120, after: 60, keepNext: true));
        styles.Append(ParagraphStyle("Note", "Note", null, size: 18, colour: "475467"));
        styles.Append(ParagraphStyle("ListText", "List Text", null, indent: 360));
        styles.Append(ParagraphStyle("Fulfilment", "Fulfilment", null, before: 160, after: 60, keepNext: true));
        styles.Append(ParagraphStyle("TableText", "Table Text", null, size: 18, after: 0));
        styles.Append(ParagraphStyle("Footer", "footer", null, size: 16, colour: "475467", after: 0));
        main.AddNewPart<StyleDefinitionsPart>().Styles = styles;
    }

    /// <summary>A contents line: the title, then a dotted leader to the page number at the right margin.</summary>
    private static Style TocStyle(string id, string name, int indent, bool bold)
    {
        var style = ParagraphStyle(id, name, null, after: 60, bold: bold);
        var p = style.StyleParagraphProperties!;
        p.InsertAt(new Tabs(new TabStop { Val = TabStopValues.Right, Leader = TabStopLeaderCharValues.Dot, Position = 9060 }), 0);
        if (indent > 0) p.Append(new Indentation { Left = indent.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return style;
    }

    private static Style ParagraphStyle(string id, string name, int? outline, bool isDefault = false, int? size = null, bool bold = false, string? colour = null,
        int before = 0, int after = 120, bool keepNext = false, bool pageBreakBefore = false, int indent = 0)
    {
        var p = new StyleParagraphProperties();
        if (keepNext || outline is not null) p.Append(new KeepNext());
        if (pageBreakBefore) p.Append(new PageBreakBefore());
        p.Append(new SpacingBetweenLines { Before = before.ToString(System.Globalization.CultureInfo.InvariantCulture), After = after.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (indent > 0) p.Append(new Indentation { Left = indent.ToString(System.Globalization.CultureInfo.InvariantCulture), Hanging = "240" });
        if (outline is { } level) p.Append(new OutlineLevel { Val = level });
        var r = new StyleRunProperties();
        if (bold) r.Append(new Bold());
        if (colour is not null) r.Append(new Color { Val = colour });
        if (size is { } s) r.Append(new FontSize { Val = s.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var style = new Style(new StyleName { Val = name }, new PrimaryStyle(), p, r) { Type = StyleValues.Paragraph, StyleId = id, Default = isDefault ? true : null };
        if (id != "Normal") style.InsertAfter(new BasedOn { Val = "Normal" }, style.StyleName);
        if (id.StartsWith("Heading", StringComparison.Ordinal)) style.InsertAfter(new NextParagraphStyle { Val = "Normal" }, style.GetFirstChild<BasedOn>());
        return style;
    }
}
