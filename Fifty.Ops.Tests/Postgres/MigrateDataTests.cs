using Fifty.Ops.CommandLine;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.Postgres;

/// <summary><c>migrate-data</c>: a SQLite database moved into an empty PostgreSQL one, users and audit chain included.</summary>
public sealed class MigrateDataTests : IAsyncLifetime
{
    private readonly SeededDatabase _source = SeededDatabase.OnSqlite();
    private string? _target;

    public async Task InitializeAsync()
    {
        await _source.InitializeAsync();
        await OpenQ4Async(_source);
        Assert.True((await BudgetEntry(_source).SaveAsync(Planner, 2023, 4, new BudgetEntryForm { Code = "P1.1.1", Disbursed = "12,345", Token = "0" })).Saved);
        await TestAccounts.EnsureAsync(_source.ConnectionString, Fifty.Ops.Infrastructure.Security.AppRoles.Planner);
        var log = new AuditLog(_source.AuditedFactory(new ActorAccessor(), TimeProvider.System), new ActorAccessor(), TimeProvider.System);
        for (var i = 0; i < 3; i++)
            await log.RecordAsync(new AuditActor(1, "planner", "127.0.0.1"), new AuditRecord(AuditKind.SignIn, "User", "planner", Detail: $"로그인 {i}"));
    }

    public async Task DisposeAsync()
    {
        if (_target is not null) TestProvider.DropDatabase(_target);
        await _source.DisposeAsync();
    }

    [PostgresFact]
    public async Task ASqliteDatabaseIsCopiedWithItsUsersAndAuditChainAndASecondCopyIsRefused()
    {
        _target = PostgresFactAttribute.NewDatabase();
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await DataMigrationCommand.RunAsync(["migrate-data", "--from", _source.ConnectionString, "--to", _target], output, error);
        Assert.True(code == CommandDispatcher.Ok, output + "\n" + error);
        Assert.Contains("검증 완료", output.ToString(), StringComparison.Ordinal);

        await using var source = _source.CreateContext();
        await using var target = TestProvider.Context(_target);
        Assert.IsType<PostgresFiftyOpsDbContext>(target);
        Assert.Equal(await source.Users.Select(u => u.UserName + u.PasswordHash).OrderBy(x => x).ToListAsync(),
            await target.Users.Select(u => u.UserName + u.PasswordHash).OrderBy(x => x).ToListAsync());
        Assert.Equal(await source.BudgetLines.IgnoreQueryFilters().SumAsync(l => l.Disbursed ?? 0), await target.BudgetLines.IgnoreQueryFilters().SumAsync(l => l.Disbursed ?? 0));
        Assert.Equal(await source.ProgrammeNodes.IgnoreQueryFilters().CountAsync(), await target.ProgrammeNodes.IgnoreQueryFilters().CountAsync());
        var chain = await AuditChain.VerifyAsync(target);
        Assert.True(chain.IsIntact, chain.Message);
        Assert.Equal((await AuditChain.VerifyAsync(source)).HeadHash, chain.HeadHash);
        Assert.True(chain.Count >= 3, chain.Message);

        // The copied database is the app's: new rows get fresh keys (sequences moved past the copied ones) and the
        // chain goes on from the copied head.
        var log = new AuditLog(AppDbContexts.Services(_target).GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>(), new ActorAccessor(), TimeProvider.System);
        await log.RecordAsync(AuditActor.System, new AuditRecord(AuditKind.System, Detail: "이전 뒤 첫 기록"));
        target.Users.Add(new AppUser { UserName = "newcomer", NormalizedUserName = "NEWCOMER", DisplayName = "새 사람", SecurityStamp = "s", CreatedAt = DateTimeOffset.UtcNow });
        target.AuditChanges = false;
        await target.SaveChangesAsync();
        Assert.True((await AuditChain.VerifyAsync(target)).IsIntact);

        var again = new StringWriter();
        Assert.Equal(CommandDispatcher.Refused, await DataMigrationCommand.RunAsync(["migrate-data", "--from", _source.ConnectionString, "--to", _target], new StringWriter(), again));
        Assert.Contains("비어 있지 않습니다", again.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingOrMalformedTargetIsRefusedInKorean()
    {
        var error = new StringWriter();
        Assert.Equal(CommandDispatcher.Refused, await DataMigrationCommand.RunAsync(["migrate-data"], new StringWriter(), error));
        Assert.Contains("--to", error.ToString(), StringComparison.Ordinal);
        error = new StringWriter();
        Assert.Equal(CommandDispatcher.Refused, await DataMigrationCommand.RunAsync(["migrate-data", "--to", "Host=127.0.0.1"], new StringWriter(), error));
        Assert.Contains("Database", error.ToString(), StringComparison.Ordinal);
    }
}
