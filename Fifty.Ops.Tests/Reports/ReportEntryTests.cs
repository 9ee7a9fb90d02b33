using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.Reports;
using Fifty.Ops.Tests.Infrastructure;

namespace Fifty.Ops.Tests.Reports;

/// <summary>What planners enter for an open quarter is what that quarter's report prints, in every section.</summary>
public sealed class ReportEntryTests : IAsyncLifetime
{
    private readonly SeededDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await EntryFixtures.OpenQ4Async(_db);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private QuarterlyReportService Reports => ReportServices.Over(_db);

    private Task<AngleSharp.Html.Dom.IHtmlDocument> Render(QuarterlyReport report) => ReportServices.RenderAsync(_db, report);

    [Fact]
    public async Task BudgetFiguresEnteredForAProjectShowInItsSectionAndInTheAppendixFromOneSource()
    {
        var form = new Fifty.Ops.Features.DataEntry.BudgetEntryForm
        {
            Code = "P2.1.1", CurrentBudget = "990,000", Original = "986,426", Supplementary = "3,574", Transfers = "0",
            Committed = "970,000", Disbursed = "912,345", Forecast = "985,000", Token = "0",
        };
        Assert.True((await EntryFixtures.BudgetEntry(_db).SaveAsync(EntryFixtures.Planner, 2023, 4, form)).Saved);

        var report = (await Reports.GetAsync(2023, 4))!;
        var project = report.Projects.Single(p => p.Summary.Code == "J1.1.1");
        var row = Assert.Single(report.ExecutionOf(project));
        Assert.Equal((990_000m, 970_000m, 912_345m, 985_000m), (row.CurrentBudget!.Value, row.Committed!.Value, row.Disbursed!.Value, row.Forecast!.Value));

        var doc = await Render(report);
        var section = doc.QuerySelectorAll(".r-project").Single(p => p.QuerySelector("h4")!.TextContent.StartsWith(project.Summary.Title, StringComparison.Ordinal));
        Assert.DoesNotContain(section.QuerySelectorAll(".r-missing"), m => m.TextContent.Contains("예산집행현황", StringComparison.Ordinal));
        var printed = section.QuerySelector("table.r-project-execution tr[data-code='P2.1.1']")!.TextContent;
        foreach (var figure in new[] { "990,000", "970,000", "912,345", "985,000", "98.0%", "92.2%" })
        {
            Assert.Contains(figure, printed, StringComparison.Ordinal);
        }

        Assert.Contains("912,345", doc.QuerySelector("table.r-execution")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEnteredActualIsLabelledEnteredInTheWorkbookAndTheReportsStatedRateStaysWithTheReport()
    {
        var entries = EntryFixtures.IndicatorEntry(_db);
        var row = (await entries.GetAsync(2023, 4)).Rows.Single(r => r.Code == "H2023-05");
        Assert.True((await entries.SaveAsync(EntryFixtures.Planner, 2023, 4,
            new Fifty.Ops.Features.DataEntry.IndicatorEntryForm { IndicatorId = row.Id, Actual = "2,500명", Token = row.Token })).Saved);

        string SourceCell(QuarterlyReport report)
        {
            using var stream = new MemoryStream();
            QuarterlyWorkbook.Write(report, stream);
            stream.Position = 0;
            using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, false);
            var sheet = XlsxSheet.Read(document, "성과지표");
            var headings = sheet.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Single(r => r.RowIndex!.Value == 5u).Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList();
            var column = new string(headings.Single(c => sheet.Text(c.CellReference!).StartsWith("실적 출처", StringComparison.Ordinal)).CellReference!.Value!.TakeWhile(char.IsLetter).ToArray());
            var line = sheet.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Single(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Any(c => sheet.Text(c.CellReference!).Contains("40대 특화 직업전환체계", StringComparison.Ordinal)));
            return sheet.Text($"{column}{line.RowIndex}");
        }

        Assert.StartsWith("입력 (김기획, ", SourceCell((await Reports.GetAsync(2023, 4))!), StringComparison.Ordinal);
        Assert.Equal("보고서: 목표대비 382%", SourceCell((await Reports.GetAsync(2023, 3))!));
    }

    [Fact]
    public async Task CommentaryWrittenForAnIndicatorIsPrintedNextToIt()
    {
        int id;
        await using (var db = _db.CreateContext())
        {
            id = db.Indicators.Single(i => i.Code == "T2023-4.1.1").Id;
        }

        var actors = new Fifty.Ops.Infrastructure.Auditing.ActorAccessor();
        var commentary = new IndicatorCommentaryService(_db.Factory, TimeProvider.System, EntryFixtures.Guard(_db.Factory), actors);
        var saved = await commentary.SaveAsync(EntryFixtures.Planner, id, 2023, 4, new CommentaryInput { Cause = "하반기 상담 인력 공백", Action = "11월 상담사 충원" });
        Assert.True(saved.Succeeded, string.Join(" / ", saved.Errors.Values));

        var doc = await Render((await Reports.GetAsync(2023, 4))!);
        var note = doc.QuerySelector("table.r-indicators tr.r-commentary[data-code='T2023-4.1.1']")!;
        Assert.Contains("원인 분석 하반기 상담 인력 공백", note.TextContent, StringComparison.Ordinal);
        Assert.Contains("조치 계획 11월 상담사 충원", note.TextContent, StringComparison.Ordinal);
        Assert.Contains("생애전환기", note.PreviousElementSibling!.QuerySelector("td.r-name")!.TextContent, StringComparison.Ordinal);
    }
}
