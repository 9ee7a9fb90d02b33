using System.Globalization;
using System.Security.Claims;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Tests.Infrastructure;

/// <summary>
/// One account per role for tests, named after the role (<c>admin</c> is the app's own initial admin, created with
/// <see cref="Password"/> through <c>Auth:InitialAdminPassword</c>), and principals for calling services directly.
/// </summary>
public static class TestAccounts
{
    public static readonly string[] Roles = [AppRoles.Admin, AppRoles.Planner, AppRoles.Director, AppRoles.Auditor];

    /// <summary>The roles plus <c>null</c> for someone not signed in, for theories over everyone.</summary>
    public static TheoryData<string?> Everyone() => new(AppRoles.Admin, AppRoles.Planner, AppRoles.Director, AppRoles.Auditor, null);

    public static string Password(string role) => $"test-pass-{role.Length}-{role[0]}-fifty-ops";

    public static string DisplayName(string role) => $"시험 {AppRoles.Label(role)}";

    /// <summary>What a signed-in user of <paramref name="role"/> looks like to a service; null role: not signed in.</summary>
    public static ClaimsPrincipal Principal(string? role, int id = 0, string? userName = null)
    {
        if (role is null) return new ClaimsPrincipal(new ClaimsIdentity());
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, id.ToString(CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, userName ?? role),
            new Claim(ClaimTypes.Role, role),
            new Claim(FiftyOpsClaims.DisplayName, DisplayName(role)),
        ], "Test");
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Creates the account of <paramref name="role"/> in the database if it is not there (directly, with Identity's hasher).</summary>
    public static async Task EnsureAsync(string connectionString, string role)
    {
        await using var db = TestProvider.Context(connectionString);
        var normalized = role.ToUpperInvariant();
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized)) return;
        var user = new AppUser
        {
            UserName = role,
            NormalizedUserName = normalized,
            DisplayName = DisplayName(role),
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString("N"),
            LockoutEnabled = true,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        user.PasswordHash = new PasswordHasher<AppUser>().HashPassword(user, Password(role));
        db.Users.Add(user);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.SaveChangesAsync();
            db.UserRoles.Add(new AppUserRole { UserId = user.Id, RoleId = AppRoles.ByName(role)!.Id });
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            // Another test class created it at the same moment.
        }
    }
}
