using System.Net;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.FiscalYear.Summary;
using Fifty.Ops.Features.Reports;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.FiscalYear;

/// <summary>The year's 예산 총괄 (/setup/budget-summary): entered for a new year, checked, and printed by the report.</summary>
public sealed class BudgetSummarySetupTests : AppTestBase
{
    private static readonly string[] RevenueAmounts = ["17,000,000", "200,000", "50,000", "750,000", "20,000,000"]; // 38,000,000
    private static readonly string[] ExpenditureAmounts = ["2,000,000", "7,500,000", "27,665,000", "665,000", "170,000"]; // 38,000,000

    private async Task<List<BudgetSummaryItem>> RowsAsync(int year)
    {
        await using var db = await Get<IDbContextFactory<FiftyOpsDbContext>>().CreateDbContextAsync();
        return await db.BudgetSummaryItems.Where(s => s.Year == year).OrderBy(s => s.Side).ThenBy(s => s.Ordinal).ToListAsync();
    }

    /// <summary>2024's form as the page opens it, with the amounts typed into the names carried from 2023.</summary>
    internal static BudgetSummaryForm Filled(BudgetSummarySetup setup)
    {
        Assert.Equal(RevenueAmounts.Length, setup.Form.Revenue.Count);
        Assert.Equal(ExpenditureAmounts.Length, setup.Form.Expenditure.Count);
        for (var i = 0; i < RevenueAmounts.Length; i++) setup.Form.Revenue[i].Amount = RevenueAmounts[i];
        for (var i = 0; i < ExpenditureAmounts.Length; i++) setup.Form.Expenditure[i].Amount = ExpenditureAmounts[i];
        return setup.Form;
    }

