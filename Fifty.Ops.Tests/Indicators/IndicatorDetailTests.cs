using System.Security.Claims;
using Fifty.Ops.Components;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Features.Projects;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Tests.Indicators;

/// <summary>Read-only questions on the seeded database.</summary>
public sealed class IndicatorDetailTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    private IndicatorQueryService Service => new(database.Factory, new PeriodService(database.Factory));

    private async Task<int> IdOf(string code)
    {
        await using var db = database.CreateContext();
        return await db.Indicators.Where(i => i.Code == code).Select(i => i.Id).SingleAsync();
    }

    [Fact]
    public async Task TheDetailCarriesEveryYearWithTheTargetAndTheRawSourceText()
    {
        var detail = (await Service.GetDetailAsync(await IdOf("I2020-04"), 3))!;

        Assert.Equal([2016, 2017, 2018, 2019, 2020], detail.Trend.Select(t => t.Year));
        var y2020 = detail.Trend.Single(t => t.Year == 2020);
        Assert.Equal(22000m, y2020.Target);
        Assert.Equal(9904m, y2020.Actual);
        Assert.True(y2020.IsPartialYear);
        Assert.False(detail.Trend.Single(t => t.Year == 2019).IsPartialYear);

        var raw2019 = detail.Values.Single(v => v.Year == 2019 && v.Kind == IndicatorValueKind.Actual);
        Assert.Equal("27,685 (5,383)", raw2019.Raw);
        Assert.Equal(27685m, raw2019.Value);
        Assert.Equal(5383m, raw2019.SubValue);
        // The source names the report as readers know it, not its file.
        Assert.StartsWith("2020년 9월 주요업무보고 › ", raw2019.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMidYearActualShowsItsPaceAndAsOfDate()
    {
        var row = (await Service.GetDetailAsync(await IdOf("I2020-03"), 3))!.Row;
        Assert.Equal("60,809", row.Actual!.Raw);
        Assert.Equal(new DateOnly(2020, 7, 31), row.Actual.AsOf);
        Assert.True(row.Achievement.IsMidYear);
        Assert.Equal("30.4%", Fmt.Percent(row.Achievement.Rate));
        Assert.Equal("52.1%", Fmt.Percent(row.Achievement.Pace));
    }

    [Fact]
    public async Task AnUnknownIndicatorIsNullNotAnError() =>
        Assert.Null(await Service.GetDetailAsync(999_999, null));

    [Fact]
    public async Task HeadlineResultsOf2023LinkToTheProjectsTheySummarise()
    {
        var list = await Service.GetListAsync(2023, 3);
        var h1 = list.Rows.Single(r => r.Code == "H2023-01");
        Assert.Equal(["J1.1.1", "J1.1.2"], h1.Projects.Select(p => p.Code));
        Assert.Equal("중장년 인턴십 지원", h1.Projects[0].Title);
        Assert.Equal("목표대비 149%", h1.StatedRateRaw);
        Assert.Equal(AchievementStatus.Achieved, h1.Achievement.Status);

        var internship = list.Rows.Single(r => r.Code == "T2023-1.1.1");
        Assert.Equal(["J1.1.1"], internship.Projects.Select(p => p.Code));
        Assert.Equal("103.0%", Fmt.Percent(internship.Achievement.Rate));
        Assert.Contains(list.Rows, r => r.Kind != IndicatorKind.Promise);
        Assert.All(list.Rows.Where(r => r.Kind != IndicatorKind.Promise), r => Assert.NotEmpty(r.Projects));
    }

    [Fact]
    public async Task AStatedRateMidYearFollowsTheSamePaceRuleAsTheProjectRowsItSummarises()
    {
        var list = await Service.GetListAsync(2023, 3);
        var consulting = list.Rows.Single(r => r.Code == "H2023-08"); // 목표대비 90% at 9월말
        Assert.Equal(AchievementStatus.InProgress, consulting.Achievement.Status);
        Assert.Equal(1.2m, consulting.Achievement.Pace);
        Assert.False(consulting.NeedsExplanation);
        Assert.Equal("목표대비 90%", consulting.StatedRateRaw);
        // The two project rows it sums (8,970 of 10,000; 1,058 of 1,200) are judged by the same rule.
        Assert.Equal(2, list.Rows.Count(r => r.Code is "T2023-4.1.1" or "T2023-4.2.1"));
        Assert.All(list.Rows.Where(r => r.Code is "T2023-4.1.1" or "T2023-4.2.1"), r => Assert.Equal(AchievementStatus.InProgress, r.Achievement.Status));
    }

    [Fact]
    public async Task AProjectPageGathersItsTargetsNarrativesAndBudgetLines()
    {
        var projects = new ProjectQueryService(database.Factory, new PeriodService(database.Factory), Service);
        var detail = (await projects.GetDetailAsync("J1.1.1", 2023, 3))!;
        Assert.Equal("중장년 인턴십 지원", detail.Summary.Title);
        Assert.Contains(detail.Summary.Targets, t => t.Code == "T2023-1.1.1");
        Assert.Contains(detail.Summary.Targets, t => t.Code == "H2023-01");
        Assert.Contains(detail.Progress, n => n.Text.Contains("412명", StringComparison.Ordinal));
        Assert.NotEmpty(detail.Plan);
        Assert.Contains(detail.Budget, l => l.Section == BudgetSection.Appendix && l.Code == "P2.1.1");
        Assert.Null(await projects.GetDetailAsync("J9.9.9", 2023, 3));
    }
}
