using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

using Fifty.Ops.Features.DataEntry;

namespace Fifty.Ops.Features.Admin;

public sealed record UserSummary(
    int Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, bool IsDisabled, DateTimeOffset? LockedUntil,
    DateTimeOffset? LastSignInAt, DateTimeOffset CreatedAt, bool IsDemo);

public sealed class NewUserInput
{
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public HashSet<string> Roles { get; set; } = [];
}

/// <summary>
/// Users and roles, for admins only: every method checks its caller (refusals are audited) and acts through
/// Identity's UserManager, so each change is one transaction with its audit entries. A change of roles, a disabled
/// account and a password reset all renew the security stamp, which ends the person's open sessions within the
/// revalidation interval. Nobody can lock the organisation out: the last enabled admin keeps the role and the account.
/// </summary>
public sealed partial class UserAdminService(
    UserManager<AppUser> users,
    IDbContextFactory<FiftyOpsDbContext> factory,
    AccessGuard guard,
    ActorAccessor actors,
    IAuditLog audit,
    TimeProvider clock,
    PeopleDirectory? people = null)
{
    public const int MaxDisplayNameLength = 50;

    /// <summary>Every account by user name, with roles, state and a lockout still running (past lockouts read as null).</summary>
    /// <returns>The users and null; or no users and the Korean refusal when <paramref name="admin"/> lacks CanAdminister (audited).</returns>
    public async Task<(IReadOnlyList<UserSummary> Users, string? Refusal)> ListAsync(ClaimsPrincipal admin, CancellationToken ct = default)
    {
        if (await guard.DemandAsync(admin, Policies.CanAdminister, "사용자 목록 열람", "User", "*", ct) is { } refusal) return ([], refusal);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Users.OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, RoleIds = db.UserRoles.Where(r => r.UserId == u.Id).Select(r => r.RoleId).ToList(), u.IsDisabled, u.LockoutEnd, u.LastSignInAt, u.CreatedAt, u.IsDemo })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        return (rows.Select(u => new UserSummary(
            u.Id, u.UserName, u.DisplayName,
            AppRoles.All.Where(r => u.RoleIds.Contains(r.Id)).Select(r => r.Name).ToList(),
            u.IsDisabled, u.LockoutEnd > now ? u.LockoutEnd : null, u.LastSignInAt, u.CreatedAt, u.IsDemo)).ToList(), null);
    }

    /// <summary>Creates an enabled account with a generated password (returned once as <c>IssuedPassword</c>, never stored in clear).</summary>
    /// <returns>Saved with a message and the password; or refused with errors keyed by <see cref="NewUserInput"/> property ("" for a role refusal).</returns>
    public async Task<WriteResult> CreateAsync(ClaimsPrincipal admin, NewUserInput input, CancellationToken ct = default)
    {
        if (await DemandAsync(admin, "사용자 추가", input.UserName, ct) is { } refusal) return refusal;
        ActAs(admin);
        var errors = new Dictionary<string, string>();
        var userName = input.UserName.Trim().ToLowerInvariant();
        var displayName = input.DisplayName.Trim();
        if (!UserNamePattern().IsMatch(userName))
            errors[nameof(NewUserInput.UserName)] = "아이디는 영문 소문자나 숫자로 시작하는 2~32자로, 영문 소문자·숫자·점(.)·밑줄(_)·하이픈(-)만 쓸 수 있습니다.";
        if (displayName.Length == 0) errors[nameof(NewUserInput.DisplayName)] = "이름을 입력하세요.";
        else if (displayName.Length > MaxDisplayNameLength) errors[nameof(NewUserInput.DisplayName)] = $"이름은 {MaxDisplayNameLength}자 이내로 입력하세요.";
        if (RoleIds(input.Roles) is not { Count: > 0 } roleIds) errors[nameof(NewUserInput.Roles)] = "역할을 하나 이상 고르세요.";
        else if (errors.Count == 0)
        {
            var user = new AppUser
            {
                UserName = userName,
                DisplayName = displayName,
                LockoutEnabled = true,
                CreatedAt = clock.GetUtcNow(),
                Roles = roleIds.Select(id => new AppUserRole { RoleId = id }).ToList(),
            };
            var password = PasswordGenerator.Generate();
            var result = await users.CreateAsync(user, password);
            // A new name shows at once wherever people are shown by name, not after the directory's minute.
            if (result.Succeeded) people?.Forget();
            if (result.Succeeded) return WriteResult.Ok($"{userName} 계정을 만들었습니다 ({AppRoles.Labels(input.Roles)}).") with { IssuedPassword = password };
            errors[result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidUserName))
                ? nameof(NewUserInput.UserName) : ""] = string.Join(" ", result.Errors.Select(e => e.Description));
        }

        return WriteResult.Invalid(errors);
    }

    /// <summary>Replaces the account's roles (at least one) and ends its sessions; the last enabled 시스템관리자, and an admin's own admin role, are kept.</summary>
    /// <returns>Saved with a message (also when the roles were already those); refused under "Roles" or "" otherwise.</returns>
    public async Task<WriteResult> SetRolesAsync(ClaimsPrincipal admin, int userId, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        if (await DemandAsync(admin, "역할 변경", userId, ct) is { } refusal) return refusal;
        ActAs(admin);
        if (await users.FindByIdAsync(Id(userId)) is not { } user) return NotFound();
        if (RoleIds(roles) is not { Count: > 0 } roleIds) return WriteResult.Fail("Roles", "역할을 하나 이상 고르세요. 계정을 쓰지 못하게 하려면 ‘사용 중지’를 쓰세요.");
        var adminRole = AppRoles.ByName(AppRoles.Admin)!.Id;
        if (user.Roles.Any(r => r.RoleId == adminRole) && !roleIds.Contains(adminRole))
        {
            if (IsSelf(admin, user)) return WriteResult.Fail("Roles", "자기 계정의 시스템관리자 역할은 뺄 수 없습니다. 다른 관리자에게 요청하세요.");
            if (!await AnotherEnabledAdminAsync(user.Id, ct)) return WriteResult.Fail("Roles", "마지막 시스템관리자의 역할은 뺄 수 없습니다. 먼저 다른 관리자를 만드세요.");
        }

        if (user.Roles.Select(r => r.RoleId).ToHashSet().SetEquals(roleIds)) return WriteResult.Ok($"{user.UserName}의 역할은 그대로입니다.");
        user.Roles = roleIds.Select(id => new AppUserRole { UserId = user.Id, RoleId = id }).ToList();
        // One save: the roles, the new stamp (ends open sessions) and the audit entry.
        return Outcome(await users.UpdateSecurityStampAsync(user), $"{user.UserName}의 역할을 {AppRoles.Labels(roles)}(으)로 바꿨습니다. 열린 화면은 곧 다시 로그인해야 합니다.");
    }

    /// <summary>Disables (ending its sessions) or re-enables an account; one's own account and the last enabled 시스템관리자 cannot be disabled.</summary>
    public async Task<WriteResult> SetDisabledAsync(ClaimsPrincipal admin, int userId, bool disabled, CancellationToken ct = default)
    {
        if (await DemandAsync(admin, disabled ? "사용 중지" : "사용 재개", userId, ct) is { } refusal) return refusal;
        ActAs(admin);
        if (await users.FindByIdAsync(Id(userId)) is not { } user) return NotFound();
        if (user.IsDisabled == disabled) return WriteResult.Ok($"{user.UserName}은(는) 이미 {(disabled ? "사용 중지" : "사용 중")} 상태입니다.");
        if (disabled && IsSelf(admin, user)) return WriteResult.Fail("", "자기 계정은 사용 중지할 수 없습니다.");
        if (disabled && user.Roles.Any(r => r.RoleId == AppRoles.ByName(AppRoles.Admin)!.Id) && !await AnotherEnabledAdminAsync(user.Id, ct))
            return WriteResult.Fail("", "마지막 시스템관리자는 사용 중지할 수 없습니다. 먼저 다른 관리자를 만드세요.");
        user.IsDisabled = disabled;
        return Outcome(await users.UpdateSecurityStampAsync(user),
            disabled ? $"{user.UserName} 계정을 사용 중지했습니다. 열린 화면도 곧 로그아웃됩니다." : $"{user.UserName} 계정을 다시 쓸 수 있게 했습니다.");
    }

    /// <summary>Issues a new password (shown once), lifts a lockout and ends the person's sessions.</summary>
    public async Task<WriteResult> ResetPasswordAsync(ClaimsPrincipal admin, int userId, CancellationToken ct = default)
    {
        if (await DemandAsync(admin, "비밀번호 초기화", userId, ct) is { } refusal) return refusal;
        ActAs(admin);
        if (await users.FindByIdAsync(Id(userId)) is not { } user) return NotFound();
        var password = PasswordGenerator.Generate();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var result = await users.ResetPasswordAsync(user, token, password);
        return result.Succeeded
            ? WriteResult.Ok($"{user.UserName}의 비밀번호를 초기화했습니다. 새 비밀번호를 본인에게 안전하게 전달하세요.") with { IssuedPassword = password }
            : Outcome(result, "");
    }

    /// <summary>Lifts a sign-in lockout (too many failed passwords) and resets the failure count.</summary>
    public async Task<WriteResult> UnlockAsync(ClaimsPrincipal admin, int userId, CancellationToken ct = default)
    {
        if (await DemandAsync(admin, "잠금 해제", userId, ct) is { } refusal) return refusal;
        ActAs(admin);
        if (await users.FindByIdAsync(Id(userId)) is not { } user) return NotFound();
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded) return Outcome(result, "");
        // Lockout bookkeeping is not audited field by field; the admin's action is.
        await audit.RecordAsync(admin, new AuditRecord(AuditKind.Account, "User", user.UserName, "LockoutEnd", Detail: "잠금 해제"), ct);
        return WriteResult.Ok($"{user.UserName}의 잠금을 풀었습니다.");
    }

    private Task<WriteResult?> DemandAsync(ClaimsPrincipal admin, string action, object target, CancellationToken ct) =>
        guard.RefuseAsync(admin, Policies.CanAdminister, action, "User", Convert.ToString(target, CultureInfo.InvariantCulture) ?? "", ct);

    /// <summary>
    /// Makes the admin the actor of the data changes saved through Identity's store for the rest of the calling method
    /// (the store has no user of its own). Synchronous on purpose: an async local set here flows back to the caller.
    /// </summary>
    private void ActAs(ClaimsPrincipal admin) => actors.Set(actors.For(admin));

    private async Task<bool> AnotherEnabledAdminAsync(int exceptUserId, CancellationToken ct)
    {
        var adminRole = AppRoles.ByName(AppRoles.Admin)!.Id;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Users.AnyAsync(u => u.Id != exceptUserId && !u.IsDisabled && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == adminRole), ct);
    }

    private static List<int>? RoleIds(IEnumerable<string> names)
    {
        var roles = names.Select(AppRoles.ByName).ToList();
        return roles.Any(r => r is null) ? null : roles.Select(r => r!.Id).Distinct().Order().ToList();
    }

    private static bool IsSelf(ClaimsPrincipal admin, AppUser user) => admin.FindFirstValue(ClaimTypes.NameIdentifier) == Id(user.Id);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static WriteResult NotFound() => WriteResult.Fail("", "사용자를 찾을 수 없습니다. 목록을 새로 불러오세요.");

    private static WriteResult Outcome(IdentityResult result, string message) =>
        result.Succeeded ? WriteResult.Ok(message) : WriteResult.Fail("", string.Join(" ", result.Errors.Select(e => e.Description)));

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,31}$")]
    private static partial Regex UserNamePattern();
}
