using System.Globalization;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure.Auditing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Infrastructure.Security;

/// <summary>
/// The user store ASP.NET Core Identity works through, over the app's own context (STACK.md: the EF Identity stores do
/// not restore here). Identity changes the user object in memory and then calls <see cref="UpdateAsync"/>; that is the
/// only write, one transaction per call with an optimistic concurrency check, so role changes, the new security stamp
/// and their audit entries are saved together. Users are never deleted (the audit trail points at them).
/// </summary>
public sealed class UserStore(IDbContextFactory<FiftyOpsDbContext> factory) :
    IUserPasswordStore<AppUser>,
    IUserSecurityStampStore<AppUser>,
    IUserLockoutStore<AppUser>,
    IUserRoleStore<AppUser>
{
    public async Task<IdentityResult> CreateAsync(AppUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        db.Users.Add(user);
        if (user.Roles.Count > 0) db.AddAuditNote(RolesChange(user.UserName, [], user.Roles));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two admins creating the same name at once: the unique index decides, and the loser gets the usual message.
            if (!await NameTakenAsync(user.NormalizedUserName, cancellationToken)) throw;
            return IdentityResult.Failed(new KoreanIdentityErrorDescriber().DuplicateUserName(user.UserName));
        }

        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(AppUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await db.Users.AsTracking().Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == user.Id, cancellationToken);
        if (stored is null || stored.ConcurrencyStamp != user.ConcurrencyStamp)
            return IdentityResult.Failed(new KoreanIdentityErrorDescriber().ConcurrencyFailure());

        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        db.Entry(stored).CurrentValues.SetValues(user);

        var before = stored.Roles.Select(r => r.RoleId).ToHashSet();
        var after = user.Roles.Select(r => r.RoleId).ToHashSet();
        if (!before.SetEquals(after))
        {
            db.AddAuditNote(RolesChange(stored.UserName, stored.Roles, user.Roles));
            stored.Roles.RemoveAll(r => !after.Contains(r.RoleId));
            stored.Roles.AddRange(after.Where(id => !before.Contains(id)).Select(id => new AppUserRole { UserId = stored.Id, RoleId = id }));
        }

        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return IdentityResult.Success;
    }

    public Task<IdentityResult> DeleteAsync(AppUser user, CancellationToken cancellationToken) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "NoDelete", Description = "사용자는 삭제하지 않고 사용 중지합니다." }));

    public async Task<AppUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        if (!int.TryParse(userId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Include(u => u.Roles).FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
    }

    public async Task<AppUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Include(u => u.Roles).FirstOrDefaultAsync(u => u.NormalizedUserName == normalizedUserName, cancellationToken);
    }

    public Task<string> GetUserIdAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.Id.ToString(CultureInfo.InvariantCulture));

    public Task<string?> GetUserNameAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.UserName);

    public Task SetUserNameAsync(AppUser user, string? userName, CancellationToken cancellationToken)
    {
        user.UserName = userName ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.NormalizedUserName);

    public Task SetNormalizedUserNameAsync(AppUser user, string? normalizedName, CancellationToken cancellationToken)
    {
        user.NormalizedUserName = normalizedName ?? "";
        return Task.CompletedTask;
    }

    public Task SetPasswordHashAsync(AppUser user, string? passwordHash, CancellationToken cancellationToken)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    public Task SetSecurityStampAsync(AppUser user, string stamp, CancellationToken cancellationToken)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);

    public Task SetLockoutEndDateAsync(AppUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        user.LockoutEnd = lockoutEnd;
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(++user.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken)
    {
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnabled);

    public Task SetLockoutEnabledAsync(AppUser user, bool enabled, CancellationToken cancellationToken)
    {
        user.LockoutEnabled = enabled;
        return Task.CompletedTask;
    }

    public Task AddToRoleAsync(AppUser user, string roleName, CancellationToken cancellationToken)
    {
        var role = AppRoles.ByName(roleName) ?? throw new InvalidOperationException($"Unknown role '{roleName}'.");
        if (user.Roles.All(r => r.RoleId != role.Id)) user.Roles.Add(new AppUserRole { UserId = user.Id, RoleId = role.Id });
        return Task.CompletedTask;
    }

    public Task RemoveFromRoleAsync(AppUser user, string roleName, CancellationToken cancellationToken)
    {
        if (AppRoles.ByName(roleName) is { } role) user.Roles.RemoveAll(r => r.RoleId == role.Id);
        return Task.CompletedTask;
    }

    public Task<IList<string>> GetRolesAsync(AppUser user, CancellationToken cancellationToken) =>
        Task.FromResult<IList<string>>(RoleNames(user.Roles).ToList());

    public Task<bool> IsInRoleAsync(AppUser user, string roleName, CancellationToken cancellationToken) =>
        Task.FromResult(AppRoles.ByName(roleName) is { } role && user.Roles.Any(r => r.RoleId == role.Id));

    public async Task<IList<AppUser>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        if (AppRoles.ByName(roleName) is not { } role) return [];
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Include(u => u.Roles).Where(u => u.Roles.Any(r => r.RoleId == role.Id)).ToListAsync(cancellationToken);
    }

    public void Dispose()
    {
    }

    private static IEnumerable<string> RoleNames(IEnumerable<AppUserRole> roles) =>
        AppRoles.All.Where(r => roles.Any(x => x.RoleId == r.Id)).Select(r => r.Name);

    private static AuditRecord RolesChange(string userName, IEnumerable<AppUserRole> before, IEnumerable<AppUserRole> after) =>
        new(AuditKind.Account, "User", userName, "Roles", string.Join(", ", RoleNames(before)), string.Join(", ", RoleNames(after)), "역할 변경");

    private async Task<bool> NameTakenAsync(string normalizedUserName, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Users.AnyAsync(u => u.NormalizedUserName == normalizedUserName, ct);
    }
}

