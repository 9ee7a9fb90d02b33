using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Identity;

namespace Fifty.Ops.Domain;

/// <summary>
/// A person who signs in: ASP.NET Core Identity's user (kept by its EF Core store, table <c>Users</c>) with the app's own
/// fields. Accounts are never deleted, only disabled, so every audit entry keeps pointing at someone; the user name is
/// the account's identity in the audit trail and cannot be changed. Identity's properties are overridden only to say how
/// the audit trail treats them; the ones the app does not use (e-mail, phone, two-factor) are never audited.
/// </summary>
[AuditedAs(AuditKind.Account, "User", KeyProperty = nameof(UserName))]
public sealed class AppUser : IdentityUser<int>
{
    [AllowNull] public override string UserName { get => base.UserName ?? ""; set => base.UserName = value; }
    [NotAudited, AllowNull] public override string NormalizedUserName { get => base.NormalizedUserName ?? ""; set => base.NormalizedUserName = value; }
    public string DisplayName { get; set; } = "";
    [AuditRedacted] public override string? PasswordHash { get => base.PasswordHash; set => base.PasswordHash = value; }
    /// <summary>Changes whenever credentials, roles or the disabled flag change; a session carrying an older stamp ends.</summary>
    [NotAudited, AllowNull] public override string SecurityStamp { get => base.SecurityStamp ?? ""; set => base.SecurityStamp = value; }
    [NotAudited, AllowNull] public override string ConcurrencyStamp { get => base.ConcurrencyStamp ?? ""; set => base.ConcurrencyStamp = value; }
    public bool IsDisabled { get; set; }
    [NotAudited] public override bool LockoutEnabled { get => base.LockoutEnabled; set => base.LockoutEnabled = value; }
    /// <summary>Failed sign-ins and lockouts are recorded as sign-in events, not as data changes.</summary>
    [NotAudited] public override DateTimeOffset? LockoutEnd { get => base.LockoutEnd; set => base.LockoutEnd = value; }
    [NotAudited] public override int AccessFailedCount { get => base.AccessFailedCount; set => base.AccessFailedCount = value; }
    [NotAudited] public override string? Email { get => base.Email; set => base.Email = value; }
    [NotAudited] public override string? NormalizedEmail { get => base.NormalizedEmail; set => base.NormalizedEmail = value; }
    [NotAudited] public override bool EmailConfirmed { get => base.EmailConfirmed; set => base.EmailConfirmed = value; }
    [NotAudited] public override string? PhoneNumber { get => base.PhoneNumber; set => base.PhoneNumber = value; }
    [NotAudited] public override bool PhoneNumberConfirmed { get => base.PhoneNumberConfirmed; set => base.PhoneNumberConfirmed = value; }
    [NotAudited] public override bool TwoFactorEnabled { get => base.TwoFactorEnabled; set => base.TwoFactorEnabled = value; }
    /// <summary>A Development demo account; disabled at the first start in any other environment.</summary>
    public bool IsDemo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    [NotAudited] public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>
    /// The user's roles as the store loaded them; changes to this list are saved by the next update of the user, in the
    /// same transaction as the user and the audit entry. Not an EF navigation: the rows are the store's business.
    /// </summary>
    public List<AppUserRole> Roles { get; set; } = [];
}
