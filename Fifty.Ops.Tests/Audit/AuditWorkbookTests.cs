using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Audit;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;

namespace Fifty.Ops.Tests.Audit;

/// <summary>The audit workbook read back with the OpenXML SDK: layout, values, filters and the spreadsheet-safety rules.</summary>
public sealed class AuditWorkbookTests : IAsyncLifetime
{
    private readonly SeededDatabase _database = new();
    private readonly ActorAccessor _actors = new();

    private AuditQueryService Queries => new(_database.Factory, new AccessGuard(Log), TimeProvider.System);

    private AuditLog Log => new(_database.AuditedFactory(_actors, TimeProvider.System), _actors, TimeProvider.System);

    private AuditWorkbookWriter Writer => new(Queries, new AccessGuard(Log), TimeProvider.System);

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await Log.RecordAsync(new AuditActor(1, "kim", "10.1.2.3"), new AuditRecord(AuditKind.SignIn, "User", "kim", Detail: "로그인"));
        await Log.RecordAsync(new AuditActor(1, "kim", "10.1.2.3"), new AuditRecord(AuditKind.DataChange, "IndicatorComment", "12", "Cause",
            "=HYPERLINK(\"http://evil.example\",\"클릭\")", "+82-2-0000", "-1 @SUM(A1)\u0001 끝\uFFFF"));
        await Log.RecordAsync(new AuditActor(2, "@lee", "10.1.2.4"), new AuditRecord(AuditKind.Export, "BudgetWorkbook", "2023-Q3", Detail: "\t탭으로 시작"));
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task EveryEntryIsARowUnderAFrozenFilterableHeadingWithTheChainStatusAbove()
    {
        using var book = await WriteAsync(AuditFilter.None);
        var rows = Rows(book);
        Assert.Equal("Fifty.Ops 감사 기록", Text(book, rows[1][0]));
        Assert.StartsWith("조건: 전체 기록 · 추출: ", Text(book, rows[2][0]), StringComparison.Ordinal);
        Assert.StartsWith("해시 체인 검증: 정상: 기록 3건의 해시 체인이 끊김 없이 이어집니다. · 마지막 해시 ", Text(book, rows[3][0]), StringComparison.Ordinal);
        Assert.Equal(
            ["번호", "일시 (한국 시간)", "일시 (UTC)", "사용자", "IP 주소", "종류", "대상 종류", "대상 ID", "항목", "이전 값", "새 값", "내용", "해시 (SHA-256)"],
            rows[5].Select(c => Text(book, c)));
        Assert.Equal([6u, 7u, 8u], rows.Keys.Where(k => k > 5).Order());

        var first = rows[6];
        Assert.Equal("1", first[0].CellValue!.Text);
        Assert.Equal(CellValues.Number, first[0].DataType!.Value);
        Assert.Equal(("kim", "10.1.2.3", "로그인", "User", "kim"), (Text(book, first[3]), Text(book, first[4]), Text(book, first[5]), Text(book, first[6]), Text(book, first[7])));
        // The Korea time is a real date (sortable, filterable) in a date-time format; UTC is kept as text beside it.
        var kst = DateTime.FromOADate(double.Parse(first[1].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
        var utc = DateTime.Parse(Text(book, first[2]), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.InRange((kst - utc - TimeSpan.FromHours(9)).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(2));
        Assert.Equal("yyyy-mm-dd hh:mm:ss", FormatOf(book, first[1]));
        Assert.Equal(64, Text(book, first[12]).Length);

        var sheet = book.WorkbookPart!.WorksheetParts.Single().Worksheet;
        Assert.Equal("A5:M8", sheet.Elements<AutoFilter>().Single().Reference!.Value);
        var pane = sheet.Descendants<Pane>().Single();
        Assert.Equal(("A6", PaneStateValues.Frozen), (pane.TopLeftCell!.Value, pane.State!.Value));
        Assert.Equal("감사 기록", book.WorkbookPart.Workbook.Descendants<Sheet>().Single().Name!.Value);
    }

    [Fact]
    public async Task TextThatASpreadsheetWouldReadAsAFormulaIsKeptAsQuotedText()
    {
        using var book = await WriteAsync(AuditFilter.None);
        var rows = Rows(book);
        var change = rows[7];
        Assert.Equal("=HYPERLINK(\"http://evil.example\",\"클릭\")", Text(book, change[9]));
        Assert.Equal("+82-2-0000", Text(book, change[10]));
        Assert.All(new[] { change[9], change[10], change[11], rows[8][3], rows[8][11] }, c =>
        {
            Assert.Equal(CellValues.InlineString, c.DataType!.Value);
            Assert.Null(c.CellFormula);
            Assert.True(Format(book, c).QuotePrefix?.Value, $"{c.CellReference} should carry the quote prefix");
        });
        Assert.Equal("@lee", Text(book, rows[8][3]));
        Assert.Equal("\t탭으로 시작", Text(book, rows[8][11]));
        // Ordinary text has no prefix.
        Assert.NotEqual(true, Format(book, rows[6][3]).QuotePrefix?.Value);
    }

    [Fact]
    public async Task CharactersXmlCannotCarryAreDroppedNotTheWholeValue()
    {
        using var book = await WriteAsync(AuditFilter.None);
        Assert.Equal("-1 @SUM(A1) 끝", Text(book, Rows(book)[7][11]));
        Assert.Equal("ab\U0001F600c", AuditWorkbookWriter.XmlSafe("a\u0000b\U0001F600\uD800c"));
    }

    [Fact]
    public async Task OnlyTheFilteredEntriesAreWritten()
    {
        using var book = await WriteAsync(AuditFilter.Parse(null, null, "kim", nameof(AuditKind.DataChange), null));
        var rows = Rows(book);
        Assert.Equal([6u], rows.Keys.Where(k => k > 5));
        Assert.Equal("IndicatorComment", Text(book, rows[6][6]));
        Assert.StartsWith("조건: 사용자 kim, 종류 자료 변경 · ", Text(book, rows[2][0]), StringComparison.Ordinal);

        using var byObject = await WriteAsync(AuditFilter.Parse(null, null, null, null, "Budget"));
        Assert.Equal("BudgetWorkbook", Text(byObject, Rows(byObject)[6][6]));
        Assert.Equal([6u], Rows(byObject).Keys.Where(k => k > 5));
    }

    [Fact]
    public async Task OnlyAuditorsAndAdminsGetTheWorkbook()
    {
        await using var stream = new MemoryStream();
        var result = await Writer.WriteAsync(TestAccounts.Principal(AppRoles.Planner), AuditFilter.None, stream);
        Assert.Equal("권한이 없습니다: 감사 기록 내려받기 권한은 시스템관리자·감사담당에게만 있습니다.", result.Refusal);
        Assert.Equal(0, stream.Length);
    }

    private async Task<SpreadsheetDocument> WriteAsync(AuditFilter filter)
    {
        var stream = new MemoryStream();
        var result = await Writer.WriteAsync(TestAccounts.Principal(AppRoles.Auditor), filter, stream);
        Assert.Null(result.Refusal);
        stream.Position = 0;
        return SpreadsheetDocument.Open(stream, false);
    }

    private static Dictionary<uint, List<Cell>> Rows(SpreadsheetDocument book) =>
        book.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToDictionary(r => r.RowIndex!.Value, r => r.Elements<Cell>().ToList());

    private static string Text(SpreadsheetDocument book, Cell cell) => cell.InlineString?.Text?.Text ?? cell.CellValue?.Text ?? "";

    private static CellFormat Format(SpreadsheetDocument book, Cell cell) =>
        book.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));

    private static string? FormatOf(SpreadsheetDocument book, Cell cell)
    {
        var id = Format(book, cell).NumberFormatId!.Value;
        return book.WorkbookPart!.WorkbookStylesPart!.Stylesheet.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == id).FormatCode!.Value;
    }
}