    [Fact]
    public async Task ANewYearStartsFromLastYearsItemNamesAndIsSavedWithComputedTotalsLabelledEntered()
    {
        var service = Get<BudgetSummarySetupService>();
        var setup = await service.GetAsync(2024);
        Assert.False(setup.Exists);
        Assert.Equal(2023, setup.InheritedFrom);
        Assert.Equal(["출연금 수익", "영업 수익", "영업외 수익", "유보자금", "보조금 수익"], setup.Form.Revenue.Select(r => r.Item));
        Assert.Equal(["기본경비", "인건비", "사업비", "성과급", "반환금"], setup.Form.Expenditure.Select(r => r.Item));
        Assert.All(setup.Form.Revenue.Concat(setup.Form.Expenditure), r => Assert.Equal("", r.Amount));
        Assert.Equal("2024-01-01", setup.Form.AsOf);

        var saved = await service.SaveAsync(Planner, 2024, Filled(setup));
        Assert.True(saved.Saved, string.Join(" / ", saved.Errors.Values));
        Assert.Empty(saved.Warnings);
        Assert.Contains("세입 38,000,000천원, 세출 38,000,000천원", saved.Message, StringComparison.Ordinal);

        var rows = await RowsAsync(2024);
        Assert.Equal(12, rows.Count);
        var revenueTotal = Assert.Single(rows, r => r.Side == BudgetSide.Revenue && r.IsTotal);
        Assert.Equal((BudgetSummarySetupService.TotalName, 38_000_000m, 1), (revenueTotal.Item, revenueTotal.Amount, revenueTotal.Ordinal));
        Assert.Equal(38_000_000m, rows.Single(r => r.Side == BudgetSide.Expenditure && r.IsTotal).Amount);
        Assert.All(rows, r => Assert.Equal((new DateOnly(2024, 1, 1), ""), (r.AsOf, r.Source.Doc)));
        Assert.Equal(27_665_000m, rows.Single(r => r.Item == "사업비").Amount);

        // Opened again: the year's own rows, each labelled 입력, and the totals agree with their items.
        var again = await service.GetAsync(2024);
        Assert.True(again.Exists);
        Assert.All(again.Form.Revenue.Concat(again.Form.Expenditure), r => Assert.Equal("입력", r.Source));
        Assert.Equal("27,665,000", again.Form.Expenditure.Single(r => r.Item == "사업비").Amount);
        Assert.True(again.RevenueTotal!.Matches);

        // The write is in the audit trail.
        await using var db = await Get<IDbContextFactory<FiftyOpsDbContext>>().CreateDbContextAsync();
        var added = await db.AuditEntries.Where(a => a.ObjectType == "BudgetSummaryItem").Select(a => a.NewValue).ToListAsync();
        Assert.Contains(added, v => v != null && v.Contains("Item=사업비", StringComparison.Ordinal) && v.Contains("Amount=27665000", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("１２３", "전각 숫자")]
    [InlineData("-5", "0 이상이어야 합니다")]
    [InlineData("많음", "숫자가 아닙니다")]
    [InlineData("=SUM(B2:B6)", "수식은 받지 않습니다")]
    [InlineData("12.5", "소수 불가")]
    [InlineData("", "입력하세요")]
    public async Task AnAmountThatIsNotAWholeNumberOfThousandsIsRefusedOnItsFieldAndNothingIsSaved(string typed, string expected)
    {
        var service = Get<BudgetSummarySetupService>();
        var form = Filled(await service.GetAsync(2024));
        form.Expenditure[2].Amount = typed;
        var refused = await service.SaveAsync(Planner, 2024, form);
        Assert.False(refused.Saved);
        var error = Assert.Single(refused.Errors);
        Assert.Equal("Expenditure[2].Amount", error.Key);
        Assert.StartsWith("세출 3행 금액: ", error.Value, StringComparison.Ordinal);
        Assert.Contains(expected, error.Value, StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(2024));
    }

    [Fact]
    public async Task BadNamesAndADateOfAnotherYearAreNamedAndAReaderMayNotWrite()
    {
        var service = Get<BudgetSummarySetupService>();
        var form = Filled(await service.GetAsync(2024));
        form.AsOf = "2023-12-31";
        form.Revenue[0].Item = "=1+2";
        form.Revenue[2].Item = "영업 수익";
        form.Expenditure.Add(new SummaryLineForm { Amount = "100" });
        var refused = await service.SaveAsync(Planner, 2024, form);
        Assert.False(refused.Saved);
        Assert.Equal("기준일은 2024년의 날짜여야 합니다 (입력: 2023-12-31).", refused.Errors[nameof(BudgetSummaryForm.AsOf)]);
        Assert.StartsWith("세입 1행: 수식처럼 보이는 항목명", refused.Errors["Revenue[0].Item"], StringComparison.Ordinal);
        Assert.Equal("세입 3행: 「영업 수익」은(는) 세입에 이미 있습니다.", refused.Errors["Revenue[2].Item"]);
        Assert.Equal("세출 6행: 항목명을 입력하세요.", refused.Errors["Expenditure[5].Item"]);
        Assert.Equal(4, refused.Errors.Count);
        Assert.Empty(await RowsAsync(2024));

        var reader = await service.SaveAsync(Director, 2024, Filled(await service.GetAsync(2024)));
        Assert.False(reader.Saved);
        Assert.StartsWith("권한이 없습니다", reader.Errors[WriteResult.General], StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(2024));
    }

    [Fact]
    public async Task AnUnbalancedSummaryIsSavedAndFlaggedAndASecondEditorOnAnOldFormIsRefused()
    {
        var service = Get<BudgetSummarySetupService>();
        var first = Filled(await service.GetAsync(2024));
        var second = Filled(await service.GetAsync(2024));
        first.Revenue[0].Amount = "17,000,001";
        var saved = await service.SaveAsync(Planner, 2024, first);
        Assert.True(saved.Saved);
        Assert.Equal("세입 합계 38,000,001천원과 세출 합계 38,000,000천원이 다릅니다 (차이 1천원). 총 수입과 총 지출은 같아야 합니다.", Assert.Single(saved.Warnings));
        Assert.Equal(38_000_001m, (await RowsAsync(2024)).Single(r => r.Side == BudgetSide.Revenue && r.IsTotal).Amount);

        var conflicted = await service.SaveAsync(OtherPlanner, 2024, second);
        Assert.False(conflicted.Saved);
        Assert.NotNull(conflicted.Conflict);
        Assert.Contains("17,000,001", conflicted.Conflict!.Values[0].Theirs, StringComparison.Ordinal);
        Assert.Equal(38_000_001m, (await RowsAsync(2024)).Single(r => r.Side == BudgetSide.Revenue && r.IsTotal).Amount);

        // Saving again on the current version overwrites knowingly.
        second.Token = conflicted.Conflict.CurrentToken;
        Assert.True((await service.SaveAsync(OtherPlanner, 2024, second)).Saved);
        Assert.Equal(38_000_000m, (await RowsAsync(2024)).Single(r => r.Side == BudgetSide.Revenue && r.IsTotal).Amount);
    }

    [Fact]
    public async Task TranscribedRowsKeepTheirSourceAndAnEditAfterACloseLeavesTheClosedReportUnchanged()
    {
        var service = Get<BudgetSummarySetupService>();
        var setup = await service.GetAsync(2023);
        Assert.True(setup.Exists);
        Assert.All(setup.Form.Revenue, r => Assert.StartsWith("보고서: 2023-11_50plus_work_report.txt", r.Source, StringComparison.Ordinal));
        Assert.Equal(("소계", 38_649_012m), (setup.RevenueTotal!.Item, setup.RevenueTotal.Stated));
        Assert.Contains(3, setup.ClosedQuarters);
        var before = await RowsAsync(2023);

        // Unchanged: nothing is written, every row keeps its source.
        Assert.True((await service.SaveAsync(Planner, 2023, setup.Form)).Saved);
        Assert.Equal(before.Select(r => (r.Id, r.Item, r.Amount, r.Source.Doc)), (await RowsAsync(2023)).Select(r => (r.Id, r.Item, r.Amount, r.Source.Doc)));

        // Q3 2023 is closed: its report is frozen; an edit now reaches only an open quarter's report.
        var (q3Html, q3Workbook) = await RenderReportAsync(2023, 3);
        Assert.True((await PeriodAdmin().OpenAsync(Administrator, new PeriodOpenForm { Year = "2023", Quarter = "4" })).Saved);
        var edit = (await service.GetAsync(2023)).Form;
        edit.Expenditure.Single(r => r.Item == "반환금").Amount = "169,148";
        edit.Revenue.Single(r => r.Item == "보조금 수익").Amount = "20,086,694";
        var saved = await service.SaveAsync(Planner, 2023, edit);
        Assert.True(saved.Saved, string.Join(" / ", saved.Errors.Values));
        var after = await RowsAsync(2023);
        Assert.Equal("", after.Single(r => r.Item == "반환금").Source.Doc);
        Assert.NotEqual("", after.Single(r => r.Item == "인건비").Source.Doc);
        Assert.Equal((38_649_013m, ""), after.Where(r => r.Side == BudgetSide.Expenditure && r.IsTotal).Select(r => (r.Amount, r.Source.Doc)).Single());

        var (q3HtmlAfter, q3WorkbookAfter) = await RenderReportAsync(2023, 3);
        Assert.Equal(q3Html, q3HtmlAfter);
        AssertSameWorkbook(q3Workbook, q3WorkbookAfter);
        var q4 = WebUtility.HtmlDecode((await RenderReportAsync(2023, 4)).Html);
        Assert.Contains("169,148", q4, StringComparison.Ordinal);
        Assert.DoesNotContain("169,148", WebUtility.HtmlDecode(q3HtmlAfter), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReportWithoutSummaryOrStaffingSaysWhereToEnterThemAndPrintsTheSummaryOnceEntered()
    {
        Assert.True((await Get<Features.FiscalYear.FiscalYearService>().CreateFromAsync(Planner, 2024, 2023)).Done);
        Assert.True((await PeriodAdmin().OpenAsync(Administrator, new PeriodOpenForm { Year = "2024", Quarter = "1" })).Saved);
        var (html, workbook) = await RenderReportAsync(2024, 1);
        var text = WebUtility.HtmlDecode(html);
        var holders = Policies.Holders(Policies.CanSetUpYear);
        Assert.Contains($"자료 없음: 2024년 예산 총괄표 자료가 입력되지 않았습니다 — 연도 설정 › 예산 총괄에서 입력 ({holders})", text, StringComparison.Ordinal);
        Assert.Contains($"자료 없음: 2024년 인력 현황 자료가 입력되지 않았습니다 — 연도 설정 › 기관 현황·인력에서 입력 ({holders})", text, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/setup/", html, StringComparison.Ordinal); // plain text in the printed document
        var sheets = string.Join("\n", workbook.Where(p => p.Key.StartsWith("xl/", StringComparison.Ordinal)).Select(p => WebUtility.HtmlDecode(System.Text.Encoding.UTF8.GetString(p.Value))));
        Assert.Contains("예산 총괄표(수입)가 입력되지 않았습니다 — 연도 설정 › 예산 총괄에서 입력", sheets, StringComparison.Ordinal);

        var hub = await Get<EntryHubService>().GetAsync(2024, 1);
        Assert.Equal([("summary", false), ("staffing", false)], hub.YearSteps.Select(s => (s.Key, s.Done)));

        // The reports page links to the screens for a planner and names who to ask for a director.
        var planner = WebUtility.HtmlDecode(await (await App.CreateClientAsync(AppRoles.Planner)).GetStringAsync("/reports?year=2024&quarter=1"));
        Assert.Contains("href=\"/setup/budget-summary?year=2024\"", planner, StringComparison.Ordinal);
        Assert.Contains("href=\"/setup/profile?year=2024\"", planner, StringComparison.Ordinal);
        var director = WebUtility.HtmlDecode(await (await App.CreateClientAsync(AppRoles.Director)).GetStringAsync("/reports?year=2024&quarter=1"));
        Assert.Contains($"연도 설정 › 예산 총괄에서 입력 ({holders}에게 요청하세요)", director, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/setup/budget-summary", director, StringComparison.Ordinal);

        // Entered: the report prints it. 분야별 사업비 would be computed from the policy areas' 예산현액, but only two
        // 세부사업 have one: a partial sum proves nothing, so none is shown.
        Assert.True((await Get<BudgetSummarySetupService>().SaveAsync(Planner, 2024, Filled(await Get<BudgetSummarySetupService>().GetAsync(2024)))).Saved);
        foreach (var code in new[] { "P1.1.1", "P1.2.1" })
        {
            var entry = await Get<BudgetEntryService>().SaveAsync(Planner, 2024, 1, new BudgetEntryForm { Code = code, CurrentBudget = "100,000", Original = "100,000" });
            Assert.True(entry.Saved, string.Join(" / ", entry.Errors.Values));
        }

        var report = (await Get<QuarterlyReportService>().GetAsync(2024, 1))!;
        Assert.Equal(38_000_000m, report.Budget.Revenue.Single(r => r.IsTotal).Amount);
        var after = WebUtility.HtmlDecode((await RenderReportAsync(2024, 1)).Html);
        Assert.DoesNotContain("예산 총괄표 자료가 입력되지 않았습니다", after, StringComparison.Ordinal);
        Assert.Contains("27,665,000", after, StringComparison.Ordinal);
        Assert.Contains(report.Budget.Execution, r => r.Kind == ProgrammeKind.PolicyArea && r.CurrentBudget is null);
        Assert.Empty(report.Budget.CostShares);
        Assert.True((await Get<EntryHubService>().GetAsync(2024, 1)).YearSteps.Single(s => s.Key == "summary").Done);
    }

    [Fact]
    public void CostSharesAreThePolicyAreasCurrentBudgetsWithTheirTotalFirst()
    {
        var shares = Features.Budget.CostShare.FromAreas(
        [
            new Features.Budget.AreaExecution("P1", "생애설계", 300m, null, null),
            new Features.Budget.AreaExecution("P2", "일자리", 700m, 10m, 5m),
        ]);
        Assert.Equal([("합계", 1000m, (decimal?)null, true), ("생애설계", 300m, 0.3m, false), ("일자리", 700m, 0.7m, false)],
            shares.Select(s => (s.Area, s.Amount, s.ComputedShare, s.IsTotal)));
        Assert.Equal(Features.Budget.CostShare.ComputedNote, shares[0].Note);
        Assert.Empty(Features.Budget.CostShare.FromAreas([new Features.Budget.AreaExecution("P1", "생애설계", null, null, null), new Features.Budget.AreaExecution("P2", "일자리", 700m, null, null)]));
    }

    private PeriodAdminService PeriodAdmin() => Get<PeriodAdminService>();
}
