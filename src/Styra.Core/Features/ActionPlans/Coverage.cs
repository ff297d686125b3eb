namespace Styra.Features.ActionPlans;

/// <summary>What the matrix and the comparison read of an initiative.</summary>
public sealed record InitiativeSnapshot(string Key, string Title, string Owner, DateOnly? Start, DateOnly? End, InitiativeStatus Status,
    IReadOnlyList<string> NodeKeys)
{
    public static InitiativeSnapshot Of(Initiative i) => new(i.Key, i.Title, i.Owner, i.Start, i.End, i.Status, i.NodeKeys);
}

public sealed record CoverageRow(StrategyNode Area, StrategyNode? Group, IReadOnlyList<int> Cells, int Total);

public sealed record CoverageCell(StrategyNode Area, StrategyNode FocusShift);

public sealed record DirectionCount(StrategyNode Direction, StrategyNode? Area, int Count);

/// <summary>
/// The coverage matrix of a handlingsplan revision: insatsområden (rows, grouped and in plan order) × fokusförflyttningar
/// (columns). A cell counts the initiatives tagged with the fokusförflyttning and with the insatsområde itself or one of
/// its viljeriktningar (a viljeriktning implies its insatsområde); an initiative counts once per cell however many of
/// the area's tags it carries. Totals count distinct initiatives, so a row total is not the sum of its cells: an
/// initiative may advance several fokusförflyttningar, or none. Cancelled initiatives advance nothing and are not counted.
/// </summary>
public sealed record CoverageMatrix(
    IReadOnlyList<StrategyNode> FocusShifts,
    IReadOnlyList<CoverageRow> Rows,
    IReadOnlyList<int> ColumnTotals,
    int Counted,
    int WithoutFocusShift,
    IReadOnlyList<StrategyNode> AreasWithout,
    IReadOnlyList<CoverageCell> EmptyCells,
    IReadOnlyList<DirectionCount> Directions)
{
    public IReadOnlyList<DirectionCount> DirectionsWithout => Directions.Where(d => d.Count == 0).ToList();

    public int Cell(string areaKey, string focusShiftKey)
    {
        var row = Rows.Single(r => r.Area.Key == areaKey);
        return row.Cells[FocusShifts.ToList().FindIndex(f => f.Key == focusShiftKey)];
    }

    public static CoverageMatrix Of(IEnumerable<InitiativeSnapshot> initiatives, StrategyTags tags)
    {
        var counted = initiatives.Where(i => i.Status != InitiativeStatus.Cancelled).ToList();
        var areasOf = counted.ToDictionary(i => i.Key, i => i.NodeKeys.Select(tags.AreaOf).OfType<string>().ToHashSet());
        var shiftsOf = counted.ToDictionary(i => i.Key, i => i.NodeKeys.Where(tags.IsFocusShift).ToHashSet());

        var rows = new List<CoverageRow>();
        var empty = new List<CoverageCell>();
        var groupOrder = tags.Groups.Select((g, n) => (g.Key, n)).ToDictionary(x => x.Key, x => x.n);
        foreach (var area in tags.Areas.OrderBy(a => a.ParentKey is { } p && groupOrder.TryGetValue(p, out var n) ? n : int.MaxValue).ThenBy(a => a.Order))
        {
            var serving = counted.Where(i => areasOf[i.Key].Contains(area.Key)).ToList();
            var cells = tags.FocusShifts.Select(f => serving.Count(i => shiftsOf[i.Key].Contains(f.Key))).ToList();
            empty.AddRange(tags.FocusShifts.Where((f, n) => cells[n] == 0).Select(f => new CoverageCell(area, f)));
            rows.Add(new CoverageRow(area, area.ParentKey is { } pk ? tags.Find(pk) : null, cells, serving.Count));
        }
        var columns = tags.FocusShifts.Select(f => counted.Count(i => shiftsOf[i.Key].Contains(f.Key))).ToList();
        var directions = tags.Directions
            .Select(d => new DirectionCount(d, d.ParentKey is { } p ? tags.Find(p) : null, counted.Count(i => i.NodeKeys.Contains(d.Key))))
            .ToList();
        return new CoverageMatrix(tags.FocusShifts, rows, columns, counted.Count, counted.Count(i => shiftsOf[i.Key].Count == 0),
            rows.Where(r => r.Total == 0).Select(r => r.Area).ToList(), empty, directions);
    }
}
