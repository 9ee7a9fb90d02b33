using Fifty.Ops.Domain;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Tests.Infrastructure;

namespace Fifty.Ops.Tests.Indicators;

public sealed class DualValueTests
{
    [Theory]
    [InlineData("27,685 (5,383)", 27685, 5383)]
    [InlineData("6/650", 6, 650)]
    [InlineData("1,785명", 1785, null)]
    [InlineData("목표대비 149%", 149, null)]
    [InlineData("진행중", null, null)]
    public void ACellWithTwoNumbersComputesOnTheFirst(string raw, int? main, int? sub)
    {
        var (m, s) = Fifty.Ops.Data.Seeding.IndicatorCellText.Parse(raw);
        Assert.Equal(main, (int?)m);
        Assert.Equal(sub, (int?)s);
    }

    [Fact]
    public void ADualCellIsJudgedOnItsMainNumber()
    {
        var (main, _) = Fifty.Ops.Data.Seeding.IndicatorCellText.Parse("27,685 (5,383)");
        var result = Achievement.Evaluate(22000, main, "27,685 (5,383)", Direction.Higher, null, 2019, new DateOnly(2019, 12, 31));
        Assert.Equal(AchievementStatus.Achieved, result.Status);
        Assert.Equal("125.8%", Fifty.Ops.Components.Fmt.Percent(result.Rate));
    }
}
