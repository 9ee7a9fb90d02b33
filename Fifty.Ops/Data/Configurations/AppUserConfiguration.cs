using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

/// <summary>
/// Identity's user under the app's table and index names (decision record 0008): the rows made by the hand-written store
/// before Identity's EF store took over are the same rows, so the upgrade only adds Identity's columns and tables.
/// </summary>
internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.ToTable("Users");
        b.HasIndex(e => e.NormalizedUserName).IsUnique().HasDatabaseName("IX_Users_NormalizedUserName");
        b.Property(e => e.UserName).HasMaxLength(64).IsRequired();
        b.Property(e => e.NormalizedUserName).HasMaxLength(64).IsRequired();
        b.Property(e => e.DisplayName).HasMaxLength(100);
        b.Property(e => e.SecurityStamp).IsRequired();
        b.Property(e => e.ConcurrencyStamp).IsRequired();
        // Role membership is loaded and saved by the user store (FiftyOpsUserStore), not through a navigation.
        b.Ignore(e => e.Roles);
    }
}
