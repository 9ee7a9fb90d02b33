using Fifty.Ops.Domain;
using Fifty.Ops.Features.Campuses;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Infrastructure;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Tests.Campuses;

public sealed class CampusQueryServiceTests : IAsyncLifetime
{
    private readonly SeededDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private CampusQueryService Service(bool demo = false) =>
        new(_database.Factory, new PeriodService(_database.Factory), new SeedOptions(SeededDatabase.SeedRoot, demo));

    [Fact]
    public async Task CardsShowEverySiteWithItsStatusAndBorrowFactsALaterReportLeavesOut()
    {
        var m = await Service().GetOverviewAsync(2023, 3);
        Assert.Equal(["west", "central", "south", "north", "east", "downtown"], m.Cards.Select(c => c.Code));
        Assert.Equal(CampusStatus.Planned, m.Cards.Single(c => c.Code == "east").Status);
        Assert.Equal(CampusStatus.Operating, m.Cards.Single(c => c.Code == "north").Status);

        var downtown = m.Cards.Single(c => c.Code == "downtown");
        Assert.Equal(CampusStatus.Operating, downtown.Status);
        Assert.Equal(2023, downtown.FactsYear);
        Assert.Equal("서울시 종로구 수포로 26길 28 동의빌딩", downtown.Address);
        Assert.Equal(1053.14m, downtown.FloorAreaM2);
        Assert.Equal(2020, downtown.OlderFactsYear);
        Assert.Contains("위치", downtown.OlderFacts, StringComparison.Ordinal);
        Assert.Contains("고유사무 전환", downtown.Note, StringComparison.Ordinal);

        var west = m.Cards.Single(c => c.Code == "west");
        Assert.Equal("은평구 통일로 684 서울혁신파크 8동", west.Address);
        Assert.Equal("주요시설", west.OlderFacts);
    }

    [Fact]
    public async Task In2020TheNorthCampusIsPlannedAndTheDowntownCentreCommissioned()
    {
        var m = await Service().GetOverviewAsync(2020, 3);
        Assert.Equal(CampusStatus.Planned, m.Cards.Single(c => c.Code == "north").Status);
        Assert.Null(m.Cards.Single(c => c.Code == "north").OpenedOn);
        Assert.Equal(CampusStatus.Commissioned, m.Cards.Single(c => c.Code == "downtown").Status);
        Assert.DoesNotContain(m.Cards, c => c.Code == "east" && c.Status == CampusStatus.Operating);
    }

    [Fact]
    public async Task The2020VisitTargetIsJudgedAgainstThePaceOfSevenMonths()
    {
        var m = await Service().GetOverviewAsync(2020, 3);
        var visits = m.Goals.Single(g => g.Indicator == "캠퍼스 이용인원(연인원)");
        Assert.Equal(200000m, visits.Target);
        Assert.Equal(60809m, visits.Actual);
        Assert.Equal(0.304045m, visits.Result.Rate);
        Assert.Equal(0.5212m, Math.Round(visits.Result.Pace!.Value, 4));
        Assert.Equal(AchievementStatus.Shortfall, visits.Result.Status);
        Assert.Equal(4, m.Goals.Count);
        Assert.Equal([2016, 2017, 2018, 2019, 2020], m.UsageHistory.Single(h => h.Indicator == "캠퍼스 이용인원(연인원)").Values.Select(v => v.Year));
        Assert.Empty((await Service().GetOverviewAsync(2023, 3)).Goals);
    }

