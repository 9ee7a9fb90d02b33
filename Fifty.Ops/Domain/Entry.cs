namespace Fifty.Ops.Domain;

/// <summary>
/// A record that forms and the import edit. <see cref="Version"/> is an optimistic concurrency token: the context
/// raises it on every save and the UPDATE or DELETE matches the version the editor started from, so a stale form
/// cannot overwrite someone else's save without seeing it.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}

public enum PeriodAction { Open, Close, Reopen }

/// <summary>One opening, closing (마감) or reopening of a reporting period, with who did it, when, and why.</summary>
public sealed class PeriodStatusChange
{
    public int Id { get; set; }
    public int ReportingPeriodId { get; set; }
    public PeriodAction Action { get; set; }
    public DateTimeOffset At { get; set; }
    public string By { get; set; } = "";
    public string? Reason { get; set; }
}

/// <summary>A workbook whose changes were committed by the import: what it was (content hash), for which period, by whom.</summary>
public sealed class ImportBatch
{
    public int Id { get; set; }
    public int ReportingPeriodId { get; set; }
    public string FileName { get; set; } = "";
    /// <summary>SHA-256 of the uploaded bytes, lower-case hex.</summary>
    public string ContentHash { get; set; } = "";
    public long SizeBytes { get; set; }
    public int ChangeCount { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public string ImportedBy { get; set; } = "";
}
