using Bunit;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.DataEntry;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Fifty.Ops.Tests.Components;

/// <summary>The close dialog says how complete the quarter is, per kind with a link to its entry page, and still closes.</summary>
public sealed class CloseDialogTests() : ComponentTestBase(interactive: true)
{
    private static readonly EntryProgress[] Progress =
    [
        new("성과지표 목표·실적·설명", "/entry/indicators?year=2024&quarter=1", 1, 20, "개 지표", ""),
        new("예산·집행 금액", "/entry/budget?year=2024&quarter=1", 2, 38, "개 세부사업·항목", ""),
        new("추진실적·향후계획", "/entry/narratives?year=2024&quarter=1", 0, 13, "개 사업", ""),
        new("캠퍼스 월별 이용", "/campuses/entry?year=2024&quarter=1", 0, 0, "개 캠퍼스·월", ""),
    ];

    [Fact]
    public async Task TheDialogListsWhatIsEnteredPerKindWithLinksWarnsAndStillConfirms()
    {
        var provider = Context.Render<MudDialogProvider>();
        var dialogs = Context.Services.GetRequiredService<IDialogService>();
        IDialogReference? reference = null;
        await provider.InvokeAsync(async () => reference = await dialogs.ShowAsync<CloseDialog>("2024년 1분기 마감",
            new DialogParameters<CloseDialog> { { d => d.PeriodName, "2024년 1분기" }, { d => d.Progress, Progress } }));

        var items = provider.WaitForElements(".close-completeness li");
        Assert.Equal(4, items.Count);
        Assert.Equal("20개 중 1개 입력", items[0].TextContent.Split(':')[1].Trim());
        Assert.Equal("/entry/budget?year=2024&quarter=1", items[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("38개 중 2개 입력", items[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("13개 중 0개 입력", items[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("입력되지 않은 자료가 있습니다", provider.Find(".close-warning").TextContent, StringComparison.Ordinal);

        provider.FindAll("button").Single(b => b.TextContent.Contains("마감 확정", StringComparison.Ordinal)).Click();
        var result = await reference!.Result;
        Assert.False(result!.Canceled);
    }
}
