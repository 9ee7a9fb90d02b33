namespace Fifty.Ops.Features.Budget.Reconciliation;

/// <summary>
/// 원인행위액 ≥ 지출액, and neither exceeds 예산현액. Over-commitment does happen, so these are flagged for a person to
/// look at, like every other finding, and the figures stand as printed. A planner's entry is checked with its blank
/// columns filled by the values in force (the period's report, else the budget carried from the previous quarter), so
/// a partial row is checked too; such a pair is listed only when the entry states at least one of its figures.
/// </summary>
public sealed class CommitmentRule : IReconciliationRule
{
    private static readonly AmountColumn Budget = AmountColumn.CurrentBudget;
    private static readonly AmountColumn Committed = AmountColumn.Committed;
    private static readonly AmountColumn Disbursed = AmountColumn.Disbursed;

    public IEnumerable<Finding> Check(BudgetFacts data)
    {
        foreach (var line in data.Lines)
        {
            var code = line.Code ?? "—";
            var committed = data.Checked(line, Committed);
            var paid = data.Checked(line, Disbursed);
            if (committed is { } c && paid is { } p && p.Value > c.Value && (c.Own || p.Own))
            {
                yield return new Finding(
                    ReconciliationRule.CommitmentCoversDisbursement, FindingSeverity.Mismatch,
                    code, data.NameOf(line), "원인행위액 · 지출액", FindingUnit.Amount,
                    c.Shown, p.Shown, "지출액이 원인행위액보다 큽니다.");
            }

            if (data.Checked(line, Budget) is not { } budget) continue;
            foreach (var (label, amount) in new[] { ("원인행위액", committed), ("지출액", paid) })
            {
                if (amount is not { } value || value.Value <= budget.Value || !(value.Own || budget.Own)) continue;
                yield return new Finding(
                    ReconciliationRule.WithinBudget, FindingSeverity.Mismatch,
                    code, data.NameOf(line), label, FindingUnit.Amount,
                    value.Shown, budget.Shown, $"{label}이 예산현액을 넘습니다.");
            }
        }
    }
}
