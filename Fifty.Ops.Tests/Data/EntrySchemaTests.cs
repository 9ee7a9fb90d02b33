using Fifty.Ops.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Tests.Data;

[Trait("Provider", "SqliteOnly")]
public sealed class EntrySchemaTests
{
    /// <summary>The column added in place carries its foreign key, as the model's relationship does (the schema test compares columns and indexes only).</summary>
    [Fact]
    public async Task TheMigratedIndicatorValuesReferenceTheirPeriod()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using (var db = new FiftyOpsDbContext(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite(connection).Options))
        {
            await db.Database.MigrateAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"table\" || '.' || \"to\" || ' ' || on_delete FROM pragma_foreign_key_list('IndicatorValues') WHERE \"from\" = 'ReportingPeriodId'";
        Assert.Equal("ReportingPeriods.Id RESTRICT", (string?)await command.ExecuteScalarAsync());
    }
}
