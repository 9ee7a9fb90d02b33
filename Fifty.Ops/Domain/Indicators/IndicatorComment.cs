namespace Fifty.Ops.Domain;

/// <summary>원인 분석 / 조치 계획 written by a planner for an indicator at a period.</summary>
public sealed class IndicatorComment : IVersioned
{
    public int Id { get; set; }
    public int IndicatorId { get; set; }
    public Indicator? Indicator { get; set; }
    public int ReportingPeriodId { get; set; }
    public string Cause { get; set; } = "";
    public string Action { get; set; } = "";
    public string Author { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}
