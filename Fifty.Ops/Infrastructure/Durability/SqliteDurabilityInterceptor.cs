using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fifty.Ops.Infrastructure.Durability;

/// <summary>
/// Sets the durability PRAGMAs on every connection the app opens. <c>synchronous</c> and <c>busy_timeout</c> are
/// per connection; <c>journal_mode=WAL</c> is stored in the file, so it is set once per database and process.
/// <para>
/// WAL lets readers go on while one writer commits; <c>synchronous=FULL</c> syncs the WAL at every commit, so a
/// committed entry survives a power cut (NORMAL could lose the last commits); the busy timeout makes a second writer
/// wait for the first instead of failing at once.
/// </para>
/// </summary>
public sealed class SqliteDurabilityInterceptor(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    private static readonly ConcurrentDictionary<string, bool> WalSet = new(StringComparer.Ordinal);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection sqlite) Apply(sqlite, busyTimeoutMilliseconds);
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection sqlite) Apply(sqlite, busyTimeoutMilliseconds);
        return Task.CompletedTask;
    }

    /// <summary>Applies the PRAGMAs to an open connection (also used by the backup, which opens its own).</summary>
    public static void Apply(SqliteConnection connection, int busyTimeoutMilliseconds)
    {
        using var command = connection.CreateCommand();
        var file = IsFile(connection) ? connection.DataSource : null;
        // A read-only connection (EF Core opens one to see whether the file exists) cannot switch a rollback-journal
        // file to WAL: the first writable connection does.
        var readOnly = new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly;
        var wal = file is not null && !readOnly && !WalSet.ContainsKey(file) ? "PRAGMA journal_mode=WAL;" : "";
        command.CommandText = wal + "PRAGMA synchronous=FULL; PRAGMA busy_timeout=" + busyTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture) + ";";
        command.ExecuteNonQuery();
        if (wal.Length > 0) WalSet[file!] = true;
    }

    private static bool IsFile(SqliteConnection connection)
    {
        var builder = new SqliteConnectionStringBuilder(connection.ConnectionString);
        return builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(connection.DataSource) && builder.DataSource != ":memory:";
    }
}
