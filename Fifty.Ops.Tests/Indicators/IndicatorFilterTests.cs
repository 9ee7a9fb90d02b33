using Fifty.Ops.Domain;
using Fifty.Ops.Features.Indicators;

namespace Fifty.Ops.Tests.Indicators;

public sealed class IndicatorFilterTests
{
    private static IndicatorRow Row(string code, string field, decimal? target, decimal? actual, string? actualRaw = null)
    {
        var a = Achievement.Evaluate(target, actual, actualRaw ?? actual?.ToString(System.Globalization.CultureInfo.InvariantCulture), Direction.Higher, null, 2020, null);
        return new IndicatorRow(1, code, IndicatorKind.Promise, field, "지표 " + code, "명", [],
            target is null ? null : new IndicatorCell(2020, target.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), target, null, null),
            new IndicatorCell(2020, actualRaw ?? "", actual, null, null), null, a, null, null, "test");
    }

    private static readonly IndicatorRow[] Rows =
    [
        Row("A", "정책개발", 100, 135),   // 135% 달성
        Row("B", "정책개발", 100, 50),    // 50% 미달
        Row("C", "캠퍼스활성화", 100, 95), // 95% 주의
        Row("D", "캠퍼스활성화", 12, null, "진행중"),
    ];

    [Fact]
    public void FiltersByStatusAndField()
    {
        Assert.Equal(["B"], IndicatorFilter.Parse(null, "shortfall", null, null).Apply(Rows).Select(r => r.Code));
        Assert.Equal(["C", "D"], IndicatorFilter.Parse("캠퍼스활성화", null, null, null).Apply(Rows).Select(r => r.Code));
        Assert.Empty(IndicatorFilter.Parse("정책개발", "caution", null, null).Apply(Rows));
    }

    [Fact]
    public void UnknownFilterValuesAreIgnoredRatherThanFailing()
    {
        var filter = IndicatorFilter.Parse("", "bogus", "nonsense", null);
        Assert.Equal(IndicatorFilter.None, filter);
        Assert.Equal(4, filter.Apply(Rows).Count);
    }

    [Fact]
    public void SortingByRatePutsIndicatorsWithoutARateLastInEitherDirection()
    {
        Assert.Equal(["B", "C", "A", "D"], IndicatorFilter.Parse(null, null, "rate", false).Apply(Rows).Select(r => r.Code));
        Assert.Equal(["A", "C", "B", "D"], IndicatorFilter.Parse(null, null, "rate", true).Apply(Rows).Select(r => r.Code));
    }

    [Fact]
    public void SortingByStatusPutsTheWorstFirst() =>
        Assert.Equal(["B", "C", "D", "A"], IndicatorFilter.Parse(null, null, "status", false).Apply(Rows).Select(r => r.Code));

    [Fact]
    public void ClickingTheSortedColumnAgainFlipsTheOrder()
    {
        var byRate = IndicatorFilter.None.SortBy(IndicatorSort.Rate);
        Assert.True(byRate.Descending);
        Assert.False(byRate.SortBy(IndicatorSort.Rate).Descending);
        Assert.False(byRate.SortBy(IndicatorSort.Name).Descending);
    }

    [Fact]
    public void LinksCarryThePeriodAndTheFilter()
    {
        Assert.Equal("indicators?year=2020&quarter=3&status=shortfall",
            IndicatorLinks.List(2020, 3, IndicatorFilter.None with { Status = AchievementStatus.Shortfall }));
        Assert.Equal("indicators?field=%EC%A0%95%EC%B1%85%EA%B0%9C%EB%B0%9C&sort=rate&desc=true",
            IndicatorLinks.List(null, null, new IndicatorFilter("정책개발", null, IndicatorSort.Rate, true)));
        Assert.Equal("indicators/7?year=2023&quarter=3", IndicatorLinks.Detail(7, 2023, 3));
    }
}
