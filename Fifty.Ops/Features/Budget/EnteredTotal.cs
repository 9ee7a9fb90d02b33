using System.Text.Json.Serialization;
using Fifty.Ops.Components;

namespace Fifty.Ops.Features.Budget;

/// <summary>
/// The totals of a quarter while its lines are being entered (docs/decisions/0027-totals-mid-entry.md). A parent row of
/// the hierarchy stays empty (—) until every line below it has the figure, because a partial sum printed in a total's
/// place reads as the total. Beside it, once, this record states how many lines have figures and what they add up to:
/// "입력된 2/38개 세부사업 합계". Page, workbook and report print this one record.
/// </summary>
/// <param name="Lines">Lines of the year's structure without children (세부사업 and 일반관리비 items).</param>
/// <param name="Entered">Of those, lines with 예산현액, 원인행위액 or 지출액 in force (entered, reported or carried).</param>
/// <param name="CurrentBudget">Sum of 예산현액 over the lines that have one (천원); null when none has.</param>
/// <param name="Committed">Sum of 원인행위액 over the lines that have one (천원); null when none has.</param>
/// <param name="Disbursed">Sum of 지출액 over the lines that have one (천원); null when none has.</param>
/// <param name="CommittedBase">원인행위액 and 예산현액 summed over only the lines that have both.</param>
/// <param name="DisbursedBase">지출액 and 예산현액 summed over only the lines that have both.</param>
public sealed record EnteredTotal(
    int Lines, int Entered, decimal? CurrentBudget, decimal? Committed, decimal? Disbursed,
    PartialRateBase CommittedBase, PartialRateBase DisbursedBase)
{
    /// <summary>원인행위액 ÷ 예산현액 over only the lines that have both, so a line with a budget but no commitment yet does
    /// not lower the rate; null when no line has both.</summary>
    [JsonIgnore]
    public decimal? CommittedRate => Fmt.Ratio(CommittedBase.Amount, CommittedBase.Budget);

    /// <summary>How many lines <see cref="CommittedRate"/> is computed over.</summary>
    [JsonIgnore]
    public int CommittedRateLines => CommittedBase.Lines;

    /// <summary>How many lines <see cref="DisbursedRate"/> is computed over.</summary>
    [JsonIgnore]
    public int DisbursedRateLines => DisbursedBase.Lines;

    /// <summary>지출액 ÷ 예산현액 over only the lines that have both; null when no line has both.</summary>
    [JsonIgnore]
    public decimal? DisbursedRate => Fmt.Ratio(DisbursedBase.Amount, DisbursedBase.Budget);

    /// <summary>"입력된 2/38개 세부사업 합계".</summary>
    [JsonIgnore]
    public string Label => $"입력된 {Entered}/{Lines}개 세부사업 합계";

    /// <summary>Why the totals above stay empty and what the rates are computed over.</summary>
    [JsonIgnore]
    public string Note => $"상위 합계는 모든 세부사업에 값이 있어야 냅니다 ({Lines}개 중 {Entered}개 입력). "
                          + $"집행률은 두 값이 모두 있는 세부사업만으로 계산 (지출 기준 {DisbursedRateLines}개, 원인행위 기준 {CommittedRateLines}개).";

    /// <summary>One line for the report and the workbook.</summary>
    [JsonIgnore]
    public string Sentence => $"{Label}: 예산현액 {Fmt.Amount(CurrentBudget)}천원, 원인행위액 {Fmt.Amount(Committed)}천원, 지출액 {Fmt.Amount(Disbursed)}천원 "
                              + $"(집행률 지출 기준 {Fmt.Percent(DisbursedRate)}, 원인행위 기준 {Fmt.Percent(CommittedRate)}). {Note}";

    /// <summary>
    /// Null when the hierarchy's total already has 예산현액 and 지출액 (the appendix figures: every line has them, so
    /// nothing is added to the page, the workbook or a report; 원인행위액, stated per project only, keeps its own rule),
    /// or when the structure has no lines.
    /// </summary>
    /// <param name="leafCodes">The codes of the year's lines without children.</param>
    /// <param name="rows">The hierarchy as shown (<see cref="BudgetOverview.Execution"/>).</param>
    public static EnteredTotal? Of(IReadOnlyCollection<string> leafCodes, IReadOnlyList<ExecutionRow> rows)
    {
        if (leafCodes.Count == 0) return null;
        var total = rows.FirstOrDefault(r => r.Kind == Domain.ProgrammeKind.Total);
        if (total is { CurrentBudget: not null, Disbursed: not null }) return null;
        var byCode = rows.ToDictionary(r => r.Code, StringComparer.Ordinal);
        var lines = leafCodes.Select(c => byCode.GetValueOrDefault(c)).OfType<ExecutionRow>().ToList();
        decimal? Sum(IEnumerable<decimal?> values) => values.Any(v => v is not null) ? values.Sum() : null;
        var committedBoth = lines.Where(l => l is { CurrentBudget: not null, Committed: not null }).ToList();
        var disbursedBoth = lines.Where(l => l is { CurrentBudget: not null, Disbursed: not null }).ToList();
        return new EnteredTotal(
            leafCodes.Count,
            lines.Count(l => l.CurrentBudget is not null || l.Committed is not null || l.Disbursed is not null),
            Sum(lines.Select(l => l.CurrentBudget)), Sum(lines.Select(l => l.Committed)), Sum(lines.Select(l => l.Disbursed)),
            new PartialRateBase(Sum(committedBoth.Select(l => l.Committed)), Sum(committedBoth.Select(l => l.CurrentBudget)), committedBoth.Count),
            new PartialRateBase(Sum(disbursedBoth.Select(l => l.Disbursed)), Sum(disbursedBoth.Select(l => l.CurrentBudget)), disbursedBoth.Count));
    }
}

/// <summary>An amount and the 예산현액 it is a share of (천원), summed over the same <paramref name="Lines"/> lines.</summary>
public sealed record PartialRateBase(decimal? Amount, decimal? Budget, int Lines);
