using OxyPlot;

namespace Styra.Features.Indicators;

/// <summary>
/// Exports a chart's plot model: SVG for the web pages, PNG (SkiaSharp, at twice the size for print) for the generated
/// documents. Every chart is built once as a <see cref="PlotModel"/>, so the pages and the reports show the same chart.
/// </summary>
public static class ChartExport
{
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
