using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

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
