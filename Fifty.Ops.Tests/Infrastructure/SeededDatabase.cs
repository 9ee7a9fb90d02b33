using Fifty.Ops.Data;
using Fifty.Ops.Data.Seeding;
using Fifty.Ops.Infrastructure.Auditing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Tests.Infrastructure;

/// <summary>
/// A real database, migrated and seeded from the repository's seed-data, shared by a test class: a SQLite file, or a
/// PostgreSQL database of its own when the suite runs on PostgreSQL (<see cref="TestProvider"/>).
/// </summary>
public sealed class SeededDatabase : IAsyncLifetime
{
    public SeededDatabase()
    {
        ConnectionString = TestProvider.NewDatabase(Path);
    }

    private SeededDatabase(string connectionString)
    {
        ConnectionString = connectionString;
    }

    /// <summary>A SQLite file whatever the run's provider (e.g. the source of migrate-data).</summary>
    public static SeededDatabase OnSqlite()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fifty-ops-test-{Guid.NewGuid():N}.db");
        return new SeededDatabase($"Data Source={path};Pooling=False");
    }

    /// <summary>A PostgreSQL database of its own on the test server whatever the run's provider.</summary>
    public static SeededDatabase OnPostgres() => new(Postgres.PostgresFactAttribute.NewDatabase());

    /// <summary>The SQLite file (unused on PostgreSQL).</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fifty-ops-test-{Guid.NewGuid():N}.db");

    public string ConnectionString { get; }

    public static string SeedRoot => System.IO.Path.Combine(AppContext.BaseDirectory, "seed-data");

    public FiftyOpsDbContext CreateContext() => TestProvider.Context(ConnectionString);

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
        TestProvider.DropDatabase(ConnectionString);
        return Task.CompletedTask;
    }
}

public sealed class TestDbContextFactory(SeededDatabase database) : IDbContextFactory<FiftyOpsDbContext>
{
    public FiftyOpsDbContext CreateDbContext() => database.CreateContext();
}

public sealed class AuditedDbContextFactory(string connectionString, AuditSaveChangesInterceptor interceptor) : IDbContextFactory<FiftyOpsDbContext>
{
    public FiftyOpsDbContext CreateDbContext()
    {
        var db = TestProvider.Context(connectionString, interceptor);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return db;
    }
}
