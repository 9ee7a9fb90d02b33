using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.Campuses;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.FiscalYear;
using Fifty.Ops.Features.FiscalYear.Indicators;
using Fifty.Ops.Features.FiscalYear.Sites;
using Fifty.Ops.Features.FiscalYear.Summary;
using Fifty.Ops.Features.FiscalYear.YearStructure;
using Fifty.Ops.Features.Import;
using Fifty.Ops.Features.Reports;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;
using Fifty.Ops.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.FiscalYear;

/// <summary>
/// The acceptance of the yearly cycle (issue 18), on the app as production registers it over a fresh seeded SQLite
/// file: 2024 is created from 2023, changed (a new 세부사업, a new indicator, a retired 세부사업, a campus opening
/// 2024-04-01), entered (Q1 by the forms' services, Q2 by the quarterly template), closed and reported.
/// </summary>
public sealed class AcceptanceYearCycleTests : AppTestBase
{
    private const string NewCode = "P1.1.9";
    private const string NewName = "중장년 디지털 전환 시범사업";
    private const string RetiredCode = "P1.1.2";
    private const string RetiredName = "중장년종합지원 활성화및성과확산";
    private const string NewIndicator = "디지털 전환 시범 참여자";
    private const string NewCampus = "seocho";
    private const string NewCampusName = "서울시50플러스 서초캠퍼스";

    /// <summary>
    /// Adds a 세부사업 under an existing 단위사업 of <paramref name="year"/>. Behind this one method so the structure
    /// helper's single-edit service can replace the database write when it is merged.
    /// </summary>
    /// <summary>Adds a 세부사업 under a 단위사업 as the setup page's single edit does (StructureWorkbookService).</summary>
    private async Task AddDetailedProjectAsync(int year, string parentCode, string code, string name)
    {
        FundingSource funding;
        await using (var db = await Get<IDbContextFactory<FiftyOpsDbContext>>().CreateDbContextAsync())
        {
            var parent = await db.ProgrammeNodes.SingleAsync(n => n.Year == year && n.Code == parentCode);
            Assert.Equal(ProgrammeKind.UnitProject, parent.Kind);
            funding = parent.Funding;
        }

        var saved = await Get<StructureWorkbookService>().SaveNodeAsync(Planner, year, new StructureNodeForm
        {
            Code = code, ParentCode = parentCode, Kind = ProgrammeKind.DetailedProject, Name = name, Funding = funding, OriginalBudget = "50,000",
        });
        Assert.True(saved.Committed, saved.Message);
    }

    private async Task CloseAsync(int year, int quarter)
    {
        var admin = Get<PeriodAdminService>();
        var version = (await admin.GetAsync()).Periods.Single(p => p.Year == year && p.Quarter == quarter).Version;
        var closed = await admin.CloseAsync(Administrator, year, quarter, version);
        Assert.True(closed.Saved, string.Join(" / ", closed.Errors.Values));
    }

