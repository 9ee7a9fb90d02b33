using System.Collections;
using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.Reports;
using Fifty.Ops.Tests.Infrastructure;
using Fifty.Ops.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.FiscalYear;

/// <summary>Closing a quarter freezes what its report shows (the app as it runs, with its own database).</summary>
public sealed class ReportFreezeTests : AppTestBase
{
    private async Task<(string Html, IReadOnlyDictionary<string, byte[]> Workbook)> RenderAsync(int year, int quarter)
    {
        var report = await Get<QuarterlyReportService>().GetAsync(year, quarter);
        Assert.NotNull(report);
        var html = await Get<ReportHtmlRenderer>().RenderAsync(report);
        await using var xlsx = new MemoryStream();
        Assert.NotNull(await Get<QuarterlyWorkbook>().WriteAsync(year, quarter, xlsx));
        return (html, Parts(xlsx.ToArray()));
    }

    [Fact]
    public async Task ClosedPeriodsWithoutASnapshotAreFrozenAtStartUp()
    {
        await using var db = Db();
        var snapshots = await db.ReportSnapshots.Join(db.ReportingPeriods, s => s.ReportingPeriodId, p => p.Id, (s, p) => new { p.Year, p.Quarter, s.TakenBy, s.SupersededAt, s.Json, s.Sha256 })
            .OrderBy(s => s.Year).ToListAsync();
        Assert.Equal([(2020, 3), (2023, 3)], snapshots.Select(s => (s.Year, s.Quarter)));
        Assert.All(snapshots, s =>
        {
            Assert.Equal((QuarterlyReportService.SystemActor, (DateTimeOffset?)null), (s.TakenBy, s.SupersededAt));
            Assert.Equal(ReportSnapshotJson.Hash(s.Json), s.Sha256);
        });
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ObjectType == "ReportSnapshot" && a.ObjectId == "2023-Q3" && a.NewValue == snapshots[1].Sha256));
    }

    [Fact]
    public async Task AClosedQuartersReportStaysByteIdenticalWhenNamesAndFiguresChangeAndReopeningLetsThemThrough()
    {
        var admin = Get<PeriodAdminService>();
        Assert.True((await admin.OpenAsync(Administrator, new PeriodOpenForm { Year = "2023", Quarter = "4" })).Saved);
        var saved = await Get<BudgetEntryService>().SaveAsync(Planner, 2023, 4, new BudgetEntryForm { Code = "P1.1.1", CurrentBudget = "115,400", Committed = "100,000", Disbursed = "90,000" });
        Assert.True(saved.Saved, string.Join(" / ", saved.Errors.Values));
        var version = (await admin.GetAsync()).Periods.Single(p => p.Year == 2023 && p.Quarter == 4).Version;
        var closed = await admin.CloseAsync(Administrator, 2023, 4, version);
        Assert.Contains("보고서 내용을 마감 시점으로 고정했습니다", closed.Message, StringComparison.Ordinal);
        var (html, workbook) = await RenderAsync(2023, 4);
        Assert.Contains("중장년 인턴십 지원", html, StringComparison.Ordinal);
        Assert.Contains("90,000", html, StringComparison.Ordinal);

        // Straight through the database, as a later correction would: a project renamed, an entered figure changed.
        await using (var db = Db())
        {
            db.AuditChanges = false;
            var project = await db.Projects.AsTracking().SingleAsync(p => p.Year == 2023 && p.Code == "J1.1.1");
            project.Title = "중장년 인턴십 지원 (이름 바꿈)";
            var line = await db.BudgetLines.AsTracking().SingleAsync(l => l.Section == BudgetSection.Entry && l.ReportingPeriod!.Year == 2023 && l.ReportingPeriod.Quarter == 4);
            line.Disbursed = 77777m;
            await db.SaveChangesAsync();
        }

        var (htmlAfter, workbookAfter) = await RenderAsync(2023, 4);
        Assert.Equal(html, htmlAfter);
        AssertSameWorkbook(workbook, workbookAfter);

        // The live report does read the changes, so the comparison above could have failed.
        var live = await Get<QuarterlyReportService>().BuildLiveAsync(2023, 4);
        var liveHtml = await Get<ReportHtmlRenderer>().RenderAsync(live!);
        Assert.Contains("(이름 바꿈)", liveHtml, StringComparison.Ordinal);
        Assert.Contains("77,777", liveHtml, StringComparison.Ordinal);

        // Reopening supersedes the snapshot; closing again freezes the corrected report.
        version = (await admin.GetAsync()).Periods.Single(p => p.Year == 2023 && p.Quarter == 4).Version;
        Assert.True((await admin.ReopenAsync(Administrator, 2023, 4, "이름 정정", version)).Saved);
        Assert.Contains("(이름 바꿈)", await Get<ReportHtmlRenderer>().RenderAsync((await Get<QuarterlyReportService>().GetAsync(2023, 4))!), StringComparison.Ordinal);
        version = (await admin.GetAsync()).Periods.Single(p => p.Year == 2023 && p.Quarter == 4).Version;
        Assert.True((await admin.CloseAsync(Administrator, 2023, 4, version)).Saved);
        Assert.Contains("(이름 바꿈)", (await RenderAsync(2023, 4)).Html, StringComparison.Ordinal);

        await using var check = Db();
        var history = await check.ReportSnapshots.Where(s => s.ReportingPeriodId == check.ReportingPeriods.Single(p => p.Year == 2023 && p.Quarter == 4).Id)
            .OrderBy(s => s.Id).Select(s => new { s.TakenBy, s.SupersededBy }).ToListAsync();
        var by = Administrator.Identity!.Name!;
        Assert.Equal([(by, by), (by, null)], history.Select(h => (h.TakenBy, h.SupersededBy)));

        // The seeded 2023 Q3 report never moved.
        var q3 = await Get<QuarterlyReportService>().GetAsync(2023, 3);
        Assert.DoesNotContain("(이름 바꿈)", await Get<ReportHtmlRenderer>().RenderAsync(q3!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATamperedSnapshotIsRefusedInsteadOfShown()
    {
        await using (var db = Db())
        {
            db.AuditChanges = false;
            var snapshot = await db.ReportSnapshots.AsTracking().FirstAsync(s => s.ReportingPeriodId == db.ReportingPeriods.Single(p => p.Year == 2020).Id);
            snapshot.Json = snapshot.Json.Replace("50플러스", "5O플러스", StringComparison.Ordinal);
            await db.SaveChangesAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Get<QuarterlyReportService>().GetAsync(2020, 3));
        Assert.StartsWith("2020년 3분기 보고서 고정본이 손상되었거나", error.Message, StringComparison.Ordinal);
    }
}
