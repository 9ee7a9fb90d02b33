using System.Net;
using System.Security.Claims;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;
using Fifty.Ops.Tests.Web;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Fifty.Ops.Tests.Security;

/// <summary>Each test signs in a user of its own, so moving the clock in one cannot end another's session.</summary>
public sealed class SessionTests(ClockedAppFactory factory) : IClassFixture<ClockedAppFactory>
{
    private static readonly Uri Overview = new("/", UriKind.Relative);

    [Fact]
    public async Task ASessionWithoutRequestsEndsAfterThirtyMinutesAndEveryRequestRestartsTheWait()
    {
        var client = await SignedInClientAsync("idle");
        factory.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Overview)).StatusCode);
        factory.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Overview)).StatusCode);
        factory.Clock.Advance(TimeSpan.FromMinutes(31));
        var expired = await client.GetAsync(Overview);
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.StartsWith("/account/login", expired.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASessionEndsTwelveHoursAfterSignInHoweverActiveAndTheEndIsRecorded()
    {
        var client = await SignedInClientAsync("busy");
        var before = await factory.LastAuditIdAsync();
        for (var step = 1; step < 36; step++)
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.True((await client.GetAsync(Overview)).StatusCode == HttpStatusCode.OK, $"{step * 20} minutes after sign-in the session should still be open");
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(20)); // 12 hours
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(Overview)).StatusCode);
        var ended = Assert.Single(await factory.AuditEntriesAsync(), e => e.Id > before && e.Kind == AuditKind.SessionEnded);
        Assert.Equal(("busy", "로그인한 지 12시간이 지났습니다"), (ended.UserName, ended.Detail));
    }

    [Fact]
    public async Task RemovingARoleEndsTheOpenSessionAtItsNextRequest()
    {
        var client = await SignedInClientAsync("demoted", AppRoles.Planner);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Overview)).StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<UserAdminService>().SetRolesAsync(await factory.AdminPrincipalAsync(), await factory.UserIdAsync("demoted"), [AppRoles.Director]);
            Assert.True(result.Succeeded);
        }

        var before = await factory.LastAuditIdAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(Overview)).StatusCode);
        var ended = Assert.Single(await factory.AuditEntriesAsync(), e => e.Id > before);
        Assert.Equal((AuditKind.SessionEnded, "demoted", "역할이나 비밀번호가 바뀌었습니다"), (ended.Kind, ended.UserName, ended.Detail));
    }

    /// <summary>What an open screen's revalidation decides, with the app's own services (the browser tests watch it happen).</summary>
    [Fact]
    public async Task AnOpenScreenIsSignedOutWhenItsUserIsDisabledLosesARoleGoesIdleOrPassesTheLifetime()
    {
        var principal = await PrincipalOfAsync(await SignedInClientAsync("watched", AppRoles.Director), "watched");
        var provider = NewCircuitProvider(out var activity);
        var state = new AuthenticationState(principal);
        Assert.True(await provider.ValidateAsync(state, default));

        factory.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.True(await provider.ValidateAsync(state, default));
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(await provider.ValidateAsync(state, default)); // 31 minutes without an event in the circuit
        activity.Touch();
        Assert.True(await provider.ValidateAsync(state, default));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<UserAdminService>();
            Assert.True((await admin.SetRolesAsync(await factory.AdminPrincipalAsync(), await factory.UserIdAsync("watched"), [AppRoles.Auditor])).Succeeded);
        }

        Assert.False(await provider.ValidateAsync(state, default));
        Assert.Equal(TimeSpan.FromSeconds(30), provider.Interval);
    }

    /// <summary>
    /// Issue 21: a planner's form is open when an administrator removes the planner role. The next save is refused at
    /// once (the write re-checks the account) and recorded under the planner's name; after the screen's re-check interval
    /// the screen itself is signed out, the end is recorded, and a save from it is refused and recorded too.
    /// </summary>
    [Fact]
    public async Task APlannerWhoseRoleIsRemovedWhileAFormIsOpenCannotSaveAndEachRefusalIsAudited()
    {
        var principal = await PrincipalOfAsync(await SignedInClientAsync("revoked", AppRoles.Planner), "revoked");
        var services = factory.Services;
        int indicatorId;
        await using (var db = await services.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>().CreateDbContextAsync())
        {
            indicatorId = await db.Indicators.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
        }

        // The open screen, with its own re-check loop (every second here; 30 s in the app).
        using var screen = new RevalidatingAuthStateProvider(NullLoggerFactory.Instance, services.GetRequiredService<SessionValidator>(),
            new CircuitActivity(factory.Clock, new HttpContextAccessor()), Options.Create(new AuthOptions { RevalidationInterval = TimeSpan.FromSeconds(1) }),
            factory.Clock, services.GetRequiredService<Fifty.Ops.Infrastructure.Auditing.IAuditLog>(), services.GetRequiredService<SessionActivity>());
        screen.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        var commentary = services.GetRequiredService<IndicatorCommentaryService>();
        Assert.True((await commentary.SetCautionThresholdAsync(await CurrentUser.UserAsync(screen), indicatorId, 85m)).Succeeded);

        await using (var scope = services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserAdminService>().SetRolesAsync(await factory.AdminPrincipalAsync(), await factory.UserIdAsync("revoked"), [AppRoles.Director])).Succeeded);
        }

        var before = await factory.LastAuditIdAsync();
        var stale = await commentary.SetCautionThresholdAsync(await CurrentUser.UserAsync(screen), indicatorId, 86m);
        Assert.False(stale.Succeeded);
        Assert.Equal("저장하지 못했습니다: 역할이나 비밀번호가 바뀌었습니다. 다시 로그인하세요.", stale.Errors[""]);
        var refused = Assert.Single(await factory.AuditEntriesAsync(), e => e.Id > before);
        Assert.Equal((AuditKind.AccessDenied, "revoked"), (refused.Kind, refused.UserName));
        Assert.Contains("세션이 끝남: 역할이나 비밀번호가 바뀌었습니다", refused.Detail, StringComparison.Ordinal);

        // After the interval the screen has re-checked and signed itself out (waiting for that, not for a fixed time).
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await screen.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated == true && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.False((await screen.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
        var ended = Assert.Single(await factory.AuditEntriesAsync(), e => e.Id > refused.Id && e.Kind == AuditKind.SessionEnded);
        Assert.Equal(("revoked", "열린 화면: 역할이나 비밀번호가 바뀌었습니다"), (ended.UserName, ended.Detail));

        var afterInterval = await commentary.SetCautionThresholdAsync(await CurrentUser.UserAsync(screen), indicatorId, 87m);
        Assert.False(afterInterval.Succeeded);
        Assert.StartsWith("권한이 없습니다", afterInterval.Errors[""], StringComparison.Ordinal);
        var denied = Assert.Single(await factory.AuditEntriesAsync(), e => e.Id > ended.Id);
        Assert.Equal(AuditKind.AccessDenied, denied.Kind);

        await using var check = await services.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>().CreateDbContextAsync();
        Assert.Equal(0.85m, await check.Indicators.Where(i => i.Id == indicatorId).Select(i => i.CautionThreshold).SingleAsync());
    }

    /// <summary>Typing in a text box sends nothing over the circuit; session.js reports the key presses instead.</summary>
    [Fact]
    public async Task KeyPressesReportedByTheScreenKeepAnOpenScreensSessionAlive()
    {
        var client = await SignedInClientAsync("typist", AppRoles.Planner);
        var principal = await PrincipalOfAsync(client, "typist");
        var provider = NewCircuitProvider(out _);
        var state = new AuthenticationState(principal);

        factory.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync(new Uri("/account/session", UriKind.Relative))).StatusCode); // typing
        factory.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.True(await provider.ValidateAsync(state, default)); // 40 minutes without a circuit event, 20 since the last key press
        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.False(await provider.ValidateAsync(state, default)); // and idle after that
    }

    [Fact]
    public async Task TheSessionCheckNamesWhyASessionEnds()
    {
        var principal = await PrincipalOfAsync(await SignedInClientAsync("checked", AppRoles.Auditor), "checked");
        var validator = factory.Services.GetRequiredService<SessionValidator>();
        Assert.Equal(SessionState.Valid, (await validator.CheckAsync(principal)).State);
        Assert.Equal(SessionState.Anonymous, (await validator.CheckAsync(new ClaimsPrincipal(new ClaimsIdentity()))).State);
        Assert.Equal(SessionState.Expired, (await validator.CheckAsync(TestAccounts.Principal(AppRoles.Auditor))).State); // no sign-in time

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserAdminService>().SetDisabledAsync(await factory.AdminPrincipalAsync(), await factory.UserIdAsync("checked"), true)).Succeeded);
        }

        var disabled = await validator.CheckAsync(principal);
        Assert.Equal((SessionState.Disabled, "계정이 사용 중지되었습니다"), (disabled.State, disabled.Reason));
    }

    private RevalidatingAuthStateProvider NewCircuitProvider(out CircuitActivity activity)
    {
        var services = factory.Services;
        activity = new CircuitActivity(factory.Clock, new HttpContextAccessor());
        return new RevalidatingAuthStateProvider(NullLoggerFactory.Instance, services.GetRequiredService<SessionValidator>(), activity,
            services.GetRequiredService<IOptions<AuthOptions>>(), factory.Clock, services.GetRequiredService<Fifty.Ops.Infrastructure.Auditing.IAuditLog>(),
            services.GetRequiredService<SessionActivity>());
    }

    /// <summary>The principal the cookie carries, as the app builds it at sign-in.</summary>
    private async Task<ClaimsPrincipal> PrincipalOfAsync(HttpClient client, string userName)
    {
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Overview)).StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync((await users.FindByNameAsync(userName))!);
        ((ClaimsIdentity)principal.Identity!).AddClaim(FiftyOpsClaims.AuthTimeClaim(factory.Clock.GetUtcNow()));
        return principal;
    }

    private async Task<HttpClient> SignedInClientAsync(string userName, string role = AppRoles.Director)
    {
        _ = factory.Server;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<UserAdminService>()
                .CreateAsync(await factory.AdminPrincipalAsync(), new NewUserInput { UserName = userName, DisplayName = "세션 시험", Roles = [role] });
            Assert.True(created.Succeeded, string.Join(" ", created.Errors.Values));
            var client = factory.CreateAnonymousClient();
            Assert.Equal("/", (await AppFactory.SignInAsync(client, userName, created.IssuedPassword!)).Headers.Location!.OriginalString);
            return client;
        }
    }
}
