using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fifty.Ops.Features.Account;

/// <summary>A Development demo account (README lists them).</summary>
public sealed record DemoAccount(string UserName, string DisplayName, string Role, string Password);

/// <summary>
/// Accounts at start-up. The first start (no users at all) creates <c>admin</c>: with <c>Auth:InitialAdminPassword</c>
/// if set, otherwise with a generated password printed once to the console — the next start finds a user and prints
/// nothing. In Development, demo accounts for the other roles are added; in any other environment, demo accounts
/// left in the database are disabled.
/// </summary>
public sealed partial class AccountInitializer(
    UserManager<AppUser> users,
    IDbContextFactory<FiftyOpsDbContext> factory,
    IOptions<AuthOptions> options,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<AccountInitializer> logger,
    TextWriter? console = null)
{
    public const string AdminUserName = "admin";

    public static readonly IReadOnlyList<DemoAccount> DemoAccounts =
    [
        new("planner", "기획 담당자 (데모)", AppRoles.Planner, "fifty-plan-demo"),
        new("director", "간부 (데모)", AppRoles.Director, "fifty-lead-demo"),
        new("auditor", "감사 담당자 (데모)", AppRoles.Auditor, "fifty-audit-demo"),
    ];

    /// <summary>Creates <c>admin</c> on an empty user table, adds (Development) or disables (elsewhere) the demo accounts.</summary>
    /// <exception cref="InvalidOperationException">Identity refuses the admin account (<c>Auth:InitialAdminPassword</c> breaks the password rules) or a demo account.</exception>
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        bool anyUser;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            anyUser = await db.Users.AnyAsync(ct);
        }

        if (!anyUser) await CreateInitialAdminAsync();
        if (environment.IsDevelopment())
        {
            foreach (var demo in DemoAccounts) await EnsureDemoAsync(demo);
        }
        else
        {
            await DisableDemoAccountsAsync(ct);
        }
    }

    private async Task CreateInitialAdminAsync()
    {
        var configured = options.Value.InitialAdminPassword;
        var password = string.IsNullOrEmpty(configured) ? PasswordGenerator.Generate() : configured;
        var admin = NewUser(AdminUserName, "시스템 관리자", AppRoles.Admin, isDemo: false);
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                "초기 관리자 계정을 만들지 못했습니다 (Auth:InitialAdminPassword를 확인하세요): " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        if (string.IsNullOrEmpty(configured))
        {
            // Printed, not logged: log sinks keep what they receive, and this must be shown exactly once.
            var output = console ?? Console.Out;
            await output.WriteLineAsync($"""

                ================================================================
                 Fifty.Ops 초기 관리자 계정을 만들었습니다 (이 안내는 다시 나오지 않습니다)
                   아이디:   {AdminUserName}
                   비밀번호: {password}
                 로그인한 뒤 '비밀번호 변경'에서 바로 바꾸세요.
                ================================================================

                """);
            await output.FlushAsync();
        }

        LogAdminCreated(logger, string.IsNullOrEmpty(configured) ? "generated and printed once" : "from Auth:InitialAdminPassword");
    }

    private async Task EnsureDemoAsync(DemoAccount demo)
    {
        if (await users.FindByNameAsync(demo.UserName) is not null) return;
        var user = NewUser(demo.UserName, demo.DisplayName, demo.Role, isDemo: true);
        var result = await users.CreateAsync(user, demo.Password);
        if (!result.Succeeded) throw new InvalidOperationException($"데모 계정 {demo.UserName}을(를) 만들지 못했습니다: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        LogDemoCreated(logger, demo.UserName);
    }

    private async Task DisableDemoAccountsAsync(CancellationToken ct)
    {
        List<string> names;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            names = await db.Users.Where(u => u.IsDemo && !u.IsDisabled).Select(u => u.UserName).ToListAsync(ct);
        }

        foreach (var name in names)
        {
            var user = (await users.FindByNameAsync(name))!;
            user.IsDisabled = true;
            await users.UpdateSecurityStampAsync(user);
            LogDemoDisabled(logger, name, environment.EnvironmentName);
        }
    }

    /// <summary>Roles are set before the user exists, so the account and its role are inserted together.</summary>
    private AppUser NewUser(string userName, string displayName, string role, bool isDemo) => new()
    {
        UserName = userName,
        DisplayName = displayName,
        IsDemo = isDemo,
        LockoutEnabled = true,
        CreatedAt = clock.GetUtcNow(),
        Roles = [new AppUserRole { RoleId = AppRoles.ByName(role)!.Id }],
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the initial admin account; password {Source}.")]
    private static partial void LogAdminCreated(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created Development demo account {UserName}.")]
    private static partial void LogDemoCreated(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disabled demo account {UserName}: demo accounts exist only in Development, this is {Environment}.")]
    private static partial void LogDemoDisabled(ILogger logger, string userName, string environment);
}
