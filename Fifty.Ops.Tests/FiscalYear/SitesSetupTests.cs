using Fifty.Ops.Domain;
using Fifty.Ops.Features.Campuses;
using Fifty.Ops.Features.FiscalYear.Sites;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.Overview;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Infrastructure;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.FiscalYear;

/// <summary>Sites of a year (/setup/sites): 개소일, 폐소일, seats, 운영형태, and what usage entry and totals make of them.</summary>
public sealed class SitesSetupTests : IAsyncLifetime
{
    private readonly SeededDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await OpenQ4Async(_db);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private SiteSetupService Service() => new(_db.Factory, Guard(_db.Factory));

    private OverviewService Overview()
    {
        var periods = new PeriodService(_db.Factory);
        return new OverviewService(_db.Factory, periods, new IndicatorQueryService(_db.Factory, periods));
    }

    private Task<string> ChecksumAsync() => EntryFixtures.ChecksumAsync(_db.ConnectionString);

    [Fact]
    public async Task ANewSiteWithAnOpeningDateTakesUsageFromThatMonthOnAndRefusesEarlierMonthsNamingThem()
    {
        var saved = await Service().SaveAsync(Planner, 2023, new SiteForm { Code = "seocho", Name = "서울시50플러스 서초캠퍼스", OpenedOn = "2023-11-01", Seats = "40", PrivateSeats = "10", OpenSeats = "30" });
        Assert.True(saved.Saved, string.Join(" / ", saved.Errors.Values));
        var row = (await Service().GetAsync(2023)).Single(r => r.Code == "seocho");
        Assert.Equal((new DateOnly(2023, 11, 1), (int?)40, "고유사무", "입력"), (row.OpenedOn!.Value, row.Seats, row.StatusLabel, row.Source));

        var entry = CampusEntry(_db);
        var october = await entry.SaveAsync(Planner, new UsageEntryForm { CampusCode = "seocho", Year = 2023, Month = "10", Visits = "10" });
        Assert.Equal("서울시50플러스 서초캠퍼스는 2023. 11. 1. 개관하여 2023년 10월 자료를 입력할 수 없습니다 (개소일 이전의 달).", Assert.Single(october.Errors).Value);
        var november = await entry.SaveAsync(Planner, new UsageEntryForm { CampusCode = "seocho", Year = 2023, Month = "11", Visits = "300", OccupiedSeats = "35" });
        Assert.True(november.Saved, string.Join(" / ", november.Errors.Values));

        var table = (await entry.GetPageAsync(2023, 4)).Campuses.Single(c => c.Code == "seocho");
        Assert.Equal((11, 12), (table.Due.First, table.Due.Last));
        var visits = table.Totals.Single(t => t.Metric == UsageMetric.Visits);
        Assert.Equal((300, 2, 1), (visits.Quarters[3].Value, visits.Quarters[3].DueMonths, visits.Quarters[3].MissingMonths));
    }

    [Fact]
    public async Task AClosedSiteRefusesMonthsAfterItsClosingDateAndTotalsLeaveOutMonthsItDidNotOperate()
    {
        // Figures of every month of Q4 stored before the site is closed on 31 October.
        var entry = CampusEntry(_db);
        foreach (var month in new[] { "10", "11" })
            Assert.True((await entry.SaveAsync(Planner, new UsageEntryForm { CampusCode = "south", Year = 2023, Month = month, Visits = "100" })).Saved);
        var south = (await Service().GetAsync(2023)).Single(r => r.Code == "south");
        var form = SiteForm.From(south);
        form.ClosedOn = "2023-10-31";
        Assert.True((await Service().SaveAsync(Planner, 2023, form)).Saved);

        var december = await entry.SaveAsync(Planner, new UsageEntryForm { CampusCode = "south", Year = 2023, Month = "12", Visits = "5" });
        Assert.Equal("서울시50플러스 남부캠퍼스는 2023. 10. 31. 폐소하여 2023년 12월 자료를 입력할 수 없습니다 (폐소일 이후의 달).", Assert.Single(december.Errors).Value);

        var table = (await entry.GetPageAsync(2023, 4)).Campuses.Single(c => c.Code == "south");
        var q4 = table.Totals.Single(t => t.Metric == UsageMetric.Visits).Quarters[3];
        Assert.Equal((100, 1, 0), (q4.Value, q4.DueMonths, q4.MissingMonths)); // November's stored 100 is not counted
        var overview = await new CampusQueryService(_db.Factory, new PeriodService(_db.Factory), new SeedOptions(SeededDatabase.SeedRoot)).GetOverviewAsync(2023, 4);
        Assert.Equal(100, overview.Usage.Campuses.Single(c => c.Code == "south").Metrics.Single(m => m.Metric == UsageMetric.Visits).Quarters[3].Value);
        // It operated in 2023 and is shown closed at the Q4 기준일 (2023-12-31), after its 폐소일.
        Assert.Equal(CampusStatus.Closed, Assert.Single(overview.Cards, c => c.Code == "south").Status);
        var operatingBefore = (await Overview().GetAsync(2023, 3)).CampusesOperating;
        var operatingAfter = (await Overview().GetAsync(2023, 4)).CampusesOperating;
        Assert.Equal(operatingBefore - 1, operatingAfter);
        var campuses = new CampusQueryService(_db.Factory, new PeriodService(_db.Factory), new SeedOptions(SeededDatabase.SeedRoot));
        var nextYear = await campuses.GetOverviewAsync(2024, null);
        Assert.DoesNotContain(nextYear.Cards, c => c.Code == "south");
        Assert.False(nextYear.Usage.Campuses.Single(c => c.Code == "south").Operates);
    }

