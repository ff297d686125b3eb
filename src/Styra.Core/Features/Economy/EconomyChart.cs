using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace Styra.Features.Economy;

/// <summary>
/// The chart of a year's economy, summed over the committees (mnkr, cumulative): the periodised budget, the outcome of
/// the reported months, and the latest full-year forecast as a dashed extension from the last outcome to December;
/// the full-year budget as a reference line. One code path draws it for the web page and for the generated reports
/// (SVG; OxyPlot, the same style as <see cref="Indicators.IndicatorChart"/>). The legend is written beside it as text.
/// </summary>
public static class EconomyChart
{
    public const string BudgetColourHex = "#5b6472";
    public const string OutcomeColourHex = "#134e6f";
    public const string ForecastColourHex = "#b54708";
    public const string FullYearColourHex = "#1f7a5a";

    private static readonly OxyColor BudgetColour = OxyColor.Parse(BudgetColourHex);
    private static readonly OxyColor OutcomeColour = OxyColor.Parse(OutcomeColourHex);
    private static readonly OxyColor ForecastColour = OxyColor.Parse(ForecastColourHex);
    private static readonly OxyColor FullYearColour = OxyColor.Parse(FullYearColourHex);

    private static readonly string[] SwedishShort = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
    private static readonly string[] EnglishShort = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>The titles of the series (also their SVG titles), in the language asked for.</summary>
    public static (string Budget, string Outcome, string Forecast, string FullYear) Titles(bool english) => english
        ? ("Budget (cumulative)", "Outcome (cumulative)", "Forecast", "Full-year budget")
        : ("Budget (ackumulerad)", "Utfall (ackumulerat)", "Prognos", "Helårsbudget");

    /// <summary>The forecast line: from the last month with an outcome to December's forecast (null when there is none).</summary>
    public static (DataPoint From, DataPoint To)? ForecastLine(IReadOnlyList<MonthPoint> series)
    {
        var last = series.LastOrDefault(p => p.Outcome is not null);
        var forecast = series.LastOrDefault(p => p.Forecast is not null);
        if (last is null || forecast is null) return null;
        return (new DataPoint(last.Month - 1, (double)last.Outcome!.Value), new DataPoint(11, (double)forecast.Forecast!.Value));
    }

    /// <summary>The chart as SVG, for the web pages.</summary>
    public static string Svg(IReadOnlyList<MonthPoint> series, decimal fullYearBudget, bool english, int width = 720, int height = 340) =>
        Indicators.ChartExport.Svg(Model(series, fullYearBudget, english), width, height);

    /// <summary>The same chart as PNG, for the generated reports.</summary>
    public static byte[] Png(IReadOnlyList<MonthPoint> series, decimal fullYearBudget, bool english, int width = 720, int height = 340) =>
        Indicators.ChartExport.Png(Model(series, fullYearBudget, english), width, height);

    /// <summary>The one plot model both the pages and the reports draw.</summary>
    public static PlotModel Model(IReadOnlyList<MonthPoint> series, decimal fullYearBudget, bool english)
    {
        var titles = Titles(english);
        var model = Indicators.ChartExport.NewModel();
        // Thousands written the way the reader's language writes them (10 000, not 10,000).
        model.Culture = System.Globalization.CultureInfo.GetCultureInfo(english ? "en-GB" : "sv-SE");
        model.Axes.Add(new CategoryAxis
        {
            Position = AxisPosition.Bottom,
            ItemsSource = english ? EnglishShort : SwedishShort,
            GapWidth = 0,
            TickStyle = TickStyle.None,
        });
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Left,
            MajorGridlineStyle = LineStyle.Solid,
            MajorGridlineColor = OxyColor.FromRgb(0xe5, 0xe9, 0xef),
            TickStyle = TickStyle.None,
            StringFormat = "N0",
            Minimum = 0,
            MaximumPadding = 0.08,
            Title = "mnkr",
        });
        model.Annotations.Add(new LineAnnotation
        {
            Type = LineAnnotationType.Horizontal,
            Y = (double)fullYearBudget,
            Color = FullYearColour,
            LineStyle = LineStyle.Dot,
            StrokeThickness = 2,
            Text = titles.FullYear,
            TextColor = FullYearColour,
            TextHorizontalAlignment = HorizontalAlignment.Left,
            TextPosition = new DataPoint(0, (double)fullYearBudget),
        });
        // The budget under the others, without markers, so that an outcome on budget still shows both.
        var budget = Indicators.ChartExport.Line(titles.Budget, BudgetColour, LineStyle.Dash, series.Select(p => new DataPoint(p.Month - 1, (double)p.Budget)));
        budget.MarkerType = MarkerType.None;
        budget.StrokeThickness = 2;
        model.Series.Add(budget);
        if (ForecastLine(series) is var (from, to))
        {
            var forecast = Indicators.ChartExport.Line(titles.Forecast, ForecastColour, LineStyle.Dash, [from, to]);
            forecast.MarkerType = MarkerType.Diamond;
            forecast.MarkerSize = 5;
            model.Series.Add(forecast);
        }
        model.Series.Add(Indicators.ChartExport.Line(titles.Outcome, OutcomeColour, LineStyle.Solid,
            series.Where(p => p.Outcome is not null).Select(p => new DataPoint(p.Month - 1, (double)p.Outcome!.Value))));
        return model;
    }

}
