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
        }
        else
        {
            LogSeeding(logger, seed.Path);
            await new SeedLoader(db, seed.Path).LoadAsync(ct);
        }

        // Demo rows are added whenever the setting is on (also to a database seeded without them); with the setting
        // off they stay in the file and, if a database already holds some, every view leaves them out.
        if (seed.Demo)
        {
            var added = await new DemoUsageLoader(db, seed.Path).LoadAsync(ct);
            LogDemoLoaded(logger, added);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seed:Demo is on: {Count} generated demo usage rows (예시 데이터) added; views mark them")]
    private static partial void LogDemoLoaded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database already seeded; nothing to load.")]
    private static partial void LogAlreadySeeded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeding an empty database from {SeedPath}")]
    private static partial void LogSeeding(ILogger logger, string seedPath);
}
