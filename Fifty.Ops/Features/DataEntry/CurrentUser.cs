using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Fifty.Ops.Features.DataEntry;

public static class CurrentUser
{
    /// <summary>The user of the page's request or circuit, handed to every write service.</summary>
    public static async Task<ClaimsPrincipal> UserAsync(this AuthenticationStateProvider provider) =>
        (await provider.GetAuthenticationStateAsync()).User;
}
