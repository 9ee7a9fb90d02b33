using Fifty.Ops.Features.Budget;

namespace Fifty.Ops.Tests.Budget;

public sealed class ForecastTests
{
    [Fact]
    public void AnEstimateExtrapolatesDisbursementsToTheYearEnd() =>
        // 통합온라인플랫폼운영: 133,085 disbursed at Q3 → 133,085 ÷ 0.75 = 177,446.67 → 177,447.
        Assert.Equal(177_447m, YearEndForecast.Estimate(319_086m, null, 133_085m, 0.75m));

    [Fact]
    public void AnEstimateNeverExceedsTheBudgetNorFallsBelowWhatIsCommittedOrPaid()
    {
        Assert.Equal(102_192m, YearEndForecast.Estimate(102_192m, null, 94_262m, 0.75m)); // linear 125,683 capped
        Assert.Equal(90m, YearEndForecast.Estimate(100m, 90m, 30m, 0.75m)); // commitments are a floor
        Assert.Equal(120m, YearEndForecast.Estimate(100m, null, 120m, 0.75m)); // over-spending stays visible
        Assert.Equal(0m, YearEndForecast.Estimate(184_929m, null, 0m, 0.75m));
        Assert.Null(YearEndForecast.Estimate(100m, null, null, 0.75m));
    }

    [Fact]
    public void ATreeKeepsStatedForecastsEstimatesTheRestAndSumsParents()
    {
        ForecastInput Row(string code, string? parent, decimal? budget, decimal? disbursed, decimal? stated) => new(code, parent, budget, null, disbursed, stated);
        var results = YearEndForecast.ForTree(
        [
            Row("T", null, 300, 150, null),
            Row("A", "T", 200, 100, null),
            Row("A.1", "A", 100, 60, 95),
            Row("A.2", "A", 100, 40, 90),
            Row("B", "T", 100, 50, null),
            Row("B.1", "B", 100, 30, null),
        ], 0.75m);

        Assert.Equal(new ForecastResult(95, ForecastBasis.Stated), results["A.1"]);
        Assert.Equal(new ForecastResult(185, ForecastBasis.StatedSum), results["A"]);
        Assert.Equal(new ForecastResult(40, ForecastBasis.Estimated), results["B.1"]);
        Assert.Equal(new ForecastResult(40, ForecastBasis.MixedSum), results["B"]);
        Assert.Equal(new ForecastResult(225, ForecastBasis.MixedSum), results["T"]);
    }

    [Fact]
    public void AParentWithAChildWithoutAnyFigureHasNoForecast()
    {
        var results = YearEndForecast.ForTree([new("A", null, 100, null, 50, null), new("A.1", "A", 50, null, null, null), new("A.2", "A", 50, null, 20, null)], 0.5m);
        Assert.Equal(ForecastBasis.None, results["A.1"].Basis);
        Assert.Null(results["A"].Amount);
        Assert.Equal(40m, results["A.2"].Amount);
    }

    [Fact]
    public void TheMethodIsStatedWithTheElapsedShare() =>
        Assert.Contains("경과 비율 75.0%", YearEndForecast.Method(0.75m), StringComparison.Ordinal);
}
