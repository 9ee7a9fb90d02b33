using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Fifty.Ops.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Fifty.Ops.Infrastructure.Security;

/// <summary>Claims this app adds to the Identity principal.</summary>
public static class FiftyOpsClaims
{
    public const string DisplayName = "fifty:display_name";

    /// <summary>When the person signed in (Unix seconds); kept across cookie renewals, so the absolute lifetime holds.</summary>
    public const string AuthTime = "fifty:auth_time";

    public static string DisplayNameOf(ClaimsPrincipal user) => user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";

    public static DateTimeOffset? AuthTimeOf(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(AuthTime), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    public static Claim AuthTimeClaim(DateTimeOffset at) =>
        new(AuthTime, at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64);
}

/// <summary>Adds the display name; roles and the security stamp come from Identity's factory.</summary>
public sealed class ClaimsFactory(UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(FiftyOpsClaims.DisplayName, user.DisplayName));
        return identity;
    }
}

/// <summary>A disabled account cannot sign in, whatever its password.</summary>
public sealed class FiftyOpsSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) => !user.IsDisabled && await base.CanSignInAsync(user);
}

/// <summary>
/// Keeps a cheap flood from locking accounts (decision record 0009). Two layers of the framework's rate limiting sit in
/// front of Identity's per-account lockout (<see cref="AuthOptions.MaxFailedAttempts"/> failures → locked for
/// <see cref="AuthOptions.LockoutDuration"/>):
/// <list type="bullet">
/// <item>the sign-in POST is limited per client address (<see cref="AuthOptions.SignInRequestsPerMinute"/>), which
/// bounds guessing speed and hashing work;</item>
/// <item>here, one client address gets at most <see cref="FailuresPerClientAndAccount"/> failed attempts per account name
/// within the lockout window — one fewer than the lockout needs — so a single client can never lock an account, its
/// own or someone else's. Further attempts from that address for that name are refused unchecked, with the same answer
/// whether or not the name exists.</item>
/// </list>
/// Several addresses together can still reach the lockout: that residual risk (a distributed attacker) is accepted and
/// documented; an administrator can unlock, and the audit trail shows the addresses.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const string Policy = "sign-in";
    public const int FailuresPerClientAndAccount = AuthOptions.MaxFailedAttempts - 1;

    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = FailuresPerClientAndAccount,
            Window = AuthOptions.LockoutDuration,
            SegmentsPerWindow = 15,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Whether <paramref name="client"/> has used up its failed attempts for <paramref name="userName"/> (existing or not).</summary>
    public bool IsBlocked(string? client, string userName) => _failures.GetStatistics(Key(client, userName))?.CurrentAvailablePermits <= 0;

    /// <summary>Counts one failed attempt (unknown name, wrong password) of <paramref name="client"/> for <paramref name="userName"/>.</summary>
    public void RecordFailure(string? client, string userName)
    {
        using var lease = _failures.AttemptAcquire(Key(client, userName));
    }

    public void Dispose() => _failures.Dispose();

    private static string Key(string? client, string userName) => $"{client ?? "?"}|{userName}";
}

public static class SignInThrottling
{
    /// <summary>The per-client limit on sign-in posts (a named policy the endpoint opts into) and the per-account failure limiter.</summary>
    public static IServiceCollection AddSignInThrottling(this IServiceCollection services)
    {
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(SignInThrottle.Policy, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.SignInRequestsPerMinute;
                return RateLimitPartition.GetSlidingWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "?", _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, perMinute),
                    Window = TimeSpan.FromMinutes(1),
                    SegmentsPerWindow = 6,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            // A person at a browser gets the sign-in page with a Korean message; tools see the redirect.
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status302Found;
                context.HttpContext.Response.Headers.Location = "/account/login?error=throttled";
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }
}
