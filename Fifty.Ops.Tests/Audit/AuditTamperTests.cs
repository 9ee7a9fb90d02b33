using System.Security.Claims;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Tests.Audit;

/// <summary>Tampering with the stored trail, as someone with the database file could (the triggers dropped first).</summary>
public sealed class AuditTamperTests : IAsyncLifetime
{
    private readonly SeededDatabase _database = new();
    private readonly ActorAccessor _actors = new();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var log = new AuditLog(_database.AuditedFactory(_actors, TimeProvider.System), _actors, TimeProvider.System);
        for (var i = 1; i <= 5; i++)
        {
            await log.RecordAsync(new AuditActor(i, $"user{i}", "127.0.0.1"), new AuditRecord(AuditKind.SignIn, "User", $"user{i}", Detail: "로그인"));
        }

        await using var db = _database.CreateContext();
        await db.Database.ExecuteSqlRawAsync(TestProvider.DropAuditTriggers(_database.ConnectionString));
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task AnIntactTrailVerifies()
    {
        var status = await VerifyAsync();
        Assert.True(status.IsIntact);
        Assert.Equal(5, status.Count);
        Assert.Equal("정상: 기록 5건의 해시 체인이 끊김 없이 이어집니다.", status.Message);
    }

    [Fact]
    public async Task AnEditedRowIsFound()
    {
        await ExecAsync("""UPDATE "AuditEntries" SET "UserName" = 'someone-else' WHERE "Id" = 3""");
        var status = await VerifyAsync();
        Assert.False(status.IsIntact);
        Assert.Equal(3, status.BrokenAtId);
        Assert.Equal("변조 의심: 3번 기록의 내용이 해시와 맞지 않습니다: 기록된 뒤에 바뀌었습니다.", status.Message);
    }

    [Fact]
    public async Task AnEditedRowWithARecomputedHashIsFoundAtTheNextRow()
    {
        await using (var db = _database.CreateContext())
        {
            var row = await db.AuditEntries.SingleAsync(e => e.Id == 2);
            row.Detail = "로그아웃";
            var forged = AuditChain.ComputeHash(row.PreviousHash, row);
            await db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "AuditEntries" SET "Detail" = {row.Detail}, "Hash" = {forged} WHERE "Id" = 2""");
        }

        var status = await VerifyAsync();
        Assert.Equal(3, status.BrokenAtId);
        Assert.Contains("이전 해시가 앞 기록과 맞지 않습니다", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeletedRowIsFound()
    {
        await ExecAsync("""DELETE FROM "AuditEntries" WHERE "Id" = 4""");
        var status = await VerifyAsync();
        Assert.Equal(5, status.BrokenAtId);
        Assert.Equal("변조 의심: 4번 기록이 없습니다: 5번 앞에서 기록이 삭제되었습니다.", status.Message);
    }

    [Fact]
    public async Task AnInsertedRowIsFound()
    {
        await ExecAsync("""UPDATE "AuditEntries" SET "Id" = "Id" + 1000 WHERE "Id" >= 3""");
        await ExecAsync("""UPDATE "AuditEntries" SET "Id" = "Id" - 999 WHERE "Id" >= 1000""");
        await ExecAsync("""
            INSERT INTO "AuditEntries" ("Id", "OccurredUtc", "Kind", "UserName", "PreviousHash", "Hash")
            SELECT 3, "OccurredUtc", 'SignIn', 'intruder', "Hash", "Hash" FROM "AuditEntries" WHERE "Id" = 2
            """);
        var status = await VerifyAsync();
        Assert.False(status.IsIntact);
        Assert.Equal(3, status.BrokenAtId);
    }

    private async Task ExecAsync(string sql)
    {
        await using var db = _database.CreateContext();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private async Task<ChainStatus> VerifyAsync()
    {
        await using var db = _database.CreateContext();
        return await AuditChain.VerifyAsync(db);
    }
}
