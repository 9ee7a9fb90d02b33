namespace Fifty.Ops.Domain;

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
