using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Styra.Features.Indicators;

namespace Styra.Data.Configurations;

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> b)
    {
        b.HasIndex(i => i.Code).IsUnique();
        b.Property(i => i.Code).HasMaxLength(40);
        b.Property(i => i.Name).HasMaxLength(500);
        b.Property(i => i.Unit).HasMaxLength(40);
        b.Property(i => i.Category).HasMaxLength(200);
        b.Property(i => i.AreaTypes).HasMaxLength(4);
        b.Property(i => i.Formula).HasMaxLength(Features.Indicators.Formulas.IndicatorFormula.MaxLength);
        b.Property(i => i.Direction).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Periodicity).HasConversion<string>().HasMaxLength(10);
        b.Property(i => i.Source).HasConversion<string>().HasMaxLength(10);
    }
}

internal sealed class AreaConfiguration : IEntityTypeConfiguration<Area>
{
    public void Configure(EntityTypeBuilder<Area> b)
    {
        b.Property(a => a.Id).HasMaxLength(4).ValueGeneratedNever();
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class MeasurementConfiguration : IEntityTypeConfiguration<Measurement>
{
    public void Configure(EntityTypeBuilder<Measurement> b)
    {
        // One value per indicator, area, unit, period and gender: a re-import replaces, never duplicates.
        b.HasIndex(m => new { m.IndicatorId, m.AreaId, m.UnitCode, m.Period, m.Gender }).IsUnique();
        b.Property(m => m.UnitCode).HasMaxLength(20);
        b.Property(m => m.Period).HasConversion(p => p.ToString(), s => Period.Parse(s)).HasMaxLength(8);
        b.Property(m => m.Gender).HasConversion<string>().HasMaxLength(1);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(12);
        b.HasOne<Area>().WithMany().HasForeignKey(m => m.AreaId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.ImportBatch).WithMany().HasForeignKey(m => m.ImportBatchId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MeasurementChangeConfiguration : IEntityTypeConfiguration<MeasurementChange>
{
    public void Configure(EntityTypeBuilder<MeasurementChange> b)
    {
        b.Property(c => c.OldStatus).HasConversion<string>().HasMaxLength(12);
        b.HasOne(c => c.OldImportBatch).WithMany().HasForeignKey(c => c.OldImportBatchId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.NewImportBatch).WithMany().HasForeignKey(c => c.NewImportBatchId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> b)
    {
        b.Property(i => i.Kind).HasMaxLength(20);
        b.Property(i => i.ImportedBy).HasMaxLength(200);
    }
}

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> b)
    {
        // One target per indicator, region and year.
        b.HasIndex(t => new { t.IndicatorId, t.RegionId, t.Year }).IsUnique();
        b.HasOne(t => t.Indicator).WithMany().HasForeignKey(t => t.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Region).WithMany().HasForeignKey(t => t.RegionId);
    }
}
