using Fifty.Ops.Data.Seeding;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Tests.Campuses;

public sealed class DemoDatasetTests
{
    private static string RepoFile => Path.Combine(RepoRoot(), "seed-data", "demo", "campus_usage.csv");

    [Fact]
    public void TheCheckedInDemoFileIsExactlyTheGeneratorOutput()
    {
        var generated = DemoUsageDataset.Generate();
        if (Environment.GetEnvironmentVariable("FIFTY_OPS_WRITE_DEMO") == "1")
        {
            File.WriteAllText(RepoFile, generated);
        }

        Assert.Equal(generated, File.ReadAllText(RepoFile));
    }

    [Fact]
    public void DemoRowsKeepOccupiedSeatsWithinTheReportedSeatsAndLeaveTheTwoDeliberateGaps()
    {
        var rows = CsvTable.Parse(DemoUsageDataset.Generate(), "campus_usage.csv").Skip(1).ToList();
        var seats = new Dictionary<string, int> { ["west"] = 48, ["central"] = 29, ["south"] = 36, ["north"] = 33 };
        Assert.Contains(rows, r => r[7].Length > 0);
        foreach (var r in rows.Where(r => r[7].Length > 0))
        {
            Assert.InRange(int.Parse(r[7]), 0, seats[r[0]]);
        }

        Assert.DoesNotContain(rows, r => r[0] == "north" && r[2] == "9");
        Assert.Equal("", rows.Single(r => r[0] == "downtown" && r[2] == "5")[5]);
        Assert.Equal(5 * 9 - 1, rows.Count);
    }

    [Fact]
    public async Task LoadsEveryRowFlaggedAsDemoAndOnlyOnce()
    {
        await using var database = new SeededDatabase();
        await database.InitializeAsync();
        await using (var db = database.CreateContext())
        {
            Assert.False(await db.CampusUsages.AnyAsync(), "the seed itself holds no monthly usage");
            Assert.Equal(44, await new DemoUsageLoader(db, SeededDatabase.SeedRoot).LoadAsync());
            Assert.Equal(0, await new DemoUsageLoader(db, SeededDatabase.SeedRoot).LoadAsync());
        }

        await using var check = database.CreateContext();
        Assert.Equal(44, await check.CampusUsages.CountAsync(u => u.IsDemo));
        Assert.Equal(0, await check.CampusUsages.CountAsync(u => !u.IsDemo));
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fifty.Ops.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Fifty.Ops.sln을 찾을 수 없습니다.");
    }
}
