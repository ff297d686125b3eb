using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Indicators;
using Styra.Features.Indicators.Formulas;
using Styra.Features.Organisation;

namespace Styra.Features.Plans.PlanFiles;

public enum PlanImportAction { Created, NewVersion, Unchanged }

/// <summary>What an import did to one plan. <c>DetailsChanged</c>: title, kind, validity or owner, which are not versioned.</summary>
public sealed record PlanImportOutcome(
    string PlanId, string Title, PlanImportAction Action, bool DetailsChanged, int VersionNumber, string VersionLabel, PlanDiff? Diff);

public sealed record PlanImportSummary(
    string RegionCode,
    string RegionName,
    bool RegionCreated,
    bool RegionChanged,
    int LevelsAdded,
    int LevelsUpdated,
    int UnitsAdded,
    int UnitsUpdated,
    int GroupsAdded,
    int GroupsUpdated,
    int IndicatorsAdded,
    int IndicatorsUpdated,
    int TargetsAdded,
    int TargetsUpdated,
    IReadOnlyList<PlanImportOutcome> Plans,
    bool DryRun)
{
    public bool ChangedAnything =>
        RegionCreated || RegionChanged
        || LevelsAdded + LevelsUpdated + UnitsAdded + UnitsUpdated + GroupsAdded + GroupsUpdated
            + IndicatorsAdded + IndicatorsUpdated + TargetsAdded + TargetsUpdated > 0
        || Plans.Any(p => p.Action != PlanImportAction.Unchanged || p.DetailsChanged);
}

public sealed record PlanImportResult(PlanImportSummary? Summary, IReadOnlyList<PlanFileError> Errors)
{
    public bool Succeeded => Summary is not null && Errors.Count == 0;
}

/// <summary>
/// Loads a plan file into the database in one transaction: the region, its level names, units, groups and plans.
/// A plan whose content differs from its current version gets a new version; an unchanged plan is left alone,
/// so loading the same file twice changes nothing. Any error leaves the database as it was.
/// </summary>
public sealed class PlanFileImporter(StyraDbContext db, TimeProvider time)
{
    public async Task<PlanImportResult> ImportAsync(string text, string fileName, bool dryRun = false, CancellationToken ct = default)
    {
        var read = PlanFileReader.Read(text, fileName);
        if (!read.Succeeded) return new PlanImportResult(null, read.Errors);
        var file = read.File!;
        var code = new RegionCode(file.Region.Code); // the schema has checked the two digits

        try
        {
            return await Atomic.RunAsync(db, async () =>
            {
                await Atomic.SerializeImportsAsync(db, ct);
                var region = await LoadRegionAsync(code, ct);
                var indicators = await db.Indicators.Select(i => new { i.Code, i.Formula }).ToListAsync(ct);
                var formulas = indicators.Where(i => i.Formula != null).ToDictionary(i => i.Code, i => i.Formula!);
                // Indicators with measured (imported) values, which a formula must not silently replace.
                var fileCodes = (file.Indicators ?? []).Where(i => i.Formula is not null).Select(i => i.Code).ToList();
                var measured = (await db.Indicators.Where(i => fileCodes.Contains(i.Code) && i.Formula == null
                        && (i.Source == Indicators.IndicatorSource.Kolada || db.Measurements.Any(m => m.IndicatorId == i.Id)))
                    .Select(i => i.Code).ToListAsync(ct)).ToHashSet();
                var errors = PlanFileValidator.Validate(file, read.Locator,
                    Known(region, indicators.Select(i => i.Code).ToHashSet(), formulas) with { MeasuredIndicators = measured });
                PlanImportSummary? summary = null;
                if (errors.Count == 0)
                    (summary, errors) = await new Run(db, time, file, read.Locator).ExecuteAsync(region, code, dryRun, ct);
                var result = new PlanImportResult(errors.Count > 0 ? null : summary, errors);
                return (result, Keep: errors.Count == 0 && !dryRun);
            }, ct);
        }
        catch (DbUpdateException e)
        {
            return new PlanImportResult(null, [new PlanFileError(fileName, null, null, "",
                $"the database refused the change ({(e.InnerException ?? e).Message.Trim()}); another import may have run at the same time. Nothing was loaded; try again.")]);
        }
    }

