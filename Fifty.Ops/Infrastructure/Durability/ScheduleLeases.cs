using Fifty.Ops.Data;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Infrastructure.Durability;

/// <summary>
/// Runs scheduled work once across every app instance on one database. Each instance wakes up on its own timer and
/// tries to claim the run with one conditional UPDATE of the work's <see cref="ScheduleLease"/> row ("last run before
/// the interval began"); the database lets exactly one of them match, the others see 0 rows and skip. Works the same
/// on SQLite (several processes on one file) and PostgreSQL.
/// </summary>
public sealed class ScheduleLeases(IDbContextFactory<FiftyOpsDbContext> factory, TimeProvider clock)
{
    /// <summary>This instance, as written to <see cref="ScheduleLease.Holder"/>.</summary>
    public static readonly string Instance = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>When <paramref name="name"/> last ran on any instance; null before its first run.</summary>
    public async Task<DateTimeOffset?> LastRunAsync(string name, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var last = await db.ScheduleLeases.Where(l => l.Name == name).Select(l => (long?)l.LastRunUnixMs).FirstOrDefaultAsync(ct);
        return last is > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(last.Value) : null;
    }

    /// <summary>
    /// Claims the run of <paramref name="name"/> when its last run (on any instance) started at least
    /// <paramref name="interval"/> ago, less a minute of clock slack. True: this instance does the work now.
    /// </summary>
    public async Task<bool> TryClaimAsync(string name, TimeSpan interval, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var dueBefore = now - (long)Math.Max(0, (interval - TimeSpan.FromMinutes(1)).TotalMilliseconds);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.ScheduleLeases.AnyAsync(l => l.Name == name, ct))
        {
            db.ScheduleLeases.Add(new ScheduleLease { Name = name });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another instance added it first; the UPDATE below decides.
            }

            db.ChangeTracker.Clear();
        }

        var claimed = await db.ScheduleLeases
            .Where(l => l.Name == name && l.LastRunUnixMs <= dueBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LastRunUnixMs, now).SetProperty(l => l.Holder, Instance), ct);
        return claimed == 1;
    }
}
