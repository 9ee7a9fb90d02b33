namespace Fifty.Ops.Domain;

/// <summary>Whether a budget row or project runs in its year. A retired (일몰) item is left out of the year's views, forms,
/// template and reports, and is not copied into the next year; the row stays for the audit trail.</summary>
public enum StructureStatus { Active, Retired }
