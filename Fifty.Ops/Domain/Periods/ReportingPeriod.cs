namespace Fifty.Ops.Domain;

/// <summary>A quarter of a fiscal year with its as-of date (기준일). A closed period accepts no writes.</summary>
public sealed class ReportingPeriod : IVersioned
{
    public int Id { get; set; }
    public int Year { get; set; }
    public int Quarter { get; set; }
    public DateOnly AsOf { get; set; }
    public string Label { get; set; } = "";
    public bool IsClosed { get; set; }
    /// <summary>When and by whom it was last closed (마감); null for a period seeded closed from a published report.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    /// <summary>The last reopening and its stated reason; the full history is in <see cref="PeriodStatusChange"/>.</summary>
    public DateTimeOffset? ReopenedAt { get; set; }
    public string? ReopenedBy { get; set; }
    public string? ReopenReason { get; set; }
    public int Version { get; set; }
}
