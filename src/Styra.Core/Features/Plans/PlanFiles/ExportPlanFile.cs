using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Organisation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Styra.Features.Plans.PlanFiles;

/// <summary>Writes a region back to the plan file format: its organisation and the current version of each plan.</summary>
public sealed class PlanFileExporter(StyraDbContext db)
{
    public async Task<string?> ExportAsync(RegionCode code, CancellationToken ct = default)
    {
        var region = await db.Regions.AsNoTracking()
            .Include(r => r.Levels)
            .Include(r => r.Units).ThenInclude(u => u.Parent)
            .Include(r => r.Groups).ThenInclude(g => g.Members).ThenInclude(m => m.Unit)
            .Include(r => r.Plans).ThenInclude(p => p.Owner)
            .Include(r => r.Plans).ThenInclude(p => p.Versions).ThenInclude(v => v.Nodes).ThenInclude(n => n.Responsibilities).ThenInclude(r => r.Unit)
            .Include(r => r.Plans).ThenInclude(p => p.Versions).ThenInclude(v => v.Nodes).ThenInclude(n => n.Responsibilities).ThenInclude(r => r.Group)
            .Include(r => r.Plans).ThenInclude(p => p.Versions).ThenInclude(v => v.Nodes).ThenInclude(n => n.Links).ThenInclude(l => l.TargetPlan)
            .Include(r => r.Plans).ThenInclude(p => p.Versions).ThenInclude(v => v.Nodes).ThenInclude(n => n.Indicators).ThenInclude(i => i.Indicator)
            .SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null) return null;
        var targets = await db.Targets.AsNoTracking().Where(t => t.RegionId == region.Id).Include(t => t.Indicator)
            .OrderBy(t => t.IndicatorId).ThenBy(t => t.Year).ToListAsync(ct);
        var file = ToFile(region);
        // An indicator with a target but on no current goal still needs its definition for the file to load elsewhere.
        var defined = (file.Indicators ?? []).Select(i => i.Code).ToHashSet();
        var extra = targets.Select(t => t.Indicator).Where(i => !defined.Contains(i.Code)).DistinctBy(i => i.Code).Select(Definition);
        return PlanFileWriter.Write(file with
        {
            Indicators = OmitEmpty((file.Indicators ?? []).Concat(extra)),
            Targets = targets.Count == 0 ? null : targets.Select(t =>
                new PlanFileTarget(t.Indicator.Code, t.Year, t.Value, t.Tolerance, t.IsDemo ? true : null)).ToList(),
        });
    }

    internal static PlanFile ToFile(Region region) => new(
        PlanFile.CurrentFormatVersion,
        new PlanFileRegion(region.Code.Value, region.Name),
        region.Source,
        Levels: OmitEmpty(region.Levels.OrderBy(l => l.SortOrder).Select(l => new PlanFileLevel(l.Key, l.Name, l.NameEn))),
        Units: OmitEmpty(region.Units.OrderBy(u => u.SortOrder).Select(u => new PlanFileUnit(u.Code, u.Name, u.Kind, u.Parent?.Code))),
        Groups: OmitEmpty(region.Groups.OrderBy(g => g.Code).Select(g => new PlanFileGroup(g.Code, g.Name,
            g.Members.Select(m => m.Unit).OrderBy(u => u.SortOrder).Select(u => u.Code).ToList()))),
        // The definitions of the indicators the current plans follow up, in the order they were defined (by id).
        Indicators: OmitEmpty(region.Plans.Where(p => p.CurrentVersion is not null).OrderBy(p => p.Id)
            .SelectMany(p => p.CurrentVersion!.Nodes.OrderBy(n => n.SortOrder)).SelectMany(n => n.Indicators.OrderBy(i => i.SortOrder))
            .Select(i => i.Indicator).DistinctBy(i => i.Code).OrderBy(i => i.Id)
            .Select(Definition)),
        Plans: OmitEmpty(region.Plans.Where(p => p.CurrentVersion is not null).OrderBy(p => p.Id).Select(ToFile)));

    private static PlanFileIndicator Definition(Indicators.Indicator i) =>
        new(i.Code, i.Name, i.Unit, i.Decimals, i.Direction, i.Periodicity, i.Formula is null ? i.Source : null, i.Description, i.Formula);

    private static List<T>? OmitEmpty<T>(IEnumerable<T> items) => items.ToList() is { Count: > 0 } list ? list : null;

    private static PlanFilePlan ToFile(Plan plan)
    {
        var version = plan.CurrentVersion!;
        var nodes = version.Nodes.OrderBy(n => n.SortOrder).ToList();
        var children = nodes.ToLookup(n => n.ParentId);
        PlanFileNode Node(GoalNode n) => new(
            n.Key, n.Level, n.Title, n.Description,
            OmitEmpty(n.Responsibilities.OrderBy(r => r.Id).Select(r => r.Code)),
            OmitEmpty(n.Links.OrderBy(l => l.Id).Select(l => new PlanFileLink(l.TargetPlan.Key, l.TargetNodeKey))),
            OmitEmpty(n.Indicators.OrderBy(i => i.SortOrder).Select(i => i.Indicator.Code)),
            OmitEmpty(children[n.Id].Select(Node)));
        var d = version.Decision;
        return new PlanFilePlan(
            plan.Key, plan.Title, plan.Kind, plan.ValidFrom, plan.ValidTo, plan.Owner?.Code,
            new PlanFileVersion(version.Label, d == Decision.None ? null : new PlanFileDecision(d.Body, d.Date?.ToString("yyyy-MM-dd"), d.Reference)),
            version.Structure.Rules.Select(r => new PlanFileLevelRule(r.Level, r.Under.Count == 0 ? null : r.Under.ToList())).ToList(),
            children[null].Select(Node).ToList());
    }
}

