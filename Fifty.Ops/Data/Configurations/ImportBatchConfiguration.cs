using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

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
