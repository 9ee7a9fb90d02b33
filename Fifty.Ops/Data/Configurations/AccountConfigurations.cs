using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.ToTable("Users");
        b.HasIndex(e => e.NormalizedUserName).IsUnique();
        b.Property(e => e.UserName).HasMaxLength(64);
        b.Property(e => e.NormalizedUserName).HasMaxLength(64);
        b.Property(e => e.DisplayName).HasMaxLength(100);
        b.HasMany(e => e.Roles).WithOne().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AppRoleConfiguration : IEntityTypeConfiguration<AppRole>
{
    public void Configure(EntityTypeBuilder<AppRole> b)
    {
        b.ToTable("Roles");
        b.HasIndex(e => e.NormalizedName).IsUnique();
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.Name).HasMaxLength(32);
        b.Property(e => e.NormalizedName).HasMaxLength(32);
        b.Property(e => e.Label).HasMaxLength(50);
        // The roles are fixed: what each may do is code (Policies), so the rows are part of the schema.
        b.HasData(AppRoles.All.Select(r => new AppRole { Id = r.Id, Name = r.Name, NormalizedName = r.NormalizedName, Label = r.Label }));
    }
}

internal sealed class AppUserRoleConfiguration : IEntityTypeConfiguration<AppUserRole>
{
    public void Configure(EntityTypeBuilder<AppUserRole> b)
    {
        b.ToTable("UserRoles");
        b.HasKey(e => new { e.UserId, e.RoleId });
        b.HasOne<AppRole>().WithMany().HasForeignKey(e => e.RoleId).OnDelete(DeleteBehavior.Restrict);
    }
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
