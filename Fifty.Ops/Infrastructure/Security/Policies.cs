using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Fifty.Ops.Infrastructure.Security;

/// <summary>
/// What each role may do, in one place. Pages and endpoints name a policy; services ask <see cref="Allows"/> with the
/// same table, so the screen, the endpoint and the service cannot disagree.
/// </summary>
public static class Policies
{
    /// <summary>Every page and figure. Also the fallback policy: anything without its own policy needs it.</summary>
    public const string CanRead = nameof(CanRead);
    /// <summary>Edit figures and narratives of open periods, import, change indicator thresholds.</summary>
    public const string CanEditFigures = nameof(CanEditFigures);
    /// <summary>Write 원인 분석 / 조치 계획 on indicators.</summary>
    public const string CanComment = nameof(CanComment);
    /// <summary>Read the audit trail and download it.</summary>
    public const string CanAudit = nameof(CanAudit);
    /// <summary>Users, roles, periods, backups.</summary>
    public const string CanAdminister = nameof(CanAdminister);
    /// <summary>Download every sheet and report.</summary>
    public const string CanDownload = nameof(CanDownload);
    /// <summary>
    /// Set up a fiscal year's structure (roll-over from the previous year) and retire (일몰) items: planners, who edit
    /// the year's figures, and administrators, who open and close its periods (CanEditFigures ∪ CanAdminister).
    /// </summary>
    public const string CanSetUpYear = nameof(CanSetUpYear);

    public static readonly IReadOnlyDictionary<string, string[]> RolesFor = new Dictionary<string, string[]>
    {
        [CanRead] = [AppRoles.Admin, AppRoles.Planner, AppRoles.Director, AppRoles.Auditor],
        [CanEditFigures] = [AppRoles.Planner],
        [CanComment] = [AppRoles.Planner, AppRoles.Director],
        [CanAudit] = [AppRoles.Auditor, AppRoles.Admin],
        [CanAdminister] = [AppRoles.Admin],
        [CanDownload] = [AppRoles.Admin, AppRoles.Planner, AppRoles.Director, AppRoles.Auditor],
        [CanSetUpYear] = [AppRoles.Admin, AppRoles.Planner],
    };

    public static bool Allows(this ClaimsPrincipal? user, string policy) =>
        user?.Identity?.IsAuthenticated == true && RolesFor[policy].Any(user.IsInRole);

    /// <summary>"기획담당·간부": who holds a policy, for refusal messages.</summary>
    public static string Holders(string policy) => AppRoles.Labels(RolesFor[policy]);

    /// <summary>The Korean refusal a service returns: names what was attempted and who may do it.</summary>
    public static string Refusal(string policy, string action) => $"권한이 없습니다: {action} 권한은 {Holders(policy)}에게만 있습니다.";

    public static void AddFiftyOpsPolicies(this AuthorizationOptions options)
    {
        foreach (var (name, roles) in RolesFor)
        {
            options.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }

        // Pages and endpoints added later are protected without edits: no policy of their own means CanRead.
        options.FallbackPolicy = options.GetPolicy(CanRead);
    }
}
