using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Infrastructure.Durability;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.Durability;

[Trait("Provider", "SqliteOnly")]
public sealed class BackupTests : IAsyncLifetime
{
    private readonly SeededDatabase _db = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"fifty-ops-backups-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        // As the app runs it: WAL on the file, so the backup copies a live WAL database.
        await using var connection = new SqliteConnection(_db.ConnectionString);
        await connection.OpenAsync();
        SqliteDurabilityInterceptor.Apply(connection, 5000);
        await OpenQ4Async(_db);
        Assert.True((await BudgetEntry(_db).SaveAsync(Planner, 2023, 4, new BudgetEntryForm { Code = "P1.1.1", Disbursed = "12,345", Token = "0" })).Saved);
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        return _db.DisposeAsync();
    }

    private BackupService Service(int keep = 14) =>
        new(DatabaseLocation.From(_db.ConnectionString), Options.Create(new BackupOptions { Folder = _folder, Keep = keep }), TimeProvider.System, NullLogger<BackupService>.Instance, Guard(_db.Factory));

    [Fact]
    public async Task ABackupTakenWhileAWriteIsOpenRestoresToASoundDatabaseWithTheSameFigures()
    {
        var before = await EntryFixtures.ChecksumAsync(_db.ConnectionString);

        // A planner's transaction is under way (uncommitted) while the backup runs: the backup neither waits for it nor sees it.
        await using var writer = new SqliteConnection(_db.ConnectionString);
        await writer.OpenAsync();
        await using var tx = await writer.BeginTransactionAsync();
        await using (var command = writer.CreateCommand())
        {
            command.CommandText = "UPDATE BudgetLines SET Disbursed = 1 WHERE Section = 'Entry'";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var result = await Service().CreateAsync(Administrator);
        Assert.True(result.Succeeded, result.Error);
        await tx.RollbackAsync();
        var backup = result.File!;
        Assert.Equal(("ok", BackupKind.Manual, "박관리"), (backup.IntegrityCheck, backup.Kind, backup.CreatedBy));

        // Restore as README says: copy the file into place of a (stopped) database, then open it.
        var restored = Path.Combine(_folder, "restored.db");
        File.Copy(Path.Combine(_folder, backup.Name), restored);
        Assert.Equal("ok", BackupService.IntegrityCheck(restored));
        var restoredConnection = $"Data Source={restored};Pooling=False";
        Assert.Equal(before, await EntryFixtures.ChecksumAsync(restoredConnection));

        // And the app reads the same figures from it.
        var copy = new RestoredDatabase(restoredConnection);
        var budget = new BudgetQueryService(copy, new PeriodService(copy), Options.Create(new PaceOptions()));
        Assert.Equal(38649012m, (await budget.GetOverviewAsync(2023, 3)).Total!.CurrentBudget);
        Assert.Equal(12345m, (await budget.GetOverviewAsync(2023, 4)).Execution.Single(r => r.Code == "P1.1.1").Disbursed);
        await using var check = new SqliteConnection(restoredConnection);
        await check.OpenAsync();
        await using var mode = check.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("delete", (string?)await mode.ExecuteScalarAsync()); // one self-contained file
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task OnlyTheLatestBackupsOfEachKindAreKept()
    {
        var service = Service(keep: 2);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await service.CreateAsync(Administrator)).Succeeded);
            await Task.Delay(5);
        }

        Assert.True((await service.CreateScheduledAsync()).Succeeded);
        var files = service.List();
        Assert.Equal(2, files.Count(f => f.Kind == BackupKind.Manual));
        Assert.Single(files, f => f.Kind == BackupKind.Scheduled);
        Assert.Equal(3, Directory.GetFiles(_folder, "*.db").Length);
        Assert.NotNull(service.Find(files[0].Name));
        Assert.Null(service.Find("../" + files[0].Name));
        Assert.Null(service.Find("restored.db"));
    }

    [Fact]
    public void InvalidScheduleSettingsAreRefusedInKorean()
    {
        var result = new BackupOptionsValidator().Validate(null, new BackupOptions { IntervalHours = 0, Keep = 0 });
        Assert.True(result.Failed);
        Assert.Contains("Backup:IntervalHours", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Backup:Keep", result.FailureMessage, StringComparison.Ordinal);
    }

    private sealed class RestoredDatabase(string connectionString) : Microsoft.EntityFrameworkCore.IDbContextFactory<Fifty.Ops.Data.FiftyOpsDbContext>
    {
        public Fifty.Ops.Data.FiftyOpsDbContext CreateDbContext() =>
            new(new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Fifty.Ops.Data.FiftyOpsDbContext>()
                .UseSqlite(connectionString).UseQueryTrackingBehavior(Microsoft.EntityFrameworkCore.QueryTrackingBehavior.NoTracking).Options);
    }
}
