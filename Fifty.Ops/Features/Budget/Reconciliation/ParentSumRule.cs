using Fifty.Ops.Components;
using Fifty.Ops.Domain;

namespace Fifty.Ops.Features.Budget.Reconciliation;

/// <summary>
/// A parent row equals the sum of its children for every amount column, within the section that prints them; likewise
/// a table's total row (분야별 사업비, 예산 총괄표) equals the sum of its items, and a funding source's revenue equals the
/// expenditure items it pays for.
/// </summary>
public sealed class ParentSumRule : IReconciliationRule
{
    public IEnumerable<Finding> Check(BudgetFacts data) =>
        Hierarchy(data).Concat(CostShares(data)).Concat(Summary(data));

    private static IEnumerable<Finding> Hierarchy(BudgetFacts data)
    {
        foreach (var parent in data.Lines.Where(l => l.Code is not null))
        {
            var children = data.ChildrenOf(parent.Code!).ToList();
            if (children.Count == 0) continue;
            foreach (var column in AmountColumn.All)
            {
                if (column.Get(parent) is not { } stated) continue;
                // A child the section does not print, or prints without this column, leaves the sum unknown: no finding.
                var parts = children.Select(c => data.FirstIn(c.Code, parent.Section) is { } l ? column.Get(l) : null).ToList();
                if (parts.Any(p => p is null)) continue;
                var sum = parts.Sum(p => p!.Value);
                if (sum == stated) continue;
                yield return new Finding(
                    ReconciliationRule.ParentSum, FindingSeverity.Mismatch,
                    parent.Code!, data.NameOf(parent), column.LabelIn(parent.Section), FindingUnit.Amount,
                    parent.Value(stated),
                    new FindingValue($"하위 {children.Count}개 행 합계 ({string.Join(", ", children.Select(c => c.Code))}, {parent.Section.Label()})", sum, Fmt.Amount(sum), "계산"));
            }
        }
    }

    private static IEnumerable<Finding> CostShares(BudgetFacts data)
    {
        foreach (var total in data.CostShares.Where(s => s.IsTotal))
        {
            var items = data.CostShares.Where(s => !s.IsTotal && s.AsOf == total.AsOf).ToList();
            var sum = items.Sum(s => s.Amount);
            if (items.Count == 0 || sum == total.Amount) continue;
            yield return new Finding(
                ReconciliationRule.ParentSum, FindingSeverity.Mismatch,
                "분야별 사업비", total.Area, "사업비", FindingUnit.Amount,
                new FindingValue($"분야별 사업비 표 {total.Area} 행", total.Amount, Fmt.Amount(total.Amount), total.Source.ToString()),
                new FindingValue($"분야 {items.Count}개 합계 (같은 표)", sum, Fmt.Amount(sum), "계산"));
        }
    }

    private static IEnumerable<Finding> Summary(BudgetFacts data)
    {
        foreach (var total in data.Summary.Where(s => s.IsTotal))
        {
            var items = data.Summary.Where(s => !s.IsTotal && s.Side == total.Side && s.AsOf == total.AsOf).ToList();
            var sum = items.Sum(s => s.Amount);
            if (items.Count == 0 || sum == total.Amount) continue;
            yield return new Finding(
                ReconciliationRule.ParentSum, FindingSeverity.Mismatch,
                total.Table, total.Item, "금액", FindingUnit.Amount,
                new FindingValue($"{total.Table} {total.Item} 행", total.Amount, Fmt.Amount(total.Amount), total.Source.ToString()),
                new FindingValue($"항목 {items.Count}개 합계 (같은 표)", sum, Fmt.Amount(sum), "계산"));
        }

        // 2020: 보조금사업 revenue (4,521,254) is spent on the expenditure items that name it as their funding row.
        foreach (var revenue in data.Summary.Where(s => s.Side == BudgetSide.Revenue && !s.IsTotal))
        {
            var funded = data.Summary.Where(s => s.Side == BudgetSide.Expenditure && s.ParentItem == revenue.Item && s.AsOf == revenue.AsOf).ToList();
            var sum = funded.Sum(s => s.Amount);
            if (funded.Count == 0 || sum == revenue.Amount) continue;
            yield return new Finding(
                ReconciliationRule.ParentSum, FindingSeverity.Mismatch,
                revenue.Table, revenue.Item, "금액", FindingUnit.Amount,
                new FindingValue($"{revenue.Table} {revenue.Item} 행", revenue.Amount, Fmt.Amount(revenue.Amount), revenue.Source.ToString()),
                new FindingValue($"이 재원으로 지출하는 항목 {funded.Count}개 합계 (예산 총괄표(지출))", sum, Fmt.Amount(sum), "계산"));
        }
    }
}
