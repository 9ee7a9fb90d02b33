namespace Fifty.Ops.Domain;

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
