using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Styra.Features.ActionPlans;
using Styra.Features.CareOffer;

namespace Styra.Data.Configurations;

internal static class KeyLists
{
    /// <summary>A list of keys stored comma-separated, compared by content.</summary>
    public static PropertyBuilder<List<string>> AsKeyList(this PropertyBuilder<List<string>> p) =>
        p.HasMaxLength(2000).HasConversion(
            keys => string.Join(',', keys),
            text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
            new ValueComparer<List<string>>((x, y) => x!.SequenceEqual(y!), l => l.Aggregate(0, (h, k) => HashCode.Combine(h, k.GetHashCode())), l => l.ToList()));
}

internal sealed class CareOfferRegisterConfiguration : IEntityTypeConfiguration<CareOfferRegister>
{
    public void Configure(EntityTypeBuilder<CareOfferRegister> b)
    {
        b.HasIndex(r => new { r.RegionId, r.Year }).IsUnique();
        b.Property(r => r.Source).HasMaxLength(300);
        b.Property(r => r.UpdatedBy).HasMaxLength(256);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne(r => r.Region).WithMany().HasForeignKey(r => r.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Units).WithOne(u => u.Register).HasForeignKey(u => u.RegisterId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CareUnitConfiguration : IEntityTypeConfiguration<CareUnit>
{
    public void Configure(EntityTypeBuilder<CareUnit> b)
    {
        b.HasIndex(u => new { u.RegisterId, u.Key }).IsUnique();
        b.Property(u => u.Key).HasMaxLength(50);
        b.Property(u => u.Name).HasMaxLength(200);
        b.Property(u => u.Specialty).HasMaxLength(100);
        b.Property(u => u.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(u => u.Level).HasConversion<string>().HasMaxLength(12);
        b.Property(u => u.Mode).HasConversion<string>().HasMaxLength(10);
        b.Property(u => u.Need).HasConversion<string>().HasMaxLength(10);
        b.Property(u => u.MunicipalityId).HasMaxLength(4);
        b.Property(u => u.SpecialistPhysicianFte).HasPrecision(9, 2);
        b.Property(u => u.OtherStaffFte).HasPrecision(9, 2);
        b.Property(u => u.ContinuityPlanReference).HasMaxLength(200);
        b.Property(u => u.Note).HasMaxLength(2000);
    }
}

internal sealed class CareOfferCheckSettingConfiguration : IEntityTypeConfiguration<CareOfferCheckSetting>
{
    public void Configure(EntityTypeBuilder<CareOfferCheckSetting> b)
    {
        b.HasIndex(s => new { s.RegionId, s.Check }).IsUnique();
        b.Property(s => s.Check).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Threshold).HasPrecision(12, 2);
        b.Property(s => s.SecondThreshold).HasPrecision(12, 2);
        b.Property(s => s.PrincipleTitle).HasMaxLength(200);
        b.Property(s => s.PrincipleText).HasMaxLength(4000);
        b.Property(s => s.PlanKey).HasMaxLength(100);
        b.Property(s => s.NodeKey).HasMaxLength(100);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne(s => s.Region).WithMany().HasForeignKey(s => s.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SpecialtyVolumeThresholdConfiguration : IEntityTypeConfiguration<SpecialtyVolumeThreshold>
{
    public void Configure(EntityTypeBuilder<SpecialtyVolumeThreshold> b)
    {
        b.HasIndex(s => new { s.RegionId, s.Specialty }).IsUnique();
        b.Property(s => s.Specialty).HasMaxLength(100);
        b.HasOne(s => s.Region).WithMany().HasForeignKey(s => s.RegionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CareOfferProposalConfiguration : IEntityTypeConfiguration<CareOfferProposal>
{
    public void Configure(EntityTypeBuilder<CareOfferProposal> b)
    {
        b.HasIndex(p => new { p.RegionId, p.Year });
        b.Property(p => p.Title).HasMaxLength(300);
        b.Property(p => p.Description).HasMaxLength(20000);
        b.Property(p => p.CreatedBy).HasMaxLength(256);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne(p => p.Region).WithMany().HasForeignKey(p => p.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Changes).WithOne(c => c.Proposal).HasForeignKey(c => c.ProposalId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProposalChangeConfiguration : IEntityTypeConfiguration<ProposalChange>
{
    public void Configure(EntityTypeBuilder<ProposalChange> b)
    {
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(12);
        b.Property(c => c.UnitKey).HasMaxLength(50);
        b.Property(c => c.SourceUnitKeys).AsKeyList();
        b.Property(c => c.NewMunicipalityId).HasMaxLength(4);
        b.Property(c => c.NewLevel).HasConversion<string>().HasMaxLength(12);
        b.Property(c => c.NewUnitJson).HasMaxLength(8000);
    }
}

internal sealed class ActionPlanConfiguration : IEntityTypeConfiguration<ActionPlan>
{
    public void Configure(EntityTypeBuilder<ActionPlan> b)
    {
        b.HasIndex(p => new { p.RegionId, p.Year }).IsUnique();
        b.Property(p => p.Title).HasMaxLength(300);
        b.Property(p => p.Decision).HasMaxLength(300);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne(p => p.Region).WithMany().HasForeignKey(p => p.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Strategy).WithMany().HasForeignKey(p => p.StrategyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Initiatives).WithOne(i => i.Plan).HasForeignKey(i => i.ActionPlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InitiativeConfiguration : IEntityTypeConfiguration<Initiative>
{
    public void Configure(EntityTypeBuilder<Initiative> b)
    {
        b.HasIndex(i => new { i.ActionPlanId, i.Key }).IsUnique();
        b.Property(i => i.Key).HasMaxLength(50);
        b.Property(i => i.Title).HasMaxLength(300);
        b.Property(i => i.Description).HasMaxLength(8000);
        b.Property(i => i.Owner).HasMaxLength(200);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(i => i.FollowUpStatus).HasConversion<string>().HasMaxLength(12);
        b.Property(i => i.FollowUpComment).HasMaxLength(8000);
        b.Property(i => i.FollowedUpBy).HasMaxLength(256);
        b.Property(i => i.NodeKeys).AsKeyList();
        b.Property(i => i.Version).IsConcurrencyToken();
    }
}
