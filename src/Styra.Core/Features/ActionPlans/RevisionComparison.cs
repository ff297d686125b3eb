using System.Globalization;

namespace Styra.Features.ActionPlans;

/// <summary>One field of an initiative that differs between two revisions, old → new, as text (dates yyyy-MM-dd, status by name).</summary>
public sealed record FieldChange(string Field, string? Old, string? New);

public sealed record InitiativeChange(string Key, string Title, IReadOnlyList<FieldChange> Fields, IReadOnlyList<string> TagsAdded, IReadOnlyList<string> TagsRemoved);

/// <summary>A cell of the coverage matrix whose count differs between the revisions.</summary>
public sealed record CellChange(StrategyNode Area, StrategyNode FocusShift, int Old, int New);

/// <summary>
/// This year's revision against an earlier one, by initiative key: what was added, removed and changed (title, owner,
/// start, end, status, tags added and removed), how many are unchanged in those fields, and the cells of the coverage
/// matrix that changed. Both matrices are read against the same strategy nodes (the later revision's strategy), so a
/// cell that changed means the initiatives changed, not the strategy. Descriptions are not compared.
/// </summary>
public sealed record RevisionComparison(
    IReadOnlyList<InitiativeSnapshot> Added,
    IReadOnlyList<InitiativeSnapshot> Removed,
    IReadOnlyList<InitiativeChange> Changed,
    int Unchanged,
    IReadOnlyList<CellChange> Cells)
{
    public static RevisionComparison Of(IReadOnlyList<InitiativeSnapshot> earlier, IReadOnlyList<InitiativeSnapshot> later, StrategyTags tags)
    {
        var before = earlier.ToDictionary(i => i.Key, StringComparer.Ordinal);
        var after = later.ToDictionary(i => i.Key, StringComparer.Ordinal);
        var added = later.Where(i => !before.ContainsKey(i.Key)).ToList();
        var removed = earlier.Where(i => !after.ContainsKey(i.Key)).ToList();
        var changed = new List<InitiativeChange>();
        var unchanged = 0;
        foreach (var now in later.Where(i => before.ContainsKey(i.Key)))
        {
            var was = before[now.Key];
            var fields = new List<FieldChange>();
            void Compare(string field, string? old, string? @new) { if (old != @new) fields.Add(new(field, old, @new)); }
            Compare("title", was.Title, now.Title);
            Compare("owner", was.Owner, now.Owner);
            Compare("start", Date(was.Start), Date(now.Start));
            Compare("end", Date(was.End), Date(now.End));
            Compare("status", was.Status.ToString(), now.Status.ToString());
            var tagsAdded = now.NodeKeys.Except(was.NodeKeys).ToList();
            var tagsRemoved = was.NodeKeys.Except(now.NodeKeys).ToList();
            if (fields.Count == 0 && tagsAdded.Count == 0 && tagsRemoved.Count == 0) unchanged++;
            else changed.Add(new InitiativeChange(now.Key, now.Title, fields, tagsAdded, tagsRemoved));
        }
        var m0 = CoverageMatrix.Of(earlier, tags);
        var m1 = CoverageMatrix.Of(later, tags);
        var cells = new List<CellChange>();
        for (var r = 0; r < m1.Rows.Count; r++)
            for (var c = 0; c < m1.FocusShifts.Count; c++)
                if (m0.Rows[r].Cells[c] != m1.Rows[r].Cells[c])
                    cells.Add(new CellChange(m1.Rows[r].Area, m1.FocusShifts[c], m0.Rows[r].Cells[c], m1.Rows[r].Cells[c]));
        return new RevisionComparison(added, removed, changed, unchanged, cells);
    }

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
