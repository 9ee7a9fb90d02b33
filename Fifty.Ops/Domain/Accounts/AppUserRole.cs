using Microsoft.AspNetCore.Identity;

namespace Fifty.Ops.Domain;

/// <summary>Role membership; recorded in the audit trail as the user's <c>Roles</c> field (names, old → new).</summary>
[NotAudited]
public sealed class AppUserRole : IdentityUserRole<int>;
