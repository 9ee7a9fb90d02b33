using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class ProgrammeNodeConfiguration : IEntityTypeConfiguration<ProgrammeNode>
{
    public void Configure(EntityTypeBuilder<ProgrammeNode> b)
    {
        b.HasIndex(e => new { e.Year, e.Code }).IsUnique();
        b.Property(e => e.Code).HasMaxLength(32);
        b.Property(e => e.Name).HasMaxLength(200);
        b.HasOne(e => e.Parent).WithMany().HasForeignKey(e => e.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasSource();
        b.HasRetirement();
    }
}
