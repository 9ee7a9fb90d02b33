using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class PeriodStatusChangeConfiguration : IEntityTypeConfiguration<PeriodStatusChange>
{
    public void Configure(EntityTypeBuilder<PeriodStatusChange> b)
    {
        b.HasOne<ReportingPeriod>().WithMany().HasForeignKey(e => e.ReportingPeriodId).OnDelete(DeleteBehavior.Restrict);
        b.Property(e => e.By).HasMaxLength(100);
        b.Property(e => e.Reason).HasMaxLength(500);
    }
}

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> b)
    {
        b.HasOne<ReportingPeriod>().WithMany().HasForeignKey(e => e.ReportingPeriodId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.ReportingPeriodId, e.ContentHash });
        b.Property(e => e.FileName).HasMaxLength(260);
        b.Property(e => e.ContentHash).HasMaxLength(64);
        b.Property(e => e.ImportedBy).HasMaxLength(100);
    }
}

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
