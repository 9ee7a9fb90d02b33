namespace Fifty.Ops.Domain;

/// <summary>
/// What a closed quarter's report showed when it was closed (마감): the whole <c>QuarterlyReport</c> record as JSON,
/// with its SHA-256. The preview, the workbook and the PDF of a closed period are rendered from it, so a later rename,
/// move or figure correction never changes a closed quarter's report. Reopening supersedes it (kept, not deleted);
/// closing again takes a new one. At most one snapshot per period is in force (<see cref="SupersededAt"/> null).
/// </summary>
public sealed class ReportSnapshot
{
    public int Id { get; set; }
    public int ReportingPeriodId { get; set; }
    public DateTimeOffset TakenAt { get; set; }
    /// <summary>The user who closed the period, or <c>시스템</c> for a snapshot taken at start-up or on first read.</summary>
    public string TakenBy { get; set; } = "";
    /// <summary>Version of the JSON layout (see <c>ReportSnapshotJson.FormatVersion</c>).</summary>
    public int Format { get; set; }
    /// <summary>The serialized report; not copied into the audit trail (its hash is).</summary>
    [NotAudited]
    public string Json { get; set; } = "";
    /// <summary>SHA-256 of the UTF-8 JSON, lower-case hex.</summary>
    public string Sha256 { get; set; } = "";
    public DateTimeOffset? SupersededAt { get; set; }
    public string? SupersededBy { get; set; }
}
