using System.Diagnostics;

namespace Styra.Tests.Infrastructure;

/// <summary>Runs the `styra` command in a process of its own, on a test database, as a person would.</summary>
public static class StyraCli
{
    public static async Task<(int Exit, string Output, string Errors)> RunAsync(TestDatabase db, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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
