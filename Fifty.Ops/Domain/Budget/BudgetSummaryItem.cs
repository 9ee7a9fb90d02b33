namespace Fifty.Ops.Domain;

public sealed class BudgetSummaryItem : IHasSource
{
    public int Id { get; set; }
    public int Year { get; set; }
    public DateOnly AsOf { get; set; }
    public BudgetSide Side { get; set; }
    public int Ordinal { get; set; }
    public string Item { get; set; } = "";
    public decimal Amount { get; set; }
    public bool IsTotal { get; set; }
    public string? ParentItem { get; set; }
    public SourceRef Source { get; set; } = SourceRef.Entered;
}