    [Fact]
    public async Task SharedOfficesKeepTheStatedTotalCheckItsRateAndSumWhenNoTotalIsStated()
    {
        var y2023 = (await Service().GetOverviewAsync(2023, 3)).SharedOffices;
        var total = y2023.Rows[0];
        Assert.True(total.IsTotal);
        Assert.False(total.IsComputedTotal);
        Assert.Equal(146, total.Seats);
        Assert.Equal(125, total.Occupied);
        Assert.True(total.StatedRateMatches);
        Assert.Equal(4, y2023.Rows.Count(r => !r.IsTotal));
        Assert.Contains(y2023.Notes, n => n.Contains("103개 (예비)기업", StringComparison.Ordinal));

        var y2020 = (await Service().GetOverviewAsync(2020, 3)).SharedOffices;
        Assert.True(y2020.Rows[0].IsComputedTotal);
        Assert.Equal(130, y2020.Rows[0].Seats);
        Assert.Null(y2020.Rows[0].Occupancy);
        Assert.Contains(y2020.Notes, n => n.Contains("단체 31팀(72명)", StringComparison.Ordinal) && n.Contains("좌석 수가 아니어서", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheDowntownCentresPlannedCostPerPersonComesFromItsOwnBudgetAndTarget()
    {
        var cost = (await Service().GetOverviewAsync(2020, 3)).Cost;
        var plan = cost.Rows.Single(r => r.UseBasis == "연간 목표");
        Assert.Equal(808846m, plan.Amount);
        Assert.Equal(5070m, plan.Uses);
        Assert.Equal(159536m, plan.PerUse); // 808,846천원 ÷ 5,070명
        var actual = cost.Rows.Single(r => r.UseLabel.StartsWith("이용 인원 (실적", StringComparison.Ordinal));
        Assert.Null(actual.PerUse);
        Assert.Contains("지출액이 원자료에 없어", actual.Reason, StringComparison.Ordinal);
        Assert.Contains(cost.Notes, n => n.Contains("북부캠퍼스", StringComparison.Ordinal) && n.Contains("개관 준비 예산", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutASourceTyingABudgetLineToACampusNoCostIsInvented()
    {
        var cost = (await Service().GetOverviewAsync(2023, 3)).Cost;
        Assert.Empty(cost.Rows);
        Assert.Contains(cost.Notes, n => n.Contains("운영 예산으로 명시된 예산 행이 없습니다", StringComparison.Ordinal));
        Assert.Contains(cost.Notes, n => n.Contains("동부캠퍼스", StringComparison.Ordinal) && n.Contains("184,929", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhereALinkAndEveryMonthExistCostPerVisitIsSpendingOverVisitsOfTheSamePeriod()
    {
        await using (var db = _database.CreateContext())
        {
            var downtown = await db.Campuses.SingleAsync(c => c.Code == "downtown");
            var p6 = await db.ProgrammeNodes.SingleAsync(n => n.Year == 2023 && n.Code == "P6");
            db.CampusBudgetLinks.Add(new CampusBudgetLink { CampusId = downtown.Id, ProgrammeNodeId = p6.Id, Role = CampusBudgetRole.Operation, Source = new SourceRef("test", "test") });
            for (var month = 1; month <= 9; month++)
            {
                db.CampusUsages.Add(new CampusUsage { CampusId = downtown.Id, Year = 2023, Month = month, Visits = 1000, CounsellingCases = month == 5 ? null : 100, UpdatedAt = DateTimeOffset.UtcNow });
            }

            await db.SaveChangesAsync();
        }

        var cost = (await Service().GetOverviewAsync(2023, 3)).Cost;
        var perVisit = cost.Rows.Single(r => r.UseLabel.StartsWith("방문 인원", StringComparison.Ordinal));
        Assert.Equal(105435m, perVisit.Amount); // P6 지출액 to 2023-09-30
        Assert.Equal(9000m, perVisit.Uses);
        Assert.Equal(11715m, perVisit.PerUse);
        var perCase = cost.Rows.Single(r => r.UseLabel.StartsWith("상담 건수", StringComparison.Ordinal));
        Assert.Null(perCase.PerUse);
        Assert.Contains("자료 미입력 1개월", perCase.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PerCampusUsageFlagsMissingMonthsUpToTheCutOffAndLeavesOutSitesNotYetOpen()
    {
        await using (var db = _database.CreateContext())
        {
            var west = await db.Campuses.SingleAsync(c => c.Code == "west");
            db.CampusUsages.Add(new CampusUsage { CampusId = west.Id, Year = 2023, Month = 1, Visits = 500, UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var usage = (await Service().GetOverviewAsync(2023, 3)).Usage;
        Assert.True(usage.HasAnyEntry);
        Assert.False(usage.IncludesDemo);
        Assert.False(usage.Campuses.Single(c => c.Code == "east").Operates);
        var westVisits = usage.Campuses.Single(c => c.Code == "west").Metrics.Single(t => t.Metric == UsageMetric.Visits);
        Assert.Equal(500, westVisits.Quarters[0].Value);
        Assert.Equal(2, westVisits.Quarters[0].MissingMonths);
        Assert.Equal(8, westVisits.Year.MissingMonths);
        var total = usage.Total.Single(t => t.Metric == UsageMetric.Visits).Year;
        Assert.Equal(500, total.Value);
        Assert.Equal(9 * 5 - 1, total.MissingMonths); // west, central, south, north and downtown owe January–September
    }

    [Fact]
    public async Task DemoRowsCountOnlyWithTheSettingAndAreFlagged()
    {
        await using (var db = _database.CreateContext())
        {
            await new Fifty.Ops.Data.Seeding.DemoUsageLoader(db, SeededDatabase.SeedRoot).LoadAsync();
        }

        var off = await Service(demo: false).GetOverviewAsync(2023, 3);
        Assert.False(off.Usage.HasAnyEntry);
        Assert.False(off.DemoEnabled);
        var on = await Service(demo: true).GetOverviewAsync(2023, 3);
        Assert.True(on.DemoEnabled);
        Assert.True(on.Usage.IncludesDemo);
        var north = on.Usage.Campuses.Single(c => c.Code == "north").Metrics.Single(t => t.Metric == UsageMetric.Visits);
        Assert.Equal(1, north.Quarters[2].MissingMonths); // the deliberate September gap
        Assert.NotEmpty(on.SharedOffices.Entered);
        // seed-data/demo: 서부 occupies 37 of its 48 seats in September 2023.
        Assert.Contains(on.SharedOffices.Entered, e => e is { Seats: 48, Occupied: 37, Month: 9, IsDemo: true });
        Assert.All(on.SharedOffices.Entered, e => Assert.True(e.IsDemo));
        Assert.All(on.SharedOffices.Entered, e => Assert.InRange(e.Rate!.Value, 0m, 1m));
    }
}
