namespace Styra.Tests.Infrastructure;

/// <summary>Plan files kept beside the tests (tests/Styra.Tests/PlanFiles).</summary>
public static class PlanFileSamples
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "PlanFiles", name));

    /// <summary>The line (1-based) of the first occurrence of <paramref name="text"/> in a file's text.</summary>
    public static int LineOf(string fileText, string text)
    {
        var index = fileText.IndexOf(text, StringComparison.Ordinal);
        if (index < 0) throw new ArgumentException($"'{text}' is not in the file");
        return fileText[..index].Count(c => c == '\n') + 1;
    }
}
