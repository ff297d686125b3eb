using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Styra.Data;
using Styra.Features.Indicators.Imports;
using Styra.Features.Organisation;

namespace Styra.Features.Indicators;

/// <summary>A target as typed into a form: text, so that what is wrong can be said about each field.</summary>
public sealed record TargetInput(string? Year, string? Value, string? Tolerance);

/// <summary>What is wrong with a field, in Swedish (the interface's default) and English.</summary>
public sealed record FieldError(string Swedish, string English);

/// <summary>The outcome of saving a target: the errors per field (year, value, tolerance), or none.</summary>
public sealed record TargetResult(IReadOnlyDictionary<string, FieldError> Errors, bool Created)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Sets and removes a region's targets for an indicator, one per year, from a planner's form. A target set here is a
/// decided one (no longer marked demo). Every field is checked and named in the error; nothing is saved on an error.
/// </summary>
public sealed class TargetEditor(StyraDbContext db)
{
    public async Task<TargetResult?> SetAsync(RegionCode code, string indicatorCode, TargetInput input, CancellationToken ct = default)
    {
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code, ct);
        var indicator = await db.Indicators.SingleOrDefaultAsync(i => i.Code == indicatorCode, ct);
        if (region is null || indicator is null) return null;

        var errors = new Dictionary<string, FieldError>();
        if (string.IsNullOrWhiteSpace(input.Year))
            errors["year"] = new("Skriv ett år, t.ex. 2025", "Give a year, e.g. 2025");
        else if (!int.TryParse(input.Year?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 1900 or > 2200)
            errors["year"] = new($"”{input.Year}” är inget år; skriv fyra siffror, t.ex. 2025",
                $"'{input.Year}' is not a year; expected four digits, e.g. 2025");
        double value = 0, tolerance = 0;
        if (string.IsNullOrWhiteSpace(input.Value))
            errors["value"] = new("Skriv ett målvärde, t.ex. 82,5", "Give a target value, e.g. 82.5");
        else if (!Cells.TryNumber(input.Value, out value))
            errors["value"] = new($"”{input.Value}” är inget tal; skriv t.ex. 82,5",
                $"'{input.Value}' is not a number; expected e.g. 82.5");
        if (!string.IsNullOrWhiteSpace(input.Tolerance) && (!Cells.TryNumber(input.Tolerance, out tolerance) || tolerance < 0))
            errors["tolerance"] = new($"”{input.Tolerance}” är ingen tolerans; skriv noll eller ett positivt tal, t.ex. 0,5",
                $"'{input.Tolerance}' is not a tolerance; expected zero or a positive number, e.g. 0.5");
        if (errors.Count > 0) return new TargetResult(errors, false);

        var targetYear = int.Parse(input.Year!.Trim(), CultureInfo.InvariantCulture);
        var target = await db.Targets.SingleOrDefaultAsync(t => t.RegionId == region.Id && t.IndicatorId == indicator.Id && t.Year == targetYear, ct);
        if (target is null) db.Targets.Add(new Target(indicator, region, targetYear, value, tolerance, isDemo: false));
        else target.Set(value, tolerance, isDemo: false);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (target is null)
        {
            // The same form sent twice at once: the other request created the target; this one updates it.
            db.ChangeTracker.Clear();
            var created = await db.Targets.SingleAsync(t => t.RegionId == region.Id && t.IndicatorId == indicator.Id && t.Year == targetYear, ct);
            created.Set(value, tolerance, isDemo: false);
            await db.SaveChangesAsync(ct);
        }
        await DataStamp.BumpAsync(db, ct);
        return new TargetResult(errors, target is null);
    }

    /// <summary>Removes the region's target for the year; false when there was none.</summary>
    public async Task<bool> RemoveAsync(RegionCode code, string indicatorCode, int year, CancellationToken ct = default)
    {
        var target = await db.Targets.SingleOrDefaultAsync(t => t.Region.Code == code && t.Indicator.Code == indicatorCode && t.Year == year, ct);
        if (target is null) return false;
        db.Targets.Remove(target);
        await db.SaveChangesAsync(ct);
        await DataStamp.BumpAsync(db, ct);
        return true;
    }
}
