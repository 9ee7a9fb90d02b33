using System.Runtime.CompilerServices;
using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Fifty.Ops.Features.Periods;

/// <summary>
/// Drops <see cref="PeriodService"/>'s list when a save adds, changes or removes a reporting period. On PostgreSQL it
/// also sends <c>NOTIFY</c> on <see cref="Channel"/> (delivered when the save commits), and every instance's
/// <see cref="PeriodChangeListener"/> drops its list too: a quarter closed through one instance shows closed on all.
/// </summary>
public sealed class PeriodCacheInvalidator(Lazy<PeriodService> periods) : SaveChangesInterceptor
{
    /// <summary>The PostgreSQL notification channel of period changes.</summary>
    public const string Channel = "fifty_ops_periods";

    private static readonly ConditionalWeakTable<DbContext, object> Changed = [];

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

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        periods.Value.Invalidate();
        if (eventData.Context is { } context && Changed.TryGetValue(context, out _))
        {
            Changed.Remove(context);
            // Inside the caller's transaction the notification waits for its commit; outside one, the save has committed.
            if (context.Database.GetDbConnection() is NpgsqlConnection) await context.Database.ExecuteSqlRawAsync("NOTIFY " + Channel, cancellationToken);
        }

        return await base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        periods.Value.Invalidate();
        if (eventData.Context is { } context && Changed.TryGetValue(context, out _))
        {
            Changed.Remove(context);
            if (context.Database.GetDbConnection() is NpgsqlConnection) context.Database.ExecuteSqlRaw("NOTIFY " + Channel);
        }

        return base.SavedChanges(eventData, result);
    }

    private void Check(DbContext? context)
    {
        // Invalidate before the save as well: a reader between save and commit then reloads rather than keeping the old list.
        if (context?.ChangeTracker.Entries<ReportingPeriod>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) == true)
        {
            periods.Value.Invalidate();
            Changed.AddOrUpdate(context, Changed);
        }
    }
}

/// <summary>
/// On PostgreSQL: listens on <see cref="PeriodCacheInvalidator.Channel"/> and drops this instance's period list when any
/// instance changes a period. A lost connection also drops the list (a change may have been missed) and reconnects.
/// </summary>
public sealed partial class PeriodChangeListener(Data.DatabaseSettings database, PeriodService periods, ILogger<PeriodChangeListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { KeepAlive = 30, Pooling = false }.ConnectionString);
                connection.Notification += (_, _) => periods.Invalidate();
                await connection.OpenAsync(stoppingToken);
                await using (var listen = connection.CreateCommand())
                {
                    listen.CommandText = "LISTEN " + PeriodCacheInvalidator.Channel;
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                periods.Invalidate();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException)
            {
                periods.Invalidate();
                LogListenerLost(logger, ex.Message);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Period change listener lost its connection, reconnecting: {Reason}")]
    private static partial void LogListenerLost(ILogger logger, string reason);
}
