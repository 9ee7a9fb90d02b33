namespace Fifty.Ops.Features.Budget.Reconciliation;

/// <summary>One rule of docs/domain.md run over a period's figures. A rule reports; it never changes a figure.</summary>
public interface IReconciliationRule
{
    IEnumerable<Finding> Check(BudgetFacts data);
}
