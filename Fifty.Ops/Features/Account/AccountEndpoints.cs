using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Fifty.Ops.Features.Account;

/// <summary>
/// Sign-in and sign-out are plain form posts (they work without JavaScript), answered with a redirect: back to the
/// sign-in page with a reason code, or on to where the person was going.
/// </summary>
public static class AccountEndpoints
{
    public const string LoginPath = "/account/login";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Antiforgery is checked here rather than by the middleware, so a stale form gets a Korean message, not a 400.
        // The page at the same address also accepts posts (Blazor SSR forms); this endpoint comes first.
        // Per client address: a flood is turned away before any password is hashed (SignInThrottle).
        app.MapPost(LoginPath, SignInAsync).AllowAnonymous().DisableAntiforgery().WithOrder(-1).RequireRateLimiting(SignInThrottle.Policy);
        app.MapPost("/account/logout", SignOutAsync).AllowAnonymous().DisableAntiforgery();

        // Called by session.js while the person is using an open screen: reading the cookie renews it (sliding
        // expiration), so an active person is not signed out by the idle timeout. Anonymous callers are not audited.
        // It also tells open circuits of the session that the person is typing (SessionActivity).
        app.MapGet("/account/session", (HttpContext http, SessionActivity activity) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            if (http.User.Identity?.IsAuthenticated != true) return Results.Unauthorized();
            activity.Touch(http.User);
            return Results.NoContent();
        }).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Unknown name, wrong password, a locked or a disabled account: the same answer (<c>error=invalid</c>) after the
    /// same work (one password-hash verification each, a dummy one for an unknown name), so neither the answer nor its
    /// time tells whether a name exists or is locked. Only someone who gives the right password learns that the account
    /// is locked or disabled. A client that has used up its failed attempts for a name gets <c>error=throttled</c>,
    /// the same for every name (<see cref="SignInThrottle"/>).
    /// </summary>
    private static async Task<IResult> SignInAsync(
        HttpContext http, IAntiforgery antiforgery, SignInManager<AppUser> signIn, IAuditLog audit, ActorAccessor actors, SignInThrottle throttle, TimeProvider clock)
    {
        if (!http.Request.HasFormContentType) return BackToLogin("missing", "/", "");
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var returnUrl = SafeReturnUrl(form["returnUrl"]);
        var userName = form["username"].ToString().Trim().ToLowerInvariant();
        var password = form["password"].ToString();
        if (!await antiforgery.IsRequestValidAsync(http)) return BackToLogin("token", returnUrl, userName);
        if (userName.Length == 0 || password.Length == 0) return BackToLogin("missing", returnUrl, userName);

        var ip = actors.Current?.IpAddress;
        var name = Truncate(userName);
        if (throttle.IsBlocked(ip, name))
        {
            await audit.RecordAsync(new AuditActor(null, name, ip), new AuditRecord(AuditKind.SignInFailed, "User", name,
                Detail: $"시도 제한: 이 주소에서 {SignInThrottle.FailuresPerClientAndAccount}회 실패 (확인하지 않음)"));
            return BackToLogin("throttled", returnUrl, userName);
        }

        var users = signIn.UserManager;
        var user = userName.Length <= 64 ? await users.FindByNameAsync(userName) : null;
        if (user is null)
        {
            // Same work as a real check, so the answer time does not tell whether the account exists.
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), TimingDummyHash, password);
            throttle.RecordFailure(ip, name);
            await audit.RecordAsync(new AuditActor(null, name, ip), new AuditRecord(AuditKind.SignInFailed, "User", name, Detail: "없는 아이디"));
            return BackToLogin("invalid", returnUrl, userName);
        }

        var actor = new AuditActor(user.Id, user.UserName, ip);
        if (await users.IsLockedOutAsync(user))
        {
            // Identity answers a locked account without hashing (fast, and so recognisable): verify anyway, and say
            // "locked" only to someone who knows the password.
            var knowsPassword = await users.CheckPasswordAsync(user, password);
            if (!knowsPassword) throttle.RecordFailure(ip, name);
            await audit.RecordAsync(actor, new AuditRecord(AuditKind.SignInFailed, "User", user.UserName, Detail: knowsPassword ? "잠긴 계정" : "잠긴 계정 · 비밀번호 틀림"));
            return BackToLogin(knowsPassword ? "locked" : "invalid", returnUrl, userName);
        }

        // Identity updates this same object (failure count, lockout) and saves it through the store.
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            user.LastSignInAt = clock.GetUtcNow();
            await users.UpdateAsync(user);
            await audit.RecordAsync(actor, new AuditRecord(AuditKind.SignIn, "User", user.UserName, Detail: $"로그인 · 역할: {AppRoles.Labels(await users.GetRolesAsync(user))}"));
            return Results.Redirect(returnUrl, permanent: false, preserveMethod: false);
        }

        if (result.IsNotAllowed)
        {
            // Identity refuses a disabled account before hashing: the one verification here keeps the time the same,
            // and only someone who knows the password learns that the account is disabled.
            var knowsPassword = await users.CheckPasswordAsync(user, password);
            if (!knowsPassword) throttle.RecordFailure(ip, name);
            await audit.RecordAsync(actor, new AuditRecord(AuditKind.SignInFailed, "User", user.UserName, Detail: "사용 중지된 계정"));
            return BackToLogin(knowsPassword ? "disabled" : "invalid", returnUrl, userName);
        }

        throttle.RecordFailure(ip, name);
        if (result.IsLockedOut)
        {
            // This wrong password was the last one allowed: the account is now locked, and the answer stays "invalid".
            await audit.RecordAsync(actor, new AuditRecord(AuditKind.SignInFailed, "User", user.UserName,
                Detail: $"비밀번호 {AuthOptions.MaxFailedAttempts}회 연속 틀림: {AuthOptions.LockoutDuration.TotalMinutes:0}분 잠금"));
            return BackToLogin("invalid", returnUrl, userName);
        }

        await audit.RecordAsync(actor, new AuditRecord(AuditKind.SignInFailed, "User", user.UserName,
            Detail: $"비밀번호 틀림 ({user.AccessFailedCount}/{AuthOptions.MaxFailedAttempts}회)"));
        return BackToLogin("invalid", returnUrl, userName);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, SignInManager<AppUser> signIn, IAuditLog audit)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return Results.Text("보안 토큰이 맞지 않아 로그아웃하지 못했습니다. 페이지를 새로 고친 뒤 다시 시도하세요.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        if (http.User.Identity?.IsAuthenticated == true)
        {
            var user = http.User;
            await signIn.SignOutAsync();
            await audit.RecordAsync(user, new AuditRecord(AuditKind.SignOut, "User", user.Identity?.Name, Detail: "로그아웃"));
        }

        return Results.Redirect(LoginPath + "?reason=signedout");
    }

    /// <summary>Only a path on this site: an absolute or protocol-relative address would send the person elsewhere.</summary>
    public static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains('\\')
        && Uri.IsWellFormedUriString(url, UriKind.Relative)
            ? url
            : "/";

    private static IResult BackToLogin(string error, string returnUrl, string userName) =>
        Results.Redirect($"{LoginPath}?error={error}&user={Uri.EscapeDataString(Truncate(userName))}&ReturnUrl={Uri.EscapeDataString(returnUrl)}");

    private static string Truncate(string s) => s.Length <= 64 ? s : s[..64];

    // A PBKDF2 (V3) hash of a random string: verifying against it costs what a real verification costs.
    private static readonly string TimingDummyHash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString());
}
