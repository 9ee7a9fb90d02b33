namespace Fifty.Ops.Domain;

/// <summary>Targets and results of a site by category (e.g. 도심권50플러스센터 교육/상담/커뮤니티/일자리).</summary>
public sealed class CampusProgrammeResult : IHasSource
{
    public int Id { get; set; }
    public int CampusId { get; set; }
    public Campus? Campus { get; set; }
    public int Year { get; set; }
    public DateOnly AsOf { get; set; }
    public string Category { get; set; } = "";
    public int SortOrder { get; set; }
    public decimal? Target { get; set; }
    public decimal? Actual { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
}
