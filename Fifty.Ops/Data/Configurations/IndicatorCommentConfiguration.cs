using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class IndicatorCommentConfiguration : IEntityTypeConfiguration<IndicatorComment>
{
    public void Configure(EntityTypeBuilder<IndicatorComment> b)
    {
        b.HasOne(e => e.Indicator).WithMany().HasForeignKey(e => e.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ReportingPeriod>().WithMany().HasForeignKey(e => e.ReportingPeriodId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.IndicatorId, e.ReportingPeriodId }).IsUnique();
        b.Property(e => e.Version).IsConcurrencyToken();
    }
}
