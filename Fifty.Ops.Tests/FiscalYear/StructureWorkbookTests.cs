using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.FiscalYear;
using Fifty.Ops.Features.FiscalYear.YearStructure;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.FiscalYear;

/// <summary>The year's structure workbook on a real SQLite database: download, edit as in Excel, preview, apply, re-upload.</summary>
public sealed class StructureWorkbookTests : IAsyncLifetime
{
    private readonly SeededDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var created = await new FiscalYearService(_db.Factory, TimeProvider.System, Guard(_db.Factory)).CreateFromAsync(Planner, 2024, 2023);
        Assert.True(created.Done, created.Message);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private StructureWorkbookService Service() => new(_db.Factory, TimeProvider.System, Guard(_db.Factory));

    private async Task<byte[]> DownloadAsync(int year)
    {
        await using var stream = new MemoryStream();
        await Service().WriteAsync(year, stream);
        return stream.ToArray();
    }

    private async Task<StructureCommitResult> ApplyAsync(byte[] file, string? reason = null)
    {
        var preview = await Service().PreviewAsync(Planner, "체계.xlsx", file);
        Assert.True(preview.Errors.Count == 0, string.Join(" / ", preview.Errors.Select(e => e.Text)));
        return await Service().CommitAsync(Planner, "체계.xlsx", file, reason, preview.Digest);
    }

    [Theory]
    [InlineData(2024)]
    [InlineData(2023)]
    public async Task TheDownloadedWorkbookUploadedAsItIsChangesNothing(int year)
    {
        var file = await DownloadAsync(year);
        Assert.True(StructureWorkbookService.IsStructureWorkbook(file));
        Assert.Equal(year, StructureWorkbookService.YearOfFile(file));

        var preview = await Service().PreviewAsync(Planner, "체계.xlsx", file);
        Assert.Empty(preview.Errors);
        Assert.True(preview.NothingToChange, string.Join(" / ", preview.Changes.Select(c => $"{c.Where} {c.Code} {c.Item} {c.Old} → {c.New}")));
        var before = await ChecksumAsync(_db.ConnectionString);
        var commit = await Service().CommitAsync(Planner, "체계.xlsx", file, null, preview.Digest);
        Assert.False(commit.Committed);
        Assert.StartsWith("바뀌는 것이 없습니다", commit.Message, StringComparison.Ordinal);
        Assert.Equal(before, await ChecksumAsync(_db.ConnectionString));
    }

