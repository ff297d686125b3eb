using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.FollowUp;
using Styra.Features.Organisation;

namespace Styra.Features.Economy;

public sealed record TaxRateView(int Year, decimal Percent, string Source);

public sealed record FeeDecisionView(int Year, string Area, string Decision, decimal? MaxChangePercent, string Source);

public sealed record TaxRateInput(decimal? Percent, string? Source);

/// <summary>One fee decision as entered; <see cref="Area"/> names it and is unique within the year.</summary>
public sealed record FeeInput(string? Area, string? Decision, decimal? MaxChangePercent, string? Source);

public sealed record TaxAndFeesResult(Outcome Outcome, TaxRateView? TaxRate, IReadOnlyList<FeeDecisionView> Fees, IReadOnlyList<FieldProblem> Problems);

/// <summary>
/// The budget year's tax rate (utdebitering) and fee decisions (egenavgifter), as the decision states them. Planners
/// set the tax rate and replace the year's list of fee decisions; each is all or nothing.
/// </summary>
public sealed class TaxAndFees(StyraDbContext db)
{
    public const int MaxDecision = 4000;

    public async Task<(TaxRateView? TaxRate, IReadOnlyList<FeeDecisionView> Fees)> ForYearAsync(int regionId, int year, CancellationToken ct = default)
    {
        var tax = await db.TaxRates.AsNoTracking().SingleOrDefaultAsync(t => t.RegionId == regionId && t.Year == year, ct);
        var fees = await db.FeeDecisions.AsNoTracking().Where(f => f.RegionId == regionId && f.Year == year).OrderBy(f => f.Id).ToListAsync(ct);
        return (tax is null ? null : ToView(tax), fees.Select(ToView).ToList());
    }

    /// <summary>Every year's tax rate and fee decisions of the region, oldest first.</summary>
    public async Task<IReadOnlyList<(int Year, TaxRateView? TaxRate, IReadOnlyList<FeeDecisionView> Fees)>> AllYearsAsync(int regionId, CancellationToken ct = default)
    {
        var taxes = await db.TaxRates.AsNoTracking().Where(t => t.RegionId == regionId).ToListAsync(ct);
        var fees = await db.FeeDecisions.AsNoTracking().Where(f => f.RegionId == regionId).OrderBy(f => f.Id).ToListAsync(ct);
        return taxes.Select(t => t.Year).Concat(fees.Select(f => f.Year)).Distinct().Order()
            .Select(y => (y, taxes.SingleOrDefault(t => t.Year == y) is { } t ? ToView(t) : null,
                (IReadOnlyList<FeeDecisionView>)fees.Where(f => f.Year == y).Select(ToView).ToList()))
            .ToList();
    }

    public async Task<TaxAndFeesResult> SetTaxRateAsync(RegionCode code, int year, TaxRateInput input, Access access, CancellationToken ct = default)
    {
        var (region, refused) = await PlannerRegionAsync(code, year, access, ct);
        if (refused is not null) return refused;
        var problems = new List<FieldProblem>();
        if (input.Percent is not { } percent)
            problems.Add(new("percent", "Ange skattesatsen i procent, t.ex. 11,40.", "Enter the tax rate in percent, e.g. 11.40."));
        else if (percent is <= 0 or >= 100)
            problems.Add(new("percent", $"Skattesatsen ska vara över 0 och under 100 procent (t.ex. 11,40); {percent} går inte.",
                $"The tax rate must be above 0 and below 100 percent (e.g. 11.40); {percent} will not do."));
        else if (decimal.Round(percent, 4) != percent)
            problems.Add(new("percent", "Skattesatsen får ha högst fyra decimaler.", "The tax rate may have at most four decimals."));
        if ((input.Source?.Length ?? 0) > 500) problems.Add(new("source", "Källan får vara högst 500 tecken.", "The source may be at most 500 characters."));
        if (problems.Count > 0) return new(Outcome.Invalid, null, [], problems);

        var source = Source(input.Source, access);
        var tax = await db.TaxRates.SingleOrDefaultAsync(t => t.RegionId == region!.Id && t.Year == year, ct);
        if (tax is null) db.TaxRates.Add(tax = new TaxRate(region!, year, input.Percent!.Value, source));
        else tax.Set(input.Percent!.Value, source);
        await db.SaveChangesAsync(ct);
        var (t, fees) = await ForYearAsync(region!.Id, year, ct);
        return new(Outcome.Ok, t, fees, []);
    }

