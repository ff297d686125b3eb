using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Styra.Features.Publishing;

namespace Styra.Data.Configurations;

internal sealed class PublicationConfiguration : IEntityTypeConfiguration<Publication>
{
    public void Configure(EntityTypeBuilder<Publication> b)
    {
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.PublishedBy).HasMaxLength(256);
        b.HasOne(p => p.Region).WithMany().HasForeignKey(p => p.RegionId);
        // Withdrawing is deleting the row; an event that is deleted takes its publication with it.
        b.HasOne(p => p.Event).WithMany().HasForeignKey(p => p.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => p.EventId).IsUnique();
        b.HasIndex(p => new { p.RegionId, p.Kind, p.Year });
        // One publication per economy year: two publish requests at once cannot leave a second row behind a withdrawal.
        b.HasIndex(p => new { p.RegionId, p.Year }).IsUnique().HasFilter("\"EventId\" IS NULL").HasDatabaseName("IX_Publications_EconomyYear");
    }
}