    [Fact]
    public async Task AddRenameMoveRetireAndAmountsInMillionsArePreviewedAppliedAtOnceAndAReuploadIsANoOp()
    {
        using var edit = new XlsxEditor(await DownloadAsync(2024));
        edit.Text("예산체계", "B2", "백만원")
            .Text("예산체계", edit.RowOf("예산체계", "P1.1.1", "D"), "중장년 종합지원 체계 구축 (개편)")
            .Number("예산체계", edit.RowOf("예산체계", "P1.1.1", "F"), 120.5m)
            .Text("예산체계", edit.RowOf("예산체계", "P1.2.1", "B"), "P1.1")
            .Text("예산체계", edit.RowOf("예산체계", "P1.1.2", "G"), "일몰")
            .AppendRows("예산체계", [[("A", "P1.1.9"), ("B", "P1.1"), ("C", "세부사업"), ("D", "중장년 디지털 전환 지원"), ("E", "보조금"), ("F", 30.0004m), ("G", "운영")]]);
        var renamedRow = edit.RowOf("예산체계", "P1.1.1")[1..];
        var file = edit.Save();

        var preview = await Service().PreviewAsync(Planner, "체계.xlsx", file);
        Assert.Empty(preview.Errors);
        Assert.Equal("백만원", preview.Unit);
        Assert.Contains(preview.Notes, n => n.Contains("백만원", StringComparison.Ordinal) && n.Contains("천원", StringComparison.Ordinal));
        var changes = preview.Changes.Select(c => (c.Code, c.Kind)).ToList();
        Assert.Equal(
            [("P1.1.1", StructureChangeKind.Renamed), ("P1.1.1", StructureChangeKind.Amount), ("P1.1.2", StructureChangeKind.Retired),
             ("P1.1.9", StructureChangeKind.Added), ("P1.2.1", StructureChangeKind.Moved)],
            changes.Order().ToList());
        var amount = preview.Changes.Single(c => c.Kind == StructureChangeKind.Amount);
        Assert.Equal(("(없음)", "120,500천원 (120.5백만원)"), (amount.Old, amount.New));
        Assert.Equal(("P1.2", "P1.1"), preview.Changes.Single(c => c.Kind == StructureChangeKind.Moved) is var m ? (m.Old, m.New) : default);
        Assert.Contains("30,000천원", preview.Changes.Single(c => c.Kind == StructureChangeKind.Added).New, StringComparison.Ordinal);
        Assert.StartsWith("예산체계!A", preview.Changes[0].Where, StringComparison.Ordinal);
        // The preview says in plain words where and what changes.
        var renamed = preview.Changes.Single(c => c.Kind == StructureChangeKind.Renamed);
        Assert.Equal(($"예산체계 시트 {renamedRow}행", "사업명 변경: '중장년 종합지원 체계 구축' → '중장년 종합지원 체계 구축 (개편)'"),
            (renamed.Place, renamed.Description));
        Assert.StartsWith("새로 추가: 세부사업 중장년 디지털 전환 지원 · 상위 P1.1 · 보조금 · 당초예산 30,000천원", preview.Changes.Single(c => c.Kind == StructureChangeKind.Added).Description, StringComparison.Ordinal);
        Assert.Equal("일몰 처리: 운영 → 일몰 (다음 해 체계로 넘어가지 않습니다)", preview.Changes.Single(c => c.Kind == StructureChangeKind.Retired).Description);
        Assert.Equal("당초예산 변경: (없음) → 120,500천원 (120.5백만원)", amount.Description);

        var result = await Service().CommitAsync(Planner, "체계.xlsx", file, null, preview.Digest);
        Assert.True(result.Committed, result.Message);

        await using (var db = _db.CreateContext())
        {
            var nodes = await db.ProgrammeNodes.IgnoreQueryFilters().Where(n => n.Year == 2024).Include(n => n.Parent).ToDictionaryAsync(n => n.Code);
            Assert.Equal(("중장년 종합지원 체계 구축 (개편)", 120_500m), (nodes["P1.1.1"].Name, nodes["P1.1.1"].OriginalBudget));
            Assert.Equal(("P1.1", nodes["P1.1"].Level + 1), (nodes["P1.2.1"].Parent!.Code, nodes["P1.2.1"].Level));
            Assert.Equal((StructureStatus.Retired, "김기획"), (nodes["P1.1.2"].Status, nodes["P1.1.2"].RetiredBy));
            var added = nodes["P1.1.9"];
            Assert.Equal(("P1.1", ProgrammeKind.DetailedProject, FundingSource.Subsidy, 30_000m, nodes["P1.1"].Level + 1),
                (added.Parent!.Code, added.Kind, added.Funding, added.OriginalBudget, added.Level));
            // The new row is listed after its parent's last row (here P1.2.1, moved under P1.1 by the same file), not after 일반관리비.
            Assert.Equal(nodes["P1.2.1"].SortOrder + 1, added.SortOrder);
            Assert.True(added.SortOrder < nodes["P1.2.2"].SortOrder && added.SortOrder < nodes["G"].SortOrder);
            Assert.True(nodes.Values.Where(n => n.Code != "P1.1.9").All(n => n.SortOrder != added.SortOrder));
            // The 2023 rows of the same codes are untouched.
            Assert.Equal("중장년 종합지원 체계 구축", (await db.ProgrammeNodes.SingleAsync(n => n.Year == 2023 && n.Code == "P1.1.1")).Name);
            // The new row is open to the quarterly entry of its year; the retired one is gone from it.
            Assert.True(await db.ProgrammeNodes.AnyAsync(n => n.Year == 2024 && n.Code == "P1.1.9"));
            Assert.False(await db.ProgrammeNodes.AnyAsync(n => n.Year == 2024 && n.Code == "P1.1.2"));
        }

        var again = await Service().PreviewAsync(Planner, "체계.xlsx", file);
        Assert.True(again.NothingToChange, string.Join(" / ", again.Changes.Select(c => $"{c.Code} {c.Item} {c.Old} → {c.New}")));
        var redownload = await Service().PreviewAsync(Planner, "체계.xlsx", await DownloadAsync(2024));
        Assert.True(redownload.NothingToChange, string.Join(" / ", redownload.Changes.Select(c => $"{c.Code} {c.Item} {c.Old} → {c.New}")));
    }

