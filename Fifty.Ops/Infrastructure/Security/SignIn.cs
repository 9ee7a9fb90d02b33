using System.Globalization;
using System.Security.Claims;
using Fifty.Ops.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
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