    [Fact]
    public async Task BadInputIsRefusedOnItsFieldInKoreanAndChangesNothing()
    {
        var before = await ChecksumAsync();
        var result = await Service().SaveAsync(Planner, 2024, new SiteForm { Code = "new site", Name = "", OpenedOn = "2024-02-30", ClosedOn = "어제", Seats = "-3", FloorArea = "１,2" });
        Assert.False(result.Saved);
        Assert.StartsWith("코드는 영문·숫자", result.Errors[nameof(SiteForm.Code)], StringComparison.Ordinal);
        Assert.Equal("이름을 입력하세요.", result.Errors[nameof(SiteForm.Name)]);
        Assert.StartsWith("개소일: ", result.Errors[nameof(SiteForm.OpenedOn)], StringComparison.Ordinal);
        Assert.StartsWith("폐소일: 2023-12-31처럼", result.Errors[nameof(SiteForm.ClosedOn)], StringComparison.Ordinal);
        Assert.StartsWith("좌석 수: ", result.Errors[nameof(SiteForm.Seats)], StringComparison.Ordinal);
        Assert.Contains("입력: 2024-02-30", result.Errors[nameof(SiteForm.OpenedOn)], StringComparison.Ordinal);

        var inverted = await Service().SaveAsync(Planner, 2024, new SiteForm { Code = "x", Name = "엑스", OpenedOn = "2024-05-01", ClosedOn = "2024-04-01" });
        Assert.Equal("폐소일(2024. 4. 1.)이 개소일(2024. 5. 1.)보다 앞섭니다.", inverted.Errors[nameof(SiteForm.ClosedOn)]);
        var duplicate = await Service().SaveAsync(Planner, 2024, new SiteForm { Code = "south", Name = "새 남부", OpenedOn = "2024-01-01" });
        Assert.Equal("이미 있는 코드입니다 (south).", duplicate.Errors[nameof(SiteForm.Code)]);
        Assert.Equal(before, await ChecksumAsync());
        var director = await Service().SaveAsync(Director, 2024, new SiteForm { Code = "y", Name = "와이", OpenedOn = "2024-01-01" });
        Assert.Contains("권한이 없습니다", director.Errors[""], StringComparison.Ordinal);
        await using var db = _db.CreateContext();
        Assert.False(await db.Campuses.AnyAsync(c => c.Code == "y"));
    }

    [Fact]
    public async Task ChangingTheOperationFromCommissionedToOwnServiceAppliesFromTheYearOfTheChangeOn()
    {
        await using (var db = _db.CreateContext())
        {
            var downtown = await db.Campuses.SingleAsync(c => c.Code == "downtown");
            Assert.Contains(await db.CampusFacilities.Where(f => f.CampusId == downtown.Id).Select(f => f.Status).ToListAsync(), s => s == FacilityStatus.Commissioned);
        }

        var result = await Service().ChangeOperationAsync(Planner, "downtown", FacilityStatus.Open, "2022-11-30");
        Assert.True(result.Saved, string.Join(" / ", result.Errors.Values));
        var in2022 = (await Service().GetAsync(2022)).Single(r => r.Code == "downtown");
        Assert.Equal((FacilityStatus.Open, new DateOnly(2022, 11, 30)), (in2022.Status!.Value, in2022.StatusSince!.Value));
        var in2023 = (await Service().GetAsync(2023)).Single(r => r.Code == "downtown");
        Assert.Equal(("고유사무", (DateOnly?)null), (in2023.StatusLabel, in2023.StatusSince));
        var in2020 = (await Service().GetAsync(2020)).Single(r => r.Code == "downtown");
        Assert.Equal(FacilityStatus.Commissioned, in2020.Status); // earlier years keep what was true then

        var bad = await Service().ChangeOperationAsync(Planner, "downtown", FacilityStatus.Commissioned, "2022.13.01");
        Assert.StartsWith("변경일: ", bad.Errors["Effective"], StringComparison.Ordinal);
    }
}
