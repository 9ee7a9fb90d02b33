using Fifty.Ops.Data;
using Fifty.Ops.Data.Seeding;
using Fifty.Ops.Infrastructure.Auditing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Tests.Infrastructure;

/// <summary>A real SQLite file, migrated and seeded from the repository's seed-data, shared by a test class.</summary>
public sealed class SeededDatabase : IAsyncLifetime
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fifty-ops-test-{Guid.NewGuid():N}.db");

    public string ConnectionString => $"Data Source={Path};Pooling=False";

    public static string SeedRoot => System.IO.Path.Combine(AppContext.BaseDirectory, "seed-data");

    public FiftyOpsDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite(ConnectionString).Options);

    /// <summary>Contexts without the audit interceptor (reads, and writes whose audit is not the point).</summary>
    public TestDbContextFactory Factory => new(this);

    /// <summary>Contexts as the app makes them: tracked changes go to the audit trail.</summary>
    public IDbContextFactory<FiftyOpsDbContext> AuditedFactory(ActorAccessor actors, TimeProvider clock) =>
        new AuditedDbContextFactory(ConnectionString, new AuditSaveChangesInterceptor(actors, clock));

    public async Task InitializeAsync()
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
        await new SeedLoader(db, SeedRoot).LoadAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(Path);
        return Task.CompletedTask;
    }
}

public sealed class TestDbContextFactory(SeededDatabase database) : IDbContextFactory<FiftyOpsDbContext>
{
    public FiftyOpsDbContext CreateDbContext() => database.CreateContext();
}

public sealed class AuditedDbContextFactory(string connectionString, AuditSaveChangesInterceptor interceptor) : IDbContextFactory<FiftyOpsDbContext>
{
    public FiftyOpsDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite(connectionString).UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .AddInterceptors(interceptor).Options);
}
