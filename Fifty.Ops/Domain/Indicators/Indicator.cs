namespace Fifty.Ops.Domain;

public sealed class Indicator : IHasSource
{
    public int Id { get; set; }
    public int Year { get; set; }
    public string Code { get; set; } = "";
    public IndicatorKind Kind { get; set; }
    public string Field { get; set; } = "";
    public string Name { get; set; } = "";
    public string Unit { get; set; } = "";
    public Direction Direction { get; set; }
    /// <summary>Whether actuals add up over the year or stand for the moment measured; see <see cref="IndicatorAccumulation"/>.</summary>
    public IndicatorAccumulation Accumulation { get; set; }
    /// <summary>Achievement ratio from which the status is 주의 rather than 미달; null means the default (0.9).</summary>
    public decimal? CautionThreshold { get; set; }
    public int SortOrder { get; set; }
    public int? ProjectId { get; set; }
    public Project? Project { get; set; }
    /// <summary>Projects a headline result summarises (codes of the same year), with the arithmetic that ties them.</summary>
    public List<string> RelatedProjectCodes { get; set; } = [];
    public string? RelatedBasis { get; set; }
    public string? Note { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
}
