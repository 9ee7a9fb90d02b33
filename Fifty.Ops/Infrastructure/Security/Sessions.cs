using System.Globalization;
using System.Security.Claims;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure.Auditing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fifty.Ops.Infrastructure.Security;

public enum SessionState { Valid, Anonymous, Expired, Idle, Disabled, Revoked }

public sealed record SessionCheck(SessionState State, string Reason)
{
    public static readonly SessionCheck Valid = new(SessionState.Valid, "");
    public static readonly SessionCheck Anonymous = new(SessionState.Anonymous, "");

    public bool IsValid => State == SessionState.Valid;
}

/// <summary>
/// Whether a signed-in principal may go on: within the absolute lifetime, the account still enabled and its security
/// stamp unchanged (roles, password and the disabled flag all renew the stamp). Asked on every authenticated HTTP
/// request (cookie validation) and by every open circuit at the revalidation interval — one primary-key read.
/// </summary>
public sealed class SessionValidator(IDbContextFactory<FiftyOpsDbContext> factory, IOptionsMonitor<AuthOptions> options, TimeProvider clock)
{
    private static readonly string StampClaim = new ClaimsIdentityOptions().SecurityStampClaimType;

    /// <summary>Checks <paramref name="user"/> against the stored account: <see cref="SessionCheck.Anonymous"/> when not signed in, invalid with a Korean reason when past the absolute lifetime, disabled, or its stamp changed.</summary>
    public async Task<SessionCheck> CheckAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.Identity?.IsAuthenticated != true) return SessionCheck.Anonymous;
        var lifetime = options.CurrentValue.AbsoluteLifetime;
        if (FiftyOpsClaims.AuthTimeOf(user) is not { } signedInAt || clock.GetUtcNow() - signedInAt >= lifetime)
            return new SessionCheck(SessionState.Expired, $"로그인한 지 {Hours(lifetime)}이 지났습니다");
        if (!int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return new SessionCheck(SessionState.Revoked, "계정 정보가 없습니다");

        await using var db = await factory.CreateDbContextAsync(ct);
        var account = await db.Users.Where(u => u.Id == id).Select(u => new { u.IsDisabled, u.SecurityStamp }).FirstOrDefaultAsync(ct);
        if (account is null) return new SessionCheck(SessionState.Revoked, "계정이 없습니다");
        if (account.IsDisabled) return new SessionCheck(SessionState.Disabled, "계정이 사용 중지되었습니다");
        if (account.SecurityStamp != user.FindFirstValue(StampClaim))
            return new SessionCheck(SessionState.Revoked, "역할이나 비밀번호가 바뀌었습니다");
        return SessionCheck.Valid;
    }

    internal static string Hours(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours:0.#}시간" : span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#}분" : $"{span.TotalSeconds:0.#}초";
}

/// <summary>The cookie's side of sessions: when the sign-in happened, and the check on every request.</summary>
public static class SessionCookie
{
    public const string Name = "FiftyOps.Auth";
    private const string AuthTimeItem = "fifty.auth_time";

    /// <summary>
    /// Stamps the sign-in time into the ticket's properties (which survive sliding renewal and
    /// <c>RefreshSignInAsync</c>) and into a claim (which open circuits can read).
    /// </summary>
    public static Task OnSigningIn(CookieSigningInContext context)
    {
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if (!context.Properties.Items.TryGetValue(AuthTimeItem, out var stored) || !long.TryParse(stored, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            seconds = clock.GetUtcNow().ToUnixTimeSeconds();
            context.Properties.Items[AuthTimeItem] = seconds.ToString(CultureInfo.InvariantCulture);
        }

        var identity = (ClaimsIdentity)context.Principal!.Identity!;
        foreach (var stale in identity.FindAll(FiftyOpsClaims.AuthTime).ToList()) identity.RemoveClaim(stale);
        identity.AddClaim(FiftyOpsClaims.AuthTimeClaim(DateTimeOffset.FromUnixTimeSeconds(seconds)));
        return Task.CompletedTask;
    }

    /// <summary>The cookie handler's check on every request: a session that <see cref="SessionValidator.CheckAsync"/> finds invalid is rejected and signed out, and the reason audited.</summary>
    public static async Task OnValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var check = await services.GetRequiredService<SessionValidator>().CheckAsync(context.Principal!, context.HttpContext.RequestAborted);
        if (check.IsValid) return;

        var user = context.Principal;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        // Static files are requested in parallel with the page; the page's request records the end once.
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null)
        {
            var actor = AuditActor.From(user, context.HttpContext.Connection.RemoteIpAddress?.ToString());
            await services.GetRequiredService<IAuditLog>().RecordAsync(actor, new AuditRecord(AuditKind.SessionEnded, "Session", Detail: check.Reason), context.HttpContext.RequestAborted);
        }
    }
}

