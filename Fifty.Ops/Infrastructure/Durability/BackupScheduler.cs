using Microsoft.Extensions.Options;

namespace Fifty.Ops.Infrastructure.Durability;

/// <summary>
/// Backs up on a fixed interval (<c>Backup:IntervalHours</c>). The next run is counted from the latest scheduled
/// backup on disk, so restarting the app neither skips nor doubles a backup; a fresh install backs up one interval
/// after it starts.
/// </summary>
public sealed partial class BackupScheduler(BackupService backups, IOptions<BackupOptions> options, TimeProvider clock, ILogger<BackupScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || backups.Folder is null) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var last = backups.List().Where(f => f.Kind == BackupKind.Scheduled).Select(f => (DateTimeOffset?)f.CreatedAt).FirstOrDefault();
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

            var result = await backups.CreateScheduledAsync(stoppingToken);
            if (!result.Succeeded) LogScheduledFailed(logger, result.Error!);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled backup failed: {Reason}")]
    private static partial void LogScheduledFailed(ILogger logger, string reason);
}
