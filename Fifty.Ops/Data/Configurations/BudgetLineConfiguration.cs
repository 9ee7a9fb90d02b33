using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class BudgetLineConfiguration : IEntityTypeConfiguration<BudgetLine>
{
    public void Configure(EntityTypeBuilder<BudgetLine> b)
    {
        b.HasOne(e => e.ReportingPeriod).WithMany().HasForeignKey(e => e.ReportingPeriodId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.ProgrammeNode).WithMany().HasForeignKey(e => e.ProgrammeNodeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.ReportingPeriodId, e.Section, e.RowInSection }).IsUnique();
        b.HasIndex(e => e.ProgrammeNodeId);
        b.Property(e => e.NameInSource).HasMaxLength(300);
        b.Property(e => e.UpdatedBy).HasMaxLength(100);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasSource();
        // A line of a retired (일몰) row leaves the year's views with its row; lines without a row (a source's
        // uncoded rows) stay.
        b.HasQueryFilter(e => e.ProgrammeNodeId == null || e.ProgrammeNode != null);
    }
}