/// <summary>
/// When a signed-in session last showed activity outside its circuit: key presses and clicks reported by session.js to
/// <c>/account/session</c>. Typing in a text box sends nothing over the circuit until the box loses focus, so without
/// this a long 원인 분석 typed in one go looked idle and the circuit ended the session mid-sentence. Keyed by user and
/// sign-in time (one sign-in = one session); in memory, because an idle timeout does not outlive the process anyway.
/// </summary>
public sealed class SessionActivity(TimeProvider clock)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _last = new(StringComparer.Ordinal);

    public void Touch(ClaimsPrincipal user)
    {
        if (KeyOf(user) is not { } key) return;
        var now = clock.GetUtcNow();
        _last[key] = now;
        if (_last.Count > 10_000) // forget sessions that are over by any measure
        {
            foreach (var stale in _last.Where(e => now - e.Value > TimeSpan.FromDays(1)).Select(e => e.Key).ToList()) _last.TryRemove(stale, out _);
        }
    }

    public DateTimeOffset? LastOf(ClaimsPrincipal user) => KeyOf(user) is { } key && _last.TryGetValue(key, out var at) ? at : null;

    private static string? KeyOf(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && FiftyOpsClaims.AuthTimeOf(user) is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"{id}:{at.ToUnixTimeSeconds()}")
            : null;
}

/// <summary>When the person last did something in this circuit, and from where.</summary>
public sealed class CircuitActivity(TimeProvider clock, IHttpContextAccessor http)
{
    public DateTimeOffset LastActivity { get; private set; } = clock.GetUtcNow();

    public string? IpAddress { get; private set; } = http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public void Touch() => LastActivity = clock.GetUtcNow();

    public void Reconnected() => IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? IpAddress;
}

/// <summary>
/// Tells the audit trail who is acting in a circuit (each inbound event: clicks, form submits, navigation) and counts
/// those events as activity for the idle timeout.
/// </summary>
public sealed class ActorCircuitHandler(AuthenticationStateProvider authentication, ActorAccessor actors, CircuitActivity activity) : CircuitHandler
{
    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        activity.Reconnected();
        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            activity.Touch();
            var state = await authentication.GetAuthenticationStateAsync();
            actors.Set(AuditActor.From(state.User, activity.IpAddress));
            await next(context);
        };
}

/// <summary>
/// An open screen re-checks its user at <see cref="AuthOptions.RevalidationInterval"/> (≤ 60 s): a disabled user, a
/// changed role or password, an expired or idle session turns the circuit anonymous, and the router sends the person
/// to the sign-in page.
/// </summary>
public sealed class RevalidatingAuthStateProvider(
    ILoggerFactory loggerFactory,
    SessionValidator validator,
    CircuitActivity activity,
    IOptions<AuthOptions> options,
    TimeProvider clock,
    IAuditLog audit,
    SessionActivity sessionActivity) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(60);

    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval < MaxInterval ? options.Value.RevalidationInterval : MaxInterval;

    internal TimeSpan Interval => RevalidationInterval;

    internal Task<bool> ValidateAsync(AuthenticationState state, CancellationToken ct) => ValidateAuthenticationStateAsync(state, ct);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        var check = await validator.CheckAsync(user, cancellationToken);
        // The later of the circuit's own events and the key presses session.js reported for this session.
        var last = sessionActivity.LastOf(user) is { } typed && typed > activity.LastActivity ? typed : activity.LastActivity;
        if (check.IsValid && clock.GetUtcNow() - last >= options.Value.IdleTimeout)
            check = new SessionCheck(SessionState.Idle, $"{SessionValidator.Hours(options.Value.IdleTimeout)} 동안 사용하지 않았습니다");
        if (check.State is SessionState.Valid or SessionState.Anonymous) return true;

        await audit.RecordAsync(AuditActor.From(user, activity.IpAddress), new AuditRecord(AuditKind.SessionEnded, "Session", Detail: "열린 화면: " + check.Reason), cancellationToken);
        return false;
    }
}
