using Fifty.Ops.Domain;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.Budget.Reconciliation;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.FiscalYear;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.Budget;

/// <summary>전년 동기 대비 (issue 18, item 5) on the seeded database: 2024 is created from 2023 as a planner would.</summary>
public sealed class PriorYearComparisonTests : IAsyncLifetime
{
    private readonly SeededDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    private BudgetQueryService Service(Microsoft.EntityFrameworkCore.IDbContextFactory<Fifty.Ops.Data.FiftyOpsDbContext>? factory = null, PeriodService? periods = null) =>
        new(factory ?? _db.Factory, periods ?? new PeriodService(_db.Factory), Options.Create(new PaceOptions()));

    private async Task Create2024Q3WithAnEntryAsync()
    {
        var created = await new FiscalYearService(_db.Factory, TimeProvider.System, Guard(_db.Factory)).CreateFromAsync(Planner, 2024, 2023);
        Assert.True(created.Done, created.Message);
        var opened = await PeriodAdmin(_db).OpenAsync(Administrator, new PeriodOpenForm { Year = "2024", Quarter = "3" });
        Assert.True(opened.Saved, string.Join(" / ", opened.Errors.Values));
        var saved = await BudgetEntry(_db).SaveAsync(Planner, 2024, 3, new BudgetEntryForm
        {
            Code = "P2.1.1", CurrentBudget = "1,000,000", Original = "1,000,000", Committed = "700,000", Disbursed = "650,000",
        });
        Assert.True(saved.Saved, string.Join(" / ", saved.Errors.Values));
    }

    [Fact]
    public async Task TheSameQuarterOfThePreviousYearIsShownBesideThisOneMatchedByCode()
    {
        await Create2024Q3WithAnEntryAsync();
        var last = await Service().GetOverviewAsync(2023, 3);
        var now = await Service().GetOverviewAsync(2024, 3);

        Assert.Equal((2023, 3), (now.PriorPeriod!.Year, now.PriorPeriod.Quarter));
        var row = now.Execution.Single(r => r.Code == "P2.1.1");
        Assert.Equal((1_000_000m, 650_000m), (row.CurrentBudget, row.Disbursed));
        Assert.True(row.IsEntered);
        var before = last.Execution.Single(r => r.Code == "P2.1.1");
        Assert.Equal(986_426m, before.CurrentBudget);
        Assert.Equal((before.CurrentBudget, before.Disbursed), (row.PriorYear!.CurrentBudget, row.PriorYear.Disbursed));
        Assert.Equal(before.DisbursedRate, row.PriorYear.DisbursedRate);
        // The 소계 of 2023 Q3: 지출액 23,387,991 천원 of 38,649,012.
        var total = now.Execution.Single(r => r.Kind == ProgrammeKind.Total);
        Assert.Equal((38_649_012m, 23_387_991m), (total.PriorYear!.CurrentBudget, total.PriorYear.Disbursed));
        // Every 2024 row that 2023 Q3 prints gets 2023's figures, row by row.
        var byCode = last.Execution.ToDictionary(r => r.Code);
        Assert.Contains(now.Execution, r => byCode.ContainsKey(r.Code));
        Assert.All(now.Execution.Where(r => byCode.ContainsKey(r.Code)), r =>
            Assert.Equal((byCode[r.Code].CurrentBudget, byCode[r.Code].Disbursed), (r.PriorYear?.CurrentBudget, r.PriorYear?.Disbursed)));
        // 2023 itself has no 2022 Q3: no comparison is offered.
        Assert.Null(last.PriorPeriod);
        Assert.NotEmpty(last.Execution);
        Assert.All(last.Execution, r => Assert.Null(r.PriorYear));
    }

    [Fact]
    public async Task ThePreviousYearIsReadInOneQueryWithinThePageBudget()
    {
        await Create2024Q3WithAnEntryAsync();
        var periods = new PeriodService(_db.Factory);
        var prior = (await periods.GetAllAsync()).Single(p => p.Year == 2023 && p.Quarter == 3);
        var counted = new CountingDbContextFactory(_db);
        await using (var db = counted.CreateDbContext())
        {
            var figures = await BudgetQueryService.PriorYearAsync(db, prior, CancellationToken.None);
            Assert.Equal(23_387_991m, figures["T"].Disbursed);
        }

        Assert.Equal(1, counted.Commands);
        counted.Reset();
        var page = await Service(counted, periods).GetOverviewAsync(2024, 3);
        Assert.NotNull(page.PriorPeriod);
        Assert.InRange(counted.Commands, 1, 10);
    }

    [Fact]
    public async Task ThePageLinkCountsTheSameDiscrepanciesAsTheCardAndTheReconciliationPage()
    {
        var budget = await Service().GetOverviewAsync(2023, 3);
        var report = await new ReconciliationService(_db.Factory, new PeriodService(_db.Factory)).GetAsync(2023, 3);

        var mismatches = Discrepancies.Count(budget.Findings, FindingSeverity.Mismatch);
        Assert.Equal(12, mismatches);
        Assert.Equal(mismatches, report.Count(FindingSeverity.Mismatch));
        // The link's former "(n건)" was every severity together; it now names each, and they add up to the page's 전체.
        var all = Enum.GetValues<FindingSeverity>().Sum(s => Discrepancies.Count(budget.Findings, s));
        Assert.Equal(report.Grouped.Count, all);
        Assert.True(all > mismatches);
    }
    [Fact]
    public async Task ThePersistedModelCarriesTheFiguresButNotWhatIsComputedFromThem()
    {
        await Create2024Q3WithAnEntryAsync();
        var model = await Service().GetOverviewAsync(2024, 3);
        // As PeriodPage persists it for the circuit (web JSON defaults); SignalR takes at most 1 MB per message.
        var json = System.Text.Json.JsonSerializer.Serialize(model, System.Text.Json.JsonSerializerOptions.Web);
        Assert.DoesNotContain("\"remaining\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"disbursedRate\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"total\"", json, StringComparison.Ordinal);
        var back = System.Text.Json.JsonSerializer.Deserialize<BudgetOverview>(json, System.Text.Json.JsonSerializerOptions.Web)!;
        var row = back.Execution.Single(r => r.Code == "P2.1.1");
        Assert.Equal((1_000_000m, 650_000m, 0.65m, true), (row.CurrentBudget, row.Disbursed, row.DisbursedRate, row.IsEntered));
        Assert.Equal(model.Execution.Single(r => r.Code == "P2.1.1").PriorYear, row.PriorYear);
        Assert.Equal(23_387_991m, back.Total!.PriorYear!.Disbursed);
        Assert.Equal(model.PriorPeriod, back.PriorPeriod);
    }
}