/// <summary>Writes a <see cref="PlanFile"/> as YAML that <see cref="PlanFileReader"/> reads back unchanged.</summary>
public static class PlanFileWriter
{
    public static string Write(PlanFile file)
    {
        var json = JsonSerializer.SerializeToNode(file, PlanFile.Json)!;
        var doc = new YamlDocument(ToYaml(json));
        var writer = new StringWriter { NewLine = "\n" };
        writer.WriteLine("# Styra plan file: the format is described in docs/plan-file-format.md and docs/plan-file.schema.json");
        new YamlStream(doc).Save(new Emitter(writer, new EmitterSettings().WithBestWidth(120)), assignAnchors: false);
        return writer.ToString().Replace("\n...\n", "\n");
    }

    private static YamlNode ToYaml(JsonNode? node) => node switch
    {
        JsonObject obj => new YamlMappingNode(obj.Select(p => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(p.Key), ToYaml(p.Value)))),
        JsonArray array => IsShortList(array)
            ? new YamlSequenceNode(array.Select(ToYaml)) { Style = SequenceStyle.Flow }
            : new YamlSequenceNode(array.Select(ToYaml)),
        JsonValue value when value.TryGetValue<string>(out var s) => Text(s),
        JsonValue value => new YamlScalarNode(value.ToJsonString()),
        null => new YamlScalarNode("null"),
        _ => throw new InvalidOperationException($"Unexpected JSON node {node.GetType().Name}"),
    };

    private static bool IsShortList(JsonArray array) =>
        array.All(v => v is JsonValue jv && jv.TryGetValue<string>(out var s) && s.Length < 30 && !s.Contains('\n'));

    private static YamlScalarNode Text(string s)
    {
        if (s.Contains('\n')) return new YamlScalarNode(s.EndsWith('\n') ? s : s + "\n") { Style = ScalarStyle.Literal };
        // Quote what the reader would otherwise take for a number, boolean or null.
        var readBackAsText = PlanFileReader.Scalar(new YamlScalarNode(s) { Style = ScalarStyle.Plain }) is JsonValue v && v.TryGetValue<string>(out _);
        return new YamlScalarNode(s) { Style = readBackAsText ? ScalarStyle.Any : ScalarStyle.DoubleQuoted };
    }
}
