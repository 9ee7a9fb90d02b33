namespace Fifty.Ops.Domain;

public sealed class ProgrammeCostShare : IHasSource
{
    public int Id { get; set; }
    public int Year { get; set; }
    public DateOnly AsOf { get; set; }
    public int Ordinal { get; set; }
    public string Area { get; set; } = "";
    public decimal Amount { get; set; }
    public string? ShareRaw { get; set; }
    public string? Note { get; set; }
    public bool IsTotal { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
}
