namespace Fifty.Ops.Infrastructure.Caching;

/// <summary>
/// A small set of rows that every page reads and that rarely changes (the reporting periods, the institution's
/// names), which <see cref="ReferenceCacheInvalidator"/> drops when a save changes rows of one of its
/// <see cref="Sources"/>: in this instance at once, in every other instance through PostgreSQL <c>NOTIFY</c>
/// (<see cref="ReferenceChangeListener"/>). Writes never rely on a cache.
/// </summary>
public interface IReferenceCache
{
    /// <summary>The cache's name, sent as the notification's payload so other instances drop the same cache.</summary>
    string Name { get; }

    /// <summary>The entity types whose added, changed or removed rows make the cached value stale.</summary>
    IReadOnlyCollection<Type> Sources { get; }

    /// <summary>Drops the cached value: the next read loads it anew.</summary>
    void Invalidate();
}

/// <summary>
/// One cached value, loaded on the first read and kept for <see cref="Lifetime"/> (which bounds the staleness a write
/// from outside the app, such as the command line on SQLite, can cause) unless dropped earlier by
/// <see cref="Invalidate"/>. A load that an invalidation overtook is returned to its caller but not kept.
/// </summary>
public abstract class ReferenceCache<T>(TimeProvider clock) : IReferenceCache
    where T : class
{
    private readonly Lock _gate = new();
    private volatile Snapshot? _cache;
    private int _version;

    private sealed record Snapshot(T Value, DateTimeOffset Expires);

    protected TimeProvider Clock => clock;

    public abstract string Name { get; }

    public abstract IReadOnlyCollection<Type> Sources { get; }

    /// <summary>How long a loaded value is kept when nothing invalidates it.</summary>
    public abstract TimeSpan Lifetime { get; init; }

    public void Invalidate()
    {
        lock (_gate)
        {
            _version++;
            _cache = null;
        }
    }

    /// <summary>The kept value while fresh, else the result of <paramref name="load"/> (then kept).</summary>
    protected async Task<T> GetOrLoadAsync(Func<CancellationToken, Task<T>> load, CancellationToken ct)
    {
        if (_cache is { } cached && cached.Expires > clock.GetUtcNow()) return cached.Value;
        int version;
        lock (_gate) version = _version;
        var value = await load(ct);
        lock (_gate)
        {
            // Kept only if no invalidation came while it loaded (the load may have read the rows before that change).
            if (_version == version) _cache = new Snapshot(value, clock.GetUtcNow() + Lifetime);
        }

        return value;
    }
}
