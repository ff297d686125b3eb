using Microsoft.EntityFrameworkCore;
using Styra.Data;

namespace Styra.Features.Indicators.Formulas;

public sealed record FormulaCounts(int Added, int Changed, int Removed)
{
    public bool ChangedAnything => Added + Changed + Removed > 0;
}

/// <summary>
/// Computes the values of formula indicators: for every area, unit, period and gender where all of a formula's inputs
/// have a value, the formula's result (preliminary if any input is). A key whose inputs are gone, or whose result is
/// no number (division by zero), loses its computed value. Formulas that use other formulas are computed after them.
/// Changed values are recorded like imported ones; the work belongs to the caller's import batch and transaction.
/// </summary>
public sealed class FormulaCalculator(StyraDbContext db)
{
    /// <summary>
    /// Recomputes the formulas that depend, directly or through other formulas, on <paramref name="changed"/>
    /// (indicator ids whose values or formulas changed), or every formula when it is null.
    /// </summary>
    public async Task<FormulaCounts> RecomputeAsync(Func<ImportBatch> batch, IReadOnlyCollection<int>? changed, CancellationToken ct)
    {
        var formulas = (await db.Indicators.AsNoTracking().Where(i => i.Formula != null).Select(i => new { i.Id, i.Code, i.Formula }).ToListAsync(ct))
            .Select(i => (i.Id, i.Code, Formula: IndicatorFormula.Parse(i.Formula!).Formula
                ?? throw new InvalidOperationException($"The stored formula of {i.Code} does not parse: {IndicatorFormula.Parse(i.Formula!).Error}")))
            .ToDictionary(i => i.Code, i => (i.Id, i.Formula), StringComparer.Ordinal);
        if (formulas.Count == 0) return new FormulaCounts(0, 0, 0);
        var codes = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Code, i => i.Id, StringComparer.Ordinal, ct);

        // Which formulas to compute: those reached from the changed indicators; in an order where inputs come first.
        var dirty = changed is null ? formulas.Keys.ToHashSet() : [];
        if (changed is not null)
        {
            var changedCodes = codes.Where(c => changed.Contains(c.Value)).Select(c => c.Key).ToHashSet();
            bool grew;
            do
            {
                grew = false;
                foreach (var (code, f) in formulas)
                {
                    if (!dirty.Contains(code) && (changedCodes.Contains(code) || f.Formula.Inputs.Any(i => changedCodes.Contains(i) || dirty.Contains(i))))
                        grew = dirty.Add(code);
                }
            } while (grew);
        }
        int added = 0, updated = 0, removed = 0;
        foreach (var code in Order(formulas.ToDictionary(f => f.Key, f => f.Value.Formula)).Where(dirty.Contains))
        {
            var (id, formula) = formulas[code];
            var inputIds = formula.Inputs.Select(i => codes[i]).ToList();
            var inputCode = codes.Where(c => inputIds.Contains(c.Value)).ToDictionary(c => c.Value, c => c.Key);
            var inputs = await db.Measurements.AsNoTracking().Where(m => inputIds.Contains(m.IndicatorId))
                .Select(m => new { m.IndicatorId, m.AreaId, m.UnitCode, m.Period, m.Gender, m.Value, m.Status }).ToListAsync(ct);
            var results = new Dictionary<(string, string, string, Gender), (double Value, MeasurementStatus Status)>();
            foreach (var key in inputs.GroupBy(m => (m.AreaId, m.UnitCode, m.Period.ToString(), m.Gender)))
            {
                var values = key.ToDictionary(m => inputCode[m.IndicatorId], m => m.Value, StringComparer.Ordinal);
                if (formula.Evaluate(c => values.TryGetValue(c, out var v) ? v : null) is not { } result) continue;
                var status = key.Any(m => m.Status == MeasurementStatus.Preliminary) ? MeasurementStatus.Preliminary : MeasurementStatus.Final;
                results[key.Key] = (result, status);
            }

            var indicator = await db.Indicators.SingleAsync(i => i.Id == id, ct);
            var existing = await db.Measurements.Where(m => m.IndicatorId == id).ToListAsync(ct);
            foreach (var m in existing)
            {
                if (!results.Remove((m.AreaId, m.UnitCode, m.Period.ToString(), m.Gender), out var r))
                {
                    db.Measurements.Remove(m);
                    removed++;
                }
                else if ((!m.Value.Equals(r.Value) || m.Status != r.Status) && m.Replace(r.Value, r.Status, batch()) is { } change)
                {
                    db.MeasurementChanges.Add(change);
                    updated++;
                }
            }
            foreach (var ((area, unit, period, gender), (value, status)) in results)
            {
                db.Measurements.Add(new Measurement(indicator, area, unit, Period.Parse(period), gender, value, status, batch()));
                added++;
            }
            await db.SaveChangesAsync(ct);
        }
        return new FormulaCounts(added, updated, removed);
    }

    /// <summary>The formulas in an order where every formula comes after the formulas it uses (they make no cycle).</summary>
    private static List<string> Order(IReadOnlyDictionary<string, IndicatorFormula> formulas)
    {
        var order = new List<string>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string code)
        {
            if (!done.Add(code)) return;
            foreach (var input in formulas[code].Inputs.Where(formulas.ContainsKey)) Visit(input);
            order.Add(code);
        }
        foreach (var code in formulas.Keys.Order(StringComparer.Ordinal)) Visit(code);
        return order;
    }
}
