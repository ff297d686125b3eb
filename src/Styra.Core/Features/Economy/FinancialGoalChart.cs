using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;

namespace Styra.Features.Economy;

/// <summary>
/// The chart of one financial goal over the years: the outcome (solid) and the budget (dashed), each the figure Styra
/// computes where it can, else the one reported, and the goal's target as a dotted line where it is a number. Drawn
/// with the same style and code path as the other charts (SVG for the pages, PNG for the reports); the legend is
/// written beside it as text and the values stand in a table next to it.
/// </summary>
public static class FinancialGoalChart
{
    public const string OutcomeColourHex = "#134e6f";
    public const string BudgetColourHex = "#b54708";
    public const string TargetColourHex = "#1f7a5a";

    /// <summary>The value a figure is drawn at: Styra's computed figure (rounded as shown), else the reported one.</summary>
    public static decimal? Value(GoalFigure f) => f.ComputedShown ?? f.Reported;

    /// <summary>The target as a number (2 %, 100 %), or null where it is not one (solidity: "positive and not decreasing").</summary>
    public static decimal? Target(FinancialGoalKind goal) => goal switch
    {
        FinancialGoalKind.ResultShare => FinancialGoalFormulas.ResultShareTarget,
        FinancialGoalKind.SelfFinancing => FinancialGoalFormulas.SelfFinancingTarget,
        _ => null,
    };

    public static (string Outcome, string Budget, string Target) Titles(bool english) => english
        ? ("Outcome", "Budget", "Target")
        : ("Utfall", "Budget", "Mål");

    public static string Svg(FinancialGoalKind goal, IReadOnlyList<GoalFigure> figures, bool english, int width = 720, int height = 300) =>
        Indicators.ChartExport.Svg(Model(goal, figures, english), width, height);

    public static byte[] Png(FinancialGoalKind goal, IReadOnlyList<GoalFigure> figures, bool english, int width = 720, int height = 300) =>
        Indicators.ChartExport.Png(Model(goal, figures, english), width, height);

    public static PlotModel Model(FinancialGoalKind goal, IReadOnlyList<GoalFigure> figures, bool english)
    {
        var titles = Titles(english);
        var years = figures.Select(f => f.Year).Distinct().Order().ToList();
        var model = Indicators.ChartExport.NewModel();
        model.Culture = System.Globalization.CultureInfo.GetCultureInfo(english ? "en-GB" : "sv-SE");
        model.Axes.Add(new CategoryAxis
        {
            Position = AxisPosition.Bottom,
            ItemsSource = years.Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
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
            Title = "%",
            MaximumPadding = 0.1,
            MinimumPadding = 0.1,
        });
        if (Target(goal) is { } target)
        {
            model.Annotations.Add(new LineAnnotation
            {
                Type = LineAnnotationType.Horizontal,
                Y = (double)target,
                Color = OxyColor.Parse(TargetColourHex),
                LineStyle = LineStyle.Dot,
                StrokeThickness = 2,
            });
        }
        IEnumerable<DataPoint> Points(ReportedBasis basis) => figures.Where(f => f.Basis == basis && Value(f) is not null)
            .Select(f => new DataPoint(years.IndexOf(f.Year), (double)Value(f)!.Value));
        model.Series.Add(Indicators.ChartExport.Line(titles.Budget, OxyColor.Parse(BudgetColourHex), LineStyle.Dash, Points(ReportedBasis.Budget)));
        model.Series.Add(Indicators.ChartExport.Line(titles.Outcome, OxyColor.Parse(OutcomeColourHex), LineStyle.Solid, Points(ReportedBasis.Outcome)));
        return model;
    }
}
