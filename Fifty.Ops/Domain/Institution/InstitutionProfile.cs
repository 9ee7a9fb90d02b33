namespace Fifty.Ops.Domain;

/// <summary>Text facts of the institution as one year's report gives them.</summary>
public sealed class InstitutionProfile : IHasSource
{
    public int Year { get; set; }
    public DateOnly AsOf { get; set; }
    public string Name { get; set; } = "";
    public string? Address { get; set; }
    public DateOnly? FoundedOn { get; set; }
    public string? LegalForm { get; set; }
    public string? Purpose { get; set; }
    public string? Mission { get; set; }
    public string? Vision { get; set; }
    public string? Organisation { get; set; }
    public List<string> BusinessScope { get; set; } = [];
    public List<string> History { get; set; } = [];
    public List<string> CoreValues { get; set; } = [];
    public List<string> ManagementGoals { get; set; } = [];
    public List<string> StrategicDirections { get; set; } = [];
    public List<string> Departments { get; set; } = [];
    public SourceRef Source { get; set; } = SourceRef.Entered;
}
