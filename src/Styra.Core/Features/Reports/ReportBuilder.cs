using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Economy;
using Styra.Features.FollowUp;
using Styra.Features.Indicators;
using Styra.Features.Organisation;
using Styra.Features.Plans;
using Names = Styra.Features.FollowUp.Names;

namespace Styra.Features.Reports;

/// <summary>What to report: an event, for the whole region or one committee, approved content only or a draft with everything.</summary>
/// <param name="Charts">Whether to draw the charts (the DOCX and the PDF show them; the XLSX appendix needs only their figures).</param>
public sealed record ReportRequest(int EventId, string? UnitCode = null, bool IncludeDrafts = false, bool Charts = true);

/// <summary>
/// Builds the report of a follow-up event from what was reported: the plan's focus areas as chapters, each goal with the
/// committees' assessments and the goal's indicators (table and chart with target and Riket), the region's and the
/// focus areas' own assessments, and the economy chapter. Only approved assessments are shown unless a draft is asked
/// for; every figure is recorded with its source for the data appendix.
/// </summary>
public sealed class ReportBuilder(StyraDbContext db, EconomyQueries economy, MonthlyEconomyQueries monthly, Judgements judgements, TimeProvider time)
{
    internal static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");
    private const string Riket = "Riket";
    private const int ChartWidth = 640, ChartHeight = 260;

    public async Task<ReportDocument?> BuildAsync(ReportRequest request, CancellationToken ct = default)
    {
        var ev = await db.ReportingEvents.AsNoTracking().Include(e => e.Region).Include(e => e.Plan)
            .SingleOrDefaultAsync(e => e.Id == request.EventId, ct);
        if (ev is null) return null;
        Unit? committee = null;
        if (request.UnitCode is { } code && !string.IsNullOrWhiteSpace(code))
        {
            committee = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.RegionId == ev.RegionId && u.Code == code, ct);
            if (committee is null) return null;
        }

        var nodes = await db.GoalNodes.AsNoTracking().CurrentNodes().Where(n => n.PlanVersion.PlanId == ev.PlanId)
            .Include(n => n.Indicators).ThenInclude(i => i.Indicator).OrderBy(n => n.SortOrder).ToListAsync(ct);
        var assessments = await db.Assessments.AsNoTracking().Include(a => a.Unit).Where(a => a.EventId == ev.Id).ToListAsync(ct);
        if (committee is not null) assessments = assessments.Where(a => a.UnitId == committee.Id).ToList();

