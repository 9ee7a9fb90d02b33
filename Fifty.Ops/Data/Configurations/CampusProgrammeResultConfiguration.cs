using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class CampusProgrammeResultConfiguration : IEntityTypeConfiguration<CampusProgrammeResult>
{
    public void Configure(EntityTypeBuilder<CampusProgrammeResult> b)
    {
        b.HasOne(e => e.Campus).WithMany().HasForeignKey(e => e.CampusId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.CampusId, e.Year });
        b.HasSource();
    }
}
