namespace Fifty.Ops.Features.Budget;

/// <summary>Where a 연말 집행예상액 comes from; the page says so next to every figure.</summary>
public enum ForecastBasis
{
    /// <summary>Neither stated nor computable.</summary>
    None,
    /// <summary>As printed in the report (per-project 예산집행현황).</summary>
    Stated,
    /// <summary>Computed by <see cref="YearEndForecast.Estimate"/>.</summary>
    Estimated,
    /// <summary>Sum of the children, every one of them stated.</summary>
    StatedSum,
    /// <summary>Sum of the children, some of them estimated.</summary>
    MixedSum,
    /// <summary>Entered by a planner for the period (labelled 입력, never 보고서).</summary>
    Entered,
    /// <summary>Sum of the children, every one stated or entered, at least one entered.</summary>
    EnteredSum,
}

/// <param name="Stated">The year-end forecast the source prints for this row, if any.</param>
/// <param name="StatedIsEntered">True when <paramref name="Stated"/> is a planner's entry rather than the report's figure.</param>
public sealed record ForecastInput(string Code, string? ParentCode, decimal? CurrentBudget, decimal? Committed, decimal? Disbursed, decimal? Stated, bool StatedIsEntered = false);

public sealed record ForecastResult(decimal? Amount, ForecastBasis Basis);

/// <summary>
/// Year-end forecast: the report's own figure where it gives one; otherwise the disbursements so far extrapolated
/// linearly to the year end (지출액 ÷ elapsed share of the year), never below what is already disbursed or committed and
/// never above 예산현액. A parent is the sum of its children so the tree adds up.
/// </summary>
public static class YearEndForecast
{
    public static string Method(decimal elapsedShare) =>
        $"지출액 ÷ 경과 비율 {Components.Fmt.Percent(elapsedShare)} (원인행위액·지출액 이상, 예산현액 이하)";

    public static decimal? Estimate(decimal? currentBudget, decimal? committed, decimal? disbursed, decimal elapsedShare)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(elapsedShare);
        if (disbursed is null) return null;
        var linear = disbursed.Value / elapsedShare;
        if (currentBudget is { } budget) linear = Math.Min(linear, budget);
        // Obligations already incurred will be paid, and over-commitment stays visible rather than being capped away.
        var floor = Math.Max(disbursed.Value, committed ?? 0m);
        return Math.Round(Math.Max(linear, floor), 0, MidpointRounding.AwayFromZero);
    }

    public static IReadOnlyDictionary<string, ForecastResult> ForTree(IReadOnlyList<ForecastInput> rows, decimal elapsedShare)
    {
        var children = rows.Where(r => r.ParentCode is not null).ToLookup(r => r.ParentCode!);
        var results = new Dictionary<string, ForecastResult>(StringComparer.Ordinal);

        ForecastResult Of(ForecastInput row)
        {
            if (results.TryGetValue(row.Code, out var done)) return done;
            var kids = children[row.Code].ToList();
            ForecastResult result;
            if (row.Stated is not null)
            {
                result = new ForecastResult(row.Stated, row.StatedIsEntered ? ForecastBasis.Entered : ForecastBasis.Stated);
            }
            else if (kids.Count == 0)
            {
                var estimate = Estimate(row.CurrentBudget, row.Committed, row.Disbursed, elapsedShare);
                result = new ForecastResult(estimate, estimate is null ? ForecastBasis.None : ForecastBasis.Estimated);
            }
            else
            {
                var parts = kids.Select(Of).ToList();
                result = parts.Any(p => p.Amount is null)
                    ? new ForecastResult(null, ForecastBasis.None)
                    : new ForecastResult(parts.Sum(p => p.Amount),
                        parts.All(p => p.Basis is ForecastBasis.Stated or ForecastBasis.StatedSum) ? ForecastBasis.StatedSum
                        : parts.All(p => p.Basis is ForecastBasis.Stated or ForecastBasis.StatedSum or ForecastBasis.Entered or ForecastBasis.EnteredSum) ? ForecastBasis.EnteredSum
                        : ForecastBasis.MixedSum);
            }

            results[row.Code] = result;
            return result;
        }

        foreach (var row in rows) Of(row);
        return results;
    }

    public static string Label(this ForecastBasis basis) => basis switch
    {
        ForecastBasis.Stated => "보고서",
        ForecastBasis.Estimated => "추정",
        ForecastBasis.StatedSum => "보고서 합계",
        ForecastBasis.MixedSum => "합계(일부 추정)",
        ForecastBasis.Entered => "입력",
        ForecastBasis.EnteredSum => "입력·보고서 합계",
        _ => "없음",
    };

    /// <summary>The mark shown before a forecast that is not printed in the report.</summary>
    public static string Mark(this ForecastBasis basis) => basis switch
    {
        ForecastBasis.Estimated => "≈",
        ForecastBasis.MixedSum => "≈",
        _ => "",
    };
}
