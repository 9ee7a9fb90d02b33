using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
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

internal sealed class AppRoleConfiguration : IEntityTypeConfiguration<AppRole>
{
    public void Configure(EntityTypeBuilder<AppRole> b)
    {
        b.ToTable("Roles");
        b.HasIndex(e => e.NormalizedName).IsUnique().HasDatabaseName("IX_Roles_NormalizedName");
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Name).HasMaxLength(32).IsRequired();
        b.Property(e => e.NormalizedName).HasMaxLength(32).IsRequired();
        b.Property(e => e.Label).HasMaxLength(50);
        // The roles are fixed: what each may do is code (Policies), so the rows are part of the schema.
        b.HasData(AppRoles.All.Select(r => new AppRole { Id = r.Id, Name = r.Name, NormalizedName = r.NormalizedName, Label = r.Label, ConcurrencyStamp = null }));
    }
}

internal sealed class AppUserRoleConfiguration : IEntityTypeConfiguration<AppUserRole>
{
    public void Configure(EntityTypeBuilder<AppUserRole> b)
    {
        b.ToTable("UserRoles");
        b.HasKey(e => new { e.UserId, e.RoleId });
        b.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppRole>().WithMany().HasForeignKey(e => e.RoleId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Identity's other tables, named like the app's (unused today: no external logins, claims or tokens are stored).</summary>
internal sealed class IdentityTableNames :
    IEntityTypeConfiguration<IdentityUserClaim<int>>,
    IEntityTypeConfiguration<IdentityUserLogin<int>>,
    IEntityTypeConfiguration<IdentityUserToken<int>>,
    IEntityTypeConfiguration<IdentityRoleClaim<int>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<int>> b) => b.ToTable("UserClaims");

    public void Configure(EntityTypeBuilder<IdentityUserLogin<int>> b) => b.ToTable("UserLogins");

    public void Configure(EntityTypeBuilder<IdentityUserToken<int>> b) => b.ToTable("UserTokens");

    public void Configure(EntityTypeBuilder<IdentityRoleClaim<int>> b) => b.ToTable("RoleClaims");
}

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
