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
            AddContents(body);
            var images = 0;
            foreach (var block in report.Blocks) AddBlock(body, main, block, ref images);
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
        body.Append(Plain($"Följer upp: {r.PlanTitle}"));
        body.Append(Plain($"Skapad: {r.Date:yyyy-MM-dd} av Styra"));
        body.Append(Styled("Note", r.IsDraft
            ? "Utkast: innehåller bedömningar som ännu inte är godkända."
            : "Innehåller endast godkända bedömningar."));
        body.Append(new W.Paragraph(new Run(new Break { Type = BreakValues.Page })));
    }

    private static void AddContents(Body body)
    {
        body.Append(Styled("TOCHeading", "Innehåll"));
        body.Append(new W.Paragraph(
            new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(new FieldCode(" TOC \\o \"1-3\" \\h \\z \\u ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            new Run(T("Innehållsförteckningen fylls i när dokumentet öppnas (eller: högerklicka och välj Uppdatera fält).")),
            new Run(new FieldChar { FieldCharType = FieldCharValues.End })));
        // No page break here: the first chapter's heading (Rubrik 1) starts a new page itself.
    }

    private static void AddBlock(Body body, MainDocumentPart main, Block block, ref int images)
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
                var part = main.AddImagePart(ImagePartType.Png);
                using (var png = new MemoryStream(c.Png)) part.FeedData(png);
                body.Append(new W.Paragraph(new ParagraphProperties(new KeepNext()), new Run(Picture(main.GetIdOfPart(part), images, c))));
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
            header.Header = new Header(new W.Paragraph(
                new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
                new Run(new RunProperties(new Bold(), new Color { Val = "D92D20" }, new FontSize { Val = "32" }), T(ReportDocument.DraftMark))));
            props.Append(new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) });
        }
        props.Append(new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) });
        props.Append(new PageSize { Width = 11906U, Height = 16838U });
        props.Append(new PageMargin { Top = 1418, Bottom = 1418, Left = 1418U, Right = 1418U, Header = 709U, Footer = 709U });
        return props;
    }

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
        styles.Append(ParagraphStyle("Caption", "caption", null, size: 18, bold: true, colour: "344054", before: 120, after: 60, keepNext: true));
        styles.Append(ParagraphStyle("Note", "Note", null, size: 18, colour: "475467"));
        styles.Append(ParagraphStyle("ListText", "List Text", null, indent: 360));
        styles.Append(ParagraphStyle("Fulfilment", "Fulfilment", null, before: 160, after: 60, keepNext: true));
        styles.Append(ParagraphStyle("TableText", "Table Text", null, size: 18, after: 0));
        styles.Append(ParagraphStyle("Footer", "footer", null, size: 16, colour: "475467", after: 0));
        main.AddNewPart<StyleDefinitionsPart>().Styles = styles;
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
