using Fifty.Ops.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Tests.Data;

[Trait("Provider", "SqliteOnly")]
public sealed class MigrationSchemaTests
{
    /// <summary>
    /// The migrations (the hand-written history, then generated ones) build exactly the schema the EF model describes:
    /// same tables, columns, types, nullability, keys and indexes.
    /// </summary>
    [Fact]
    public async Task TheMigrationsCreateTheSchemaOfTheModel()
    {
        var migrated = await SchemaOf(db => db.Database.MigrateAsync());
        Assert.Equal(await SchemaOfModelAsync(), migrated);
    }

    /// <summary>The triggers are the one thing the model cannot describe; the comparison above leaves them out.</summary>
    [Fact]
    public async Task MigrationsMakeTheAuditTableRefuseUpdatesAndDeletes()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new FiftyOpsDbContext(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite(connection).Options);
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "AuditEntries" ("Id", "OccurredUtc", "Kind", "PreviousHash", "Hash") VALUES (1, '2026-01-01 00:00:00', 'System', 'p', 'h')
            """);

        var update = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Detail" = 'x'"""));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEntries" """));
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.Equal(1, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task TheFourRolesAreInTheDatabaseWithTheIdsTheCodeUses()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new FiftyOpsDbContext(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite(connection).Options);
        await db.Database.MigrateAsync();
        var roles = await db.Roles.OrderBy(r => r.Id).Select(r => $"{r.Id} {r.Name} {r.NormalizedName} {r.Label}").ToListAsync();
        Assert.Equal(Fifty.Ops.Infrastructure.Security.AppRoles.All.Select(r => $"{r.Id} {r.Name} {r.NormalizedName} {r.Label}"), roles);
    }

    /// <summary>
    /// Every change to the model has its generated migration: the model snapshot the last migration left equals the
    /// model in code (what <c>dotnet ef migrations has-pending-model-changes</c> checks in <c>./test.sh</c>).
    /// </summary>
    [Fact]
    public void TheModelHasNoChangesMissingFromTheMigrations()
    {
        using var db = new FiftyOpsDbContext(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.True(db.Database.GetMigrations().Any());
        Assert.False(db.Database.HasPendingModelChanges(), "the model has changes without a SQLite migration: run tools/add-migration.sh <Name>");
    }

    /// <summary>
    /// PostgreSQL's migrations keep step with the same model: a change with a SQLite migration only fails here
    /// (no server needed: the check compares the snapshot with the model).
    /// </summary>
    [Fact]
    public void ThePostgresMigrationsHaveEveryModelChangeToo()
    {
        using var db = new PostgresFiftyOpsDbContext(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options);
        Assert.Contains(db.Database.GetMigrations(), m => m.EndsWith("_PostgresInitialSchema", StringComparison.Ordinal));
        Assert.DoesNotContain(db.Database.GetMigrations(), m => m.EndsWith("_GeneratedBaseline", StringComparison.Ordinal));
        Assert.False(db.Database.HasPendingModelChanges(), "the model has changes without a PostgreSQL migration: run tools/add-migration.sh <Name>");
    }

    /// <summary>The amounts in 천원 are numeric(18,0) on PostgreSQL and rounded to whole 천원 before any save.</summary>
    [Fact]
    public async Task MoneyIsRoundedToWholeThousandsBeforeSaving()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new FiftyOpsDbContext(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite(connection).Options);
        await db.Database.MigrateAsync();
        db.AuditChanges = false;
        db.BudgetSummaryItems.Add(new Fifty.Ops.Domain.BudgetSummaryItem { Year = 2024, AsOf = new DateOnly(2024, 3, 31), Item = "시험", Amount = 1234.5m });
        db.BudgetSummaryItems.Add(new Fifty.Ops.Domain.BudgetSummaryItem { Year = 2024, AsOf = new DateOnly(2024, 3, 31), Item = "시험2", Amount = -10.5m, Ordinal = 2 });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        Assert.Equal([-11m, 1235m], await db.BudgetSummaryItems.Where(i => i.Year == 2024).OrderBy(i => i.Amount).Select(i => i.Amount).ToListAsync());
        var model = new PostgresFiftyOpsDbContext(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseNpgsql("Host=127.0.0.1;Database=unused").Options).Model;
        Assert.Equal("numeric(18,0)", model.FindEntityType(typeof(Fifty.Ops.Domain.BudgetLine))!.FindProperty(nameof(Fifty.Ops.Domain.BudgetLine.Disbursed))!.GetColumnType());
    }

    /// <summary>The schema EnsureCreated builds straight from the model.</summary>
    internal static Task<List<string>> SchemaOfModelAsync() => SchemaOf(db => db.Database.EnsureCreatedAsync());

    private static async Task<List<string>> SchemaOf(Func<FiftyOpsDbContext, Task> create)
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using (var db = new FiftyOpsDbContext(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite(connection).Options))
        {
            await create(db);
        }

        return await SchemaOf(connection);
    }

    /// <summary>The schema of the database at <paramref name="connectionString"/>, as sorted lines (tables, columns, indexes).</summary>
    internal static async Task<List<string>> SchemaOfAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return await SchemaOf(connection);
    }

    private static async Task<List<string>> SchemaOf(SqliteConnection connection)
    {
        var schema = new List<string>();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT m.type || ' ' || m.name || ': ' || COALESCE(p.name || ' ' || p.type || ' ' || p."notnull" || ' ' || p.pk, '')
            FROM sqlite_master m LEFT JOIN pragma_table_info(m.name) p ON m.type = 'table'
            WHERE m.type IN ('table', 'index') AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__EFMigrationsHistory' AND m.name <> '__EFMigrationsLock'
            UNION ALL
            SELECT 'sql ' || name || ': ' || REPLACE(REPLACE(sql, char(10), ' '), '  ', ' ') FROM sqlite_master
            WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EF%' AND type = 'index'
            UNION ALL
            SELECT 'fk ' || m.name || ': ' || f."from" || ' -> ' || f."table" || '.' || f."to" || ' on delete ' || f.on_delete
            FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '__EF%'
            """;
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) schema.Add(reader.GetString(0));
        schema.Sort(StringComparer.Ordinal);
        return schema;
    }
}
