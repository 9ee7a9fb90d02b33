using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class ExecutiveConfiguration : IEntityTypeConfiguration<Executive>
{
    public void Configure(EntityTypeBuilder<Executive> b)
    {
        b.HasIndex(e => new { e.Year, e.Ordinal }).IsUnique();
        b.HasSource();
    }
}
