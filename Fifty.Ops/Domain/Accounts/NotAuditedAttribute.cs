namespace Fifty.Ops.Domain;

/// <summary>Changes to this entity or property are not written to the audit trail (bookkeeping, or covered elsewhere).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;
