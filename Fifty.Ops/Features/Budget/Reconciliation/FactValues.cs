using Fifty.Ops.Components;
using Fifty.Ops.Domain;

namespace Fifty.Ops.Features.Budget.Reconciliation;

/// <summary>
/// The budget facts as findings show them. These live with the rules, not with the facts, so the dependency runs one
/// way: reconciliation reads <see cref="BudgetFacts"/>; the facts know nothing of findings.
/// </summary>
public static class FactValues
{
    /// <summary>An amount (천원; null when not stated) of <paramref name="line"/>, with where it is printed and its source cell.</summary>
    public static FindingValue Value(this LineFact line, decimal? amount) => new(line.Where, amount, Fmt.Amount(amount), line.Source.ToString());

    /// <summary>A hierarchy amount (printed or summed from the children) as a finding's value.</summary>
    public static FindingValue ToValue(this HierarchyAmount amount) => new(amount.Where, amount.Amount, Fmt.Amount(amount.Amount), amount.Source);

    /// <summary>
    /// One amount of a line as the rules check it: the line's own, or, for a planner's entry that leaves the column
    /// blank, the value in force (<see cref="BudgetFacts.InForce"/>) with where it comes from. <c>Own</c> is false for a
    /// filled blank; null when neither is known.
    /// </summary>
    public static (decimal Value, FindingValue Shown, bool Own)? Checked(this BudgetFacts facts, LineFact line, AmountColumn column)
    {
        if (column.Get(line) is { } own) return (own, line.Value(own) with { Where = $"{line.Where} {column.Label}" }, true);
        if (line.Section != BudgetSection.Entry || line.Code is null || facts.InForce(line.Code, column) is not { } kept) return null;
        return (kept.Value, kept.From.Value(kept.Value) with { Where = $"{kept.From.Where} {column.Label} (입력 빈칸)" }, false);
    }
}
