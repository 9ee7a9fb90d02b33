using System.Net;
using AngleSharp.Html.Parser;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;
using Fifty.Ops.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fifty.Ops.Tests.Security;

/// <summary>The sign-in form, lockout, sign-out and password change, through HTTP as a browser would use them.</summary>
public sealed class SignInTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task SigningInGoesBackToTheRequestedPageAndIsRecordedWithTheAddress()
    {
        await factory.EnsureAccountAsync(AppRoles.Planner);
        var client = factory.CreateAnonymousClient();
        var challenge = await client.GetAsync(new Uri("/budget?year=2023&quarter=3", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var login = challenge.Headers.Location!.PathAndQuery;
        Assert.Equal("/account/login?ReturnUrl=%2Fbudget%3Fyear%3D2023%26quarter%3D3", login);
        Assert.Contains("이 화면을 보려면 로그인하세요.", await client.GetStringAsync(new Uri(login, UriKind.Relative)), StringComparison.Ordinal);

        var before = await factory.LastAuditIdAsync();
        var signIn = await AppFactory.SignInAsync(client, AppRoles.Planner, TestAccounts.Password(AppRoles.Planner), "/budget?year=2023&quarter=3");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/budget?year=2023&quarter=3", signIn.Headers.Location!.OriginalString);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(SessionCookie.Name + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase); // a browser-session cookie; the ticket expires on the server

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/budget?year=2023&quarter=3", UriKind.Relative))).StatusCode);
        var entry = Assert.Single(await factory.AuditEntriesAsync(), e => e.Id > before);
        Assert.Equal((AuditKind.SignIn, AppRoles.Planner, "127.0.0.1"), (entry.Kind, entry.UserName, entry.IpAddress));
        Assert.Contains("기획담당", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownNameAndAWrongPasswordGetTheSameAnswerAndAreBothRecorded()
    {
        await factory.EnsureAccountAsync(AppRoles.Director);
        var before = await factory.LastAuditIdAsync();
        var unknown = await AppFactory.SignInAsync(factory.CreateAnonymousClient(), "nobody", "whatever-password-123");
        var wrong = await AppFactory.SignInAsync(factory.CreateAnonymousClient(), AppRoles.Director, "not-the-password-123");
        Assert.Equal("/account/login?error=invalid&user=nobody&ReturnUrl=%2F", unknown.Headers.Location!.OriginalString);
        Assert.Equal("/account/login?error=invalid&user=director&ReturnUrl=%2F", wrong.Headers.Location!.OriginalString);
        Assert.DoesNotContain(wrong.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith(SessionCookie.Name, StringComparison.Ordinal));

        var page = new HtmlParser().ParseDocument(await factory.CreateAnonymousClient().GetStringAsync(new Uri(wrong.Headers.Location.OriginalString, UriKind.Relative)));
        Assert.Equal("아이디 또는 비밀번호가 올바르지 않습니다.", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("director", page.QuerySelector("input#username")!.GetAttribute("value"));

        var entries = (await factory.AuditEntriesAsync()).Where(e => e.Id > before).ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal(AuditKind.SignInFailed, e.Kind));
        Assert.Equal(["nobody: 없는 아이디", "director: 비밀번호 틀림 (1/5회)"], entries.Select(e => $"{e.UserName}: {e.Detail}"));
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountForFifteenMinutesEvenAgainstTheRightPassword()
    {
        var (userName, password) = await factory.NewUserAsync("lock-me", AppRoles.Planner);
        var client = factory.CreateAnonymousClient();
        var before = await factory.LastAuditIdAsync();
        // Each attempt from another address (through the known proxy): one address alone is throttled before the lockout.
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            From(client, $"203.0.113.{attempt}");
            var r = await AppFactory.SignInAsync(client, userName, $"wrong-password-{attempt:00}");
            // The fifth locks the account, and still says only "invalid": a guesser does not learn that it is locked.
            Assert.Contains("error=invalid", r.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        From(client, "203.0.113.6");
        var right = await AppFactory.SignInAsync(client, userName, password);
        Assert.Contains("error=locked", right.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("5번 연속 잘못 입력해 계정이 잠겼습니다",
            await client.GetStringAsync(new Uri(right.Headers.Location.OriginalString, UriKind.Relative)), StringComparison.Ordinal);

        await using (var db = await factory.DbAsync())
        {
            var lockedUntil = await db.Users.Where(u => u.UserName == userName).Select(u => u.LockoutEnd).SingleAsync();
            Assert.InRange(lockedUntil!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        }

        var entries = (await factory.AuditEntriesAsync()).Where(e => e.Id > before).ToList();
        Assert.Equal(
        [
            "SignInFailed 비밀번호 틀림 (1/5회)", "SignInFailed 비밀번호 틀림 (2/5회)", "SignInFailed 비밀번호 틀림 (3/5회)", "SignInFailed 비밀번호 틀림 (4/5회)",
            "SignInFailed 비밀번호 5회 연속 틀림: 15분 잠금", "SignInFailed 잠긴 계정",
        ], entries.Select(e => $"{e.Kind} {e.Detail}"));
        Assert.Equal(["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4", "203.0.113.5", "203.0.113.6"], entries.Select(e => e.IpAddress));

        // An admin lifts the lock; the right password works again.
        await using var scope = factory.Services.CreateAsyncScope();
        var unlocked = await scope.ServiceProvider.GetRequiredService<UserAdminService>().UnlockAsync(await factory.AdminPrincipalAsync(), await factory.UserIdAsync(userName));
        Assert.True(unlocked.Succeeded);
        Assert.Equal("/", (await AppFactory.SignInAsync(client, userName, password)).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task OneClientCannotLockAnAccountItIsThrottledTheSameWayForKnownAndUnknownNames()
    {
        var (userName, password) = await factory.NewUserAsync("target", AppRoles.Planner);
        var attacker = factory.CreateAnonymousClient();
        From(attacker, "198.51.100.23");
        foreach (var name in new[] { userName, "no-such-user" })
        {
            for (var attempt = 1; attempt <= SignInThrottle.FailuresPerClientAndAccount; attempt++)
                Assert.Contains("error=invalid", (await AppFactory.SignInAsync(attacker, name, $"guess-number-{attempt:00}")).Headers.Location!.OriginalString, StringComparison.Ordinal);

            // From here on this address is turned away for this name, unchecked, even with the right password.
            var throttled = await AppFactory.SignInAsync(attacker, name, name == userName ? password : "guess-number-99");
            Assert.Equal($"/account/login?error=throttled&user={name}&ReturnUrl=%2F", throttled.Headers.Location!.OriginalString);
        }

        Assert.Contains("로그인 시도가 너무 많아", await attacker.GetStringAsync(new Uri("/account/login?error=throttled", UriKind.Relative)), StringComparison.Ordinal);
        await using (var db = await factory.DbAsync())
        {
            var account = await db.Users.Where(u => u.UserName == userName).Select(u => new { u.LockoutEnd, u.AccessFailedCount }).SingleAsync();
            Assert.Null(account.LockoutEnd);
            Assert.Equal(SignInThrottle.FailuresPerClientAndAccount, account.AccessFailedCount);
        }

        // The owner, from their own address, still signs in.
        var owner = factory.CreateAnonymousClient();
        From(owner, "192.0.2.10");
        Assert.Equal("/", (await AppFactory.SignInAsync(owner, userName, password)).Headers.Location!.OriginalString);
    }

    private static void From(HttpClient client, string address)
    {
        client.DefaultRequestHeaders.Remove("X-Forwarded-For");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
    }

    [Fact]
    public async Task ADisabledAccountCannotSignInAndOnlyTheRightPasswordLearnsWhy()
    {
        var (userName, password) = await factory.NewUserAsync("left-the-office", AppRoles.Planner);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserAdminService>().SetDisabledAsync(await factory.AdminPrincipalAsync(), await factory.UserIdAsync(userName), true)).Succeeded);
        }

        var client = factory.CreateAnonymousClient();
        Assert.Contains("error=invalid", (await AppFactory.SignInAsync(client, userName, "a-wrong-password")).Headers.Location!.OriginalString, StringComparison.Ordinal);
        var right = await AppFactory.SignInAsync(client, userName, password);
        Assert.Contains("error=disabled", right.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("사용이 중지된 계정입니다", await client.GetStringAsync(new Uri(right.Headers.Location.OriginalString, UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFormPostedWithoutItsAntiforgeryTokenSignsNobodyIn()
    {
        await factory.EnsureAccountAsync(AppRoles.Auditor);
        var client = factory.CreateAnonymousClient();
        var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = AppRoles.Auditor,
            ["password"] = TestAccounts.Password(AppRoles.Auditor),
            ["returnUrl"] = "/",
        }));
        Assert.Equal("/account/login?error=token&user=auditor&ReturnUrl=%2F", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task APostThatIsNotAFormGoesBackToTheSignInPage()
    {
        var response = await factory.CreateAnonymousClient().PostAsync(new Uri("/account/login", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal("/account/login?error=missing&user=&ReturnUrl=%2F", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task AReturnAddressOffThisSiteIsReplacedByTheOverview(string returnUrl)
    {
        await factory.EnsureAccountAsync(AppRoles.Auditor);
        var response = await AppFactory.SignInAsync(factory.CreateAnonymousClient(), AppRoles.Auditor, TestAccounts.Password(AppRoles.Auditor), returnUrl);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SigningOutEndsTheSessionAndIsRecorded()
    {
        var client = await factory.CreateClientAsync(AppRoles.Director);
        var token = await AppFactory.AntiforgeryTokenAsync(client, "/");
        var before = await factory.LastAuditIdAsync();
        var response = await client.PostAsync(new Uri("/account/logout", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal("/account/login?reason=signedout", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        var entry = Assert.Single(await factory.AuditEntriesAsync(), e => e.Id > before);
        Assert.Equal((AuditKind.SignOut, AppRoles.Director), (entry.Kind, entry.UserName));
    }

    [Fact]
    public async Task SigningOutNeedsTheFormsToken()
    {
        var client = await factory.CreateClientAsync(AppRoles.Director);
        var response = await client.PostAsync(new Uri("/account/logout", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task SomeoneSignedInWhoOpensTheSignInPageGoesWhereTheyWereHeading()
    {
        var client = await factory.CreateClientAsync(AppRoles.Auditor);
        var response = await client.GetAsync(new Uri("/account/login?ReturnUrl=%2Faudit", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/audit", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task ChangingThePasswordKeepsThisSessionEndsTheOthersAndIsAudited()
    {
        var (userName, password) = await factory.NewUserAsync("changer", AppRoles.Planner);
        var here = factory.CreateAnonymousClient();
        var elsewhere = factory.CreateAnonymousClient();
        Assert.Equal("/", (await AppFactory.SignInAsync(here, userName, password)).Headers.Location!.OriginalString);
        Assert.Equal("/", (await AppFactory.SignInAsync(elsewhere, userName, password)).Headers.Location!.OriginalString);

        // A short password is refused with the rule in Korean; nothing changes.
        var tooShort = await PostChangePasswordAsync(here, password, "short-pass1", "short-pass1");
        Assert.Equal("비밀번호는 12자 이상이어야 합니다.", tooShort.QuerySelector("#new-error")!.TextContent);
        var wrongCurrent = await PostChangePasswordAsync(here, "not-my-password", "a long enough passphrase", "a long enough passphrase");
        Assert.Equal("현재 비밀번호가 올바르지 않습니다.", wrongCurrent.QuerySelector("#current-error")!.TextContent);
        var mismatch = await PostChangePasswordAsync(here, password, "a long enough passphrase", "a long enough passphrasf");
        Assert.Equal("새 비밀번호와 확인이 다릅니다.", mismatch.QuerySelector("#confirm-error")!.TextContent);

        var before = await factory.LastAuditIdAsync();
        // No composition rules: lowercase words with spaces are a fine password.
        const string Passphrase = "seoul fifty plus spring";
        var done = await PostChangePasswordAsync(here, password, Passphrase, Passphrase);
        Assert.Contains("비밀번호를 바꿨습니다.", done.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        Assert.Contains("error=invalid", (await AppFactory.SignInAsync(factory.CreateAnonymousClient(), userName, password)).Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal("/", (await AppFactory.SignInAsync(factory.CreateAnonymousClient(), userName, Passphrase)).Headers.Location!.OriginalString);

        var entries = (await factory.AuditEntriesAsync()).Where(e => e.Id > before).ToList();
        var change = Assert.Single(entries, e => e.Field == nameof(AppUser.PasswordHash));
        Assert.Equal((AuditKind.Account, userName, userName), (change.Kind, change.UserName, change.ObjectId));
        Assert.Null(change.OldValue);
        Assert.Null(change.NewValue);
        Assert.Contains(entries, e => e.Kind == AuditKind.SessionEnded && e.UserName == userName);
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> PostChangePasswordAsync(HttpClient client, string current, string next, string confirm)
    {
        var form = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri("/account/changepassword", UriKind.Relative))).QuerySelector("form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["Input.Current"] = current;
        fields["Input.New"] = next;
        fields["Input.Confirm"] = confirm;
        var response = await client.PostAsync(new Uri("/account/changepassword", UriKind.Relative), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }
}
