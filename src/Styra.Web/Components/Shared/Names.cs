using Styra.Features.Organisation;
using Styra.Features.Plans;
using static Styra.Web.Lang;

namespace Styra.Web.Components.Shared;

/// <summary>Display names of the model's kinds, in the UI language.</summary>
public static class Names
{
    public static string Of(UnitKind kind) => kind switch
    {
        UnitKind.Council => T("Fullmäktige", "Council"),
        UnitKind.Board => T("Styrelse", "Board"),
        UnitKind.Committee => T("Nämnd", "Committee"),
        UnitKind.Administration => T("Förvaltning", "Administration"),
        UnitKind.Unit => T("Enhet", "Unit"),
        UnitKind.Company => T("Bolag", "Company"),
        _ => T("Övrigt", "Other"),
    };

    public static string Of(PlanKind kind) => kind switch
    {
        PlanKind.Strategy => T("Strategi", "Strategy"),
        PlanKind.GoalsAndBudget => T("Mål och budget", "Goals and budget"),
        PlanKind.ActionPlan => T("Handlingsplan", "Action plan"),
        PlanKind.OperationalPlan => T("Verksamhetsplan", "Operational plan"),
        _ => T("Plan", "Plan"),
    };

    public static string Validity(int from, int? to) => to is null ? T($"från {from}", $"from {from}") : $"{from}–{to}";

    public static string Decision(DecisionInfo? d)
    {
        if (d is null) return T("Beslut saknas", "No decision recorded");
        var parts = new[] { d.BodyName ?? d.Body, d.Date?.ToString("yyyy-MM-dd"), d.Reference }.Where(p => !string.IsNullOrWhiteSpace(p));
        return string.Join(" · ", parts);
    }

    public static string Level(IReadOnlyList<LevelInfo> levels, string key) =>
        levels.FirstOrDefault(l => l.Key == key) is { } l ? (IsEnglish ? l.NameEn : l.Name) : key;
}
