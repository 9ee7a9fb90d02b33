using DocumentFormat.OpenXml.Packaging;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.FiscalYear;
using Fifty.Ops.Features.Reports;
using Fifty.Ops.Tests.Infrastructure;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.Reports;

/// <summary>
/// The report of the first quarter of a rolled-over year while it is being entered (issue 18, a user's tryout): draft
/// targets, totals of a partly entered hierarchy, units of entered actuals, blank formulas — in the page's services,
/// the printed report and the workbook alike.
/// </summary>
public sealed class RolledOverQuarterReportTests : IAsyncLifetime
{
    private readonly SeededDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var created = await new FiscalYearService(_db.Factory, TimeProvider.System, Guard(_db.Factory)).CreateFromAsync(Planner, 2024, 2023);
        Assert.True(created.Done, created.Message);
        Assert.True((await PeriodAdmin(_db).OpenAsync(Administrator, new PeriodOpenForm { Year = "2024", Quarter = "1" })).Saved);
        var budget = BudgetEntry(_db);
        var saved = await budget.SaveAsync(Planner, 2024, 1, new BudgetEntryForm { Code = "P1.1.1", CurrentBudget = "120,000", Original = "120,000", Committed = "30,000", Disbursed = "24,000" });
        Assert.True(saved.Saved, string.Join(" / ", saved.Errors.Values));
        saved = await budget.SaveAsync(Planner, 2024, 1, new BudgetEntryForm { Code = "P2.1.1", CurrentBudget = "80,000", Original = "80,000", Disbursed = "16,000" });
        Assert.True(saved.Saved, string.Join(" / ", saved.Errors.Values));
        var indicators = IndicatorEntry(_db);
        var internship = (await indicators.GetAsync(2024, 1)).Rows.Single(r => r.Code == "T2023-1.1.1");
        Assert.True((await indicators.SaveAsync(Planner, 2024, 1, new IndicatorEntryForm { IndicatorId = internship.Id, Actual = "95", Token = internship.Token })).Saved);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private async Task<QuarterlyReport> ReportAsync() => (await ReportServices.Over(_db).GetAsync(2024, 1))!;

    private static XlsxSheet Sheet(QuarterlyReport report, string name)
    {
        var xlsx = new MemoryStream();
        QuarterlyWorkbook.Write(report, xlsx);
        xlsx.Position = 0;
        return XlsxSheet.Read(SpreadsheetDocument.Open(xlsx, false), name);
    }

    [Fact]
    public async Task ADraftTargetIsMarkedDraftInTheReportsTablesAndTheWorkbook()
    {
        var report = await ReportAsync();
        var row = report.Indicators.Rows.Single(r => r.Code == "T2023-1.1.1");
        Assert.True(row.Target!.IsDraft);
        Assert.Equal($"{row.Target.Raw} (초안)", row.TargetText);

        var doc = await ReportServices.RenderAsync(_db, report);
        var printed = doc.QuerySelectorAll("table.r-indicators tr").Single(tr => tr.TextContent.Contains(row.DisplayName, StringComparison.Ordinal));
        Assert.Contains($"{row.Target.Raw} (초안)", printed.TextContent, StringComparison.Ordinal);
        var project = doc.QuerySelectorAll(".r-project").Single(p => p.TextContent.Contains(row.Name, StringComparison.Ordinal));
        Assert.Contains($"{row.Target.Raw} (초안) ☞", project.TextContent, StringComparison.Ordinal);

        var sheet = Sheet(report, "성과지표");
        Assert.Contains($"{row.Target.Raw} (초안)", sheet.AllTexts);
        Assert.Contains($"{row.Target.Raw} (초안)", Sheet(report, "사업별 실적").AllTexts);
    }