    private Task<Region?> LoadRegionAsync(RegionCode code, CancellationToken ct) =>
        db.Regions
            .Include(r => r.Levels)
            .Include(r => r.Units)
            .Include(r => r.Groups).ThenInclude(g => g.Members).ThenInclude(m => m.Unit)
            .Include(r => r.Plans).ThenInclude(p => p.Versions).ThenInclude(v => v.Nodes).ThenInclude(n => n.Responsibilities)
            .Include(r => r.Plans).ThenInclude(p => p.Versions).ThenInclude(v => v.Nodes).ThenInclude(n => n.Links).ThenInclude(l => l.TargetPlan)
            .Include(r => r.Plans).ThenInclude(p => p.Versions).ThenInclude(v => v.Nodes).ThenInclude(n => n.Indicators).ThenInclude(i => i.Indicator)
            .SingleOrDefaultAsync(r => r.Code == code, ct);

    private static KnownRegion Known(Region? region, IReadOnlySet<string> indicators, IReadOnlyDictionary<string, string> formulas) => region is null ? KnownRegion.Empty(indicators, formulas) : new KnownRegion(
        region.Units.Select(u => u.Code).ToHashSet(),
        region.Groups.Select(g => g.Code).ToHashSet(),
        region.Levels.Select(l => l.Key).ToHashSet(),
        region.Plans.ToDictionary(p => p.Key, p => (IReadOnlySet<string>)(p.CurrentVersion?.Nodes.Select(n => n.Key).ToHashSet() ?? [])),
        region.Units.ToDictionary(u => u.Code, u => u.Parent?.Code),
        indicators,
        formulas);

    private sealed class Run(StyraDbContext db, TimeProvider time, PlanFile file, PlanFileLocator at)
    {
        private readonly List<PlanFileError> _errors = [];

        public async Task<(PlanImportSummary, IReadOnlyList<PlanFileError>)> ExecuteAsync(Region? region, RegionCode code, bool dryRun, CancellationToken ct)
        {
            var created = region is null;
            if (region is null)
            {
                region = new Region(code, file.Region.Name);
                db.Regions.Add(region);
            }
            var regionChanged = !created && (region.Name != file.Region.Name.Trim() || region.Source != Blank(file.Source));
            region.Rename(file.Region.Name);
            region.DescribeSource(file.Source);

            var (levelsAdded, levelsUpdated) = ImportLevels(region);
            var (unitsAdded, unitsUpdated) = ImportUnits(region);
            var (groupsAdded, groupsUpdated) = ImportGroups(region);
            var (indicatorsAdded, indicatorsUpdated) = await ImportIndicatorsAsync(ct);
            var (targetsAdded, targetsUpdated) = await ImportTargetsAsync(region, ct);
            await db.SaveChangesAsync(ct);
            if (FormulasRemoved.Count > 0)
            {
                var removed = FormulasRemoved.Select(i => i.Id).ToList();
                await db.Measurements.Where(m => removed.Contains(m.IndicatorId)).ExecuteDeleteAsync(ct);
            }
            if (FormulasChanged.Count > 0)
            {
                // A new or changed formula: its values are computed now, as an import of kind "formula".
                ImportBatch? batch = null;
                ImportBatch Batch() => batch ??= db.ImportBatches.Add(new ImportBatch("formula", at.FileName, "plan file", time.GetUtcNow())).Entity;
                await new FormulaCalculator(db).RecomputeAsync(Batch, FormulasChanged.Select(i => i.Id).ToList(), ct);
            }

            var outcomes = ImportPlans(region);
            if (_errors.Count == 0)
            {
                await db.SaveChangesAsync(ct);
                await DataStamp.BumpAsync(db, ct);
            }

            return (new PlanImportSummary(code.Value, region.Name, created, regionChanged, levelsAdded, levelsUpdated,
                unitsAdded, unitsUpdated, groupsAdded, groupsUpdated, indicatorsAdded, indicatorsUpdated, targetsAdded, targetsUpdated, outcomes, dryRun), _errors);
        }

