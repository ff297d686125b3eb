using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Styra.Features.Plans.PlanFiles;

/// <summary>The outcome of reading a plan file: the document, or the errors, plus where each path stands in the file.</summary>
public sealed record PlanFileReadResult(PlanFile? File, IReadOnlyList<PlanFileError> Errors, PlanFileLocator Locator)
{
    public bool Succeeded => File is not null && Errors.Count == 0;
}

/// <summary>Maps a JSON pointer into the file ("/plans/0/nodes/2") to its line, and formats it for people.</summary>
public sealed class PlanFileLocator(string fileName, IReadOnlyDictionary<string, Mark> marks)
{
    public string FileName => fileName;

    public PlanFileError Error(string pointer, string message)
    {
        var mark = Find(pointer);
        return new PlanFileError(fileName, (int?)mark?.Line, (int?)mark?.Column, Readable(pointer), message);
    }

    private Mark? Find(string pointer)
    {
        for (var p = pointer; ; p = p[..p.LastIndexOf('/')])
        {
            if (marks.TryGetValue(p, out var mark)) return mark;
            if (p.Length == 0) return null;
        }
    }

    /// <summary>"/plans/0/nodes/2/title" → "plans[0].nodes[2].title".</summary>
    public static string Readable(string pointer)
    {
        var parts = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var text = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            if (int.TryParse(part, out var index)) text.Append('[').Append(index).Append(']');
            else text.Append(text.Length == 0 ? "" : ".").Append(part.Replace("~1", "/").Replace("~0", "~"));
        }
        return text.ToString();
    }
}

/// <summary>
/// Reads a plan file: YAML syntax, then the JSON schema (docs/plan-file.schema.json), then the records. Every
/// error names the line and the path. The rules that need the whole file or the database are in PlanFileValidator.
/// </summary>
public static partial class PlanFileReader
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(PlanFileReader).Assembly.GetManifestResourceStream("Styra.PlanFiles.plan-file.schema.json")
            ?? throw new InvalidOperationException("The plan-file schema is not embedded.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    });

    public static PlanFileReadResult Read(string text, string fileName)
    {
        var marks = new Dictionary<string, Mark>();
        var locator = new PlanFileLocator(fileName, marks);
        JsonNode? json;
        var scanner = new Scanner(new StringReader(text));
        try
        {
            var yaml = new YamlStream();
            yaml.Load(new Parser(scanner));
            if (yaml.Documents.Count != 1)
                return Failed(locator, new PlanFileError(fileName, 1, 1, "", $"expected one YAML document, found {yaml.Documents.Count}"));
            json = ToJson(yaml.Documents[0].RootNode, "", marks);
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            return Failed(locator, new PlanFileError(fileName, (int)e.Start.Line, (int)e.Start.Column, "", $"not valid YAML: {message}"));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up without a YamlException on some unterminated constructs.
            var at = scanner.CurrentPosition;
            return Failed(locator, new PlanFileError(fileName, (int)at.Line, (int)at.Column, "", "not valid YAML: a bracket, brace or quote is not closed"));
        }

        var results = Schema.Value.Evaluate(JsonSerializer.SerializeToElement(json), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!results.IsValid)
        {
            var errors = (results.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => locator.Error(d.InstanceLocation.ToString(), Explain(e.Key, e.Value, d.InstanceLocation.ToString()))))
                .Distinct()
                .ToList();
            return Failed(locator, errors.Count > 0 ? errors : [locator.Error("", "the file does not follow the plan-file schema")]);
        }

        var file = json.Deserialize<PlanFile>(PlanFile.Json)!;
        return new PlanFileReadResult(file, [], locator);
    }

    private static PlanFileReadResult Failed(PlanFileLocator locator, params IEnumerable<PlanFileError> errors) =>
        new(null, errors.ToList(), locator);

    private static string Explain(string keyword, string message, string pointer) => keyword switch
    {
        _ when message.Contains("false schema") => $"unknown field '{pointer[(pointer.LastIndexOf('/') + 1)..]}'; see docs/plan-file-format.md for the fields allowed here",
        "type" when message.Contains("\"string\"") => $"{message} (write the value in quotes, e.g. \"13\")",
        "additionalProperties" or "false" => $"unknown field '{pointer[(pointer.LastIndexOf('/') + 1)..]}'; see docs/plan-file-format.md for the fields allowed here",
        "pattern" when pointer.EndsWith("/code") && pointer.StartsWith("/region") => "a region code is two digits in quotes, such as \"13\"",
        "pattern" when pointer.EndsWith("/date") => "a date is written YYYY-MM-DD",
        "pattern" => $"{message} (ids and level keys use lower-case letters, digits and '-')",
        _ => message,
    };

    private static JsonNode? ToJson(YamlNode node, string pointer, Dictionary<string, Mark> marks)
    {
        marks[pointer] = node.Start;
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    var name = ((YamlScalarNode)key).Value ?? "";
                    var childPointer = $"{pointer}/{name.Replace("~", "~0").Replace("/", "~1")}";
                    obj[name] = ToJson(value, childPointer, marks);
                    // An error about a field points at its key rather than at the value below it.
                    marks[childPointer] = key.Start;
                }
                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                for (var i = 0; i < seq.Children.Count; i++)
                    array.Add(ToJson(seq.Children[i], $"{pointer}/{i}", marks));
                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new YamlException(node.Start, node.End, "unsupported YAML node");
        }
    }

    /// <summary>YAML 1.2 core schema for plain scalars: null, booleans, integers and floats; everything else is text.</summary>
    internal static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain) return JsonValue.Create(value);
        if (value is "" or "~" or "null" or "Null" or "NULL") return null;
        if (value is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (value is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (IntegerPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            return JsonValue.Create(l);
        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return JsonValue.Create(d);
        return JsonValue.Create(value);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
