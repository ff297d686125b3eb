using Styra.Features.Indicators.Kolada;
using Styra.Features.Plans;
using Styra.Features.Plans.PlanFiles;

namespace Styra.Cli;

/// <summary>How the CLI reports to the person at the terminal.</summary>
internal static class Cli
{
    public static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 1;
    }

    /// <summary>One line per problem on standard error, and a closing line; the exit code of a failed import.</summary>
    private static int Errors<T>(IReadOnlyCollection<T> errors, string closing)
    {
        foreach (var error in errors)
            Console.Error.WriteLine($"error: {error}");
        Console.Error.WriteLine($"{errors.Count} error(s); {closing}");
        return 1;
    }

    public static int Report(PlanImportResult result)
    {
        if (!result.Succeeded) return Errors(result.Errors, "nothing was loaded.");
        var s = result.Summary!;
        var verb = s.DryRun ? "would be" : "was";
        Console.WriteLine($"{s.RegionName} ({s.RegionCode}) {(s.RegionCreated ? "created" : s.RegionChanged ? "renamed or re-sourced" : "found")}{(s.DryRun ? " (dry run: nothing saved)" : "")}");
        Console.WriteLine($"  levels added: {s.LevelsAdded}, changed: {s.LevelsUpdated}; units added: {s.UnitsAdded}, changed: {s.UnitsUpdated}; groups added: {s.GroupsAdded}, changed: {s.GroupsUpdated}; indicators added: {s.IndicatorsAdded}, changed: {s.IndicatorsUpdated}; targets added: {s.TargetsAdded}, changed: {s.TargetsUpdated}");
        foreach (var plan in s.Plans)
        {
            var what = plan.Action switch
            {
                PlanImportAction.Created => $"{verb} created as version {plan.VersionNumber} ({plan.VersionLabel})",
                PlanImportAction.NewVersion => $"{verb} revised: version {plan.VersionNumber} ({plan.VersionLabel})",
                _ => $"unchanged (version {plan.VersionNumber}, {plan.VersionLabel})",
            };
            Console.WriteLine($"  plan {plan.PlanId} — {plan.Title}: {what}{(plan.DetailsChanged ? $"; title, kind, validity or owner {verb} updated" : "")}");
            foreach (var change in plan.Diff?.Changes ?? [])
            {
                var sign = change.Kind switch { NodeChangeKind.Added => "+", NodeChangeKind.Removed => "-", _ => "~" };
                var fields = change.Fields.Count == 0 ? "" : $" ({string.Join(", ", change.Fields.Select(f => f.Field))})";
                Console.WriteLine($"    {sign} {change.Key}: {change.Title}{fields}");
            }
        }
        if (!s.ChangedAnything) Console.WriteLine("  nothing to change: the database already holds this file.");
        return 0;
    }

    public static int Report(KoladaImportResult result)
    {
        if (!result.Succeeded) return Errors(result.Errors, "nothing was imported.");
        var s = result.Summary!;
        Console.WriteLine($"{s.Files} file(s){(s.DryRun ? " (dry run: nothing saved)" : $", import {s.ImportBatchId}")}: "
            + $"{s.ValuesAdded} values added, {s.ValuesChanged} changed, {s.ValuesUnchanged} unchanged; "
            + $"{s.IndicatorsAdded} indicators and {s.AreasAdded} areas added.");
        return 0;
    }
}
