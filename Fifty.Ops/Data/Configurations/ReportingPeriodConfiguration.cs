using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class ReportingPeriodConfiguration : IEntityTypeConfiguration<ReportingPeriod>
{
    public void Configure(EntityTypeBuilder<ReportingPeriod> b)
    {
        b.HasIndex(e => new { e.Year, e.Quarter }).IsUnique();
        b.Property(e => e.Label).HasMaxLength(100);
        b.Property(e => e.ClosedBy).HasMaxLength(100);
        b.Property(e => e.ReopenedBy).HasMaxLength(100);
        b.Property(e => e.ReopenReason).HasMaxLength(500);
        b.Property(e => e.Version).IsConcurrencyToken();
    }
}
