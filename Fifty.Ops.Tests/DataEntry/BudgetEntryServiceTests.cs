using Fifty.Ops.Domain;
using Fifty.Ops.Features;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.Budget.Reconciliation;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.DataEntry;

public sealed class BudgetEntryServiceTests : IAsyncLifetime
{
    private readonly SeededDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await OpenQ4Async(_db);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private static BudgetEntryForm Form(string code, string token = "0", string budget = "", string committed = "", string disbursed = "", string transfers = "", string forecast = "") =>
        new() { Code = code, CurrentBudget = budget, Committed = committed, Disbursed = disbursed, Transfers = transfers, Forecast = forecast, Token = token };

    private BudgetQueryService Query() => new(_db.Factory, new PeriodService(_db.Factory), Options.Create(new PaceOptions()));

    [Theory]
    [InlineData("1,234,567", "", 1234567)]
    [InlineData("△48,608", "", -48608)]
    [InlineData("-48608", "", -48608)]
    [InlineData("abc", "예산변경: 숫자가 아닙니다 (입력: abc)", null)]
    [InlineData("12.5", "예산변경: 천원 단위의 정수로 입력하세요 (소수 불가) (입력: 12.5)", null)]
    public void AmountsAreReadAsPlannersTypeThem(string typed, string error, int? expected)
    {
        var errors = BudgetEntryService.Parse(Form("P1.1.1", transfers: typed), out var amounts);
        if (expected is null)
        {
            Assert.Equal(error, errors[nameof(BudgetField.Transfers)]);
        }
        else
        {
            Assert.Empty(errors);
            Assert.Equal(expected, amounts.Transfers);
        }
    }

    [Fact]
    public void ANegativeDisbursementIsRefusedInKorean()
    {
        var errors = BudgetEntryService.Parse(Form("P1.1.1", disbursed: "-5"), out _);
        Assert.Equal("지출액: 0 이상이어야 합니다 (입력: -5)", errors[nameof(BudgetField.Disbursed)]);
    }

    [Fact]
    public async Task AnEntryIsALineOfItsOwnTheBudgetPageShowsItAndParentsAreSummed()
    {
        var service = BudgetEntry(_db);
        Assert.True((await service.SaveAsync(Planner, 2023, 4, Form("P1.1.1", budget: "115,400", committed: "60,000", disbursed: "55,000"))).Saved);
        Assert.True((await service.SaveAsync(Planner, 2023, 4, Form("P1.1.2", budget: "102,192", committed: "100,000", disbursed: "98,000"))).Saved);

        await using (var db = _db.CreateContext())
        {
            var lines = await db.BudgetLines.Where(l => l.Section == BudgetSection.Entry).ToListAsync();
            Assert.Equal(2, lines.Count);
            Assert.All(lines, l => Assert.Equal("", l.Source.Doc));
            Assert.Equal(127, await db.BudgetLines.CountAsync(l => l.Section != BudgetSection.Entry)); // the reports' lines are all still there
        }

        var overview = await Query().GetOverviewAsync(2023, 4);
        Assert.Equal(BudgetGridMode.Execution, overview.Mode);
        var unit = overview.Execution.Single(r => r.Code == "P1.1");
        Assert.Equal(115400m + 102192m, unit.CurrentBudget);
        Assert.Equal(55000m + 98000m, unit.Disbursed);
        Assert.True(unit.BudgetComputed);
        Assert.Equal(55000m, overview.Execution.Single(r => r.Code == "P1.1.1").Disbursed);
        Assert.StartsWith(BudgetQueryService.EntrySourceText, overview.ExecutionSource, StringComparison.Ordinal);
        // P1 has other unit projects nobody entered: their 예산현액 is carried from Q3 (labelled), so the budget totals
        // show; amounts that grow every quarter (원인행위액, 지출액) are not carried, so those totals stay empty rather than partial.
        var area = overview.Execution.Single(r => r.Code == "P1");
        var other = overview.Execution.Single(r => r.Code == "P1.2");
        Assert.Equal(1_312_123m, other.CurrentBudget);
        Assert.Equal("2023년 3분기 보고서", other.BudgetCarriedFrom);
        Assert.Null(other.Disbursed);
        Assert.Equal(115400m + 102192m + 1_312_123m, area.CurrentBudget);
        Assert.Null(area.Committed);
        Assert.Null(area.Disbursed);
        Assert.Null(area.Forecast);
        Assert.Equal(38_649_012m, overview.Total!.CurrentBudget);
        Assert.Null(overview.Total!.Committed);
    }

    [Fact]
    public async Task APartialRowIsCheckedAgainstTheBudgetCarriedFromThePreviousQuarter()
    {
        // Only 지출액 typed for 중장년 취업 컨설팅 (Q3 예산현액 112,231): the rule and the reconciliation still see it.
        var result = await BudgetEntry(_db).SaveAsync(Planner, 2023, 4, Form("P2.1.3", disbursed: "500,000"));
        Assert.True(result.Saved);
        Assert.Contains(result.Warnings, w => w.Contains(ReconciliationRule.WithinBudget.Label(), StringComparison.Ordinal) && w.Contains("P2.1.3", StringComparison.Ordinal));

        var overview = await Query().GetOverviewAsync(2023, 4);
        var row = overview.Execution.Single(r => r.Code == "P2.1.3");
        Assert.Equal((112_231m, 500_000m, "2023년 3분기 보고서"), (row.CurrentBudget!.Value, row.Disbursed!.Value, row.BudgetCarriedFrom));
        var finding = overview.Findings.Single(f => f.Rule == ReconciliationRule.WithinBudget && f.Code == "P2.1.3");
        Assert.Equal((500_000m, 112_231m), (finding.A.Value, finding.B.Value));
        Assert.Contains("이월", finding.B.Where, StringComparison.Ordinal);
        Assert.Contains(overview.Attention, a => a.Code == "P2.1.3" && a.Pace.Status == PaceStatus.Ahead);
    }

