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
