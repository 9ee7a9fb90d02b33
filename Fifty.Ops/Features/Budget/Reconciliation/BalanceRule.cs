using Fifty.Ops.Components;
using Fifty.Ops.Domain;

namespace Fifty.Ops.Features.Budget.Reconciliation;

/// <summary>총 수입 = 총 지출 in the budget summary.</summary>
public sealed class BalanceRule : IReconciliationRule
{
    public IEnumerable<Finding> Check(BudgetFacts data)
    {
        foreach (var revenue in data.Summary.Where(s => s.IsTotal && s.Side == BudgetSide.Revenue))
        {
            var expenditure = data.Summary.FirstOrDefault(s => s.IsTotal && s.Side == BudgetSide.Expenditure && s.AsOf == revenue.AsOf);
            if (expenditure is null || expenditure.Amount == revenue.Amount) continue;
            yield return new Finding(
                ReconciliationRule.Balance, FindingSeverity.Mismatch,
                "예산 총괄표", "총 수입 · 총 지출", "금액", FindingUnit.Amount,
                new FindingValue($"{revenue.Table} {revenue.Item}", revenue.Amount, Fmt.Amount(revenue.Amount), revenue.Source.ToString()),
                new FindingValue($"{expenditure.Table} {expenditure.Item}", expenditure.Amount, Fmt.Amount(expenditure.Amount), expenditure.Source.ToString()));
        }
    }
}
