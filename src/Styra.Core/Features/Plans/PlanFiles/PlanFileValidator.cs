using System.Globalization;

namespace Styra.Features.Plans.PlanFiles;

/// <summary>What the database already holds for the file's region, for the rules that may refer to it.</summary>
public sealed record KnownRegion(
    IReadOnlySet<string> UnitCodes,
    IReadOnlySet<string> GroupCodes,
    IReadOnlySet<string> LevelKeys,
    IReadOnlyDictionary<string, IReadOnlySet<string>> PlanNodeKeys,
    IReadOnlyDictionary<string, string?> UnitParents,
    IReadOnlySet<string> IndicatorCodes,
    IReadOnlyDictionary<string, string>? IndicatorFormulas = null,
    IReadOnlySet<string>? MeasuredIndicators = null)
{
    public static KnownRegion Empty(IReadOnlySet<string> indicatorCodes, IReadOnlyDictionary<string, string>? formulas = null) => new(
        new HashSet<string>(), new HashSet<string>(), new HashSet<string>(),
        new Dictionary<string, IReadOnlySet<string>>(), new Dictionary<string, string?>(), indicatorCodes, formulas);
}

/// <summary>
/// The rules of a plan file that span the file (unique ids, references, level rules, cycles), checked against the
/// file together with what the database already holds for the region. Each error names the path and line.
/// </summary>
public static class PlanFileValidator
{
    /// <summary>Each formula parses, uses known indicators, not itself, and makes no cycle with the others (in the file or stored).</summary>
    private static void CheckFormulas(PlanFile file, IReadOnlySet<string> codes, KnownRegion known, Action<string, string> fail)
    {
        var formulas = new Dictionary<string, Indicators.Formulas.IndicatorFormula?>(StringComparer.Ordinal);
        foreach (var (code, text) in known.IndicatorFormulas ?? new Dictionary<string, string>())
            formulas[code] = Indicators.Formulas.IndicatorFormula.Parse(text).Formula;
        var parsed = new List<(int Index, string Code, Indicators.Formulas.IndicatorFormula Formula)>();
        var all = file.Indicators ?? [];
        for (var i = 0; i < all.Count; i++)
        {
            var indicator = all[i];
            formulas.Remove(indicator.Code); // the file's definition replaces the stored one
            if (indicator.Formula is null) continue;
            if (indicator.Source is { } source)
                fail($"/indicators/{i}/source", $"'{source.ToString().ToLowerInvariant()}' and a formula: an indicator computed by a formula has no other source; remove one of them");
            if (known.MeasuredIndicators?.Contains(indicator.Code) == true)
                fail($"/indicators/{i}/formula", $"'{indicator.Code}' already has measured or imported values (or is a Kolada KPI); a formula would replace them. "
                    + "Define the formula under a new code instead");
            var result = Indicators.Formulas.IndicatorFormula.Parse(indicator.Formula);
            if (!result.Succeeded) fail($"/indicators/{i}/formula", result.Error);
            else
            {
                formulas[indicator.Code] = result.Formula;
                parsed.Add((i, indicator.Code, result.Formula));
            }
        }
        foreach (var (i, code, formula) in parsed)
        {
            if (Indicators.Formulas.IndicatorFormula.CheckInputs(formula, code, codes.Contains, c => formulas.GetValueOrDefault(c)) is { } error)
                fail($"/indicators/{i}/formula", error);
        }
    }

