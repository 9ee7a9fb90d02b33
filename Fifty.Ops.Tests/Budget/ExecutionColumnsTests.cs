using Fifty.Ops.Domain;
using Fifty.Ops.Features.Budget;

namespace Fifty.Ops.Tests.Budget;

public sealed class ExecutionColumnsTests
{
    private static ExecutionRow Row(decimal? budget, decimal? committed, decimal? disbursed) =>
        new("T", null, 1, ProgrammeKind.Total, "소계", FundingSource.Contribution, [], budget, 10m, 20m, 0m, committed, disbursed, null);

    [Fact]
    public void TheTableHasItsElevenFigureColumnsInTheReportsOrder() =>
        Assert.Equal(
            ["예산현액", "당초", "추경", "예산변경", "원인행위액", "지출액", "집행잔액", "집행률", "집행률", "연말 집행예상액", "예상 집행률"],
            ExecutionColumns.All.Select(c => c.Label));

    [Fact]
    public void EachRateSaysItsBaseInEveryMedium()
    {
        Assert.Equal("원인행위 기준", ExecutionColumns.CommittedRate.Note);
        Assert.Equal("집행률\n(지출 기준)", ExecutionColumns.DisbursedRate.SheetHeading);
        Assert.Equal(["집행률", "(원인행위)"], ExecutionColumns.CommittedRate.PrintLines);
        Assert.Equal(FigureUnit.Percent, ExecutionColumns.DisbursedRate.Unit);
    }

    [Fact]
    public void ASheetBreaksAHeadingAtItsNoteOrItsFirstSpace()
    {
        Assert.Equal("집행잔액\n(예산현액−지출액)", ExecutionColumns.Remaining.SheetHeading);
        Assert.Equal("연말\n집행예상액", ExecutionColumns.Forecast.SheetHeading);
        Assert.Equal(["연말", "예상액"], ExecutionColumns.Forecast.PrintLines);
        Assert.Equal("예산현액", ExecutionColumns.CurrentBudget.SheetHeading);
    }

    [Fact]
    public void ColumnsReadTheirFigureAndFormatItByUnit()
    {
        var row = Row(38_649_012m, null, 23_387_991m);
        Assert.Equal(23_387_991m, ExecutionColumns.Disbursed.Value(row));
        Assert.Equal("23,387,991", ExecutionColumns.Disbursed.Format(ExecutionColumns.Disbursed.Value(row)));
        Assert.Equal(15_261_021m, ExecutionColumns.Remaining.Value(row));
        Assert.Null(ExecutionColumns.CommittedRate.Value(row)); // no 원인행위액 stated: no rate, never 0 %
    }

    [Fact]
    public void TheAppendixAndThePrintedTableCarryTheirSubsets()
    {
        Assert.Equal(["예산현액", "당초", "추경", "예산변경", "지출액"], ExecutionColumns.Appendix.Select(c => c.Label));
        Assert.DoesNotContain(ExecutionColumns.ForecastRate, ExecutionColumns.Printed);
        Assert.Equal(["당초", "추경", "예산변경"], ExecutionColumns.Composition.Select(c => c.Label));
    }

    [Fact]
    public void TheRulesAmountColumnsAreTheStatedExecutionColumnsInOrder() =>
        Assert.Equal(
            ExecutionColumns.All.Where(c => c.Origin != FigureOrigin.Computed).Select(c => c.Label),
            AmountColumn.All.Select(c => c.Label));

    [Fact]
    public void DepthCountsOnlyParentsInTheList()
    {
        ExecutionRow Node(string code, string? parent) => Row(1m, null, 1m) with { Code = code, ParentCode = parent };
        var depths = ExecutionHierarchy.Depths(new List<ExecutionRow> { Node("T", null), Node("P1", "T"), Node("P1.1", "P1"), Node("X.1", "X") });
        Assert.Equal(0, depths["T"]);
        Assert.Equal(2, depths["P1.1"]);
        Assert.Equal(0, depths["X.1"]); // its parent X is not listed
    }
}
