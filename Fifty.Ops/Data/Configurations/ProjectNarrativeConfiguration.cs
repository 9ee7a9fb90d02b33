using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class ProjectNarrativeConfiguration : IEntityTypeConfiguration<ProjectNarrative>
{
    public void Configure(EntityTypeBuilder<ProjectNarrative> b)
    {
        b.HasOne(e => e.Project).WithMany().HasForeignKey(e => e.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ReportingPeriod>().WithMany().HasForeignKey(e => e.ReportingPeriodId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.ProjectId, e.ReportingPeriodId, e.Kind, e.Ordinal }).IsUnique();
        b.Property(e => e.UpdatedBy).HasMaxLength(100);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasSource();
    }
}
