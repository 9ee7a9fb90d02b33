using Bunit;
using Fifty.Ops.Components.Charts;
using Fifty.Ops.Features.Indicators;

namespace Fifty.Ops.Tests.Components;

/// <summary>The screen charts on MudChart: the series hold the figures of the table they picture, gaps stay gaps.</summary>
public sealed class ChartRenderTests : ComponentTestBase
{
    private static readonly TrendPoint[] Trend =
    [
        new(2018, 620, "620", new DateOnly(2018, 12, 31), 600),
        new(2019, null, "진행중", null, 800),
        new(2020, 540, "540", new DateOnly(2020, 7, 31), 400),
    ];

    [Fact]
    public void TheTrendChartDrawsActualsAndTargetsByYearWithAGapForAYearWithoutAFigure()
    {
        var chart = Context.Render<IndicatorTrendChart>(p => p
            .Add(c => c.Points, Trend).Add(c => c.Year, 2020).Add(c => c.Unit, "명").Add(c => c.Title, "앙코르 연도별 실적"));

        var series = chart.Instance.Series;
        Assert.Equal(["실적", "2020년 목표"], series.Select(s => s.Name));
        Assert.Equal([620d, null, 540d], series[0].Data.Points.Select(p => p.HasValue ? (double?)p.Y : null));
        Assert.Equal([400d, 400d, 400d], series[1].Data.Points.Select(p => (double?)p.Y)); // the reference line
        Assert.Equal(["2018", "2019", "2020 (7월말)"], chart.Instance.Labels);

        Assert.NotEmpty(chart.FindAll("figure.trend-chart svg")); // MudChart's own SVG
        Assert.Equal(3, chart.FindAll("li[data-year]").Count);
        Assert.Contains("2019년 실적 진행중 · 목표 800명", chart.Find("li[data-year='2019']").TextContent, StringComparison.Ordinal);
        Assert.Equal("2020년 목표 400명", chart.Find(".target-label").TextContent);
        Assert.Contains("단위 : 명", chart.Find("figcaption").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutATargetForTheShownYearEachYearsOwnTargetIsDrawn()
    {
        var chart = Context.Render<IndicatorTrendChart>(p => p
            .Add(c => c.Points, Trend).Add(c => c.Year, 2021).Add(c => c.Unit, "명").Add(c => c.Title, "t"));

        Assert.Equal("연도별 목표", chart.Instance.Series[1].Name);
        Assert.Equal([600d, 800d, 400d], chart.Instance.Series[1].Data.Points.Select(p => (double?)p.Y));
        Assert.Empty(chart.FindAll(".target-label"));
    }

    [Fact]
    public void TheTrendChartHasNoTargetLineWhenNoYearHasATarget()
    {
        var chart = Context.Render<IndicatorTrendChart>(p => p
            .Add(c => c.Points, Trend.Select(t => t with { Target = null }).ToList()).Add(c => c.Year, 2020).Add(c => c.Unit, "명").Add(c => c.Title, "t"));

        Assert.Equal(["실적"], chart.Instance.Series.Select(s => s.Name));
        Assert.Empty(chart.FindAll(".target-label"));
    }

    [Fact]
    public void ABarFigureDrawsEachSeriesPerCategoryScalesRatesAndNotesPartialFigures()
    {
        var figure = Context.Render<BarFigure>(p => p
            .Add(c => c.Id, "occupancy").Add(c => c.Title, "공유사무실 사용률").Add(c => c.Unit, "%")
            .Add(c => c.Categories, ["서부", "중부"])
            .Add(c => c.Series, [new ChartSeries("보고서", "series-1", [0.875m, null])])
            .Add(c => c.CategoryNotes, [null, "미입력 2개월"])
            .Add(c => c.Scale, 100m)
            .Add(c => c.Format, v => Fifty.Ops.Components.Fmt.Percent(v)));

        var series = Assert.Single(figure.Instance.MudSeries);
        Assert.Equal([87.5d, null], series.Data.Points.Select(p => p.HasValue ? (double?)p.Y : null));
        Assert.Equal(["서부", "중부 (미입력 2개월)"], figure.Instance.Labels);
        Assert.Equal("occupancy", figure.Find("figure").GetAttribute("data-chart"));
        Assert.Contains("보고서 87.5%", figure.Find("li[data-category='서부']").TextContent, StringComparison.Ordinal);
        Assert.Contains("보고서 자료 없음", figure.Find("li[data-category='중부']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ABarFigureWithoutAnyValueSaysSoInsteadOfDrawingZeros()
    {
        var figure = Context.Render<BarFigure>(p => p
            .Add(c => c.Id, "campus-compare").Add(c => c.Title, "캠퍼스별 방문").Add(c => c.Unit, "명")
            .Add(c => c.Categories, ["서부"]).Add(c => c.Series, [new ChartSeries("방문", "series-1", [null])])
            .Add(c => c.EmptyText, "월별 자료가 입력되면 비교합니다."));

        Assert.Empty(figure.FindAll("svg"));
        Assert.Contains("값이 있는 항목이 없어 그림을 그리지 않습니다. 월별 자료가 입력되면 비교합니다.", figure.Find("p.chart-empty").TextContent, StringComparison.Ordinal);
    }
}
