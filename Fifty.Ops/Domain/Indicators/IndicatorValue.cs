namespace Fifty.Ops.Domain;

/// <summary>
/// One cell of an indicator table; Raw is verbatim, Value/SubValue are what could be read from it. A cell a planner
/// enters belongs to a reporting period (<see cref="ReportingPeriodId"/>) and takes that period's 기준일 as
/// <see cref="AsOf"/>; a cell transcribed from a report has none and is never edited.
/// </summary>
public sealed class IndicatorValue : IHasSource, IVersioned
{
    public int Id { get; set; }
    public int IndicatorId { get; set; }
    public Indicator? Indicator { get; set; }
    public int Year { get; set; }
    public IndicatorValueKind Kind { get; set; }
    public DateOnly? AsOf { get; set; }
    public string? AsOfRaw { get; set; }
    public string Raw { get; set; } = "";
    public decimal? Value { get; set; }
    public decimal? SubValue { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
    public int? ReportingPeriodId { get; set; }
    /// <summary>
    /// A target copied from the previous year by the roll-over (초안): the year's structure is set up but the board has
    /// not approved the figure yet. False for every transcribed or entered cell.
    /// </summary>
    public bool IsDraft { get; set; }
    /// <summary>
    /// For a <see cref="IndicatorValueKind.Target"/>, the quarter (1–4) the target is set for; null means the year's
    /// target. Null for every other kind.
    /// </summary>
    public int? Quarter { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public int Version { get; set; }
}
