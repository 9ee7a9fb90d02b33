namespace Fifty.Ops.Domain;

public sealed class ProjectNarrative : IHasSource, IVersioned
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public Project? Project { get; set; }
    public int ReportingPeriodId { get; set; }
    public NarrativeKind Kind { get; set; }
    public int Ordinal { get; set; }
    public int Depth { get; set; }
    public string Text { get; set; } = "";
    public string? ScheduleRaw { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public int Version { get; set; }
}
