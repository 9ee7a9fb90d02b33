using Fifty.Ops.Domain;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Tests.Infrastructure;

namespace Fifty.Ops.Tests.Indicators;

public sealed class AchievementTests
{
    private static readonly DateOnly YearEnd = new(2020, 12, 31);

    [Theory]
    [InlineData(400, 540, AchievementStatus.Achieved)]
    [InlineData(100, 95, AchievementStatus.Caution)]
    [InlineData(100, 90, AchievementStatus.Caution)]
    [InlineData(100, 89, AchievementStatus.Shortfall)]
    public void ClassifiesAYearEndActualByItsRate(int target, int actual, AchievementStatus expected) =>
        Assert.Equal(expected, Achievement.Evaluate(target, actual, actual.ToString(), Direction.Higher, null, 2020, YearEnd).Status);

    [Fact]
    public void UsesAPerIndicatorCautionThreshold() =>
        Assert.Equal(AchievementStatus.Shortfall, Achievement.Evaluate(100, 92, "92", Direction.Higher, 0.95m, 2020, YearEnd).Status);

    [Fact]
    public void InvertsTheRateWhenLowerIsBetter()
    {
        var result = Achievement.Evaluate(10, 8, "8", Direction.Lower, null, 2020, YearEnd);
        Assert.Equal(1.25m, result.Rate);
        Assert.Equal(AchievementStatus.Achieved, result.Status);
        Assert.Equal(AchievementStatus.Shortfall, Achievement.Evaluate(10, 20, "20", Direction.Lower, null, 2020, YearEnd).Status);
    }

    [Fact]
    public void AZeroTargetGivesNoRateAndNoDivisionError()
    {
        var result = Achievement.Evaluate(0, 3, "3", Direction.Higher, null, 2020, YearEnd);
        Assert.Null(result.Rate);
        Assert.Equal(AchievementStatus.Achieved, result.Status);
    }

    [Theory]
    [InlineData("진행중", AchievementStatus.InProgress)]
    [InlineData("-", AchievementStatus.NoData)]
    [InlineData(null, AchievementStatus.NoData)]
    public void ATextOrMissingActualHasNoRate(string? raw, AchievementStatus expected)
    {
        var result = Achievement.Evaluate(12, null, raw, Direction.Higher, null, 2020, YearEnd);
        Assert.Equal(expected, result.Status);
        Assert.Null(result.Rate);
    }

    [Fact]
    public void AMidYearActualIsJudgedAgainstThePaceOfTheYear()
    {
        // 2020 report: 캠퍼스 이용인원 60,809 at 7월말 against 200,000 for the year.
        var result = Achievement.Evaluate(200_000, 60_809, "60,809", Direction.Higher, null, 2020, new DateOnly(2020, 7, 31));
        Assert.Equal(7m / 12m, result.ElapsedShare);
        Assert.Equal(0.304045m, Math.Round(result.Rate!.Value, 6));
        Assert.Equal(0.5212m, Math.Round(result.Pace!.Value, 4));
        Assert.Equal(AchievementStatus.Shortfall, result.Status);
    }

    [Fact]
    public void AMidYearActualOnPaceButBelowTargetIsInProgressNotAchieved()
    {
        var result = Achievement.Evaluate(1_200, 1_058, "1,058명", Direction.Higher, null, 2023, new DateOnly(2023, 9, 30));
        Assert.Equal(AchievementStatus.InProgress, result.Status);
        Assert.True(result.Pace > 1m);
    }

    [Fact]
    public void AStatedRateIsJudgedByTheSamePaceRuleAsEveryOtherIndicator()
    {
        var q3 = new DateOnly(2023, 9, 30);
        Assert.Equal(AchievementStatus.InProgress, Achievement.FromStatedRate(90, null, 2023, q3).Status); // 90 ÷ 75% = 120% of pace
        Assert.Equal(1.2m, Achievement.FromStatedRate(90, null, 2023, q3).Pace);
        Assert.Equal(AchievementStatus.Caution, Achievement.FromStatedRate(70, null, 2023, q3).Status); // 93.3% of pace
        Assert.Equal(AchievementStatus.Shortfall, Achievement.FromStatedRate(60, null, 2023, q3).Status); // 80% of pace
        Assert.Equal(AchievementStatus.Achieved, Achievement.FromStatedRate(149, null, 2023, q3).Status);
        Assert.Equal(AchievementStatus.Caution, Achievement.FromStatedRate(90, null, 2023, new DateOnly(2023, 12, 31)).Status); // year end: no pace
        // The same figures as a target and an actual give the same verdict.
        Assert.Equal(Achievement.Evaluate(100, 90, "90", Direction.Higher, null, 2023, q3).Status, Achievement.FromStatedRate(90, null, 2023, q3).Status);
    }
}
