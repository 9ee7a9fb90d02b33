using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.FiscalYear;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Tests.Infrastructure;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.Indicators;

/// <summary>
/// 전년 동기 대비 (issue 18 item 5) on real data: 2024 is created from 2023 by the roll-over, a planner enters a 2024 Q3
/// actual, and the 2024 list and detail show 2023 Q3's figure of the same code beside it.
/// </summary>
public sealed class PriorYearComparisonTests : IAsyncLifetime
{
    private const string Internship = "T2023-1.1.1";
    private readonly SeededDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var created = await new FiscalYearService(_db.Factory, TimeProvider.System, Guard(_db.Factory)).CreateFromAsync(Planner, 2024, 2023);
        Assert.True(created.Done, created.Message);
        var opened = await PeriodAdmin(_db).OpenAsync(Administrator, new PeriodOpenForm { Year = "2024", Quarter = "3" });
        Assert.True(opened.Saved, string.Join(" / ", opened.Errors.Values));
        var entry = IndicatorEntry(_db);
        var row = (await entry.GetAsync(2024, 3)).Rows.Single(r => r.Code == Internship);
        var saved = await entry.SaveAsync(Planner, 2024, 3, new IndicatorEntryForm { IndicatorId = row.Id, Actual = "95명", Token = row.Token });
        Assert.True(saved.Saved, string.Join(" / ", saved.Errors.Values));
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private IndicatorQueryService Service() => new(_db.Factory, new PeriodService(_db.Factory));

    [Fact]
    public async Task TheListShowsLastYearsSameQuarterBesideTheEnteredActualMatchedByCode()
    {
        var lastYear = (await Service().GetListAsync(2023, 3)).Rows.Single(r => r.Code == Internship);
        Assert.NotNull(lastYear.Actual); // the 2023 Q3 report has a figure to compare with

        var list = await Service().GetListAsync(2024, 3);

        Assert.Equal((2023, 3), (list.PriorPeriod!.Year, list.PriorPeriod.Quarter));
        var row = list.Rows.Single(r => r.Code == Internship);
        Assert.Equal("95명", row.Actual!.Raw);
        Assert.True(row.Actual.IsEntered);
        Assert.True(row.Target!.IsDraft); // last year's target, copied as a draft
        Assert.Equal("초안", row.Target.SourceLabel);
        Assert.Equal(lastYear.Actual!.Raw, row.PriorYear!.Actual!.Raw);
        Assert.Equal(lastYear.Achievement.Rate, row.PriorYear.Achievement.Rate);
        Assert.Equal(lastYear.Achievement.Status, row.PriorYear.Achievement.Status);
        // Every 2024 indicator is a roll-over of a 2023 one, so each finds its match; none is matched to another code.
        Assert.NotEmpty(list.Rows);
        Assert.All(list.Rows, r => Assert.NotNull(r.PriorYear));
        var lastYearByCode = (await Service().GetListAsync(2023, 3)).Rows.ToDictionary(r => r.Code);
        Assert.All(list.Rows, r => Assert.Equal(lastYearByCode[r.Code].Actual?.Raw, r.PriorYear!.Actual?.Raw));
    }

    [Fact]
    public async Task TheDetailShowsTheSameComparisonAndAYearWithoutAPreviousQuarterShowsNone()
    {
        var id = (await Service().GetListAsync(2024, 3)).Rows.Single(r => r.Code == Internship).Id;

        var detail = (await Service().GetDetailAsync(id, 3))!;
        Assert.Equal(2023, detail.PriorPeriod!.Year);
        Assert.Equal((await Service().GetListAsync(2023, 3)).Rows.Single(r => r.Code == Internship).Actual!.Raw, detail.Row.PriorYear!.Actual!.Raw);

        // 2023 has no 2022 Q3 period in the seed (2022 holds no report): no comparison, no row carries one.
        var y2023 = await Service().GetListAsync(2023, 3);
        Assert.Null(y2023.PriorPeriod);
        Assert.NotEmpty(y2023.Rows);
        Assert.All(y2023.Rows, r => Assert.Null(r.PriorYear));
        Assert.NotEmpty(y2023.Rows);
    }

    [Fact]
    public async Task TheComparisonCostsOneQueryWhateverTheNumberOfIndicators()
    {
        var counting = new CountingDbContextFactory(_db);
        var service = new IndicatorQueryService(counting, new PeriodService(_db.Factory));

        var without = await new IndicatorQueryService(counting, new PeriodService(_db.Factory)).GetListAsync(2023, 3);
        var plain = counting.Commands;
        counting.Reset();
        var with = await service.GetListAsync(2024, 3);

        Assert.True(with.Rows.Count > 10);
        Assert.True(counting.Commands <= plain + 1, $"{counting.Commands} commands with the comparison, {plain} without");
        Assert.True(counting.Commands <= 5, $"{counting.Commands} commands for {with.Rows.Count} indicators");
        Assert.Null(without.PriorPeriod);
    }
}
