using Fifty.Ops.Data;
using Fifty.Ops.Data.Seeding;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Tests.Data;

[Trait("Provider", "SqliteOnly")]
public sealed class SeedTransactionTests
{
    [Fact]
    public async Task ABrokenSeedFileLeavesTheDatabaseEmpty()
    {
        var root = Path.Combine(Path.GetTempPath(), $"seed-{Guid.NewGuid():N}");
        CopyDirectory(SeededDatabase.SeedRoot, root);
        var appendix = Path.Combine(root, "2023", "budget_lines_appendix.csv");
        File.WriteAllText(appendix, File.ReadAllText(appendix).Replace("38649012", "38649O12", StringComparison.Ordinal));
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new FiftyOpsDbContext(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite(connection).Options);
        await db.Database.MigrateAsync();
        try
        {
            var ex = await Assert.ThrowsAsync<SeedDataException>(() => new SeedLoader(db, root).LoadAsync());
            Assert.Contains("budget_lines_appendix.csv", ex.Message);
            Assert.Contains("current_budget", ex.Message);
            db.ChangeTracker.Clear();
            Assert.Equal(0, await db.ReportingPeriods.CountAsync());
            Assert.Equal(0, await db.ProgrammeNodes.CountAsync());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
    }
}