/// <summary>The fixed roles, read from code; creating or changing roles is not a feature.</summary>
public sealed class RoleStore : IRoleStore<AppRole>
{
    private static IdentityResult Fixed() =>
        IdentityResult.Failed(new IdentityError { Code = "FixedRoles", Description = "역할은 고정되어 있어 만들거나 바꿀 수 없습니다." });

    public Task<IdentityResult> CreateAsync(AppRole role, CancellationToken cancellationToken) => Task.FromResult(Fixed());

    public Task<IdentityResult> UpdateAsync(AppRole role, CancellationToken cancellationToken) => Task.FromResult(Fixed());

    public Task<IdentityResult> DeleteAsync(AppRole role, CancellationToken cancellationToken) => Task.FromResult(Fixed());

    public Task<string> GetRoleIdAsync(AppRole role, CancellationToken cancellationToken) => Task.FromResult(role.Id.ToString(CultureInfo.InvariantCulture));

    public Task<string?> GetRoleNameAsync(AppRole role, CancellationToken cancellationToken) => Task.FromResult<string?>(role.Name);

    public Task SetRoleNameAsync(AppRole role, string? roleName, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<string?> GetNormalizedRoleNameAsync(AppRole role, CancellationToken cancellationToken) => Task.FromResult<string?>(role.NormalizedName);

    public Task SetNormalizedRoleNameAsync(AppRole role, string? normalizedName, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<AppRole?> FindByIdAsync(string roleId, CancellationToken cancellationToken) =>
        Task.FromResult(int.TryParse(roleId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? AppRoles.ById(id) : null);

    public Task<AppRole?> FindByNameAsync(string normalizedRoleName, CancellationToken cancellationToken) =>
        Task.FromResult(AppRoles.All.FirstOrDefault(r => r.NormalizedName == normalizedRoleName));

    public void Dispose()
    {
    }
}
