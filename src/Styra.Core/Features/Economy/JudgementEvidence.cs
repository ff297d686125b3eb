using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.FollowUp;
using Styra.Features.Organisation;

namespace Styra.Features.Economy;

/// <summary>
/// A focus area at the event: the planners' own roll-up assessment (its fulfilment counts only once approved) and the
/// distribution of the committees' goal fulfilment below it.
/// </summary>
public sealed record FocusAreaEvidence(string Key, string Title, int? AssessmentId, AssessmentStatus? Status, Fulfilment? Fulfilment,
    Fulfilment? ApprovedFulfilment, FulfilmentCounts Committees);

/// <summary>A financial goal's figures of the year (outcome, budget, forecast), computed and reported, with the target judgement.</summary>
public sealed record FinancialGoalEvidence(FinancialGoalKind Goal, string Swedish, string English, string TargetSwedish, string TargetEnglish,
    IReadOnlyList<GoalFigure> Figures);

/// <summary>
/// What Styra sets beside the editor of the judgement: the event the goal fulfilment comes from (the year's annual
/// report, else the latest event of the year — <see cref="IsAnnualReport"/> says which), each focus area's fulfilment,
/// the three financial goals' outcome and the balance requirement.
/// </summary>
public sealed record JudgementEvidenceView(string Region, int Year, int? EventId, string? EventName, EventKind? EventKind, bool IsAnnualReport,
    IReadOnlyList<FocusAreaEvidence> FocusAreas, FulfilmentCounts? RegionRollUp, IReadOnlyList<FinancialGoalEvidence> FinancialGoals,
    BudgetBalanceCheck? BudgetCheck, BalanceRequirementStatement? BalanceRequirement);

/// <summary>
/// Gathers the evidence for the judgement of god ekonomisk hushållning. Halland's guidelines weigh both "utfallet för
/// verksamhetens fokusområden och de finansiella målen" (Mål och budget 2024–2028), so both are gathered side by side.
/// </summary>
public sealed class JudgementEvidence(StyraDbContext db, Calendar calendar, EconomyQueries economy)
{
    public async Task<JudgementEvidenceView?> ForYearAsync(RegionCode code, int year, CancellationToken ct = default)
    {
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null) return null;
        // The annual report when the calendar has one; else the latest goal follow-up of the year (monthly reports assess no goals).
        var ev = await db.ReportingEvents.AsNoTracking()
            .Where(e => e.RegionId == region.Id && e.Year == year && e.Kind != EventKind.Monthly)
            .OrderByDescending(e => e.Kind == EventKind.AnnualReport).ThenByDescending(e => e.PeriodEnd).ThenByDescending(e => e.Id)
            .FirstOrDefaultAsync(ct);
        var view = ev is null ? null : await calendar.EventAsync(ev.Id, ct);
        var focusAreas = view is null ? [] : Flatten(view.Tree).Where(n => n.Own is not null).Select(n => new FocusAreaEvidence(n.Key, n.Title,
            n.Own!.Id, n.Own.Status, n.Own.Fulfilment, n.Own.Status == AssessmentStatus.Approved ? n.Own.Fulfilment : null, n.RollUp)).ToList();

        var goals = await economy.FinancialGoalsAsync(code, ct) ?? [];
        var y = await economy.YearAsync(code, year, ct);
        return new JudgementEvidenceView(region.Code.Value, year, ev?.Id, ev?.Name, ev?.Kind, ev?.Kind == EventKind.AnnualReport, focusAreas,
            view?.RegionRollUp,
            goals.Select(s => new FinancialGoalEvidence(s.Goal, s.Swedish, s.English, s.TargetSwedish, s.TargetEnglish,
                s.Figures.Where(f => f.Year == year).ToList())).ToList(),
            y?.BudgetCheck, y?.BalanceRequirement);
    }

    private static IEnumerable<RollUpNode> Flatten(IEnumerable<RollUpNode> nodes) => nodes.SelectMany(n => Flatten(n.Children).Prepend(n));
}
