using Fifty.Ops.Components;
using Fifty.Ops.Domain;

namespace Fifty.Ops.Features.Budget.Reconciliation;

/// <summary>The rules of docs/domain.md a year's figures are checked against, in the order the findings list them.</summary>
public enum ReconciliationRule
{
    /// <summary>예산현액 = 당초 + 추경 + 예산변경.</summary>
    BudgetIdentity,
    /// <summary>A parent row (or a table's total) equals the sum of its children.</summary>
    ParentSum,
    /// <summary>총 수입 = 총 지출 in the budget summary.</summary>
    Balance,
    /// <summary>원인행위액 ≥ 지출액.</summary>
    CommitmentCoversDisbursement,
    /// <summary>원인행위액 and 지출액 do not exceed 예산현액.</summary>
    WithinBudget,
    /// <summary>A rate or share printed in the source matches the amounts it is computed from, to its rounding.</summary>
    StatedRate,
    /// <summary>The same project on the same 기준일 shows the same amounts in every section of the report.</summary>
    SameFigures,
    /// <summary>The same result (persons, cases, seats) stated in two sections of a report is the same figure.</summary>
    SameResult,
    /// <summary>A printed rate written differently from the report's own convention (one decimal, "%").</summary>
    RateNotation,
    /// <summary>A figure that could not be checked because nothing to compare it with was found.</summary>
    NotCompared,
}

public enum FindingSeverity
{
    /// <summary>Two figures that must agree do not.</summary>
    Mismatch,
    /// <summary>The figure agrees but is written irregularly.</summary>
    Notation,
    /// <summary>Nothing wrong is known; the figure was not checked.</summary>
    Info,
}

public enum FindingUnit
{
    /// <summary>천원.</summary>
    Amount,
    /// <summary>Percent (58.8 means 58.8%); a difference is in percentage points.</summary>
    Percent,
    /// <summary>A count or measure in the unit the source writes (명, 건, 석, ㎡), named in the value's display.</summary>
    Count,
    None,
}

/// <summary>One side of a comparison: where the figure is, the figure, and its provenance.</summary>
/// <param name="Where">The table and row (e.g. "붙임 집행현황 33행") or how it was computed.</param>
/// <param name="Display">The figure as shown to the user; for a printed rate the source text verbatim.</param>
public sealed record FindingValue(string Where, decimal? Value, string Display, string Source);

/// <summary>One violation of a rule. Both figures are kept as the source prints them; nothing is corrected.</summary>
/// <param name="Code">The programme or project code, or a label of the table row when it has none.</param>
/// <param name="Item">The compared column (지출액, 집행률(지출 기준) …).</param>
public sealed record Finding(
    ReconciliationRule Rule,
    FindingSeverity Severity,
    string Code,
    string Name,
    string Item,
    FindingUnit Unit,
    FindingValue A,
    FindingValue B,
    string? Note = null)
{
    public decimal? Difference => A.Value is { } a && B.Value is { } b ? a - b : null;

    public string DifferenceText => Difference is not { } d ? Fmt.None
        : Unit == FindingUnit.Percent ? $"{d:+0.0##;-0.0##;0}%p"
        : Unit == FindingUnit.Count ? (d > 0 ? "+" : "") + Fmt.Number(d)
        : d > 0 ? "+" + Fmt.Amount(d) : Fmt.Amount(d);
}

public static class ReconciliationLabels
{
    public static string Label(this ReconciliationRule rule) => rule switch
    {
        ReconciliationRule.BudgetIdentity => "예산현액 = 당초 + 추경 + 예산변경",
        ReconciliationRule.ParentSum => "상위 행 = 하위 행 합계",
        ReconciliationRule.Balance => "총 수입 = 총 지출",
        ReconciliationRule.CommitmentCoversDisbursement => "원인행위액 ≥ 지출액",
        ReconciliationRule.WithinBudget => "원인행위액·지출액 ≤ 예산현액",
        ReconciliationRule.StatedRate => "표기 비율 = 금액으로 계산한 비율",
        ReconciliationRule.SameFigures => "같은 사업·같은 기준일은 어느 표에서나 같은 금액",
        ReconciliationRule.SameResult => "같은 실적은 어느 부분에서나 같은 수치 (주요 실적·사업별 성과목표·좌석)",
        ReconciliationRule.RateNotation => "비율 표기 형식 (소수 한 자리, %)",
        _ => "대조하지 못한 항목 (참고)",
    };

    public static string Label(this FindingSeverity severity) => severity switch
    {
        FindingSeverity.Mismatch => "불일치",
        FindingSeverity.Notation => "표기",
        _ => "참고",
    };

    public static string Symbol(this FindingSeverity severity) => severity switch
    {
        FindingSeverity.Mismatch => "✕",
        FindingSeverity.Notation => "!",
        _ => "i",
    };
}
