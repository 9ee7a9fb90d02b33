using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class PolicyTargetConfiguration : IEntityTypeConfiguration<PolicyTarget>
{
    public void Configure(EntityTypeBuilder<PolicyTarget> b) => b.HasSource();
}
