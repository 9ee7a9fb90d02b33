using System.Net;
using AngleSharp.Html.Parser;
using Fifty.Ops.Infrastructure.Security;

namespace Fifty.Ops.Tests.Web;

public sealed class IndicatorPageTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private async Task<AngleSharp.Html.Dom.IHtmlDocument> Get(string url, string role = AppRoles.Planner)
    {
        var client = await factory.CreateClientAsync(role);
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheStatusFilterInTheAddressShowsOnlyThatStatus()
    {
        var doc = await Get("/indicators?year=2020&quarter=3&status=shortfall");
        var rows = doc.QuerySelectorAll("tr.indicator-row a.indicator-link[data-code]");
        Assert.Equal(5, rows.Length);
        Assert.All(rows, r => Assert.Equal("shortfall", r.GetAttribute("data-status")));
        Assert.All(rows, r => Assert.Equal("미달", r.Closest("tr")!.QuerySelector(".status")!.TextContent.Trim()));
        Assert.Contains("5개 표시 / 전체 15개", doc.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOverviewCountsStatusesAndLinksIntoTheFilteredList()
    {
        var doc = await Get("/?year=2020&quarter=3");
        var links = doc.QuerySelectorAll(".overview-status a.status-filter");
        Assert.Equal(5, links.Length);
        var shortfall = links.Single(a => a.GetAttribute("data-status") == "shortfall");
        Assert.Equal("indicators?year=2020&quarter=3&status=shortfall", shortfall.GetAttribute("href"));
        Assert.Contains("5개", shortfall.TextContent, StringComparison.Ordinal);
        Assert.Equal(15, links.Sum(a => int.Parse(a.QuerySelector("strong")!.TextContent, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task TheDetailPageShowsTheChartWithItsTargetTheRawValuesAndTheCommentaryForm()
    {
        var list = await Get("/indicators?year=2020&quarter=3");
        var href = list.QuerySelector("a.indicator-link[data-code='I2020-04']")!.GetAttribute("href")!;

        var doc = await Get("/" + href);
        Assert.Equal("50+상담센터 전체 상담건수 (1:1컨설턴트 상담건수)", doc.QuerySelector("h1")!.TextContent.Trim());
        var chart = doc.QuerySelector("figure.trend-chart")!;
        Assert.NotNull(chart.QuerySelector("svg")); // MudChart's picture, prerendered
        Assert.Equal(5, chart.QuerySelectorAll("li[data-year]").Length);
        Assert.Contains("2020년 목표 22,000건", chart.TextContent, StringComparison.Ordinal);
        Assert.Contains("27,685 (5,383)", doc.QuerySelector(".value-table table")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("설명 필요", doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector("form textarea#cause"));
    }

    [Fact]
    public async Task AClosedQuartersCommentaryIsShownReadOnlyWithANoticeAndNoSaveButton()
    {
        var list = await Get("/indicators?year=2020&quarter=3");
        var href = list.QuerySelector("a.indicator-link[data-code='I2020-04']")!.GetAttribute("href")!;

        var doc = await Get("/" + href);
        var form = doc.QuerySelector("form.form-card")!;
        Assert.Contains("마감된 분기입니다", form.QuerySelector(".commentary-locked")!.TextContent, StringComparison.Ordinal);
        Assert.True(form.QuerySelector("textarea#cause")!.HasAttribute("readonly"));
        Assert.True(form.QuerySelector("textarea#action")!.HasAttribute("readonly"));
        Assert.Null(form.QuerySelector("button[type=submit]"));
    }

    [Fact]
    public async Task AnUnknownIndicatorSaysSo()
    {
        var doc = await Get("/indicators/987654");
        Assert.Contains("지표(번호 987654)를 찾을 수 없습니다", doc.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadlinesLinkToProjectPagesThatExist()
    {
        var list = await Get("/indicators?year=2023&quarter=3");
        var projectLinks = list.QuerySelector("a.indicator-link[data-code='H2023-08']")!.Closest("tr")!.QuerySelectorAll("a.project-link").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(["projects/J4.1.1?year=2023", "projects/J4.2.1?year=2023"], projectLinks);

        var project = await Get("/" + projectLinks[0]);
        Assert.Equal("생애전환기 맞춤 상담 및 경력설계 프로그램 지원", project.QuerySelector("h1")!.FirstChild!.TextContent.Trim());
        Assert.Contains("8,970건", project.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("추진실적", project.Body!.TextContent, StringComparison.Ordinal);
    }
}
