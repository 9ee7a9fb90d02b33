using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.HasIndex(e => new { e.Year, e.Code }).IsUnique();
        b.Property(e => e.Code).HasMaxLength(32);
        b.HasSource();
        b.HasRetirement();
    }
}
