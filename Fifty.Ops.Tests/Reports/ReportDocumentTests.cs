using Fifty.Ops.Features.Reports;
using Fifty.Ops.Tests.Infrastructure;

namespace Fifty.Ops.Tests.Reports;

public sealed class ReportDocumentTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    private QuarterlyReportService Reports => ReportServices.Over(database);

    private Task<AngleSharp.Html.Dom.IHtmlDocument> Render(QuarterlyReport report) => ReportServices.RenderAsync(database, report);

    [Fact]
    public async Task EveryReportTableStatesItsUnitAndAsOfDate()
    {
        var doc = await Render((await Reports.GetAsync(2023, 3))!);
        var tables = doc.QuerySelectorAll("table");
        Assert.True(tables.Length > 20);
        Assert.All(tables, t =>
        {
            var caption = t.QuerySelector("caption")?.TextContent ?? "";
            Assert.Contains("단위 :", caption, StringComparison.Ordinal);
            Assert.Contains("기준", caption, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task TheReportFollowsTheFoundationsOutline()
    {
        var doc = await Render((await Reports.GetAsync(2023, 3))!);
        Assert.Equal("2023년 3분기 주요업무보고", doc.QuerySelector(".r-cover-title")!.TextContent);
        Assert.Equal(["Ⅰ. 일반현황", "Ⅱ. 운영방향", "Ⅲ. 주요사업", "Ⅳ. 캠퍼스 이용", "붙임. 2023년 예산 집행 현황"],
            doc.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()));
        Assert.Equal(13, doc.QuerySelectorAll(".r-project").Length);
        Assert.Contains("38,649,012", doc.QuerySelector("table.r-execution")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("인턴십 참여자 400명 ☞ 412명", doc.QuerySelector(".r-project")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingPartsSayWhatIsMissingInsteadOfDisappearing()
    {
        var doc = await Render((await Reports.GetAsync(2020, 3))!);
        var missing = doc.QuerySelectorAll(".r-missing").Select(m => m.TextContent).ToList();
        Assert.Contains("자료 없음: 2020년 세부사업별 예산 집행 현황 자료가 입력되지 않았습니다.", missing);
        Assert.NotNull(doc.QuerySelector("#appendix"));
    }

    [Fact]
    public async Task AnUnknownPeriodHasNoReport() => Assert.Null(await Reports.GetAsync(2021, 1));
}
