namespace Fifty.Ops.Domain;

public sealed class Executive : IHasSource
{
    public int Id { get; set; }
    public int Year { get; set; }
    public DateOnly AsOf { get; set; }
    public int Ordinal { get; set; }
    public string Role { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Position { get; set; }
    public string? TermRaw { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
}
