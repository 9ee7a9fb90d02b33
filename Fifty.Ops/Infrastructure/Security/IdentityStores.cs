using System.Globalization;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure.Auditing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Infrastructure.Security;

/// <summary>
/// ASP.NET Core Identity's EF Core user store over the app's context, with what the app adds to it:
/// <list type="bullet">
/// <item>Every lookup reads the database afresh (no tracked user survives between calls, so a long-lived screen never
/// works on a stale account) and loads the user's roles into <see cref="AppUser.Roles"/>.</item>
/// <item><see cref="UpdateAsync"/> is the one write after creation (Identity changes the user in memory, then calls it):
/// the user's fields, the role membership changed in <see cref="AppUser.Roles"/>, a new concurrency stamp and the audit
/// entries (old → new against the stored row) are saved in one transaction, and a user changed by someone else since it
/// was read is refused with Identity's concurrency failure.</item>
/// <item>Users are never deleted: the audit trail points at them.</item>
/// </list>
/// </summary>
public sealed class FiftyOpsUserStore(FiftyOpsDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, AppRole, FiftyOpsDbContext, int, IdentityUserClaim<int>, AppUserRole, IdentityUserLogin<int>, IdentityUserToken<int>, IdentityRoleClaim<int>>(context, describer)
{
    public override async Task<IdentityResult> CreateAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        Context.ChangeTracker.Clear();
        var roles = user.Roles.Select(r => r.RoleId).Distinct().ToList();
        await using var tx = await Context.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (roles.Count > 0) Context.AddAuditNote(RolesChange(user.UserName, [], roles));
            var result = await base.CreateAsync(user, cancellationToken);
            if (!result.Succeeded) return result;
            Context.UserRoles.AddRange(roles.Select(id => new AppUserRole { UserId = user.Id, RoleId = id }));
            await Context.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            user.Roles = roles.Select(id => new AppUserRole { UserId = user.Id, RoleId = id }).ToList();
            return IdentityResult.Success;
        }
        catch (DbUpdateException)
        {
            // Two admins creating the same name at once: the unique index decides, and the loser gets the usual message.
            await tx.RollbackAsync(CancellationToken.None);
            Context.ChangeTracker.Clear();
            if (!await Users.AnyAsync(u => u.NormalizedUserName == user.NormalizedUserName, cancellationToken)) throw;
            return IdentityResult.Failed(ErrorDescriber.DuplicateUserName(user.UserName));
        }
        finally
        {
            Context.ChangeTracker.Clear();
        }
    }

    public override async Task<IdentityResult> UpdateAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        Context.ChangeTracker.Clear();
        await using var tx = await Context.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            // The stored row is the original: the audit trail records old → new field by field, and only a user read at
            // the stored concurrency stamp may be saved (the UPDATE also matches that stamp).
            var stored = await Context.Users.AsTracking().FirstOrDefaultAsync(u => u.Id == user.Id, cancellationToken);
            if (stored is null || stored.ConcurrencyStamp != user.ConcurrencyStamp)
                return IdentityResult.Failed(ErrorDescriber.ConcurrencyFailure());
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            Context.Entry(stored).CurrentValues.SetValues(user);

            var before = await Context.UserRoles.Where(r => r.UserId == user.Id).Select(r => r.RoleId).ToListAsync(cancellationToken);
            var after = user.Roles.Select(r => r.RoleId).Distinct().ToList();
            if (!before.ToHashSet().SetEquals(after))
            {
                Context.AddAuditNote(RolesChange(user.UserName, before, after));
                Context.UserRoles.RemoveRange(before.Except(after).Select(id => new AppUserRole { UserId = user.Id, RoleId = id }));
                Context.UserRoles.AddRange(after.Except(before).Select(id => new AppUserRole { UserId = user.Id, RoleId = id }));
            }

            try
            {
                await Context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return IdentityResult.Failed(ErrorDescriber.ConcurrencyFailure());
            }

            await tx.CommitAsync(cancellationToken);
            return IdentityResult.Success;
        }
        finally
        {
            Context.ChangeTracker.Clear();
        }
    }

    public override Task<IdentityResult> DeleteAsync(AppUser user, CancellationToken cancellationToken = default) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "NoDelete", Description = "사용자는 삭제하지 않고 사용 중지합니다." }));

    public override async Task<AppUser?> FindByIdAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (!int.TryParse(userId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        return await WithRolesAsync(await Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken), cancellationToken);
    }

    public override async Task<AppUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken = default) =>
        await WithRolesAsync(await Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalizedUserName, cancellationToken), cancellationToken);

    /// <summary>Changes <see cref="AppUser.Roles"/>; saved (and audited) by the next <see cref="UpdateAsync"/>.</summary>
    public override Task AddToRoleAsync(AppUser user, string normalizedRoleName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var role = AppRoles.ByName(normalizedRoleName) ?? throw new InvalidOperationException($"Unknown role '{normalizedRoleName}'.");
        if (user.Roles.All(r => r.RoleId != role.Id)) user.Roles.Add(new AppUserRole { UserId = user.Id, RoleId = role.Id });
        return Task.CompletedTask;
    }

    /// <summary>Changes <see cref="AppUser.Roles"/>; saved (and audited) by the next <see cref="UpdateAsync"/>.</summary>
    public override Task RemoveFromRoleAsync(AppUser user, string normalizedRoleName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (AppRoles.ByName(normalizedRoleName) is { } role) user.Roles.RemoveAll(r => r.RoleId == role.Id);
        return Task.CompletedTask;
    }

    public override Task<IList<string>> GetRolesAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult<IList<string>>(RoleNames(user.Roles.Select(r => r.RoleId)).ToList());
    }

    public override Task<bool> IsInRoleAsync(AppUser user, string normalizedRoleName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(AppRoles.ByName(normalizedRoleName) is { } role && user.Roles.Any(r => r.RoleId == role.Id));
    }

    private async Task<AppUser?> WithRolesAsync(AppUser? user, CancellationToken ct)
    {
        if (user is null) return null;
        user.Roles = await Context.UserRoles.AsNoTracking().Where(r => r.UserId == user.Id).OrderBy(r => r.RoleId).ToListAsync(ct);
        return user;
    }

    private static IEnumerable<string> RoleNames(IEnumerable<int> roleIds) =>
        AppRoles.All.Where(r => roleIds.Contains(r.Id)).Select(r => r.Name);

    private static AuditRecord RolesChange(string userName, IEnumerable<int> before, IEnumerable<int> after) =>
        new(AuditKind.Account, "User", userName, "Roles", string.Join(", ", RoleNames(before)), string.Join(", ", RoleNames(after)), "역할 변경");
}

/// <summary>Identity's EF Core role store over the fixed roles: they are read from the database, never created or changed.</summary>
public sealed class FiftyOpsRoleStore(FiftyOpsDbContext context, IdentityErrorDescriber? describer = null)
    : RoleStore<AppRole, FiftyOpsDbContext, int, AppUserRole, IdentityRoleClaim<int>>(context, describer)
{
    private static IdentityResult Fixed() =>
        IdentityResult.Failed(new IdentityError { Code = "FixedRoles", Description = "역할은 고정되어 있어 만들거나 바꿀 수 없습니다." });

    public override Task<IdentityResult> CreateAsync(AppRole role, CancellationToken cancellationToken = default) => Task.FromResult(Fixed());

    public override Task<IdentityResult> UpdateAsync(AppRole role, CancellationToken cancellationToken = default) => Task.FromResult(Fixed());

    public override Task<IdentityResult> DeleteAsync(AppRole role, CancellationToken cancellationToken = default) => Task.FromResult(Fixed());
}
