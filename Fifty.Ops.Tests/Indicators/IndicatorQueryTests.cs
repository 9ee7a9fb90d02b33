using Fifty.Ops.Domain;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Tests.Infrastructure;

namespace Fifty.Ops.Tests.Indicators;

public sealed class IndicatorQueryTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    [Fact]
    public async Task EncoreTransitionTrainingIs135PercentAchievedIn2020()
    {
        var service = new IndicatorQueryService(database.Factory, new PeriodService(database.Factory));
        var list = await service.GetListAsync(2020, 3);
        var encore = list.Rows.Single(r => r.Name.Contains("전직지원교육", StringComparison.Ordinal));
        Assert.Equal("400", encore.Target!.Raw);
        Assert.Equal("540", encore.Actual!.Raw);
        Assert.Equal("135.0%", Fifty.Ops.Components.Fmt.Percent(encore.Achievement.Rate));
        Assert.Equal(AchievementStatus.Achieved, encore.Achievement.Status);
        Assert.Equal([2016, 2017, 2018, 2019], list.HistoryYears);
        Assert.Equal(15, list.Rows.Count);
        Assert.Equal(AchievementStatus.InProgress, list.Rows.Single(r => r.Code == "I2020-05").Achievement.Status);
    }
}