    [Fact]
    public async Task AnEnteredBareActualCarriesTheUnitItsTargetHas()
    {
        var report = await ReportAsync();
        var row = report.Indicators.Rows.Single(r => r.Code == "T2023-1.1.1");
        Assert.Equal("명", row.Unit);
        Assert.Equal("95", row.Actual!.Raw);
        Assert.Equal("95명", row.ActualText);

        var doc = await ReportServices.RenderAsync(_db, report);
        var project = doc.QuerySelectorAll(".r-project").Single(p => p.TextContent.Contains(row.Name, StringComparison.Ordinal));
        Assert.Contains("☞ 95명", project.TextContent, StringComparison.Ordinal);
        Assert.Contains("95명", Sheet(report, "성과지표").AllTexts);
        // The table's 기준일 is the period's once figures are entered for it, never "기준일 없음".
        Assert.DoesNotContain(doc.QuerySelectorAll("table.r-indicators caption"), c => c.TextContent.Contains("기준일 없음", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MidEntryTheTotalsOfTheEnteredLinesAreStatedOnceLabelledWithTheirCount()
    {
        var report = await ReportAsync();
        Assert.Null(report.Budget.Total!.CurrentBudget);
        var part = report.Budget.Partial!;
        Assert.Equal(2, part.Entered);
        Assert.True(part.Lines > 30, $"{part.Lines} lines");
        Assert.Equal((200_000m, 30_000m, 40_000m), (part.CurrentBudget!.Value, part.Committed!.Value, part.Disbursed!.Value));
        // Rates only over the lines that have both figures: 지출 on both lines, 원인행위 only on P1.1.1.
        Assert.Equal((0.2m, 2, 0.25m, 1), (part.DisbursedRate!.Value, part.DisbursedRateLines, part.CommittedRate!.Value, part.CommittedRateLines));
        Assert.Equal($"입력된 2/{part.Lines}개 세부사업 합계", part.Label);
        // A closed quarter's snapshot keeps it, rates included.
        Assert.Equal(part, ReportSnapshotJson.Deserialize(ReportSnapshotJson.Serialize(report)).Budget.Partial);

        var doc = await ReportServices.RenderAsync(_db, report);
        Assert.Contains($"입력된 2/{part.Lines}개 세부사업 합계: 예산현액 200,000천원", doc.QuerySelector("p.r-partial")!.TextContent, StringComparison.Ordinal);
        // One line for the areas without figures, not a "자료 없음" per bar.
        Assert.DoesNotContain("일부 세부사업 자료 없음", doc.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Single(doc.QuerySelectorAll(".chart-missing"));

        var summary = Sheet(report, "요약");
        Assert.Equal(200_000m, summary.Number($"B{summary.RowOf($"예산현액 ({part.Label})").RowIndex!.Value}"));
        Assert.Equal(40_000m, summary.Number($"B{summary.RowOf($"지출액 ({part.Label})").RowIndex!.Value}"));
        Assert.Equal(30_000m, summary.Number($"B{summary.RowOf($"원인행위액 ({part.Label})").RowIndex!.Value}"));
    }

    [Fact]
    public async Task TheCompleteYearHasNoPartialTotalAndKeepsItsFigures()
    {
        var report = (await ReportServices.Over(_db).GetAsync(2023, 3))!;
        Assert.Null(report.Budget.Partial);
        Assert.Equal(23_387_991m, report.Budget.Total!.Disbursed);
        Assert.Null((await ReportServices.RenderAsync(_db, report)).QuerySelector("p.r-partial"));
    }

    [Fact]
    public async Task SheetsAndCaptionsNameTheRealSourceOfTheirFigures()
    {
        var report = await ReportAsync();
        var appendix = string.Join(" ", Sheet(report, "붙임").AllTexts);
        Assert.Contains("붙임. 2024년 예산 집행 현황 (입력 값 우선)", appendix, StringComparison.Ordinal);
        Assert.DoesNotContain("보고서 원문", appendix, StringComparison.Ordinal);
        Assert.DoesNotContain("보고서 붙임의 금액 그대로", appendix, StringComparison.Ordinal);
        var campuses = string.Join(" ", Sheet(report, "캠퍼스 이용").AllTexts);
        Assert.Contains("공유사무실 (2023년 보고서에서 이월)", campuses, StringComparison.Ordinal);
        Assert.DoesNotContain("2024년 보고서", campuses, StringComparison.Ordinal);

        var original = (await ReportServices.Over(_db).GetAsync(2023, 3))!;
        Assert.Contains("붙임. 2023년 예산 집행 현황 (보고서 원문)", string.Join(" ", Sheet(original, "붙임").AllTexts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARolledOverIndicatorsDetailShowsItsPredecessorsYearsByCode()
    {
        var service = new Fifty.Ops.Features.Indicators.IndicatorQueryService(_db.Factory, new Fifty.Ops.Features.Periods.PeriodService(_db.Factory));
        var id = (await service.GetListAsync(2024, 1)).Rows.Single(r => r.Code == "T2023-1.1.1").Id;
        var detail = (await service.GetDetailAsync(id, 1))!;
        Assert.Equal(2024, detail.Year);
        var last = detail.Trend.Single(t => t.Year == 2023);
        Assert.Equal((412m, 400m), (last.Actual!.Value, last.Target!.Value));
        Assert.Contains(detail.Trend, t => t.Year == 2024 && t.Actual == 95m);
        Assert.Contains(detail.Values, v => v.Year == 2023 && v.Kind == Fifty.Ops.Domain.IndicatorValueKind.Actual && v.Raw.StartsWith("412", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATotalOverNoValuesIsLeftBlankRatherThanAComputedZero()
    {
        var report = await ReportAsync();
        Assert.All(report.Projects, p => Assert.Null(p.Summary.RequiredBudget));
        var sheet = Sheet(report, "사업별 실적");
        var total = sheet.RowOf("합계 (위 사업의 합)").RowIndex!.Value;
        Assert.False(sheet.Cells.TryGetValue($"H{total}", out var cell) && (cell.CellFormula is not null || cell.CellValue is not null));
    }
}
