using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Styra.Features.Accounts;
using Styra.Features.Audit;
using Styra.Features.Economy;
using Styra.Features.FollowUp;
using Styra.Features.Indicators;
using Styra.Features.Organisation;
using Styra.Features.Plans;

namespace Styra.Data;

/// <summary>
/// Styra's database. The provider-specific subclasses exist only so that SQLite and PostgreSQL keep their own
/// migrations; code everywhere uses this type. Every save of an <see cref="IAudited"/> object writes its
/// <see cref="AuditRecord"/>s in the same transaction.
/// </summary>
public abstract class StyraDbContext(DbContextOptions options) : IdentityUserContext<StyraUser, int>(options), IDataProtectionKeyContext
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<UnitGroup> UnitGroups => Set<UnitGroup>();
    public DbSet<LevelDefinition> LevelDefinitions => Set<LevelDefinition>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<PlanVersion> PlanVersions => Set<PlanVersion>();
    public DbSet<GoalNode> GoalNodes => Set<GoalNode>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<Area> Areas => Set<Area>();
    public DbSet<Measurement> Measurements => Set<Measurement>();
    public DbSet<MeasurementChange> MeasurementChanges => Set<MeasurementChange>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<Target> Targets => Set<Target>();
    public DbSet<DataStamp> DataStamps => Set<DataStamp>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<ReportingEvent> ReportingEvents => Set<ReportingEvent>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<ActivityProgress> ActivityProgress => Set<ActivityProgress>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<EconomyItem> EconomyItems => Set<EconomyItem>();
    public DbSet<BudgetFrameYear> BudgetFrameYears => Set<BudgetFrameYear>();
    public DbSet<BudgetFrame> BudgetFrames => Set<BudgetFrame>();
    public DbSet<InvestmentPlanYear> InvestmentPlanYears => Set<InvestmentPlanYear>();
    public DbSet<ReportedFinancialGoal> ReportedFinancialGoals => Set<ReportedFinancialGoal>();
    public DbSet<ExceptionalReasons> ExceptionalReasons => Set<ExceptionalReasons>();
    public DbSet<CommitteeEconomyReport> CommitteeEconomyReports => Set<CommitteeEconomyReport>();
    public DbSet<SoundManagementJudgement> SoundManagementJudgements => Set<SoundManagementJudgement>();
    public DbSet<TaxRate> TaxRates => Set<TaxRate>();
    public DbSet<FeeDecision> FeeDecisions => Set<FeeDecision>();
    public DbSet<Features.Publishing.Publication> Publications => Set<Features.Publishing.Publication>();
    public DbSet<Features.CareOffer.CareOfferRegister> CareOfferRegisters => Set<Features.CareOffer.CareOfferRegister>();
    public DbSet<Features.CareOffer.CareUnit> CareUnits => Set<Features.CareOffer.CareUnit>();
    public DbSet<Features.CareOffer.CareOfferCheckSetting> CareOfferCheckSettings => Set<Features.CareOffer.CareOfferCheckSetting>();
    public DbSet<Features.CareOffer.SpecialtyVolumeThreshold> SpecialtyVolumeThresholds => Set<Features.CareOffer.SpecialtyVolumeThreshold>();
    public DbSet<Features.CareOffer.CareOfferProposal> CareOfferProposals => Set<Features.CareOffer.CareOfferProposal>();
    public DbSet<Features.CareOffer.ProposalChange> ProposalChanges => Set<Features.CareOffer.ProposalChange>();
    public DbSet<Features.ActionPlans.ActionPlan> ActionPlans => Set<Features.ActionPlans.ActionPlan>();
    public DbSet<Features.ActionPlans.Initiative> Initiatives => Set<Features.ActionPlans.Initiative>();

    /// <summary>ASP.NET data-protection keys, kept here so that several web instances share them.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<StyraUser>(b => b.Property(u => u.DisplayName).HasMaxLength(200));
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StyraDbContext).Assembly);
        modelBuilder.Entity<DataStamp>(b =>
        {
            b.Property(s => s.Id).ValueGeneratedNever();
            b.HasData(new { Id = DataStamp.SingleId, Version = 0L });
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        if (ChangeTracker.Entries<AuditRecord>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("Audit records cannot be changed or removed.");
        var changes = ChangeTracker.Entries().Where(e => e.Entity is IAudited or IdentityUserLogin<int> && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(PendingAudit.Of).OfType<PendingAudit>().ToList();
        if (changes.Count == 0)
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (saved > 0) LocalChanges.Note();
            return saved;
        }

        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            var actor = Resolve<IAuditActorSource>()?.Current ?? AuditActor.System;
            var now = (Resolve<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
            AuditRecords.AddRange(changes.Select(c => c.ToRecord(now, actor)));
            await base.SaveChangesAsync(true, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
            LocalChanges.Note();
            return count;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>A service of the application (the clock, who is acting), when the context was made by its container.</summary>
    private T? Resolve<T>() where T : class
    {
        try { return this.GetService<T>(); }
        catch (InvalidOperationException) { return null; }
    }

    private sealed record PendingAudit(EntityEntry Entry, AuditAction Action, string? Before, Dictionary<string, object?>? ChangedAfter)
    {
        private static readonly HashSet<string> Secret =
            [nameof(StyraUser.PasswordHash), nameof(StyraUser.SecurityStamp), nameof(StyraUser.ConcurrencyStamp), nameof(ApiToken.TokenHash)];

        private static readonly JsonSerializerOptions Json = new()
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter() },
        };

        public static PendingAudit? Of(EntityEntry entry)
        {
            var properties = entry.Properties.Where(p => !Secret.Contains(p.Metadata.Name)).ToList();
            return entry.State switch
            {
                EntityState.Added => new(entry, AuditAction.Added, null, null),
                EntityState.Deleted => new(entry, AuditAction.Removed, Serialise(properties.ToDictionary(p => p.Metadata.Name, p => p.OriginalValue)), null),
                _ => Changed(entry, properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)).ToList()),
            };
        }

        private static PendingAudit? Changed(EntityEntry entry, List<PropertyEntry> changed)
        {
            // A password or token change shows as a change of the secret's name, never of its value.
            var secrets = entry.Properties.Where(p => Secret.Contains(p.Metadata.Name) && p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))
                .Select(p => p.Metadata.Name).ToList();
            var before = changed.ToDictionary(p => p.Metadata.Name, p => p.OriginalValue);
            var after = changed.ToDictionary(p => p.Metadata.Name, p => p.CurrentValue);
            if (changed.Count == 0 && secrets.Count == 0) return null;
            foreach (var s in secrets) { before[s] = "…"; after[s] = "(changed)"; }
            return new(entry, AuditAction.Changed, Serialise(before), after);
        }

        public AuditRecord ToRecord(DateTimeOffset now, AuditActor actor)
        {
            var key = string.Join('/', Entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Entry.Property(p.Name).CurrentValue));
            var after = Action switch
            {
                AuditAction.Added => Serialise(Entry.Properties.Where(p => !Secret.Contains(p.Metadata.Name)).ToDictionary(p => p.Metadata.Name, p => p.CurrentValue)),
                AuditAction.Changed => Serialise(ChangedAfter!),
                _ => null,
            };
            return new AuditRecord(now, actor, Action, NameOf(Entry.Entity), key, (Entry.Entity as IAudited)?.AuditRegionId, Before, after);
        }

        private static string Serialise(Dictionary<string, object?> values) => JsonSerializer.Serialize(values, Json);
    }

    /// <summary>The name an audited object has in the audit trail and in <c>GET /api/audit?object=NAME/ID</c>.</summary>
    public static string NameOf(object entity) => entity switch
    {
        StyraUser => "User",
        IdentityUserLogin<int> => "UserLogin",
        _ => entity.GetType().Name,
    };
}

public sealed class SqliteStyraDbContext(DbContextOptions<SqliteStyraDbContext> options) : StyraDbContext(options);

public sealed class PostgresStyraDbContext(DbContextOptions<PostgresStyraDbContext> options) : StyraDbContext(options);
