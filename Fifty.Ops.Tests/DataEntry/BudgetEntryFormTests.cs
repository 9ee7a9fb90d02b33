using Bunit;
using Fifty.Ops.Domain;
using Fifty.Ops.Features;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Tests.Components;
using Fifty.Ops.Infrastructure.Reading;

namespace Fifty.Ops.Tests.DataEntry;

public sealed class BudgetEntryFormTests() : ComponentTestBase(interactive: true)
{
    private static readonly BudgetEntryRow Row = new("P1.2.1", "생애전환기 맞춤 상담", "일자리", FundingSource.Contribution,
        new BudgetReference("2023년 3분기 보고서", new BudgetAmounts(100_000m, 90_000m, 10_000m, null, 60_000m, 50_000m, null)),
        null, 0, null, null);

    private int _saves;

    private IRenderedComponent<BudgetEntryFormView> Render(Func<BudgetEntryForm, Task<WriteResult>>? save = null) =>
        Context.Render<BudgetEntryFormView>(p => p
            .Add(f => f.Row, Row)
            .Add(f => f.Save, save ?? (form =>
            {
                _saves++;
                return Task.FromResult(WriteResult.Ok("저장했습니다.", "1"));
            }))
            .Add(f => f.Close, () => { }));

    [Theory]
    [InlineData("Disbursed", "=SUM(A1:A3)", "지출액: ")]
    [InlineData("Disbursed", "2023-10-31", "지출액: ")]
    [InlineData("Committed", "-5,000", "원인행위액: ")]
    [InlineData("CurrentBudget", "1234567890123", "예산현액: ")]
    [InlineData("Original", "3만", "당초: ")]
    public void ABadAmountIsRefusedInKoreanUnderItsFieldKeepsTheTextAndIsNotSaved(string field, string typed, string label)
    {
        var form = Render();
        form.Find($"#budget-P1\\.2\\.1-{field}").Input(typed);
        form.Find("button.save-button").Click();

        var error = form.WaitForElement($"#budget-P1\\.2\\.1-{field}-error");
        Assert.StartsWith(label, error.TextContent.Trim(), StringComparison.Ordinal);
        Assert.EndsWith($"(입력: {typed})", error.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(typed, form.Find($"#budget-P1\\.2\\.1-{field}").GetAttribute("value"));
        Assert.Equal("true", form.Find($"#budget-P1\\.2\\.1-{field}").GetAttribute("aria-invalid"));
        Assert.Contains("입력값을 확인하세요", form.Find(".form-errors").TextContent, StringComparison.Ordinal);
        Assert.Equal(0, _saves);
        // Only the bad field is marked.
        Assert.Empty(form.FindAll("#budget-P1\\.2\\.1-Supplementary-error"));
    }

    [Fact]
    public void EachAmountShowsItsUnitAndTheReportsFigureBesideIt()
    {
        var form = Render();
        var field = form.Find("[data-field=Disbursed]");
        Assert.Contains("천원", field.QuerySelector(".mud-input-adornment")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("참고: 50,000", field.TextContent, StringComparison.Ordinal);
        Assert.Equal("지출액", form.Find("label[for='budget-P1.2.1-Disbursed']").TextContent.Trim());
    }

    [Fact]
    public void AFullWidthAmountIsRefusedUnderItsFieldNamingItAndIsNotSaved()
    {
        // The product brief's rule (decision 0010, amended by issue 17): a full-width digit is refused, not read.
        Assert.Equal($"연말 집행예상액: {NumberText.FullWidthDigits} (입력: １２,０００)", BudgetEntryService.Check(BudgetField.Forecast, "１２,０００", out var value));
        Assert.Null(value);

        var form = Render();
        form.Find("#budget-P1\\.2\\.1-Disbursed").Input("１２,０００");
        form.Find("button.save-button").Click();
        var error = form.WaitForElement("#budget-P1\\.2\\.1-Disbursed-error");
        Assert.Equal($"지출액: {NumberText.FullWidthDigits} (입력: １２,０００)", error.TextContent.Trim());
        Assert.Equal("１２,０００", form.Find("#budget-P1\\.2\\.1-Disbursed").GetAttribute("value"));
        Assert.Equal(0, _saves);
    }

    [Fact]
    public void ANegativeSupplementaryIsAcceptedAndSaved()
    {
        var form = Render();
        form.Find("#budget-P1\\.2\\.1-Supplementary").Input("△48,608");
        form.Find("button.save-button").Click();
        form.WaitForAssertion(() => Assert.Equal(1, _saves));
        Assert.Contains("저장했습니다.", form.Find(".form-saved").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void WhileASaveRunsTheButtonIsDisabledAndASecondClickSavesNothingMore()
    {
        var pending = new TaskCompletionSource<WriteResult>();
        var calls = 0;
        var form = Render(_ =>
        {
            calls++;
            return pending.Task;
        });
        form.Find("#budget-P1\\.2\\.1-Disbursed").Input("30,000");
        form.Find("button.save-button").Click();

        form.WaitForAssertion(() => Assert.True(form.Find("button.save-button").HasAttribute("disabled")));
        Assert.Contains("저장 중", form.Find("button.save-button").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", form.Find("button.save-button").GetAttribute("aria-busy"));
        Assert.Equal(1, calls);

        pending.SetResult(WriteResult.Ok("P1.2.1 생애전환기 맞춤 상담: 2023년 4분기 금액을 저장했습니다.", "1"));
        form.WaitForAssertion(() => Assert.False(form.Find("button.save-button").HasAttribute("disabled")));
        Assert.Equal(1, calls);
        Assert.Equal("30,000", form.Find("#budget-P1\\.2\\.1-Disbursed").GetAttribute("value"));
    }

    [Fact]
    public void AServerRefusalOfAFieldShowsUnderItUntilTheFieldIsChanged()
    {
        var form = Render(_ => Task.FromResult(WriteResult.Fail("Committed", "원인행위액: 서버가 거부한 이유")));
        form.Find("#budget-P1\\.2\\.1-Committed").Input("10");
        form.Find("button.save-button").Click();
        form.WaitForAssertion(() => Assert.Equal("원인행위액: 서버가 거부한 이유", form.Find("#budget-P1\\.2\\.1-Committed-error").TextContent.Trim()));

        form.Find("#budget-P1\\.2\\.1-Committed").Input("11");
        form.WaitForAssertion(() => Assert.Empty(form.FindAll("#budget-P1\\.2\\.1-Committed-error")));
    }
}
