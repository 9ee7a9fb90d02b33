namespace Fifty.Ops.Domain;

/// <summary>A project block of a report (overview, 성과목표 ☞ 실적, 소요예산) with its narrative bullets.</summary>
public sealed class Project : IHasSource, IRetirable
{
    public int Id { get; set; }
    public int Year { get; set; }
    public string Code { get; set; } = "";
    public int AreaNo { get; set; }
    public string AreaName { get; set; } = "";
    public string? GroupName { get; set; }
    public string Title { get; set; } = "";
    public List<string> Tags { get; set; } = [];
    public string? Summary { get; set; }
    public string? Audience { get; set; }
    public string? Content { get; set; }
    public string? TargetText { get; set; }
    public string? ActualText { get; set; }
    public decimal? RequiredBudget { get; set; }
    public List<string> ProgrammeCodes { get; set; } = [];
    public int SortOrder { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
    public StructureStatus Status { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
    public string? RetiredBy { get; set; }
    public string? RetiredReason { get; set; }
}
