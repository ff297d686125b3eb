using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.FollowUp;
using Styra.Features.Organisation;

namespace Styra.Features.Economy;

public sealed record ExceptionalReasonsInput(ExceptionalGround Ground, string? Justification, DateOnly? FiguresAsOf, decimal? EquityMnkr,
    decimal? LiquidAssetsMnkr, decimal? LiquidAssetsForPensionsMnkr, decimal? TotalCapitalMnkr, decimal? SolidityInclPensionsPercent, decimal? LoanDebtMnkr,
    string? Source);

public sealed record ExceptionalReasonsResult(Outcome Outcome, ExceptionalView? Current, IReadOnlyList<FieldProblem> Problems);

/// <summary>
/// A planner records (or replaces) the region's synnerliga skäl for a year: the ground, the justification and the figures
/// it rests on. Without a justification there are no synnerliga skäl, and a budgeted deficit fails the balance requirement.
/// </summary>
public sealed class RecordExceptionalReasons(StyraDbContext db)
{
    public const int MaxJustification = 8000;

    public async Task<ExceptionalReasonsResult> SaveAsync(RegionCode code, int year, ExceptionalReasonsInput input, Access access, CancellationToken ct = default)
    {
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null || !access.CanRead(region.Id)) return new(Outcome.NotFound, null, []);
        if (!access.IsPlanner(region.Id))
            return new(Outcome.Forbidden, null, [new("", "Bara regionens planerare kan dokumentera synnerliga skäl.", "Only the region's planners can record exceptional reasons.")]);
        var problems = new List<FieldProblem>();
        if (year is < 1990 or > 2100) problems.Add(new("year", "Ange ett år mellan 1990 och 2100.", "Give a year between 1990 and 2100."));
        if (string.IsNullOrWhiteSpace(input.Justification))
            problems.Add(new("justification", "Skriv motiveringen: synnerliga skäl utan dokumenterad motivering godtas inte.", "Write the justification: exceptional reasons without a recorded justification are not accepted."));
        else if (input.Justification.Length > MaxJustification)
            problems.Add(new("justification", $"Motiveringen får vara högst {MaxJustification} tecken.", $"The justification may be at most {MaxJustification} characters."));
        if (input.TotalCapitalMnkr is <= 0)
            problems.Add(new("totalCapitalMnkr", "Totalt kapital måste vara större än noll.", "Total capital must be greater than zero."));
        if (problems.Count > 0) return new(Outcome.Invalid, null, problems);

        var source = string.IsNullOrWhiteSpace(input.Source) ? $"Dokumenterat av {access.Name}" : input.Source.Trim();
        var record = await db.ExceptionalReasons.SingleOrDefaultAsync(e => e.RegionId == region.Id && e.Year == year, ct);
        if (record is null)
        {
            record = new ExceptionalReasons(region, year, input.Ground, input.Justification!, source);
            db.ExceptionalReasons.Add(record);
        }
        else record.Revise(input.Ground, input.Justification!, source);
        record.FiguresAsOf = input.FiguresAsOf;
        record.EquityMnkr = input.EquityMnkr;
        record.LiquidAssetsMnkr = input.LiquidAssetsMnkr;
        record.LiquidAssetsForPensionsMnkr = input.LiquidAssetsForPensionsMnkr;
        record.TotalCapitalMnkr = input.TotalCapitalMnkr;
        record.SolidityInclPensionsPercent = input.SolidityInclPensionsPercent;
        record.LoanDebtMnkr = input.LoanDebtMnkr;
        await db.SaveChangesAsync(ct);
        return new(Outcome.Ok, EconomyQueries.ToView(record), []);
    }
}
