using System.Globalization;
using System.Security.Claims;
using Fifty.Ops.Domain;
using Fifty.Ops.Features;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.FiscalYear;
using Fifty.Ops.Features.FiscalYear.YearStructure;
using Fifty.Ops.Features.Import;
using Fifty.Ops.Infrastructure;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Durability;
using Fifty.Ops.Infrastructure.Reading;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;

namespace Fifty.Ops.CommandLine;

/// <summary>
/// The app without the browser: <c>Fifty.Ops import FILE.xlsx --as USER [--commit] [--reason TEXT]</c> (a quarterly input
/// template, or a year's structure workbook recognised by its sheets),
/// <c>Fifty.Ops period open|close YEAR QUARTER [--as-of YYYY-MM-DD] [--as USER]</c> and
/// <c>Fifty.Ops year create YEAR [--from YEAR-1] [--as USER]</c>. A command runs the same services
/// the screens use (same checks, same transaction, same audit trail, with the user named by <c>--as</c> and the command
/// line recorded) and the process exits: 0 done, 2 refused or wrong (each reason printed in Korean, cell-addressed for an
/// import), 1 an unexpected failure. Program.cs asks <see cref="IsCommand"/> first, so the executable serves only
/// when it is given no command.
/// </summary>
public static class CommandDispatcher
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Refused = 2;

    /// <summary>The account <c>period</c> acts as when <c>--as</c> is not given: the initial administrator.</summary>
    public const string DefaultAdmin = "admin";

    private const string Usage = """
        사용법:
          Fifty.Ops import 파일.xlsx --as 사용자 [--commit]
              분기 입력 양식을 검사해 바뀔 값을 보여 줍니다. --commit이 있으면 한 번에 반영합니다 (기획담당 역할 필요).
          Fifty.Ops import 2024년_체계.xlsx --as 사용자 [--commit] [--reason "사유"]
              연도 체계 파일(예산체계·성과지표·사업·캠퍼스 시트)이면 바뀔 내용(추가·이름 변경·이동·일몰·금액)을 보여 주고,
              --commit이 있으면 한 번에 반영합니다. 그 해 분기가 마감되어 있으면 --reason이 필요합니다.
          Fifty.Ops period open 연도 분기 [--as-of 2023-12-31] [--as 사용자]
          Fifty.Ops period close 연도 분기 [--as 사용자]
              보고 기간을 열거나 마감합니다 (시스템관리자 역할 필요, --as가 없으면 admin).
          Fifty.Ops year create 2024 --from 2023 [--as 사용자]
              2023년 체계(예산 체계, 지표, 사업, 시설)를 이월해 2024년을 만듭니다. 수치는 비워 둡니다.
          Fifty.Ops migrate-data --to "Host=…;Database=…;Username=…" [--from "Data Source=data/fifty-ops.db"]
              SQLite 데이터베이스(기본: ConnectionStrings__Default)를 빈 PostgreSQL 데이터베이스로 옮기고 행 수와 감사 기록 해시 체인을 검증합니다.
        데이터베이스는 ConnectionStrings__Default 환경 변수로 고릅니다 (기본: data/fifty-ops.db).
        종료 코드: 0 완료, 2 거부·오류 (이유를 출력), 1 예상하지 못한 실패.
        """;

    /// <summary>True when the first argument names a command (the web server is then not started).</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "import" or "period" or "year" or "help" or "--help" or DataMigrationCommand.Verb;

    /// <summary>Builds the app's services (no web server), prepares the database, runs the command and returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args[0] is "help" or "--help")
        {
            await output.WriteLineAsync(Usage);
            return Ok;
        }

        // Copies between two databases named on the command line: no app services, no seeding of either.
        if (args[0] == DataMigrationCommand.Verb) return await DataMigrationCommand.RunAsync(args, output, error);

        // The command's own arguments are not configuration: settings come from appsettings.json and the environment.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddFiftyOps();
        await using var app = builder.Build();
        await app.InitializeDatabaseAsync();
        return await RunAsync(app.Services, args, output, error);
    }

    /// <summary>Runs a command against the given services (the tests' database, or the one <see cref="RunAsync(string[], TextWriter, TextWriter)"/> built).</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        try
        {
            var parsed = Arguments.Parse(args);
            if (parsed.Problem is { } problem) return await RefuseAsync(error, problem + Environment.NewLine + Usage);
            await using var scope = services.CreateAsyncScope();
            return parsed.Command switch
            {
                "import" => await ImportAsync(scope.ServiceProvider, parsed, args, output, error, ct),
                "period" => await PeriodAsync(scope.ServiceProvider, parsed, args, output, error, ct),
                "year" => await YearAsync(scope.ServiceProvider, parsed, args, output, error, ct),
                _ => await RefuseAsync(error, $"알 수 없는 명령입니다: {parsed.Command}{Environment.NewLine}{Usage}"),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync($"예상하지 못한 오류로 중단했습니다 (바뀐 것은 없습니다): {ex.GetType().Name}: {ex.Message}");
            return Failed;
        }
    }

    private static async Task<int> ImportAsync(IServiceProvider services, Arguments a, string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (a.Positional.Count != 1 || a.User is null)
            return await RefuseAsync(error, "import에는 파일 하나와 --as 사용자가 필요합니다." + Environment.NewLine + Usage);
        var path = a.Positional[0];
        if (!File.Exists(path)) return await RefuseAsync(error, $"파일이 없습니다: {path}");
        var info = new FileInfo(path);
        if (info.Length > UploadGuard.MaxBytes)
            return await RefuseAsync(error, $"파일이 너무 큽니다: {info.Length / 1024.0 / 1024.0:0.0}MB (최대 {UploadGuard.MaxBytes / 1024 / 1024}MB).");

        var (user, refusal) = await SignInAsync(services, a.User, args, ct);
        if (user is null) return await RefuseAsync(error, refusal!);
        Attribute(services, user);

        var content = await File.ReadAllBytesAsync(path, ct);
        var name = Path.GetFileName(path);
        if (StructureWorkbookService.IsStructureWorkbook(content)) return await StructureAsync(services, user, a, name, content, output, error, ct);
        if (a.Reason is not null) return await RefuseAsync(error, "--reason은 연도 체계 파일을 가져올 때만 씁니다.");
        var import = services.GetRequiredService<ImportService>();
        var (year, quarter) = import.PeriodOfFile(name, content);
        var preview = await import.PreviewAsync(user, year, quarter, name, content, ct);
        await PrintAsync(output, preview);
        if (preview.Errors.Count > 0)
        {
            await error.WriteLineAsync($"오류 {preview.Errors.Count:#,##0}건이 있어 아무것도 바꾸지 않았습니다:");
            foreach (var issue in preview.Errors) await error.WriteLineAsync("  " + issue.Text);
            return Refused;
        }

        if (!a.Commit)
        {
            await output.WriteLineAsync(preview.CanCommit ? "미리보기만 했습니다. 반영하려면 --commit을 붙여 다시 실행하세요." : "바뀌는 값이 없습니다.");
            return Ok;
        }

        if (preview.NothingToChange)
        {
            await output.WriteLineAsync("바뀌는 값이 없습니다. 이 파일의 내용은 이미 모두 반영되어 있습니다.");
            return Ok;
        }

        var result = await import.CommitAsync(user, year, quarter, name, content, preview.Digest, ct);
        if (result.Committed)
        {
            await output.WriteLineAsync(result.Message);
            return Ok;
        }

        await error.WriteLineAsync(result.Message);
        foreach (var issue in result.Preview.Errors) await error.WriteLineAsync("  " + issue.Text);
        return Refused;
    }

    /// <summary>A year's structure workbook: the same preview and all-or-nothing commit as the setup page (<see cref="StructureWorkbookService"/>).</summary>
    private static async Task<int> StructureAsync(IServiceProvider services, ClaimsPrincipal user, Arguments a, string name, byte[] content, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var structure = services.GetRequiredService<StructureWorkbookService>();
        var preview = await structure.PreviewAsync(user, name, content, ct);
        await output.WriteLineAsync($"연도 체계 파일: {name} ({content.LongLength:#,##0}바이트) · {preview.Year}년 · 금액 단위 {preview.Unit}");
        foreach (var c in preview.Changes) await output.WriteLineAsync($"  {c.Place}  {c.Code} {c.Description}");
        foreach (var n in preview.Notes) await output.WriteLineAsync("알림: " + n);
        if (preview.Errors.Count > 0)
        {
            await error.WriteLineAsync($"오류 {preview.Errors.Count:#,##0}건이 있어 아무것도 바꾸지 않았습니다:");
            foreach (var issue in preview.Errors) await error.WriteLineAsync("  " + issue.Text);
            return Refused;
        }

        if (preview.NothingToChange)
        {
            await output.WriteLineAsync("바뀌는 것이 없습니다. 이 파일의 내용은 이미 모두 반영되어 있습니다.");
            return Ok;
        }

        await output.WriteLineAsync($"바뀔 것 {preview.Changes.Count:#,##0}건.");
        if (!a.Commit)
        {
            await output.WriteLineAsync("미리보기만 했습니다. 반영하려면 --commit을 붙여 다시 실행하세요." + (preview.NeedsReason ? " 마감된 분기가 있어 --reason \"사유\"도 필요합니다." : ""));
            return Ok;
        }

        var result = await structure.CommitAsync(user, name, content, a.Reason, preview.Digest, ct);
        if (result.Committed)
        {
            await output.WriteLineAsync(result.Message);
            return Ok;
        }

        await error.WriteLineAsync(result.Message);
        foreach (var issue in result.Preview.Errors) await error.WriteLineAsync("  " + issue.Text);
        return Refused;
    }

    private static async Task<int> PeriodAsync(IServiceProvider services, Arguments a, string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (a.Positional.Count != 3 || a.Positional[0] is not ("open" or "close"))
            return await RefuseAsync(error, "period에는 open 또는 close와 연도, 분기가 필요합니다 (예: period close 2023 4)." + Environment.NewLine + Usage);
        if (!NumberText.TryReadWhole(a.Positional[1], 2000, 2100, out var year, out _) || year is null)
            return await RefuseAsync(error, $"회계연도는 2000~2100 사이의 연도여야 합니다 (입력: {a.Positional[1]}).");
        if (!NumberText.TryReadWhole(a.Positional[2], 1, 4, out var quarter, out _) || quarter is null)
            return await RefuseAsync(error, $"분기는 1~4 중 하나여야 합니다 (입력: {a.Positional[2]}).");
        if (a.AsOf is not null && a.Positional[0] == "close") return await RefuseAsync(error, "--as-of는 period open에만 씁니다.");

        var (user, refusal) = await SignInAsync(services, a.User ?? DefaultAdmin, args, ct);
        if (user is null) return await RefuseAsync(error, refusal!);
        Attribute(services, user);
        var admin = services.GetRequiredService<PeriodAdminService>();
        WriteResult result;
        if (a.Positional[0] == "open")
        {
            result = await admin.OpenAsync(user, new PeriodOpenForm
            {
                Year = year.Value.ToString(CultureInfo.InvariantCulture), Quarter = quarter.Value.ToString(CultureInfo.InvariantCulture), AsOf = a.AsOf ?? "",
            }, ct);
        }
        else
        {
            var row = (await admin.GetAsync(ct)).Periods.FirstOrDefault(p => p.Year == year && p.Quarter == quarter);
            if (row is null) return await RefuseAsync(error, $"{year}년 {quarter}분기 보고 기간이 없습니다.");
            if (row.IsClosed) return await RefuseAsync(error, $"{year}년 {quarter}분기는 이미 마감되어 있습니다 ({row.ClosedBy}, {Components.Fmt.Time(row.ClosedAt)}).");
            result = await admin.CloseAsync(user, year.Value, quarter.Value, row.Version, ct);
        }

        if (result.Saved)
        {
            await output.WriteLineAsync(result.Message);
            return Ok;
        }

        foreach (var message in result.Errors.Values) await error.WriteLineAsync(message);
        return Refused;
    }

    /// <summary><c>year create YEAR [--from YEAR-1]</c>: the roll-over of the setup page (<see cref="FiscalYearService.CreateFromAsync"/>).</summary>
    private static async Task<int> YearAsync(IServiceProvider services, Arguments a, string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (a.Positional.Count != 2 || a.Positional[0] != "create")
            return await RefuseAsync(error, "사용법: Fifty.Ops year create 2024 --from 2023 [--as 아이디]");
        if (!TryYear(a.Positional[1], out var year))
            return await RefuseAsync(error, $"만들 회계연도는 2000~2100 사이의 연도여야 합니다 (입력: {a.Positional[1]}).");
        var fromYear = year - 1;
        if (a.From is not null && !TryYear(a.From, out fromYear))
            return await RefuseAsync(error, $"--from 은 2000~2100 사이의 연도여야 합니다 (입력: {a.From}).");

        var (user, refusal) = await SignInAsync(services, a.User ?? DefaultAdmin, args, ct);
        if (user is null) return await RefuseAsync(error, refusal!);
        Attribute(services, user);
        var result = await services.GetRequiredService<FiscalYearService>().CreateFromAsync(user, year, fromYear, ct);
        if (!result.Done) return await RefuseAsync(error, result.Message);

        await output.WriteLineAsync(result.Message);
        foreach (var skipped in result.Skipped) await output.WriteLineAsync("  이월하지 않음: " + skipped);
        return Ok;
    }

    // ASCII digits only: a year typed in another script is refused rather than guessed.
    private static bool TryYear(string text, out int year) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) && year is >= 2000 and <= 2100;

    /// <summary>
    /// The principal a command acts as: the account named by <c>--as</c>, enabled, with the claims a sign-in would give it
    /// (the services check its roles). The command line is recorded in the audit trail under that user.
    /// </summary>
    private static async Task<(ClaimsPrincipal? User, string? Refusal)> SignInAsync(IServiceProvider services, string userName, string[] args, CancellationToken ct)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var account = userName.Length <= 64 ? await users.FindByNameAsync(userName.Trim().ToLowerInvariant()) : null;
        var audit = services.GetRequiredService<IAuditLog>();
        var commandLine = "Fifty.Ops " + string.Join(' ', args.Select(Quote));
        if (account is null || account.IsDisabled)
        {
            await audit.RecordAsync(new AuditActor(null, Truncate(userName), Origin), new AuditRecord(AuditKind.AccessDenied, "CommandLine", Detail: $"{commandLine} · {(account is null ? "없는 사용자" : "사용 중지된 계정")}"), ct);
            return (null, account is null ? $"사용자 '{userName}'이(가) 없습니다. --as에 Fifty.Ops 계정의 아이디를 적으세요." : $"사용자 '{userName}'은(는) 사용 중지된 계정입니다.");
        }

        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(account);
        // A command is a sign-in of its own: the write services check the session's age as for a browser.
        ((ClaimsIdentity)principal.Identity!).AddClaim(FiftyOpsClaims.AuthTimeClaim(services.GetRequiredService<TimeProvider>().GetUtcNow()));
        var actor = new AuditActor(account.Id, account.UserName, Origin);
        await audit.RecordAsync(actor, new AuditRecord(AuditKind.System, "CommandLine", Detail: commandLine), ct);
        return (principal, null);
    }

    /// <summary>
    /// Data changes the command makes are attributed through the accessor, as those of a request are. Set here, in the
    /// command's own flow: an async-local set inside an awaited method does not flow back to its caller.
    /// </summary>
    private static void Attribute(IServiceProvider services, ClaimsPrincipal user)
    {
        var actors = services.GetRequiredService<ActorAccessor>();
        actors.Set(AuditActor.From(user, Origin));
    }

    /// <summary>Where a command's audit entries say it came from (in place of an IP address).</summary>
    public const string Origin = "명령줄";

    private static string Quote(string arg) => arg.Length == 0 || arg.Any(char.IsWhiteSpace) ? $"\"{arg}\"" : arg;

    private static string Truncate(string text) => text.Length > 64 ? text[..64] : text;

    private static async Task<int> RefuseAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync(message);
        return Refused;
    }

    private static async Task PrintAsync(TextWriter output, ImportPreview p)
    {
        await output.WriteLineAsync($"파일: {p.FileName} ({p.SizeBytes:#,##0}바이트) · {p.Year}년 {p.Quarter}분기");
        if (p.Changes.Count > 0)
        {
            await output.WriteLineAsync($"바뀔 값 {p.Changes.Count:#,##0}개 (지금 → 바뀔 값):");
            foreach (var c in p.Changes) await output.WriteLineAsync($"  {c.Where}  {c.Item}: {c.Old} → {c.New}");
        }

        foreach (var w in p.Warnings) await output.WriteLineAsync("경고: " + w);
        foreach (var n in p.Notes) await output.WriteLineAsync("알림: " + n);
    }

    private sealed record Arguments(string Command, List<string> Positional, string? User, bool Commit, string? AsOf, string? From, string? Reason, string? Problem)
    {
        public static Arguments Parse(string[] args)
        {
            var positional = new List<string>();
            string? user = null, asOf = null, from = null, reason = null, problem = null;
            var commit = false;
            for (var i = 1; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--as" when i + 1 < args.Length: user = args[++i]; break;
                    case "--as-of" when i + 1 < args.Length: asOf = args[++i]; break;
                    case "--from" when i + 1 < args.Length: from = args[++i]; break;
                    case "--reason" when i + 1 < args.Length: reason = args[++i]; break;
                    case "--commit": commit = true; break;
                    case var s when s.StartsWith("--", StringComparison.Ordinal): problem ??= $"알 수 없는 옵션이거나 값이 없습니다: {s}"; break;
                    default: positional.Add(args[i]); break;
                }
            }

            if (args[0] is "period" or "year" && commit) problem ??= "--commit은 import에만 씁니다.";
            if (args[0] is "import" or "period" && from is not null) problem ??= "--from은 year create에만 씁니다.";
            if (args[0] == "year" && asOf is not null) problem ??= "--as-of는 period open에만 씁니다.";
            if (args[0] == "import" && asOf is not null) problem ??= "--as-of는 period open에만 씁니다.";
            if (args[0] is "period" or "year" && reason is not null) problem ??= "--reason은 import (연도 체계 파일)에만 씁니다.";
            return new Arguments(args[0], positional, user, commit, asOf, from, reason, problem);
        }
    }
}