        private Dictionary<string, Indicators.Indicator> _indicators = [];

        /// <summary>Indicators whose formula the file set or changed: their values are computed anew.</summary>
        public List<Indicators.Indicator> FormulasChanged { get; } = [];

        /// <summary>Indicators that are no longer computed: their computed values go (they were never measured).</summary>
        public List<Indicators.Indicator> FormulasRemoved { get; } = [];

        /// <summary>Creates or updates the indicator definitions of the file; loads every indicator the plans name.</summary>
        private async Task<(int Added, int Updated)> ImportIndicatorsAsync(CancellationToken ct)
        {
            var named = (file.Plans ?? []).SelectMany(p => PlanFileValidator.Flatten(p.Nodes, "", null))
                .SelectMany(n => n.Node.Indicators ?? []).Concat((file.Indicators ?? []).Select(i => i.Code)).Distinct().ToList();
            _indicators = await db.Indicators.Where(i => named.Contains(i.Code)).ToDictionaryAsync(i => i.Code, ct);
            int added = 0, updated = 0;
            foreach (var d in file.Indicators ?? [])
            {
                if (!_indicators.TryGetValue(d.Code, out var indicator))
                {
                    indicator = new Indicators.Indicator(d.Code, d.Name, d.Source ?? Indicators.IndicatorSource.Manual);
                    _indicators[d.Code] = indicator;
                    db.Indicators.Add(indicator);
                    added++;
                }
                var before = (indicator.Name, indicator.Description, indicator.Unit, indicator.Decimals, indicator.Direction, indicator.Periodicity, indicator.Formula, indicator.Source);
                indicator.Describe(d.Name, d.Description ?? indicator.Description, d.Unit ?? indicator.Unit, d.Decimals ?? indicator.Decimals);
                indicator.Direction = d.Direction ?? indicator.Direction;
                indicator.Periodicity = d.Periodicity ?? indicator.Periodicity;
                // Checked by the validator: the formula parses and its inputs exist.
                indicator.ComputeWith(d.Formula is null ? null : Indicators.Formulas.IndicatorFormula.Parse(d.Formula).Formula,
                    d.Source ?? (indicator.Source == Indicators.IndicatorSource.Formula ? Indicators.IndicatorSource.Manual : indicator.Source));
                if (indicator.Formula != before.Formula) FormulasChanged.Add(indicator);
                if (before.Formula is not null && indicator.Formula is null) FormulasRemoved.Add(indicator);
                if (before != (indicator.Name, indicator.Description, indicator.Unit, indicator.Decimals, indicator.Direction, indicator.Periodicity, indicator.Formula, indicator.Source)
                    && db.Entry(indicator).State != EntityState.Added)
                    updated++;
            }
            return (added, updated);
        }

        /// <summary>Sets the file's targets; targets the file does not mention are left as they are.</summary>
        private async Task<(int Added, int Updated)> ImportTargetsAsync(Region region, CancellationToken ct)
        {
            if (file.Targets is not { Count: > 0 } targets) return (0, 0);
            var codes = targets.Select(t => t.Indicator).Distinct().ToList();
            foreach (var code in codes.Where(c => !_indicators.ContainsKey(c)))
                _indicators[code] = await db.Indicators.SingleAsync(i => i.Code == code, ct);
            var existing = region.Id == 0 ? [] : await db.Targets.Where(t => t.RegionId == region.Id).Include(t => t.Indicator).ToListAsync(ct);
            int added = 0, updated = 0;
            foreach (var t in targets)
            {
                var (tolerance, demo) = (t.Tolerance ?? 0, t.Demo ?? false);
                var target = existing.FirstOrDefault(x => x.Indicator.Code == t.Indicator && x.Year == t.Year);
                if (target is null)
                {
                    db.Targets.Add(new Indicators.Target(_indicators[t.Indicator], region, t.Year, t.Value, tolerance, demo));
                    added++;
                }
                else if ((target.Value, target.Tolerance, target.IsDemo) != (t.Value, tolerance, demo))
                {
                    target.Set(t.Value, tolerance, demo);
                    updated++;
                }
            }
            return (added, updated);
        }

