using Fifty.Ops.Infrastructure.Security;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;

namespace Fifty.Ops.Tests.Web;

public sealed class CampusPageTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ByDefaultThePageShowsNoDemoDataAndSaysMonthlyFiguresAreMissing()
    {
        var doc = new HtmlParser().ParseDocument(await (await factory.SharedClientAsync(AppRoles.Planner)).GetStringAsync(new Uri("/campuses?year=2023&quarter=3", UriKind.Relative)));
        Assert.DoesNotContain("예시 데이터", doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(6, doc.QuerySelectorAll(".campus-card").Length);
        Assert.Contains("입력된 월별 이용 자료가 없습니다", doc.Body.TextContent, StringComparison.Ordinal);
        var west = doc.QuerySelector("[data-table=campus-usage] tr[data-campus=west]")!;
        Assert.Contains("자료 미입력", west.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(">0<", west.InnerHtml, StringComparison.Ordinal);
        Assert.Null(doc.QuerySelector("[data-table=campus-usage] tr[data-campus=east]"));
        Assert.NotNull(doc.QuerySelector("figure[data-chart=usage-trend] svg"));
        Assert.NotNull(doc.QuerySelector("figure[data-chart=occupancy] svg"));
        // No file name, path or setting name on the page: sources are named as readers know them.
        Assert.DoesNotContain(".txt", doc.Body.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("seed-data", doc.Body.TextContent, StringComparison.Ordinal);
        Assert.Contains("2023년 11월 주요업무보고", doc.Body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The2020PageShowsTargetPaceTheDowntownCentreAndItsPlannedCostPerPerson()
    {
        var text = new HtmlParser().ParseDocument(await (await factory.SharedClientAsync(AppRoles.Planner)).GetStringAsync(new Uri("/campuses?year=2020&quarter=3", UriKind.Relative))).Body!.TextContent;
        Assert.Contains("60,809", text, StringComparison.Ordinal);
        Assert.Contains("진도 52.1%", text, StringComparison.Ordinal);
        Assert.Contains("159,536원/명", text, StringComparison.Ordinal);
        Assert.Contains("합계 (캠퍼스별 합산)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEntryPageRendersTheFormAndTheQuarterStates()
    {
        var doc = new HtmlParser().ParseDocument(await (await factory.SharedClientAsync(AppRoles.Planner)).GetStringAsync(new Uri("/campuses/entry?year=2023&quarter=3&campus=west", UriKind.Relative)));
        Assert.NotNull(doc.QuerySelector("form.entry-form .mud-select #entry-campus"));
        Assert.NotNull(doc.QuerySelector("input#entry-Visits"));
        // No 2023 Q4 period is opened in this app: its months take no entries (the one period rule), and the page says why.
        Assert.Contains("4분기: 보고 기간 없음 (입력 불가)", doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1분기: 마감", doc.Body.TextContent, StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector("[data-table=campus-months][data-campus=west] table"));
    }
}
