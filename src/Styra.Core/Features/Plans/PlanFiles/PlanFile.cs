using System.Text.Json;
using System.Text.Json.Serialization;
using Styra.Features.Organisation;

namespace Styra.Features.Plans.PlanFiles;

// The plan file's shape (docs/plan-file-format.md, docs/plan-file.schema.json). These records are the file's
// contract, read and written by PlanFileReader/PlanFileWriter; they are not entities.

public sealed record PlanFile(
    int FormatVersion,
    PlanFileRegion Region,
    string? Source = null,
    IReadOnlyList<PlanFileLevel>? Levels = null,
    IReadOnlyList<PlanFileUnit>? Units = null,
    IReadOnlyList<PlanFileGroup>? Groups = null,
    IReadOnlyList<PlanFileIndicator>? Indicators = null,
    IReadOnlyList<PlanFileTarget>? Targets = null,
    IReadOnlyList<PlanFilePlan>? Plans = null)
{
    public const int CurrentFormatVersion = 1;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };
}

public sealed record PlanFileRegion(string Code, string Name);

public sealed record PlanFileLevel(string Key, string Name, string? NameEn = null);

public sealed record PlanFileUnit(string Code, string Name, UnitKind Kind, string? Parent = null);

public sealed record PlanFileGroup(string Code, string Name, IReadOnlyList<string> Members);

/// <summary>An indicator the region's plans follow up: Kolada KPIs keep their Kolada id as code.</summary>
public sealed record PlanFileIndicator(
    string Code,
    string Name,
    string? Unit = null,
    int? Decimals = null,
    Indicators.Direction? Direction = null,
    Indicators.Periodicity? Periodicity = null,
    Indicators.IndicatorSource? Source = null,
    string? Description = null,
    string? Formula = null);

/// <summary>The region's target for an indicator in a year; <c>Demo</c> marks a target that no one has decided.</summary>
public sealed record PlanFileTarget(string Indicator, int Year, double Value, double? Tolerance = null, bool? Demo = null);

public sealed record PlanFilePlan(
    string Id,
    string Title,
    PlanKind Kind,
    int ValidFrom,
    int? ValidTo,
    string? Owner,
    PlanFileVersion Version,
    IReadOnlyList<PlanFileLevelRule> Structure,
    IReadOnlyList<PlanFileNode> Nodes);

public sealed record PlanFileVersion(string Label, PlanFileDecision? Decision = null);

public sealed record PlanFileDecision(string? Body = null, string? Date = null, string? Reference = null);

public sealed record PlanFileLevelRule(string Level, IReadOnlyList<string>? Under = null);

public sealed record PlanFileNode(
    string Id,
    string Level,
    string Title,
    string? Description = null,
    IReadOnlyList<string>? Responsible = null,
    IReadOnlyList<PlanFileLink>? Links = null,
    IReadOnlyList<string>? Indicators = null,
    IReadOnlyList<PlanFileNode>? Children = null);

public sealed record PlanFileLink(string Plan, string Node);

/// <summary>A problem in a plan file, located by line and column (1-based) and by its path in the file.</summary>
public sealed record PlanFileError(string File, int? Line, int? Column, string Path, string Message)
{
    public override string ToString() =>
        $"{File}{(Line is null ? "" : $":{Line}:{Column}")}: {(Path.Length == 0 ? "" : Path + ": ")}{Message}";
}
