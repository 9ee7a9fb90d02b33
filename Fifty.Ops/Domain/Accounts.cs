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

/// <summary>One of the four fixed roles; what each may do is decided in code (<c>Policies</c>), not in data.</summary>
public sealed class AppRole : IdentityRole<int>
{
    [AllowNull] public override string Name { get => base.Name ?? ""; set => base.Name = value; }
    [AllowNull] public override string NormalizedName { get => base.NormalizedName ?? ""; set => base.NormalizedName = value; }
    public string Label { get; set; } = "";
}

/// <summary>Role membership; recorded in the audit trail as the user's <c>Roles</c> field (names, old → new).</summary>
[NotAudited]
public sealed class AppUserRole : IdentityUserRole<int>;

public enum AuditKind
{
    SignIn,
    SignInFailed,
    SignOut,
    SessionEnded,
    AccessDenied,
    DataChange,
    Account,
    Export,
    PeriodClosed,
    PeriodReopened,
    System,
}

/// <summary>
/// One append-only line of the audit trail. <see cref="Hash"/> = SHA-256 of <see cref="PreviousHash"/> and the
/// canonical form of the entry, so changing, removing or inserting a row breaks the chain from that row on.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime OccurredUtc { get; set; }
    public int? UserId { get; set; }
    public string? UserName { get; set; }
    public string? IpAddress { get; set; }
    public AuditKind Kind { get; set; }
    public string? ObjectType { get; set; }
    public string? ObjectId { get; set; }
    public string? Field { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public string? Detail { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

/// <summary>Changes to this entity or property are not written to the audit trail (bookkeeping, or covered elsewhere).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;

/// <summary>The audit trail records that this property changed, never its value (secrets).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditRedactedAttribute : Attribute;

/// <summary>How data changes of this entity appear in the audit trail: their kind, object type and identifying property.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AuditedAsAttribute(AuditKind kind, string objectType) : Attribute
{
    public AuditKind Kind { get; } = kind;
    public string ObjectType { get; } = objectType;
    /// <summary>The property used as the object id instead of the primary key (a stable, readable name).</summary>
    public string? KeyProperty { get; init; }
}
