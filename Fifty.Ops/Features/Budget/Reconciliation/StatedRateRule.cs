using System.Globalization;
using Fifty.Ops.Components;

namespace Fifty.Ops.Features.Budget.Reconciliation;

/// <summary>
/// A rate the source prints must match the amounts beside it, at the precision it is printed with (54.14% is checked to
/// two decimals, rounded half away from zero as the reports round). Irregular writing (no "%", a comma for the decimal
/// point, other than one decimal) is listed separately as a notation finding, since the figure itself may be right.
/// </summary>
public sealed class StatedRateRule : IReconciliationRule
{
    private sealed record RateColumn(string Label, string Formula, Func<LineFact, string?> Raw, Func<LineFact, decimal?> Amount);

    private static readonly RateColumn[] Columns =
    [
        new("집행률(원인행위 기준)", "원인행위액", l => l.RateCommittedRaw, l => l.Committed),
        new("집행률(지출 기준)", "지출액", l => l.RateDisbursedRaw, l => l.Disbursed),
        new("예상 집행률", "연말 집행예상액", l => l.ForecastRateRaw, l => l.Forecast),
    ];

    public IEnumerable<Finding> Check(BudgetFacts data) => Lines(data).Concat(CostShares(data));

    private static IEnumerable<Finding> Lines(BudgetFacts data)
    {
        foreach (var line in data.Lines)
        {
            foreach (var column in Columns)
            {
                if (column.Raw(line) is not { } raw || raw.Trim() is "-" or "—" or "") continue;
                var code = line.Code ?? "—";
                var name = data.NameOf(line);
                var stated = StatedRateText.Parse(raw);
                var statedValue = new FindingValue(line.Where, stated?.Percent, raw, line.Source.ToString());
                if (stated is null)
                {
                    yield return NotCompared(code, name, column.Label, statedValue, "비율로 읽을 수 없는 표기입니다.");
                    continue;
                }

                if (column.Amount(line) is { } amount && line.CurrentBudget is { } budget && budget != 0)
                {
                    var computed = amount / budget * 100m;
                    var rounded = stated.RoundLikeSource(computed);
                    if (rounded != stated.Percent)
                    {
                        yield return new Finding(
                            ReconciliationRule.StatedRate, FindingSeverity.Mismatch, code, name, column.Label, FindingUnit.Percent,
                            statedValue,
                            new FindingValue($"계산: {column.Formula} {Fmt.Amount(amount)} ÷ 예산현액 {Fmt.Amount(budget)} (같은 행)", rounded, Percent(rounded, stated.Decimals, computed), "계산"),
                            TruncationNote(stated, computed));
                    }
                }
                else
                {
                    yield return NotCompared(code, name, column.Label, statedValue, $"같은 행에 {column.Formula} 또는 예산현액이 없어 계산할 수 없습니다.");
                }

                var issues = stated.NotationIssues(percentSignExpected: true);
                if (issues.Count > 0)
                {
                    yield return new Finding(
                        ReconciliationRule.RateNotation, FindingSeverity.Notation, code, name, column.Label, FindingUnit.None,
                        statedValue,
                        new FindingValue("보고서 표기 방식 (소수 한 자리, %)", null, stated.Conventional, "표기 기준"),
                        string.Join(", ", issues));
                }
            }
        }
    }

    /// <summary>비중 of 분야별 사업비: each area's share of the table's stated total.</summary>
    private static IEnumerable<Finding> CostShares(BudgetFacts data)
    {
        foreach (var share in data.CostShares)
        {
            if (StatedRateText.Parse(share.ShareRaw) is not { } stated) continue;
            var total = data.CostShares.FirstOrDefault(s => s.IsTotal && s.AsOf == share.AsOf);
            if (total is null || total.Amount == 0) continue;
            var computed = share.IsTotal ? 100m : share.Amount / total.Amount * 100m;
            var rounded = stated.RoundLikeSource(computed);
            if (rounded == stated.Percent) continue;
            yield return new Finding(
                ReconciliationRule.StatedRate, FindingSeverity.Mismatch, "분야별 사업비", share.Area, "비중", FindingUnit.Percent,
                new FindingValue($"분야별 사업비 표 {share.Area} 행", stated.Percent, share.ShareRaw!, share.Source.ToString()),
                new FindingValue($"계산: 사업비 {Fmt.Amount(share.Amount)} ÷ 합계 {Fmt.Amount(total.Amount)} (같은 표)", rounded, Percent(rounded, stated.Decimals, computed), "계산"),
                TruncationNote(stated, computed));
        }
    }

    private static string Percent(decimal rounded, int decimals, decimal exact) =>
        rounded.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "% (" + exact.ToString("0.000", CultureInfo.InvariantCulture) + "%)";

    private static string? TruncationNote(StatedRateText stated, decimal computed) =>
        stated.IsTruncationOf(computed) ? "원자료는 반올림하지 않고 버린 값으로 보입니다." : null;

    private static Finding NotCompared(string code, string name, string item, FindingValue stated, string note) =>
        new(ReconciliationRule.NotCompared, FindingSeverity.Info, code, name, item, FindingUnit.Percent, stated,
            new FindingValue("—", null, Fmt.None, "—"), note);
}
