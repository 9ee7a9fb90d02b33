using Fifty.Ops.Components;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Fifty.Ops.Tests.Budget;

public sealed class ExecutionTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    private BudgetQueryService Service => new(database.Factory, new PeriodService(database.Factory), Options.Create(new PaceOptions()));

    [Fact]
    public async Task ExecutionRateUsesCommitmentsOrDisbursementsAsLabelled()
    {
        var overview = await Service.GetOverviewAsync(2023, 3);
        var internship = overview.Execution.Single(r => r.Code == "P2.1.1");
        Assert.Equal("93.4%", Fmt.Percent(internship.CommittedRate));
        Assert.Equal("69.3%", Fmt.Percent(internship.DisbursedRate));
        Assert.Equal("92.6%", Fmt.Percent(internship.ForecastRate));
        Assert.Equal(986_426m - 683_603m, internship.Remaining);
    }

    [Fact]
    public async Task ShowsTheAppendixHierarchyWithTheFirstPrintedTotal()
    {
        var overview = await Service.GetOverviewAsync(2023, 3);
        Assert.Equal(62, overview.Execution.Count);
        var total = overview.Execution[0];
        Assert.Equal(("T", 38_649_012m, 23_387_991m), (total.Code, total.CurrentBudget!.Value, total.Disbursed!.Value));
        Assert.Equal("P2.1", overview.Execution.Single(r => r.Code == "P2.1.1").ParentCode);
    }

    [Fact]
    public async Task RollsCommitmentsUpOnlyWhenEveryChildStatesOne()
    {
        var overview = await Service.GetOverviewAsync(2023, 3);
        var jobs = overview.Execution.Single(r => r.Code == "P2.1");
        Assert.Equal(920_856m + 293_595m + 97_894m, jobs.Committed);
        var lifeDesign = overview.Execution.Single(r => r.Code == "P1.2"); // [보조금] consultant line has no project table
        Assert.Null(lifeDesign.Committed);
    }

    [Fact]
    public async Task AYearWithoutAnAppendixShowsItsRequiredBudgetsUnderTheHierarchy()
    {
        var overview = await Service.GetOverviewAsync(2020, 3);
        Assert.Equal(BudgetGridMode.RequiredBudget, overview.Mode);
        Assert.Equal(22_482_199m, overview.Revenue.Single(r => r.IsTotal).Amount);
        var task1 = overview.Execution.Single(r => r.Code == "S1");
        Assert.Equal((6_595_350m, true), (task1.CurrentBudget!.Value, task1.BudgetComputed));
        var detail = overview.Execution.Single(r => r.Code == "S1.1.1");
        Assert.Equal((25_000m, false), (detail.CurrentBudget!.Value, detail.BudgetComputed));
        Assert.All(overview.Execution, r => Assert.Null(r.Disbursed));
        Assert.Null(overview.Pace);
        Assert.Empty(overview.Attention);
        Assert.Contains(overview.Findings, f => f.Code == "S1");
    }

    [Fact]
    public async Task ForecastsComeFromTheReportWhereStatedAndAreEstimatedOtherwise()
    {
        var overview = await Service.GetOverviewAsync(2023, 3);
        var internship = overview.Execution.Single(r => r.Code == "P2.1.1");
        Assert.Equal((913_307m, ForecastBasis.Stated), (internship.Forecast!.Value, internship.ForecastBasis));
        var platform = overview.Execution.Single(r => r.Code == "P5.1.1");
        Assert.Equal((177_447m, ForecastBasis.Estimated), (platform.Forecast!.Value, platform.ForecastBasis));
        var jobs = overview.Execution.Single(r => r.Code == "P2.1");
        Assert.Equal((913_307m + 293_842m + 101_814m, ForecastBasis.StatedSum), (jobs.Forecast!.Value, jobs.ForecastBasis));
        Assert.Equal(ForecastBasis.MixedSum, overview.Total!.ForecastBasis);
        Assert.Contains("경과 비율 75.0%", overview.ForecastMethod, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAttentionListHoldsLinesOffPaceLargestAmountGapFirst()
    {
        var overview = await Service.GetOverviewAsync(2023, 3);
        Assert.Equal(new PaceSummary(3, 0.75m, 0.15m, 0.10m), overview.Pace);
        Assert.NotEmpty(overview.Attention);
        Assert.All(overview.Attention, a => Assert.NotEqual(PaceStatus.OnPace, a.Pace.Status));
        Assert.Equal(overview.Attention.OrderByDescending(a => Math.Abs(a.Pace.GapAmount!.Value)).Select(a => a.Code), overview.Attention.Select(a => a.Code));
        var first = overview.Attention[0];
        Assert.Equal(("G.3", "일반관리비", PaceStatus.Behind), (first.Code, first.Area, first.Pace.Status)); // 평가급 9,861 of 665,094
        Assert.Contains(overview.Attention, a => a.Code == "P2.3.2" && a.Pace.Status == PaceStatus.Ahead);
        Assert.DoesNotContain(overview.Attention, a => a.Code is "P2" or "P" or "T"); // parents are judged in the grid, listed once via their lines
    }

    [Fact]
    public async Task UnspentAmountsAreBudgetLessForecastLargestFirst()
    {
        var overview = await Service.GetOverviewAsync(2023, 3);
        Assert.NotEmpty(overview.Unspent);
        Assert.All(overview.Unspent, u => Assert.True(u.Unspent > 0));
        Assert.Equal(overview.Unspent.OrderByDescending(u => u.Unspent).Select(u => u.Code), overview.Unspent.Select(u => u.Code));
        var newCampus = overview.Unspent.Single(u => u.Code == "P5.3.2");
        Assert.Equal((184_929m, ForecastBasis.Estimated), (newCampus.Unspent, newCampus.Basis));
        Assert.Equal(overview.Total!.CurrentBudget - overview.Total.Forecast, overview.Total.Unspent);
    }

    [Fact]
    public async Task TheChartHasEveryPolicyAreaWithCommitmentsOnlyWhereComplete()
    {
        var overview = await Service.GetOverviewAsync(2023, 3);
        Assert.Equal(["P1", "P2", "P3", "P4", "P5", "P6"], overview.Areas.Select(a => a.Code));
        Assert.Equal((19_043_885m, 17_598_914m, 12_327_880m), (overview.Areas[2].CurrentBudget!.Value, overview.Areas[2].Committed!.Value, overview.Areas[2].Disbursed!.Value));
        Assert.Null(overview.Areas[0].Committed);
    }

    [Theory]
    [InlineData(0.934, "93.4%")]
    [InlineData(0.54145, "54.1%")]
    [InlineData(0.99949, "99.9%")]
    [InlineData(0.00005, "0.0%")]
    public void PercentagesHaveOneDecimalRoundedHalfUp(double ratio, string expected) =>
        Assert.Equal(expected, Fmt.Percent((decimal)ratio));

    [Fact]
    public void AmountsHaveThousandsSeparatorsAndNoFakeZero()
    {
        Assert.Equal("38,649,012", Fmt.Amount(38_649_012m));
        Assert.Equal("-48,608", Fmt.Amount(-48_608m));
        Assert.Equal("—", Fmt.Amount(null));
        Assert.Null(Fmt.Ratio(5, 0));
    }

    [Fact]
    public void RollUpLeavesAPartialTotalEmpty()
    {
        ExecutionRow Row(string code, string? parent, int level, decimal? committed) =>
            new(code, parent, level, ProgrammeKind.DetailedProject, code, FundingSource.Contribution, [], 100, 100, 0, 0, committed, 10, null);
        var rows = BudgetQueryService.RollUp([Row("A", null, 0, null), Row("A.1", "A", 1, 5), Row("A.2", "A", 1, null), Row("B", null, 0, null), Row("B.1", "B", 1, 7)]);
        Assert.Null(rows.Single(r => r.Code == "A").Committed);
        Assert.Equal(7, rows.Single(r => r.Code == "B").Committed);
    }
}
