using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Styra.Features.Reports;

/// <summary>
/// Writes the report's data appendix as XLSX (Open XML SDK): one row per figure the report shows — section, item,
/// period, value, unit, the kind of source, the source itself and a reference to the record — so an auditor can trace
/// every figure; and a sheet about the report (region, event, period, date, approved only or draft).
/// </summary>
public static class XlsxReportWriter
{
    public static readonly string[] Headers = ["Avsnitt", "Post", "Period", "Värde", "Text", "Enhet", "Källtyp", "Källa", "Referens"];

    public static byte[] Write(ReportDocument report)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            doc.PackageProperties.Title = $"Dataunderlag – {report.ReportName} – {report.RegionName}";
            doc.PackageProperties.Creator = "Styra";
            var book = doc.AddWorkbookPart();
            book.Workbook = new Workbook();
            book.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheets = book.Workbook.AppendChild(new Sheets());

            var figures = book.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, Headers.Select(h => Text(h, 1)).ToArray()));
            var n = 1u;
            foreach (var f in report.Figures)
            {
                n++;
                data.Append(Row(n,
                    Text(f.Section), Text(f.Item), Text(f.Period),
                    f.Value is { } v ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(v.ToString(CultureInfo.InvariantCulture)), StyleIndex = 2 } : Text(""),
                    Text(f.Text ?? ""), Text(f.Unit), Text(f.SourceKind), Text(f.Source), Text(f.Reference)));
            }
            figures.Worksheet = new Worksheet(
                new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
                    { TabSelected = true, WorkbookViewId = 0 }),
                new S.Columns(new[] { 34d, 44, 16, 14, 18, 8, 22, 60, 36 }.Select((w, i) => new S.Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true })),
                data,
                new AutoFilter { Reference = $"A1:{ColumnName(Headers.Length - 1)}{Math.Max(n, 1)}" });
            sheets.Append(new Sheet { Id = book.GetIdOfPart(figures), SheetId = 1, Name = "Siffror" });

            var about = book.AddNewPart<WorksheetPart>();
            var info = new SheetData();
            (string, string)[] facts =
            [
                ("Region", $"{report.RegionName} ({report.RegionCode})"), ("Rapport", report.ReportName), ("Period", report.Period),
                ("Följer upp", report.PlanTitle), ("Nämnd", report.Committee ?? "hela regionen"), ("Skapad", report.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ("Innehåll", report.IsDraft ? "UTKAST: även bedömningar som inte är godkända" : "Endast godkända bedömningar"),
                ("Antal siffror", report.Figures.Count.ToString(CultureInfo.InvariantCulture)),
                ("Läsanvisning", "Varje rad på bladet Siffror är en siffra som rapporten visar, med källan den kommer från och en referens till posten i Styra."),
            ];
            var r = 0u;
            foreach (var (k, v) in facts) info.Append(Row(++r, Text(k, 1), Text(v)));
            about.Worksheet = new Worksheet(new S.Columns(new S.Column { Min = 1, Max = 1, Width = 18, CustomWidth = true }, new S.Column { Min = 2, Max = 2, Width = 90, CustomWidth = true }), info);
            sheets.Append(new Sheet { Id = book.GetIdOfPart(about), SheetId = 2, Name = "Om rapporten" });
            book.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Row Row(uint index, params Cell[] cells)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i].CellReference = $"{ColumnName(i)}{index}";
            row.Append(cells[i]);
        }
        return row;
    }

    /// <summary>A, B … Z, AA, AB …: the column's letters for a 0-based index.</summary>
    internal static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    private static Cell Text(string text, uint style = 0) =>
        new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(ReportText.Clean(text)) { Space = SpaceProcessingModeValues.Preserve }), StyleIndex = style };

    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.0##" }) { Count = 1 },
        new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }), new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0 },
            new CellFormat { FontId = 1, FillId = 0, BorderId = 0, ApplyFont = true },
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 164, ApplyNumberFormat = true }) { Count = 3 });
}
