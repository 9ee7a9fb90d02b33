using System.Net;
using System.Security.Claims;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;
using Fifty.Ops.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fifty.Ops.Tests.Admin;

/// <summary>User administration through the app's own services, checked by signing in over HTTP and by the audit trail.</summary>
public sealed class UserAdminTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ANewUserGetsAGeneratedPasswordThatSignsInAndTheCreationIsAudited()
    {
        var before = await factory.LastAuditIdAsync();
        var result = await AdminDoesAsync(a => a.CreateAsync(Admin, new NewUserInput { UserName = "  Park.Jiyeon ", DisplayName = "박지연", Roles = [AppRoles.Planner, AppRoles.Director] }));
        Assert.True(result.Succeeded);
        Assert.Equal("park.jiyeon 계정을 만들었습니다 (기획담당·간부).", result.Message);
        Assert.Matches("^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$", result.IssuedPassword);

        var client = factory.CreateAnonymousClient();
        Assert.Equal("/", (await AppFactory.SignInAsync(client, "park.jiyeon", result.IssuedPassword!)).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/indicators", UriKind.Relative))).StatusCode);

        var entries = (await factory.AuditEntriesAsync()).Where(e => e.Id > before && e.Kind == AuditKind.Account).ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal(("admin", "User", "park.jiyeon"), (e.UserName, e.ObjectType, e.ObjectId)));
        var created = Assert.Single(entries, e => e.Field is null);
        Assert.Contains("DisplayName=박지연", created.NewValue, StringComparison.Ordinal);
        Assert.Contains("PasswordHash=(기록하지 않음)", created.NewValue, StringComparison.Ordinal);
        Assert.DoesNotContain(result.IssuedPassword!, string.Join(" ", (await factory.AuditEntriesAsync()).Select(e => $"{e.OldValue} {e.NewValue} {e.Detail}")), StringComparison.Ordinal);
        var roles = Assert.Single(entries, e => e.Field == "Roles");
        Assert.Equal(("", "planner, director"), (roles.OldValue, roles.NewValue));
    }

    [Theory]
    [InlineData("x", "이름", "UserName", "아이디는 영문 소문자나 숫자로 시작하는 2~32자로")]
    [InlineData("홍길동", "이름", "UserName", "아이디는 영문 소문자나 숫자로 시작하는 2~32자로")]
    [InlineData("good.name", " ", "DisplayName", "이름을 입력하세요.")]
    [InlineData("admin", "또 관리자", "UserName", "아이디 'admin'은(는) 이미 있습니다.")]
    public async Task BadInputIsRefusedWithAKoreanMessageOnItsField(string userName, string displayName, string field, string message)
    {
        var result = await AdminDoesAsync(a => a.CreateAsync(Admin, new NewUserInput { UserName = userName, DisplayName = displayName, Roles = [AppRoles.Auditor] }));
        Assert.False(result.Succeeded);
        Assert.StartsWith(message, result.Errors[field], StringComparison.Ordinal);
        Assert.Null(result.IssuedPassword);
    }

    [Fact]
    public async Task AUserNeedsAtLeastOneRole()
    {
        var result = await AdminDoesAsync(a => a.CreateAsync(Admin, new NewUserInput { UserName = "no.roles", DisplayName = "역할 없음" }));
        Assert.Equal("역할을 하나 이상 고르세요.", result.Errors["Roles"]);
        var id = await IdOfAsync(AppRoles.Planner, ensure: true);
        Assert.Equal("역할을 하나 이상 고르세요. 계정을 쓰지 못하게 하려면 ‘사용 중지’를 쓰세요.", (await AdminDoesAsync(a => a.SetRolesAsync(Admin, id, []))).Errors["Roles"]);
    }

    [Fact]
    public async Task ChangingRolesRenewsTheSecurityStampAndRecordsOldAndNewRoles()
    {
        var id = await IdOfAsync(AppRoles.Director, ensure: true);
        var stampBefore = await StampOfAsync(id);
        var before = await factory.LastAuditIdAsync();
        var result = await AdminDoesAsync(a => a.SetRolesAsync(Admin, id, [AppRoles.Director, AppRoles.Auditor]));
        Assert.Equal("director의 역할을 간부·감사담당(으)로 바꿨습니다. 열린 화면은 곧 다시 로그인해야 합니다.", result.Message);
        Assert.NotEqual(stampBefore, await StampOfAsync(id));
        var change = Assert.Single(await factory.AuditEntriesAsync(), e => e.Id > before);
        Assert.Equal(("Roles", "director", "director, auditor", "admin"), (change.Field, change.OldValue, change.NewValue, change.UserName));

        Assert.True((await AdminDoesAsync(a => a.SetRolesAsync(Admin, id, [AppRoles.Director]))).Succeeded);
    }

    [Fact]
    public async Task NobodyCanRemoveTheLastAdminOrTheirOwnAdminRoleOrDisableThemselves()
    {
        var self = await IdOfAsync("admin");
        Assert.Equal("자기 계정의 시스템관리자 역할은 뺄 수 없습니다. 다른 관리자에게 요청하세요.",
            (await AdminDoesAsync(a => a.SetRolesAsync(Admin, self, [AppRoles.Auditor]))).Errors["Roles"]);
        Assert.Equal("자기 계정은 사용 중지할 수 없습니다.", (await AdminDoesAsync(a => a.SetDisabledAsync(Admin, self, true))).Errors[""]);

        // Another admin acting on the only enabled admin account.
        var other = TestAccounts.Principal(AppRoles.Admin, 99_999, "other-admin");
        Assert.Equal("마지막 시스템관리자의 역할은 뺄 수 없습니다. 먼저 다른 관리자를 만드세요.",
            (await AdminDoesAsync(a => a.SetRolesAsync(other, self, [AppRoles.Auditor]))).Errors["Roles"]);
        Assert.Equal("마지막 시스템관리자는 사용 중지할 수 없습니다. 먼저 다른 관리자를 만드세요.",
            (await AdminDoesAsync(a => a.SetDisabledAsync(other, self, true))).Errors[""]);
    }

    [Fact]
    public async Task DisablingAndEnablingAreRecordedAndEndAndRestoreSignIn()
    {
        var created = await AdminDoesAsync(a => a.CreateAsync(Admin, new NewUserInput { UserName = "on.off", DisplayName = "켜고 끄기", Roles = [AppRoles.Auditor] }));
        var id = await IdOfAsync("on.off");
        var before = await factory.LastAuditIdAsync();
        Assert.Equal("on.off 계정을 사용 중지했습니다. 열린 화면도 곧 로그아웃됩니다.", (await AdminDoesAsync(a => a.SetDisabledAsync(Admin, id, true))).Message);
        Assert.Contains("error=disabled", (await AppFactory.SignInAsync(factory.CreateAnonymousClient(), "on.off", created.IssuedPassword!)).Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True((await AdminDoesAsync(a => a.SetDisabledAsync(Admin, id, false))).Succeeded);
        Assert.Equal("/", (await AppFactory.SignInAsync(factory.CreateAnonymousClient(), "on.off", created.IssuedPassword!)).Headers.Location!.OriginalString);

        var flags = (await factory.AuditEntriesAsync()).Where(e => e.Id > before && e.Field == nameof(AppUser.IsDisabled)).Select(e => $"{e.OldValue}→{e.NewValue}");
        Assert.Equal(["False→True", "True→False"], flags);
    }

    [Fact]
    public async Task AResetPasswordReplacesTheOldOneLiftsALockoutAndIsShownOnlyOnce()
    {
        var created = await AdminDoesAsync(a => a.CreateAsync(Admin, new NewUserInput { UserName = "forgetful", DisplayName = "잊음", Roles = [AppRoles.Director] }));
        var id = await IdOfAsync("forgetful");
        // From several addresses: one address alone is throttled before it could lock the account (decision record 0009).
        for (var i = 0; i < AuthOptions.MaxFailedAttempts; i++)
        {
            var guesser = factory.CreateAnonymousClient();
            guesser.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{100 + i}");
            await AppFactory.SignInAsync(guesser, "forgetful", $"guess-number-{i}");
        }

        var (list, _) = await ListAsync();
        Assert.NotNull(list.Single(u => u.UserName == "forgetful").LockedUntil);

        var reset = await AdminDoesAsync(a => a.ResetPasswordAsync(Admin, id));
        Assert.NotEqual(created.IssuedPassword, reset.IssuedPassword);
        Assert.Contains("error=invalid", (await AppFactory.SignInAsync(factory.CreateAnonymousClient(), "forgetful", created.IssuedPassword!)).Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal("/", (await AppFactory.SignInAsync(factory.CreateAnonymousClient(), "forgetful", reset.IssuedPassword!)).Headers.Location!.OriginalString);
        Assert.Null((await ListAsync()).Users.Single(u => u.UserName == "forgetful").LockedUntil);
    }

    private static ClaimsPrincipal Admin => TestAccounts.Principal(AppRoles.Admin, AdminId, "admin");

    /// <summary>The app's first account; SQLite gives it id 1 in a fresh database.</summary>
    private const int AdminId = 1;

    private async Task<(IReadOnlyList<UserSummary> Users, string? Refusal)> ListAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserAdminService>().ListAsync(Admin);
    }

    private async Task<WriteResult> AdminDoesAsync(Func<UserAdminService, Task<WriteResult>> action)
    {
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserAdminService>());
    }

    private async Task<int> IdOfAsync(string userName, bool ensure = false)
    {
        if (ensure) await factory.EnsureAccountAsync(userName);
        _ = factory.Server;
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>().CreateDbContextAsync();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    private async Task<string> StampOfAsync(int id)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>().CreateDbContextAsync();
        return await db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleAsync();
    }
}
