namespace Fifty.Ops.Domain;

/// <summary>
/// A person who signs in. Accounts are never deleted, only disabled, so every audit entry keeps pointing at someone;
/// the user name is the account's identity in the audit trail and cannot be changed.
/// </summary>
[AuditedAs(AuditKind.Account, "User", KeyProperty = nameof(UserName))]
public sealed class AppUser
{
    public int Id { get; set; }
    public string UserName { get; set; } = "";
    [NotAudited] public string NormalizedUserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    [AuditRedacted] public string? PasswordHash { get; set; }
    /// <summary>Changes whenever credentials, roles or the disabled flag change; a session carrying an older stamp ends.</summary>
    [NotAudited] public string SecurityStamp { get; set; } = "";
    [NotAudited] public string ConcurrencyStamp { get; set; } = "";
    public bool IsDisabled { get; set; }
    [NotAudited] public bool LockoutEnabled { get; set; } = true;
    /// <summary>Failed sign-ins and lockouts are recorded as sign-in events, not as data changes.</summary>
    [NotAudited] public DateTimeOffset? LockoutEnd { get; set; }
    [NotAudited] public int AccessFailedCount { get; set; }
    /// <summary>A Development demo account; disabled at the first start in any other environment.</summary>
    public bool IsDemo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    [NotAudited] public DateTimeOffset? LastSignInAt { get; set; }
    public List<AppUserRole> Roles { get; set; } = [];
}

/// <summary>One of the four fixed roles; what each may do is decided in code (<c>Policies</c>), not in data.</summary>
public sealed class AppRole
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string NormalizedName { get; set; } = "";
    public string Label { get; set; } = "";
}

/// <summary>Role membership; recorded in the audit trail as the user's <c>Roles</c> field (names, old → new).</summary>
[NotAudited]
public sealed class AppUserRole
{
    public int UserId { get; set; }
    public int RoleId { get; set; }
}

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