    /// <summary>
    /// Replaces the year's fee decisions with <paramref name="fees"/>: an area already there is revised, a new one added,
    /// one no longer listed removed. Rows with neither area nor decision are skipped (an empty row of a form).
    /// </summary>
    public async Task<TaxAndFeesResult> SaveFeesAsync(RegionCode code, int year, IReadOnlyList<FeeInput> fees, Access access, CancellationToken ct = default)
    {
        var (region, refused) = await PlannerRegionAsync(code, year, access, ct);
        if (refused is not null) return refused;
        var problems = new List<FieldProblem>();
        var rows = new List<(int Index, FeeInput Fee)>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < fees.Count; i++)
        {
            var f = fees[i];
            if (string.IsNullOrWhiteSpace(f.Area) && string.IsNullOrWhiteSpace(f.Decision)) continue;
            var n = i + 1;
            if (string.IsNullOrWhiteSpace(f.Area))
                problems.Add(new($"fees[{i}].area", $"Rad {n}: ange avgiftsområdet, t.ex. Patientavgifter.", $"Row {n}: enter the area, e.g. Patientavgifter."));
            else if (f.Area.Trim().Length > 200)
                problems.Add(new($"fees[{i}].area", $"Rad {n}: området får vara högst 200 tecken.", $"Row {n}: the area may be at most 200 characters."));
            else if (seen.TryGetValue(f.Area.Trim(), out var first))
                problems.Add(new($"fees[{i}].area", $"Rad {n}: {f.Area.Trim()} finns redan på rad {first + 1}; ett område har ett beslut per år.",
                    $"Row {n}: {f.Area.Trim()} is already on row {first + 1}; an area has one decision per year."));
            else seen[f.Area.Trim()] = i;
            if (string.IsNullOrWhiteSpace(f.Decision))
                problems.Add(new($"fees[{i}].decision", $"Rad {n}: skriv beslutet som dokumentet anger det.", $"Row {n}: write the decision as the document states it."));
            else if (f.Decision.Length > MaxDecision)
                problems.Add(new($"fees[{i}].decision", $"Rad {n}: beslutet får vara högst {MaxDecision} tecken.", $"Row {n}: the decision may be at most {MaxDecision} characters."));
            if (f.MaxChangePercent is <= -100 or >= 1000)
                problems.Add(new($"fees[{i}].maxChangePercent", $"Rad {n}: största förändring anges i procent, över −100 och under 1 000 (t.ex. 3).",
                    $"Row {n}: the largest change is given in percent, above −100 and below 1,000 (e.g. 3)."));
            if ((f.Source?.Length ?? 0) > 500)
                problems.Add(new($"fees[{i}].source", $"Rad {n}: källan får vara högst 500 tecken.", $"Row {n}: the source may be at most 500 characters."));
            rows.Add((i, f));
        }
        if (problems.Count > 0) return new(Outcome.Invalid, null, [], problems);

        var existing = await db.FeeDecisions.Where(f => f.RegionId == region!.Id && f.Year == year).ToListAsync(ct);
        var kept = new HashSet<FeeDecision>();
        foreach (var (_, f) in rows)
        {
            var area = f.Area!.Trim();
            var decision = existing.FirstOrDefault(e => string.Equals(e.Area, area, StringComparison.OrdinalIgnoreCase));
            var source = string.IsNullOrWhiteSpace(f.Source) && decision is not null ? decision.Source : Source(f.Source, access);
            if (decision is null) db.FeeDecisions.Add(new FeeDecision(region!, year, area, f.Decision!, f.MaxChangePercent, source));
            else
            {
                if (decision.Area != area || decision.Decision != f.Decision!.Trim() || decision.MaxChangePercent != f.MaxChangePercent || decision.Source != source)
                    decision.Revise(area, f.Decision!, f.MaxChangePercent, source);
                kept.Add(decision);
            }
        }
        db.FeeDecisions.RemoveRange(existing.Where(e => !kept.Contains(e)));
        await db.SaveChangesAsync(ct);
        var (t, saved) = await ForYearAsync(region!.Id, year, ct);
        return new(Outcome.Ok, t, saved, []);
    }

    private async Task<(Region? Region, TaxAndFeesResult? Refused)> PlannerRegionAsync(RegionCode code, int year, Access access, CancellationToken ct)
    {
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null || !access.CanRead(region.Id)) return (null, new(Outcome.NotFound, null, [], []));
        if (!access.IsPlanner(region.Id))
            return (null, new(Outcome.Forbidden, null, [], [new("", "Bara regionens planerare kan ange skattesats och avgiftsbeslut.",
                "Only the region's planners can record the tax rate and fee decisions.")]));
        if (year is < 1990 or > 2100) return (null, new(Outcome.Invalid, null, [], [new("year", "Ange ett år mellan 1990 och 2100.", "Give a year between 1990 and 2100.")]));
        return (region, null);
    }

    private static string Source(string? given, Access access) => string.IsNullOrWhiteSpace(given) ? $"Angiven i Styra av {access.Name}" : given.Trim();

    public static TaxRateView ToView(TaxRate t) => new(t.Year, t.Percent, t.Source);

    public static FeeDecisionView ToView(FeeDecision f) => new(f.Year, f.Area, f.Decision, f.MaxChangePercent, f.Source);
}
