using Fifty.Ops.Data;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Infrastructure.Durability;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.Postgres;

/// <summary>Backups on PostgreSQL: pg_dump in custom format, listed and checked, and a dump restores to the same figures.</summary>
public sealed class PostgresBackupTests : IAsyncLifetime
{
    private SeededDatabase? _db;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"fifty-ops-pgdump-{Guid.NewGuid():N}");
    private string? _restored;

    public async Task InitializeAsync()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("FIFTYOPS_TEST_POSTGRES"))) return;
        _db = SeededDatabase.OnPostgres();
        await _db.InitializeAsync();
        await OpenQ4Async(_db);
        Assert.True((await BudgetEntry(_db).SaveAsync(Planner, 2023, 4, new BudgetEntryForm { Code = "P1.1.1", Disbursed = "12,345", Token = "0" })).Saved);
    }

    public async Task DisposeAsync()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        if (_restored is not null) TestProvider.DropDatabase(_restored);
        if (_db is not null) await _db.DisposeAsync();
    }

    [PostgresFact]
    public async Task ADumpRestoredIntoANewDatabaseHasTheSameFiguresAndAnIntactAuditChain()
    {
        var service = new BackupService(new DatabaseLocation(_db!.ConnectionString, null, DatabaseProvider.Postgres),
            Options.Create(new BackupOptions { Folder = _folder, Keep = 2 }), TimeProvider.System, NullLogger<BackupService>.Instance, Guard(_db.Factory));
        var result = await service.CreateAsync(Administrator);
        Assert.True(result.Succeeded, result.Error);
        Assert.EndsWith("-manual.dump", result.File!.Name, StringComparison.Ordinal);
        Assert.Equal("ok", result.File.IntegrityCheck);
        Assert.Equal(result.File.Name, Assert.Single(service.List()).Name);
        Assert.True(service.GetOverview().Available);

        _restored = PostgresFactAttribute.NewDatabase();
        Assert.Null(await PostgresDump.RestoreAsync(_restored, Path.Combine(_folder, result.File.Name), null, CancellationToken.None));

        await using var original = _db.CreateContext();
        await using var restored = TestProvider.Context(_restored);
        Assert.Equal(await Totals(original), await Totals(restored));
        Assert.Contains(12345m, await restored.BudgetLines.Where(l => l.Section == Domain.BudgetSection.Entry).Select(l => l.Disbursed).ToListAsync());
        var chain = await Fifty.Ops.Infrastructure.Auditing.AuditChain.VerifyAsync(restored);
        Assert.True(chain.IsIntact, chain.Message);
        Assert.Equal((await Fifty.Ops.Infrastructure.Auditing.AuditChain.VerifyAsync(original)).HeadHash, chain.HeadHash);
        // The restored database is the app's as it was: no migration is missing.
        Assert.Empty(await restored.Database.GetPendingMigrationsAsync());
    }

    [PostgresFact]
    public async Task ABackupThatCannotBeTakenIsNotListedAndSaysWhy()
    {
        var service = new BackupService(new DatabaseLocation(_db!.ConnectionString, null, DatabaseProvider.Postgres),
            Options.Create(new BackupOptions { Folder = _folder, PgBinFolder = "/nonexistent" }), TimeProvider.System, NullLogger<BackupService>.Instance, Guard(_db.Factory));
        var result = await service.CreateScheduledAsync();
        Assert.False(result.Succeeded);
        Assert.Contains("백업하지 못했습니다", result.Error, StringComparison.Ordinal);
        Assert.Empty(service.List());
    }

    private static async Task<string> Totals(FiftyOpsDbContext db)
    {
        var lines = await db.BudgetLines.IgnoreQueryFilters().CountAsync();
        var disbursed = await db.BudgetLines.IgnoreQueryFilters().SumAsync(l => l.Disbursed ?? 0);
        var committed = await db.BudgetLines.IgnoreQueryFilters().SumAsync(l => l.Committed ?? 0);
        var values = await db.IndicatorValues.CountAsync();
        var users = await db.Users.CountAsync();
        var audit = await db.AuditEntries.CountAsync();
        return $"{lines}/{disbursed}/{committed}/{values}/{users}/{audit}";
    }
}
