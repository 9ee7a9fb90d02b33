using Fifty.Ops.Data;
using Fifty.Ops.Data.Seeding;
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

    public TestDbContextFactory Factory => new(this);

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
