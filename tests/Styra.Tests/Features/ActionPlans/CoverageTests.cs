using Styra.Features.ActionPlans;

namespace Styra.Tests.Features.ActionPlans;

/// <summary>The coverage matrix and the comparison of two revisions, on a small hand-built strategy.</summary>
public sealed class CoverageTests
{
    // Two groups; areas A (directions A1, A2) and B (B1) in group G1, C in G2 (no directions); shifts F1, F2.
    private static readonly StrategyTags Tags = new(
    [
        new("g1", "group", "Grupp 1", null, 0),
        new("a", "initiative-area", "Område A", "g1", 1),
        new("a1", "direction", "Riktning A1", "a", 2),
        new("a2", "direction", "Riktning A2", "a", 3),
        new("b", "initiative-area", "Område B", "g1", 4),
        new("b1", "direction", "Riktning B1", "b", 5),
        new("g2", "group", "Grupp 2", null, 6),
        new("c", "initiative-area", "Område C", "g2", 7),
        new("f1", "focus-shift", "Skifte ett", null, 8),
        new("f2", "focus-shift", "Skifte två", null, 9),
        new("p", "principle", "Princip", null, 10),
    ], TagLevels.Default);

    private static InitiativeSnapshot I(string key, string tags, InitiativeStatus status = InitiativeStatus.Ongoing, string title = "T", string owner = "O",
        DateOnly? start = null, DateOnly? end = null) => new(key, title, owner, start, end, status, tags.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void Matrix_ADirectionCountsForItsArea_OncePerCell_CancelledNotCounted()
    {
        var m = CoverageMatrix.Of(
        [
            I("1", "a1 a2 a f1"),          // three tags of A: counts once in A×F1
            I("2", "a1 b1 f1 f2"),         // A×F1, A×F2, B×F1, B×F2
            I("3", "b"),                   // serves B, advances nothing
            I("4", "c f2", InitiativeStatus.Cancelled),
        ], Tags);

        Assert.Equal(["a", "b", "c"], m.Rows.Select(r => r.Area.Key));
        Assert.Equal("g1", m.Rows[0].Group!.Key);
        Assert.Equal([2, 1], m.Rows[0].Cells);
        Assert.Equal([1, 1], m.Rows[1].Cells);
        Assert.Equal([0, 0], m.Rows[2].Cells);
        Assert.Equal(2, m.Rows[0].Total);
        Assert.Equal(2, m.Rows[1].Total);
        Assert.Equal(0, m.Rows[2].Total);
        Assert.Equal([2, 1], m.ColumnTotals);
        Assert.Equal(3, m.Counted);
        Assert.Equal(1, m.WithoutFocusShift);
        Assert.Equal(["c"], m.AreasWithout.Select(a => a.Key));
        Assert.Equal(["c:f1", "c:f2"], m.EmptyCells.Select(c => $"{c.Area.Key}:{c.FocusShift.Key}"));
        Assert.Equal(2, m.Cell("a", "f1"));
        Assert.Equal([("a1", 2), ("a2", 1), ("b1", 1)], m.Directions.Select(d => (d.Direction.Key, d.Count)));
        Assert.Empty(m.DirectionsWithout);
    }

    [Fact]
    public void Matrix_ListsEmptyCellsAndDirectionsWithoutInitiatives()
    {
        var m = CoverageMatrix.Of([I("1", "a2 f2")], Tags);
        Assert.Equal(["a:f1", "b:f1", "b:f2", "c:f1", "c:f2"], m.EmptyCells.Select(c => $"{c.Area.Key}:{c.FocusShift.Key}"));
        Assert.Equal(["b", "c"], m.AreasWithout.Select(a => a.Key));
        Assert.Equal(["a1", "b1"], m.DirectionsWithout.Select(d => d.Direction.Key));
    }

    [Fact]
    public void Compare_AddedRemovedChangedFieldsAndTags_AndTheCellsThatChanged()
    {
        var d = new DateOnly(2025, 1, 1);
        var earlier = new[]
        {
            I("K1", "a f1", title: "Ett", owner: "Chef A", start: d, end: d.AddYears(1)),
            I("K2", "b f1", InitiativeStatus.Planned),
            I("K3", "c f2"),
            I("K4", "a1 f2"),
        };
        var later = new[]
        {
            I("K1", "a f1", title: "Ett (ny)", owner: "Chef B", start: d, end: d.AddYears(2)),
            I("K2", "b f2", InitiativeStatus.Delayed),
            I("K4", "a1 f2"),
            I("K5", "c f2"),
        };
        var c = RevisionComparison.Of(earlier, later, Tags);

        Assert.Equal(["K5"], c.Added.Select(i => i.Key));
        Assert.Equal(["K3"], c.Removed.Select(i => i.Key));
        Assert.Equal(1, c.Unchanged);
        Assert.Equal(["K1", "K2"], c.Changed.Select(x => x.Key));
        Assert.Equal([new FieldChange("title", "Ett", "Ett (ny)"), new FieldChange("owner", "Chef A", "Chef B"), new FieldChange("end", "2026-01-01", "2027-01-01")],
            c.Changed[0].Fields);
        Assert.Empty(c.Changed[0].TagsAdded);
        Assert.Equal([new FieldChange("status", "Planned", "Delayed")], c.Changed[1].Fields);
        Assert.Equal(["f2"], c.Changed[1].TagsAdded);
        Assert.Equal(["f1"], c.Changed[1].TagsRemoved);
        // B×F1 1 → 0 and B×F2 0 → 1; C×F2 stays 1 (K3 removed, K5 added).
        Assert.Equal(["b:f1 1→0", "b:f2 0→1"], c.Cells.Select(x => $"{x.Area.Key}:{x.FocusShift.Key} {x.Old}→{x.New}"));
    }

    [Fact]
    public void Tags_AreaOfADirectionIsItsParent_PrinciplesDoNotTag()
    {
        Assert.Equal("a", Tags.AreaOf("a2"));
        Assert.Equal("c", Tags.AreaOf("c"));
        Assert.Null(Tags.AreaOf("f1"));
        Assert.False(Tags.IsTag("p"));
        Assert.False(Tags.IsTag("g1"));
        Assert.True(Tags.IsTag("f2"));
    }
}
