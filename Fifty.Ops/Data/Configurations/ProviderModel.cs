using System.Globalization;
using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure.Auditing;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Data.Configurations;

/// <summary>The model's infrastructure tables, and the few mappings that differ by provider.</summary>
internal static class ProviderModel
{
    public static void Apply(ModelBuilder builder, bool postgres)
    {
        builder.Entity<ScheduleLease>(b =>
        {
            b.ToTable("ScheduleLeases");
            b.HasKey(e => e.Name);
            b.Property(e => e.Name).HasMaxLength(64);
            b.Property(e => e.Holder).HasMaxLength(200);
        });
        builder.Entity<DataProtectionKey>().ToTable("DataProtectionKeys");

        if (postgres)
        {
            // The audit chain hashes OccurredUtc to the 100 ns tick; timestamptz keeps microseconds, so PostgreSQL stores
            // the same text SQLite does (sortable, readable, exact), and a chain copied from SQLite verifies unchanged.
            // Collation "C" compares it byte by byte, as SQLite does.
            builder.Entity<AuditEntry>().Property(e => e.OccurredUtc)
                .HasConversion(v => ToStored(v), v => FromStored(v))
                .HasColumnType("text")
                .UseCollation("C");
        }
    }

    private static string ToStored(DateTime value) => value.ToString(AuditChain.StoredTimeFormat, CultureInfo.InvariantCulture);

    private static DateTime FromStored(string value) =>
        DateTime.ParseExact(value, AuditChain.StoredTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
