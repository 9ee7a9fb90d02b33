using Bunit;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Indicators;

namespace Fifty.Ops.Tests.Components;

public sealed class IndicatorTableRenderTests : ComponentTestBase
{
    private static readonly DateOnly MidYear = new(2020, 7, 31);
    private static readonly int[] HistoryYears = [2018, 2019];

    private static IndicatorRow Row(int id, string code, string field, string name, string target, string actual, decimal? value, bool needsExplanation = false)
    {
        var achievement = Achievement.Evaluate(decimal.Parse(target), value, actual, Direction.Higher, null, 2020, value is null ? null : MidYear);
        return new(id, code, IndicatorKind.Promise, field, name, "명",
            [new IndicatorCell(2018, "620", 620, null, null), new IndicatorCell(2019, "1,034", 1034, null, null)],
            new IndicatorCell(2020, target, decimal.Parse(target), null, null),
            new IndicatorCell(2020, actual, value, null, MidYear), null, achievement, null, null, "test")
        { NeedsExplanation = needsExplanation };
    }

    private static readonly IndicatorRow[] Rows =
    [
        Row(10, "A", "50+일모델개발", "앙코르 전직지원교육 참여자수", "400", "540", 540),
        Row(11, "B", "정책개발", "정책·기획연구(건수)", "12", "진행중", null),
        Row(12, "C", "캠퍼스활성화", "캠퍼스 교육과정 참여인원(실인원)", "12000", "3,142", 3142, needsExplanation: true),
    ];

    private IRenderedComponent<IndicatorTable> Render(IndicatorFilter filter) => Context.Render<IndicatorTable>(p => p
        .Add(t => t.Rows, filter.Apply(Rows))
        .Add(t => t.HistoryYears, HistoryYears)
        .Add(t => t.Year, 2020)
        .Add(t => t.Quarter, 3)
        .Add(t => t.Filter, filter)
        .Add(t => t.HrefFor, f => IndicatorLinks.List(2020, 3, f)));

    [Fact]
    public void RendersRowsGroupedByFieldWithRateStatusTrendAndUnitCaption()
    {
        var table = Render(IndicatorFilter.None);

        var encore = table.Find("tr[data-code=A]");
        Assert.Contains("135.0%", encore.TextContent, StringComparison.Ordinal);
        Assert.Contains("● 달성", encore.QuerySelector(".status")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("indicators/10?year=2020&quarter=3", encore.QuerySelector("a.indicator-link")!.GetAttribute("href"));
        Assert.Equal("실적 추이: 2018년 620명, 2019년 1,034명, 2020년 540명 (연중)", encore.QuerySelector("svg.sparkline")!.GetAttribute("aria-label"));

        var research = table.Find("tr[data-code=B]");
        Assert.Contains("진행중", research.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("%", research.QuerySelectorAll("td.num")[4].TextContent, StringComparison.Ordinal);

        var campus = table.Find("tr[data-code=C]");
        Assert.Contains("7월말 기준", campus.TextContent, StringComparison.Ordinal);
        Assert.Contains("진도 대비", campus.TextContent, StringComparison.Ordinal);
        Assert.Contains("설명 필요", campus.QuerySelector(".flag-explain")!.TextContent, StringComparison.Ordinal);
        Assert.Null(encore.QuerySelector(".flag-explain"));

        Assert.Equal(["50+일모델개발", "정책개발", "캠퍼스활성화"], table.FindAll("tr.group-row th").Select(th => th.TextContent));
        Assert.Contains("단위", table.Find("caption").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ASortedListIsFlatWithTheFieldPerRowAndMarksTheSortedColumn()
    {
        var table = Render(IndicatorFilter.None.SortBy(IndicatorSort.Rate));

        Assert.Equal(["A", "C", "B"], table.FindAll("tbody tr").Select(tr => tr.GetAttribute("data-code")));
        Assert.Empty(table.FindAll("tr.group-row")); // the three rows above are there, none of them a group header
        Assert.Equal("정책개발", table.Find("tr[data-code=B] td.field").TextContent);
        var sorted = table.Find("th[aria-sort]");
        Assert.Equal("descending", sorted.GetAttribute("aria-sort"));
        Assert.Contains("달성률", sorted.TextContent, StringComparison.Ordinal);
        // Clicking it again asks for ascending.
        Assert.Equal("indicators?year=2020&quarter=3&sort=rate", sorted.QuerySelector("a")!.GetAttribute("href"));
    }
}
