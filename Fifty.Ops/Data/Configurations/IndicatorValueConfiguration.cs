using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValue>
{
    public void Configure(EntityTypeBuilder<IndicatorValue> b)
    {
        b.HasOne(e => e.Indicator).WithMany().HasForeignKey(e => e.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.IndicatorId, e.Year, e.Kind });
        // A planner's cell belongs to one period: at most one per indicator, year, kind and period (source cells have none).
        b.HasOne<ReportingPeriod>().WithMany().HasForeignKey(e => e.ReportingPeriodId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.IndicatorId, e.Year, e.Kind, e.ReportingPeriodId }).IsUnique();
        b.Property(e => e.UpdatedBy).HasMaxLength(100);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasSource();
    }
}
