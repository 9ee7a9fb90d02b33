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
}
