using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.Budget.Reconciliation;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Tests.Infrastructure;

namespace Fifty.Ops.Tests.Budget.Reconciliation;

/// <summary>The seeded reports' figures, the fixtures the reconciliation rules must find the known discrepancies in.</summary>
public sealed class SeededFacts : IAsyncLifetime
{
    private readonly SeededDatabase _database = new();

    public BudgetFacts Y2023 { get; private set; } = default!;
    public BudgetFacts Y2020 { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var periods = await new PeriodService(_database.Factory).GetAllAsync();
        await using var db = _database.CreateContext();
        Y2023 = await BudgetFacts.LoadAsync(db, periods.Single(p => p.Year == 2023 && p.Quarter == 3), default);
        Y2020 = await BudgetFacts.LoadAsync(db, periods.Single(p => p.Year == 2020 && p.Quarter == 3), default);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    public static Finding OneFinding(IEnumerable<Finding> findings, string code, string item) =>
        Assert.Single(findings, f => f.Code == code && f.Item == item);
}
