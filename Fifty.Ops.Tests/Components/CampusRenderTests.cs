using Bunit;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Campuses;

namespace Fifty.Ops.Tests.Components;

public sealed class CampusRenderTests : ComponentTestBase
{
    private static CampusCard Card(string code, CampusStatus status, string? olderFacts = null) =>
        new(code, "서울시50플러스 " + code, CampusKind.Campus, status, status == CampusStatus.Operating ? new DateOnly(2016, 5, 2) : null,
            status == CampusStatus.Planned ? "2024.4월 예정" : "2016.5.2.", "은평구 통일로 684", 3956m, null, "지하1~지상4층",
            olderFacts is null ? null : "모두의 카페, 상담센터", null, 2023, "2023-11_50plus_work_report.txt › Ⅰ.4 주요 시설현황", olderFacts, olderFacts is null ? null : 2020);

    [Fact]
    public void ACardShowsOpeningAddressAreaFloorsRoomsStatusAndWhichReportEachFactIsFrom()
    {
        var card = Context.Render<CampusCardView>(p => p.Add(c => c.Card, Card("west", CampusStatus.Operating, "주요시설")))
            .Find(".campus-card[data-code=west]");
        Assert.Equal("운영 중", card.QuerySelector(".badge-status")!.TextContent);
        Assert.Contains("status-operating", card.QuerySelector(".badge-status")!.ClassName, StringComparison.Ordinal);
        var facts = card.QuerySelectorAll("dd").Select(d => d.TextContent).ToList();
        Assert.Equal(["2016. 5. 2.", "은평구 통일로 684", "3,956㎡", "지하1~지상4층", "모두의 카페, 상담센터"], facts);
        Assert.Equal("2023년 보고서 기준 · 주요시설은 2020년 보고서", card.QuerySelector(".card-source")!.TextContent);
    }

    [Fact]
    public void APlannedCampusShowsItsPlannedOpeningAsPrintedAndNoRoomsRow()
    {
        var card = Context.Render<CampusCardView>(p => p.Add(c => c.Card, Card("east", CampusStatus.Planned))).Find(".campus-card");
        Assert.Equal("개관 예정", card.QuerySelector(".badge-status")!.TextContent);
        Assert.Equal("2024.4월 예정", card.QuerySelector("dd")!.TextContent);
        Assert.Equal(["개관일", "위치", "연면적", "규모"], card.QuerySelectorAll("dt").Select(dt => dt.TextContent)); // no 주요시설
        Assert.Equal("2023년 보고서 기준", card.QuerySelector(".card-source")!.TextContent);
    }

    [Fact]
    public void TheMonthTableShowsGapsAsMissingAndQuarterTotalsWithTheirMissingCount()
    {
        MonthlyUsage?[] months = new MonthlyUsage?[12];
        months[0] = new MonthlyUsage(1, 100, null, 5, 3, 20, false);
        months[2] = new MonthlyUsage(3, 300, null, 7, 4, 24, true);
        var list = months.Where(m => m is not null).Select(m => m!).ToList();
        var due = new DueMonths(1, 9);
        var table = new CampusMonthTable("west", "서울시50플러스 서부캠퍼스", "서부캠퍼스", true, null, 48, due, months,
            [.. UsageAggregation.Metrics.Select(m => MetricTotals.Of(list, m, due))]);
        var quarters = Enumerable.Range(1, 4).Select(q => new QuarterState(q, q <= 3, q <= 3 ? "2023년 3분기 마감" : null)).ToList();

        var view = Context.Render<CampusMonthTableView>(p => p
            .Add(v => v.Table, table).Add(v => v.Year, 2023).Add(v => v.CutoffMonth, 9).Add(v => v.Quarters, quarters)
            .Add(v => v.AsOf, new DateOnly(2023, 9, 30)));
        Assert.Equal("자료 미입력", view.Find("tr[data-month='2'] td[data-metric=Visits]").TextContent.Trim());
        Assert.Equal("—", view.Find("tr[data-month='10'] td[data-metric=Visits]").TextContent.Trim());
        var q1 = view.Find("tr[data-period=Q1] td[data-metric=Visits]");
        Assert.Equal("400", q1.QuerySelector(".usage-value")!.TextContent);
        Assert.Equal("자료 미입력 1개월", q1.QuerySelector(".missing-flag")!.TextContent);
        Assert.Contains("(3월)", view.Find("tr[data-period=Q1] td[data-metric=OccupiedSeats]").TextContent, StringComparison.Ordinal);
        Assert.Equal("자료 미입력 3개월", view.Find("tr[data-period=Q3] td[data-metric=Visits]").TextContent.Trim());
        Assert.Equal("—", view.Find("tr[data-period=Q4] td[data-metric=Visits]").TextContent.Trim());
        Assert.Contains("예시 데이터", view.Find("tr[data-month='3']").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("예시 데이터", view.Find("tr[data-month='1']").TextContent, StringComparison.Ordinal);
        Assert.Equal("50.0%", view.Find("tr[data-period=Q1] td:last-child").TextContent.Trim()); // 24 ÷ 48
        Assert.Contains("단위", view.Find("caption").TextContent, StringComparison.Ordinal);
    }
}