        private (int Added, int Updated) ImportLevels(Region region)
        {
            int added = 0, updated = 0;
            foreach (var (level, i) in (file.Levels ?? []).Select((l, i) => (l, i)))
            {
                var existing = region.Levels.FirstOrDefault(l => l.Key == level.Key);
                if (existing is null)
                {
                    existing = new LevelDefinition(region, level.Key, level.Name, level.NameEn);
                    region.Levels.Add(existing);
                    added++;
                }
                else
                {
                    var before = (existing.Name, existing.NameEn, existing.SortOrder);
                    existing.Rename(level.Name, level.NameEn);
                    if (before != (existing.Name, existing.NameEn, i)) updated++;
                }
                existing.SortOrder = i;
            }
            return (added, updated);
        }

        private (int Added, int Updated) ImportUnits(Region region)
        {
            int added = 0, updated = 0;
            var fileUnits = file.Units ?? [];
            foreach (var (u, i) in fileUnits.Select((u, i) => (u, i)))
            {
                var unit = region.Units.FirstOrDefault(x => x.Code == u.Code);
                if (unit is null)
                {
                    unit = new Unit(region, u.Code, u.Name, u.Kind);
                    region.Units.Add(unit);
                    added++;
                }
                else
                {
                    if (unit.Name != u.Name.Trim() || unit.Kind != u.Kind || unit.Parent?.Code != u.Parent || unit.SortOrder != i) updated++;
                    unit.Update(u.Name, u.Kind);
                }
                unit.SortOrder = i;
            }
            // Detach first, then attach: the validator has checked that the final tree has no cycle,
            // and moving units one by one could otherwise meet a cycle that exists only halfway through.
            var units = fileUnits.Select(u => region.Units.First(x => x.Code == u.Code)).ToList();
            foreach (var unit in units) unit.MoveUnder(null);
            foreach (var (u, unit) in fileUnits.Zip(units))
                unit.MoveUnder(u.Parent is null ? null : region.Units.First(x => x.Code == u.Parent));
            return (added, updated);
        }

        private (int Added, int Updated) ImportGroups(Region region)
        {
            int added = 0, updated = 0;
            foreach (var g in file.Groups ?? [])
            {
                var group = region.Groups.FirstOrDefault(x => x.Code == g.Code);
                if (group is null)
                {
                    group = new UnitGroup(region, g.Code, g.Name);
                    region.Groups.Add(group);
                    added++;
                }
                else if (group.Name != g.Name.Trim() || !group.Members.Select(m => m.Unit.Code).Order().SequenceEqual(g.Members.Order()))
                    updated++;
                group.Rename(g.Name);
                group.SetMembers(g.Members.Select(code => region.Units.First(u => u.Code == code)));
            }
            return (added, updated);
        }

