using Fifty.Ops.Infrastructure.Security;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;

namespace Fifty.Ops.Tests.Web;

public sealed class DemoCampusPageTests(DemoAppFactory factory) : IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task WithTheDemoSettingTheGeneratedMonthsAppearAndEveryTableAndChartShowingThemIsBadged()
    {
        var doc = new HtmlParser().ParseDocument(await (await factory.SharedClientAsync(AppRoles.Planner)).GetStringAsync(new Uri("/campuses?year=2023&quarter=3", UriKind.Relative)));
        Assert.NotNull(doc.QuerySelector(".demo-banner"));
        Assert.NotNull(doc.QuerySelector("#campus-usage-h .badge-demo"));
        Assert.NotNull(doc.QuerySelector("[data-table=campus-usage] caption .badge-demo"));
        Assert.NotNull(doc.QuerySelector("figure[data-chart=campus-compare] .badge-demo"));
        Assert.NotNull(doc.QuerySelector("figure[data-chart=occupancy] .badge-demo"));
        Assert.DoesNotContain("Seed:Demo", doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("seed-data", doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector("[data-table=entered-occupancy] .badge-demo"));
        var west = doc.QuerySelector("[data-table=campus-usage] tr[data-campus=west]")!;
        Assert.DoesNotContain("자료 미입력", west.TextContent, StringComparison.Ordinal);
        Assert.Contains("자료 미입력 1개월", doc.QuerySelector("[data-table=campus-usage] tr[data-campus=north]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A2020PageHasNoDemoMonthsAndNoBadgeOnItsTables()
    {
        var doc = new HtmlParser().ParseDocument(await (await factory.SharedClientAsync(AppRoles.Planner)).GetStringAsync(new Uri("/campuses?year=2020&quarter=3", UriKind.Relative)));
        Assert.Null(doc.QuerySelector("#campus-usage-h .badge-demo"));
        Assert.Null(doc.QuerySelector("figure .badge-demo"));
        Assert.Null(doc.QuerySelector("table .badge-demo"));
    }
}
