namespace Fifty.Ops.Domain;

/// <summary>
/// Amounts (천원) of one programme row as one section of a report states them for one period. A planner's figures are a
/// line of their own in section <see cref="BudgetSection.Entry"/>; the lines transcribed from a report are never edited.
/// </summary>
public sealed class BudgetLine : IHasSource, IVersioned
{
    public int Id { get; set; }
    public int ReportingPeriodId { get; set; }
    public ReportingPeriod? ReportingPeriod { get; set; }
    public int? ProgrammeNodeId { get; set; }
    public ProgrammeNode? ProgrammeNode { get; set; }
    public BudgetSection Section { get; set; }
    public int RowInSection { get; set; }
    public string NameInSource { get; set; } = "";
    public decimal? CurrentBudget { get; set; }
    public decimal? Original { get; set; }
    public decimal? Supplementary { get; set; }
    public decimal? Transfers { get; set; }
    public decimal? Committed { get; set; }
    public decimal? Disbursed { get; set; }
    public decimal? Forecast { get; set; }
    public string? RateCommittedRaw { get; set; }
    public string? RateDisbursedRaw { get; set; }
    public string? ForecastRateRaw { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public int Version { get; set; }
}
