using Fifty.Ops.Features.Campuses;

namespace Fifty.Ops.Tests.Campuses;

public sealed class OccupancyTests
{
    [Fact]
    public void OccupancyIsOccupiedOverSeatsWithTheSeatCountAsDenominator() => Assert.Equal(125m / 146m, Occupancy.Rate(125, 146));

    [Theory]
    [InlineData(0)]
    [InlineData(null)]
    public void ZeroOrUnknownSeatsGiveNoRate(int? seats) => Assert.Null(Occupancy.Rate(3, seats));

    [Fact]
    public void UnknownOccupiedSeatsGiveNoRate() => Assert.Null(Occupancy.Rate(null, 10));

    [Fact]
    public void MoreOccupiedThanSeatsIsAnExcess()
    {
        Assert.True(Occupancy.Exceeds(12, 10));
        Assert.False(Occupancy.Exceeds(10, 10));
        Assert.False(Occupancy.Exceeds(12, null));
    }

    [Fact]
    public void TheReportsStatedRateIsCheckedAtItsOwnPrecision()
    {
        Assert.True(Occupancy.StatedRateMatches("85.6%", Occupancy.Rate(125, 146)));
        Assert.False(Occupancy.StatedRateMatches("86.6%", Occupancy.Rate(125, 146)));
        Assert.Null(Occupancy.StatedRateMatches(null, 0.5m));
        Assert.Null(Occupancy.StatedRateMatches("85.6%", null));
    }
}
