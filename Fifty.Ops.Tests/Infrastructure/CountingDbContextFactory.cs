using System.Data.Common;
using Fifty.Ops.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fifty.Ops.Tests.Infrastructure;

/// <summary>
/// Contexts on a seeded database that count the SQL commands they run, so a test can hold a page's service to a query
/// budget (the benchmark reports the same count per page; this keeps it from creeping back up).
/// </summary>
public sealed class CountingDbContextFactory(SeededDatabase database) : IDbContextFactory<FiftyOpsDbContext>
{
    private readonly Counter _counter = new();

    public int Commands => _counter.Count;

    public void Reset() => _counter.Count = 0;

    public FiftyOpsDbContext CreateDbContext() =>
        TestProvider.Context(database.ConnectionString, _counter);

    private sealed class Counter : DbCommandInterceptor
    {
        private int _count;

        public int Count { get => Volatile.Read(ref _count); set => Volatile.Write(ref _count, value); }

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }
    }
}
