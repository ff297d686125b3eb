using System.Globalization;

namespace Styra.Features.Indicators.Imports;

/// <summary>The file formats indicator values are imported from.</summary>
public enum ImportFormat { Kolada, Csv, Xlsx }

/// <summary>
/// One value as read from a file, before it is checked against the database. <see cref="Position"/> and
/// <see cref="Sub"/> say where it was (a row; or an element of Kolada's <c>values</c> and the gender inside it), and the
/// reader that made it turns them into words.
/// </summary>
internal readonly record struct ValueRecord(
    string Indicator, string Area, string Unit, Period Period, Gender Gender, double Value, MeasurementStatus Status, long Position, int Sub);

/// <summary>A reader of one file format: yields the values of a file and reports what is wrong in it.</summary>
internal interface IValueFileReader
{
    IAsyncEnumerable<ValueRecord> ReadAsync(ImportFile file, Stream stream, ImportProblems problems, CancellationToken ct);

    /// <summary>Where a value was, in the words of the format: "row 12", "values[3].values[1]".</summary>
    string Locate(long position, int sub);
}

/// <summary>
/// The problems found in an import. Reading goes on after a problem so that one run reports many of them, up to
/// <see cref="Limit"/>; an unknown code is reported once, at its first place.
/// </summary>
internal sealed class ImportProblems
{
    public const int Limit = 100;

    private readonly List<ImportProblem> _problems = [];
    private readonly HashSet<string> _reported = [];

    public IReadOnlyList<ImportProblem> All => _problems;
    public bool Any => _problems.Count > 0;
    public bool Full => _problems.Count >= Limit;
    public int Omitted { get; private set; }

    public void Add(string file, string? location, string message)
    {
        if (Full) Omitted++;
        else _problems.Add(new ImportProblem(file, location, message));
    }

    /// <summary>Adds a problem about a code (an unknown indicator, area or unit) only the first time it is met.</summary>
    public void AddOnce(string key, string file, string? location, string message)
    {
        if (_reported.Add(key)) Add(file, location, message);
    }

    public IReadOnlyList<ImportProblem> ToList() => Omitted == 0
        ? _problems
        : [.. _problems, new ImportProblem(_problems[^1].File, null, $"and {Omitted} more problems; fix these and import again")];
}

/// <summary>Reading of numbers, genders and statuses as people write them in Swedish and English files.</summary>
internal static class Cells
{
    /// <summary>"82,35", "82.35", "1 234,5", "−3" (with a minus sign), "1e3"; not "1.234,5", whose meaning is unclear.</summary>
    public static bool TryNumber(string text, out double value)
    {
        value = 0;
        var t = text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal)
            .Replace("\u202F", "", StringComparison.Ordinal).Replace('\u2212', '-');
        if (t.Contains(',') && t.Contains('.')) return false;
        t = t.Replace(',', '.');
        return double.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>Empty means total; else T/K/M or the words (totalt, kvinnor, män; total, women, men).</summary>
    public static Gender? Gender(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "t" or "totalt" or "total" or "alla" or "all" => Indicators.Gender.T,
        "k" or "kvinnor" or "kvinna" or "women" or "female" or "f" => Indicators.Gender.K,
        "m" or "män" or "man" or "men" or "male" => Indicators.Gender.M,
        _ => null,
    };

    /// <summary>Empty, "definitiv" or "final" is final; "preliminär", "prel" or "preliminary" is preliminary.</summary>
    public static MeasurementStatus? Status(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "definitiv" or "final" or "slutlig" => MeasurementStatus.Final,
        var s when s.StartsWith("prel", StringComparison.Ordinal) => MeasurementStatus.Preliminary,
        _ => null,
    };

    /// <summary>A four-digit Kolada area id ("0013", "0000" Riket), or a region's two-digit code ("13").</summary>
    public static string? Area(string? text)
    {
        var t = text?.Trim();
        if (t is { Length: 4 } && t.All(char.IsAsciiDigit)) return t;
        if (t is { Length: 2 } && t.All(char.IsAsciiDigit)) return "00" + t;
        return null;
    }
}
