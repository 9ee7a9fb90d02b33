namespace Fifty.Ops.Domain;

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
