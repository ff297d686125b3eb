using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Styra.Features.Indicators;
using Styra.Features.Organisation;
using Styra.Features.Plans;

namespace Styra.Data;

/// <summary>
/// Styra's database. The provider-specific subclasses exist only so that SQLite and PostgreSQL keep their own
/// migrations; code everywhere uses this type.
/// </summary>
public abstract class StyraDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
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

    /// <summary>ASP.NET data-protection keys, kept here so that several web instances share them.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StyraDbContext).Assembly);
        modelBuilder.Entity<DataStamp>(b =>
        {
            b.Property(s => s.Id).ValueGeneratedNever();
            b.HasData(new { Id = DataStamp.SingleId, Version = 0L });
        });
    }
}

public sealed class SqliteStyraDbContext(DbContextOptions<SqliteStyraDbContext> options) : StyraDbContext(options);

public sealed class PostgresStyraDbContext(DbContextOptions<PostgresStyraDbContext> options) : StyraDbContext(options);
