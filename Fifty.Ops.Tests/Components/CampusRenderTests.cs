using AngleSharp.Html.Parser;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Campuses;

namespace Fifty.Ops.Tests.Components;

public sealed class CampusRenderTests
{
    private static CampusCard Card(string code, CampusStatus status, string? olderFacts = null) =>
        new(code, "서울시50플러스 " + code, CampusKind.Campus, status, status == CampusStatus.Operating ? new DateOnly(2016, 5, 2) : null,
            status == CampusStatus.Planned ? "2024.4월 예정" : "2016.5.2.", "은평구 통일로 684", 3956m, null, "지하1~지상4층",
            olderFacts is null ? null : "모두의 카페, 상담센터", null, 2023, "2023-11_50plus_work_report.txt › Ⅰ.4 주요 시설현황", olderFacts, olderFacts is null ? null : 2020);

    [Fact]
    public async Task ACardShowsOpeningAddressAreaFloorsRoomsStatusAndWhichReportEachFactIsFrom()
    {
        var html = await IndicatorTableRenderTests.RenderAsync<CampusCardView>(new() { ["Card"] = Card("west", CampusStatus.Operating, "주요시설") });
        var card = new HtmlParser().ParseDocument(html).QuerySelector("article.campus-card[data-code=west]")!;
        Assert.Equal("운영 중", card.QuerySelector(".badge-status")!.TextContent);
        Assert.Contains("status-operating", card.QuerySelector(".badge-status")!.ClassName, StringComparison.Ordinal);
        var facts = card.QuerySelectorAll("dd").Select(d => d.TextContent).ToList();
        Assert.Equal(["2016. 5. 2.", "은평구 통일로 684", "3,956㎡", "지하1~지상4층", "모두의 카페, 상담센터"], facts);
        Assert.Equal("2023년 보고서 기준 · 주요시설은 2020년 보고서", card.QuerySelector(".card-source")!.TextContent);
    }

    [Fact]
    public async Task APlannedCampusShowsItsPlannedOpeningAsPrintedAndNoRoomsRow()
    {
        var html = await IndicatorTableRenderTests.RenderAsync<CampusCardView>(new() { ["Card"] = Card("east", CampusStatus.Planned) });
        var card = new HtmlParser().ParseDocument(html).QuerySelector("article")!;
        Assert.Equal("개관 예정", card.QuerySelector(".badge-status")!.TextContent);
        Assert.Equal("2024.4월 예정", card.QuerySelector("dd")!.TextContent);
        Assert.DoesNotContain(card.QuerySelectorAll("dt"), dt => dt.TextContent == "주요시설");
        Assert.Equal("2023년 보고서 기준", card.QuerySelector(".card-source")!.TextContent);
    }

    [Fact]
    public async Task TheMonthTableShowsGapsAsMissingAndQuarterTotalsWithTheirMissingCount()
    {
        MonthlyUsage?[] months = new MonthlyUsage?[12];
        months[0] = new MonthlyUsage(1, 100, null, 5, 3, 20, false);
        months[2] = new MonthlyUsage(3, 300, null, 7, 4, 24, true);
        var list = months.Where(m => m is not null).Select(m => m!).ToList();
        var due = new DueMonths(1, 9);
        var table = new CampusMonthTable("west", "서울시50플러스 서부캠퍼스", "서부캠퍼스", true, null, 48, due, months,
            [.. UsageAggregation.Metrics.Select(m => MetricTotals.Of(list, m, due))]);
        var quarters = Enumerable.Range(1, 4).Select(q => new QuarterState(q, q <= 3, q <= 3 ? "2023년 3분기 마감" : null)).ToList();

        var html = await IndicatorTableRenderTests.RenderAsync<CampusMonthTableView>(new()
        {
            ["Table"] = table, ["Year"] = 2023, ["CutoffMonth"] = 9, ["Quarters"] = quarters, ["AsOf"] = new DateOnly(2023, 9, 30),
        });
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Equal("자료 미입력", doc.QuerySelector("tr[data-month='2'] td[data-metric=Visits]")!.TextContent.Trim());
        Assert.Equal("—", doc.QuerySelector("tr[data-month='10'] td[data-metric=Visits]")!.TextContent.Trim());
        var q1 = doc.QuerySelector("tr[data-period=Q1] td[data-metric=Visits]")!;
        Assert.Equal("400", q1.QuerySelector(".usage-value")!.TextContent);
        Assert.Equal("자료 미입력 1개월", q1.QuerySelector(".missing-flag")!.TextContent);
        Assert.Contains("(3월)", doc.QuerySelector("tr[data-period=Q1] td[data-metric=OccupiedSeats]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("자료 미입력 3개월", doc.QuerySelector("tr[data-period=Q3] td[data-metric=Visits]")!.TextContent.Trim());
        Assert.Equal("—", doc.QuerySelector("tr[data-period=Q4] td[data-metric=Visits]")!.TextContent.Trim());
        Assert.Contains("예시 데이터", doc.QuerySelector("tr[data-month='3']")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("예시 데이터", doc.QuerySelector("tr[data-month='1']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("50.0%", doc.QuerySelector("tr[data-period=Q1] td:last-child")!.TextContent.Trim()); // 24 ÷ 48
        Assert.Contains("단위", doc.QuerySelector("caption")!.TextContent, StringComparison.Ordinal);
    }
}
