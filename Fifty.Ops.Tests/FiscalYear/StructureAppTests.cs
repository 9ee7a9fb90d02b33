using Fifty.Ops.CommandLine;
using Fifty.Ops.Data;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.FiscalYear;
using Fifty.Ops.Features.FiscalYear.YearStructure;
using Fifty.Ops.Features.Reports;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;
using Fifty.Ops.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.FiscalYear;

/// <summary>The structure workbook in the running app: a closed quarter's report does not move, and the command line.</summary>
public sealed class StructureAppTests : AppTestBase
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"fifty-ops-structure-{Guid.NewGuid():N}");

    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        await base.InitializeAsync();
        await TestAccounts.EnsureAsync(App.ConnectionString, AppRoles.Planner);
        var created = await Get<FiscalYearService>().CreateFromAsync(Planner, 2024, 2023);
        Assert.True(created.Done, created.Message);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<byte[]> DownloadAsync(int year)
    {
        await using var stream = new MemoryStream();
        await Get<StructureWorkbookService>().WriteAsync(year, stream);
        return stream.ToArray();
    }

    private async Task<(string Html, IReadOnlyDictionary<string, byte[]> Workbook, string Json)> RenderAsync(int year, int quarter)
    {
        var report = (await Get<QuarterlyReportService>().GetAsync(year, quarter))!;
        await using var xlsx = new MemoryStream();
        QuarterlyWorkbook.Write(report, xlsx);
        return (await Get<ReportHtmlRenderer>().RenderAsync(report), Parts(xlsx.ToArray()), ReportSnapshotJson.Serialize(report));
    }

    [Fact]
    public async Task RenamingByWorkbookAfterQ1IsClosedNeedsAReasonIsAuditedAndLeavesTheQ1ReportByteIdentical()
    {
        var admin = Get<PeriodAdminService>();
        Assert.True((await admin.OpenAsync(Administrator, new PeriodOpenForm { Year = "2024", Quarter = "1" })).Saved);
        var saved = await Get<BudgetEntryService>().SaveAsync(Planner, 2024, 1, new BudgetEntryForm { Code = "P1.1.1", CurrentBudget = "120,000", Original = "120,000", Committed = "30,000", Disbursed = "24,000" });
        Assert.True(saved.Saved, string.Join(" / ", saved.Errors.Values));
        var version = (await admin.GetAsync()).Periods.Single(p => p.Year == 2024 && p.Quarter == 1).Version;
        Assert.True((await admin.CloseAsync(Administrator, 2024, 1, version)).Saved);
        var (html, workbook, json) = await RenderAsync(2024, 1);
        Assert.Contains("중장년 종합지원 체계 구축", html, StringComparison.Ordinal);
        Assert.Contains("중장년 인턴십 지원", html, StringComparison.Ordinal);

        using var edit = new XlsxEditor(await DownloadAsync(2024));
        edit.Text("예산체계", edit.RowOf("예산체계", "P1.1.1", "D"), "중장년 종합지원 체계 (이름 바꿈)")
            .Text("사업", edit.RowOf("사업", "J1.1.1", "C"), "중장년 인턴십 지원 (이름 바꿈)");
        var file = edit.Save();
        var service = Get<StructureWorkbookService>();
        var preview = await service.PreviewAsync(Planner, "2024년_체계.xlsx", file);
        Assert.Equal([1], preview.ClosedQuarters);
        Assert.Equal(2, preview.Changes.Count(c => c.Kind == StructureChangeKind.Renamed));

        var noReason = await service.CommitAsync(Planner, "2024년_체계.xlsx", file, "  ", preview.Digest);
        Assert.False(noReason.Committed);
        Assert.StartsWith("2024년 1분기가 마감되어 있어 변경 사유가 필요합니다", noReason.Message, StringComparison.Ordinal);

        var done = await service.CommitAsync(Planner, "2024년_체계.xlsx", file, "이사회 의결(2024-05-02)에 따른 사업명 정정", preview.Digest);
        Assert.True(done.Committed, done.Message);

        await using (var db = Db())
        {
            var note = await db.AuditEntries.SingleAsync(a => a.ObjectType == "FiscalYear" && a.Field == "Structure");
            Assert.Contains("사유: 이사회 의결(2024-05-02)에 따른 사업명 정정", note.Detail, StringComparison.Ordinal);
            Assert.Contains("P1.1.1 이름 변경", note.Detail, StringComparison.Ordinal);
            // The field-level change is in the trail too, by the interceptor.
            Assert.True(await db.AuditEntries.AnyAsync(a => a.ObjectType == "ProgrammeNode" && a.Field == "Name" && a.NewValue == "중장년 종합지원 체계 (이름 바꿈)"));
        }

        var (htmlAfter, workbookAfter, jsonAfter) = await RenderAsync(2024, 1);
        Assert.Equal(json, jsonAfter);
        Assert.Equal(html, htmlAfter);
        AssertSameWorkbook(workbook, workbookAfter);
        // The live report reads the new names, so the comparison above could have failed.
        var live = await Get<ReportHtmlRenderer>().RenderAsync((await Get<QuarterlyReportService>().BuildLiveAsync(2024, 1))!);
        Assert.Contains("(이름 바꿈)", live, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheImportCommandPreviewsAStructureWorkbookCommitsItAllOrNothingAndRefusesABadOne()
    {
        using var edit = new XlsxEditor(await DownloadAsync(2024));
        edit.AppendRows("예산체계", [[("A", "P1.1.9"), ("B", "P1.1"), ("C", "세부사업"), ("D", "명령줄로 더한 사업"), ("E", "출연금"), ("F", 5000m), ("G", "운영")]]);
        var good = Path.Combine(_dir, "2024년_체계.xlsx");
        await File.WriteAllBytesAsync(good, edit.Save());

        var preview = await CliAsync("import", good, "--as", AppRoles.Planner);
        Assert.True(preview.Code == CommandDispatcher.Ok, preview.Error);
        Assert.Contains("연도 체계 파일: 2024년_체계.xlsx", preview.Out, StringComparison.Ordinal);
        Assert.Contains("P1.1.9 새로 추가: 세부사업", preview.Out, StringComparison.Ordinal);
        Assert.Contains("미리보기만 했습니다", preview.Out, StringComparison.Ordinal);
        await using (var db = Db()) Assert.False(await db.ProgrammeNodes.AnyAsync(n => n.Code == "P1.1.9"));

        var commit = await CliAsync("import", good, "--as", AppRoles.Planner, "--commit");
        Assert.True(commit.Code == CommandDispatcher.Ok, commit.Error);
        Assert.Contains("2024년 체계에 1건을 반영했습니다", commit.Out, StringComparison.Ordinal);
        await using (var db = Db()) Assert.Equal(5000m, (await db.ProgrammeNodes.SingleAsync(n => n.Year == 2024 && n.Code == "P1.1.9")).OriginalBudget);

        var again = await CliAsync("import", good, "--as", AppRoles.Planner, "--commit");
        Assert.Equal(CommandDispatcher.Ok, again.Code);
        Assert.Contains("바뀌는 것이 없습니다", again.Out, StringComparison.Ordinal);

        using var broken = new XlsxEditor(await File.ReadAllBytesAsync(good));
        broken.Text("예산체계", broken.RowOf("예산체계", "P1.1.9", "D"), "바뀌면 안 됨").Text("예산체계", broken.RowOf("예산체계", "P1.1.1", "E"), "국비");
        var bad = Path.Combine(_dir, "bad.xlsx");
        await File.WriteAllBytesAsync(bad, broken.Save());
        var refused = await CliAsync("import", bad, "--as", AppRoles.Planner, "--commit");
        Assert.Equal(CommandDispatcher.Refused, refused.Code);
        Assert.Contains("예산체계!E", refused.Error, StringComparison.Ordinal);
        Assert.Contains("재원 '국비'은(는) 알 수 없습니다", refused.Error, StringComparison.Ordinal);
        await using (var db = Db()) Assert.False(await db.ProgrammeNodes.AnyAsync(n => n.Name == "바뀌면 안 됨"));

        var reasonOnTemplate = await CliAsync("period", "open", "2024", "1", "--reason", "x");
        Assert.Equal(CommandDispatcher.Refused, reasonOnTemplate.Code);
    }
}
