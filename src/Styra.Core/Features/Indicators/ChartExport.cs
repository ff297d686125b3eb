using OxyPlot;
using OxyPlot.Series;

namespace Styra.Features.Indicators;

/// <summary>
/// Exports a chart's plot model: SVG for the web pages, PNG (SkiaSharp, at twice the size for print) for the generated
/// documents. Every chart is built once as a <see cref="PlotModel"/>, so the pages and the reports show the same chart.
/// </summary>
public static class ChartExport
{
    /// <summary>A plot model in Styra's chart style: white, no border, DejaVu Sans 12; the legend is written beside the chart as text.</summary>
    public static PlotModel NewModel() => new()
    {
        Background = OxyColors.White,
        PlotAreaBorderThickness = new OxyThickness(0),
        DefaultFont = "DejaVu Sans",
        DefaultFontSize = 12,
        TextColor = OxyColor.FromRgb(0x1b, 0x24, 0x30),
        // The legend is written beside the chart as text, which reads better and never clips.
        IsLegendVisible = false,
        Padding = new OxyThickness(8, 12, 16, 8),
    };

    /// <summary>A line in Styra's chart style: 2.5 wide, small round markers in the line's colour.</summary>
    public static LineSeries Line(string title, OxyColor colour, LineStyle style, IEnumerable<DataPoint> points)
    {
        var series = new LineSeries
        {
            Title = title,
            Color = colour,
            StrokeThickness = 2.5,
            LineStyle = style,
            MarkerType = MarkerType.Circle,
            MarkerSize = 3,
            MarkerFill = colour,
        };
        series.Points.AddRange(points);
        return series;
    }

    public static string Svg(PlotModel model, int width, int height)
    {
        using var stream = new MemoryStream();
        new SvgExporter { Width = width, Height = height }.Export(model, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A PNG of <paramref name="width"/> × <paramref name="height"/> points drawn at 2× (192 dpi), sharp in print.</summary>
    public static byte[] Png(PlotModel model, int width, int height)
    {
        using var stream = new MemoryStream();
        new OxyPlot.SkiaSharp.PngExporter { Width = width * 2, Height = height * 2, Dpi = 192 }.Export(model, stream);
        return stream.ToArray();
    }
}
