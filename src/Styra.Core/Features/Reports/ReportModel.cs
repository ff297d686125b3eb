using Styra.Features.FollowUp;
using Names = Styra.Features.FollowUp.Names;

namespace Styra.Features.Reports;

/// <summary>The formats a report is written in.</summary>
public enum ReportFormat { Docx, Pdf, Xlsx }

/// <summary>
/// A generated report before it is written to a format: the cover's facts, the content as blocks (headings, text,
/// tables, charts), and every figure it shows with its source, for the data appendix. The DOCX, PDF and XLSX writers
/// all write this one document, so the three say the same.
/// </summary>
public sealed record ReportDocument(
    string RegionCode,
    string RegionName,
    string Title,
    string ReportName,
    string Period,
    DateOnly Date,
    string PlanTitle,
    string? Committee,
    bool IsDraft,
    IReadOnlyList<Block> Blocks,
    IReadOnlyList<TraceRow> Figures)
{
    /// <summary>The watermark of a report that includes content not yet approved.</summary>
    public const string DraftMark = "UTKAST";

    /// <summary>The cover's label for <see cref="PlanTitle"/>: a follow-up report follows up a plan; other documents say what they rest on.</summary>
    public string PlanLabel { get; init; } = "Följer upp";

    /// <summary>The cover's note under the facts; null gives a follow-up report's note on approved assessments.</summary>
    public string? CoverNote { get; init; }

    public string CoverNoteText => CoverNote ?? (IsDraft
        ? "Utkast: innehåller bedömningar som ännu inte är godkända."
        : "Innehåller endast godkända bedömningar.");

    /// <summary>A file name without extension: region, report and scope, safe on every file system.</summary>
    public string FileStem
    {
        get
        {
            var raw = $"{RegionName} {ReportName}{(Committee is null ? "" : " " + Committee)}{(IsDraft ? " utkast" : "")}";
            var chars = raw.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray();
            var stem = new string(chars);
            while (stem.Contains("--", StringComparison.Ordinal)) stem = stem.Replace("--", "-", StringComparison.Ordinal);
            return stem.Trim('-');
        }
    }
}

/// <summary>A run of text with its emphasis.</summary>
public sealed record Inline(string Text, bool Bold = false, bool Italic = false);

public abstract record Block;

/// <summary>A heading: level 1 is a chapter (a focus area, the economy), 2 a goal or section, 3 below.</summary>
public sealed record Heading(int Level, string Text) : Block;

public enum TextStyle { Normal, Note }

public sealed record Paragraph(IReadOnlyList<Inline> Runs, TextStyle Style = TextStyle.Normal) : Block
{
    public static Paragraph Of(string text, TextStyle style = TextStyle.Normal) => new([new Inline(text)], style);
    public string Text => string.Concat(Runs.Select(r => r.Text));
}

public sealed record BulletList(IReadOnlyList<IReadOnlyList<Inline>> Items, bool Numbered) : Block;

public sealed record Column(string Header, bool Numeric = false, double Weight = 1);

/// <summary>A table with a caption, a header row and text cells (numbers already formatted the Swedish way).</summary>
public sealed record Table(string Caption, IReadOnlyList<Column> Columns, IReadOnlyList<IReadOnlyList<string>> Rows) : Block;

/// <summary>A chart as a PNG (drawn at twice its size) with its size in points and a text alternative.</summary>
public sealed record Chart(string Title, byte[] Png, int Width, int Height, string AltText) : Block;

/// <summary>
/// Who assessed a goal and how: the fulfilment symbol (a coloured circle, always with its word), the forecast where the
/// event asks for one, and the state when the report is a draft.
/// </summary>
public sealed record FulfilmentLine(string Who, Fulfilment? Fulfilment, Fulfilment? Forecast, string? State) : Block
{
    public string Symbol => Symbols.Of(Fulfilment);
    public string Word => Fulfilment is { } f ? Names.Fulfilment(f, false) : "Ingen bedömning";
}

public sealed record PageBreak : Block;

/// <summary>
/// A figure the report shows, with where it comes from: the section and label it has in the report, its value and unit,
/// the kind of source (measurement, assessment, economy item …) and the reference an auditor follows to the record.
/// </summary>
public sealed record TraceRow(string Section, string Item, string Period, decimal? Value, string Unit, string SourceKind, string Source, string Reference)
{
    /// <summary>The text the report shows when the figure is not a number (a fulfilment, a verdict).</summary>
    public string? Text { get; init; }
}

/// <summary>The fulfilment symbols and their colours, the same in every format.</summary>
public static class Symbols
{
    public static string Of(Fulfilment? f) => f is null or Fulfilment.NotAssessed ? "○" : "●";

    /// <summary>RGB hex without '#'.</summary>
    public static string Colour(Fulfilment? f) => f switch
    {
        Fulfilment.Met => "1F7A3A",
        Fulfilment.PartlyMet => "B7791F",
        Fulfilment.NotMet => "B42318",
        _ => "667085",
    };
}