    [Fact]
    public async Task SpendingAgainstAZeroBudgetIsOverExecutionInThePaceCheckAndTheAuditorsWorkbookRow()
    {
        Assert.True((await BudgetEntry(_db).SaveAsync(Planner, 2023, 4, Form("P2.1.3", budget: "0", disbursed: "5,000"))).Saved);
        var overview = await Query().GetOverviewAsync(2023, 4);
        var row = overview.Execution.Single(r => r.Code == "P2.1.3");
        Assert.Equal(PaceStatus.Ahead, row.Pace!.Status);
        Assert.Null(row.DisbursedRate);
        var item = Assert.Single(overview.Attention, a => a.Code == "P2.1.3");
        Assert.Equal((0m, 5_000m), (item.CurrentBudget, item.Disbursed));
        Assert.Contains(overview.Findings, f => f.Rule == ReconciliationRule.WithinBudget && f.Code == "P2.1.3");
    }

    [Fact]
    public async Task AnEnteredForecastIsLabelledEnteredNeverReport()
    {
        Assert.True((await BudgetEntry(_db).SaveAsync(Planner, 2023, 4, Form("P2.1.1", budget: "986,426", committed: "950,000", disbursed: "900,000", forecast: "980,000"))).Saved);
        var overview = await Query().GetOverviewAsync(2023, 4);
        var row = overview.Execution.Single(r => r.Code == "P2.1.1");
        Assert.Equal((980_000m, ForecastBasis.Entered, "입력"), (row.Forecast!.Value, row.ForecastBasis, row.ForecastBasis.Label()));
    }

    [Fact]
    public async Task ADomainRuleTheFiguresBreakIsAWarningNotARefusal()
    {
        var result = await BudgetEntry(_db).SaveAsync(Planner, 2023, 4, Form("P1.2.1", budget: "48,009", committed: "30,000", disbursed: "35,000"));
        Assert.True(result.Saved);
        Assert.Contains(result.Warnings, w => w.Contains(ReconciliationRule.CommitmentCoversDisbursement.Label(), StringComparison.Ordinal) && w.Contains("P1.2.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AReopenedReportPeriodKeepsItsPrintedLinesAndTheReconciliationComparesTheEntry()
    {
        var periods = PeriodAdmin(_db);
        var q3 = (await periods.GetAsync()).Periods.Single(p => p.Year == 2023 && p.Quarter == 3);
        Assert.True((await periods.ReopenAsync(Administrator, 2023, 3, "지출액 오기 정정", q3.Version)).Saved);

        var result = await BudgetEntry(_db).SaveAsync(Planner, 2023, 3, Form("P2.1.1", disbursed: "700,000"));
        Assert.True(result.Saved);
        Assert.Contains(result.Warnings, w => w.Contains(ReconciliationRule.SameFigures.Label(), StringComparison.Ordinal));

        var overview = await Query().GetOverviewAsync(2023, 3);
        var row = overview.Execution.Single(r => r.Code == "P2.1.1");
        Assert.Equal(700000m, row.Disbursed);
        Assert.Equal(986426m, row.CurrentBudget); // not entered: the report's
        var finding = overview.Findings.Single(f => f.Rule == ReconciliationRule.SameFigures && f.Code == "P2.1.1" && f.B.Where.StartsWith("입력", StringComparison.Ordinal));
        Assert.Equal(683603m, finding.A.Value);
        Assert.Equal(700000m, finding.B.Value);
    }

    [Fact]
    public async Task AParentRowAndAnUnknownCodeAreRefused()
    {
        Assert.Contains("상위 사업", (await BudgetEntry(_db).SaveAsync(Planner, 2023, 4, Form("P1.1", budget: "1"))).Errors[WriteResult.General], StringComparison.Ordinal);
        Assert.Equal("2023년 사업 체계에 없는 코드입니다 (X9).", (await BudgetEntry(_db).SaveAsync(Planner, 2023, 4, Form("X9", budget: "1"))).Errors[WriteResult.General]);
    }

    [Fact]
    public async Task TwoConcurrentEditsOfTheSameLineOneSavesTheOtherSeesItNothingIsLost()
    {
        // Two planners opened the same empty row and save at the same moment, on two connections.
        var results = await Task.WhenAll(
            Task.Run(() => BudgetEntry(_db).SaveAsync(Planner, 2023, 4, Form("P3.1.1", disbursed: "100,000"))),
            Task.Run(() => BudgetEntry(_db).SaveAsync(OtherPlanner, 2023, 4, Form("P3.1.1", disbursed: "200,000"))));

        var saved = Assert.Single(results, r => r.Saved);
        var refused = Assert.Single(results, r => !r.Saved);
        var conflict = Assert.IsType<SaveConflict>(refused.Conflict);
        await using var db = _db.CreateContext();
        var line = await db.BudgetLines.SingleAsync(l => l.Section == BudgetSection.Entry);
        Assert.Equal(1, line.Version);
        // The conflict shows exactly what the winner stored, and who stored it.
        Assert.Equal(Fifty.Ops.Components.Fmt.Amount(line.Disbursed), conflict.Values.Single(v => v.Label.StartsWith("지출액", StringComparison.Ordinal)).Theirs);
        Assert.Equal(line.UpdatedBy, conflict.By);
        Assert.NotNull(saved.Token);
    }
}
