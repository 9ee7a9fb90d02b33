using Fifty.Ops.Features.Campuses;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.Overview;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Infrastructure;
using Fifty.Ops.Tests.Infrastructure;

namespace Fifty.Ops.Tests.Data;

/// <summary>
/// The benchmark target is at most 10 SQL queries per page, and sign-in spends one of them on every request. These hold
/// the services of the pages that came closest to that budget, counting commands on the real seeded database.
/// </summary>
public sealed class QueryBudgetTests : IAsyncLifetime
{
    private readonly SeededDatabase _database = new();
    private CountingDbContextFactory _counted = null!;
    private PeriodService _periods = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _counted = new CountingDbContextFactory(_database);
        // Periods are cached across requests; they are read here once so the counts are those of the page itself.
        _periods = new PeriodService(_database.Factory);
        await _periods.GetAllAsync();
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task CampusPageReadsEachTableOnce()
    {
        var service = new CampusQueryService(_counted, _periods, new SeedOptions(SeededDatabase.SeedRoot, Demo: true));
        var model = await service.GetOverviewAsync(2023, 3);

        Assert.NotEmpty(model.Cards);
        Assert.NotEmpty(model.SharedOffices.Rows);
        Assert.InRange(_counted.Commands, 1, 8);
    }

    [Fact]
    public async Task IndicatorListReadsIndicatorsWithTheirCellsInOneQuery()
    {
        var service = new IndicatorQueryService(_counted, _periods);
        var list = await service.GetListAsync(2023, 3);

        Assert.NotEmpty(list.Rows);
        Assert.Contains(list.Rows, r => r.Projects.Count > 0);
        // Indicators with cells, linked projects' titles, the closed period's comments.
        Assert.Equal(3, _counted.Commands);
    }

    [Fact]
    public async Task OverviewStaysWithinTheBudgetLeftAfterSignIn()
    {
        var service = new OverviewService(_counted, _periods, new IndicatorQueryService(_counted, _periods));
        var model = await service.GetAsync(2023, 3);

        Assert.True(model.IndicatorCount > 0);
        Assert.InRange(_counted.Commands, 1, 9);
    }
}
