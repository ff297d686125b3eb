using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Accounts;
using Styra.Features.FollowUp;
using Styra.Features.Organisation;

namespace Styra.Features.Economy;

/// <summary>What a committee writes for a month (mnkr): outcome to date, its own periodised budget to date (optional), full-year forecast, comment.</summary>
public sealed record CommitteeReportInput(decimal? OutcomeToDate, decimal? BudgetToDate, decimal? FullYearForecast, string? Comment);

/// <summary>What came of a change: done, or not found, not allowed, someone saved first (<see cref="Current"/> is theirs), or invalid.</summary>
public sealed record CommitteeReportResult(Outcome Outcome, CommitteeMonthView? Current, IReadOnlyList<FieldProblem> Problems);

/// <summary>
/// A committee's monthly economy report: save (creates it on the first save), submit to the planners, and reopen a
/// submitted one (planners) so that it can be corrected. The unit's reporters and the region's planners write; every
/// step checks the version the writer saw, so a save on an older version is a conflict, never a silent overwrite.
/// A deviation of at least <see cref="MonthlyRules.DeviationThreshold"/> mnkr needs a comment, on every save.
/// </summary>
public sealed class CommitteeEconomyReports(StyraDbContext db, TimeProvider time)
{
    public const int MaxComment = 20_000;

    private enum Step { Save, Submit, Reopen }

    /// <summary>May the actor write this unit's reports? Its reporters, and the region's planners.</summary>
    public static bool MayWrite(Access access, int regionId, int unitId) => access.CanReport(regionId, unitId) || access.IsPlanner(regionId);

    public Task<CommitteeReportResult> SaveAsync(RegionCode code, int year, int month, string unit, int version, CommitteeReportInput input, Access access,
        CancellationToken ct = default) => StepAsync(code, year, month, unit, version, input, access, Step.Save, ct);

    /// <summary>Submits the report, with these fields or (input null) as last saved.</summary>
    public Task<CommitteeReportResult> SubmitAsync(RegionCode code, int year, int month, string unit, int version, CommitteeReportInput? input, Access access,
        CancellationToken ct = default) => StepAsync(code, year, month, unit, version, input, access, Step.Submit, ct);

    /// <summary>A planner reopens a submitted report as a draft, so that the committee can correct it and submit it again.</summary>
    public Task<CommitteeReportResult> ReopenAsync(RegionCode code, int year, int month, string unit, int version, Access access, CancellationToken ct = default) =>
        StepAsync(code, year, month, unit, version, null, access, Step.Reopen, ct);

    private async Task<CommitteeReportResult> StepAsync(RegionCode code, int year, int month, string unitCode, int version, CommitteeReportInput? input,
        Access access, Step step, CancellationToken ct)
    {
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null || !access.CanRead(region.Id)) return new(Outcome.NotFound, null, []);
        var unit = await db.Units.SingleOrDefaultAsync(u => u.RegionId == region.Id && u.Code == unitCode, ct);
        if (unit is null) return new(Outcome.NotFound, null, []);
        if (step == Step.Reopen ? !access.IsPlanner(region.Id) : !MayWrite(access, region.Id, unit.Id))
            return new(Outcome.Forbidden, null, [step == Step.Reopen
                ? new("", "Bara regionens planerare kan öppna en inskickad månadsrapport igen.", "Only the region's planners can reopen a submitted monthly report.")
                : new("", $"Du kan bara rapportera ekonomi för dina egna enheter; {unit.Name} är inte din.",
                    $"You can report the economy only for your own units; {unit.Name} is not yours.")]);

        if (year is < 1990 or > 2100 || month is < 1 or > 12)
            return new(Outcome.Invalid, null, [new("month", "Ange ett år (1990–2100) och en månad (1–12).", "Give a year (1990–2100) and a month (1–12).")]);
        var frame = await MonthlyEconomyQueries.FrameAsync(db, region.Id, unit.Id, year, ct);
        if (frame is null)
            return new(Outcome.Invalid, null, [new("frame",
                $"{unit.Name} har ingen budgetram för {year}, så det finns inget att rapportera mot. Regionens planerare lägger in ramarna.",
                $"{unit.Name} has no budget frame for {year}, so there is nothing to report against. The region's planners enter the frames.")]);
        var today = Deadlines.Today(time);
        if (new DateOnly(year, month, 1) > today)
            return new(Outcome.Invalid, null, [new("month",
                $"{MonthlyRules.MonthName(month, false)} {year} har inte börjat än (i dag är det {today:yyyy-MM-dd}); en månad rapporteras när den har börjat.",
                $"{MonthlyRules.MonthName(month, true)} {year} has not begun yet (today is {today:yyyy-MM-dd}); a month is reported once it has begun.")]);

        var report = await db.CommitteeEconomyReports.SingleOrDefaultAsync(r => r.UnitId == unit.Id && r.Year == year && r.Month == month, ct);
        CommitteeReportResult Current(Outcome outcome, params FieldProblem[] problems) =>
            new(outcome, MonthlyEconomyQueries.ToView(report, unit, frame.Value, year, month), problems);
        if ((report?.Version ?? 0) != version) return Current(Outcome.Conflict);