    private async Task OpenAsync(int year, int quarter)
    {
        var opened = await Get<PeriodAdminService>().OpenAsync(Administrator, new PeriodOpenForm { Year = year.ToString(System.Globalization.CultureInfo.InvariantCulture), Quarter = quarter.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.True(opened.Saved, string.Join(" / ", opened.Errors.Values));
    }

    [Fact]
    public async Task ANewYearIsSetUpChangedEnteredByFormAndTemplateClosedAndReportedWhileClosedReportsStayUnchanged()
    {
        var (q3Html, q3Workbook) = await RenderReportAsync(2023, 3);

        // Before the year: the roll-over, then the planners' changes.
        var created = await Get<FiscalYearService>().CreateFromAsync(Planner, 2024, 2023);
        Assert.True(created.Done, created.Message);
        await AddDetailedProjectAsync(2024, "P1.1", NewCode, NewName);
        var indicatorSaved = await Get<IndicatorSetupService>().SaveAsync(Planner, 2024, new IndicatorSetupForm
        {
            Field = "중장년 일자리 발굴 및 취·창업 지원", Name = NewIndicator, Unit = "명", Direction = Direction.Higher,
            Accumulation = IndicatorAccumulation.Cumulative, YearTarget = "200명", Q1 = "50명", Q2 = "100명", Caution = "90", RelatedProjects = ["J1.1.1"],
        });
        Assert.True(indicatorSaved.Saved, string.Join(" / ", indicatorSaved.Errors.Values));
        var indicatorCode = indicatorSaved.Token!;
        Assert.True((await Get<FiscalYearService>().RetireAsync(Planner, RetireTarget.Programme, 2024, RetiredCode, null)).Saved);
        var site = await Get<SiteSetupService>().SaveAsync(Planner, 2024, new SiteForm
        {
            Code = NewCampus, Name = NewCampusName, Kind = CampusKind.Campus, OpenedOn = "2024-04-01", Status = FacilityStatus.Open, Seats = "40",
        });
        Assert.True(site.Saved, string.Join(" / ", site.Errors.Values));

        // Q1 by the forms' services.
        await OpenAsync(2024, 1);
        var budget = Get<BudgetEntryService>();
        Assert.Contains((await budget.GetAsync(2024, 1)).Rows, r => r.Code == NewCode);
        Assert.DoesNotContain((await budget.GetAsync(2024, 1)).Rows, r => r.Code == RetiredCode);
        foreach (var form in new[]
                 {
                     new BudgetEntryForm { Code = "P1.1.1", CurrentBudget = "120,000", Original = "120,000", Committed = "30,000", Disbursed = "24,000" },
                     new BudgetEntryForm { Code = NewCode, CurrentBudget = "50,000", Original = "50,000", Committed = "10,000", Disbursed = "5,000" },
                 })
        {
            var saved = await budget.SaveAsync(Planner, 2024, 1, form);
            Assert.True(saved.Saved, string.Join(" / ", saved.Errors.Values));
        }

        var indicators = Get<IndicatorEntryService>();
        var row = (await indicators.GetAsync(2024, 1)).Rows.Single(r => r.Code == indicatorCode);
        Assert.True((await indicators.SaveAsync(Planner, 2024, 1, new IndicatorEntryForm { IndicatorId = row.Id, Actual = "60명", Token = row.Token })).Saved);

        var usage = Get<CampusUsageEntryService>();
        var march = await usage.SaveAsync(Planner, new UsageEntryForm { CampusCode = NewCampus, Year = 2024, Month = "3", Visits = "100" });
        Assert.False(march.Saved);
        Assert.Equal($"{NewCampusName}는 2024. 4. 1. 개관하여 2024년 3월 자료를 입력할 수 없습니다 (개소일 이전의 달).", Assert.Single(march.Errors).Value);
        Assert.True((await usage.SaveAsync(Planner, new UsageEntryForm { CampusCode = "south", Year = 2024, Month = "1", Visits = "1,000" })).Saved);
        await CloseAsync(2024, 1);

        // Q2 by the quarterly template, as a planner downloads, fills and uploads it.
        await OpenAsync(2024, 2);

        // The year's 예산 총괄 was not entered before Q1 closed: Q1's report says where to enter it. The planner enters it
        // now, from 2023's item names, so Q2's report prints it.
        const string summaryMissing = "2024년 예산 총괄표 자료가 입력되지 않았습니다 — 연도 설정 › 예산 총괄에서 입력";
        var q1Html = WebUtility.HtmlDecode((await RenderReportAsync(2024, 1)).Html);
        Assert.Contains(summaryMissing, q1Html, StringComparison.Ordinal);
        var summarySetup = await Get<BudgetSummarySetupService>().GetAsync(2024);
        Assert.Equal(2023, summarySetup.InheritedFrom);
        var summarySaved = await Get<BudgetSummarySetupService>().SaveAsync(Planner, 2024, BudgetSummarySetupTests.Filled(summarySetup));
        Assert.True(summarySaved.Saved, string.Join(" / ", summarySaved.Errors.Values));
        Assert.Empty(summarySaved.Warnings);

        var import = Get<ImportService>();
        await using var templateStream = new MemoryStream();
        Assert.Null(await import.WriteTemplateAsync(2024, 2, templateStream));
        using var edit = new XlsxEditor(templateStream.ToArray());
        var budgetRow = edit.RowOf(TemplateLayout.BudgetSheet, NewCode, "D")[1..];
        Assert.Throws<InvalidOperationException>(() => edit.RowOf(TemplateLayout.BudgetSheet, RetiredCode));
        var aprilRef = edit.RowOf(TemplateLayout.CampusSheet, NewCampus, "C");
        Assert.Equal("4", CellText(templateStream.ToArray(), TemplateLayout.CampusSheet, aprilRef));
        edit.Number(TemplateLayout.BudgetSheet, "D" + budgetRow, 50000m)
            .Number(TemplateLayout.BudgetSheet, "E" + budgetRow, 50000m)
            .Number(TemplateLayout.BudgetSheet, "H" + budgetRow, 30000m)
            .Number(TemplateLayout.BudgetSheet, "I" + budgetRow, 20000m)
            .Text(TemplateLayout.IndicatorsSheet, edit.RowOf(TemplateLayout.IndicatorsSheet, indicatorCode, "I"), "130명")
            .Number(TemplateLayout.CampusSheet, "D" + aprilRef[1..], 500m);
        var file = edit.Save();
        var preview = await import.PreviewAsync(Planner, 2024, 2, "2024-2분기.xlsx", file);
        Assert.Empty(preview.Errors.Select(e => $"{e.Sheet}!{e.Cell}: {e.Message}"));
        var committed = await import.CommitAsync(Planner, 2024, 2, "2024-2분기.xlsx", file, preview.Digest);
        Assert.True(committed.Committed, committed.Message);
        await CloseAsync(2024, 2);

        // The 2024 Q2 report: the new items with the entered figures, rates from them, the retired row nowhere.
        var report = (await Get<QuarterlyReportService>().GetAsync(2024, 2))!;
        Assert.True(report.Period.IsClosed);
        var execution = report.Budget.Execution.Single(r => r.Code == NewCode);
        Assert.Equal((NewName, 50000m, 30000m, 20000m), (execution.Name, execution.CurrentBudget, execution.Committed, execution.Disbursed));
        Assert.Equal((0.6m, 0.4m), (execution.CommittedRate, execution.DisbursedRate));
        Assert.DoesNotContain(report.Budget.Execution, r => r.Code == RetiredCode);
        var indicator = report.Indicators.Rows.Single(r => r.Code == indicatorCode);
        Assert.Equal(("130명", "100명"), (indicator.Actual?.Raw, indicator.Target?.Raw)); // the Q2 target of a cumulative indicator
        Assert.Equal(1.3m, indicator.Achievement.Rate);
        var campus = report.Campuses.Usage.Campuses.Single(c => c.Code == NewCampus);
        Assert.Equal((4, 6), (campus.Due.First, campus.Due.Last));
        var visits = campus.Metrics.Single(m => m.Metric == UsageMetric.Visits);
        Assert.Equal((500, 2), (visits.Quarters[1].Value, visits.Quarters[1].MissingMonths));
        Assert.Null(visits.Quarters[0].Value);
        Assert.Equal(0, visits.Quarters[0].DueMonths);

        // The report page model, and the page's preview, workbook and PDF as served.
        var page = await Get<ReportPageService>().GetAsync(2024, 2);
        Assert.Equal("2024년 2분기 주요업무보고", page.Title);
        var client = await App.CreateClientAsync(AppRoles.Planner);
        var served = WebUtility.HtmlDecode(await client.GetStringAsync("/reports/2024/q2.html"));
        foreach (var expected in new[] { NewName, NewIndicator, "130명", "50,000", "20,000", "서초캠퍼스" })
            Assert.Contains(expected, served, StringComparison.Ordinal);
        Assert.DoesNotContain(RetiredName, served, StringComparison.Ordinal);
        Assert.Equal(38_000_000m, report.Budget.Revenue.Single(r => r.IsTotal).Amount);
        Assert.DoesNotContain("예산 총괄표 자료가 입력되지 않았습니다", served, StringComparison.Ordinal);
        Assert.Contains("27,665,000", served, StringComparison.Ordinal);
        var workbookText = WorkbookText(await client.GetByteArrayAsync("/reports/2024/q2.xlsx"));
        Assert.Contains(NewName, workbookText, StringComparison.Ordinal);
        Assert.Contains(NewIndicator, workbookText, StringComparison.Ordinal);
        Assert.Matches(@"<(\w+:)?v>20000</(\w+:)?v>", workbookText); // the 지출액 as a number cell
        Assert.DoesNotContain(RetiredName, workbookText, StringComparison.Ordinal);
        Assert.DoesNotContain("예산 총괄표(수입)가 입력되지 않았습니다", workbookText, StringComparison.Ordinal);
        var pdfText = await PdfTextAsync(await client.GetByteArrayAsync("/reports/2024/q2.pdf"));
        Assert.Contains("2024년 2분기 주요업무보고", pdfText, StringComparison.Ordinal);
        Assert.Contains("20,000", pdfText, StringComparison.Ordinal);
        // A long name may wrap inside its table cell: compared without white space.
        Assert.Contains(NewIndicator.Replace(" ", "", StringComparison.Ordinal), string.Concat(pdfText.Where(c => !char.IsWhiteSpace(c))), StringComparison.Ordinal);
        Assert.DoesNotContain(RetiredName, pdfText, StringComparison.Ordinal);
        Assert.Contains("38,000,000", pdfText, StringComparison.Ordinal);
        Assert.DoesNotContain("예산 총괄표 자료가", pdfText, StringComparison.Ordinal);

        // Renaming after Q2 is closed leaves the Q2 report as it was.
        var (q2Html, q2Workbook) = await RenderReportAsync(2024, 2);
        await using (var db = await Get<IDbContextFactory<FiftyOpsDbContext>>().CreateDbContextAsync())
        {
            (await db.Projects.AsTracking().SingleAsync(p => p.Year == 2024 && p.Code == "J1.1.1")).Title = "중장년 인턴십 지원 (2024 개편)";
            (await db.ProgrammeNodes.AsTracking().SingleAsync(n => n.Year == 2024 && n.Code == NewCode)).Name = "이름을 바꾼 시범사업";
            await db.SaveChangesAsync();
        }

        var (q2HtmlAfter, q2WorkbookAfter) = await RenderReportAsync(2024, 2);
        Assert.Equal(q2Html, q2HtmlAfter);
        AssertSameWorkbook(q2Workbook, q2WorkbookAfter);
        Assert.Contains(NewName, WebUtility.HtmlDecode(await client.GetStringAsync("/reports/2024/q2.html")), StringComparison.Ordinal);

        // Q1 closed without the summary and stays so.
        Assert.Equal(q1Html, WebUtility.HtmlDecode((await RenderReportAsync(2024, 1)).Html));

        // The 2023 Q3 report never moved.
        var (q3HtmlAfter, q3WorkbookAfter) = await RenderReportAsync(2023, 3);
        Assert.Equal(q3Html, q3HtmlAfter);
        AssertSameWorkbook(q3Workbook, q3WorkbookAfter);
    }

    private static string CellText(byte[] workbook, string sheet, string reference)
    {
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        return XlsxSheet.Read(document, sheet).Text(reference);
    }

    /// <summary>The shared strings and sheet XML of a workbook, Hangul decoded, for "is it in there" checks.</summary>
    private static string WorkbookText(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read);
        var text = new StringBuilder();
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(WebUtility.HtmlDecode(reader.ReadToEnd()));
        }

        return text.ToString();
    }

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        var path = Path.Combine(Path.GetTempPath(), $"acceptance-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", path, "-"]) { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
