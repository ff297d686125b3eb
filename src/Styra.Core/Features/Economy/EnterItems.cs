using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.FollowUp;
using Styra.Features.Organisation;

namespace Styra.Features.Economy;

/// <summary>One item as entered: an amount in mnkr, or null for "no figure" (an amount stored before is removed).</summary>
public sealed record ItemEntry(EconomyItemKind Item, decimal? Amount);

public sealed record ItemEntryResult(Outcome Outcome, int Added, int Changed, int Removed, IReadOnlyList<FieldProblem> Problems);

/// <summary>
/// A planner enters or corrects a year's items of one kind (utfall, budget, prognos) by hand — the same items and sign
/// rules as the import (docs/economy-format.md). All or nothing: one wrong item and nothing is saved. The field of a
/// problem is the item's file code (e.g. <c>verksamhetens-kostnader</c>), and the message names the item.
/// </summary>
public sealed class EnterEconomyItems(StyraDbContext db)
{
    public async Task<ItemEntryResult> SaveAsync(RegionCode code, int year, FigureKind kind, IReadOnlyList<ItemEntry> entries, Access access, CancellationToken ct = default)
    {
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null || !access.CanRead(region.Id)) return new(Outcome.NotFound, 0, 0, 0, []);
        if (!access.IsPlanner(region.Id))
            return new(Outcome.Forbidden, 0, 0, 0, [new("", "Bara regionens planerare kan mata in ekonomiposter.", "Only the region's planners can enter economy items.")]);
        var problems = new List<FieldProblem>();
        if (year is < 1990 or > 2100) problems.Add(new("year", "Ange ett år mellan 1990 och 2100.", "Give a year between 1990 and 2100."));
        foreach (var group in entries.GroupBy(e => e.Item).Where(g => g.Count() > 1))
            problems.Add(new(CodeOf(group.Key), $"{SwedishOf(group.Key)} anges två gånger; ange varje post en gång.", $"{SwedishOf(group.Key)} is given twice; give each item once."));
        foreach (var e in entries.Where(e => e.Amount is < 0 && !EconomyImporter.Signed.Contains(e.Item)))
            problems.Add(new(CodeOf(e.Item), $"{SwedishOf(e.Item)}: {Shown(e.Amount)} är negativt; posten anges som ett positivt belopp (en kostnad som 1 200, inte −1 200).",
                $"{SwedishOf(e.Item)}: {Shown(e.Amount)} is negative; the item is entered as a positive amount (a cost as 1 200, not −1 200)."));
        foreach (var e in entries.Where(e => e.Amount is { } a && Math.Abs(a) >= 1_000_000_000m))
            problems.Add(new(CodeOf(e.Item), $"{SwedishOf(e.Item)}: {Shown(e.Amount)} mnkr är orimligt stort; belopp anges i mnkr.",
                $"{SwedishOf(e.Item)}: {Shown(e.Amount)} mnkr is implausibly large; amounts are in mnkr."));
        if (problems.Count > 0) return new(Outcome.Invalid, 0, 0, 0, problems);

        var existing = await db.EconomyItems.Where(i => i.RegionId == region.Id && i.Year == year && i.Kind == kind).ToDictionaryAsync(i => i.Item, ct);
        var source = $"Inmatad i Styra av {access.Name}";
        int added = 0, changed = 0, removed = 0;
        foreach (var e in entries)
        {
            var item = existing.GetValueOrDefault(e.Item);
            if (e.Amount is not { } amount)
            {
                if (item is null) continue;
                db.EconomyItems.Remove(item);
                removed++;
            }
            else if (item is null)
            {
                db.EconomyItems.Add(new EconomyItem(region, year, kind, e.Item, amount, source));
                added++;
            }
            else if (item.Amount != amount)
            {
                item.Amount = amount;
                item.Source = source;
                changed++;
            }
        }
        await db.SaveChangesAsync(ct);
        return new(Outcome.Ok, added, changed, removed, []);
    }

    private static string Shown(decimal? amount) => amount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";

    public static string CodeOf(EconomyItemKind item) => EconomyImporter.ItemNames.Single(n => n.Item == item).Code;

    public static string SwedishOf(EconomyItemKind item) => EconomyImporter.ItemNames.Single(n => n.Item == item).Swedish;
}