    [Fact]
    public async Task AmountsInWonAreRoundedToThousandsAndShownWithTheirUnit()
    {
        using var edit = new XlsxEditor(await DownloadAsync(2024));
        edit.Text("예산체계", "B2", "원").Number("예산체계", edit.RowOf("예산체계", "P1.1.1", "F"), 1_234_567m);
        var preview = await Service().PreviewAsync(Planner, "체계.xlsx", edit.Save());
        var change = Assert.Single(preview.Changes);
        Assert.Equal("1,235천원 (1,234,567원)", change.New);
    }

    [Fact]
    public async Task ANewIndicatorProjectAndCampusComeFromTheirSheets()
    {
        using var edit = new XlsxEditor(await DownloadAsync(2024));
        edit.AppendRows("성과지표", [[("A", "K2024-1"), ("B", "캠퍼스 활성화"), ("C", "디지털 교육 수료생"), ("D", "명"), ("E", "높을수록"), ("F", "누적"), ("G", "500명"), ("H", "100명"), ("L", 85m), ("M", "J9.1")]])
            .AppendRows("사업", [[("A", "J9.1"), ("B", "디지털 전환"), ("C", "중장년 디지털 역량 강화"), ("D", "50~64세 서울시민"), ("E", "디지털 기초·활용 교육"), ("F", "수료생 500명"), ("G", "P1.1.1")]])
            .AppendRows("캠퍼스", [[("A", "gangseo"), ("B", "서울시50플러스 강서센터"), ("C", "캠퍼스"), ("D", "2024-04-01")]]);
        var result = await ApplyAsync(edit.Save());
        Assert.True(result.Committed, result.Message);
        Assert.Equal(3, result.Preview.Changes.Count(c => c.Kind == StructureChangeKind.Added));

        await using var db = _db.CreateContext();
        var indicator = await db.Indicators.Include(i => i.Project).SingleAsync(i => i.Year == 2024 && i.Code == "K2024-1");
        Assert.Equal((0.85m, IndicatorAccumulation.Cumulative, "J9.1"), (indicator.CautionThreshold, indicator.Accumulation, indicator.RelatedProjectCodes.Single()));
        var targets = await db.IndicatorValues.Where(v => v.IndicatorId == indicator.Id).OrderBy(v => v.Quarter != null).ThenBy(v => v.Quarter).Select(v => new { v.Raw, v.Value, v.Quarter, v.IsDraft }).ToListAsync();
        Assert.Equal([("500명", 500m, (int?)null, false), ("100명", 100m, 1, false)], targets.Select(t => (t.Raw, t.Value!.Value, t.Quarter, t.IsDraft)));
        var project = await db.Projects.SingleAsync(p => p.Year == 2024 && p.Code == "J9.1");
        Assert.Equal(("중장년 디지털 역량 강화", "P1.1.1"), (project.Title, project.ProgrammeCodes.Single()));
        var campus = await db.Campuses.SingleAsync(c => c.Code == "gangseo");
        Assert.Equal(new DateOnly(2024, 4, 1), campus.OpenedOn);
        Assert.True(await db.CampusFacilities.AnyAsync(f => f.CampusId == campus.Id && f.ReportYear == 2024));
    }

