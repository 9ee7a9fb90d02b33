using Fifty.Ops.Data.Seeding;
using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure;
using Fifty.Ops.Infrastructure.Auditing;
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
        // The source figures arrive as one recorded event, not as thousands of per-field changes.
        db.AuditChanges = false;
        await new SeedLoader(db, seed.Path).LoadAsync(ct);
        db.AuditChanges = true;
        db.Actor = AuditActor.System;
        db.AddAuditNote(new AuditRecord(AuditKind.System, "SeedData", Path.GetFileName(seed.Path), Detail: $"초기 자료 적재: {seed.Path}"));
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database already seeded; nothing to load.")]
    private static partial void LogAlreadySeeded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeding an empty database from {SeedPath}")]
    private static partial void LogSeeding(ILogger logger, string seedPath);
}
