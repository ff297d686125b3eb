namespace Styra.Features.Indicators;

/// <summary>A problem in an imported file: the file, where in it (row, position or JSON path), and what was expected.</summary>
public sealed record ImportProblem(string File, string? Location, string Message)
{
    public override string ToString() => Location is null ? $"{File}: {Message}" : $"{File}: {Location}: {Message}";
}

/// <summary>A file to import: its name for messages, and how to open it (from disk, or from Styra's own demo data).</summary>
public sealed record ImportFile(string Name, Func<Stream> Open)
{
    public static ImportFile FromDisk(string path) => new(Path.GetFileName(path), () => File.OpenRead(path));
}
