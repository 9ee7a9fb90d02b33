using Fifty.Ops.Data.Seeding;
using Fifty.Ops.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Data;

/// <summary>Applies migrations and seeds an empty database. Safe to run at every start: a seeded database is left alone.</summary>
public sealed partial class DatabaseInitializer(IDbContextFactory<FiftyOpsDbContext> factory, SeedOptions seed, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (await db.ReportingPeriods.AnyAsync(ct))
        {
            LogAlreadySeeded(logger);
            return;
        }

        LogSeeding(logger, seed.Path);
        await new SeedLoader(db, seed.Path).LoadAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database already seeded; nothing to load.")]
    private static partial void LogAlreadySeeded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeding an empty database from {SeedPath}")]
    private static partial void LogSeeding(ILogger logger, string seedPath);
}
