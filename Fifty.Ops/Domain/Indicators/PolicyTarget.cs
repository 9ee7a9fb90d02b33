namespace Fifty.Ops.Domain;

/// <summary>A multi-year target of the city's Seoul Learn 4050 plan (the policy 2023 programmes are tagged with).</summary>
public sealed class PolicyTarget : IHasSource
{
    public int Id { get; set; }
    public string Area { get; set; } = "";
    public string Programme { get; set; } = "";
    public string? Measure { get; set; }
    public string? Unit { get; set; }
    public int? BaselineYear { get; set; }
    public decimal? BaselineValue { get; set; }
    public int? TargetYear { get; set; }
    public decimal? TargetValue { get; set; }
    public string? Raw { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
}
