using Fifty.Ops.Components;

namespace Fifty.Ops.Features.Budget.Reconciliation;

/// <summary>
/// 예산현액 = 당초 + 추경 + 예산변경 on every line that states all four; a planner's entry is checked with its blank
/// columns filled by the values in force, when it states at least one of the four itself.
/// </summary>
public sealed class BudgetIdentityRule : IReconciliationRule
{
    private static readonly AmountColumn[] Columns = [AmountColumn.CurrentBudget, AmountColumn.Original, AmountColumn.Supplementary, AmountColumn.Transfers];

    public IEnumerable<Finding> Check(BudgetFacts data)
    {
        foreach (var line in data.Lines)
        {
            var values = Columns.Select(column => data.Checked(line, column)).ToList();
            if (values.Any(v => v is null) || !values.Any(v => v!.Value.Own)) continue;
            var (current, original, supplementary, transfers) = (values[0]!.Value, values[1]!.Value.Value, values[2]!.Value.Value, values[3]!.Value.Value);
            var sum = original + supplementary + transfers;
            if (sum == current.Value) continue;
            var filled = values.Skip(1).Any(v => !v!.Value.Own) ? ", 빈칸은 적용 중인 값" : "";
            yield return new Finding(
                ReconciliationRule.BudgetIdentity, FindingSeverity.Mismatch,
                line.Code ?? "—", data.NameOf(line), "예산현액", FindingUnit.Amount,
                current.Shown with { Where = current.Own ? line.Where : current.Shown.Where },
                new FindingValue($"당초 {Fmt.Amount(original)} + 추경 {Fmt.Amount(supplementary)} + 예산변경 {Fmt.Amount(transfers)} (같은 행{filled})", sum, Fmt.Amount(sum), "계산"));
        }
    }
}