        var context = new Context(ev, committee, request.IncludeDrafts, request.Charts);
        var codes = nodes.SelectMany(n => n.Indicators).Select(i => i.Indicator.Code).Distinct().ToList();
        context.Indicators = await IndicatorQueries.SummariesAsync(db, ev.Region.Code, codes, ct, asOfYear: ev.Year);
        context.Measurements = await MeasurementSourcesAsync(ev.Region.Code, context.Indicators.Values, ct);
        if (request.Charts && ev.Kind != EventKind.Monthly)
        {
            // Each indicator's chart is drawn once (an indicator can follow up several goals), on every core.
            var charted = context.Indicators.Values.Where(s => s.Series.Count > 1).ToList();
            var pngs = new System.Collections.Concurrent.ConcurrentDictionary<string, byte[]>();
            Parallel.ForEach(charted, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = 2 },
                s => pngs[s.Code] = IndicatorChart.Png(s, ev.Region.Name, Riket, ChartWidth, ChartHeight));
            context.Charts = new Dictionary<string, byte[]>(pngs);
        }

        var blocks = new List<Block>();
        blocks.Add(new Heading(1, "Om rapporten"));
        blocks.Add(Paragraph.Of(
            $"{ev.Name} för {ev.Region.Name}{(committee is null ? "" : ", " + committee.Name)} följer upp {ev.Plan.Title} för perioden {Period(ev)}. "
            + (request.IncludeDrafts
                ? "Detta är ett UTKAST: rapporten visar även bedömningar som ännu inte är godkända, med sin status."
                : "Rapporten visar endast godkända bedömningar; det som inte var godkänt när rapporten skapades står som ej godkänt.")));
        blocks.Add(Paragraph.Of("Måluppfyllelse: ● grön = uppfyllt, ● gul = delvis uppfyllt, ● röd = ej uppfyllt, ○ = ej bedömt. "
            + "Varje siffra i rapporten finns med sin källa i dataunderlaget (XLSX).", TextStyle.Note));

        var byNode = assessments.ToLookup(a => a.NodeKey);
        var children = nodes.ToLookup(n => n.ParentId);
        if (ev.Kind != EventKind.Monthly)
            AddSummary(blocks, context, nodes, children, assessments);
        if (committee is null && ev.Kind != EventKind.Monthly)
        {
            blocks.Add(new Heading(1, $"{ev.Region.Name} som helhet"));
            AddAssessments(blocks, context, "Regionen som helhet", byNode[""].ToList(), rollUp: true);
        }
        // A monthly report is the economy's: the goals are assessed in the follow-up reports and the annual report.
        foreach (var area in ev.Kind == EventKind.Monthly ? [] : children[null])
        {
            var part = new List<Block>();
            AddNode(part, context, area, children, byNode, 1);
            // A committee's report leaves out the focus areas where it has nothing to report.
            if (committee is null || part.Count > 1) blocks.AddRange(part);
        }
        await AddEconomyAsync(blocks, context, ct);

        return new ReportDocument(ev.Region.Code.Value, ev.Region.Name, Title(ev.Kind), ev.Name, Period(ev),
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Deadlines.Stockholm).DateTime),
            ev.Plan.Title, committee?.Name, request.IncludeDrafts, blocks, context.Trace);
    }

    private sealed class Context(ReportingEvent ev, Unit? committee, bool drafts, bool charts)
    {
        public bool DrawCharts { get; } = charts;
        public Dictionary<string, byte[]> Charts { get; set; } = [];
        public ReportingEvent Event { get; } = ev;
        public Unit? Committee { get; } = committee;
        public bool Drafts { get; } = drafts;
        public Dictionary<string, IndicatorSummary> Indicators { get; set; } = [];
        public Dictionary<(string Code, string Area, string Period), string> Measurements { get; set; } = [];
        public List<TraceRow> Trace { get; } = [];
        public HashSet<string> ChartedIndicators { get; } = [];
    }

    /// <summary>
    /// The fulfilment at a glance: for each node of the plan's two upper levels, how the committees' assessments below
    /// it are distributed (the approved ones; in a draft, every one written).
    /// </summary>
    private static void AddSummary(List<Block> blocks, Context c, List<GoalNode> nodes, ILookup<int?, GoalNode> children, List<Assessment> assessments)
    {
        bool Shown(Assessment a) => a.Fulfilment is not null && (a.Status == AssessmentStatus.Approved || (c.Drafts && a.Status is AssessmentStatus.Submitted or AssessmentStatus.Draft or AssessmentStatus.Returned));
        var byKey = assessments.Where(a => a.UnitId is not null).ToLookup(a => a.NodeKey);
        IEnumerable<Assessment> Below(GoalNode n) => byKey[n.Key].Concat(children[n.Id].SelectMany(Below));
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (node, depth) in children[null].SelectMany(r => new[] { (r, 0) }.Concat(children[r.Id].Select(k => (k, 1)))))
        {
            var below = Below(node).ToList();
            if (below.Count == 0) continue;
            var shown = below.Where(Shown).ToList();
            int Count(Fulfilment f) => shown.Count(a => a.Fulfilment == f);
            rows.Add([(depth == 0 ? "" : "– ") + node.Title, Count(Fulfilment.Met).ToString(Swedish), Count(Fulfilment.PartlyMet).ToString(Swedish),
                Count(Fulfilment.NotMet).ToString(Swedish), Count(Fulfilment.NotAssessed).ToString(Swedish), (below.Count - shown.Count).ToString(Swedish)]);
            foreach (var (f, word) in new[] { (Fulfilment.Met, "uppfyllt"), (Fulfilment.PartlyMet, "delvis uppfyllt"), (Fulfilment.NotMet, "ej uppfyllt"), (Fulfilment.NotAssessed, "ej bedömt") })
                c.Trace.Add(new TraceRow("Måluppfyllelsen i sammanfattning", $"{node.Title}: {word}", c.Event.Name, Count(f), "bedömningar", "Beräkning",
                    "Antal nämndbedömningar under noden" + (c.Drafts ? " (alla skrivna)" : " (godkända)"), $"Node/{node.Key}"));
            c.Trace.Add(new TraceRow("Måluppfyllelsen i sammanfattning", $"{node.Title}: {(c.Drafts ? "ej skrivna" : "ej godkända")}", c.Event.Name, below.Count - shown.Count,
                "bedömningar", "Beräkning", "Antal nämndbedömningar under noden som inte visas", $"Node/{node.Key}"));
        }
        if (rows.Count == 0) return;
        blocks.Add(new Heading(2, "Måluppfyllelsen i sammanfattning"));
        blocks.Add(new Table(c.Drafts ? "Nämndernas bedömningar under varje del av planen (alla skrivna, även ej godkända)" : "Nämndernas godkända bedömningar under varje del av planen",
            [new("Del av planen", Weight: 4), new("Uppfyllt", true, 1.1), new("Delvis uppfyllt", true, 1.2), new("Ej uppfyllt", true, 1.1), new("Ej bedömt", true, 1.1), new(c.Drafts ? "Ej skrivna" : "Ej godkända", true, 1.2)],
            rows));
    }

    private void AddNode(List<Block> blocks, Context c, GoalNode node, ILookup<int?, GoalNode> children, ILookup<string, Assessment> byNode, int level)
    {
        blocks.Add(new Heading(Math.Min(level, 3), node.Title));
        if (level > 1 && !string.IsNullOrWhiteSpace(node.Description)) blocks.Add(Paragraph.Of(node.Description!, TextStyle.Note));
        var own = byNode[node.Key].Where(a => a.UnitId is null).ToList();
        var committees = byNode[node.Key].Where(a => a.UnitId is not null).OrderBy(a => a.Unit!.SortOrder).ThenBy(a => a.Unit!.Code, StringComparer.Ordinal).ToList();
        if (own.Count > 0 && c.Committee is null) AddAssessments(blocks, c, node.Title, own, rollUp: true);
        if (committees.Count > 0) AddAssessments(blocks, c, node.Title, committees, rollUp: false);
        if (committees.Count > 0 || (c.Committee is null && node.Indicators.Count > 0)) AddIndicators(blocks, c, node);
        var before = blocks.Count;
        foreach (var child in children[node.Id]) AddNode(blocks, c, child, children, byNode, level + 1);
        // An empty goal in a committee's report (nothing of the committee's own below it) is dropped with its heading.
        if (c.Committee is not null && committees.Count == 0 && blocks.Count == before)
            blocks.RemoveRange(blocks.Count - 1 - (level > 1 && !string.IsNullOrWhiteSpace(node.Description) ? 1 : 0), level > 1 && !string.IsNullOrWhiteSpace(node.Description) ? 2 : 1);
    }

    private void AddAssessments(List<Block> blocks, Context c, string node, IReadOnlyList<Assessment> list, bool rollUp)
    {
        foreach (var a in list)
        {
            var who = a.Unit is null ? (a.NodeKey.Length == 0 ? "Regionens samlade bedömning" : "Fokusområdets samlade bedömning") : $"{a.Unit.Name} ({a.Unit.Code})";
            var shown = a.Status == AssessmentStatus.Approved || (c.Drafts && a.Status != AssessmentStatus.NotStarted);
            if (!shown)
            {
                blocks.Add(new FulfilmentLine(who, null, null, c.Drafts ? Names.Status(a.Status, false) : "ej godkänd när rapporten skapades"));
                continue;
            }
            var state = a.Status == AssessmentStatus.Approved ? null : Names.Status(a.Status, false);
            blocks.Add(new FulfilmentLine(who, a.Fulfilment, c.Event.AsksForecast ? a.Forecast : null, state));
            blocks.AddRange(ReportMarkdown.Blocks(a.Analysis));
            var reference = $"Bedömning #{a.Id} version {a.Version}, {Names.Status(a.Status, false)}"
                + (a.ApprovedAt is { } at ? $" {Local(at):yyyy-MM-dd} av {a.ApprovedBy}" : a.SubmittedAt is { } sub ? $", inskickad {Local(sub):yyyy-MM-dd} av {a.SubmittedBy}" : "");
            c.Trace.Add(new TraceRow(node, $"Måluppfyllelse – {who}", c.Event.Name, null, "", "Bedömning", reference, $"Assessment/{a.Id}")
                { Text = a.Fulfilment is { } f ? Names.Fulfilment(f, false) : "" });
            if (c.Event.AsksForecast && a.Forecast is { } fc)
                c.Trace.Add(new TraceRow(node, $"Prognos helår – {who}", c.Event.Name, null, "", "Bedömning", reference, $"Assessment/{a.Id}")
                    { Text = Names.Fulfilment(fc, false) });
        }
    }

    private void AddIndicators(List<Block> blocks, Context c, GoalNode node)
    {
        var list = node.Indicators.OrderBy(i => i.SortOrder).Select(i => c.Indicators.GetValueOrDefault(i.Indicator.Code)).OfType<IndicatorSummary>().ToList();
        if (list.Count == 0) return;
        var rows = new List<IReadOnlyList<string>>();
        foreach (var s in list)
        {
            rows.Add([s.Name, s.LatestPeriod ?? "–", Number(s.Latest, s.Decimals), Number(s.Target, s.Decimals), Number(s.Riket, s.Decimals), s.Unit ?? ""]);
            if (s.LatestPeriod is null)
            {
                if (s.Target is { } t0)
                    c.Trace.Add(new TraceRow(node.Title, $"{s.Name} – målvärde", "–", (decimal)t0, s.Unit ?? "", "Målvärde",
                        s.TargetIsDemo ? "Målvärde (demo)" : "Målvärde beslutat i Styra", $"Target/{c.Event.Region.Code.Value}/{s.Code}"));
                continue;
            }
            var source = s.Source == IndicatorSource.Kolada && !s.HasValuesFromElsewhere ? "Källa: Kolada" : "Källa: regionens egen mätning";
            if (s.Latest is { } v)
                c.Trace.Add(new TraceRow(node.Title, s.Name, s.LatestPeriod, (decimal)v, s.Unit ?? "", "Mätvärde",
                    $"{source}; {c.Measurements.GetValueOrDefault((s.Code, c.Event.Region.Code.KoladaId, s.LatestPeriod), "mätvärde")}", $"Indicator/{s.Code}/{c.Event.Region.Code.KoladaId}/{s.LatestPeriod}"));
            if (s.Riket is { } r)
                c.Trace.Add(new TraceRow(node.Title, $"{s.Name} – {Riket}", s.LatestPeriod, (decimal)r, s.Unit ?? "", "Mätvärde",
                    $"{source}; {c.Measurements.GetValueOrDefault((s.Code, "0000", s.LatestPeriod), "mätvärde")}", $"Indicator/{s.Code}/0000/{s.LatestPeriod}"));
            if (s.Target is { } t)
                c.Trace.Add(new TraceRow(node.Title, $"{s.Name} – målvärde", s.LatestPeriod, (decimal)t, s.Unit ?? "", "Målvärde",
                    s.TargetIsDemo ? "Målvärde (demo)" : "Målvärde beslutat i Styra", $"Target/{c.Event.Region.Code.Value}/{s.Code}/{s.LatestPeriod}"));
        }
        blocks.Add(new Table($"Indikatorer – {node.Title}",
            [new("Indikator", Weight: 4), new("Period", Weight: 1.2), new(c.Event.Region.Name, true, 1.4), new("Målvärde", true, 1.2), new(Riket, true, 1.2), new("Enhet", Weight: 1.2)],
            rows));
        if (list.Any(s => s.Source == IndicatorSource.Kolada && !s.HasValuesFromElsewhere))
            blocks.Add(Paragraph.Of("Källa: Kolada (RKA), för de indikatorer som hämtas därifrån.", TextStyle.Note));
        foreach (var s in list.Where(s => c.DrawCharts && c.Charts.ContainsKey(s.Code)))
        {
            blocks.Add(new Chart($"{s.Name}: {c.Event.Region.Name}, {Riket}{(s.Target is null ? "" : " och målvärde")}",
                c.Charts[s.Code], ChartWidth, ChartHeight, ChartText(s, c.Event.Region.Name)));
            blocks.Add(Paragraph.Of($"Heldragen blå linje: {c.Event.Region.Name}. Streckad orange linje: {Riket}."
                + (s.Series.Any(p => p.Target is not null) ? " Prickad grön linje med romber: målvärde." : ""), TextStyle.Note));
            // The chart's points are figures of the report too: each indicator's once, however many goals show it.
            if (!c.ChartedIndicators.Add(s.Code)) continue;
            var section = $"Diagram: {s.Name}";
            var source = s.Source == IndicatorSource.Kolada && !s.HasValuesFromElsewhere ? "Källa: Kolada" : "Källa: regionens egen mätning";
            var area = c.Event.Region.Code.KoladaId;
            foreach (var p in s.Series)
            {
                if (p.Region is { } rv)
                    c.Trace.Add(new TraceRow(section, c.Event.Region.Name, p.Period, (decimal)rv, s.Unit ?? "", "Mätvärde",
                        $"{source}; {c.Measurements.GetValueOrDefault((s.Code, area, p.Period), "mätvärde")}", $"Indicator/{s.Code}/{area}/{p.Period}"));
                if (p.Riket is { } kv)
                    c.Trace.Add(new TraceRow(section, Riket, p.Period, (decimal)kv, s.Unit ?? "", "Mätvärde",
                        $"{source}; {c.Measurements.GetValueOrDefault((s.Code, "0000", p.Period), "mätvärde")}", $"Indicator/{s.Code}/0000/{p.Period}"));
                if (p.Target is { } tv)
                    c.Trace.Add(new TraceRow(section, "Målvärde", p.Period, (decimal)tv, s.Unit ?? "", "Målvärde",
                        s.TargetIsDemo ? "Målvärde (demo)" : "Målvärde beslutat i Styra", $"Target/{c.Event.Region.Code.Value}/{s.Code}/{p.Period}"));
            }
        }
    }

    private static string ChartText(IndicatorSummary s, string region)
    {
        var first = s.Series.First(p => p.Region is not null || p.Riket is not null);
        var last = s.Series.Last(p => p.Region is not null || p.Riket is not null);
        return $"{s.Name} {first.Period}–{last.Period}. {region}: {Number(first.Region, s.Decimals)} → {Number(last.Region, s.Decimals)}; "
            + $"Riket: {Number(first.Riket, s.Decimals)} → {Number(last.Riket, s.Decimals)}"
            + (s.Target is { } t ? $"; målvärde {Number(t, s.Decimals)}." : ".");
    }

    private async Task<Dictionary<(string, string, string), string>> MeasurementSourcesAsync(RegionCode region, IEnumerable<IndicatorSummary> summaries, CancellationToken ct)
    {
        var codes = summaries.Where(s => s.LatestPeriod is not null).Select(s => s.Code).ToList();
        if (codes.Count == 0) return [];
        string[] areas = [region.KoladaId, "0000"];
        var rows = await db.Measurements.AsNoTracking()
            .Where(m => codes.Contains(m.Indicator.Code) && areas.Contains(m.AreaId) && m.Gender == Gender.T && m.UnitCode == Measurement.WholeArea)
            .Select(m => new { m.Id, m.Indicator.Code, m.AreaId, m.Period, m.ImportBatchId, m.ImportBatch.Kind, m.ImportBatch.Files, m.ImportBatch.StartedAt })
            .ToListAsync(ct);
        return rows.GroupBy(r => (r.Code, r.AreaId, r.Period.ToString())).ToDictionary(g => g.Key, g =>
        {
            var r = g.First();
            return $"mätvärde #{r.Id}, import #{r.ImportBatchId} ({r.Kind}, {r.Files}, {r.StartedAt:yyyy-MM-dd})";
        });
    }

    private async Task AddEconomyAsync(List<Block> blocks, Context c, CancellationToken ct)
    {
        var ev = c.Event;
        var year = await economy.YearAsync(ev.Region.Code, ev.Year, ct);
        if (year is null) return;
        const string chapter = "Ekonomi";
        blocks.Add(new Heading(1, chapter));
        var items = await db.EconomyItems.AsNoTracking().Where(i => i.RegionId == ev.RegionId && i.Year == ev.Year).ToListAsync(ct);

        if (c.Committee is null)
        {
            blocks.Add(new Heading(2, $"Resultat mot budget {ev.Year}"));
            var kinds = year.Figures.Select(f => f.Kind).OrderBy(k => k == FigureKind.Budget ? 0 : k == FigureKind.Forecast ? 1 : 2).ToList();
            if (kinds.Count == 0) blocks.Add(Paragraph.Of($"Inga poster för {ev.Year} finns i Styra.", TextStyle.Note));
            else
            {
                var shownItems = EconomyNames.IncomeStatement.Where(k => year.Figures.Any(f => f.Items.Any(i => i.Item == k))).ToList();
                var rows = new List<IReadOnlyList<string>>();
                foreach (var item in shownItems)
                {
                    rows.Add([EconomyNames.Swedish(item), .. kinds.Select(k => Mnkr(year.Figures.Single(f => f.Kind == k).Items.SingleOrDefault(i => i.Item == item)?.Amount))]);
                    foreach (var stored in items.Where(i => i.Item == item && kinds.Contains(i.Kind)))
                        c.Trace.Add(new TraceRow($"{chapter}: resultat mot budget", EconomyNames.Swedish(item), $"{ev.Year} {EconomyNames.Kind(stored.Kind)}", stored.Amount, "mnkr",
                            "Ekonomipost", stored.Source, $"EconomyItem/{stored.Id}"));
                }
                rows.Add(["Årets resultat, beräknat av Styra", .. kinds.Select(k => Mnkr(year.Figures.Single(f => f.Kind == k).ComputedResult))]);
                foreach (var f in year.Figures.Where(f => f.ComputedResult is not null))
                    c.Trace.Add(new TraceRow($"{chapter}: resultat mot budget", "Årets resultat, beräknat av Styra", $"{ev.Year} {EconomyNames.Kind(f.Kind)}", f.ComputedResult, "mnkr",
                        "Beräkning", "Summan av resultaträkningens poster", $"Economy/{ev.Region.Code.Value}/{ev.Year}/{f.Kind}"));
                blocks.Add(new Table($"Resultaträkning {ev.Year}, mnkr", [new("Post", Weight: 4), .. kinds.Select(k => new Column(EconomyNames.Kind(k), true, 1.3))], rows));
                if (year.Figures.SingleOrDefault(f => f.Kind == FigureKind.Budget) is { } b && year.Figures.SingleOrDefault(f => f.Kind == FigureKind.Forecast) is { } fc
                    && (b.ComputedResult ?? b.ReportedResult) is { } br && (fc.ComputedResult ?? fc.ReportedResult) is { } fr)
                {
                    blocks.Add(Paragraph.Of($"Prognosen för helåret är ett resultat på {Mnkr(fr)} mnkr, {Mnkr(fr - br)} mnkr mot budget."));
                    c.Trace.Add(new TraceRow($"{chapter}: resultat mot budget", "Prognos för årets resultat", ev.Year.ToString(Swedish), fr, "mnkr", "Beräkning",
                        "Årets resultat i prognosen", $"Economy/{ev.Region.Code.Value}/{ev.Year}/Forecast"));
                    c.Trace.Add(new TraceRow($"{chapter}: resultat mot budget", "Prognos mot budget", ev.Year.ToString(Swedish), fr - br, "mnkr", "Beräkning",
                        "Årets resultat i prognosen − årets resultat i budgeten", $"Economy/{ev.Region.Code.Value}/{ev.Year}"));
                }
            }
        }

        if (year.Frames is { } frames)
        {
            blocks.Add(new Heading(2, $"Budgetramar {ev.Year}"));
            var rows = frames.Rows.Where(r => c.Committee is null || r.Unit == c.Committee.Code).Select(r => (IReadOnlyList<string>)[r.Label, Mnkr(r.Amount)]).ToList();
            if (c.Committee is null)
            {
                rows.Add(["Summa av raderna", Mnkr(frames.Sum)]);
                if (frames.StatedTotal is { } st) rows.Add(["Summa enligt beslutet", Mnkr(st)]);
                if (frames.Difference is { } d && d != 0) rows.Add(["Skillnad (avrundning i beslutet)", Mnkr(d)]);
            }
            blocks.Add(new Table($"Budgetramar {ev.Year}, mnkr", [new("Nämnd eller post", Weight: 4), new("Ram", true, 1.3)], rows));
            foreach (var r in frames.Rows.Where(r => c.Committee is null || r.Unit == c.Committee.Code))
                c.Trace.Add(new TraceRow($"{chapter}: budgetramar", r.Label, ev.Year.ToString(Swedish), r.Amount, "mnkr", "Budgetram", frames.Source, $"BudgetFrame/{ev.Region.Code.Value}/{ev.Year}/row/{r.Position}"));
            if (c.Committee is null)
            {
                c.Trace.Add(new TraceRow($"{chapter}: budgetramar", "Summa av raderna", ev.Year.ToString(Swedish), frames.Sum, "mnkr", "Beräkning", "Summan av ramraderna", $"BudgetFrame/{ev.Region.Code.Value}/{ev.Year}"));
                if (frames.StatedTotal is { } st)
                    c.Trace.Add(new TraceRow($"{chapter}: budgetramar", "Summa enligt beslutet", ev.Year.ToString(Swedish), st, "mnkr", "Budgetram", frames.Source, $"BudgetFrame/{ev.Region.Code.Value}/{ev.Year}"));
                if (frames.Difference is { } d && d != 0)
                    c.Trace.Add(new TraceRow($"{chapter}: budgetramar", "Skillnad (avrundning i beslutet)", ev.Year.ToString(Swedish), d, "mnkr", "Beräkning",
                        "Summa enligt beslutet − summan av raderna", $"BudgetFrame/{ev.Region.Code.Value}/{ev.Year}"));
            }
        }
        await AddMonthlyAsync(blocks, c, chapter, ct);
        if (c.Committee is not null) return;

        if (year.TaxRate is not null || year.Fees is { Count: > 0 })
        {
            blocks.Add(new Heading(2, $"Skattesats och avgifter {ev.Year}"));
            if (year.TaxRate is { } tax)
            {
                blocks.Add(Paragraph.Of($"Skattesatsen (utdebiteringen) {ev.Year} är {tax.Percent.ToString("N2", Swedish)} kronor per hundra kronor beskattningsbar inkomst ({tax.Percent.ToString("N2", Swedish)} %)."));
                c.Trace.Add(new TraceRow($"{chapter}: skattesats", "Skattesats", ev.Year.ToString(Swedish), tax.Percent, "%", "Skattesats", tax.Source, $"TaxRate/{ev.Region.Code.Value}/{ev.Year}"));
            }
            if (year.Fees is { Count: > 0 } fees)
            {
                blocks.Add(new Table($"Avgiftsbeslut {ev.Year}", [new("Område", Weight: 1.6), new("Beslut", Weight: 4.5), new("Högsta förändring", true, 1.4)],
                    fees.Select(f => (IReadOnlyList<string>)[f.Area, f.Decision, f.MaxChangePercent is { } m ? Percent(m) : "–"]).ToList()));
                foreach (var f in fees.Where(f => f.MaxChangePercent is not null))
                    c.Trace.Add(new TraceRow($"{chapter}: avgifter", $"{f.Area}: högsta förändring", ev.Year.ToString(Swedish), f.MaxChangePercent, "%", "Avgiftsbeslut", f.Source, $"FeeDecision/{ev.Region.Code.Value}/{ev.Year}/{f.Area}"));
            }
        }

        var series = await economy.FinancialGoalsAsync(ev.Region.Code, ct) ?? [];
        blocks.Add(new Heading(2, "Finansiella mål"));
        foreach (var s in series)
        {
            blocks.Add(new Heading(3, s.Swedish));
            blocks.Add(new Paragraph([new Inline("Formel: ", Bold: true), new Inline(s.Formula), new Inline(". Mål: ", Bold: true), new Inline(s.TargetSwedish + ".")]));
            var figures = s.Figures.Where(f => f.Year <= ev.Year + 1).ToList();
            if (figures.Count == 0) { blocks.Add(Paragraph.Of("Inga siffror.", TextStyle.Note)); continue; }
            blocks.Add(new Table($"{s.Swedish}: historik och budget",
                [new("År", Weight: 0.8), new("Avser", Weight: 1.1), new("Rapporterat", Weight: 1.6), new("Beräknat av Styra", true, 1.5), new("Mot målet", Weight: 1.6)],
                figures.Select(f => (IReadOnlyList<string>)[f.Year.ToString(Swedish), EconomyNames.Basis(f.Basis), f.ReportedAsPrinted ?? "–",
                    f.Computed is { } v ? Percent(v) : "–", EconomyNames.Target(f.Target)]).ToList()));
            foreach (var f in figures)
            {
                if (f.Reported is { } rep)
                    c.Trace.Add(new TraceRow($"{chapter}: {s.Swedish}", "Rapporterat", $"{f.Year} {EconomyNames.Basis(f.Basis)}", rep, "%", "Rapporterat finansiellt mål", f.Source ?? "", $"ReportedFinancialGoal/{s.Goal}/{f.Year}/{f.Basis}"));
                if (f.Computed is { } comp)
                    c.Trace.Add(new TraceRow($"{chapter}: {s.Swedish}", "Beräknat av Styra", $"{f.Year} {EconomyNames.Basis(f.Basis)}", Math.Round(comp, 1), "%", "Beräkning", $"{s.Formula}: {f.Inputs}", $"Economy/{ev.Region.Code.Value}/{f.Year}"));
            }
        }

        blocks.Add(new Heading(2, "Balanskravet"));
        if (year.BudgetCheck is { } check)
        {
            blocks.Add(new Paragraph([new Inline($"Budget {ev.Year}: ", Bold: true), new Inline(check.Swedish)]));
            if (year.ExceptionalReasons is { } ex) blocks.Add(Paragraph.Of($"Synnerliga skäl: {ex.Justification}", TextStyle.Note));
        }
        if (ev.Kind == EventKind.AnnualReport || year.BalanceRequirement is not null)
        {
            blocks.Add(new Heading(3, $"Balanskravsutredning {ev.Year}"));
            if (year.BalanceRequirement is { } st)
            {
                List<(string Label, decimal Value)> lines =
                [
                    ("Årets resultat", st.NetResult), ("− Realisationsvinster", -st.RealisationGains), ("+ Tillåtna realisationsförluster", st.AllowedRealisationLosses),
                    ("± Orealiserade värdeförändringar i värdepapper", -st.UnrealisedSecuritiesChange), ("= Resultat efter balanskravsjusteringar", st.ResultAfterAdjustments),
                    ($"− Avsättning till {st.Rules.ReserveName}".TrimEnd(), -st.ReserveAllocation), ($"+ Ianspråktagande av {st.Rules.ReserveName}".TrimEnd(), st.ReserveUse),
                    ("= Balanskravsresultat", st.BalanceRequirementResult),
                ];
                blocks.Add(new Table($"Balanskravsutredning {ev.Year}, mnkr ({st.Rules.Name})", [new("Rad", Weight: 4), new("mnkr", true, 1.3)],
                    lines.Select(l => (IReadOnlyList<string>)[l.Label, Mnkr(l.Value)]).ToList()));
                foreach (var l in lines)
                    c.Trace.Add(new TraceRow($"{chapter}: balanskravsutredning", l.Label, ev.Year.ToString(Swedish), l.Value, "mnkr", "Beräkning",
                        $"{BalanceRequirementStatement.Formula} ({st.Rules.Law})", $"BalanceRequirement/{ev.Region.Code.Value}/{ev.Year}"));
                foreach (var p in st.Problems) blocks.Add(Paragraph.Of(p, TextStyle.Note));
            }
            else blocks.Add(Paragraph.Of($"Utfallet för {ev.Year} finns ännu inte i Styra.", TextStyle.Note));
            foreach (var o in year.Obligations)
            {
                c.Trace.Add(new TraceRow($"{chapter}: underskott att återställa", $"Underskott från {o.FromYear}", o.FromYear.ToString(Swedish), o.Amount, "mnkr", "Beräkning",
                    "Negativt balanskravsresultat", $"BalanceRequirement/{ev.Region.Code.Value}/{o.FromYear}"));
                c.Trace.Add(new TraceRow($"{chapter}: underskott att återställa", $"Återställt av underskottet från {o.FromYear}", $"till och med {ev.Year}", o.Restored, "mnkr", "Beräkning",
                    "Senare års positiva balanskravsresultat, äldsta underskottet först", $"BalanceRequirement/{ev.Region.Code.Value}/{o.FromYear}"));
            }
            if (year.Obligations.Count > 0)
                blocks.Add(new Table("Underskott att återställa", [new("Från år"), new("Belopp", true), new("Senast", Weight: 0.8), new("Återställt", true), new("Status", Weight: 1.5)],
                    year.Obligations.Select(o => (IReadOnlyList<string>)[o.FromYear.ToString(Swedish), Mnkr(o.Amount), o.DueBy.ToString(Swedish), Mnkr(o.Restored), EconomyNames.Obligation(o.Status)]).ToList()));
        }

        if (ev.Kind == EventKind.AnnualReport)
        {
            blocks.Add(new Heading(2, "God ekonomisk hushållning"));
            var j = await judgements.GetAsync(ev.Region.Code, ev.Year, ct);
            var shown = j is { Exists: true } && (j.Status == JudgementStatus.Approved || (c.Drafts && (j.Verdict is not null || j.Text.Length > 0)));
            if (!shown)
                blocks.Add(Paragraph.Of(j is { Exists: true }
                    ? "Bedömningen av god ekonomisk hushållning är inte godkänd när rapporten skapas."
                    : "Bedömningen av god ekonomisk hushållning är inte skriven.", TextStyle.Note));
            else
            {
                var verdict = EconomyNames.Verdict(j!.Verdict);
                blocks.Add(new Paragraph([new Inline("Bedömning: ", Bold: true), new Inline(verdict),
                    new Inline(j.Status == JudgementStatus.Approved ? "" : " (utkast)", Italic: true)]));
                blocks.AddRange(ReportMarkdown.Blocks(j.Text));
                if (j.ApprovedAt is { } at) blocks.Add(Paragraph.Of($"Godkänd {Local(at):yyyy-MM-dd} av {j.ApprovedBy}.", TextStyle.Note));
                c.Trace.Add(new TraceRow($"{chapter}: god ekonomisk hushållning", "Bedömning", ev.Year.ToString(Swedish), null, "", "Bedömning av god ekonomisk hushållning",
                    $"version {j.Version}, {(j.Status == JudgementStatus.Approved ? "godkänd" : "utkast")}{(j.UpdatedBy is null ? "" : ", senast skriven av " + j.UpdatedBy)}",
                    $"SoundManagementJudgement/{ev.Region.Code.Value}/{ev.Year}") { Text = verdict });
            }
        }
    }

    /// <summary>
    /// The committees' monthly economy up to the event's last month: outcome and full-year forecast against the frame,
    /// side by side with totals, the region's forecast as a sum, the chart (the same as the page's) and the comments.
    /// Submitted reports only, unless the report is a draft; a committee without one counts as on budget, as on the page.
    /// </summary>
    private async Task AddMonthlyAsync(List<Block> blocks, Context c, string chapter, CancellationToken ct)
    {
        var ev = c.Event;
        var month = ev.PeriodEnd.Month;
        var overview = await monthly.MonthAsync(ev.Region.Code, ev.Year, month, ct);
        if (overview is null || overview.Committees.Count == 0 || overview.Totals.Reported == 0) return;
        bool Shown(CommitteeMonthView m) => m.Status == EconomyReportStatus.Submitted || (c.Drafts && m.Status is not null);
        var committees = overview.Committees.Where(m => c.Committee is null || m.Unit == c.Committee.Code).ToList();
        if (committees.Count == 0) return;
        var period = $"januari–{MonthName(month)} {ev.Year}";
        blocks.Add(new Heading(2, c.Committee is null ? $"Nämndernas ekonomi {period}" : $"Nämndens ekonomi {period}"));
        blocks.Add(Paragraph.Of("Nettokostnad i mnkr. Avvikelse = budget − kostnad: positiv är överskott, negativ underskott. "
            + (c.Drafts ? "Utkastet visar även rapporter som inte är inskickade." : "Endast inskickade rapporter visas; en nämnd utan inskickad rapport räknas i summorna som i nivå med budget."), TextStyle.Note));
        var rows = new List<IReadOnlyList<string>>();
        decimal frames = 0, budget = 0, outcome = 0, forecast = 0;
        foreach (var m in committees)
        {
            var shown = Shown(m);
            rows.Add([m.UnitName, Mnkr(m.Frame), Mnkr(m.BudgetToDate), shown ? Mnkr(m.OutcomeToDate) : "–", shown ? Mnkr(m.OutcomeDeviation) : "–",
                shown ? Mnkr(m.FullYearForecast) : "–", shown ? Mnkr(m.ForecastDeviation) : "–",
                m.Status is null ? "ej inkommen" : shown ? (m.Status == EconomyReportStatus.Submitted ? "inskickad" : "utkast") : "ej inskickad"]);
            frames += m.Frame;
            budget += m.BudgetToDate;
            outcome += shown && m.OutcomeToDate is { } o ? o : m.BudgetToDate;
            forecast += shown && m.FullYearForecast is { } f ? f : m.Frame;
            var monthly = $"{chapter}: nämndernas ekonomi";
            c.Trace.Add(new TraceRow(monthly, $"{m.UnitName}: ram", ev.Year.ToString(Swedish), m.Frame, "mnkr", "Budgetram", "Budgetramarna för året", $"BudgetFrame/{ev.Region.Code.Value}/{ev.Year}/unit/{m.Unit}"));
            c.Trace.Add(new TraceRow(monthly, $"{m.UnitName}: budget hittills", period, m.BudgetToDate, "mnkr", m.PeriodisedBudget is null ? "Beräkning" : "Nämndens ekonomirapport",
                m.PeriodisedBudget is null ? $"Ram × {month} / 12" : "Nämndens periodiserade budget", $"CommitteeEconomyReport/{ev.Region.Code.Value}/{ev.Year}/{month}/{m.Unit}"));
            if (!shown) continue;
            var reference = $"CommitteeEconomyReport/{ev.Region.Code.Value}/{ev.Year}/{month}/{m.Unit}";
            var source = $"Nämndens rapport {period}, version {m.Version}, {(m.Status == EconomyReportStatus.Submitted ? $"inskickad {Local(m.SubmittedAt):yyyy-MM-dd} av {m.SubmittedBy}" : "utkast")}";
            if (m.OutcomeToDate is { } oo)
                c.Trace.Add(new TraceRow(monthly, $"{m.UnitName}: utfall hittills", period, oo, "mnkr", "Nämndens ekonomirapport", source, reference));
            if (m.OutcomeDeviation is { } od)
                c.Trace.Add(new TraceRow(monthly, $"{m.UnitName}: avvikelse utfall", period, od, "mnkr", "Beräkning", "Budget hittills − utfall hittills", reference));
            if (m.FullYearForecast is { } ff)
                c.Trace.Add(new TraceRow(monthly, $"{m.UnitName}: helårsprognos", $"{ev.Year}, lämnad {MonthName(month)}", ff, "mnkr", "Nämndens ekonomirapport", source, reference));
            if (m.ForecastDeviation is { } fd)
                c.Trace.Add(new TraceRow(monthly, $"{m.UnitName}: avvikelse prognos", $"{ev.Year}, lämnad {MonthName(month)}", fd, "mnkr", "Beräkning", "Ram − helårsprognos", reference));
        }
        if (c.Committee is null)
        {
            rows.Add(["Summa", Mnkr(frames), Mnkr(budget), Mnkr(outcome), Mnkr(budget - outcome), Mnkr(forecast), Mnkr(frames - forecast), ""]);
            var rule = c.Drafts ? "Summan av nämndernas rapporter" : "Summan av nämndernas inskickade rapporter; en nämnd utan inskickad rapport räknas som i nivå med budget";
            var totals = $"CommitteeEconomyReport/{ev.Region.Code.Value}/{ev.Year}/{month}";
            foreach (var (label, value) in new[] { ("ramar", frames), ("budget hittills", budget), ("utfall hittills", outcome), ("avvikelse utfall", budget - outcome),
                         ("helårsprognos", forecast), ("avvikelse prognos", frames - forecast) })
                c.Trace.Add(new TraceRow($"{chapter}: nämndernas ekonomi", $"Summa: {label}", period, value, "mnkr", "Beräkning", rule, totals));
        }
        blocks.Add(new Table($"Ekonomi per nämnd {period}, mnkr",
            [new("Nämnd", Weight: 2.5), new("Ram", true, 1.1), new("Budget hittills", true, 1.15), new("Utfall hittills", true, 1.15), new("Avvi\u00adkelse", true, 1.05),
             new("Helårs\u00adprognos", true, 1.2), new("Avvi\u00adkelse prognos", true, 1.1), new("Status", Weight: 1.45)], rows));
        if (c.Committee is null)
        {
            var deviations = frames - forecast;
            if (overview.Forecast.BudgetedResult is { } budgeted)
            {
                var lines = new List<(string, decimal)> { ("Budgeterat årets resultat", budgeted), ("+ nämndernas prognosavvikelser", deviations), ("= prognos för årets resultat", budgeted + deviations) };
                blocks.Add(new Table($"Regionens prognos för årets resultat {ev.Year}, mnkr", [new("Rad", Weight: 4), new("mnkr", true, 1.3)],
                    lines.Select(l => (IReadOnlyList<string>)[l.Item1, Mnkr(l.Item2)]).ToList()));
                foreach (var (label, value) in lines)
                    c.Trace.Add(new TraceRow($"{chapter}: regionens prognos", label.TrimStart('+', '=', ' '), ev.Year.ToString(Swedish), value, "mnkr", "Beräkning",
                        $"Budgeterat resultat ({overview.Forecast.BudgetedResultSource}) + summan av nämndernas prognosavvikelser", $"Economy/{ev.Region.Code.Value}/{ev.Year}/forecast"));
                if (overview.Forecast.ReportedForecastResult is { } rep)
                {
                    blocks.Add(Paragraph.Of($"Prognosen för hela resultaträkningen ({overview.Forecast.ReportedForecastSource}) är {Mnkr(rep)} mnkr.", TextStyle.Note));
                    c.Trace.Add(new TraceRow($"{chapter}: regionens prognos", "Prognos för hela resultaträkningen", ev.Year.ToString(Swedish), rep, "mnkr", "Ekonomipost",
                        overview.Forecast.ReportedForecastSource ?? "", $"Economy/{ev.Region.Code.Value}/{ev.Year}/Forecast"));
                }
            }
            if (c.DrawCharts)
            {
                var series = await SeriesAsync(c, overview, Shown, ct);
                blocks.Add(new Chart($"Nämnderna sammantaget {ev.Year}: budget, utfall och prognos (ackumulerat, mnkr)",
                    EconomyChart.Png(series, overview.FullYearBudget, english: false, 640, 300), 640, 300,
                    $"Ackumulerad budget, utfall januari–{MonthName(month)} och helårsprognos för nämnderna sammantaget {ev.Year}: utfall hittills {Mnkr(outcome)} mnkr mot budget {Mnkr(budget)} mnkr; prognos {Mnkr(forecast)} mnkr mot ramarna {Mnkr(frames)} mnkr."));
                blocks.Add(Paragraph.Of("Streckad grå linje: budget (ackumulerad). Heldragen blå: utfall (ackumulerat). Streckad orange: prognos till december. Prickad grön: helårsbudget.", TextStyle.Note));
            }
        }
        var commented = committees.Where(m => Shown(m) && m.Comment.Trim().Length > 0).ToList();
        if (commented.Count > 0)
        {
            blocks.Add(new Heading(3, "Nämndernas kommentarer till avvikelserna"));
            foreach (var m in commented)
            {
                blocks.Add(new Paragraph([new Inline(m.UnitName, Bold: true), new Inline($" – avvikelse utfall {Mnkr(m.OutcomeDeviation)}, prognos {Mnkr(m.ForecastDeviation)} mnkr")]));
                blocks.AddRange(ReportMarkdown.Blocks(m.Comment));
            }
        }
    }

    /// <summary>The chart's series January–<paramref name="month"/> from the reports the report shows (others count as on budget).</summary>
    private async Task<List<MonthPoint>> SeriesAsync(Context c, MonthOverview last, Func<CommitteeMonthView, bool> shown, CancellationToken ct)
    {
        var month = last.Month;
        var points = new List<MonthPoint>();
        for (var m = 1; m <= 12; m++)
        {
            var o = m == month ? last : m < month ? await monthly.MonthAsync(c.Event.Region.Code, c.Event.Year, m, ct) : null;
            if (o is null)
            {
                points.Add(new MonthPoint(m, 0, null, null, 0));
                continue;
            }
            var any = o.Committees.Any(shown);
            points.Add(new MonthPoint(m, o.Totals.BudgetToDate,
                any ? o.Committees.Sum(x => shown(x) && x.OutcomeToDate is { } v ? v : x.BudgetToDate) : null,
                any ? o.Committees.Sum(x => shown(x) && x.FullYearForecast is { } f ? f : x.Frame) : null,
                o.Committees.Count(shown)));
        }
        // Months after the event keep the periodised budget line going to December.
        var frames = last.Totals.Frames;
        return points.Select(p => p.Month > month ? p with { Budget = Math.Round(frames * p.Month / 12m, 6) } : p).ToList();
    }

    /// <summary>A moment as the day it was in Sweden.</summary>
    private static DateOnly? Local(DateTimeOffset? moment) => moment is { } m ? Deadlines.Today(m) : null;

    private static string MonthName(int month) => MonthlyRules.SwedishMonths[month - 1];

    public static string Title(EventKind kind) => kind switch
    {
        EventKind.Monthly => "Månadsrapport",
        EventKind.Tertial1 => "Uppföljningsrapport 1",
        EventKind.Tertial2 => "Uppföljningsrapport 2 / delårsbokslut",
        _ => "Årsredovisning",
    };

    private static string Period(ReportingEvent ev) => $"{ev.PeriodStart:yyyy-MM-dd} – {ev.PeriodEnd:yyyy-MM-dd}";

    /// <summary>A figure the Swedish way with the indicator's decimals; "–" when missing.</summary>
    public static string Number(double? v, int decimals) => v is { } x ? x.ToString("N" + Math.Clamp(decimals, 0, 4), Swedish) : "–";

    /// <summary>mnkr with one decimal, the Swedish way.</summary>
    public static string Mnkr(decimal? v) => v is { } x ? x.ToString("N1", Swedish) : "–";

    public static string Percent(decimal v) => v.ToString("N1", Swedish) + " %";
}
