using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Styra.Features.Economy;

namespace Styra.Data.Configurations;

// Amounts are mnkr with six decimals, so that an import in kronor keeps every krona.
internal static class Money
{
    public static PropertyBuilder<decimal> Mnkr(this PropertyBuilder<decimal> p) => p.HasPrecision(20, 6);
    public static PropertyBuilder<decimal?> Mnkr(this PropertyBuilder<decimal?> p) => p.HasPrecision(20, 6);
}

internal sealed class EconomyItemConfiguration : IEntityTypeConfiguration<EconomyItem>
{
    public void Configure(EntityTypeBuilder<EconomyItem> b)
    {
        b.HasIndex(i => new { i.RegionId, i.Year, i.Kind, i.Item }).IsUnique();
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(12);
        b.Property(i => i.Item).HasConversion<string>().HasMaxLength(40);
        b.Property(i => i.Amount).Mnkr();
        b.Property(i => i.Source).HasMaxLength(500);
        b.HasOne(i => i.Region).WithMany().HasForeignKey(i => i.RegionId);
    }
}

internal sealed class BudgetFrameYearConfiguration : IEntityTypeConfiguration<BudgetFrameYear>
{
    public void Configure(EntityTypeBuilder<BudgetFrameYear> b)
    {
        b.HasIndex(y => new { y.RegionId, y.Year }).IsUnique();
        b.Property(y => y.StatedTotal).Mnkr();
        b.Property(y => y.Source).HasMaxLength(500);
        b.HasOne(y => y.Region).WithMany().HasForeignKey(y => y.RegionId);
        b.HasMany(y => y.Rows).WithOne(r => r.FrameYear).HasForeignKey(r => r.FrameYearId);
        b.Ignore(y => y.Sum);
        b.Ignore(y => y.Difference);
    }
}

internal sealed class BudgetFrameConfiguration : IEntityTypeConfiguration<BudgetFrame>
{
    public void Configure(EntityTypeBuilder<BudgetFrame> b)
    {
        b.HasIndex(r => new { r.FrameYearId, r.Position }).IsUnique();
        b.Property(r => r.Label).HasMaxLength(200);
        b.Property(r => r.Amount).Mnkr();
        b.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InvestmentPlanYearConfiguration : IEntityTypeConfiguration<InvestmentPlanYear>
{
    public void Configure(EntityTypeBuilder<InvestmentPlanYear> b)
    {
        b.HasIndex(y => new { y.RegionId, y.Year }).IsUnique();
        b.Property(y => y.DecidedAndReinvestments).Mnkr();
        b.Property(y => y.PropertyInvestments).Mnkr();
        b.Property(y => y.StatedTotal).Mnkr();
        b.Property(y => y.Source).HasMaxLength(500);
        b.HasOne(y => y.Region).WithMany().HasForeignKey(y => y.RegionId);
        b.Ignore(y => y.Sum);
        b.Ignore(y => y.Difference);
    }
}

internal sealed class ReportedFinancialGoalConfiguration : IEntityTypeConfiguration<ReportedFinancialGoal>
{
    public void Configure(EntityTypeBuilder<ReportedFinancialGoal> b)
    {
        b.HasIndex(g => new { g.RegionId, g.Goal, g.Year, g.Basis }).IsUnique();
        b.Property(g => g.Goal).HasConversion<string>().HasMaxLength(24);
        b.Property(g => g.Basis).HasConversion<string>().HasMaxLength(12);
        b.Property(g => g.Percent).HasPrecision(9, 3);
        b.Property(g => g.Amount).Mnkr();
        b.Property(g => g.AsPrinted).HasMaxLength(200);
        b.Property(g => g.Source).HasMaxLength(500);
        b.HasOne(g => g.Region).WithMany().HasForeignKey(g => g.RegionId);
    }
}

internal sealed class ExceptionalReasonsConfiguration : IEntityTypeConfiguration<ExceptionalReasons>
{
    public void Configure(EntityTypeBuilder<ExceptionalReasons> b)
    {
        b.HasIndex(e => new { e.RegionId, e.Year }).IsUnique();
        b.Property(e => e.Ground).HasConversion<string>().HasMaxLength(24);
        b.Property(e => e.Justification).HasMaxLength(8000);
        b.Property(e => e.EquityMnkr).Mnkr();
        b.Property(e => e.LiquidAssetsMnkr).Mnkr();
        b.Property(e => e.LiquidAssetsForPensionsMnkr).Mnkr();
        b.Property(e => e.TotalCapitalMnkr).Mnkr();
        b.Property(e => e.LoanDebtMnkr).Mnkr();
        b.Property(e => e.SolidityInclPensionsPercent).HasPrecision(9, 3);
        b.Property(e => e.Source).HasMaxLength(500);
        b.HasOne(e => e.Region).WithMany().HasForeignKey(e => e.RegionId);
    }
}

internal sealed class CommitteeEconomyReportConfiguration : IEntityTypeConfiguration<CommitteeEconomyReport>
{
    public void Configure(EntityTypeBuilder<CommitteeEconomyReport> b)
    {
        b.HasIndex(r => new { r.RegionId, r.Year, r.Month, r.UnitId }).IsUnique();
        b.Property(r => r.OutcomeToDate).Mnkr();
        b.Property(r => r.BudgetToDate).Mnkr();
        b.Property(r => r.FullYearForecast).Mnkr();
        b.Property(r => r.Comment).HasMaxLength(20000);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Property(r => r.UpdatedBy).HasMaxLength(200);
        b.Property(r => r.SubmittedBy).HasMaxLength(200);
        b.HasOne(r => r.Region).WithMany().HasForeignKey(r => r.RegionId);
        b.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SoundManagementJudgementConfiguration : IEntityTypeConfiguration<SoundManagementJudgement>
{
    public void Configure(EntityTypeBuilder<SoundManagementJudgement> b)
    {
        b.HasIndex(j => new { j.RegionId, j.Year }).IsUnique();
        b.Property(j => j.Verdict).HasConversion<string>().HasMaxLength(16);
        b.Property(j => j.Text).HasMaxLength(40000);
        b.Property(j => j.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(j => j.Version).IsConcurrencyToken();
        b.Property(j => j.UpdatedBy).HasMaxLength(200);
        b.Property(j => j.ApprovedBy).HasMaxLength(200);
        b.HasOne(j => j.Region).WithMany().HasForeignKey(j => j.RegionId);
        b.HasOne<Styra.Features.FollowUp.ReportingEvent>().WithMany().HasForeignKey(j => j.EventId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class TaxRateConfiguration : IEntityTypeConfiguration<TaxRate>
{
    public void Configure(EntityTypeBuilder<TaxRate> b)
    {
        b.HasIndex(t => new { t.RegionId, t.Year }).IsUnique();
        b.Property(t => t.Percent).HasPrecision(7, 4);
        b.Property(t => t.Source).HasMaxLength(500);
        b.HasOne(t => t.Region).WithMany().HasForeignKey(t => t.RegionId);
    }
}

internal sealed class FeeDecisionConfiguration : IEntityTypeConfiguration<FeeDecision>
{
    public void Configure(EntityTypeBuilder<FeeDecision> b)
    {
        b.HasIndex(f => new { f.RegionId, f.Year, f.Area }).IsUnique();
        b.Property(f => f.Area).HasMaxLength(200);
        b.Property(f => f.Decision).HasMaxLength(4000);
        b.Property(f => f.MaxChangePercent).HasPrecision(7, 3);
        b.Property(f => f.Source).HasMaxLength(500);
        b.HasOne(f => f.Region).WithMany().HasForeignKey(f => f.RegionId);
    }
}
