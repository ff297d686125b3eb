using System.Diagnostics;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Chart = Styra.Features.Reports.Chart;
using FulfilmentLine = Styra.Features.Reports.FulfilmentLine;
using ReportTable = Styra.Features.Reports.Table;
using WParagraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;
using ExcelDataReader;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Styra.Data;
using Styra.Features.FollowUp;
using Styra.Features.Indicators;
using Styra.Features.Plans;
using Styra.Features.Reports;
using Styra.Tests.Infrastructure;

namespace Styra.Tests.Features.Reports;

/// <summary>One demo database (SQLite) for the report tests: the demo takes seconds to load, and these tests mostly read it.</summary>
public sealed class DemoReportDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync() => Database = await TestDatabase.CreateAsync("Sqlite", demoData: true);

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

/// <summary>
/// The reports of Halland's demo follow-up, opened with independent readers: the DOCX with the Open XML SDK, the PDF with
/// poppler's pdftotext and pdffonts, the XLSX with ExcelDataReader — and compared with the database.
/// </summary>
public sealed class ReportTests(DemoReportDatabase fixture) : IClassFixture<DemoReportDatabase>
{
    private TestDatabase Database => fixture.Database;

    private async Task<(ReportDocument Report, Dictionary<ReportFormat, byte[]> Files)> ReportAsync(string eventName, string? committee = null, bool draft = false)
    {
        await using var services = Database.Services();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StyraDbContext>();
        var id = await db.ReportingEvents.Where(e => e.Region.Code == new Styra.Features.Organisation.RegionCode("13") && e.Name == eventName).Select(e => e.Id).SingleAsync();
        var report = (await scope.ServiceProvider.GetRequiredService<ReportBuilder>().BuildAsync(new ReportRequest(id, committee, draft)))!;
        return (report, Enum.GetValues<ReportFormat>().ToDictionary(f => f, f => Styra.Features.Reports.Reports.Write(report, f).Content));
    }

    private async Task<(int PlanId, List<GoalNode> Nodes)> PlanNodesAsync(string eventName) => await Database.WithContextAsync(async db =>
    {
        var planId = await db.ReportingEvents.Where(e => e.Name == eventName && e.Region.Code == new Styra.Features.Organisation.RegionCode("13")).Select(e => e.PlanId).SingleAsync();
        return (planId, await db.GoalNodes.AsNoTracking().CurrentNodes().Where(n => n.PlanVersion.PlanId == planId).ToListAsync());
    });

    private const string Ur1 = "Uppföljningsrapport 1 2024";

