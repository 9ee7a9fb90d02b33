using Fifty.Ops.Data;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.DataEntry;

/// <summary>
/// Login ids (stored as the author of entries, closes, imports and backups) to the people's display names, for showing
/// people by name. Read once and kept for a minute: a renamed or new account shows within that time. An id with no
/// account (a removed user, a command-line run) is shown as stored.
/// </summary>
public sealed class PeopleDirectory(IDbContextFactory<FiftyOpsDbContext> factory, TimeProvider clock)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(1);
    private (IReadOnlyDictionary<string, string> Names, DateTimeOffset At)? _snapshot;

    /// <summary>Drops the names read, so the next read sees an account just created.</summary>
    public void Forget() => _snapshot = null;

    /// <summary>The names, from memory when read less than a minute ago (then without awaiting anything).</summary>
    public async ValueTask<IReadOnlyDictionary<string, string>> NamesAsync(CancellationToken ct = default)
    {
        if (_snapshot is { } s && clock.GetUtcNow() - s.At < Fresh) return s.Names;
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Users.AsNoTracking().Select(u => new { u.UserName, u.DisplayName }).ToListAsync(ct);
        var names = rows.Where(r => r.UserName is { Length: > 0 } && r.DisplayName is { Length: > 0 })
            .ToDictionary(r => r.UserName!, r => r.DisplayName!, StringComparer.OrdinalIgnoreCase);
        _snapshot = (names, clock.GetUtcNow());
        return names;
    }

    /// <summary>No names known (a service built without the directory shows authors as stored).</summary>
    public static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    /// <summary>The names, or <see cref="None"/> without a directory (a service constructed by hand in a test).</summary>
    public static ValueTask<IReadOnlyDictionary<string, string>> NamesOrNoneAsync(PeopleDirectory? people, CancellationToken ct) =>
        people?.NamesAsync(ct) ?? ValueTask.FromResult(None);

    /// <summary>As <see cref="Show"/>, but null stays null (an entry without an author keeps saying so).</summary>
    public static string? NameOf(IReadOnlyDictionary<string, string> names, string? stored) =>
        stored is null ? null : names.GetValueOrDefault(stored) ?? stored;

    /// <summary>The display name of a stored author, or the stored text itself when it is no login id (already a name).</summary>
    public static string Show(IReadOnlyDictionary<string, string> names, string? stored) =>
        stored is null ? "" : names.GetValueOrDefault(stored) ?? stored;
}
