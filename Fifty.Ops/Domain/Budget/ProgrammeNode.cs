namespace Fifty.Ops.Domain;

/// <summary>A row of a year's programme hierarchy (정책 → 단위사업 → 세부사업, or 2020's 전략과제 → 사업 → 세부사업).</summary>
public sealed class ProgrammeNode : IHasSource, IRetirable
{
    public int Id { get; set; }
    public int Year { get; set; }
    public string Code { get; set; } = "";
    public int? ParentId { get; set; }
    public ProgrammeNode? Parent { get; set; }
    public int Level { get; set; }
    public ProgrammeKind Kind { get; set; }
    public string Name { get; set; } = "";
    public FundingSource Funding { get; set; }
    public List<string> Tags { get; set; } = [];
    public int SortOrder { get; set; }
    /// <summary>
    /// The board-approved 당초예산 of the year (천원) set when the year is set up; null when the year's structure does not
    /// state it (the transcribed years carry it on their <see cref="BudgetLine"/>s instead).
    /// </summary>
    public decimal? OriginalBudget { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
    public StructureStatus Status { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
    public string? RetiredBy { get; set; }
    public string? RetiredReason { get; set; }
}
