using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Organisation;

namespace Styra.Features.Economy;

/// <summary>
/// Fictitious monthly economy reports for the demo: Halland 2024, January–August, for every committee with a frame.
/// Most committees follow their budget (within a few tenths of a million); Hallands sjukhus and Psykiatri overspend
/// and Kollektivtrafik has a surplus, each with a comment marked [Demotext]. August: Psykiatri's report is a draft and
/// Kultur och skola has not reported. The figures are computed, not random, so every load gives the same.
/// </summary>
public static class DemoMonthlyEconomy
{
    public const int Year = 2024;
    public const int LastMonth = 8;
    public const string MissingInAugust = "DNKS";
    public const string DraftInAugust = "DNPSH";

    /// <summary>The committees that deviate: their drift (share of the budget at August, negative = overspend), their full-year forecast and the comment.</summary>
    private static readonly Dictionary<string, (decimal Drift, decimal Forecast, string Comment)> Deviating = new()
    {
        ["DNHS"] = (-0.015m, 5680.5m,
            "[Demotext] Högre kostnader för inhyrd personal och fler vårddygn inom akutsjukvården än budgeterat. "
            + "Driftnämnden beslutade om en åtgärdsplan i april (minskad inhyrning, översyn av vårdplatser); effekten väntas under hösten."),
        [DraftInAugust] = (-0.012m, 846.4m,
            "[Demotext] Ökade kostnader för köpt vård inom barn- och ungdomspsykiatrin. Vårdgarantin följs; kostnaden bedöms bestå året ut."),
        ["DNKT"] = (0.010m, 566.0m,
            "[Demotext] Fler resenärer än budgeterat ger högre biljettintäkter, och drivmedelskostnaderna har varit lägre."),
    };

    public static async Task LoadAsync(StyraDbContext db, CancellationToken ct)
    {
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == new RegionCode("13"), ct);
        if (region is null || await db.CommitteeEconomyReports.AnyAsync(r => r.RegionId == region.Id, ct)) return;
        var rows = await db.BudgetFrameYears.Where(y => y.RegionId == region.Id && y.Year == Year)
            .SelectMany(y => y.Rows).Where(r => r.UnitId != null).Include(r => r.Unit).OrderBy(r => r.Position).ToListAsync(ct);
        for (var i = 0; i < rows.Count; i++)
        {
            var (unit, frame) = (rows[i].Unit!, rows[i].Amount);
            for (var month = 1; month <= LastMonth; month++)
            {
                if (month == LastMonth && unit.Code == MissingInAugust) continue;
                var budget = MonthlyRules.BudgetToDate(frame, month, null);
                var report = new CommitteeEconomyReport(region, unit, Year, month);
                string comment;
                if (Deviating.TryGetValue(unit.Code, out var d))
                {
                    // The drift grows over the year, as an overspend that is found and acted on usually does.
                    report.OutcomeToDate = Math.Round(budget * (1 - d.Drift * month / LastMonth), 1);
                    report.FullYearForecast = month < 3 ? frame : d.Forecast;
                    comment = d.Comment;
                }
                else
                {
                    // Within ±0,3 mnkr of the budget: below the deviation threshold, so no comment is needed.
                    report.OutcomeToDate = Math.Round(budget, 1) + ((i * 7 + month * 3) % 7 - 3) * 0.1m;
                    report.FullYearForecast = frame;
                    comment = "";
                }
                var view = MonthlyEconomyQueries.ToView(report, unit, frame, Year, month);
                report.Comment = view.NeedsComment ? comment : "";
                var submitted = new DateTimeOffset(month == 12 ? Year + 1 : Year, month % 12 + 1, 10, 8, 0, 0, TimeSpan.Zero);
                report.UpdatedAt = submitted;
                report.UpdatedBy = "demo";
                if (month == LastMonth && unit.Code == DraftInAugust)
                {
                    report.Version = 1;
                    report.Status = EconomyReportStatus.Draft;
                }
                else
                {
                    report.Version = 2;
                    report.Status = EconomyReportStatus.Submitted;
                    report.SubmittedAt = submitted;
                    report.SubmittedBy = "demo";
                }
                db.CommitteeEconomyReports.Add(report);
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
