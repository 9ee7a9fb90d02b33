using Fifty.Ops.Domain;

namespace Fifty.Ops.Tests.Periods;

public sealed class QuarterCalendarTests
{
    [Theory]
    [InlineData(1, 1, 3)]
    [InlineData(2, 4, 6)]
    [InlineData(3, 7, 9)]
    [InlineData(4, 10, 12)]
    public void AQuarterIsThreeCalendarMonths(int quarter, int first, int last) => Assert.Equal((first, last), QuarterCalendar.Months(quarter));

    [Fact]
    public void AQuarterEndsOnTheLastDayOfItsThirdMonth()
    {
        Assert.Equal(new DateOnly(2023, 9, 30), QuarterCalendar.LastDay(2023, 3));
        Assert.Equal(new DateOnly(2024, 1, 1), QuarterCalendar.FirstDay(2024, 1));
        Assert.Equal(new DateOnly(2024, 12, 31), QuarterCalendar.LastDay(2024, 4));
    }

    [Fact]
    public void AQuarterOutsideOneToFourHasNoMonths() => Assert.Throws<ArgumentOutOfRangeException>(() => QuarterCalendar.Months(5));
}
