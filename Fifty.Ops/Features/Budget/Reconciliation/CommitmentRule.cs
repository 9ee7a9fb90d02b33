namespace Fifty.Ops.Features.Budget.Reconciliation;

/// <summary>
/// 원인행위액 ≥ 지출액, and neither exceeds 예산현액. Over-commitment does happen, so these are flagged for a person to
/// look at, like every other finding, and the figures stand as printed.
/// </summary>
public sealed class CommitmentRule : IReconciliationRule
{
    public IEnumerable<Finding> Check(BudgetFacts data)
    {
        foreach (var line in data.Lines)
        {
            var code = line.Code ?? "—";
            if (line is { Committed: { } committed, Disbursed: { } paid } && paid > committed)
            {
                yield return new Finding(
                    ReconciliationRule.CommitmentCoversDisbursement, FindingSeverity.Mismatch,
                    code, data.NameOf(line), "원인행위액 · 지출액", FindingUnit.Amount,
                    line.Value(committed) with { Where = $"{line.Where} 원인행위액" },
                    line.Value(paid) with { Where = $"{line.Where} 지출액" },
                    "지출액이 원인행위액보다 큽니다.");
            }

            if (line.CurrentBudget is not { } budget) continue;
            foreach (var (label, amount) in new[] { ("원인행위액", line.Committed), ("지출액", line.Disbursed) })
            {
                if (amount is not { } value || value <= budget) continue;
                yield return new Finding(
                    ReconciliationRule.WithinBudget, FindingSeverity.Mismatch,
                    code, data.NameOf(line), label, FindingUnit.Amount,
                    line.Value(value) with { Where = $"{line.Where} {label}" },
                    line.Value(budget) with { Where = $"{line.Where} 예산현액" },
                    $"{label}이 예산현액을 넘습니다.");
            }
        }
    }
}