    [Fact]
    public async Task TheIndicatorKindIsReadFromTheSheetShownInThePreviewAndWrittenBackOnDownload()
    {
        var download = await DownloadAsync(2024);
        using var edit = new XlsxEditor(download);
        var existing = edit.RowOf("성과지표", "T2023-1.1.1", "N");
        Assert.Equal("사업목표", CellText(download, "성과지표", existing));
        edit.AppendRows("성과지표", [[("A", "H2024-1"), ("B", "캠퍼스 활성화"), ("C", "캠퍼스 방문자"), ("D", "명"), ("G", "10,000명"), ("N", "주요 사업 실적")]])
            .Text("성과지표", existing, "성과약속지표");
        var result = await ApplyAsync(edit.Save());
        Assert.True(result.Committed, result.Message);
        var added = result.Preview.Changes.Single(c => c.Code == "H2024-1");
        Assert.Equal("새로 추가: 주요실적 · 캠퍼스 활성화 · 캠퍼스 방문자 (명) · 목표 10,000명", added.Description);
        var changed = result.Preview.Changes.Single(c => c.Code == "T2023-1.1.1");
        Assert.Equal(("구분 변경: '사업목표' → '성과약속'", $"성과지표 시트 {existing[1..]}행"), (changed.Description, changed.Place));

        await using (var db = _db.CreateContext())
        {
            Assert.Equal(IndicatorKind.Headline, (await db.Indicators.SingleAsync(i => i.Year == 2024 && i.Code == "H2024-1")).Kind);
            Assert.Equal(IndicatorKind.Promise, (await db.Indicators.SingleAsync(i => i.Year == 2024 && i.Code == "T2023-1.1.1")).Kind);
        }

        // Downloaded again, the sheet carries the kinds; uploaded as it is, it changes nothing. A blank 구분 keeps the kind.
        var again = await DownloadAsync(2024);
        using var reread = new XlsxEditor(again);
        Assert.Equal("주요실적", CellText(again, "성과지표", reread.RowOf("성과지표", "H2024-1", "N")));
        Assert.Equal("성과약속", CellText(again, "성과지표", reread.RowOf("성과지표", "T2023-1.1.1", "N")));
        Assert.True((await Service().PreviewAsync(Planner, "체계.xlsx", again)).NothingToChange);
        reread.Clear("성과지표", reread.RowOf("성과지표", "T2023-1.1.1", "N"));
        Assert.True((await Service().PreviewAsync(Planner, "체계.xlsx", reread.Save())).NothingToChange);
    }

    [Fact]
    public async Task AnAnnualTargetFromAReportIsNotOverwrittenAndTheRefusalNamesBothValuesAndWhereToChangeIt()
    {
        var download = await DownloadAsync(2023);
        using var edit = new XlsxEditor(download);
        var cell = edit.RowOf("성과지표", "T2023-1.1.1", "G");
        var stored = CellText(download, "성과지표", cell);
        Assert.False(string.IsNullOrEmpty(stored));
        edit.Text("성과지표", cell, "99,999명");
        var before = await ChecksumAsync(_db.ConnectionString);
        var preview = await Service().PreviewAsync(Planner, "체계.xlsx", edit.Save());
        var error = Assert.Single(preview.Errors);
        Assert.StartsWith($"성과지표!{cell}: T2023-1.1.1 ", error.Text, StringComparison.Ordinal);
        Assert.Contains($"보고서에서 옮긴 값 '{stored}'", error.Text, StringComparison.Ordinal);
        Assert.Contains("파일에는 '99,999명'", error.Text, StringComparison.Ordinal);
        Assert.Contains($"이 칸을 '{stored}'(으)로 되돌려", error.Text, StringComparison.Ordinal);
        Assert.Contains("/entry/indicators", error.Text, StringComparison.Ordinal);
        Assert.False(preview.CanCommit);
        Assert.Equal(before, await ChecksumAsync(_db.ConnectionString));
    }

