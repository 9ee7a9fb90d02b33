using Fifty.Ops.Domain;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Tests.Data;

public sealed class SeedLoaderTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    [Fact]
    public async Task LoadsEveryTableWithTheTranscribedRowCounts()
    {
        await using var db = database.CreateContext();
        Assert.Equal(2, await db.ReportingPeriods.CountAsync());
        Assert.Equal(6, await db.Campuses.CountAsync());
        Assert.Equal(15, await db.Indicators.CountAsync(i => i.Year == 2020 && i.Kind == IndicatorKind.Promise));
        Assert.Equal(90, await db.IndicatorValues.CountAsync(v => v.Indicator!.Year == 2020));
        Assert.Equal(8, await db.Indicators.CountAsync(i => i.Year == 2023 && i.Kind == IndicatorKind.Headline));
        Assert.Equal(12, await db.Indicators.CountAsync(i => i.Year == 2023 && i.Kind == IndicatorKind.Project));
        Assert.Equal(62, await db.ProgrammeNodes.CountAsync(n => n.Year == 2023));
        Assert.Equal(63, await db.BudgetLines.CountAsync(l => l.ReportingPeriod!.Year == 2023 && l.Section == BudgetSection.Appendix));
        Assert.Equal(17, await db.BudgetLines.CountAsync(l => l.ReportingPeriod!.Year == 2023 && l.Section == BudgetSection.ProjectTable));
        Assert.Equal(7, await db.StrategicTasks2020());
        Assert.Equal(13, await db.Projects.CountAsync(p => p.Year == 2023));
        Assert.Equal(5, await db.CampusProgrammeResults.CountAsync(r => r.Year == 2020));
        Assert.Equal(2, await db.InstitutionProfiles.CountAsync());
        Assert.True(await db.ProjectNarratives.CountAsync() > 500);
    }

    [Theory]
    [InlineData("I2020-03", 2019, "356,915", 356915)]
    [InlineData("I2020-04", 2019, "27,685 (5,383)", 27685)]
    [InlineData("I2020-10", 2020, "540", 540)]
    public async Task KeepsIndicatorCellsVerbatimAndReadsTheirMainNumber(string code, int year, string raw, int main)
    {
        await using var db = database.CreateContext();
        var cell = await db.IndicatorValues.SingleAsync(v => v.Indicator!.Code == code && v.Year == year && v.Kind == IndicatorValueKind.Actual);
        Assert.Equal(raw, cell.Raw);
        Assert.Equal(main, cell.Value);
    }

    [Fact]
    public async Task KeepsTextAndDualCellsOfThe2020Table()
    {
        await using var db = database.CreateContext();
        var forum = await db.IndicatorValues.Where(v => v.Indicator!.Code == "I2020-08").ToListAsync();
        Assert.Contains(forum, v => v.Year == 2016 && v.Raw == "6/650" && v.Value == 6 && v.SubValue == 650);
        Assert.Contains(forum, v => v.Year == 2020 && v.Kind == IndicatorValueKind.Actual && v.Raw == "진행중" && v.Value == null);
        var counselling = await db.IndicatorValues.SingleAsync(v => v.Indicator!.Code == "I2020-04" && v.Year == 2019);
        Assert.Equal(5383, counselling.SubValue);
    }

    [Fact]
    public async Task LoadsTheExecutionAppendixAmountsExactly()
    {
        await using var db = database.CreateContext();
        var total = await db.BudgetLines.Where(l => l.Section == BudgetSection.Appendix && l.ProgrammeNode!.Code == "T" && l.ProgrammeNode.Year == 2023)
            .OrderBy(l => l.RowInSection).ToListAsync();
        Assert.Equal(2, total.Count);
        Assert.All(total, t => Assert.Equal(38_649_012m, t.CurrentBudget));
        Assert.Equal(23_387_991m, total[0].Disbursed);
        Assert.Equal(21_144_768m, total[1].Disbursed);

        var transition = await db.BudgetLines.SingleAsync(l => l.Section == BudgetSection.Appendix && l.ProgrammeNode!.Code == "P1.1" && l.ProgrammeNode.Year == 2023);
        Assert.Equal(-48_608m, transition.Supplementary);
    }

    [Fact]
    public async Task LoadsThePerProjectExecutionTablesWithTheirStatedRates()
    {
        await using var db = database.CreateContext();
        var internship = await db.BudgetLines.SingleAsync(l => l.Section == BudgetSection.ProjectTable && l.ProgrammeNode!.Code == "P2.1.1" && l.ProgrammeNode.Year == 2023);
        Assert.Equal(986_426m, internship.CurrentBudget);
        Assert.Equal(920_856m, internship.Committed);
        Assert.Equal(683_603m, internship.Disbursed);
        Assert.Equal(913_307m, internship.Forecast);
        Assert.Equal("93.4%", internship.RateCommittedRaw);

        var jumpUp = await db.BudgetLines.SingleAsync(l => l.Section == BudgetSection.ProjectTable && l.ProgrammeNode!.Code == "P2.3.2");
        Assert.Equal("100,0%", jumpUp.ForecastRateRaw);
        Assert.Equal(151_089m, jumpUp.Disbursed);
        var node = await db.ProgrammeNodes.SingleAsync(n => n.Year == 2023 && n.Code == "P2.3.2");
        Assert.Equal(FundingSource.Donation, node.Funding);
    }

    [Fact]
    public async Task LoadsBudgetSummariesStaffingAndFacilities()
    {
        await using var db = database.CreateContext();
        var revenue2023 = await db.BudgetSummaryItems.SingleAsync(s => s.Year == 2023 && s.Side == BudgetSide.Revenue && s.IsTotal);
        Assert.Equal(38_649_012m, revenue2023.Amount);
        var revenue2020 = await db.BudgetSummaryItems.SingleAsync(s => s.Year == 2020 && s.Side == BudgetSide.Revenue && s.IsTotal);
        Assert.Equal(22_482_199m, revenue2020.Amount);

        var staff = await db.StaffingEntries.SingleAsync(s => s.Year == 2023 && s.Unit == "계" && s.Grade == "계");
        Assert.Equal((127, 121), (staff.Authorized!.Value, staff.Current!.Value));

        var north = await db.CampusFacilities.Where(f => f.Campus!.Code == "north").OrderBy(f => f.ReportYear).ToListAsync();
        Assert.Equal([6289m, 6280m], north.Select(f => f.FloorAreaM2!.Value));
        Assert.Equal(new DateOnly(2020, 11, 27), north[1].OpenedOn);

        var offices = await db.SharedOffices.SingleAsync(o => o.Year == 2023 && o.CampusId == null);
        Assert.Equal((146, 125), (offices.Seats!.Value, offices.OccupiedSeats!.Value));
    }

    [Fact]
    public async Task TagsProjectsWithSeoulLearn4050AndSunset()
    {
        await using var db = database.CreateContext();
        var internship = await db.ProgrammeNodes.SingleAsync(n => n.Year == 2023 && n.Code == "P2.1.1");
        Assert.Contains("서울런4050", internship.Tags);
        var digital = await db.ProgrammeNodes.SingleAsync(n => n.Year == 2023 && n.Code == "P3.1.1");
        Assert.Contains("일몰예정", digital.Tags);
    }

    [Fact]
    public async Task RecordsTheSourceOfEverySeededRow()
    {
        await using var db = database.CreateContext();
        Assert.False(await db.BudgetLines.AnyAsync(l => l.Source.Doc == "" || l.Source.Section == ""));
        Assert.False(await db.IndicatorValues.AnyAsync(v => v.Source.Doc == "" || v.Source.Section == ""));
        Assert.False(await db.ProgrammeNodes.AnyAsync(v => v.Source.Doc == ""));
    }
}
