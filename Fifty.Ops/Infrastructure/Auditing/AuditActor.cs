using System.Globalization;
using System.Security.Claims;
using Fifty.Ops.Domain;

namespace Fifty.Ops.Infrastructure.Auditing;

/// <summary>Who did something, as the audit trail records it.</summary>
public sealed record AuditActor(int? UserId, string? UserName, string? IpAddress)
{
    /// <summary>The application itself (start-up, seeding), not a person.</summary>
    public static readonly AuditActor System = new(null, "system", null);

    public static AuditActor From(ClaimsPrincipal? user, string? ipAddress)
    {
        if (user?.Identity?.IsAuthenticated != true) return new AuditActor(null, null, ipAddress);
        var id = int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : (int?)null;
        return new AuditActor(id, user.Identity.Name, ipAddress);
    }
}

/// <summary>What happened, without who and when (the audit log adds those).</summary>
public sealed record AuditRecord(
    AuditKind Kind,
    string? ObjectType = null,
    string? ObjectId = null,
    string? Field = null,
    string? OldValue = null,
    string? NewValue = null,
    string? Detail = null)
{
    public static AuditRecord PeriodClosed(int year, int quarter, string? reason) =>
        new(AuditKind.PeriodClosed, "ReportingPeriod", $"{year}-Q{quarter}", "IsClosed", "False", "True", reason);

    public static AuditRecord PeriodReopened(int year, int quarter, string? reason) =>
        new(AuditKind.PeriodReopened, "ReportingPeriod", $"{year}-Q{quarter}", "IsClosed", "True", "False", reason);
}

/// <summary>
/// The person and address behind the current request or circuit event, for code that is not handed a user (the
/// SaveChanges interceptor, sign-in events). Set by <c>ActorMiddleware</c> for HTTP requests and by
/// <c>ActorCircuitHandler</c> for every inbound event of a Blazor circuit; flows with the async context.
/// </summary>
public sealed class ActorAccessor
{
    private readonly AsyncLocal<AuditActor?> _current = new();

    public AuditActor? Current => _current.Value;

    public void Set(AuditActor actor) => _current.Value = actor;

    /// <summary>The given user at the current request's address.</summary>
    public AuditActor For(ClaimsPrincipal? user) => AuditActor.From(user, Current?.IpAddress);
}
