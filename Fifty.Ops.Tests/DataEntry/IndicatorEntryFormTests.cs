using Bunit;
using Fifty.Ops.Domain;
using Fifty.Ops.Features;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Tests.Components;

namespace Fifty.Ops.Tests.DataEntry;

/// <summary>The indicator entry form says which value is in force: this quarter's saved entry once there is one.</summary>
public sealed class IndicatorEntryFormTests() : ComponentTestBase(interactive: true)
{
    private static readonly EntryPeriodState Period = new(2024, 1, new DateOnly(2024, 3, 31), "2024년 1분기", false, null);

    private static IndicatorEntryRow Row(EnteredCell? actual) => new(7, "T2024-1.1.1", IndicatorKind.Project, "일자리", "중장년 인턴십 · 참여자", "명",
        new InForceCell("400", "2023년 체계에서 이월", null), null, null, actual, "", "", 0, null, null);

    private IRenderedComponent<IndicatorEntryFormView> Render(IndicatorEntryRow row) =>
        Context.Render<IndicatorEntryFormView>(p => p
            .Add(f => f.Row, row)
            .Add(f => f.Period, Period)
            .Add(f => f.Save, _ => Task.FromResult(WriteResult.Ok("저장했습니다.", "1")))
            .Add(f => f.Close, () => { }));

    [Fact]
    public void AfterSavingTheFormShowsTheEntryAsInForceInsteadOfNone()
    {
        var form = Render(Row(null));
        Assert.Contains("적용 중: 없음", form.Find("[data-field=Actual]").TextContent, StringComparison.Ordinal);
        Assert.Contains("적용 중: 400 (2023년 체계에서 이월)", form.Find("[data-field=Target]").TextContent, StringComparison.Ordinal);

        // The page reloads its rows after a save and passes the saved row back in.
        form.Render(p => p.Add(f => f.Row, Row(new EnteredCell("310", 1, "김기획", DateTimeOffset.UtcNow))));
        var actual = form.Find("[data-field=Actual]").TextContent;
        Assert.Contains("적용 중: 이 분기 입력 310 · 비우면 없음", actual, StringComparison.Ordinal);
        Assert.DoesNotContain("적용 중: 없음", actual, StringComparison.Ordinal);
    }
}
