using System.Net;
using Fifty.Ops.Data;
using Fifty.Ops.Data.Seeding;
using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Tests.Infrastructure;
using Fifty.Ops.Tests.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fifty.Ops.Tests.Data;

/// <summary>
/// A database made by an earlier version (the hand-written migration history, with figures, users and audit entries)
/// upgrades in place to the latest migration with nothing lost.
/// </summary>
[Trait("Provider", "SqliteOnly")]
public sealed class MigrationUpgradeTests : IAsyncLifetime
{
    /// <summary>The last migration written by hand: what every database made before the generated migrations stands on.</summary>
    internal const string LastHandWritten = "20261122500000_DataEntryAndPeriodClose";

    internal static readonly string[] HandWritten =
    [
        "20261122000000_InitialSchema", "20261122200000_CampusUsageEntry", "20261122300000_IndicatorRelatedProjects",
        "20261122400000_AccountsAndAudit", LastHandWritten,
    ];

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"fifty-ops-upgrade-{Guid.NewGuid():N}.db");

    private string ConnectionString => $"Data Source={_path};Pooling=False";

    private FiftyOpsDbContext Context() => new(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite(ConnectionString).Options);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" }) File.Delete(file);
        return Task.CompletedTask;
    }

    [Fact]
    public void TheHandWrittenHistoryIsTheStartOfTheMigrationsAndGeneratedOnesFollowIt()
    {
        using var db = Context();
        var all = db.Database.GetMigrations().ToList();
        Assert.Equal(HandWritten, all.Take(HandWritten.Length));
        Assert.True(all.Count > HandWritten.Length, "no generated migration follows the hand-written history");
    }

    [Fact]
    public async Task AnOldDatabaseWithFiguresUsersAndAuditEntriesUpgradesWithNothingLost()
    {
        await using (var db = Context())
        {
            await db.GetService<IMigrator>().MigrateAsync(LastHandWritten);
            Assert.Equal(HandWritten, await db.Database.GetAppliedMigrationsAsync());
        }

        await CopySeedIntoOldSchemaAsync();

        await InsertOldAccountsAsync();
        await AppendAuditAsync(
            new AuditRecord(AuditKind.System, "SeedData", "seed-data", Detail: "초기 자료 적재"),
            new AuditRecord(AuditKind.SignIn, "User", "admin", Detail: "로그인"),
            new AuditRecord(AuditKind.DataChange, "IndicatorValue", "1", "ActualText", "10", "12", "수정"));

        var before = await DumpAsync();
        Assert.True(before["Users"].Count == 3 && before["UserRoles"].Count == 3 && before["AuditEntries"].Count == 3);
        Assert.True(before["IndicatorValues"].Count > 100 && before["BudgetLines"].Count > 100, "the seed did not load");

        await using (var db = Context())
        {
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }

        var after = await DumpAsync(before.Keys);
        Assert.NotEmpty(before);
        foreach (var (table, rows) in before) Assert.True(rows.SequenceEqual(after[table]), $"{table}: rows changed by the upgrade");

        await using (var db = Context())
        {
            var chain = await AuditChain.VerifyAsync(db);
            Assert.True(chain.IsIntact, chain.Message);
            Assert.Equal(3, chain.Count);
            // The append-only triggers of the hand-written history survive the upgrade.
            var update = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Detail" = 'x'"""));
            Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        }

        // The app on the upgraded file: the old accounts sign in with their old passwords through Identity's EF store,
        // the lockout and the disabled flag still hold, and new audit entries continue the old chain.
        var keys = Path.Combine(Path.GetTempPath(), $"fifty-ops-upgrade-keys-{Guid.NewGuid():N}");
        try
        {
            await using var app = AppFactory.On(_path, keys, ownsFiles: false);
            var admin = app.CreateAnonymousClient();
            var signIn = await AppFactory.SignInAsync(admin, "admin", OldPassword);
            Assert.Equal("/", signIn.Headers.Location?.OriginalString);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/admin/users", UriKind.Relative))).StatusCode);
            var locked = await AppFactory.SignInAsync(app.CreateAnonymousClient(), "kim.planner", OldPassword);
            Assert.Contains("error=locked", locked.Headers.Location!.OriginalString, StringComparison.Ordinal);
            var disabled = await AppFactory.SignInAsync(app.CreateAnonymousClient(), "lee", OldPassword);
            Assert.Contains("error=disabled", disabled.Headers.Location!.OriginalString, StringComparison.Ordinal);
            var wrong = await AppFactory.SignInAsync(app.CreateAnonymousClient(), "admin", "not-the-old-password");
            Assert.Contains("error=invalid", wrong.Headers.Location!.OriginalString, StringComparison.Ordinal);

            await using var db = Context();
            var users = (await db.Users.OrderBy(u => u.Id).ToListAsync())
                .Select(u => (u.UserName, u.DisplayName, u.SecurityStamp, u.IsDisabled, u.AccessFailedCount, u.LockoutEnd)).ToList();
            Assert.Equal(
                [
                    ("admin", "관리자", "STAMP-ADMIN", false, 1, null),
                    ("kim.planner", "김기획", "STAMP-PLANNER", false, 5, new DateTimeOffset(2099, 1, 1, 0, 15, 0, TimeSpan.Zero)),
                    ("lee", "이간부", "STAMP-DIRECTOR", true, 2, (DateTimeOffset?)null),
                ],
                users);
            Assert.Equal(
                ["1 admin", "2 planner", "3 director"],
                (await db.UserRoles.OrderBy(r => r.UserId).ToListAsync()).Select(r => $"{r.UserId} {Fifty.Ops.Infrastructure.Security.AppRoles.ById(r.RoleId)!.Name}"));
            var chain = await AuditChain.VerifyAsync(db);
            Assert.True(chain.IsIntact, chain.Message);
            Assert.True(chain.Count > 3, "the sign-ins after the upgrade were not recorded");
            Assert.Contains(await db.AuditEntries.Where(e => e.Id > 3).ToListAsync(), e => e is { Kind: AuditKind.SignIn, UserName: "admin" });
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(keys)) Directory.Delete(keys, recursive: true);
        }
    }

    /// <summary>A database left at any step of the old history reaches the schema the model describes.</summary>
    [Theory]
    [MemberData(nameof(OldSteps))]
    public async Task ADatabaseAtAnyOldMigrationUpgradesToTheSchemaOfTheModel(string step)
    {
        await using (var db = Context())
        {
            await db.GetService<IMigrator>().MigrateAsync(step);
            Assert.Equal(step, (await db.Database.GetAppliedMigrationsAsync()).Last());
            await db.Database.MigrateAsync();
        }

        Assert.Equal(await MigrationSchemaTests.SchemaOfModelAsync(), await MigrationSchemaTests.SchemaOfAsync(ConnectionString));
    }

    public static TheoryData<string> OldSteps() => new(HandWritten);

    internal const string OldPassword = "old-version-password-1";

    /// <summary>Accounts as the hand-written store wrote them: an admin, a planner locked out after five failures, a disabled director.</summary>
    private async Task InsertOldAccountsAsync()
    {
        var hash = new PasswordHasher<object>().HashPassword(new object(), OldPassword);
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            INSERT INTO "Users" ("Id", "UserName", "NormalizedUserName", "DisplayName", "PasswordHash", "SecurityStamp", "ConcurrencyStamp",
                "IsDisabled", "LockoutEnabled", "LockoutEnd", "AccessFailedCount", "IsDemo", "CreatedAt", "LastSignInAt") VALUES
              (1, 'admin', 'ADMIN', '관리자', $hash, 'STAMP-ADMIN', 'cc-admin', 0, 1, NULL, 0, 0, '2026-11-20 01:02:03+00:00', '2026-11-28 09:00:00+00:00'),
              (2, 'kim.planner', 'KIM.PLANNER', '김기획', $hash, 'STAMP-PLANNER', 'cc-planner', 0, 1, '2099-01-01 00:15:00+00:00', 5, 0, '2026-11-21 01:02:03+00:00', NULL),
              (3, 'lee', 'LEE', '이간부', $hash, 'STAMP-DIRECTOR', 'cc-director', 1, 1, NULL, 2, 1, '2026-11-22 01:02:03+00:00', NULL);
            INSERT INTO "UserRoles" ("UserId", "RoleId") VALUES (1, 1), (2, 2), (3, 3);
            """;
        cmd.Parameters.AddWithValue("$hash", hash);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task AppendAuditAsync(params AuditRecord[] records)
    {
        await using var db = Context();
        await using var tx = await db.Database.BeginTransactionAsync();
        await AuditChain.AppendAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), new AuditActor(1, "admin", "127.0.0.1"), records,
            new DateTime(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc), CancellationToken.None);
        await tx.CommitAsync();
    }

    /// <summary>Every row of every table (the columns it had at the first dump), as text.</summary>
    private async Task<Dictionary<string, List<string>>> DumpAsync(IEnumerable<string>? tables = null)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        var names = tables?.ToList() ?? await ListAsync(connection, """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EF%' ORDER BY name
            """);
        var dump = new Dictionary<string, List<string>>();
        foreach (var table in names)
        {
            // Only the columns the old schema had: a later migration may add columns, never take them away.
            var columns = tables is null
                ? await ListAsync(connection, $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid")
                : _columns[table];
            _columns[table] = columns;
            var select = string.Join(" || '|' || ", columns.Select(c => $"COALESCE(quote(\"{c}\"), 'NULL')"));
            // Sorted: a table rebuilt by a migration may hand its rows back in another physical order.
            var rows = await ListAsync(connection, $"SELECT {select} FROM \"{table}\"");
            rows.Sort(StringComparer.Ordinal);
            dump[table] = rows;
        }

        return dump;
    }

    private readonly Dictionary<string, List<string>> _columns = [];

    /// <summary>
    /// The seed as an old version held it: loaded by today's loader into a database of today's schema, then copied
    /// column by column into the old schema (today's loader writes columns the old schema lacks).
    /// </summary>
    private async Task CopySeedIntoOldSchemaAsync()
    {
        var seeded = Path.Combine(Path.GetTempPath(), $"fifty-ops-upgrade-seed-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = new FiftyOpsDbContext(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite($"Data Source={seeded};Pooling=False").Options))
            {
                await db.Database.MigrateAsync();
                await new SeedLoader(db, SeededDatabase.SeedRoot).LoadAsync();
            }

            await using var connection = new SqliteConnection(ConnectionString);
            await connection.OpenAsync();
            await using (var attach = connection.CreateCommand())
            {
                attach.CommandText = "PRAGMA foreign_keys = OFF; ATTACH DATABASE $path AS seeded;";
                attach.Parameters.AddWithValue("$path", seeded);
                await attach.ExecuteNonQueryAsync();
            }

            var tables = await ListAsync(connection, "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EF%' AND name <> 'Roles' ORDER BY name");
            foreach (var table in tables)
            {
                var columns = string.Join(", ", (await ListAsync(connection, $"SELECT name FROM main.pragma_table_info('{table}') ORDER BY cid")).Select(c => $"\"{c}\""));
                await using var copy = connection.CreateCommand();
                copy.CommandText = $"INSERT INTO main.\"{table}\" ({columns}) SELECT {columns} FROM seeded.\"{table}\"";
                await copy.ExecuteNonQueryAsync();
            }

            await using var detach = connection.CreateCommand();
            detach.CommandText = "DETACH DATABASE seeded;";
            await detach.ExecuteNonQueryAsync();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(seeded);
        }
    }

    private static async Task<List<string>> ListAsync(SqliteConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        var list = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add(reader.GetString(0));
        return list;
    }
}