    [Fact]
    public async Task Docx_HasEveryNodeOfThePlan_AsARealHeadingStyle_AContentsField_AndPageNumbers()
    {
        var (_, files) = await ReportAsync(Ur1);
        var (_, nodes) = await PlanNodesAsync(Ur1);
        using var doc = WordprocessingDocument.Open(new MemoryStream(files[ReportFormat.Docx]), false);
        var body = doc.MainDocumentPart!.Document.Body!;
        var headings = body.Elements<WParagraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value?.StartsWith("Heading", StringComparison.Ordinal) == true)
            .Select(p => p.InnerText).ToHashSet();
        Assert.NotEmpty(nodes);
        Assert.All(nodes, n => Assert.Contains(n.Title, headings));
        Assert.Contains("Ekonomi", headings);
        // The heading styles are Word's built-in ones, which the table of contents collects.
        var styles = doc.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>().ToDictionary(s => s.StyleId!.Value!);
        Assert.Equal("heading 1", styles["Heading1"].StyleName!.Val!.Value);
        Assert.Equal(0, styles["Heading1"].StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        Assert.Contains(body.Descendants<FieldCode>(), f => f.Text.Contains("TOC", StringComparison.Ordinal));
        Assert.Contains(doc.MainDocumentPart.FooterParts.SelectMany(f => f.Footer!.Descendants<SimpleField>()), f => f.Instruction!.Value!.Contains("PAGE", StringComparison.Ordinal));
        Assert.Contains("Region Halland", body.InnerText);
        Assert.Contains("2024-01-01 – 2024-04-30", body.InnerText);
        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Microsoft365).Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10)));
    }

    [Fact]
    public async Task Pdf_SaysWhatTheDocxSays_WithEmbeddedFonts_SwedishCharacters_AndPageNumbers()
    {
        var (report, files) = await ReportAsync(Ur1);
        var (_, nodes) = await PlanNodesAsync(Ur1);
        var text = Normalise(await PdfTextAsync(files[ReportFormat.Pdf]));
        Assert.All(nodes, n => Assert.Contains(Normalise(n.Title), text));
        Assert.Contains("Fokusområdets samlade bedömning", text);
        Assert.Contains("Måluppfyllelse: ● grön = uppfyllt", text);
        var pages = await RunAsync("pdfinfo", files[ReportFormat.Pdf]);
        var count = int.Parse(pages.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))[6..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(count > 10, $"{count} pages");
        Assert.Contains($"Sida 2 av {count}", text);
        Assert.Contains($"Sida {count} av {count}", text);
        // Every font is embedded: the column "emb" of pdffonts says yes on every row.
        var fonts = (await RunAsync("pdffonts", files[ReportFormat.Pdf])).Split('\n').Skip(2).Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, l => Assert.Contains(" yes ", l));
        Assert.DoesNotContain(ReportDocument.DraftMark, text);
        Assert.Equal(report.Blocks.OfType<ReportTable>().Count(t => t.Caption.StartsWith("Indikatorer", StringComparison.Ordinal)),
            System.Text.RegularExpressions.Regex.Matches(text, "Indikatorer – ").Count);
    }

    [Fact]
    public async Task ApprovedOnly_ByDefault_AndADraft_ShowsTheRest_MarkedUtkast_InEveryFormat()
    {
        const string marker = "Inskickad men ännu inte godkänd text 7f3a";
        var assessmentId = await Database.WithContextAsync(async db =>
        {
            var a = await db.Assessments.Include(x => x.Event).FirstAsync(x => x.Event.Name == Ur1 && x.Status == AssessmentStatus.Submitted && x.UnitId != null);
            a.Analysis = marker;
            await db.SaveChangesAsync();
            return a.Id;
        });

        var (approved, files) = await ReportAsync(Ur1);
        Assert.False(approved.IsDraft);
        Assert.DoesNotContain(marker, DocxText(files[ReportFormat.Docx]));
        Assert.DoesNotContain(marker, Normalise(await PdfTextAsync(files[ReportFormat.Pdf])));
        Assert.DoesNotContain(XlsxRows(files[ReportFormat.Xlsx]), r => r["Referens"] == $"Assessment/{assessmentId}");
        Assert.Contains(approved.Blocks.OfType<FulfilmentLine>(), l => l.State == "ej godkänd när rapporten skapades");

        var (draft, draftFiles) = await ReportAsync(Ur1, draft: true);
        Assert.True(draft.IsDraft);
        var docx = DocxText(draftFiles[ReportFormat.Docx]);
        Assert.Contains(marker, docx);
        using (var doc = WordprocessingDocument.Open(new MemoryStream(draftFiles[ReportFormat.Docx]), false))
        {
            var header = doc.MainDocumentPart!.HeaderParts.Single().Header!;
            Assert.Contains(ReportDocument.DraftMark, header.InnerText);
            Assert.Equal(ReportDocument.DraftMark, header.Descendants<DocumentFormat.OpenXml.Vml.TextPath>().Single(t => t.String is not null).String!.Value);
            var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Microsoft365).Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10)));
        }
        var pdf = Normalise(await PdfTextAsync(draftFiles[ReportFormat.Pdf]));
        Assert.Contains(marker, pdf);
        Assert.Contains(ReportDocument.DraftMark, pdf);
        Assert.Contains(XlsxRows(draftFiles[ReportFormat.Xlsx]), r => r["Referens"] == $"Assessment/{assessmentId}" && r["Källa"].Contains("inskickad", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Xlsx_TracesEveryFigure_ToTheDatabase_AndItsSumsMatch()
    {
        var (report, files) = await ReportAsync(Ur1);
        var rows = XlsxRows(files[ReportFormat.Xlsx]);
        Assert.Equal(report.Figures.Count, rows.Count);
        AssertEveryTableFigureIsTraced(report, rows);
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r["Källa"]) && string.IsNullOrWhiteSpace(r["Referens"])));

        // The frames: the appendix's rows sum to the database's rows, and the stated total is there beside it.
        var frames = rows.Where(r => r["Avsnitt"] == "Ekonomi: budgetramar" && r["Källtyp"] == "Budgetram" && r["Post"] != "Summa enligt beslutet").ToList();
        var dbSum = await Database.WithContextAsync(db => db.BudgetFrames.Where(f => f.FrameYear.Year == 2024 && f.FrameYear.Region.Code == new Styra.Features.Organisation.RegionCode("13")).SumAsync(f => f.Amount));
        Assert.Equal(14, frames.Count);
        Assert.Equal(dbSum, frames.Sum(r => decimal.Parse(r["Värde"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("13528", rows.Single(r => r["Post"] == "Summa av raderna")["Värde"]);
        Assert.Equal("13530", rows.Single(r => r["Post"] == "Summa enligt beslutet")["Värde"]);

        // Every measured value equals the measurement it names.
        var measured = rows.Where(r => r["Källtyp"] == "Mätvärde").ToList();
        Assert.NotEmpty(measured);
        var values = await Database.WithContextAsync(db => db.Measurements.Where(m => m.Gender == Gender.T && m.UnitCode == Measurement.WholeArea && (m.AreaId == "0013" || m.AreaId == "0000"))
            .Select(m => new { m.Indicator.Code, m.AreaId, m.Period, m.Value }).ToListAsync());
        var lookup = values.ToDictionary(v => $"Indicator/{v.Code}/{v.AreaId}/{v.Period}", v => v.Value);
        Assert.All(measured, r => Assert.Equal(lookup[r["Referens"]], double.Parse(r["Värde"], System.Globalization.CultureInfo.InvariantCulture), 6));
        Assert.All(measured, r => Assert.Contains("import #", r["Källa"], StringComparison.Ordinal));

        // Every fulfilment the report shows is on a row, with the assessment's version.
        var shown = report.Blocks.OfType<FulfilmentLine>().Count(l => l.State is null);
        Assert.Equal(shown, rows.Count(r => r["Post"].StartsWith("Måluppfyllelse", StringComparison.Ordinal)));
        Assert.All(rows.Where(r => r["Källtyp"] == "Bedömning"), r => Assert.Matches("version \\d+, godkänd", r["Källa"]));
    }

    [Fact]
    public async Task CommitteeReport_HasOnlyThatCommitteesAssessments()
    {
        var (report, files) = await ReportAsync(Ur1, committee: "DNKT");
        Assert.Equal("Driftnämnd Kollektivtrafik", report.Committee);
        var lines = report.Blocks.OfType<FulfilmentLine>().ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Contains("(DNKT)", l.Who));
        Assert.DoesNotContain("Driftnämnd Hallands Sjukhus (DNHS)", DocxText(files[ReportFormat.Docx]));
        var frames = XlsxRows(files[ReportFormat.Xlsx]).Where(r => r["Avsnitt"] == "Ekonomi: budgetramar").ToList();
        Assert.Equal("Driftnämnd Kollektivtrafik", Assert.Single(frames)["Post"]);
    }

    [Fact]
    public async Task Charts_AreTheOnesTheWebPagesDraw_FromTheSamePlotModel()
    {
        var (report, files) = await ReportAsync(Ur1);
        var charts = report.Blocks.OfType<Chart>().ToList();
        Assert.NotEmpty(charts);
        using var doc = WordprocessingDocument.Open(new MemoryStream(files[ReportFormat.Docx]), false);
        // One picture per distinct chart: an indicator under several goals is drawn and stored once.
        Assert.Equal(charts.Select(c => c.Png).Distinct().Count(), doc.MainDocumentPart!.ImageParts.Count());
        // The picture in the document is byte for byte what IndicatorChart draws for the pages' indicator.
        var first = charts[0];
        var code = await Database.WithContextAsync(db => db.Indicators.Where(i => first.Title.StartsWith(i.Name + ":")).Select(i => i.Code).FirstAsync());
        var summaries = await Database.WithContextAsync(db => IndicatorQueries.SummariesAsync(db, new Styra.Features.Organisation.RegionCode("13"), [code], asOfYear: 2024));
        Assert.Equal(IndicatorChart.Png(summaries[code], "Region Halland", "Riket", 640, 260), first.Png);
        Assert.Contains("<svg", IndicatorChart.Svg(summaries[code], "Region Halland", "Riket"), StringComparison.Ordinal);
        Assert.Contains("Region Halland", first.AltText);
    }

    [Fact]
    public async Task Ur2_ShowsTheCommitteesSubmittedMonthlyReports_AndADraftOnlyInTheDraft()
    {
        const string ur2 = "Uppföljningsrapport 2 / delårsbokslut 2024";
        var august = await Database.WithContextAsync(db => db.CommitteeEconomyReports.Where(r => r.Year == 2024 && r.Month == 8)
            .Select(r => new { r.Unit.Code, r.Unit.Name, r.Status, r.OutcomeToDate, r.FullYearForecast }).ToListAsync());
        var draft = august.Single(r => r.Status == Styra.Features.Economy.EconomyReportStatus.Draft);
        var submitted = august.First(r => r.Status == Styra.Features.Economy.EconomyReportStatus.Submitted && r.OutcomeToDate is not null);

        var (report, files) = await ReportAsync(ur2);
        var rows = XlsxRows(files[ReportFormat.Xlsx]);
        decimal Value(string item) => decimal.Parse(rows.Single(r => r["Post"] == item)["Värde"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(submitted.OutcomeToDate, Value($"{submitted.Name}: utfall hittills"));
        Assert.Equal(submitted.FullYearForecast, Value($"{submitted.Name}: helårsprognos"));
        Assert.DoesNotContain(rows, r => r["Post"] == $"{draft.Name}: utfall hittills");
        var table = report.Blocks.OfType<ReportTable>().Single(t => t.Caption.StartsWith("Ekonomi per nämnd januari–augusti 2024", StringComparison.Ordinal));
        Assert.Equal("ej inskickad", table.Rows.Single(r => r[0] == draft.Name)[^1]);
        Assert.Contains(report.Blocks.OfType<Chart>(), c => c.Title.StartsWith("Nämnderna sammantaget 2024", StringComparison.Ordinal));

        AssertEveryTableFigureIsTraced(report, rows);
        var (withDrafts, draftFiles) = await ReportAsync(ur2, draft: true);
        var draftRows = XlsxRows(draftFiles[ReportFormat.Xlsx]);
        AssertEveryTableFigureIsTraced(withDrafts, draftRows);
        Assert.Equal(draft.OutcomeToDate, decimal.Parse(draftRows.Single(r => r["Post"] == $"{draft.Name}: utfall hittills")["Värde"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("utkast", withDrafts.Blocks.OfType<ReportTable>().Single(t => t.Caption.StartsWith("Ekonomi per nämnd", StringComparison.Ordinal)).Rows.Single(r => r[0] == draft.Name)[^1]);
    }

    [Fact]
    public async Task AnnualReport_HasTheJudgementOfSoundManagement_OnlyOnceApproved_AndTheTaxRate()
    {
        const string annual = "Årsredovisning 2024";
        var judgement = await Database.WithContextAsync(db => db.SoundManagementJudgements.SingleAsync(j => j.Year == 2024));
        Assert.Equal(Styra.Features.Economy.JudgementStatus.Draft, judgement.Status);
        var firstWords = string.Join(' ', judgement.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(4));

        var (_, files) = await ReportAsync(annual);
        var docx = DocxText(files[ReportFormat.Docx]);
        Assert.Contains("God ekonomisk hushållning", docx);
        Assert.Contains("inte godkänd när rapporten skapas", docx);
        Assert.DoesNotContain(firstWords, docx);
        Assert.Contains("11,40", docx);

        var (_, draftFiles) = await ReportAsync(annual, draft: true);
        Assert.Contains(firstWords, DocxText(draftFiles[ReportFormat.Docx]));
        Assert.Contains(XlsxRows(draftFiles[ReportFormat.Xlsx]), r => r["Referens"] == "SoundManagementJudgement/13/2024" && r["Källa"].Contains("utkast", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Docx_ChartsFitTheTextWidth_AndNoEmptyPageFollowsTheContents()
    {
        var (_, files) = await ReportAsync(Ur1);
        using var doc = WordprocessingDocument.Open(new MemoryStream(files[ReportFormat.Docx]), false);
        var extents = doc.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.Extent>().ToList();
        Assert.NotEmpty(extents);
        Assert.All(extents, e => Assert.True(e.Cx!.Value <= 9070L * 635, $"{e.Cx} EMU is wider than the text"));
        // The contents are filled in already — a line per chapter and section, each linking to its heading's bookmark
        // with a PAGEREF for Word to number — and followed directly by the first chapter, whose heading starts the page.
        var paragraphs = doc.MainDocumentPart.Document.Body.Elements<WParagraph>().ToList();
        string? Style(WParagraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        var entries = paragraphs.Where(p => Style(p) is "TOC1" or "TOC2").ToList();
        var headings = paragraphs.Where(p => Style(p) is "Heading1" or "Heading2").ToList();
        Assert.Equal(headings.Select(h => h.InnerText), entries.Select(e => e.Descendants<Hyperlink>().Single().Descendants<Text>().First().Text));
        var bookmarks = headings.Select(h => h.Descendants<BookmarkStart>().Single().Name!.Value).ToList();
        Assert.Equal(bookmarks, entries.Select(e => e.Descendants<Hyperlink>().Single().Anchor!.Value));
        Assert.All(entries.Zip(bookmarks), x => Assert.Contains($"PAGEREF {x.Second}", string.Concat(x.First.Descendants<FieldCode>().Select(f => f.Text)), StringComparison.Ordinal));
        Assert.Equal("Heading1", Style(paragraphs[paragraphs.IndexOf(entries[^1]) + 1]));
    }

    /// <summary>
    /// Every number in every table of the report is on a row of the appendix with the same value (to the table's
    /// rounding): the appendix misses no figure the reader sees.
    /// </summary>
    private static void AssertEveryTableFigureIsTraced(ReportDocument report, List<Dictionary<string, string>> rows)
    {
        var values = rows.Where(r => r["Värde"].Length > 0).Select(r => decimal.Parse(r["Värde"], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var checkedCells = 0;
        foreach (var table in report.Blocks.OfType<ReportTable>())
            for (var col = 0; col < table.Columns.Count; col++)
            {
                if (!table.Columns[col].Numeric) continue;
                foreach (var row in table.Rows)
                {
                    var text = row[col].Replace("\u00a0", "", StringComparison.Ordinal).Replace("\u202f", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Replace("%", "", StringComparison.Ordinal)
                        .Replace('−', '-').Replace(',', '.');
                    if (text is "" or "–") continue;
                    var x = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
                    var decimals = text.Contains('.') ? text.Length - text.IndexOf('.') - 1 : 0;
                    var tolerance = 0.5m / (decimal)Math.Pow(10, decimals) + 0.0000001m;
                    Assert.True(values.Any(v => Math.Abs(v - x) <= tolerance), $"{table.Caption}, {table.Columns[col].Header}, {row[0]}: {row[col]} is on no row of the appendix");
                    checkedCells++;
                }
            }
        Assert.True(checkedCells > 20, $"only {checkedCells} figures checked");
    }

    private static string DocxText(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return doc.MainDocumentPart!.Document.Body!.InnerText;
    }

    private static List<Dictionary<string, string>> XlsxRows(byte[] xlsx)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(xlsx));
        Assert.Equal("Siffror", reader.Name);
        var rows = new List<List<string>>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList());
        var headers = rows[0];
        Assert.Equal(XlsxReportWriter.Headers, headers);
        return rows.Skip(1).Select(r => headers.Select((h, i) => (h, v: i < r.Count ? r[i] : "")).ToDictionary(x => x.h, x => x.v)).ToList();
    }

    private static string Normalise(string text) => System.Text.RegularExpressions.Regex.Replace(text, "\\s+", " ");

    private static Task<string> PdfTextAsync(byte[] pdf) => RunAsync("pdftotext", pdf, "-");

    private static async Task<string> RunAsync(string tool, byte[] pdf, params string[] after)
    {
        var path = Path.Combine(Path.GetTempPath(), $"styra-report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add(path);
            foreach (var a in after) info.ArgumentList.Add(a);
            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{tool} failed: {await process.StandardError.ReadToEndAsync()}");
            return output;
        }
        finally { File.Delete(path); }
    }
}
