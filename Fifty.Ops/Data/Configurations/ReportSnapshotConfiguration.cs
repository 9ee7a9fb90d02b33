using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class ReportSnapshotConfiguration : IEntityTypeConfiguration<ReportSnapshot>
{
    public void Configure(EntityTypeBuilder<ReportSnapshot> b)
    {
        b.HasOne<ReportingPeriod>().WithMany().HasForeignKey(e => e.ReportingPeriodId).OnDelete(DeleteBehavior.Restrict);
        // One snapshot in force per period; superseded ones are kept as history.
        b.HasIndex(e => e.ReportingPeriodId).IsUnique().HasFilter("\"SupersededAt\" IS NULL");
        b.Property(e => e.TakenBy).HasMaxLength(100);
        b.Property(e => e.SupersededBy).HasMaxLength(100);
        b.Property(e => e.Sha256).HasMaxLength(64);
    }
}