    public static IReadOnlyList<PlanFileError> Validate(PlanFile file, PlanFileLocator at, KnownRegion known)
    {
        var errors = new List<PlanFileError>();
        void Fail(string pointer, string message) => errors.Add(at.Error(pointer, message));

        var levels = Unique(file.Levels ?? [], l => l.Key, "/levels", "/key", "level key", Fail);
        var units = Unique(file.Units ?? [], u => u.Code, "/units", "/code", "unit code", Fail);
        var groups = Unique(file.Groups ?? [], g => g.Code, "/groups", "/code", "group code", Fail);
        var plans = Unique(file.Plans ?? [], p => p.Id, "/plans", "/id", "plan id", Fail);
        var indicators = Unique(file.Indicators ?? [], i => i.Code, "/indicators", "/code", "indicator code", Fail);
        var indicatorCodes = new HashSet<string>(known.IndicatorCodes.Concat(indicators.Keys), StringComparer.Ordinal);
        CheckFormulas(file, indicatorCodes, known, Fail);

        var unitCodes = new HashSet<string>(known.UnitCodes.Concat(units.Keys), StringComparer.Ordinal);
        var groupCodes = new HashSet<string>(known.GroupCodes.Concat(groups.Keys), StringComparer.Ordinal);
        var levelKeys = new HashSet<string>(known.LevelKeys.Concat(levels.Keys), StringComparer.Ordinal);
        string Sample(IEnumerable<string> codes) => string.Join(", ", codes.Order(StringComparer.Ordinal).Take(12));

        // Unit and group codes share one name space, since a goal's "responsible" may name either.
        foreach (var (code, index) in groups)
        {
            if (unitCodes.Contains(code))
                Fail($"/groups/{index}/code", $"'{code}' is already a unit code; a group needs a code of its own");
        }
        foreach (var (code, index) in units)
        {
            if (known.GroupCodes.Contains(code) && !groups.ContainsKey(code))
                Fail($"/units/{index}/code", $"'{code}' is already a group code of the region; a unit needs a code of its own");
        }

        // Units: parents exist and the tree has no cycle.
        var parents = new Dictionary<string, string?>(known.UnitParents);
        foreach (var (code, index) in units)
        {
            var unit = file.Units![index];
            parents[code] = unit.Parent;
            if (unit.Parent is not null && !unitCodes.Contains(unit.Parent))
                Fail($"/units/{index}/parent", $"unknown unit code '{unit.Parent}'; expected one of the region's units ({Sample(unitCodes)})");
        }
        foreach (var (code, index) in units)
        {
            var seen = new HashSet<string> { code };
            for (var p = parents.GetValueOrDefault(code); p is not null; p = parents.GetValueOrDefault(p))
            {
                if (!seen.Add(p))
                {
                    Fail($"/units/{index}/parent", $"unit '{code}' is its own ancestor: the parents form a cycle ({string.Join(" → ", seen)} → {p})");
                    break;
                }
            }
        }

        foreach (var (_, gi) in groups)
        {
            var members = file.Groups![gi].Members;
            for (var mi = 0; mi < members.Count; mi++)
            {
                if (!unitCodes.Contains(members[mi]))
                    Fail($"/groups/{gi}/members/{mi}", $"unknown unit code '{members[mi]}'; a group's members are units of the region ({Sample(unitCodes)})");
                else if (members.Take(mi).Contains(members[mi]))
                    Fail($"/groups/{gi}/members/{mi}", $"'{members[mi]}' is listed twice");
            }
        }

        var targets = new Dictionary<(string, int), int>();
        foreach (var (target, ti) in (file.Targets ?? []).Select((t, i) => (t, i)))
        {
            if (!indicatorCodes.Contains(target.Indicator))
                Fail($"/targets/{ti}/indicator", $"unknown indicator '{target.Indicator}'; define it under 'indicators', or import it first");
            if (!targets.TryAdd((target.Indicator, target.Year), ti))
                Fail($"/targets/{ti}/year", $"a second target for {target.Indicator} in {target.Year} (first at {PlanFileLocator.Readable($"/targets/{targets[(target.Indicator, target.Year)]}")})");
        }

        // Every plan's node keys, from the file or the database, for checking links.
        var planNodes = new Dictionary<string, IReadOnlySet<string>>(known.PlanNodeKeys);
        foreach (var (id, index) in plans)
            planNodes[id] = Flatten(file.Plans![index].Nodes, $"/plans/{index}/nodes", null).Select(n => n.Node.Id).ToHashSet();

        foreach (var (planId, pi) in plans)
        {
            var plan = file.Plans![pi];
            var p = $"/plans/{pi}";
            if (plan.ValidTo < plan.ValidFrom)
                Fail($"{p}/validTo", $"the plan ends ({plan.ValidTo}) before it starts ({plan.ValidFrom})");
            if (plan.Owner is not null && !unitCodes.Contains(plan.Owner))
                Fail($"{p}/owner", $"unknown unit code '{plan.Owner}'; expected one of the region's units ({Sample(unitCodes)})");
            if (plan.Version.Decision?.Date is { } date && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                Fail($"{p}/version/decision/date", $"'{date}' is not a date; expected YYYY-MM-DD");

            var structure = ToStructure(plan);
            for (var ri = 0; ri < plan.Structure.Count; ri++)
            {
                var rule = plan.Structure[ri];
                if (!levelKeys.Contains(rule.Level))
                    Fail($"{p}/structure/{ri}/level", $"level '{rule.Level}' is not defined; defined levels: {Sample(levelKeys)}");
                if (plan.Structure.Take(ri).Any(r => r.Level == rule.Level))
                    Fail($"{p}/structure/{ri}/level", $"level '{rule.Level}' appears twice in the structure; list its parents in one 'under'");
                for (var ui = 0; ui < (rule.Under?.Count ?? 0); ui++)
                {
                    if (!structure.Defines(rule.Under![ui]))
                        Fail($"{p}/structure/{ri}/under/{ui}", $"level '{rule.Under[ui]}' is not in this plan's structure");
                }
            }

            var seenIds = new Dictionary<string, string>();
            foreach (var (node, pointer, parent) in Flatten(plan.Nodes, $"{p}/nodes", null))
            {
                if (!seenIds.TryAdd(node.Id, pointer))
                    Fail($"{pointer}/id", $"node id '{node.Id}' is used twice in plan '{planId}' (first at {PlanFileLocator.Readable(seenIds[node.Id])})");
                if (!levelKeys.Contains(node.Level))
                    Fail($"{pointer}/level", $"level '{node.Level}' is not defined; defined levels: {Sample(levelKeys)}");
                else if (!structure.Allows(node.Level, parent?.Level))
                    Fail($"{pointer}/level", parent is null
                        ? $"a '{node.Level}' node cannot stand at the root of the plan: {structure.Describe(node.Level)}"
                        : $"a '{node.Level}' node cannot stand under a '{parent.Level}' node: {structure.Describe(node.Level)}");

                for (var ri = 0; ri < (node.Responsible?.Count ?? 0); ri++)
                {
                    var code = node.Responsible![ri];
                    if (!unitCodes.Contains(code) && !groupCodes.Contains(code))
                        Fail($"{pointer}/responsible/{ri}", $"unknown unit or group code '{code}'; expected one of {Sample(unitCodes.Concat(groupCodes))}");
                    else if (node.Responsible.Take(ri).Contains(code))
                        Fail($"{pointer}/responsible/{ri}", $"'{code}' is listed twice");
                }
                for (var ii = 0; ii < (node.Indicators?.Count ?? 0); ii++)
                {
                    var code = node.Indicators![ii];
                    if (!indicatorCodes.Contains(code))
                        Fail($"{pointer}/indicators/{ii}", $"unknown indicator '{code}'; define it under 'indicators' at the top of the file, or import it first (e.g. from Kolada)");
                    else if (node.Indicators.Take(ii).Contains(code))
                        Fail($"{pointer}/indicators/{ii}", $"'{code}' is listed twice");
                }
                for (var li = 0; li < (node.Links?.Count ?? 0); li++)
                {
                    var link = node.Links![li];
                    if (link.Plan == planId)
                        Fail($"{pointer}/links/{li}/plan", "a link points to a node of another plan; this is the node's own plan");
                    else if (!planNodes.TryGetValue(link.Plan, out var keys))
                        Fail($"{pointer}/links/{li}/plan", $"unknown plan '{link.Plan}'; the region's plans are {Sample(planNodes.Keys)}");
                    else if (!keys.Contains(link.Node))
                        Fail($"{pointer}/links/{li}/node", $"plan '{link.Plan}' has no node '{link.Node}'");
                }
            }
        }
        return errors;
    }

    public static PlanStructure ToStructure(PlanFilePlan plan) =>
        new(plan.Structure.Select(r => new LevelRule(r.Level, r.Under ?? [])).ToList());

    /// <summary>The nodes in document order, each with its pointer and parent.</summary>
    public static IEnumerable<(PlanFileNode Node, string Pointer, PlanFileNode? Parent)> Flatten(
        IReadOnlyList<PlanFileNode> nodes, string pointer, PlanFileNode? parent)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var p = $"{pointer}/{i}";
            yield return (node, p, parent);
            foreach (var child in Flatten(node.Children ?? [], $"{p}/children", node))
                yield return child;
        }
    }

    private static Dictionary<string, int> Unique<T>(
        IReadOnlyList<T> items, Func<T, string> key, string pointer, string field, string what, Action<string, string> fail)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (!seen.TryAdd(key(items[i]), i))
                fail($"{pointer}/{i}{field}", $"duplicate {what} '{key(items[i])}' (first at {PlanFileLocator.Readable($"{pointer}/{seen[key(items[i])]}")})");
        }
        return seen;
    }
}
