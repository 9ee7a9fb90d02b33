using Fifty.Ops.Components;

namespace Fifty.Ops.Features.Budget.Reconciliation;

/// <summary>예산현액 = 당초 + 추경 + 예산변경 on every line that states all four.</summary>
public sealed class BudgetIdentityRule : IReconciliationRule
{
    public IEnumerable<Finding> Check(BudgetFacts data)
    {
        foreach (var line in data.Lines)
        {
            if (line is not { CurrentBudget: { } current, Original: { } original, Supplementary: { } supplementary, Transfers: { } transfers }) continue;
            var sum = original + supplementary + transfers;
            if (sum == current) continue;
            yield return new Finding(
                ReconciliationRule.BudgetIdentity, FindingSeverity.Mismatch,
                line.Code ?? "—", data.NameOf(line), "예산현액", FindingUnit.Amount,
                line.Value(current),
                new FindingValue($"당초 {Fmt.Amount(original)} + 추경 {Fmt.Amount(supplementary)} + 예산변경 {Fmt.Amount(transfers)} (같은 행)", sum, Fmt.Amount(sum), "계산"));
        }
    }
}
