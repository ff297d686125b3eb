using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace Styra.Features.Indicators;

/// <summary>
/// The chart of an indicator over time: the region's values against Riket's. One code path draws it for the web
/// pages and, later, for the generated reports (SVG; OxyPlot, MIT).
/// </summary>
public static class IndicatorChart
{
    /// <summary>The region's line (solid), Riket's (dashed) and the targets (dotted, diamonds); a legend written as text uses the same colours.</summary>
    public const string RegionColourHex = "#134e6f";
    public const string RiketColourHex = "#b54708";
    public const string TargetColourHex = "#1f7a5a";

    private static readonly OxyColor RegionColour = OxyColor.Parse(RegionColourHex);
    private static readonly OxyColor RiketColour = OxyColor.Parse(RiketColourHex);
    private static readonly OxyColor TargetColour = OxyColor.Parse(TargetColourHex);

    /// <summary>The chart as SVG, for the web pages.</summary>
    public static string Svg(IndicatorSummary indicator, string regionName, string riketName, int width = 720, int height = 320) =>
        ChartExport.Svg(Model(indicator, regionName, riketName), width, height);

    /// <summary>The same chart as PNG, for the generated reports (DOCX, PDF).</summary>
    public static byte[] Png(IndicatorSummary indicator, string regionName, string riketName, int width = 720, int height = 320) =>
        ChartExport.Png(Model(indicator, regionName, riketName), width, height);

    /// <summary>The one plot model both the pages and the reports draw.</summary>
    public static PlotModel Model(IndicatorSummary indicator, string regionName, string riketName)
    {
        var model = ChartExport.NewModel();
        var points = indicator.Series.Select((p, i) => (Index: i, p)).ToList();
        model.Axes.Add(new CategoryAxis
        {
            Position = AxisPosition.Bottom,
            ItemsSource = indicator.Series.Select(p => p.Period).ToList(),
            GapWidth = 0,
            MajorStep = Math.Max(1, indicator.Series.Count / 10),
            TickStyle = TickStyle.None,
        });
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Left,
            MajorGridlineStyle = LineStyle.Solid,
            MajorGridlineColor = OxyColor.FromRgb(0xe5, 0xe9, 0xef),
            TickStyle = TickStyle.None,
            StringFormat = "N" + Math.Min(indicator.Decimals, 1),
        });
        model.Series.Add(ChartExport.Line(riketName, RiketColour, LineStyle.Dash, points.Where(p => p.p.Riket is not null).Select(p => new DataPoint(p.Index, p.p.Riket!.Value))));
        var targets = points.Where(p => p.p.Target is not null).Select(p => new DataPoint(p.Index, p.p.Target!.Value)).ToList();
        if (targets.Count > 0)
        {
            var target = ChartExport.Line("target", TargetColour, LineStyle.Dot, targets);
            target.MarkerType = MarkerType.Diamond;
            target.MarkerSize = 5;
            model.Series.Add(target);
        }
        model.Series.Add(ChartExport.Line(regionName, RegionColour, LineStyle.Solid, points.Where(p => p.p.Region is not null).Select(p => new DataPoint(p.Index, p.p.Region!.Value))));
        return model;
    }

}
