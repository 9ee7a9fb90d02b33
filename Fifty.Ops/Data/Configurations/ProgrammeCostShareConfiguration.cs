using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class ProgrammeCostShareConfiguration : IEntityTypeConfiguration<ProgrammeCostShare>
{
    public void Configure(EntityTypeBuilder<ProgrammeCostShare> b)
    {
        b.HasIndex(e => new { e.Year, e.Ordinal }).IsUnique();
        b.HasSource();
    }
}
