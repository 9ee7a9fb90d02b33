using Fifty.Ops.Components;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Tests.Infrastructure;

namespace Fifty.Ops.Tests.Budget;

public sealed class ExecutionTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    private BudgetQueryService Service => new(database.Factory, new PeriodService(database.Factory));

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
    public async Task AYearWithoutAnAppendixShowsNoExecutionButKeepsItsBudgetSummary()
    {
        var overview = await Service.GetOverviewAsync(2020, 3);
        Assert.Empty(overview.Execution);
        Assert.Equal(22_482_199m, overview.Revenue.Single(r => r.IsTotal).Amount);
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
