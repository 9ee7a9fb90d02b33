using Fifty.Ops.Domain;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Durability;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Fifty.Ops.Tests.Infrastructure;

/// <summary>The services under test get their contexts exactly as the app makes them, traps included.</summary>
public sealed class SeededDatabaseTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    [Fact]
    public async Task ServicesGetTheAppsFactoryWithItsTrackingDefaultAndInterceptors()
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Equal(QueryTrackingBehavior.NoTracking, db.ChangeTracker.QueryTrackingBehavior);
        var interceptors = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.Interceptors!.ToList();
        Assert.Contains(interceptors, i => i is AuditSaveChangesInterceptor);
        Assert.Contains(interceptors, i => i is Fifty.Ops.Infrastructure.Caching.ReferenceCacheInvalidator);
        Assert.Contains(interceptors, i => i is SqliteDurabilityInterceptor || i is PostgresWriteLock);
        Assert.NotEmpty(await db.Projects.ToListAsync()); // a seeded copy, not an empty file
    }

    [Fact]
    public async Task AWriteThatForgetsAsTrackingSavesNothingHereAsInProduction()
    {
        int id;
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            var project = await db.Projects.Where(p => p.Year == 2023).OrderBy(p => p.Id).FirstAsync();
            id = project.Id;
            project.Title += " (추적 없음)";
            Assert.Equal(0, await db.SaveChangesAsync());
        }

        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            var project = await db.Projects.AsTracking().SingleAsync(p => p.Id == id);
            project.Title += " (추적)";
            Assert.Equal(1, await db.SaveChangesAsync());
        }

        await using var check = database.CreateContext();
        var title = await check.Projects.Where(p => p.Id == id).Select(p => p.Title).SingleAsync();
        Assert.DoesNotContain("(추적 없음)", title, StringComparison.Ordinal);
        Assert.EndsWith(" (추적)", title, StringComparison.Ordinal);
        // The tracked save went to the audit trail, as every change made through the app does.
        Assert.Contains(await check.AuditEntries.Where(e => e.Kind == AuditKind.DataChange).Select(e => e.NewValue).ToListAsync(),
            v => v != null && v.Contains("(추적)", StringComparison.Ordinal));
    }
}
