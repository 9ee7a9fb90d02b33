using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class CampusUsageConfiguration : IEntityTypeConfiguration<CampusUsage>
{
    public void Configure(EntityTypeBuilder<CampusUsage> b)
    {
        b.HasOne(e => e.Campus).WithMany().HasForeignKey(e => e.CampusId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.CampusId, e.Year, e.Month, e.IsDemo }).IsUnique();
        b.Property(e => e.UpdatedBy).HasMaxLength(100);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.ToTable(t =>
        {
            t.HasCheckConstraint("CK_CampusUsages_Month", "\"Month\" BETWEEN 1 AND 12");
            t.HasCheckConstraint("CK_CampusUsages_NonNegative",
                "COALESCE(\"Visits\",0) >= 0 AND COALESCE(\"CourseParticipants\",0) >= 0 AND COALESCE(\"CounsellingCases\",0) >= 0 AND COALESCE(\"Communities\",0) >= 0 AND COALESCE(\"OccupiedSeats\",0) >= 0");
        });
    }
}
