using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Data.Configurations;

/// <summary>
/// The columns that hold money: amounts in 천원, whole (the reports print whole 천원 and <c>NumberText</c> refuses a
/// fraction of one), so <c>numeric(18,0)</c> — up to 999조 천원, beyond any budget the foundation will see. The context
/// rounds them to that scale before saving (<see cref="FiftyOpsDbContext"/>), so SQLite, which keeps decimals as text,
/// and PostgreSQL hold the same figure. Rates, counts, areas and indicator figures are not money and keep every digit
/// (<c>numeric</c> without a scale on PostgreSQL).
/// </summary>
internal static class MoneyColumns
{
    public const int Precision = 18;
    public const int Scale = 0;

    public static void Apply(ModelBuilder builder)
    {
        builder.Entity<BudgetLine>(b =>
        {
            b.Property(e => e.CurrentBudget).HasPrecision(Precision, Scale);
            b.Property(e => e.Original).HasPrecision(Precision, Scale);
            b.Property(e => e.Supplementary).HasPrecision(Precision, Scale);
            b.Property(e => e.Transfers).HasPrecision(Precision, Scale);
            b.Property(e => e.Committed).HasPrecision(Precision, Scale);
            b.Property(e => e.Disbursed).HasPrecision(Precision, Scale);
            b.Property(e => e.Forecast).HasPrecision(Precision, Scale);
        });
        builder.Entity<BudgetSummaryItem>().Property(e => e.Amount).HasPrecision(Precision, Scale);
        builder.Entity<ProgrammeCostShare>().Property(e => e.Amount).HasPrecision(Precision, Scale);
        builder.Entity<Project>().Property(e => e.RequiredBudget).HasPrecision(Precision, Scale);
        builder.Entity<ProgrammeNode>().Property(e => e.OriginalBudget).HasPrecision(Precision, Scale);
    }
}
