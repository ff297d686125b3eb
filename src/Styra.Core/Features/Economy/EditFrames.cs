using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.FollowUp;
using Styra.Features.Organisation;

namespace Styra.Features.Economy;

/// <summary>A frame row as entered: the label as the decision writes it, the unit's code (or none), the amount in mnkr.</summary>
public sealed record FrameRowInput(string? Label, string? Unit, decimal? Amount);

public sealed record FramesInput(IReadOnlyList<FrameRowInput> Rows, decimal? StatedTotal, string? Source);

public sealed record InvestmentPlanInput(decimal? DecidedAndReinvestments, decimal? PropertyInvestments, decimal? StatedTotal, string? Source);

public sealed record FramesResult(Outcome Outcome, FrameYearView? Frames, InvestmentPlanView? InvestmentPlan, IReadOnlyList<FieldProblem> Problems);

/// <summary>
/// A planner enters or corrects a year's budget frames (the rows in the decision's order and the stated total) and its
/// investment plan. All or nothing; each problem names the row and field. Rows with neither label nor amount are skipped.
/// </summary>
public sealed class EditFrames(StyraDbContext db, EconomyQueries economy)
{
    public async Task<FramesResult> SaveFramesAsync(RegionCode code, int year, FramesInput input, Access access, CancellationToken ct = default)
    {
        var (region, refused) = await PlannerRegionAsync(code, year, access, ct);
        if (refused is not null) return refused;
        var units = await db.Units.Where(u => u.RegionId == region!.Id).ToListAsync(ct);
        var problems = new List<FieldProblem>();
        var rows = new List<(string Label, Unit? Unit, decimal Amount)>();
        for (var i = 0; i < input.Rows.Count; i++)
        {
            var r = input.Rows[i];
            if (string.IsNullOrWhiteSpace(r.Label) && r.Amount is null && string.IsNullOrWhiteSpace(r.Unit)) continue;
            var n = i + 1;
            if (string.IsNullOrWhiteSpace(r.Label))
                problems.Add(new($"rows[{i}].label", $"Rad {n}: skriv radens namn som beslutet anger det, t.ex. Driftnämnd Psykiatri.", $"Row {n}: write the row's name as the decision gives it, e.g. Driftnämnd Psykiatri."));
            else if (r.Label.Trim().Length > 200)
                problems.Add(new($"rows[{i}].label", $"Rad {n}: namnet får vara högst 200 tecken.", $"Row {n}: the name may be at most 200 characters."));
            Unit? unit = null;
            if (!string.IsNullOrWhiteSpace(r.Unit) && (unit = units.SingleOrDefault(u => string.Equals(u.Code, r.Unit.Trim(), StringComparison.OrdinalIgnoreCase))) is null)
                problems.Add(new($"rows[{i}].unit", $"Rad {n}: {r.Unit.Trim()} är ingen av regionens enheter; ange en enhetskod, t.ex. DNPSH, eller lämna tomt.",
                    $"Row {n}: {r.Unit.Trim()} is none of the region's units; enter a unit code, e.g. DNPSH, or leave it empty."));
            if (r.Amount is null)
                problems.Add(new($"rows[{i}].amount", $"Rad {n}: ange ramen i mnkr.", $"Row {n}: enter the frame in mnkr."));
            if (problems.Count == 0) rows.Add((r.Label!.Trim(), unit, r.Amount!.Value));
        }
        if (rows.Count == 0 && problems.Count == 0)
            problems.Add(new("rows[0].label", "Ange minst en rad.", "Enter at least one row."));
        if ((input.Source?.Length ?? 0) > 500) problems.Add(new("source", "Källan får vara högst 500 tecken.", "The source may be at most 500 characters."));
        if (problems.Count > 0) return new(Outcome.Invalid, null, null, problems);

        var source = string.IsNullOrWhiteSpace(input.Source) ? $"Angiven i Styra av {access.Name}" : input.Source.Trim();
        var frameYear = await db.BudgetFrameYears.Include(y => y.Rows).SingleOrDefaultAsync(y => y.RegionId == region!.Id && y.Year == year, ct);
        if (frameYear is null) db.BudgetFrameYears.Add(frameYear = new BudgetFrameYear(region!, year, input.StatedTotal, source));
        frameYear.StatedTotal = input.StatedTotal;
        frameYear.Source = source;
        var existing = frameYear.Rows.OrderBy(r => r.Position).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            if (i < existing.Count) existing[i].Revise(rows[i].Label, rows[i].Unit, rows[i].Amount);
            else frameYear.AddRow(rows[i].Label, rows[i].Unit, rows[i].Amount);
        }
        foreach (var gone in existing.Skip(rows.Count))
        {
            frameYear.Rows.Remove(gone);
            db.Remove(gone);
        }
        await db.SaveChangesAsync(ct);
        return new(Outcome.Ok, (await economy.BudgetFramesAsync(code, year, year, ct))!.Single(), null, []);
    }

    public async Task<FramesResult> SaveInvestmentPlanAsync(RegionCode code, int year, InvestmentPlanInput input, Access access, CancellationToken ct = default)
    {
        var (region, refused) = await PlannerRegionAsync(code, year, access, ct);
        if (refused is not null) return refused;
        var problems = new List<FieldProblem>();
        if (input.DecidedAndReinvestments is null)
            problems.Add(new("decidedAndReinvestments", "Ange summa redan beslutat/reinvesteringar i mnkr.", "Enter the sum of decided investments and reinvestments in mnkr."));
        if (input.PropertyInvestments is null)
            problems.Add(new("propertyInvestments", "Ange summa fastighetsinvesteringar i mnkr.", "Enter the sum of property investments in mnkr."));
        if ((input.Source?.Length ?? 0) > 500) problems.Add(new("source", "Källan får vara högst 500 tecken.", "The source may be at most 500 characters."));
        if (problems.Count > 0) return new(Outcome.Invalid, null, null, problems);

        var source = string.IsNullOrWhiteSpace(input.Source) ? $"Angiven i Styra av {access.Name}" : input.Source.Trim();
        var plan = await db.InvestmentPlanYears.SingleOrDefaultAsync(p => p.RegionId == region!.Id && p.Year == year, ct);
        if (plan is null)
            db.InvestmentPlanYears.Add(new InvestmentPlanYear(region!, year, input.DecidedAndReinvestments!.Value, input.PropertyInvestments!.Value, input.StatedTotal, source));
        else
        {
            plan.DecidedAndReinvestments = input.DecidedAndReinvestments!.Value;
            plan.PropertyInvestments = input.PropertyInvestments!.Value;
            plan.StatedTotal = input.StatedTotal;
            plan.Source = source;
        }
        await db.SaveChangesAsync(ct);
        return new(Outcome.Ok, null, (await economy.InvestmentPlanAsync(code, year, year, ct))!.Single(), []);
    }

    private async Task<(Region? Region, FramesResult? Refused)> PlannerRegionAsync(RegionCode code, int year, Access access, CancellationToken ct)
    {
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null || !access.CanRead(region.Id)) return (null, new(Outcome.NotFound, null, null, []));
        if (!access.IsPlanner(region.Id))
            return (null, new(Outcome.Forbidden, null, null, [new("", "Bara regionens planerare kan ändra budgetramar och investeringsplan.",
                "Only the region's planners can change the budget frames and the investment plan.")]));
        if (year is < 1990 or > 2100) return (null, new(Outcome.Invalid, null, null, [new("year", "Ange ett år mellan 1990 och 2100.", "Give a year between 1990 and 2100.")]));
        return (region, null);
    }
}
