using Styra.Features.Audit;
namespace Styra.Features.Indicators;

/// <summary>Total (T), women (K, kvinnor) or men (M, män) — Kolada's and SCB's gender codes.</summary>
public enum Gender { T, K, M }

public static class Genders
{
    /// <summary>Exactly "T", "K" or "M" (upper or lower case); anything else is no gender.</summary>
    public static Gender? Parse(string? code) => code?.ToUpperInvariant() switch
    {
        "T" => Gender.T,
        "K" => Gender.K,
        "M" => Gender.M,
        _ => null,
    };
}

public enum MeasurementStatus { Final, Preliminary }

/// <summary>
/// One value: an indicator for an entity (an area — Riket, a region — or one of a region's units), a period and a
/// gender, with where it came from.
/// </summary>
public sealed class Measurement
{
    /// <summary>The <see cref="UnitCode"/> of a value for the area as a whole.</summary>
    public const string WholeArea = "";

    private Measurement() { }

    public Measurement(Indicator indicator, string areaId, string unitCode, Period period, Gender gender, double value, MeasurementStatus status, ImportBatch batch)
    {
        Indicator = indicator;
        AreaId = areaId;
        UnitCode = unitCode;
        Period = period;
        Gender = gender;
        Value = value;
        Status = status;
        ImportBatch = batch;
    }

    public long Id { get; private set; }
    public int IndicatorId { get; private set; }
    public Indicator Indicator { get; private set; } = null!;
    public string AreaId { get; private set; } = "";

    /// <summary>The code of one of the region's units (e.g. "HSN"), or <see cref="WholeArea"/> for the area itself.</summary>
    public string UnitCode { get; private set; } = WholeArea;
    public Period Period { get; private set; } = null!;
    public Gender Gender { get; private set; }
    public double Value { get; private set; }
    public MeasurementStatus Status { get; private set; }
    public int ImportBatchId { get; private set; }
    public ImportBatch ImportBatch { get; private set; } = null!;

    /// <summary>Replaces the value with a newer one from another import; returns the change to record, if any.</summary>
    public MeasurementChange? Replace(double value, MeasurementStatus status, ImportBatch batch)
    {
        if (value.Equals(Value) && status == Status) return null;
        var change = new MeasurementChange(this, Value, Status, ImportBatchId, batch);
        Value = value;
        Status = status;
        ImportBatch = batch;
        return change;
    }
}

/// <summary>A value that a later import replaced: what it was, which import brought it, which import replaced it.</summary>
public sealed class MeasurementChange
{
    private MeasurementChange() { }

    internal MeasurementChange(Measurement measurement, double oldValue, MeasurementStatus oldStatus, int oldBatchId, ImportBatch newBatch)
    {
        Measurement = measurement;
        OldValue = oldValue;
        OldStatus = oldStatus;
        OldImportBatchId = oldBatchId;
        NewImportBatch = newBatch;
    }

    public long Id { get; private set; }
    public long MeasurementId { get; private set; }
    public Measurement Measurement { get; private set; } = null!;
    public double OldValue { get; private set; }
    public MeasurementStatus OldStatus { get; private set; }
    public int OldImportBatchId { get; private set; }
    public ImportBatch OldImportBatch { get; private set; } = null!;
    public int NewImportBatchId { get; private set; }
    public ImportBatch NewImportBatch { get; private set; } = null!;
}

/// <summary>One run of an import: what was read, when and by whom — the provenance of every value it brought.</summary>
public sealed class ImportBatch : IAudited
{
    int? IAudited.AuditRegionId => null;

    private ImportBatch() { }

    public ImportBatch(string kind, string files, string importedBy, DateTimeOffset startedAt)
    {
        Kind = kind;
        Files = files;
        ImportedBy = importedBy;
        StartedAt = startedAt;
    }

    public int Id { get; private set; }

    /// <summary>"kolada", "csv", "xlsx" or "formula".</summary>
    public string Kind { get; private set; } = "";
    public string Files { get; private set; } = "";
    public string ImportedBy { get; private set; } = "";
    public DateTimeOffset StartedAt { get; private set; }
    public int Added { get; set; }
    public int Changed { get; set; }
    public int Unchanged { get; set; }
}
