using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class StaffingEntryConfiguration : IEntityTypeConfiguration<StaffingEntry>
{
    public void Configure(EntityTypeBuilder<StaffingEntry> b)
    {
        b.HasIndex(e => new { e.Year, e.Ordinal }).IsUnique();
        b.HasSource();
    }
}
