using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasIndex(e => e.OccurredUtc);
        b.HasIndex(e => e.Kind);
        b.HasIndex(e => e.UserName);
        b.HasIndex(e => new { e.ObjectType, e.ObjectId });
        b.Property(e => e.OccurredUtc).HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        b.Property(e => e.UserName).HasMaxLength(64);
        b.Property(e => e.IpAddress).HasMaxLength(64);
        b.Property(e => e.ObjectType).HasMaxLength(100);
        b.Property(e => e.ObjectId).HasMaxLength(200);
        b.Property(e => e.Field).HasMaxLength(100);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
    }
}
