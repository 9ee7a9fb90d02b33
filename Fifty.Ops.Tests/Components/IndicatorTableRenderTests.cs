using AngleSharp.Dom;
using Bunit;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.Periods;

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

    private IRenderedComponent<IndicatorTable> Render(IReadOnlyList<IndicatorRow> rows, bool grouped = true, PeriodDto? prior = null) =>
        Context.Render<IndicatorTable>(p => p
            .Add(t => t.Rows, rows)
            .Add(t => t.HistoryYears, HistoryYears)
            .Add(t => t.Year, 2020)
            .Add(t => t.Quarter, 3)
            .Add(t => t.Grouped, grouped)
            .Add(t => t.PriorPeriod, prior));

    private static IElement RowOf(IRenderedComponent<IndicatorTable> table, string code) =>
        table.Find($"a.indicator-link[data-code='{code}']").Closest("tr")!;

    [Fact]
    public void RendersRowsGroupedByFieldWithRateStatusIconAndWordTrendAndUnitCaption()
    {
        var table = Render(Rows);

        var encore = RowOf(table, "A");
        Assert.Contains("135.0%", encore.TextContent, StringComparison.Ordinal);
        var status = encore.QuerySelector(".status")!;
        Assert.Equal("달성", status.TextContent.Trim());
        Assert.NotNull(status.QuerySelector("svg.status-icon")); // the icon beside the word, not colour alone
        Assert.Equal("achieved", status.GetAttribute("data-status"));
        Assert.Equal("indicators/10?year=2020&quarter=3", encore.QuerySelector("a.indicator-link")!.GetAttribute("href"));
        Assert.Equal("실적 추이: 2018년 620명, 2019년 1,034명, 2020년 540명 (연중)", encore.QuerySelector("svg.sparkline")!.GetAttribute("aria-label"));
        Assert.Contains("indicator-row", encore.ClassName, StringComparison.Ordinal);

        var research = RowOf(table, "B");
        Assert.Contains("진행중", research.TextContent, StringComparison.Ordinal);
        Assert.Equal(Fifty.Ops.Components.Fmt.None, research.QuerySelector("td.rate")!.TextContent.Trim());
        Assert.Equal("진행중", research.QuerySelector(".status")!.TextContent.Trim());

        var campus = RowOf(table, "C");
        Assert.Contains("7월말 기준", campus.TextContent, StringComparison.Ordinal);
        Assert.Contains("진도 대비", campus.TextContent, StringComparison.Ordinal);
        Assert.Contains("설명 필요", campus.QuerySelector(".flag-explain")!.TextContent, StringComparison.Ordinal);
        Assert.Null(encore.QuerySelector(".flag-explain"));

        // One group header per 분야, in report order, with its count; the 분야 is not repeated per row.
        Assert.Equal(["50+일모델개발", "정책개발", "캠퍼스활성화"], table.FindAll(".group-title").Select(t => t.TextContent));
        Assert.Empty(table.FindAll("td.field"));
        var caption = table.Find(".grid-caption").TextContent;
        Assert.Contains("성과약속지표", caption, StringComparison.Ordinal);
        Assert.Contains("단위 : 지표별 단위, 달성률 %", caption, StringComparison.Ordinal);
        Assert.Contains("2020. 7. 31. 기준", caption, StringComparison.Ordinal);
        // Numbers are right-aligned cells.
        Assert.Contains("num", encore.QuerySelector("td.actual")!.ClassName, StringComparison.Ordinal);
        Assert.Equal("540", encore.QuerySelector("td.actual")!.ChildNodes.First(n => n.NodeType == NodeType.Text && n.TextContent.Trim().Length > 0).TextContent.Trim());
    }

    [Fact]
    public void AFlatListShowsTheFieldInEveryRowAndNoGroupHeaders()
    {
        var table = Render(IndicatorFilter.None.SortBy(IndicatorSort.Rate).Apply(Rows), grouped: false);

        Assert.Empty(table.FindAll(".group-title"));
        Assert.Equal(["A", "C", "B"], table.FindAll("a.indicator-link").Select(a => a.GetAttribute("data-code")));
        Assert.Equal("정책개발", RowOf(table, "B").QuerySelector("td.field")!.TextContent.Trim());
    }

    [Fact]
    public void ADraftTargetSaysDraftAndAnEnteredActualSaysEntered()
    {
        var row = Rows[0] with
        {
            Target = new IndicatorCell(2020, "400", 400, null, null) { IsDraft = true },
            Actual = new IndicatorCell(2020, "540", 540, null, MidYear) { IsEntered = true, EnteredBy = "김기획", EnteredAt = new DateTimeOffset(2020, 8, 3, 1, 0, 0, TimeSpan.Zero) },
        };

        var tr = RowOf(Render([row]), "A");

        Assert.Equal("초안", tr.QuerySelector("td.target .badge-draft")!.TextContent);
        Assert.Equal("입력 (김기획, 2020. 8. 3. 10:00 (KST))", tr.QuerySelector("td.actual .source")!.TextContent);
        Assert.Null(tr.QuerySelector("td.target .source"));
    }

    [Fact]
    public void ThePreviousYearsSameQuarterIsShownBesideThisYearsAndADashWhereNoIndicatorMatches()
    {
        var prior = new PeriodDto(2019, 3, new DateOnly(2019, 9, 30), "2019년 3분기", true);
        var lastYear = new PriorYearFigure(2019, 3, new IndicatorCell(2019, "500", 500, null, null), new IndicatorCell(2019, "450", 450, null, new DateOnly(2019, 9, 30)),
            Achievement.Evaluate(500, 450, "450", Direction.Higher, null, 2019, new DateOnly(2019, 9, 30)));
        var rows = new[] { Rows[0] with { PriorYear = lastYear }, Rows[1] };

        var table = Render(rows, prior: prior);

        Assert.Contains(table.FindAll("th"), th => th.TextContent.Contains("전년 동기 실적 (2019년 3분기)", StringComparison.Ordinal));
        var encore = RowOf(table, "A");
        Assert.Equal("450", encore.QuerySelector("td.prior-actual")!.TextContent.Trim());
        Assert.Equal("90.0%", encore.QuerySelector("td.prior-rate")!.TextContent.Trim());
        var research = RowOf(table, "B");
        Assert.Equal("—", research.QuerySelector("td.prior-actual")!.TextContent.Trim());
        Assert.Equal("—", research.QuerySelector("td.prior-rate")!.TextContent.Trim());

        // Without a previous-year period there is no comparison column at all.
        Assert.Empty(Render(rows).FindAll("td.prior-actual"));
    }

    [Theory]
    [InlineData(AchievementStatus.Achieved, "달성")]
    [InlineData(AchievementStatus.Caution, "주의")]
    [InlineData(AchievementStatus.Shortfall, "미달")]
    [InlineData(AchievementStatus.InProgress, "진행중")]
    [InlineData(AchievementStatus.NoData, "자료없음")]
    public void AStatusBadgeHasItsOwnIconAndItsWord(AchievementStatus status, string word)
    {
        var badge = Context.Render<StatusBadge>(p => p.Add(b => b.Status, status)).Find(".status");

        Assert.Equal(word, badge.TextContent.Trim());
        Assert.NotNull(badge.QuerySelector("svg.status-icon"));
        Assert.Equal("true", badge.QuerySelector("svg")!.GetAttribute("aria-hidden"));
        // Each status has an icon of its own (shape, not only colour).
        var others = Enum.GetValues<AchievementStatus>().Where(s => s != status).Select(StatusBadge.IconOf);
        Assert.DoesNotContain(StatusBadge.IconOf(status), others);
    }
}
