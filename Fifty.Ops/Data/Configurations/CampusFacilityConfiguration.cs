using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class CampusFacilityConfiguration : IEntityTypeConfiguration<CampusFacility>
{
    public void Configure(EntityTypeBuilder<CampusFacility> b)
    {
        b.HasOne(e => e.Campus).WithMany().HasForeignKey(e => e.CampusId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.CampusId, e.ReportYear }).IsUnique();
        b.HasSource();
    }
}
