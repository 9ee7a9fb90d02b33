using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class SharedOfficeConfiguration : IEntityTypeConfiguration<SharedOffice>
{
    public void Configure(EntityTypeBuilder<SharedOffice> b)
    {
        b.HasOne(e => e.Campus).WithMany().HasForeignKey(e => e.CampusId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.Year, e.CampusId });
        b.HasSource();
    }
}
