using Fifty.Ops.Components;

namespace Fifty.Ops.Tests.Components;

public sealed class AmountUnitTests
{
    [Theory]
    [InlineData(38_649_012, AmountUnit.Thousand, "38,649,012")]
    [InlineData(38_649_012, AmountUnit.Million, "38,649")]
    [InlineData(38_649_012, AmountUnit.HundredMillion, "386.5")]
    [InlineData(986_426, AmountUnit.Million, "986")]
    [InlineData(986_426, AmountUnit.HundredMillion, "9.9")]
    [InlineData(17_000, AmountUnit.HundredMillion, "0.2")]
    [InlineData(1_500, AmountUnit.Million, "2")] // half away from zero
    [InlineData(-48_608, AmountUnit.Million, "-49")]
    public void AmountsInThousandsAreShownRoundedInTheChosenUnit(int thousands, AmountUnit unit, string shown) =>
        Assert.Equal(shown, AmountUnits.Format(thousands, unit));

    [Fact]
    public void UnitsHaveTheirKoreanNamesAndNoValueStaysADash()
    {
        Assert.Equal(["천원", "백만원", "억원"], AmountUnits.All.Select(u => u.Label()));
        Assert.Equal("—", AmountUnits.Format(null, AmountUnit.Million));
    }

    [Theory]
    [InlineData(-0.145, "-14.5%p")]
    [InlineData(0.16, "+16.0%p")]
    [InlineData(0, "0.0%p")]
    public void RateDifferencesArePercentagePointsWithTheirSign(double difference, string shown) =>
        Assert.Equal(shown, Fmt.PercentPoints((decimal)difference));
}
