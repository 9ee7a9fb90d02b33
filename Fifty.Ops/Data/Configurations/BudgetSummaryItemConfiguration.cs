using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fifty.Ops.Data.Configurations;

internal sealed class BudgetSummaryItemConfiguration : IEntityTypeConfiguration<BudgetSummaryItem>
{
    public void Configure(EntityTypeBuilder<BudgetSummaryItem> b)
    {
        b.HasIndex(e => new { e.Year, e.Side, e.Ordinal }).IsUnique();
        b.HasSource();
    }
}
