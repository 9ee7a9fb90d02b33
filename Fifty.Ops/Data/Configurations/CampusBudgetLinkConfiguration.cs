using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class CampusBudgetLinkConfiguration : IEntityTypeConfiguration<CampusBudgetLink>
{
    public void Configure(EntityTypeBuilder<CampusBudgetLink> b)
    {
        b.HasOne(e => e.Campus).WithMany().HasForeignKey(e => e.CampusId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.ProgrammeNode).WithMany().HasForeignKey(e => e.ProgrammeNodeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.CampusId, e.ProgrammeNodeId }).IsUnique();
        b.HasIndex(e => e.ProgrammeNodeId);
        b.HasSource();
    }
}
