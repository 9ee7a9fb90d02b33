using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fifty.Ops.Features.Periods;

/// <summary>Drops <see cref="PeriodService"/>'s list when a save adds, changes or removes a reporting period.</summary>
public sealed class PeriodCacheInvalidator(Lazy<PeriodService> periods) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        periods.Value.Invalidate();
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    private void Check(DbContext? context)
    {
        // Invalidate before the save as well: a reader between save and commit then reloads rather than keeping the old list.
        if (context?.ChangeTracker.Entries<ReportingPeriod>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) == true)
        {
            periods.Value.Invalidate();
        }
    }
}
