using Fifty.Ops.Data.Seeding;
using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure;
using Fifty.Ops.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Data;

/// <summary>Applies migrations and seeds an empty database. Safe to run at every start: a seeded database is left alone.</summary>
public sealed partial class DatabaseInitializer(IDbContextFactory<FiftyOpsDbContext> factory, SeedOptions seed, TimeProvider clock, ILogger<DatabaseInitializer> logger)
{
    /// <summary>Applies pending migrations, loads <c>seed-data/</c> when the database has no reporting period yet (one audit note, not per-field changes), and adds the demo rows with <c>Seed:Demo</c> when none are there.</summary>
    /// <exception cref="Seeding.SeedDataException">A seed file is missing or breaks its format; nothing of the seed is kept.</exception>
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
            // The source figures arrive as one recorded event, not as thousands of per-field changes.
            db.AuditChanges = false;
            await new SeedLoader(db, seed.Path).LoadAsync(ct);
            db.AuditChanges = true;
            db.Actor = AuditActor.System;
            db.AddAuditNote(new AuditRecord(AuditKind.System, "SeedData", Path.GetFileName(seed.Path), Detail: $"초기 자료 적재: {seed.Path}"));
            await db.SaveChangesAsync(ct);
        }

        // Demo rows are added whenever the setting is on (also to a database seeded without them); with the setting
        // off they stay in the file and, if a database already holds some, every view leaves them out.
        if (seed.Demo)
        {
            db.AuditChanges = false;
            var added = await new DemoUsageLoader(db, seed.Path, clock).LoadAsync(ct);
            db.AuditChanges = true;
            if (added > 0)
            {
                db.Actor = AuditActor.System;
                db.AddAuditNote(new AuditRecord(AuditKind.System, "DemoData", DemoUsageLoader.RelativePath, Detail: $"예시 데이터 {added}행 적재 (Seed:Demo)"));
                await db.SaveChangesAsync(ct);
            }

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
