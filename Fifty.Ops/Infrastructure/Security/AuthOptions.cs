using System.Security.Cryptography;

namespace Fifty.Ops.Infrastructure.Security;

/// <summary>The "Auth" configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Password of the <c>admin</c> account created at the first start; when empty one is generated and printed once.</summary>
    public string? InitialAdminPassword { get; set; }

    /// <summary>A session with no request and no user action for this long ends (sliding).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in, however active.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often an open screen (Blazor circuit) re-checks its user: disabled, roles changed, expired. At most 60 s.</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Sign-in form posts one client address may make per minute (the framework's rate limiter, sliding window); more
    /// are answered "too many attempts" without checking anything. Sized for an office behind one NAT address.
    /// </summary>
    public int SignInRequestsPerMinute { get; set; } = 30;

    public const int MinPasswordLength = 12;
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
}

/// <summary>Passwords the app hands out (initial admin, new users, resets): 16 random letters and digits in four groups.</summary>
public static class PasswordGenerator
{
    // No 0/O, 1/l/I: these are read off a screen and typed.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string Generate()
    {
        var chars = RandomNumberGenerator.GetItems<char>(Alphabet, 16);
        return string.Join("-", Enumerable.Range(0, 4).Select(i => new string(chars, i * 4, 4)));
    }
}
