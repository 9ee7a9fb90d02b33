using Fifty.Ops.Domain;
using Fifty.Ops.Features;
using Fifty.Ops.Features.Campuses;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Infrastructure;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Tests.Campuses;

public sealed class CampusUsageEntryServiceTests : IAsyncLifetime
{
    private readonly SeededDatabase _database = new();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await EntryFixtures.OpenQ4Async(_database); // October to December take entries only once 2023 Q4 is opened
    }

    public Task DisposeAsync() => _database.DisposeAsync();


    private CampusUsageEntryService Service(bool demo = false) =>
        new(_database.Factory, new PeriodService(_database.Factory), new SeedOptions(SeededDatabase.SeedRoot, demo), TimeProvider.System, EntryFixtures.Guard(_database.Factory));

    [Fact]
    public async Task OnlyAPlannerMayRecordAMonthAndARefusalWritesNothing()
    {
        var result = await Service().SaveAsync(EntryFixtures.Director, Form(campus: "central", visits: "777"));
        Assert.False(result.Saved);
        Assert.StartsWith("권한이 없습니다: 캠퍼스 월별 이용 입력 권한은", Assert.Single(result.Errors).Value, StringComparison.Ordinal);
        await using var db = _database.CreateContext();
        Assert.False(await db.CampusUsages.AnyAsync(u => u.Visits == 777));
    }

    private static UsageEntryForm Form(string campus = "west", int year = 2023, string month = "10", string visits = "1200", string occupied = "") =>
        new() { CampusCode = campus, Year = year, Month = month, Visits = visits, CounsellingCases = "40", OccupiedSeats = occupied };

    [Fact]
    public async Task SavesAMonthAndTheQuarterTotalIncludesIt()
    {
        var result = await Service().SaveAsync(EntryFixtures.Planner, Form(occupied: "30"));
        Assert.True(result.Saved, string.Join(" / ", result.Errors.Values));

        var page = await Service().GetPageAsync(2023, 3);
        var west = page.Campuses.Single(c => c.Code == "west");
        var visitsQ4 = west.Totals.Single(t => t.Metric == UsageMetric.Visits).Quarters[3];
        Assert.Equal(1200, visitsQ4.Value);
        Assert.Equal(0, visitsQ4.MissingMonths); // October is after the 9.30 기준일, so nothing in Q4 is owed yet
        Assert.Equal(30, west.Months[9]!.OccupiedSeats);
        Assert.Equal(48, west.Seats);
        Assert.False(west.Months[9]!.IsDemo);
    }

    [Fact]
    public async Task SavingTheSameMonthAgainReplacesItsFigures()
    {
        var first = await Service().SaveAsync(EntryFixtures.Planner, Form(visits: "1200"));
        Assert.True(first.Saved);
        // The form carries the version it loaded; saving the month again from it replaces the figures.
        var second = Form(visits: "1500");
        second.Token = first.Token!;
        Assert.True((await Service().SaveAsync(EntryFixtures.Planner, second)).Saved);

        await using var db = _database.CreateContext();
        var row = await db.CampusUsages.SingleAsync(u => u.Year == 2023 && u.Month == 10);
        Assert.Equal(1500, row.Visits);
    }

    [Fact]
    public async Task AClosedPeriodRefusesTheEntryAndWritesNothing()
    {
        var result = await Service().SaveAsync(EntryFixtures.Planner, Form(month: "9"));
        Assert.False(result.Saved);
        Assert.Equal("2023년 3분기는 마감되어 입력할 수 없습니다 (2023. 9. 30. 기준 보고).", Assert.Single(result.Errors).Value);
        await using var db = _database.CreateContext();
        Assert.False(await db.CampusUsages.AnyAsync());
    }

    [Fact]
    public async Task APeriodClosedAfterThePageWasOpenedStillRefusesTheSave()
    {
        Assert.True((await Service().SaveAsync(EntryFixtures.Planner, Form(month: "11"))).Saved);
        await using (var db = _database.CreateContext())
        {
            await db.ReportingPeriods.Where(p => p.Year == 2023 && p.Quarter == 4).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsClosed, true));
        }

        var result = await Service().SaveAsync(EntryFixtures.Planner, Form(month: "11", visits: "999"));
        Assert.False(result.Saved);
        Assert.StartsWith("2023년 4분기는 마감되어", result.Errors[WriteResult.General], StringComparison.Ordinal);
        await using var check = _database.CreateContext();
        Assert.Equal(1200, (await check.CampusUsages.SingleAsync()).Visits);
    }

    [Fact]
    public async Task AMonthOfAQuarterWithoutAnOpenedPeriodIsRefusedAndWritesNothing()
    {
        // 2020 has only its Q3 report (7월말): December 2020 belongs to a Q4 that was never opened.
        var result = await Service().SaveAsync(EntryFixtures.Planner, Form(year: 2020, month: "12"));
        Assert.False(result.Saved);
        Assert.Equal("2020년 4분기 보고 기간이 없습니다. 관리자가 기간을 먼저 열어야 합니다.", Assert.Single(result.Errors).Value);
        var page = await Service().GetPageAsync(2020, null);
        Assert.Equal("보고 기간 없음 (입력 불가)", page.Quarters[3].StatusText);
        await using var db = _database.CreateContext();
        Assert.False(await db.CampusUsages.AnyAsync());
    }

    [Fact]
    public async Task OccupiedSeatsAboveThe2023SeatCountAreRefused()
    {
        var result = await Service().SaveAsync(EntryFixtures.Planner, Form(occupied: "49"));
        Assert.False(result.Saved);
        var error = Assert.Single(result.Errors);
        Assert.Equal(nameof(UsageEntryForm.OccupiedSeats), error.Key);
        Assert.Equal("입주 좌석 수(49)가 좌석 수(48)를 넘습니다.", error.Value);
    }

    [Fact]
    public async Task TheDowntownCentreHasNoSeatCountSoOccupiedSeatsComeWithANotice()
    {
        var result = await Service().SaveAsync(EntryFixtures.Planner, Form(campus: "downtown", occupied: "5"));
        Assert.True(result.Saved);
        Assert.Contains("사용률을 계산할 수 없습니다", Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AYearWithoutReportingPeriodsAndAnUnknownCampusAreRefused()
    {
        Assert.Equal("2024년은 등록된 보고 기간이 없어 입력할 수 없습니다.", (await Service().SaveAsync(EntryFixtures.Planner, Form(year: 2024))).Errors.Single().Value);
        Assert.Equal(nameof(UsageEntryForm.CampusCode), (await Service().SaveAsync(EntryFixtures.Planner, Form(campus: "nowhere"))).Errors.Single().Key);
        Assert.StartsWith("서울시50플러스 동부캠퍼스는 개관 전이어서", (await Service().SaveAsync(EntryFixtures.Planner, Form(campus: "east"))).Errors.Single().Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEntryPageMarksLockedQuartersAndCampusesThatDoNotTakeEntries()
    {
        var page = await Service().GetPageAsync(2023, 3);
        Assert.Equal([true, true, true, false], page.Quarters.Select(q => q.IsLocked));
        Assert.Equal(9, page.CutoffMonth);
        Assert.False(page.Campuses.Single(c => c.Code == "east").TakesEntries);
        Assert.True(page.Campuses.Single(c => c.Code == "downtown").TakesEntries);
        var west = page.Campuses.Single(c => c.Code == "west").Totals.Single(t => t.Metric == UsageMetric.Visits);
        Assert.Null(west.Quarters[2].Value);
        Assert.Equal(3, west.Quarters[2].MissingMonths);
        Assert.Equal(9, west.Year.MissingMonths);
    }

    [Fact]
    public async Task DemoRowsAppearOnlyWithTheSettingAndAPlannersEntryOverridesThem()
    {
        await using (var db = _database.CreateContext())
        {
            var west = await db.Campuses.SingleAsync(c => c.Code == "west");
            db.CampusUsages.Add(new CampusUsage { CampusId = west.Id, Year = 2023, Month = 10, Visits = 777, IsDemo = true, UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        Assert.Null((await Service(demo: false).GetPageAsync(2023, 3)).Campuses.Single(c => c.Code == "west").Months[9]);
        var withDemo = (await Service(demo: true).GetPageAsync(2023, 3)).Campuses.Single(c => c.Code == "west");
        Assert.True(withDemo.Months[9]!.IsDemo);
        Assert.True(withDemo.IncludesDemo);

        Assert.True((await Service(demo: true).SaveAsync(EntryFixtures.Planner, Form(visits: "1200"))).Saved);
        var overridden = (await Service(demo: true).GetPageAsync(2023, 3)).Campuses.Single(c => c.Code == "west");
        Assert.Equal(1200, overridden.Months[9]!.Visits);
        Assert.False(overridden.Months[9]!.IsDemo);
    }
}
