using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.Admin;

public sealed class PeriodCloseTests : IAsyncLifetime
{
    private readonly SeededDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await OpenQ4Async(_db);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private async Task<PeriodAdminRow> Q4Async() => (await PeriodAdmin(_db).GetAsync()).Periods.Single(p => p.Year == 2023 && p.Quarter == 4);

    private static BudgetEntryForm Disbursed(string amount) => new() { Code = "P1.1.1", Disbursed = amount, Token = "0" };

    [Fact]
    public async Task ClosingAndReopeningRecordWhoWhenAndWhyAndReopeningNeedsAReason()
    {
        var admin = PeriodAdmin(_db);
        var opened = await Q4Async();
        Assert.False(opened.IsClosed);
        Assert.True((await admin.CloseAsync(Administrator, 2023, 4, opened.Version)).Saved);

        var closed = await Q4Async();
        Assert.True(closed.IsClosed);
        Assert.Equal("박관리", closed.ClosedBy);
        Assert.NotNull(closed.ClosedAt);

        Assert.Equal("마감 해제 사유를 입력하세요.", (await admin.ReopenAsync(Administrator, 2023, 4, "  ", closed.Version)).Errors["Reason"]);
        Assert.True((await admin.ReopenAsync(Administrator, 2023, 4, "12월 지출 누락분 반영", closed.Version)).Saved);

        var reopened = await Q4Async();
        Assert.False(reopened.IsClosed);
        Assert.Equal("12월 지출 누락분 반영", reopened.ReopenReason);
        Assert.Equal([PeriodAction.Reopen, PeriodAction.Close, PeriodAction.Open], reopened.History.Select(h => h.Action));
        Assert.Equal("12월 지출 누락분 반영", reopened.History[0].Reason);
    }

    [Fact]
    public async Task AStaleCloseOrReopenIsRefusedWithWhatHappened()
    {
        var admin = PeriodAdmin(_db);
        var opened = await Q4Async();
        Assert.True((await admin.CloseAsync(Administrator, 2023, 4, opened.Version)).Saved);
        var second = await admin.CloseAsync(User("최관리", AppRoles.Admin), 2023, 4, opened.Version);
        Assert.False(second.Saved);
        Assert.Contains("박관리", second.Errors[WriteResult.General], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosingALaterQuarterLocksTheEarlierOnesOfTheYear()
    {
        var admin = PeriodAdmin(_db);
        // 2023 Q3 is seeded closed: opening Q2 of the same year would give a period nobody can write to.
        var result = await admin.OpenAsync(Administrator, new PeriodOpenForm { Year = "2023", Quarter = "2" });
        Assert.Contains("3분기가 마감되어", result.Errors[WriteResult.General], StringComparison.Ordinal);
        Assert.Equal("회계연도는 2000~2100 사이의 연도여야 합니다.", (await admin.OpenAsync(Administrator, new PeriodOpenForm { Year = "23", Quarter = "1" })).Errors[nameof(PeriodOpenForm.Year)]);
        Assert.Contains("4분기 안의 날짜", (await admin.OpenAsync(Administrator, new PeriodOpenForm { Year = "2024", Quarter = "4", AsOf = "2024-06-30" })).Errors[nameof(PeriodOpenForm.AsOf)], StringComparison.Ordinal);
        // A date in the right format that does not exist is told so, not given the format it already follows.
        Assert.Equal("기준일: 2025-02-29는 없는 날짜입니다 (2025년 2월은 28일까지 있습니다).",
            (await admin.OpenAsync(Administrator, new PeriodOpenForm { Year = "2025", Quarter = "1", AsOf = "2025-02-29" })).Errors[nameof(PeriodOpenForm.AsOf)]);
    }

    /// <summary>
    /// A close holds the write lock (its UPDATE done, not yet committed) while a planner presses save: the save waits on
    /// SQLite's lock, and once the close commits it reads the period inside its own transaction, sees it closed, and
    /// writes nothing. Two real connections, no mocks.
    /// </summary>
    [Fact]
    public async Task ASaveRacingTheCloseLosesAndWritesNothing()
    {
        var gate = new PauseAfterSave();
        var closing = new PeriodAdminService(new PausingFactory(_db, gate), TimeProvider.System, Guard(_db.Factory));
        var version = (await Q4Async()).Version;

        var close = Task.Run(() => closing.CloseAsync(Administrator, 2023, 4, version));
        await gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the close has written and holds the lock

        var save = Task.Run(() => BudgetEntry(_db).SaveAsync(Planner, 2023, 4, Disbursed("10,000")));
        await Task.Delay(700);
        Assert.False(save.IsCompleted); // waiting for the close's transaction

        gate.Release.SetResult();
        Assert.True((await close).Saved);
        var result = await save.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(result.Saved);
        Assert.Equal("2023년 4분기는 마감되어 입력할 수 없습니다 (2023. 12. 31. 기준 보고).", result.Errors[WriteResult.General]);
        await using var db = _db.CreateContext();
        Assert.False(await db.BudgetLines.AnyAsync(l => l.Section == BudgetSection.Entry));
    }

    /// <summary>The other order: a save already writing finishes first; the close waits for it, then closes.</summary>
    [Fact]
    public async Task ACloseRacingASaveInProgressWaitsForItThenCloses()
    {
        var gate = new PauseAfterSave();
        var saving = new BudgetEntryService(new PausingFactory(_db, gate), TimeProvider.System, Guard(_db.Factory));
        var version = (await Q4Async()).Version;

        var save = Task.Run(() => saving.SaveAsync(Planner, 2023, 4, Disbursed("10,000")));
        await gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var close = Task.Run(() => PeriodAdmin(_db).CloseAsync(Administrator, 2023, 4, version));
        await Task.Delay(700);
        Assert.False(close.IsCompleted);

        gate.Release.SetResult();
        Assert.True((await save).Saved);
        Assert.True((await close.WaitAsync(TimeSpan.FromSeconds(30))).Saved);
        await using var db = _db.CreateContext();
        Assert.Equal(10000m, (await db.BudgetLines.SingleAsync(l => l.Section == BudgetSection.Entry)).Disbursed);
        Assert.False((await BudgetEntry(_db).SaveAsync(Planner, 2023, 4, new BudgetEntryForm { Code = "P1.1.1", Disbursed = "20,000", Token = "1" })).Saved);
    }

    /// <summary>Holds a context's transaction open right after its SaveChanges, until the test releases it.</summary>
    private sealed class PauseAfterSave : SaveChangesInterceptor
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context!.Database.CurrentTransaction is not null && !Reached.Task.IsCompleted)
            {
                Reached.SetResult();
                await Release.Task;
            }

            return result;
        }
    }

    private sealed class PausingFactory(SeededDatabase database, PauseAfterSave gate) : IDbContextFactory<FiftyOpsDbContext>
    {
        private readonly IDbContextFactory<FiftyOpsDbContext> _app = database.FactoryWith(gate);

        public FiftyOpsDbContext CreateDbContext() => _app.CreateDbContext();
    }
}
