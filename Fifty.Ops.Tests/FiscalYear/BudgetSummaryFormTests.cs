using Bunit;
using Fifty.Ops.Features.FiscalYear.Summary;
using Fifty.Ops.Tests.Components;

namespace Fifty.Ops.Tests.FiscalYear;

/// <summary>The 예산 총괄 form (bUnit): a refused field is named in Korean and nothing is sent to be saved.</summary>
public sealed class BudgetSummaryFormTests() : ComponentTestBase(interactive: true)
{
    private static BudgetSummaryForm Form() => new()
    {
        AsOf = "2024-01-01",
        Revenue = [new() { Item = "출연금 수익", Amount = "1,000" }, new() { Item = "보조금 수익", Amount = "500" }],
        Expenditure = [new() { Item = "사업비", Amount = "1,500" }],
    };

    private IRenderedComponent<BudgetSummaryFormView> Render(BudgetSummaryForm form, List<BudgetSummaryForm> saved, bool readOnly = false) =>
        Context.Render<BudgetSummaryFormView>(p => p
            .Add(c => c.Year, 2024)
            .Add(c => c.Form, form)
            .Add(c => c.ReadOnly, readOnly)
            .Add(c => c.OnSave, f => saved.Add(f)));

    /// <summary>The text a reader sees (white space runs as one space).</summary>
    private static string Text(IRenderedComponent<BudgetSummaryFormView> cut) =>
        System.Text.RegularExpressions.Regex.Replace(string.Concat(cut.Nodes.Select(n => n.TextContent)), @"\s+", " ");

    [Fact]
    public void AFullWidthAmountIsRefusedOnItsFieldAndSaveSendsNothing()
    {
        var saved = new List<BudgetSummaryForm>();
        var cut = Render(Form(), saved);
        cut.Find("input[aria-label='세출 1행 금액 (천원)']").Change("１,５００");
        cut.WaitForAssertion(() => Assert.Contains("세출 1행 금액: 전각 숫자(１２３)는 쓸 수 없습니다", Text(cut), StringComparison.Ordinal));
        Assert.Contains("세출 합계 (항목의 합, 계산): 계산할 수 없음", Text(cut), StringComparison.Ordinal);

        cut.Find("button[data-action='save-summary']").Click();
        Assert.Empty(saved);
        Assert.Contains("저장하지 않았습니다. 표시된 칸 1곳을 확인하세요", Text(cut), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1,500", "0 이상이어야 합니다")]
    [InlineData("천오백", "숫자가 아닙니다")]
    [InlineData("=A1*2", "수식은 받지 않습니다")]
    public void NegativeTextAndFormulaAmountsAreRefusedAndNotSaved(string typed, string expected)
    {
        var saved = new List<BudgetSummaryForm>();
        var cut = Render(Form(), saved);
        cut.Find("input[aria-label='세입 2행 금액 (천원)']").Change(typed);
        cut.WaitForAssertion(() => Assert.Contains($"세입 2행 금액: {expected}", Text(cut), StringComparison.Ordinal));
        cut.Find("button[data-action='save-summary']").Click();
        Assert.Empty(saved);
    }

    [Fact]
    public void AValidFormShowsItsComputedTotalsAndIsSentOnce()
    {
        var saved = new List<BudgetSummaryForm>();
        var cut = Render(Form(), saved);
        Assert.Contains("세입 합계 (항목의 합, 계산): 1,500 천원", Text(cut), StringComparison.Ordinal);
        Assert.Contains("세입 합계와 세출 합계가 같습니다 (1,500 천원).", Text(cut), StringComparison.Ordinal);
        cut.Find("input[aria-label='세출 1행 금액 (천원)']").Change("1,400");
        cut.WaitForAssertion(() => Assert.Contains("세입 합계 1,500 천원과 세출 합계 1,400 천원이 다릅니다 (차이 100 천원)", Text(cut), StringComparison.Ordinal));

        cut.Find("button[data-action='save-summary']").Click();
        var form = Assert.Single(saved);
        Assert.Equal("1,400", form.Expenditure[0].Amount);
        Assert.Contains("천원", cut.Find("input[aria-label='세입 1행 금액 (천원)']").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AReaderSeesTheFiguresWithoutASaveButtonOrEditableFields()
    {
        var cut = Render(Form(), [], readOnly: true);
        Assert.Empty(cut.FindAll("button[data-action='save-summary']"));
        Assert.All(cut.FindAll("input"), i => Assert.True(i.HasAttribute("readonly")));
        Assert.Contains("1,500 천원", Text(cut), StringComparison.Ordinal);
    }
}
