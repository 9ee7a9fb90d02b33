using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal static class ConfigurationExtensions
{
    /// <summary>Maps the provenance of a figure to two plain columns.</summary>
    public static void HasSource<T>(this EntityTypeBuilder<T> builder) where T : class, IHasSource =>
        builder.ComplexProperty<SourceRef>(nameof(IHasSource.Source), s =>
        {
            s.IsRequired();
            s.Property(p => p.Doc).HasColumnName("SourceDoc").HasMaxLength(200).IsRequired();
            s.Property(p => p.Section).HasColumnName("SourceSection").HasMaxLength(500).IsRequired();
        });

    /// <summary>
    /// Status and retirement columns, and the query filter that leaves retired (일몰) rows out of every query of the
    /// year's structure: views, entry forms, the import and the reports. The fiscal-year setup and the roll-over read
    /// them with <c>IgnoreQueryFilters()</c>.
    /// </summary>
    public static void HasRetirement<T>(this EntityTypeBuilder<T> builder) where T : class, IRetirable
    {
        builder.Property(e => e.Status).HasDefaultValue(StructureStatus.Active).HasSentinel(StructureStatus.Active);
        builder.Property(e => e.RetiredBy).HasMaxLength(100);
        builder.Property(e => e.RetiredReason).HasMaxLength(500);
        builder.HasQueryFilter(e => e.Status == StructureStatus.Active);
    }
}
