using Fifty.Ops.Domain;
using Fifty.Ops.Features.Indicators;

namespace Fifty.Ops.Tests.FiscalYear;

/// <summary>The one rule of what an actual is compared with (docs/domain.md, *Achievement of an indicator*).</summary>
public sealed class IndicatorsAchievementRuleTests
{
    private static readonly DateOnly June = new(2024, 6, 30);

    [Fact]
    public void ACumulativeActualIsComparedWithTheQuartersTargetWithoutPace()
    {
        var r = Achievement.Evaluate(IndicatorAccumulation.Cumulative, 400m, 100m, 95m, "95명", Direction.Higher, null, 2024, June);
        Assert.Equal((AchievementStatus.Caution, 0.95m, (decimal?)null), (r.Status, r.Rate!.Value, r.Pace));
        var met = Achievement.Evaluate(IndicatorAccumulation.Cumulative, 400m, 100m, 100m, "100명", Direction.Higher, null, 2024, June);
        Assert.Equal(AchievementStatus.Achieved, met.Status); // the quarter's target met is 달성, not 진행중
    }

    [Fact]
    public void WithoutAQuarterTargetACumulativeActualIsJudgedAgainstTheYearsTargetByPace()
    {
        var withRule = Achievement.Evaluate(IndicatorAccumulation.Cumulative, 400m, null, 200m, "200명", Direction.Higher, null, 2024, June);
        var legacy = Achievement.Evaluate(400m, 200m, "200명", Direction.Higher, null, 2024, June);
        Assert.Equal(legacy, withRule);
        Assert.Equal((AchievementStatus.InProgress, 0.5m, 1m), (withRule.Status, withRule.Rate!.Value, withRule.Pace!.Value)); // 50% at half-year: on pace, not 달성
    }

    [Fact]
    public void APointInTimeActualIsComparedWithTheTargetAsItStandsNeverProRated()
    {
        var below = Achievement.Evaluate(IndicatorAccumulation.PointInTime, 90m, null, 45m, "45", Direction.Higher, null, 2024, June);
        Assert.Equal((AchievementStatus.Shortfall, 0.5m, (decimal?)null), (below.Status, below.Rate!.Value, below.Pace)); // half the year is no excuse
        var quarter = Achievement.Evaluate(IndicatorAccumulation.PointInTime, 90m, 85m, 88m, "88", Direction.Higher, null, 2024, June);
        Assert.Equal(AchievementStatus.Achieved, quarter.Status);
        Assert.Equal(0.5m, Math.Round(quarter.ElapsedShare, 2)); // it still says when it was measured
        var lower = Achievement.Evaluate(IndicatorAccumulation.PointInTime, 5m, null, 10m, "10%", Direction.Lower, null, 2024, June);
        Assert.Equal((AchievementStatus.Shortfall, 0.5m), (lower.Status, lower.Rate!.Value));
    }

    [Fact]
    public void NoTargetOrATextActualGivesNoRate()
    {
        Assert.Equal(AchievementStatus.NoData, Achievement.Evaluate(IndicatorAccumulation.PointInTime, null, null, 80m, "80", Direction.Higher, null, 2024, June).Status);
        var text = Achievement.Evaluate(IndicatorAccumulation.Cumulative, 400m, 100m, null, "진행중", Direction.Higher, null, 2024, June);
        Assert.Equal((AchievementStatus.InProgress, (decimal?)null), (text.Status, text.Rate));
    }
}
