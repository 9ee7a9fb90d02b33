using Fifty.Ops.Components;
using Fifty.Ops.Domain;

namespace Fifty.Ops.Features.Budget.Reconciliation;

/// <summary>
/// The same result stated in two sections of one report is the same figure: a headline result (Ⅱ 주요 사업 실적)
/// against the sum of the project targets' actuals it summarises (Ⅲ 사업별 성과목표), and the shared-office seats and
/// area the text totals against the per-campus table (and each campus's 개별 + 개방형 seats against its total). Only
/// figures the report prints are compared; a pair that cannot be formed is listed as not compared.
/// </summary>
public sealed class SameResultRule : IReconciliationRule
{
    public IEnumerable<Finding> Check(BudgetFacts data) => Headlines(data).Concat(Seats(data));

    private static IEnumerable<Finding> Headlines(BudgetFacts data)
    {
        var byProject = data.Results.Where(r => r.Kind == IndicatorKind.Project && r.ProjectCode is not null).ToLookup(r => r.ProjectCode!, StringComparer.Ordinal);
        foreach (var headline in data.Results.Where(r => r.Kind == IndicatorKind.Headline && r.RelatedProjectCodes.Count > 0))
        {
            if (headline.Value is not { } stated) continue;
            var parts = headline.RelatedProjectCodes.SelectMany(c => byProject[c]).ToList();
            var shown = new FindingValue($"주요 사업 실적 {headline.Code}", stated, headline.Raw, headline.Source.ToString());
            string? notCompared =
                headline.RelatedProjectCodes.Any(c => !byProject[c].Any()) ? "관련 사업의 성과목표 실적이 같은 기준일에 없습니다."
                : parts.Any(p => p.Value is null) ? "관련 사업 실적 일부가 숫자가 아닙니다."
                : parts.Any(p => p.Unit != headline.Unit) ? $"단위가 다릅니다 ({headline.Unit} / {string.Join("·", parts.Select(p => p.Unit).Distinct())})."
                : null;
            if (notCompared is not null)
            {
                yield return new Finding(ReconciliationRule.NotCompared, FindingSeverity.Info, headline.Code, headline.Name, "실적", FindingUnit.Count,
                    shown, new FindingValue(notCompared, null, Fmt.None, "—"), "대조하지 않았습니다.");
                continue;
            }

            var sum = parts.Sum(p => p.Value!.Value);
            if (sum == stated) continue;
            yield return new Finding(ReconciliationRule.SameResult, FindingSeverity.Mismatch, headline.Code, headline.Name, $"실적 ({headline.Unit})", FindingUnit.Count,
                shown,
                new FindingValue($"사업별 성과목표 실적 합계 ({string.Join(" + ", parts.Select(p => $"{p.ProjectCode} {p.Raw}"))})", sum, $"{Fmt.Number(sum)}{headline.Unit}", "계산"),
                "주요 사업 실적과 그 실적이 요약하는 사업별 성과목표의 실적이 다릅니다.");
        }
    }

    private static IEnumerable<Finding> Seats(BudgetFacts data)
    {
        var campuses = data.Offices.Where(o => o.CampusCode != "total").ToList();
        foreach (var office in campuses)
        {
            if (office is not { Seats: { } seats, PrivateSeats: { } own, OpenSeats: { } open } || own + open == seats) continue;
            yield return new Finding(ReconciliationRule.SameResult, FindingSeverity.Mismatch, office.CampusCode, "공유사무실 좌석", "좌석 (석)", FindingUnit.Count,
                new FindingValue($"공유사무실 {office.CampusCode} 좌석", seats, $"{seats:#,##0}석", office.Source.ToString()),
                new FindingValue($"개별 {own:#,##0}석 + 개방형 {open:#,##0}석 ({office.Raw})", own + open, $"{own + open:#,##0}석", "계산"));
        }

        foreach (var total in data.Offices.Where(o => o.CampusCode == "total"))
        {
            foreach (var (item, unit, stated, parts) in new (string, string, decimal?, List<decimal?>)[]
                     {
                         ("좌석", "석", total.Seats, campuses.Select(c => (decimal?)c.Seats).ToList()),
                         ("면적", "㎡", total.AreaM2, campuses.Select(c => c.AreaM2).ToList()),
                     })
            {
                if (stated is not { } value || campuses.Count == 0) continue;
                if (parts.Any(p => p is null))
                {
                    yield return new Finding(ReconciliationRule.NotCompared, FindingSeverity.Info, "공유사무실", $"공유사무실 {item} 합계", $"{item} ({unit})", FindingUnit.Count,
                        new FindingValue($"본문 {item} 합계", value, $"{Fmt.Number(value)}{unit}", total.Source.ToString()),
                        new FindingValue("캠퍼스별 표에 값이 없는 캠퍼스가 있습니다.", null, Fmt.None, "—"), "대조하지 않았습니다.");
                    continue;
                }

                var sum = parts.Sum(p => p!.Value);
                if (sum == value) continue;
                yield return new Finding(ReconciliationRule.SameResult, FindingSeverity.Mismatch, "공유사무실", $"공유사무실 {item} 합계", $"{item} ({unit})", FindingUnit.Count,
                    new FindingValue($"본문 {item} 합계 ({total.Raw})", value, $"{Fmt.Number(value)}{unit}", total.Source.ToString()),
                    new FindingValue($"캠퍼스별 {item} 합계 ({string.Join(" + ", campuses.Select(c => c.CampusCode))})", sum, $"{Fmt.Number(sum)}{unit}", "계산"),
                    "본문의 합계와 캠퍼스별 표의 합계가 다릅니다.");
            }
        }
    }
}
