using Fifty.Ops.Features.Budget;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fifty.Ops.Tests.Budget;

public sealed class ExecutionPaceTests
{
    private static readonly PaceOptions Defaults = new();

    [Theory]
    [InlineData(1, 0.25)]
    [InlineData(2, 0.50)]
    [InlineData(3, 0.75)]
    [InlineData(4, 1.00)]
    public void DefaultPaceIsLinearByQuarter(int quarter, double expected) =>
        Assert.Equal((decimal)expected, Defaults.ExpectedShare(quarter));

    [Fact]
    public void ALineMoreThanTheBehindBandBelowTheExpectedShareIsBehind()
    {
        // 40대 특화 직업전환 전문 교육: 150,274 of 350,000 = 42.9% at Q3 (expected 75%).
        var pace = ExecutionPace.Assess(350_000m, 150_274m, 3, Defaults);
        Assert.Equal(PaceStatus.Behind, pace.Status);
        Assert.Equal(0.75m, pace.Expected);
        Assert.Equal(150_274m / 350_000m - 0.75m, pace.Gap);
        Assert.Equal(150_274m - 262_500m, pace.GapAmount);
    }

    [Fact]
    public void ALineWithinTheBandIsOnPace()
    {
        // 중장년 맞춤형 인턴십: 69.3% at Q3 is 5.7 points behind, inside the 15-point band.
        Assert.Equal(PaceStatus.OnPace, ExecutionPace.Assess(986_426m, 683_603m, 3, Defaults).Status);
        Assert.Equal(PaceStatus.OnPace, ExecutionPace.Assess(100m, 60m, 3, Defaults).Status); // exactly on the edge: not flagged
    }

    [Fact]
    public void ALineMoreThanTheAheadBandAboveOrBeyondItsBudgetIsAhead()
    {
        Assert.Equal(PaceStatus.Ahead, ExecutionPace.Assess(166_004m, 151_090m, 3, Defaults).Status); // 91.0% at Q3
        Assert.Equal(PaceStatus.OnPace, ExecutionPace.Assess(100m, 85m, 3, Defaults).Status);
        Assert.Equal(PaceStatus.Ahead, ExecutionPace.Assess(100m, 101m, 4, Defaults).Status); // over budget even at year end
    }

    [Fact]
    public void WithoutABudgetOrADisbursementThereIsNothingToJudge()
    {
        Assert.Equal(PaceStatus.NoData, ExecutionPace.Assess(null, 5m, 3, Defaults).Status);
        Assert.Equal(PaceStatus.NoData, ExecutionPace.Assess(0m, 0m, 3, Defaults).Status);
        Assert.Equal(PaceStatus.NoData, ExecutionPace.Assess(100m, null, 3, Defaults).Status);
    }

    [Fact]
    public void SpendingAgainstAZeroBudgetIsOverExecutionWithoutARate()
    {
        var pace = ExecutionPace.Assess(0m, 5_000m, 3, Defaults);
        Assert.Equal(PaceStatus.Ahead, pace.Status);
        Assert.Null(pace.Rate);
        Assert.Equal(5_000m, pace.GapAmount);
        Assert.Equal(PaceStatus.Ahead, ExecutionPace.Assess(-10m, 0m, 2, Defaults).Status);
    }

    [Fact]
    public void ConfiguredSharesAndBandsChangeTheVerdict()
    {
        var frontLoaded = new PaceOptions { Q1 = 0.4m, Q2 = 0.6m, Q3 = 0.8m, Q4 = 1m, BehindTolerance = 0.05m, AheadTolerance = 0.05m };
        Assert.Equal(PaceStatus.Behind, ExecutionPace.Assess(100m, 70m, 3, frontLoaded).Status);
        Assert.Equal(PaceStatus.OnPace, ExecutionPace.Assess(100m, 70m, 3, Defaults).Status);
    }

    [Fact]
    public void AConfigurationThatCannotBeAPaceIsRefusedWithAKoreanMessage()
    {
        var validator = new PaceOptionsValidator();
        Assert.True(validator.Validate(null, Defaults).Succeeded);
        var falling = validator.Validate(null, new PaceOptions { Q2 = 0.2m });
        Assert.True(falling.Failed);
        Assert.Contains("줄어들 수 없습니다", falling.FailureMessage, StringComparison.Ordinal);
        Assert.True(validator.Validate(null, new PaceOptions { Q4 = 1.2m }).Failed);
        Assert.True(validator.Validate(null, new PaceOptions { BehindTolerance = -0.1m }).Failed);
    }

    [Fact]
    public void ThePaceIsBoundFromTheBudgetPaceSectionAndCheckedWhenRead()
    {
        static PaceOptions Bind(Dictionary<string, string?> settings)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddBudgetFeature().BuildServiceProvider();
            return services.GetRequiredService<IOptions<PaceOptions>>().Value;
        }

        var bound = Bind(new() { ["Budget:Pace:Q3"] = "0.8", ["Budget:Pace:BehindTolerance"] = "0.05" });
        Assert.Equal((0.25m, 0.8m, 0.05m, 0.10m), (bound.Q1, bound.Q3, bound.BehindTolerance, bound.AheadTolerance));
        var refused = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Budget:Pace:Q4"] = "1.5" }));
        Assert.Contains("Budget:Pace:Q1~Q4", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusesHaveASymbolAndAWord()
    {
        Assert.Equal(("▼", "집행부진"), (PaceStatus.Behind.Symbol(), PaceStatus.Behind.Label()));
        Assert.Equal(("▲", "과다집행"), (PaceStatus.Ahead.Symbol(), PaceStatus.Ahead.Label()));
        Assert.Equal(("●", "정상"), (PaceStatus.OnPace.Symbol(), PaceStatus.OnPace.Label()));
    }
}