        switch (step)
        {
            case Step.Reopen:
                if (report?.Status != EconomyReportStatus.Submitted)
                    return Current(Outcome.Invalid, new FieldProblem("status", "Bara en inskickad rapport kan öppnas igen.", "Only a submitted report can be reopened."));
                report.Status = EconomyReportStatus.Draft;
                break;
            default:
                if (report?.Status == EconomyReportStatus.Submitted)
                    return Current(Outcome.Invalid, new FieldProblem("status",
                        "Rapporten är inskickad. Behöver den rättas kan en planerare öppna den igen.",
                        "The report is submitted. If it needs correcting, a planner can reopen it."));
                input ??= new(report?.OutcomeToDate, report?.BudgetToDate, report?.FullYearForecast, report?.Comment);
                var problems = Check(input, frame.Value, month, submitting: step == Step.Submit);
                if (problems.Length > 0) return Current(Outcome.Invalid, problems);
                if (report is null)
                {
                    report = new CommitteeEconomyReport(region, unit, year, month);
                    db.CommitteeEconomyReports.Add(report);
                }
                report.OutcomeToDate = input.OutcomeToDate;
                report.BudgetToDate = input.BudgetToDate;
                report.FullYearForecast = input.FullYearForecast;
                report.Comment = (input.Comment ?? "").Trim();
                if (step == Step.Submit)
                {
                    report.Status = EconomyReportStatus.Submitted;
                    report.SubmittedAt = time.GetUtcNow();
                    report.SubmittedBy = access.Name;
                }
                break;
        }
        report.Version++;
        report.UpdatedAt = time.GetUtcNow();
        report.UpdatedBy = access.Name;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || report.Version == 1)
        {
            // Someone saved first: changed the report since it was read, or created it at the same moment (the unique index).
            db.ChangeTracker.Clear();
            report = await db.CommitteeEconomyReports.AsNoTracking().SingleOrDefaultAsync(r => r.UnitId == unit.Id && r.Year == year && r.Month == month, ct);
            return Current(Outcome.Conflict);
        }
        return Current(Outcome.Ok);
    }

    /// <summary>The fields' problems, each naming its field; the deviation rule as <see cref="MonthlyRules"/> states it.</summary>
    public static FieldProblem[] Check(CommitteeReportInput input, decimal frame, int month, bool submitting)
    {
        var problems = new List<FieldProblem>();
        void Amount(string field, decimal? value, string sv, string en)
        {
            if (value is { } v && Math.Abs(v) > MonthlyRules.MaxAmount)
                problems.Add(new(field, $"{sv} är orimligt stort ({Shown(v)} mnkr); ange beloppet i mnkr.", $"{en} is implausibly large ({Shown(v, true)} mnkr); give the amount in mnkr."));
        }
        Amount("outcomeToDate", input.OutcomeToDate, "Utfallet", "The outcome");
        Amount("budgetToDate", input.BudgetToDate, "Budgeten hittills", "The budget to date");
        Amount("fullYearForecast", input.FullYearForecast, "Helårsprognosen", "The full-year forecast");
        if ((input.Comment?.Length ?? 0) > MaxComment)
            problems.Add(new("comment", $"Kommentaren får vara högst {MaxComment} tecken.", $"The comment may be at most {MaxComment} characters."));
        if (submitting && input.OutcomeToDate is null)
            problems.Add(new("outcomeToDate", "Ange utfallet hittills i år (mnkr) innan du skickar in.", "Give the outcome so far this year (mnkr) before you submit."));
        if (submitting && input.FullYearForecast is null)
            problems.Add(new("fullYearForecast", "Ange helårsprognosen (mnkr) innan du skickar in.", "Give the full-year forecast (mnkr) before you submit."));
        if (problems.Count > 0) return [.. problems];

        var outcome = MonthlyRules.OutcomeDeviation(MonthlyRules.BudgetToDate(frame, month, input.BudgetToDate), input.OutcomeToDate);
        var forecast = MonthlyRules.ForecastDeviation(frame, input.FullYearForecast);
        if ((MonthlyRules.IsDeviation(outcome) || MonthlyRules.IsDeviation(forecast)) && string.IsNullOrWhiteSpace(input.Comment))
        {
            var sv = new List<string>();
            var en = new List<string>();
            if (MonthlyRules.IsDeviation(outcome)) { sv.Add($"mot budget hittills {Shown(outcome!.Value)} mnkr"); en.Add($"against the budget to date {Shown(outcome!.Value, true)} mnkr"); }
            if (MonthlyRules.IsDeviation(forecast)) { sv.Add($"prognos mot ram {Shown(forecast!.Value)} mnkr"); en.Add($"forecast against the frame {Shown(forecast!.Value, true)} mnkr"); }
            problems.Add(new("comment",
                $"Kommentera avvikelsen ({string.Join(", ", sv)}): en avvikelse på minst {Shown(MonthlyRules.DeviationThreshold)} mnkr kräver en kommentar.",
                $"Comment on the deviation ({string.Join(", ", en)}): a deviation of {Shown(MonthlyRules.DeviationThreshold, true)} mnkr or more needs a comment."));
        }
        return [.. problems];
    }

    private static string Shown(decimal v, bool english = false)
    {
        var text = MonthlyRules.Round(v).ToString("0.0", CultureInfo.InvariantCulture).Replace('-', '−');
        return english ? text : text.Replace('.', ',');
    }
}
