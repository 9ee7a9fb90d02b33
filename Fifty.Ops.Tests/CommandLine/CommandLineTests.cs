using System.Diagnostics;
using Fifty.Ops.CommandLine;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Import;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;
using Fifty.Ops.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fifty.Ops.Tests.CommandLine;

/// <summary>The commands driven in-process against the app's own services and a fresh database, as the executable runs them.</summary>
#pragma warning disable CA1001 // the app is disposed in DisposeAsync (xunit's IAsyncLifetime)
public sealed class CommandLineTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly AppFactory _app = new();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"fifty-ops-cli-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _ = _app.Services; // boots the app: migrations, seed, the admin account
        foreach (var role in new[] { AppRoles.Planner, AppRoles.Director }) await TestAccounts.EnsureAsync(_app.ConnectionString, role);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandDispatcher.RunAsync(_app.Services, args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private async Task<string> TemplateFileAsync(Func<XlsxEditor, XlsxEditor> edit)
    {
        await using var stream = new MemoryStream();
        Assert.Null(await _app.Services.GetRequiredService<ImportService>().WriteTemplateAsync(2023, 4, stream));
        using var editor = new XlsxEditor(stream.ToArray());
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(path, edit(editor).Save());
        return path;
    }

    [Fact]
    public async Task AnAdminOpensAPeriodAndAPlannerPreviewsThenCommitsAnImportRecordedUnderTheirName()
    {
        var open = await RunAsync("period", "open", "2023", "4", "--as", "admin");
        Assert.True(open.Code == 0, open.Err);
        Assert.Contains("2023년 4분기", open.Out, StringComparison.Ordinal);

        string cell = "";
        var file = await TemplateFileAsync(e =>
        {
            cell = e.RowOf(TemplateLayout.BudgetSheet, "P1.1.1", "I");
            return e.Number(TemplateLayout.BudgetSheet, cell, 33000m);
        });

        var preview = await RunAsync("import", file, "--as", "planner");
        Assert.True(preview.Code == 0, preview.Err);
        Assert.Contains($"{TemplateLayout.BudgetSheet}!{cell}", preview.Out, StringComparison.Ordinal);
        Assert.Contains("(없음) → 33,000", preview.Out, StringComparison.Ordinal);
        await using (var db = Context())
            Assert.False(await db.BudgetLines.AnyAsync(l => l.Section == BudgetSection.Entry)); // a preview writes nothing

        var before = await _app.LastAuditIdAsync();
        var commit = await RunAsync("import", file, "--as", "planner", "--commit");
        Assert.True(commit.Code == 0, commit.Err);
        Assert.Contains("1개 값을 반영했습니다", commit.Out, StringComparison.Ordinal);
        await using (var db = Context())
        {
            var line = await db.BudgetLines.SingleAsync(l => l.Section == BudgetSection.Entry);
            Assert.Equal(33000m, line.Disbursed);
            Assert.Equal("planner", line.UpdatedBy);
        }

        var audit = (await _app.AuditEntriesAsync()).Where(e => e.Id > before).ToList();
        var command = Assert.Single(audit, e => e.ObjectType == "CommandLine");
        Assert.Equal(("planner", CommandDispatcher.Origin, $"Fifty.Ops import {file} --as planner --commit"), (command.UserName, command.IpAddress, command.Detail));
        var change = audit.FirstOrDefault(e => e.Kind == AuditKind.DataChange && e.ObjectType == "BudgetLine")
                     ?? throw new Xunit.Sdk.XunitException(string.Join("\n", audit.Select(e => $"{e.Kind} {e.ObjectType} {e.ObjectId} {e.Field} {e.NewValue} {e.UserName} {e.IpAddress}")));
        Assert.True((change.UserName, change.IpAddress) == ("planner", CommandDispatcher.Origin), $"{change.UserName} {change.IpAddress} {change.NewValue}");

        var again = await RunAsync("import", file, "--as", "planner", "--commit");
        Assert.Equal(0, again.Code);
        Assert.Contains("바뀌는 값이 없습니다", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileWithErrorsExitsWithTwoAndTheCellAddressedMessagesAndChangesNothing()
    {
        Assert.Equal(0, (await RunAsync("period", "open", "2023", "4")).Code);
        string cell = "";
        var file = await TemplateFileAsync(e =>
        {
            cell = e.RowOf(TemplateLayout.BudgetSheet, "P1.1.1", "I");
            return e.Date(TemplateLayout.BudgetSheet, cell, new DateOnly(2024, 3, 4)).Text(TemplateLayout.IndicatorsSheet, e.RowOf(TemplateLayout.IndicatorsSheet, "T2023-1.1.1", "I"), "-5명");
        });
        var result = await RunAsync("import", file, "--as", "planner", "--commit");
        Assert.Equal(CommandDispatcher.Refused, result.Code);
        Assert.Contains($"{TemplateLayout.BudgetSheet}!{cell}: 날짜가 들어 있습니다 (2024-03-04, 지출액)", result.Err, StringComparison.Ordinal);
        Assert.Contains("실적: 0 이상이어야 합니다", result.Err, StringComparison.Ordinal);
        Assert.StartsWith("오류 2건이 있어 아무것도 바꾸지 않았습니다", result.Err, StringComparison.Ordinal);
        await using var db = Context(); // only the audit trail changed (the command line is recorded)
        Assert.False(await db.BudgetLines.AnyAsync(l => l.Section == BudgetSection.Entry));
        Assert.False(await db.IndicatorValues.AnyAsync(v => v.ReportingPeriodId != null));
        Assert.False(await db.ImportBatches.AnyAsync());
    }

    [Fact]
    public async Task AnUnknownDisabledOrUnentitledUserIsRefusedInKoreanWithExitTwo()
    {
        Assert.Equal(0, (await RunAsync("period", "open", "2023", "4")).Code);
        var file = await TemplateFileAsync(e => e.Number(TemplateLayout.BudgetSheet, e.RowOf(TemplateLayout.BudgetSheet, "P1.1.1", "I"), 1m));

        var nobody = await RunAsync("import", file, "--as", "nobody", "--commit");
        Assert.Equal((2, "사용자 'nobody'이(가) 없습니다. --as에 Fifty.Ops 계정의 아이디를 적으세요."), (nobody.Code, nobody.Err.Trim()));

        var director = await RunAsync("import", file, "--as", "director", "--commit");
        Assert.Equal(2, director.Code);
        Assert.Contains("권한이 없습니다", director.Err, StringComparison.Ordinal);

        var planner = await RunAsync("period", "close", "2023", "4", "--as", "planner");
        Assert.Equal(2, planner.Code);
        Assert.Contains("권한이 없습니다", planner.Err, StringComparison.Ordinal);

        await using (var db = Context())
        {
            await db.Users.Where(u => u.UserName == "planner").ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true));
            Assert.False(await db.BudgetLines.AnyAsync(l => l.Section == BudgetSection.Entry));
        }

        var disabled = await RunAsync("import", file, "--as", "planner");
        Assert.Equal((2, "사용자 'planner'은(는) 사용 중지된 계정입니다."), (disabled.Code, disabled.Err.Trim()));
        Assert.Contains(await _app.AuditEntriesAsync(), e => e.Kind == AuditKind.AccessDenied && e.ObjectType == "CommandLine" && e.UserName == "nobody");
    }

    [Fact]
    public async Task ClosingAPeriodStopsItsImportAndBadArgumentsGetTheUsage()
    {
        Assert.Equal(0, (await RunAsync("period", "open", "2023", "4", "--as-of", "2023-12-31")).Code);
        var close = await RunAsync("period", "close", "2023", "4", "--as", "admin");
        Assert.True(close.Code == 0, close.Err);
        Assert.Contains("마감했습니다", close.Out, StringComparison.Ordinal);
        Assert.Equal(2, (await RunAsync("period", "close", "2023", "4")).Code); // already closed

        var file = await TemplateFileAsync(e => e.Number(TemplateLayout.BudgetSheet, e.RowOf(TemplateLayout.BudgetSheet, "P1.1.1", "I"), 1m));
        var import = await RunAsync("import", file, "--as", "planner", "--commit");
        Assert.Equal(2, import.Code);
        Assert.Contains("안내!B5: 2023년 4분기는 마감되어 입력할 수 없습니다", import.Err, StringComparison.Ordinal);

        var noDate = await RunAsync("period", "open", "2025", "1", "--as-of", "2025-02-29");
        Assert.Equal((2, "기준일: 2025-02-29는 없는 날짜입니다 (2025년 2월은 28일까지 있습니다)."), (noDate.Code, noDate.Err.Trim()));
        var usage = await RunAsync("period", "reopen", "2023", "4");
        Assert.Equal(2, usage.Code);
        Assert.Contains("사용법:", usage.Err, StringComparison.Ordinal);
        Assert.Equal(2, (await RunAsync("import", "/nonexistent.xlsx", "--as", "planner")).Code);
        Assert.Equal(2, (await RunAsync("import", file)).Code); // no --as
    }

    [Fact]
    public async Task TheBuiltExecutableRunsACommandAndExitsInsteadOfServing()
    {
        var exe = Browser.AppProcess.AppExecutable();
        var db = Path.Combine(_dir, "exe.db");
        var start = new ProcessStartInfo(exe, ["period", "open", "2024", "1", "--as", "admin"])
        {
            WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Default"] = $"Data Source={db}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Auth__InitialAdminPassword"] = TestAccounts.Password("admin");
        start.Environment["DataProtection__KeysPath"] = Path.Combine(_dir, "keys");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token); // a server would never exit: the token would throw
        Assert.True(process.ExitCode == 0, await error);
        Assert.Contains("2024년 1분기", await output, StringComparison.Ordinal);

        start.ArgumentList.Clear();
        foreach (var a in new[] { "period", "open", "2024", "1", "--as", "admin" }) start.ArgumentList.Add(a);
        using var second = Process.Start(start)!;
        var secondError = second.StandardError.ReadToEndAsync();
        _ = second.StandardOutput.ReadToEndAsync();
        await second.WaitForExitAsync(timeout.Token);
        Assert.Equal(2, second.ExitCode);
        Assert.Contains("2024년 1분기는 이미 있습니다", await secondError, StringComparison.Ordinal);
    }

    private Fifty.Ops.Data.FiftyOpsDbContext Context() =>
        TestProvider.Context(_app.ConnectionString);
}
