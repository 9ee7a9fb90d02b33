using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Fifty.Ops.Infrastructure.Durability;

/// <summary>
/// On PostgreSQL, every transaction the app begins first takes one transaction-scoped advisory lock, so write transactions
/// run one at a time across every instance — what SQLite's <c>BEGIN IMMEDIATE</c> gives on one file. The app's rules were
/// built on that: a save re-reads the period's state and its record's version inside its transaction and knows no
/// other writer can change them before it commits (period close racing a save, two editors of one line, an import's
/// all-or-nothing plan). Reads outside transactions, which are nearly all of the traffic, never wait. The lock is
/// released at commit or rollback. Writes here are a few planners' saves, so one at a time costs nothing measurable
/// (decision record 0019).
/// </summary>
public sealed class PostgresWriteLock : DbTransactionInterceptor
{
    public static readonly PostgresWriteLock Instance = new();

    /// <summary>The advisory lock key (an app-chosen constant).</summary>
    public const long Key = 0x5F1F_7A0D_0020;

    private static readonly string Sql = "SELECT pg_advisory_xact_lock(" + Key.ToString(CultureInfo.InvariantCulture) + ")";

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        if (connection is NpgsqlConnection)
        {
            using var command = connection.CreateCommand();
            command.Transaction = result;
            command.CommandText = Sql;
            command.ExecuteNonQuery();
        }

        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        if (connection is NpgsqlConnection)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = result;
            command.CommandText = Sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return result;
    }
}
