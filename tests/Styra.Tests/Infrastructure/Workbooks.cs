using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Styra.Tests.Infrastructure;

/// <summary>Writes small .xlsx workbooks for import tests with the Open XML SDK — a writer independent of the reader.</summary>
public static class Workbooks
{
    /// <summary>One sheet; a cell is a string (text cell), a double or int (number cell), a DateTime (date serial) or null.</summary>
    public static byte[] Create(string sheetName, params object?[][] rows)
    {
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    Cell? cell = rows[r][c] switch
                    {
                        null => null,
                        string s => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(s)) },
                        DateTime d => new Cell { CellReference = reference, CellValue = new CellValue(d.ToOADate()), StyleIndex = 1 },
                        IConvertible n => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(n.ToDouble(null)) },
                        var other => throw new ArgumentException($"No cell for {other}"),
                    };
                    if (cell is not null) row.Append(cell);
                }
                data.Append(row);
            }
            sheetPart.Worksheet = new Worksheet(data);
            // A date style (numFmtId 14, d/m/yyyy) so that date cells read as dates.
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None })) { Count = 1 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }) { Count = 2 });
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
            workbook.Workbook.Save();
        }
        return memory.ToArray();
    }
}
