using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Fifty.Ops.Infrastructure.Caching;

/// <summary>
/// The one rule by which every <see cref="IReferenceCache"/> is dropped: a save that adds, changes or removes rows of
/// one of its <see cref="IReferenceCache.Sources"/> drops it before the save, after the save and, when the save is
/// inside a transaction, again after the commit (a reader between save and commit reloads the old rows). On
/// PostgreSQL it also sends <c>NOTIFY</c> on <see cref="Channel"/> with the cache's name (delivered when the save
/// commits), and every instance's <see cref="ReferenceChangeListener"/> drops the same cache: a quarter closed or a
/// profile saved through one instance shows on all. <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> and raw SQL bypass the
/// change tracker: code that changes a source that way must call <see cref="IReferenceCache.Invalidate"/> itself.
/// </summary>
public sealed class ReferenceCacheInvalidator(Lazy<IReadOnlyList<IReferenceCache>> caches) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>The PostgreSQL notification channel; the payload is the changed cache's <see cref="IReferenceCache.Name"/>.</summary>
    public const string Channel = "fifty_ops_reference";

    private static readonly ConditionalWeakTable<DbContext, Pending> Changed = [];

    /// <summary>The caches a context's saves changed, kept until they are committed; whether a save is under way.</summary>
    private sealed class Pending
    {
        public HashSet<IReferenceCache> Caches { get; } = [];

        public bool Saving { get; set; }
    }

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
        if (Saved(eventData.Context) is { } changed)
        {
            // Inside the caller's transaction the notification waits for its commit; outside one, the save has committed.
            foreach (var cache in changed) await eventData.Context!.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [Channel, cache.Name], cancellationToken);
        }

        return await base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Saved(eventData.Context) is { } changed)
        {
            foreach (var cache in changed) eventData.Context!.Database.ExecuteSqlRaw("SELECT pg_notify({0}, {1})", Channel, cache.Name);
        }

        return base.SavedChanges(eventData, result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        Failed(eventData.Context);
        base.SaveChangesFailed(eventData);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Check(DbContext? context)
    {
        if (context is null) return;
        var types = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Metadata.ClrType)
            .ToHashSet();
        if (types.Count == 0) return;
        var changed = caches.Value.Where(c => c.Sources.Any(types.Contains)).ToList();
        if (changed.Count == 0) return;
        var pending = Changed.GetOrCreateValue(context);
        pending.Saving = true;
        foreach (var cache in changed)
        {
            cache.Invalidate();
            pending.Caches.Add(cache);
        }
    }

    /// <summary>Drops the caches the save changed; returns them when this instance must tell the others (PostgreSQL).</summary>
    private static List<IReferenceCache>? Saved(DbContext? context)
    {
        if (context is null || !Changed.TryGetValue(context, out var pending)) return null;
        pending.Saving = false;
        List<IReferenceCache> changed = [.. pending.Caches];
        foreach (var cache in changed) cache.Invalidate();
        // Inside the caller's transaction they are dropped once more at its commit; the set is kept for that.
        if (context.Database.CurrentTransaction is null) Changed.Remove(context);
        return context.Database.GetDbConnection() is NpgsqlConnection ? changed : null;
    }

    private static void Failed(DbContext? context)
    {
        if (context is null || !Changed.TryGetValue(context, out var pending)) return;
        pending.Saving = false;
        foreach (var cache in pending.Caches) cache.Invalidate();
    }

    private static void Committed(DbContext? context)
    {
        if (context is null || !Changed.TryGetValue(context, out var pending)) return;
        foreach (var cache in pending.Caches) cache.Invalidate();
        // The transaction SaveChanges opens itself commits before the save completes: the set stays for SavedChanges,
        // which tells the other instances and then forgets it.
        if (!pending.Saving) Changed.Remove(context);
    }
}

/// <summary>
/// On PostgreSQL: listens on <see cref="ReferenceCacheInvalidator.Channel"/> and drops this instance's cache named by
/// a notification when any instance changes its rows. A lost connection drops every cache (a change may have been
/// missed) and reconnects.
/// </summary>
public sealed partial class ReferenceChangeListener(Data.DatabaseSettings database, IEnumerable<IReferenceCache> caches, ILogger<ReferenceChangeListener> logger) : BackgroundService
{
    private readonly IReadOnlyList<IReferenceCache> _caches = [.. caches];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { KeepAlive = 30, Pooling = false }.ConnectionString);
                connection.Notification += (_, e) => Invalidate(e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = connection.CreateCommand())
                {
                    listen.CommandText = "LISTEN " + ReferenceCacheInvalidator.Channel;
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                Invalidate(null);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException)
            {
                Invalidate(null);
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

    /// <summary>Drops the cache named <paramref name="name"/>; every cache for null or a name this instance does not know.</summary>
    private void Invalidate(string? name)
    {
        var named = _caches.Where(c => c.Name == name).ToList();
        foreach (var cache in named.Count > 0 ? named : _caches) cache.Invalidate();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reference cache change listener lost its connection, reconnecting: {Reason}")]
    private static partial void LogListenerLost(ILogger logger, string reason);
}
