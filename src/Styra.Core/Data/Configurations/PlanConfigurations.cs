using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Styra.Features.Plans;

namespace Styra.Data.Configurations;

internal sealed class LevelDefinitionConfiguration : IEntityTypeConfiguration<LevelDefinition>
{
    public void Configure(EntityTypeBuilder<LevelDefinition> b)
    {
        b.HasIndex(l => new { l.RegionId, l.Key }).IsUnique();
        b.Property(l => l.Key).HasMaxLength(60);
        b.Property(l => l.Name).HasMaxLength(100);
        b.Property(l => l.NameEn).HasMaxLength(100);
    }
}

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> b)
    {
        b.HasIndex(p => new { p.RegionId, p.Key }).IsUnique();
        b.Property(p => p.Key).HasMaxLength(100);
        b.Property(p => p.Title).HasMaxLength(300);
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(30);
        b.HasOne(p => p.Owner).WithMany().HasForeignKey(p => p.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Versions).WithOne(v => v.Plan).HasForeignKey(v => v.PlanId);
        b.Ignore(p => p.CurrentVersion);
    }
}

internal sealed class PlanVersionConfiguration : IEntityTypeConfiguration<PlanVersion>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<PlanVersion> b)
    {
        b.HasIndex(v => new { v.PlanId, v.Number }).IsUnique();
        b.Property(v => v.Label).HasMaxLength(100);
        b.ComplexProperty(v => v.Decision, d =>
        {
            d.Property(x => x.Body).HasColumnName("DecisionBody").HasMaxLength(200);
            d.Property(x => x.Date).HasColumnName("DecisionDate");
            d.Property(x => x.Reference).HasColumnName("DecisionReference").HasMaxLength(300);
        });
        // The level rules are small and always read with the version: one JSON column.
        b.Property(v => v.Structure)
            .HasConversion(
                s => JsonSerializer.Serialize(s.Rules, Json),
                s => new PlanStructure(JsonSerializer.Deserialize<List<LevelRule>>(s, Json) ?? new List<LevelRule>()),
                new ValueComparer<PlanStructure>((a, c) => a!.SameAs(c!), s => s.Rules.Count, s => s));
        b.HasMany(v => v.Nodes).WithOne(n => n.PlanVersion).HasForeignKey(n => n.PlanVersionId);
    }
}

internal sealed class GoalNodeConfiguration : IEntityTypeConfiguration<GoalNode>
{
    public void Configure(EntityTypeBuilder<GoalNode> b)
    {
        b.HasIndex(n => new { n.PlanVersionId, n.Key }).IsUnique();
        b.Property(n => n.Key).HasMaxLength(100);
        b.Property(n => n.Level).HasMaxLength(60);
        b.Property(n => n.Title).HasMaxLength(1000);
        b.HasOne(n => n.Parent).WithMany().HasForeignKey(n => n.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(n => n.Responsibilities).WithOne(r => r.Node).HasForeignKey(r => r.NodeId);
        b.HasMany(n => n.Links).WithOne(l => l.Node).HasForeignKey(l => l.NodeId);
        b.HasMany(n => n.Indicators).WithOne(i => i.Node).HasForeignKey(i => i.NodeId);
    }
}

internal sealed class NodeResponsibilityConfiguration : IEntityTypeConfiguration<NodeResponsibility>
{
    public void Configure(EntityTypeBuilder<NodeResponsibility> b)
    {
        b.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Group).WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(r => r.Code);
        b.ToTable(t => t.HasCheckConstraint("CK_NodeResponsibility_UnitOrGroup",
            "(\"UnitId\" IS NULL) <> (\"GroupId\" IS NULL)"));
    }
}

internal sealed class NodeLinkConfiguration : IEntityTypeConfiguration<NodeLink>
{
    public void Configure(EntityTypeBuilder<NodeLink> b)
    {
        b.Property(l => l.TargetNodeKey).HasMaxLength(100);
        b.HasOne(l => l.TargetPlan).WithMany().HasForeignKey(l => l.TargetPlanId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NodeIndicatorConfiguration : IEntityTypeConfiguration<NodeIndicator>
{
    public void Configure(EntityTypeBuilder<NodeIndicator> b)
    {
        b.HasIndex(i => new { i.NodeId, i.IndicatorId }).IsUnique();
        b.HasOne(i => i.Indicator).WithMany().HasForeignKey(i => i.IndicatorId).OnDelete(DeleteBehavior.Restrict);
    }
}
