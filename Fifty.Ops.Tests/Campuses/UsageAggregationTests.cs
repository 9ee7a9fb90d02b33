using Fifty.Ops.Domain;
using Fifty.Ops.Features.Campuses;

namespace Fifty.Ops.Tests.Campuses;

public sealed class UsageAggregationTests
{
    private static MonthlyUsage M(int month, int? visits = null, int? occupied = null, int? communities = null, bool demo = false) =>
        new(month, visits, null, null, communities, occupied, demo);

    [Fact]
    public void AQuarterWithEveryMonthEnteredIsTheSumAndNotFlagged()
    {
        var q = UsageAggregation.Quarter([M(1, 100), M(2, 200), M(3, 300)], UsageMetric.Visits, 1, DueMonths.WholeYear);
        Assert.Equal(600, q.Value);
        Assert.Equal(3, q.DueMonths);
        Assert.Equal(0, q.MissingMonths);
        Assert.False(q.IsPartial);
    }

    [Fact]
    public void AQuarterWithAMissingMonthIsThePartialSumFlaggedWithTheMissingCount()
    {
        var q = UsageAggregation.Quarter([M(4, 100), M(6, 300)], UsageMetric.Visits, 2, DueMonths.WholeYear);
        Assert.Equal(400, q.Value);
        Assert.Equal(1, q.MissingMonths);
        Assert.True(q.IsPartial);
    }

    [Fact]
    public void AMonthRowWithoutTheMetricCountsAsMissingForThatMetricOnly()
    {
        MonthlyUsage[] months = [M(7, 100, occupied: 10), M(8, null, occupied: 11), M(9, 120, occupied: 12)];
        Assert.Equal(1, UsageAggregation.Quarter(months, UsageMetric.Visits, 3, DueMonths.WholeYear).MissingMonths);
        Assert.Equal(0, UsageAggregation.Quarter(months, UsageMetric.OccupiedSeats, 3, DueMonths.WholeYear).MissingMonths);
    }

    [Fact]
    public void AQuarterWithNothingEnteredHasNoValueRatherThanZero()
    {
        var q = UsageAggregation.Quarter([M(1, 5)], UsageMetric.Visits, 4, DueMonths.WholeYear);
        Assert.Null(q.Value);
        Assert.Equal(3, q.MissingMonths);
    }

    [Fact]
    public void MonthsBeforeOpeningAreNotMissing()
    {
        // Opened in March: January and February owe no figure, so only March can be missing in the first quarter.
        var q1 = UsageAggregation.Quarter([M(1, 10)], UsageMetric.Visits, 1, new DueMonths(3, 9));
        Assert.Equal(1, q1.DueMonths);
        Assert.Equal(1, q1.MissingMonths);
        Assert.Equal(10, q1.Value);
    }

    [Fact]
    public void AYearCountsMissingMonthsOnlyWithinTheDueRange()
    {
        var due = new DueMonths(3, 9);
        var year = UsageAggregation.Year([M(3, 10), M(4, 10), M(10, 50)], UsageMetric.Visits, due);
        Assert.Equal(70, year.Value);
        Assert.Equal(7, year.DueMonths);
        Assert.Equal(5, year.MissingMonths);
        var q4 = UsageAggregation.Quarter([], UsageMetric.Visits, 4, due);
        Assert.Equal(0, q4.DueMonths);
        Assert.Equal(0, q4.MissingMonths);
        Assert.Null(q4.Value);
    }

    [Fact]
    public void StocksTakeTheLatestEnteredMonthOfThePeriodInsteadOfASum()
    {
        var q = UsageAggregation.Quarter([M(1, occupied: 20, communities: 7), M(2, occupied: 25, communities: 9)], UsageMetric.OccupiedSeats, 1, DueMonths.WholeYear);
        Assert.Equal(25, q.Value);
        Assert.Equal(2, q.ValueMonth);
        Assert.Equal(1, q.MissingMonths);
        Assert.Equal(9, UsageAggregation.Quarter([M(1, communities: 7), M(2, communities: 9)], UsageMetric.Communities, 1, DueMonths.WholeYear).Value);
    }

    [Fact]
    public void CombiningCampusesAddsValuesAndKeepsTheirMissingMonths()
    {
        var a = new UsageTotal(100, 3, 0, null, false);
        var b = new UsageTotal(50, 3, 1, null, true);
        var none = new UsageTotal(null, 3, 3, null, false);
        var total = UsageAggregation.Combine([a, b, none]);
        Assert.Equal(150, total.Value);
        Assert.Equal(4, total.MissingMonths);
        Assert.True(total.IncludesDemo);
        Assert.Null(UsageAggregation.Combine([none]).Value);
    }

    [Fact]
    public void APlannersEntryWinsOverADemoRowAndDemoRowsVanishWhenTheSettingIsOff()
    {
        MonthlyUsage[] rows = [M(1, 999, demo: true), M(1, 100), M(2, 200, demo: true)];
        var on = UsageAggregation.Merge(rows, includeDemo: true);
        Assert.Equal([100, 200], on.Select(m => m.Visits!.Value));
        Assert.False(on[0].IsDemo);
        var off = UsageAggregation.Merge(rows, includeDemo: false);
        Assert.Equal([100], off.Select(m => m.Visits!.Value));
        Assert.True(UsageAggregation.Year(on, UsageMetric.Visits, DueMonths.WholeYear).IncludesDemo);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(9, 3)]
    [InlineData(12, 4)]
    public void MonthsBelongToTheirQuarter(int month, int quarter) => Assert.Equal(quarter, QuarterCalendar.QuarterOf(month));

    [Fact]
    public void AMonthOutsideOneToTwelveHasNoQuarter() => Assert.Throws<ArgumentOutOfRangeException>(() => QuarterCalendar.QuarterOf(13));
}
