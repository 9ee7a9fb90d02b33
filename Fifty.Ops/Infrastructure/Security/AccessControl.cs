using System.Security.Claims;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Account;
using Fifty.Ops.Infrastructure.Auditing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fifty.Ops.Infrastructure.Security;

/// <summary>
/// The check a service makes before it writes: the same policy table as pages and endpoints, a Korean refusal naming
/// who may do it, and an audit entry for every refusal. A signed-in principal's session is checked against the database
/// too (<see cref="SessionValidator"/>: disabled, roles or password changed, past its lifetime), so a form left open
/// by someone whose role was just removed cannot save even before its screen's next re-check; the refusal names them.
/// </summary>
public sealed class AccessGuard(IAuditLog audit, SessionValidator? sessions = null)
{
    private static readonly string StampClaim = new Microsoft.AspNetCore.Identity.ClaimsIdentityOptions().SecurityStampClaimType;

    /// <summary>Null when <paramref name="user"/> holds <paramref name="policy"/>; otherwise the refusal, already recorded.</summary>
    public async Task<string?> DemandAsync(ClaimsPrincipal user, string policy, string action, string objectType, string objectId, CancellationToken ct = default)
    {
        if (!user.Allows(policy))
        {
            await audit.RecordAccessDeniedAsync(user, objectType, objectId,
                $"{action} 거부 · 필요한 역할: {Policies.Holders(policy)} · 보유 역할: {HeldRoles(user)}", ct);
            return Policies.Refusal(policy, action);
        }

        // Principals the sign-in made carry the account's security stamp; it must still be the stored one.
        if (sessions is not null && user.HasClaim(c => c.Type == StampClaim) && await sessions.CheckAsync(user, ct) is { IsValid: false } check)
        {
            await audit.RecordAccessDeniedAsync(user, objectType, objectId, $"{action} 거부 · 세션이 끝남: {check.Reason}", ct);
            return $"저장하지 못했습니다: {check.Reason}. 다시 로그인하세요.";
        }

        return null;
    }

    internal static string HeldRoles(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return "없음 (로그인 안 함)";
        var held = AppRoles.Labels(AppRoles.All.Where(r => user.IsInRole(r.Name)).Select(r => r.Name));
        return held.Length == 0 ? "없음" : held;
    }
}

/// <summary>
/// What happens when the authorization middleware says no. A page for someone signed in gets a 403 page; a download or
/// other endpoint gets a 401/403 with a Korean sentence (the download script shows it); a page for someone not signed
/// in goes to the sign-in page. Refusals of signed-in users and of anonymous calls to endpoints are audited; an
/// anonymous visit to a page is not (it is how everyone arrives at the sign-in page).
/// </summary>
public sealed class AuditingAuthorizationResultHandler(IAuditLog audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    /// <summary>Passes an allowed request on; otherwise answers as the class describes (403 page, Korean 401/403 text, or the sign-in page) and audits the refusal.</summary>
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await next(context);
            return;
        }

        var endpoint = context.GetEndpoint();
        // A page, or an address that matches nothing (a typo, an old bookmark): someone signed out goes to the sign-in page.
        var isPage = endpoint?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
            || (endpoint is null && HttpMethods.IsGet(context.Request.Method));
        if (authorizeResult.Challenged && isPage)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var required = RequiredRoles(policy);
        var target = context.Request.Path.Value ?? "/";
        await audit.RecordAccessDeniedAsync(context.User, "Url", target,
            $"{context.Request.Method} 거부 · 필요한 역할: {required} · 보유 역할: {AccessGuard.HeldRoles(context.User)}", context.RequestAborted);

        if (authorizeResult.Challenged)
        {
            await Results.Text("로그인이 필요합니다. 로그인한 뒤 다시 시도하세요.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            return;
        }

        if (isPage)
        {
            await new RazorComponentResult<ForbiddenPage>(new { Required = required, Path = target }) { StatusCode = StatusCodes.Status403Forbidden }
                .ExecuteAsync(context);
            return;
        }

        await Results.Text($"권한이 없습니다: 필요한 역할은 {required}입니다.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
    }

    private static string RequiredRoles(AuthorizationPolicy policy)
    {
        var roles = policy.Requirements.OfType<RolesAuthorizationRequirement>().Select(r => r.AllowedRoles.ToHashSet()).ToList();
        if (roles.Count == 0) return "로그인한 사용자";
        // Several policies apply together (the page's and the fallback): a person needs one role of each.
        var strictest = roles.OrderBy(r => r.Count).First();
        return AppRoles.Labels(strictest);
    }
}

/// <summary>
/// Security headers on every response. The CSP suits Blazor Server: no inline script, no eval; <c>connect-src 'self'</c>
/// covers the circuit's WebSocket (CSP Level 3 matches ws:/wss: to the page's own host), and no other host.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>Sets the CSP and the other security headers on the response, then passes on.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        // The reports page shows the printable report in a frame of its own origin; no other site may frame the app.
        headers.XFrameOptions = "SAMEORIGIN";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    }
}

/// <summary>Makes the signed-in user and the client address of an HTTP request known to the audit trail.</summary>
public sealed class ActorMiddleware(RequestDelegate next)
{
    /// <summary>Sets the request's audit actor (user and client address) before the rest of the pipeline runs.</summary>
    public Task InvokeAsync(HttpContext context, ActorAccessor actors)
    {
        actors.Set(AuditActor.From(context.User, context.Connection.RemoteIpAddress?.ToString()));
        return next(context);
    }
}
