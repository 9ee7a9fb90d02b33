using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.Import;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.Import;

public sealed class ImportServiceTests : IAsyncLifetime
{
    private const string Budget = TemplateLayout.BudgetSheet;
    private const string Indicators = TemplateLayout.IndicatorsSheet;
    private const string Narratives = TemplateLayout.NarrativesSheet;
    private const string Campus = TemplateLayout.CampusSheet;
    private readonly SeededDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await OpenQ4Async(_db);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private async Task<byte[]> TemplateAsync(int year = 2023, int quarter = 4)
    {
        await using var stream = new MemoryStream();
        Assert.Null(await ImportOf(_db).WriteTemplateAsync(year, quarter, stream));
        return stream.ToArray();
    }

    private Task<ImportPreview> PreviewAsync(byte[] file, string name = "입력.xlsx") => ImportOf(_db).PreviewAsync(Planner, 2023, 4, name, file);

    private Task<string> ChecksumAsync() => EntryFixtures.ChecksumAsync(_db.ConnectionString);

    [Fact]
    public async Task TheTemplateHasAGuideAndOneSheetPerAreaWithCodesLockedAndIsSchemaValid()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(await TemplateAsync()), false);
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}"));
        Assert.Equal(["안내", Indicators, Budget, Narratives, Campus], document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!));

        var budget = XlsxSheet.Read(document, Budget);
        Assert.NotNull(budget.Worksheet.GetFirstChild<SheetProtection>());
        Assert.Equal("코드", budget.Text("A3"));
        Assert.Equal("지출액", budget.Text("I3"));
        var p111 = budget.RowOf("P1.1.1").RowIndex!.Value;
        Assert.False(Unlocked(budget, $"A{p111}")); // the code is locked
        Assert.True(Unlocked(budget, $"I{p111}"));  // the amount is open for input
        Assert.Equal(115400m, budget.Number($"K{p111}")); // reference: the Q3 report's 예산현액
        Assert.True(budget.Worksheet.Descendants<Column>().Single(c => c.Min!.Value == 15).Hidden!.Value); // the check column

        var guide = XlsxSheet.Read(document, "안내");
        Assert.Equal(TemplateLayout.Marker, guide.Text("B3"));
        Assert.Equal(2023m, guide.Number("B4"));
        Assert.Equal(4m, guide.Number("B5"));
        Assert.Null(XlsxSheet.Read(document, Narratives).Worksheet.GetFirstChild<SheetProtection>()); // rows can be added there

        static bool Unlocked(XlsxSheet sheet, string cell)
        {
            var xf = sheet.Styles.CellFormats!.Elements<CellFormat>().ElementAt((int)sheet.Cells[cell].StyleIndex!.Value);
            return xf.Protection?.Locked?.Value == false;
        }
    }

    [Fact]
    public async Task AGoodWorkbookIsPreviewedCellByCellAndCommittedInOneGo()
    {
        var template = await TemplateAsync();
        using var edit = new XlsxEditor(template);
        var p111 = edit.RowOf(Budget, "P1.1.1", "I");
        var indicator = edit.RowOf(Indicators, "T2023-1.1.1", "I");
        var south = edit.RowOf(Campus, "south", "D");
        edit.Number(Budget, p111, 33000m)
            .Text(Budget, p111.Replace("I", "H", StringComparison.Ordinal), "30,000") // text as typed, with a separator
            .Text(Indicators, indicator, "430명")
            .Number(Campus, south, 1234m)
            .AppendRows(Narratives, [
                [("A", "J1.1.1"), ("C", "향후계획"), ("D", 1m), ("E", 1m), ("F", "2024년 참여기관 모집"), ("G", "’24. 1월")],
                [("A", "J1.1.1"), ("C", "향후계획"), ("D", 2m), ("E", 2m), ("F", "모집 공고 게시")],
            ]);
        var file = edit.Save();

        var preview = await PreviewAsync(file);
        Assert.Empty(preview.Errors);
        Assert.True(preview.CanCommit);
        Assert.Equal(5, preview.Changes.Count); // 원인행위액, 지출액, one actual, one campus month, one 향후계획 list
        var disbursed = preview.Changes.Single(c => c.Where == $"{Budget}!{p111}");
        Assert.Equal(("(없음)", "33,000"), (disbursed.Old, disbursed.New));
        Assert.Contains("지출액", disbursed.Item, StringComparison.Ordinal);
        Assert.Contains(preview.Changes, c => c.Sheet == Narratives && c.New.Contains("2024년 참여기관 모집", StringComparison.Ordinal));
        // 지출액 33,000 > 원인행위액 30,000: a rule of docs/domain.md, flagged but not refused.
        Assert.Contains(preview.Warnings, w => w.Contains("원인행위액 ≥ 지출액", StringComparison.Ordinal));

        var before = await ChecksumAsync();
        Assert.Equal(before, await ChecksumAsync()); // previewing wrote nothing
        var result = await ImportOf(_db).CommitAsync(Planner, 2023, 4, "입력.xlsx", file, preview.Digest);
        Assert.True(result.Committed, result.Message);

        await using var db = _db.CreateContext();
        var line = await db.BudgetLines.Include(l => l.ProgrammeNode).SingleAsync(l => l.Section == BudgetSection.Entry);
        Assert.Equal(("P1.1.1", 30000m, 33000m, "김기획"), (line.ProgrammeNode!.Code, line.Committed!.Value, line.Disbursed!.Value, line.UpdatedBy));
        Assert.Equal("430명", (await db.IndicatorValues.SingleAsync(v => v.ReportingPeriodId != null)).Raw);
        Assert.Equal(1234, (await db.CampusUsages.SingleAsync()).Visits);
        Assert.Equal(2, await db.ProjectNarratives.CountAsync(n => n.Source.Doc == ""));
        var batch = await db.ImportBatches.SingleAsync();
        Assert.Equal((5, preview.ContentHash, "김기획"), (batch.ChangeCount, batch.ContentHash, batch.ImportedBy));
    }

    [Fact]
    public async Task UploadingTheSameFileAgainChangesNothingAndSaysSo()
    {
        using var edit = new XlsxEditor(await TemplateAsync());
        var file = edit.Number(Budget, edit.RowOf(Budget, "P2.1.1", "I"), 700000m).Save();
        var first = await PreviewAsync(file);
        Assert.True((await ImportOf(_db).CommitAsync(Planner, 2023, 4, "입력.xlsx", file, first.Digest)).Committed);
        var checksum = await ChecksumAsync();

        var again = await PreviewAsync(file);
        Assert.True(again.NothingToChange);
        Assert.Contains(again.Notes, n => n.Contains("이미 반영한 파일과 내용이 같습니다", StringComparison.Ordinal));
        Assert.Contains(again.Notes, n => n.Contains("바뀌는 값이 없습니다", StringComparison.Ordinal));
        var commit = await ImportOf(_db).CommitAsync(Planner, 2023, 4, "입력.xlsx", file, again.Digest);
        Assert.False(commit.Committed);
        Assert.StartsWith("바뀌는 값이 없습니다", commit.Message, StringComparison.Ordinal);
        Assert.Equal(checksum, await ChecksumAsync());
    }

    [Fact]
    public async Task AFiveThousandRowWorkbookWithOneBadCellIsRejectedWithThatCellAndTheDatabaseUnchanged()
    {
        using var edit = new XlsxEditor(await TemplateAsync());
        string[] projects = ["J1.1.1", "J1.1.2", "J1.2.1", "J2.1.1", "J2.1.2", "J2.2.1", "J3.1.1", "J3.2.1", "J4.1.1", "J4.2.1", "J5.1.1", "J5.2.1", "J6.1.1"];
        var rows = Enumerable.Range(0, 5000).Select(i => (IReadOnlyList<(string, object)>)
        [
            ("A", projects[i % 26 % 13]), ("C", i % 26 < 13 ? "추진실적" : "향후계획"), ("D", (decimal)(i / 26 + 1)), ("E", 1m), ("F", $"항목 {i + 1:#,##0}"),
        ]).ToList();
        edit.AppendRows(Narratives, rows);
        // Every one of the 5,000 rows is valid (26 lists of up to 193 bullets); one amount cell elsewhere is not a number.
        var bad = edit.RowOf(Budget, "P5.1.1", "I");
        edit.Text(Budget, bad, "약 3천");
        edit.Number(Budget, edit.RowOf(Budget, "P1.1.1", "I"), 1000m);
        var file = edit.Save();
        var before = await ChecksumAsync();

        var preview = await PreviewAsync(file);
        Assert.True(preview.Errors.Count == 1, string.Join("\n", preview.Errors.Take(5).Select(e => e.Text)));
        var error = Assert.Single(preview.Errors);
        Assert.Equal($"{Budget}!{bad}: 숫자가 아닙니다 (지출액, 입력: 약 3천)", error.Text);
        Assert.False(preview.CanCommit);
        Assert.Empty(preview.Changes);

        var commit = await ImportOf(_db).CommitAsync(Planner, 2023, 4, "big.xlsx", file, preview.Digest);
        Assert.False(commit.Committed);
        Assert.Equal(before, await ChecksumAsync());

        // With the cell corrected the same 5,000 rows go in, all in one transaction.
        using var corrected = new XlsxEditor(file);
        var fixedFile = corrected.Number(Budget, bad, 3000m).Save();
        var good = await PreviewAsync(fixedFile);
        Assert.Empty(good.Errors);
        Assert.Equal(26 + 2, good.Changes.Count);
        Assert.True((await ImportOf(_db).CommitAsync(Planner, 2023, 4, "big.xlsx", fixedFile, good.Digest)).Committed);
        await using var db = _db.CreateContext();
        Assert.Equal(5000, await db.ProjectNarratives.CountAsync(n => n.Source.Doc == ""));
    }

    [Fact]
    public async Task ANonWorkbookAnOversizedFileAndAZipBombAreRefusedBeforeParsing()
    {
        var before = await ChecksumAsync();
        Assert.StartsWith("엑셀 통합 문서(.xlsx)만", (await PreviewAsync(await TemplateAsync(), "입력.csv")).Errors.Single().Message, StringComparison.Ordinal);
        Assert.StartsWith("파일 내용이 엑셀 통합 문서(.xlsx)가 아닙니다",
            (await PreviewAsync("코드,값\nP1.1.1,1\n"u8.ToArray(), "가짜.xlsx")).Errors.Single().Message, StringComparison.Ordinal);

        var oversized = new byte[UploadGuard.MaxBytes + 1];
        "PK\u0003\u0004"u8.CopyTo(oversized);
        Assert.StartsWith("파일이 너무 큽니다", (await PreviewAsync(oversized)).Errors.Single().Message, StringComparison.Ordinal);

        var bomb = ZipBomb();
        Assert.True(bomb.Length < UploadGuard.MaxBytes);
        var refusal = (await PreviewAsync(bomb, "bomb.xlsx")).Errors.Single();
        Assert.Equal("파일", refusal.Sheet);
        Assert.Contains("압축을 풀면", refusal.Message, StringComparison.Ordinal);
        Assert.False((await ImportOf(_db).CommitAsync(Planner, 2023, 4, "bomb.xlsx", bomb, "")).Committed);

        var docx = DocxLike();
        Assert.Contains("통합 문서 부분이 없습니다", (await PreviewAsync(docx, "보고서.xlsx")).Errors.Single().Message, StringComparison.Ordinal);
        Assert.Equal(before, await ChecksumAsync());
    }

    [Fact]
    public async Task ARowSomeoneChangedAfterTheDownloadIsAConflictNotAnOverwrite()
    {
        var template = await TemplateAsync();
        // After the download, another planner saves P1.2.1 in the form.
        Assert.True((await BudgetEntry(_db).SaveAsync(OtherPlanner, 2023, 4, new BudgetEntryForm { Code = "P1.2.1", Disbursed = "40,000", Token = "0" })).Saved);

        using var edit = new XlsxEditor(template);
        var cell = edit.RowOf(Budget, "P1.2.1", "I");
        var file = edit.Number(Budget, cell, 41000m).Number(Budget, edit.RowOf(Budget, "P1.2.2", "I"), 50000m).Save();
        var preview = await PreviewAsync(file);
        var error = Assert.Single(preview.Errors);
        Assert.Equal(cell, error.Cell);
        Assert.Contains("이기획님이", error.Message, StringComparison.Ordinal);
        Assert.Contains("지출액 40,000", error.Message, StringComparison.Ordinal);

        // A row the planner did not touch is not compared: an untouched stale row is no conflict.
        using var untouched = new XlsxEditor(template);
        var ok = await PreviewAsync(untouched.Number(Budget, untouched.RowOf(Budget, "P1.2.2", "I"), 50000m).Save());
        Assert.Empty(ok.Errors);
        Assert.Single(ok.Changes);
    }

    [Fact]
    public async Task TheTemplateSpeaksKoreanOnlyAndAnOldTemplatesMarkerIsStillAccepted()
    {
        var template = await TemplateAsync();
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(template)))
        {
            var text = string.Concat(zip.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal))
                .Select(e => new StreamReader(e.Open()).ReadToEnd()));
            foreach (var word in new[] { "Fifty.Ops", "/import", "reconciliation" })
                Assert.DoesNotContain(word, text, StringComparison.Ordinal);
            Assert.Contains(TemplateLayout.Marker, text, StringComparison.Ordinal);
        }

        using var edit = new XlsxEditor(template);
        var old = edit.Text(TemplateLayout.GuideSheet, "B3", "Fifty.Ops 분기 입력 양식 v1").Save();
        Assert.Empty((await PreviewAsync(old)).Errors);

        using var other = new XlsxEditor(template);
        var foreign = other.Text(TemplateLayout.GuideSheet, "B3", "다른 양식").Save();
        Assert.StartsWith("안내!B3: 분기 입력 양식이 아닙니다", (await PreviewAsync(foreign)).Errors.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CodesTypesAndTheFilesPeriodAreCheckedWithCellAddresses()
    {
        using var edit = new XlsxEditor(await TemplateAsync());
        var budgetD = edit.RowOf(Budget, "P1.1.1", "D");
        var file = edit
            .AppendRows(Narratives, [[("A", "NOPE"), ("C", "향후계획"), ("D", 1m), ("E", 4m), ("F", "x")], [("A", "J1.1.1"), ("C", "기타"), ("D", 1m), ("E", 1m), ("F", "y")]])
            .Text(Campus, edit.RowOf(Campus, "west", "D"), "-3")
            .Number(Budget, edit.RowOf(Budget, "P1.1.1", "F"), -5m) // 추경 may be negative
            .Number(Budget, edit.RowOf(Budget, "P1.1.1", "D"), -5m) // 예산현액 may not
            .Save();
        var errors = (await PreviewAsync(file)).Errors.Select(e => e.Text).ToList();
        Assert.Contains(errors, e => e.StartsWith($"{Narratives}!E", StringComparison.Ordinal) && e.Contains("수준은 1(○), 2(-), 3(※)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith($"{Narratives}!C", StringComparison.Ordinal) && e.Contains("'추진실적' 또는 '향후계획'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith($"{Campus}!D", StringComparison.Ordinal) && e.Contains("0 이상의 정수가 아닙니다", StringComparison.Ordinal));
        Assert.Contains($"{Budget}!{budgetD}: 0 이상이어야 합니다 (예산현액, 입력: -5)", errors);
        Assert.DoesNotContain(errors, e => e.Contains("(추경", StringComparison.Ordinal));

        var q3Template = await TemplateAsync(2023, 3);
        var wrongPeriod = await PreviewAsync(q3Template);
        Assert.Equal("안내!B4: 이 파일은 2023년 3분기 양식입니다. 지금 고른 기간은 2023년 4분기입니다. 기간을 바꾸거나 맞는 양식을 올리세요.", wrongPeriod.Errors.Single().Text);
        var closed = await ImportOf(_db).PreviewAsync(Planner, 2023, 3, "q3.xlsx", q3Template);
        Assert.StartsWith("안내!B5: 2023년 3분기는 마감되어", closed.Errors.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangeSavedBetweenPreviewAndCommitStopsTheCommit()
    {
        using var edit = new XlsxEditor(await TemplateAsync());
        var file = edit.Number(Budget, edit.RowOf(Budget, "P4.1.1", "I"), 1000m).Save();
        var preview = await PreviewAsync(file);
        Assert.True(preview.CanCommit);

        Assert.True((await BudgetEntry(_db).SaveAsync(OtherPlanner, 2023, 4, new BudgetEntryForm { Code = "P4.1.1", Disbursed = "2,000", Token = "0" })).Saved);
        var before = await ChecksumAsync();
        var commit = await ImportOf(_db).CommitAsync(Planner, 2023, 4, "입력.xlsx", file, preview.Digest);
        Assert.False(commit.Committed);
        Assert.Equal(before, await ChecksumAsync());
        Assert.Contains("이기획님이", commit.Preview.Errors.Single().Message, StringComparison.Ordinal);
    }

    /// <summary>150 MB of zeros in a few hundred kilobytes, packaged with the parts a workbook names.</summary>
    [Theory]
    [InlineData("xl/workbook.xml", "<!DOCTYPE workbook [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")]
    [InlineData("xl/worksheets/sheet2.xml", "<!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>")]
    [InlineData("xl/workbook.xml", "<broken")]
    public async Task AWorkbookTheXmlParserRefusesGetsAKoreanMessageThatNamesNoInternals(string part, string injected)
    {
        var before = await ChecksumAsync();
        var file = WithPartPrefix(await TemplateAsync(), part, injected);
        var preview = await PreviewAsync(file, "양식.xlsx");
        var error = Assert.Single(preview.Errors);
        Assert.Equal(("파일", ImportService.UnreadableWorkbook), (error.Sheet, error.Message));
        foreach (var internals in new[] { "DTD", "XML", "Xml", "DtdProcessing", "security", "part", "Exception", "line" })
            Assert.DoesNotContain(internals, error.Message, StringComparison.Ordinal);
        Assert.False((await ImportOf(_db).CommitAsync(Planner, 2023, 4, "양식.xlsx", file, preview.Digest)).Committed);
        Assert.Equal(before, await ChecksumAsync());
    }

    /// <summary>The workbook with text put before the XML of one part (after its XML declaration, if it has one).</summary>
    private static byte[] WithPartPrefix(byte[] workbook, string partName, string text)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry(partName) ?? throw new InvalidOperationException(partName);
            string xml;
            using (var reader = new StreamReader(entry.Open())) xml = reader.ReadToEnd();
            var declarationEnd = xml.StartsWith("<?xml", StringComparison.Ordinal) ? xml.IndexOf("?>", StringComparison.Ordinal) + 2 : 0;
            xml = xml[..declarationEnd] + text + xml[declarationEnd..];
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(partName).Open());
            writer.Write(xml);
        }

        return stream.ToArray();
    }

    private static byte[] ZipBomb()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open())) writer.Write("<Types/>");
            using (var writer = new StreamWriter(zip.CreateEntry("xl/workbook.xml").Open())) writer.Write("<workbook/>");
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 150; i++) sheet.Write(zeros);
        }

        return stream.ToArray();
    }

    /// <summary>A zip (so it passes the signature check) that is not a workbook, like a .docx renamed to .xlsx.</summary>
    private static byte[] DocxLike()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open())) writer.Write("<Types/>");
            using (var doc = new StreamWriter(zip.CreateEntry("word/document.xml").Open())) doc.Write("<document/>");
        }

        return stream.ToArray();
    }
}
