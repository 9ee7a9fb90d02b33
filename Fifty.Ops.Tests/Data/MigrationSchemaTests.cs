using Fifty.Ops.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Tests.Data;

public sealed class MigrationSchemaTests
{
    /// <summary>The migrations are written by hand; this proves they build exactly the schema the EF model describes.</summary>
    [Fact]
    public async Task HandWrittenMigrationsCreateTheSchemaOfTheModel()
    {
        var migrated = await SchemaOf(db => db.Database.MigrateAsync());
        var modelled = await SchemaOf(db => db.Database.EnsureCreatedAsync());
        Assert.Equal(modelled, migrated);
    }

    [Fact]
    public async Task TheModelHasNoChangesMissingFromTheMigrations()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new FiftyOpsDbContext(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite(connection).Options);
        await db.Database.MigrateAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    private static async Task<List<string>> SchemaOf(Func<FiftyOpsDbContext, Task> create)
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using (var db = new FiftyOpsDbContext(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite(connection).Options))
        {
            await create(db);
        }

        var schema = new List<string>();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT m.type || ' ' || m.name || ': ' || COALESCE(p.name || ' ' || p.type || ' ' || p."notnull" || ' ' || p.pk, '')
            FROM sqlite_master m LEFT JOIN pragma_table_info(m.name) p ON m.type = 'table'
            WHERE m.name NOT LIKE 'sqlite_%' AND m.name <> '__EFMigrationsHistory' AND m.name <> '__EFMigrationsLock'
            UNION ALL
            SELECT 'sql ' || name || ': ' || REPLACE(REPLACE(sql, char(10), ' '), '  ', ' ') FROM sqlite_master
            WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EF%' AND type = 'index'
            """;
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) schema.Add(reader.GetString(0));
        schema.Sort(StringComparer.Ordinal);
        return schema;
    }
}
