using System.Diagnostics;
using System.Net;
using Fifty.Ops.CommandLine;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.FiscalYear;
using Fifty.Ops.Features.Reports;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;
using Fifty.Ops.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.FiscalYear;

/// <summary>A new year carried through the app as users and scripts do it, on the app's own services and database.</summary>
public sealed class FiscalYearEndToEndTests : AppTestBase
{
    [Fact]
    public async Task ANewYearIsCreatedByScriptEnteredClosedAndReportedWhileTheOldReportStaysUnchanged()
    {
        var (q3Html, q3Workbook) = await RenderReportAsync(2023, 3);

        // The roll-over from the command line, as the planner account.
        await TestAccounts.EnsureAsync(App.ConnectionString, AppRoles.Planner);
        var created = await CliAsync("year", "create", "2024", "--from", "2023", "--as", AppRoles.Planner);
        Assert.True(created.Code == CommandDispatcher.Ok, created.Error);
        Assert.StartsWith("2024년 체계를 만들었습니다 (2023년에서 이월)", created.Out, StringComparison.Ordinal);
        // 일몰예정 is a plan: nothing of 2023 was retired, so everything is carried over.
        Assert.DoesNotContain("이월하지 않음", created.Out, StringComparison.Ordinal);
        var again = await CliAsync("year", "create", "2024", "--from", "2023", "--as", AppRoles.Planner);
        Assert.Equal(CommandDispatcher.Refused, again.Code);
        Assert.StartsWith("2024년 체계가 이미 있습니다", again.Error, StringComparison.Ordinal);

        // A planner retires one 세부사업 before the year starts; the forms no longer offer it.
        var setUp = Get<FiscalYearService>();
        Assert.True((await setUp.RetireAsync(Planner, RetireTarget.Programme, 2024, "P1.1.2", null)).Saved);

        var admin = Get<PeriodAdminService>();
        Assert.True((await admin.OpenAsync(Administrator, new PeriodOpenForm { Year = "2024", Quarter = "1" })).Saved);
        var budget = Get<BudgetEntryService>();
        Assert.DoesNotContain((await budget.GetAsync(2024, 1)).Rows, r => r.Code == "P1.1.2");
        Assert.Equal("2024년 사업 체계에 없는 코드입니다 (P1.1.2).",
            (await budget.SaveAsync(Planner, 2024, 1, new BudgetEntryForm { Code = "P1.1.2", Disbursed = "1" })).Errors[WriteResult.General]);
        var saved = await budget.SaveAsync(Planner, 2024, 1, new BudgetEntryForm { Code = "P1.1.1", CurrentBudget = "120,000", Original = "120,000", Committed = "30,000", Disbursed = "24,000" });
        Assert.True(saved.Saved, string.Join(" / ", saved.Errors.Values));
        var indicators = Get<IndicatorEntryService>();
        var internship = (await indicators.GetAsync(2024, 1)).Rows.Single(r => r.Code == "T2023-1.1.1");
        Assert.True((await indicators.SaveAsync(Planner, 2024, 1, new IndicatorEntryForm { IndicatorId = internship.Id, Actual = "95명", Token = internship.Token })).Saved);

        var version = (await admin.GetAsync()).Periods.Single(p => p.Year == 2024 && p.Quarter == 1).Version;
        Assert.True((await admin.CloseAsync(Administrator, 2024, 1, version)).Saved);

        // The 2024 Q1 report: the entered figures, rates from them, the retired row nowhere.
        var report = (await Get<QuarterlyReportService>().GetAsync(2024, 1))!;
        Assert.True(report.Period.IsClosed);
        var row = report.Budget.Execution.Single(r => r.Code == "P1.1.1");
        Assert.Equal((120000m, 30000m, 24000m), (row.CurrentBudget, row.Committed, row.Disbursed));
        Assert.Equal(0.25m, row.CommittedRate);
        Assert.Equal(0.2m, row.DisbursedRate);
        Assert.DoesNotContain(report.Budget.Execution, r => r.Code == "P1.1.2");
        Assert.Equal("95명", report.Indicators.Rows.Single(r => r.Code == "T2023-1.1.1").Actual?.Raw);
        var (html, workbook) = await RenderReportAsync(2024, 1);
        Assert.Contains("24,000", html, StringComparison.Ordinal);
        Assert.DoesNotContain("중장년종합지원 활성화및성과확산", html, StringComparison.Ordinal);
        Assert.Contains("2024년 1분기 주요업무보고", html, StringComparison.Ordinal);

        // A later rename and a retirement with a reason leave the closed Q1 report as it was.
        Assert.Equal("2024년 1분기가 마감되어 있어 일몰 사유가 필요합니다 (마감된 분기의 보고서는 바뀌지 않습니다).",
            (await setUp.RetireAsync(Planner, RetireTarget.Programme, 2024, "P1.1.1", "")).Errors["Reason"]);
        Assert.True((await setUp.RetireAsync(Planner, RetireTarget.Programme, 2024, "P1.1.1", "사업 통합")).Saved);
        await using (var db = Get<IDbContextFactory<FiftyOpsDbContext>>().CreateDbContext())
        {
            // The retired row's entered line leaves every query with it (and stays stored).
            Assert.Equal(0, await db.BudgetLines.CountAsync(l => l.ReportingPeriod!.Year == 2024));
            Assert.Equal(1, await db.BudgetLines.IgnoreQueryFilters().CountAsync(l => l.ReportingPeriod!.Year == 2024));
            var project = await db.Projects.AsTracking().SingleAsync(p => p.Year == 2024 && p.Code == "J1.1.1");
            project.Title = "중장년 인턴십 지원 (2024 개편)";
            await db.SaveChangesAsync();
        }

        var (htmlAfter, workbookAfter) = await RenderReportAsync(2024, 1);
        Assert.Equal(html, htmlAfter);
        AssertSameWorkbook(workbook, workbookAfter);

        // The 2023 Q3 report never moved.
        var (q3HtmlAfter, q3WorkbookAfter) = await RenderReportAsync(2023, 3);
        Assert.Equal(q3Html, q3HtmlAfter);
        AssertSameWorkbook(q3Workbook, q3WorkbookAfter);

        // The setup page shows the year with its drafts and the retired rows; the next year can be created from it.
        var client = await App.CreateClientAsync(AppRoles.Planner);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/setup?year=2024"));
        Assert.Contains("회계연도 설정", page, StringComparison.Ordinal);
        Assert.Contains("초안", page, StringComparison.Ordinal);
        Assert.Contains("사업 통합", page, StringComparison.Ordinal);
        var next = WebUtility.HtmlDecode(await client.GetStringAsync("/setup?year=2025"));
        Assert.Contains("2025년 체계 만들기 (2024년에서 이월)", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommandLineSaysWhatIsWrongInKorean()
    {
        Assert.Equal(CommandDispatcher.Refused, (await CliAsync("year", "create")).Code);
        var bad = await CliAsync("year", "create", "２０２４");
        Assert.Equal((CommandDispatcher.Refused, "만들 회계연도는 2000~2100 사이의 연도여야 합니다 (입력: ２０２４).\n"), (bad.Code, bad.Error.ReplaceLineEndings("\n")));
        var nobody = await CliAsync("year", "create", "2024", "--as", "nobody");
        Assert.Equal((CommandDispatcher.Refused, "사용자 'nobody'이(가) 없습니다. --as에 Fifty.Ops 계정의 아이디를 적으세요.\n"), (nobody.Code, nobody.Error.ReplaceLineEndings("\n")));
        await TestAccounts.EnsureAsync(App.ConnectionString, AppRoles.Director);
        var director = await CliAsync("year", "create", "2024", "--as", AppRoles.Director);
        Assert.Equal(CommandDispatcher.Refused, director.Code);
        Assert.Contains("권한이 없습니다", director.Error, StringComparison.Ordinal);
        await using var db = Get<IDbContextFactory<FiftyOpsDbContext>>().CreateDbContext();
        Assert.False(await db.ProgrammeNodes.AnyAsync(n => n.Year == 2024));
    }

    /// <summary>The built program itself: <c>Fifty.Ops year create 2024 --from 2023</c> on a fresh database file.</summary>
    [Fact]
    public async Task TheProgramRunsTheRolloverFromAScript()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"fifty-ops-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var first = await RunProgramAsync(folder, "year", "create", "2024", "--from", "2023");
            Assert.True(first.Code == 0, first.Error);
            Assert.Contains("2024년 체계를 만들었습니다", first.Out, StringComparison.Ordinal);
            var second = await RunProgramAsync(folder, "year", "create", "2024", "--from", "2023");
            Assert.Equal(CommandDispatcher.Refused, second.Code);
            Assert.Contains("2024년 체계가 이미 있습니다", second.Error, StringComparison.Ordinal);

            await using var db = new FiftyOpsDbContext(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "cli.db")};Pooling=False").Options);
            Assert.True(await db.ProgrammeNodes.CountAsync(n => n.Year == 2024) > 50);
            var audit = await db.AuditEntries.Where(a => a.ObjectType == "FiscalYear").Select(a => new { a.UserName, a.IpAddress }).SingleAsync();
            Assert.Equal(("admin", "명령줄"), (audit.UserName, audit.IpAddress)); // without --as: the initial administrator, as for every command
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Code, string Out, string Error)> RunProgramAsync(string folder, params string[] args)
    {
        var start = new ProcessStartInfo(Browser.AppProcess.AppExecutable(), args)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(folder, "cli.db")}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Auth__InitialAdminPassword"] = TestAccounts.Password("admin");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