        private List<PlanImportOutcome> ImportPlans(Region region)
        {
            var filePlans = file.Plans ?? [];
            var entities = new List<(PlanFilePlan File, Plan Entity, bool IsNew, bool DetailsChanged)>();
            foreach (var p in filePlans)
            {
                var plan = region.Plans.FirstOrDefault(x => x.Key == p.Id);
                var isNew = plan is null;
                if (plan is null)
                {
                    plan = new Plan(region, p.Id, p.Title, p.Kind, p.ValidFrom, p.ValidTo);
                    region.Plans.Add(plan);
                }
                var before = (plan.Title, plan.Kind, plan.ValidFrom, plan.ValidTo, Owner: plan.Owner?.Code);
                plan.Update(p.Title, p.Kind, p.ValidFrom, p.ValidTo, p.Owner is null ? null : region.Units.First(u => u.Code == p.Owner));
                entities.Add((p, plan, isNew, !isNew && before != (plan.Title, plan.Kind, plan.ValidFrom, plan.ValidTo, p.Owner)));
            }

            var outcomes = new List<PlanImportOutcome>();
            foreach (var (index, (p, plan, isNew, detailsChanged)) in entities.Index())
            {
                var current = plan.CurrentVersion;
                var decision = ToDecision(p.Version.Decision);
                var structure = PlanFileValidator.ToStructure(p);
                var nodes = PlanFileValidator.Flatten(p.Nodes, "", null).ToList();
                var incoming = nodes.Select(n => Snapshot(n.Node, n.Parent)).ToList();
                PlanDiff? diff = null;
                if (current is not null)
                {
                    diff = PlanDiff.Compare(current.Nodes.OrderBy(n => n.SortOrder).Select(NodeSnapshot.From), incoming);
                    var same = diff.IsEmpty && current.Label == p.Version.Label.Trim() && current.Decision == decision
                        && current.Structure.SameAs(structure);
                    if (same)
                    {
                        outcomes.Add(new PlanImportOutcome(p.Id, p.Title, PlanImportAction.Unchanged, detailsChanged, current.Number, current.Label, null));
                        continue;
                    }
                    if (plan.Versions.Any(v => v.Label == p.Version.Label.Trim()))
                    {
                        _errors.Add(at.Error($"/plans/{index}/version/label",
                            $"plan '{p.Id}' already has a version labelled '{p.Version.Label}' with other content; give the revision a new label (e.g. the year it was decided)"));
                        continue;
                    }
                }

                var version = plan.AddVersion(p.Version.Label, decision, structure, time.GetUtcNow());
                var built = new Dictionary<PlanFileNode, GoalNode>(ReferenceEqualityComparer.Instance);
                foreach (var (node, _, parent) in nodes)
                {
                    var goal = version.AddNode(node.Id, node.Level, node.Title, node.Description, parent is null ? null : built[parent]);
                    built[node] = goal;
                    foreach (var code in node.Responsible ?? [])
                    {
                        if (region.Units.FirstOrDefault(u => u.Code == code) is { } unit) goal.AssignTo(unit);
                        else goal.AssignTo(region.Groups.First(g => g.Code == code));
                    }
                    foreach (var link in node.Links ?? [])
                        goal.ContributesTo(region.Plans.First(x => x.Key == link.Plan), link.Node);
                    foreach (var indicator in node.Indicators ?? [])
                        goal.FollowUpWith(_indicators[indicator]);
                }
                outcomes.Add(new PlanImportOutcome(p.Id, p.Title, isNew ? PlanImportAction.Created : PlanImportAction.NewVersion,
                    detailsChanged, version.Number, version.Label, diff));
            }
            return outcomes;
        }

        private static Decision ToDecision(PlanFileDecision? d) => d is null
            ? Decision.None
            : new Decision(Blank(d.Body), d.Date is null ? null : DateOnly.ParseExact(d.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), Blank(d.Reference));

        private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

        private static NodeSnapshot Snapshot(PlanFileNode n, PlanFileNode? parent) => new(
            n.Id, parent?.Id, n.Level, n.Title.Trim(), Blank(n.Description),
            (n.Responsible ?? []).Order(StringComparer.Ordinal).ToList(),
            (n.Links ?? []).Select(l => $"{l.Plan}/{l.Node}").Order(StringComparer.Ordinal).ToList(),
            (n.Indicators ?? []).ToList());
    }
}
