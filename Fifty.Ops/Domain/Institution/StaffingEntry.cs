namespace Fifty.Ops.Domain;

/// <summary>정원/현원 of one unit and grade; Raw keeps the cell as printed (e.g. <c>7/7(1)</c>).</summary>
public sealed class StaffingEntry : IHasSource
{
    public int Id { get; set; }
    public int Year { get; set; }
    public DateOnly AsOf { get; set; }
    public int Ordinal { get; set; }
    public string Unit { get; set; } = "";
    public string Grade { get; set; } = "";
    public int? Authorized { get; set; }
    public int? Current { get; set; }
    public int? Separate { get; set; }
    public string? Raw { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
}
