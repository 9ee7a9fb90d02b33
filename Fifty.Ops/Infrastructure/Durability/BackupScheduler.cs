using Microsoft.Extensions.Options;

namespace Fifty.Ops.Infrastructure.Durability;

/// <summary>
/// Backs up on a fixed interval (<c>Backup:IntervalHours</c>). The next run is counted from the latest scheduled
/// backup on disk, so restarting the app neither skips nor doubles a backup; a fresh install backs up one interval
/// after it starts. Several instances on one database back up once: the run is claimed through the database's
/// <c>backup</c> lease row (<see cref="ScheduleLeases"/>), and an instance that loses the claim waits for the next turn.
/// </summary>
public sealed partial class BackupScheduler(BackupService backups, ScheduleLeases leases, IOptions<BackupOptions> options, TimeProvider clock, ILogger<BackupScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || backups.Folder is null) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var last = backups.List().Where(f => f.Kind == BackupKind.Scheduled).Select(f => (DateTimeOffset?)f.CreatedAt).FirstOrDefault();
            var leased = await LastLeasedAsync(stoppingToken);
            if (leased > last || last is null) last = leased ?? last;
            var due = last is { } l ? l + settings.Interval : now + settings.Interval;
            if (due < now + TimeSpan.FromMinutes(1)) due = now + TimeSpan.FromMinutes(1);
            backups.NextScheduledAt = due;
            try
            {
                await Task.Delay(due - now, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            bool claimed;
            try
            {
                claimed = await leases.TryClaimAsync(Lease, settings.Interval, stoppingToken);
            }
            catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException)
            {
                LogScheduledFailed(logger, ex.Message);
                continue;
            }

            if (!claimed) continue; // another instance has just done it
            var result = await backups.CreateScheduledAsync(stoppingToken);
            if (!result.Succeeded) LogScheduledFailed(logger, result.Error!);
        }
    }

    /// <summary>The lease's name: one scheduled backup per interval across every instance.</summary>
    public const string Lease = "backup";

    private async Task<DateTimeOffset?> LastLeasedAsync(CancellationToken ct)
    {
        try
        {
            return await leases.LastRunAsync(Lease, ct);
        }
        catch (System.Data.Common.DbException)
        {
            return null; // the database is away for a moment: the files decide
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled backup failed: {Reason}")]
    private static partial void LogScheduledFailed(ILogger logger, string reason);
}
