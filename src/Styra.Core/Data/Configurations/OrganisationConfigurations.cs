using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Styra.Features.Organisation;

namespace Styra.Data.Configurations;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        b.Property(r => r.Code).HasConversion(c => c.Value, v => new RegionCode(v)).HasMaxLength(2);
        b.HasIndex(r => r.Code).IsUnique();
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.Source).HasMaxLength(2000);
        b.HasMany(r => r.Units).WithOne(u => u.Region).HasForeignKey(u => u.RegionId);
        b.HasMany(r => r.Groups).WithOne(g => g.Region).HasForeignKey(g => g.RegionId);
        b.HasMany(r => r.Levels).WithOne(l => l.Region).HasForeignKey(l => l.RegionId);
        b.HasMany(r => r.Plans).WithOne(p => p.Region).HasForeignKey(p => p.RegionId);
    }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.HasIndex(u => new { u.RegionId, u.Code }).IsUnique();
        b.Property(u => u.Code).HasMaxLength(40);
        b.Property(u => u.Name).HasMaxLength(300);
        b.Property(u => u.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UnitGroupConfiguration : IEntityTypeConfiguration<UnitGroup>
{
    public void Configure(EntityTypeBuilder<UnitGroup> b)
    {
        b.HasIndex(g => new { g.RegionId, g.Code }).IsUnique();
        b.Property(g => g.Code).HasMaxLength(40);
        b.Property(g => g.Name).HasMaxLength(300);
        b.HasMany(g => g.Members).WithOne(m => m.Group).HasForeignKey(m => m.GroupId);
    }
}

internal sealed class UnitGroupMemberConfiguration : IEntityTypeConfiguration<UnitGroupMember>
{
    public void Configure(EntityTypeBuilder<UnitGroupMember> b)
    {
        b.HasKey(m => new { m.GroupId, m.UnitId });
        b.HasOne(m => m.Unit).WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}