    private static string CellText(byte[] workbook, string sheet, string reference)
    {
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        return XlsxSheet.Read(document, sheet).Text(reference);
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "unknown indicator kind", "성과지표!N", "구분 '핵심'은(는) 알 수 없습니다. 성과약속, 주요실적, 사업목표 중 하나" },
        { "renamed sheet", "예산체계", "'예산체계' 시트가 없습니다" },
        { "missing column", "예산체계!F3", "'당초예산' 열이 없습니다" },
        { "full-width digits", "예산체계!F", "전각 숫자" },
        { "formula", "예산체계!F", "수식(=F5*2)" },
        { "date in amount", "예산체계!F", "날짜가 들어 있습니다 (2024-03-04, 당초예산)" },
        { "negative amount", "예산체계!F", "음수는 받지 않습니다" },
        { "unknown parent", "예산체계!B", "상위코드 P9.9이(가) 2024년 예산체계에 없습니다" },
        { "cycle", "예산체계!B", "상위코드가 순환합니다" },
        { "duplicate code", "예산체계!A", "코드 P1.1.1이(가) 중복됩니다" },
        { "unknown funding", "예산체계!E", "재원 '국비'은(는) 알 수 없습니다" },
        { "unknown kind", "예산체계!C", "구분 '과제'은(는) 알 수 없습니다" },
        { "unknown unit", "예산체계!B2", "금액 단위는 천원, 원, 백만원 중 하나" },
        { "full-width code", "예산체계!A", "전각 숫자가 들어 있습니다" },
        { "unknown budget code of a project", "사업!G", "예산 코드 P9.9.9이(가) 2024년 예산체계에 없습니다" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task BadInputIsRefusedNamingSheetAndCellAndChangesNothing(string bad, string where, string message)
    {
        using var edit = new XlsxEditor(await DownloadAsync(2024));
        // A valid change beside the bad one: all or nothing.
        edit.Text("예산체계", edit.RowOf("예산체계", "P1.2.2", "D"), "바뀌면 안 되는 이름");
        var amount = edit.RowOf("예산체계", "P1.1.1", "F");
        _ = bad switch
        {
            "unknown indicator kind" => edit.Text("성과지표", edit.RowOf("성과지표", "T2023-1.1.1", "N"), "핵심"),
            "renamed sheet" => edit.RenameSheet("예산체계", "예산"),
            "missing column" => edit.Clear("예산체계", "F3"),
            "full-width digits" => edit.Text("예산체계", amount, "１２０"),
            "formula" => edit.FormulaWithoutValue("예산체계", amount, "F5*2"),
            "date in amount" => edit.Date("예산체계", amount, new DateOnly(2024, 3, 4)),
            "negative amount" => edit.Number("예산체계", amount, -5m),
            "unknown parent" => edit.Text("예산체계", edit.RowOf("예산체계", "P1.1.1", "B"), "P9.9"),
            "cycle" => edit.Text("예산체계", edit.RowOf("예산체계", "P1.1", "B"), "P1.1.1"),
            "duplicate code" => edit.AppendRows("예산체계", [[("A", "P1.1.1"), ("B", "P1.1"), ("C", "세부사업"), ("D", "중복"), ("E", "출연금"), ("G", "운영")]]),
            "unknown funding" => edit.Text("예산체계", edit.RowOf("예산체계", "P1.1.1", "E"), "국비"),
            "unknown kind" => edit.Text("예산체계", edit.RowOf("예산체계", "P1.1.1", "C"), "과제"),
            "unknown unit" => edit.Text("예산체계", "B2", "억원"),
            "full-width code" => edit.AppendRows("예산체계", [[("A", "P１.1.7"), ("B", "P1.1"), ("C", "세부사업"), ("D", "새 사업"), ("E", "출연금"), ("G", "운영")]]),
            "unknown budget code of a project" => edit.Text("사업", edit.RowOf("사업", "J1.1.1", "G"), "P9.9.9"),
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };
        var file = edit.Save();
        var before = await ChecksumAsync(_db.ConnectionString);

        var preview = await Service().PreviewAsync(Planner, "체계.xlsx", file);
        Assert.False(preview.CanCommit);
        Assert.Empty(preview.Changes);
        Assert.Contains(preview.Errors, e => e.Text.StartsWith(where, StringComparison.Ordinal) && e.Text.Contains(message, StringComparison.Ordinal));
        var commit = await Service().CommitAsync(Planner, "체계.xlsx", file, "사유", preview.Digest);
        Assert.False(commit.Committed);
        Assert.Equal(before, await ChecksumAsync(_db.ConnectionString));
        await using var db = _db.CreateContext();
        Assert.False(await db.ProgrammeNodes.AnyAsync(n => n.Name == "바뀌면 안 되는 이름"));
    }

    [Fact]
    public async Task AQuarterlyTemplateIsNotAStructureWorkbookAndAReaderMayNotUploadOne()
    {
        await using (var template = new MemoryStream())
        {
            Assert.Null(await ImportOf(_db).WriteTemplateAsync(2023, 3, template));
            Assert.False(StructureWorkbookService.IsStructureWorkbook(template.ToArray()));
        }

        var refused = await Service().PreviewAsync(Director, "체계.xlsx", await DownloadAsync(2024));
        Assert.Equal("권한", Assert.Single(refused.Errors).Sheet);
    }

    [Fact]
    public async Task ASingleEditAddsMovesAndRetiresThroughTheSameChecks()
    {
        var added = await Service().SaveNodeAsync(Planner, 2024, new StructureNodeForm
        {
            Code = "P1.1.8", ParentCode = "P1.1", Kind = ProgrammeKind.DetailedProject, Name = "신규 세부사업", Funding = FundingSource.Donation, OriginalBudget = "45,000",
        });
        Assert.True(added.Committed, added.Message);
        Assert.Equal(StructureChangeKind.Added, Assert.Single(added.Preview.Changes).Kind);

        var unknown = await Service().SaveNodeAsync(Planner, 2024, new StructureNodeForm { Code = "P1.1.8", ParentCode = "P7", Name = "신규 세부사업", OriginalBudget = "45,000", Funding = FundingSource.Donation });
        Assert.False(unknown.Committed);
        Assert.Contains("상위코드 P7이(가) 2024년 예산체계에 없습니다", Assert.Single(unknown.Preview.Errors).Message, StringComparison.Ordinal);

        var moved = await Service().SaveNodeAsync(Planner, 2024, new StructureNodeForm
        {
            Code = "P1.1.8", ParentCode = "P1.2", Kind = ProgrammeKind.DetailedProject, Name = "신규 세부사업", Funding = FundingSource.Donation, OriginalBudget = "45,000",
            Status = StructureStatus.Retired,
        });
        Assert.True(moved.Committed, moved.Message);
        Assert.Equal([StructureChangeKind.Moved, StructureChangeKind.Retired], moved.Preview.Changes.Select(c => c.Kind).Order());
        await using var db = _db.CreateContext();
        var node = await db.ProgrammeNodes.IgnoreQueryFilters().Include(n => n.Parent).SingleAsync(n => n.Year == 2024 && n.Code == "P1.1.8");
        Assert.Equal(("P1.2", StructureStatus.Retired, 45_000m, FundingSource.Donation), (node.Parent!.Code, node.Status, node.OriginalBudget, node.Funding));
    }
}
