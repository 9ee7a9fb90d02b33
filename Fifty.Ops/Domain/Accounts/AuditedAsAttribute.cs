namespace Fifty.Ops.Domain;

/// <summary>How data changes of this entity appear in the audit trail: their kind, object type and identifying property.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AuditedAsAttribute(AuditKind kind, string objectType) : Attribute
{
    public AuditKind Kind { get; } = kind;
    public string ObjectType { get; } = objectType;
    /// <summary>The property used as the object id instead of the primary key (a stable, readable name).</summary>
    public string? KeyProperty { get; init; }
}
