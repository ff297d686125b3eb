using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Styra.Features.Accounts;
using Styra.Features.Audit;
using Styra.Features.FollowUp;

namespace Styra.Data.Configurations;

internal sealed class ReportingEventConfiguration : IEntityTypeConfiguration<ReportingEvent>
{
    public void Configure(EntityTypeBuilder<ReportingEvent> b)
    {
        b.HasIndex(e => new { e.RegionId, e.Year, e.Name }).IsUnique();
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Name).HasMaxLength(200);
        b.HasOne(e => e.Region).WithMany().HasForeignKey(e => e.RegionId);
        b.HasOne(e => e.Plan).WithMany().HasForeignKey(e => e.PlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Assessments).WithOne(a => a.Event).HasForeignKey(a => a.EventId);
    }
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> b)
    {
        b.HasIndex(a => new { a.EventId, a.NodeKey, a.UnitId }).IsUnique();
        b.HasIndex(a => new { a.RegionId, a.Status });
        b.Property(a => a.NodeKey).HasMaxLength(100);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(a => a.Fulfilment).HasConversion<string>().HasMaxLength(12);
        b.Property(a => a.Forecast).HasConversion<string>().HasMaxLength(12);
        b.Property(a => a.Analysis).HasMaxLength(Assessments.MaxAnalysis);
        b.Property(a => a.ReturnComment).HasMaxLength(Assessments.MaxComment);
        b.Property(a => a.UpdatedBy).HasMaxLength(256);
        b.Property(a => a.SubmittedBy).HasMaxLength(256);
        b.Property(a => a.ApprovedBy).HasMaxLength(256);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne(a => a.Region).WithMany().HasForeignKey(a => a.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Unit).WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Snapshot).WithOne(s => s.Assessment).HasForeignKey(s => s.AssessmentId);
        b.Ignore(a => a.IsRollUp);
        b.Ignore(a => a.IsLocked);
        b.Ignore(a => a.IsEditable);
    }
}

internal sealed class SnapshotValueConfiguration : IEntityTypeConfiguration<SnapshotValue>
{
    public void Configure(EntityTypeBuilder<SnapshotValue> b)
    {
        b.Property(s => s.IndicatorCode).HasMaxLength(60);
        b.Property(s => s.IndicatorName).HasMaxLength(500);
        b.Property(s => s.Area).HasMaxLength(60);
        b.Property(s => s.Period).HasMaxLength(8);
    }
}

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> b)
    {
        b.HasIndex(a => new { a.RegionId, a.UnitId });
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(12);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(a => a.Title).HasMaxLength(300);
        b.Property(a => a.Description).HasMaxLength(Assessments.MaxAnalysis);
        b.Property(a => a.Owner).HasMaxLength(200);
        b.Property(a => a.GoalKeys).AsKeyList();
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne(a => a.Region).WithMany().HasForeignKey(a => a.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Unit).WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Plan).WithMany().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Progress).WithOne(p => p.Activity).HasForeignKey(p => p.ActivityId);
    }
}

internal sealed class ActivityProgressConfiguration : IEntityTypeConfiguration<ActivityProgress>
{
    public void Configure(EntityTypeBuilder<ActivityProgress> b)
    {
        b.HasIndex(p => new { p.ActivityId, p.EventId }).IsUnique();
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(p => p.Comment).HasMaxLength(Assessments.MaxComment);
        b.Property(p => p.UpdatedBy).HasMaxLength(256);
        b.HasOne(p => p.Event).WithMany().HasForeignKey(p => p.EventId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.HasIndex(m => new { m.UserId, m.RegionId, m.Role, m.UnitId }).IsUnique();
        b.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        b.HasOne(m => m.User).WithMany(u => u.Memberships).HasForeignKey(m => m.UserId);
        b.HasOne(m => m.Region).WithMany().HasForeignKey(m => m.RegionId);
        b.HasOne(m => m.Unit).WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.Property(t => t.Hint).HasMaxLength(12);
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.Role).HasConversion<string>().HasMaxLength(16);
        b.HasOne(t => t.Region).WithMany().HasForeignKey(t => t.RegionId);
        b.HasOne(t => t.Unit).WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> b)
    {
        b.HasIndex(r => new { r.ObjectType, r.ObjectId });
        b.HasIndex(r => r.RegionId);
        b.Property(r => r.Action).HasConversion<string>().HasMaxLength(8);
        b.Property(r => r.ObjectType).HasMaxLength(60);
        b.Property(r => r.ObjectId).HasMaxLength(60);
        b.Property(r => r.ActorName).HasMaxLength(256);
    }
}
