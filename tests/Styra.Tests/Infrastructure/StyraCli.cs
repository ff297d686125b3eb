using System.Diagnostics;

namespace Styra.Tests.Infrastructure;

/// <summary>Runs the `styra` command in a process of its own, on a test database, as a person would.</summary>
public static class StyraCli
{
    public static Task<(int Exit, string Output, string Errors)> RunAsync(TestDatabase db, params string[] args) =>
        RunWithAsync(db, new Dictionary<string, string>(), args);

    /// <summary>Runs the command with extra environment variables (e.g. STYRA_PASSWORD).</summary>
    public static async Task<(int Exit, string Output, string Errors)> RunWithAsync(TestDatabase db, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "styra.dll"));
        foreach (var arg in args.Concat(["--provider", db.Provider.ToString(), "--connection", db.ConnectionString]))
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }
}
