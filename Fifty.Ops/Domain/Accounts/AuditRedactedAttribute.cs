namespace Fifty.Ops.Domain;

/// <summary>The audit trail records that this property changed, never its value (secrets).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditRedactedAttribute : Attribute;
