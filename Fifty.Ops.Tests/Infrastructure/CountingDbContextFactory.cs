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
    private IDbContextFactory<FiftyOpsDbContext>? _app;

    public int Commands => _counter.Count;

    public void Reset() => _counter.Count = 0;

    /// <summary>A context of the app's factory (<see cref="SeededDatabase.Factory"/>) that also counts its commands.</summary>
    public FiftyOpsDbContext CreateDbContext() => (_app ??= database.FactoryWith(_counter)).CreateDbContext();

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
