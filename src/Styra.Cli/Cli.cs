using Spectre.Console;
using Styra.Features.Indicators.Imports;
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

    /// <summary>An administrator's change: the message when done, else each problem with its field.</summary>
    public static int Report(Styra.Features.Accounts.AdminResult result, string done)
    {
        if (result.Outcome == Styra.Features.FollowUp.Outcome.Ok)
        {
            Console.Error.WriteLine(done);
            return 0;
        }
        foreach (var p in result.Problems)
            Console.Error.WriteLine(p.Field.Length > 0 ? $"error: --{Option(p.Field)}: {p.English}" : $"error: {p.English}");
        if (result.Problems.Count == 0) Console.Error.WriteLine($"error: {result.Outcome}");
        return 1;
    }

    private static string Option(string field) => field switch
    {
        "displayName" => "name",
        "expires" => "expires",
        "password" => "password (STYRA_PASSWORD)",
        _ => field,
    };

    /// <summary>Reads a secret: hidden when typed at a terminal, else one line from standard input (for scripts).</summary>
    public static string? ReadSecret(string prompt)
    {
        if (Console.IsInputRedirected) return Console.In.ReadLine();
        return Spectre.Console.AnsiConsole.Prompt(new Spectre.Console.TextPrompt<string>(prompt).Secret());
    }

    public static int Report(ValueImportResult result)
    {
        if (!result.Succeeded) return Errors(result.Errors, "nothing was imported; the database is as it was.");
        var s = result.Summary!;
        Console.WriteLine($"{s.Files} file(s){(s.DryRun ? " (dry run: nothing saved)" : s.ImportBatchId is { } id ? $", import {id}" : "")}: "
            + $"{s.ValuesAdded} values added, {s.ValuesChanged} changed, {s.ValuesUnchanged} unchanged; "
            + $"{s.IndicatorsAdded} indicators and {s.AreasAdded} areas added.");
        if (!s.ChangedAnything) Console.WriteLine("Nothing to change: the database already holds these values.");
        return 0;
    }

    /// <summary>
    /// Runs an import with a progress bar on the terminal (standard error, so that standard output stays clean);
    /// without a terminal, no bar.
    /// </summary>
    public static async Task<T> WithProgressAsync<T>(Func<IProgress<ImportProgress>?, Task<T>> work)
    {
        if (Console.IsErrorRedirected) return await work(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("reading", maxValue: 1);
                var progress = new Progress<ImportProgress>(p =>
                {
                    task.Description = $"{Markup.Escape(p.File)} ({p.FileNumber}/{p.Files}) · {p.Values:N0} values";
                    task.Value = p.FileLength is > 0 and var length ? (p.FileNumber - 1 + (double)p.BytesRead / length) / p.Files : (p.FileNumber - 1.0) / p.Files;
                });
                var result = await work(progress);
                task.Value = 1;
                return result;
            });
    }
}
