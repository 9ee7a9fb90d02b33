using System.Globalization;
using System.Text.RegularExpressions;

namespace Fifty.Ops.Features.Budget.Reconciliation;

/// <summary>
/// A rate cell as printed (<c>93.4%</c>, <c>54.14%</c>, <c>99.9</c>, <c>100,0%</c>): the number it states, to how many
/// decimals, and how it deviates from the reports' own convention (one decimal and a percent sign).
/// </summary>
public sealed partial record StatedRateText(string Raw, decimal Percent, int Decimals, bool HasPercentSign, bool CommaAsDecimalPoint)
{
    public static StatedRateText? Parse(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var match = RatePattern().Match(raw.Trim());
        if (!match.Success) return null;

        var whole = match.Groups["whole"].Value;
        var comma = match.Groups["comma"].Success;
        var fraction = comma ? match.Groups["comma"].Value : match.Groups["fraction"].Value;
        var percent = decimal.Parse(fraction.Length == 0 ? whole : $"{whole}.{fraction}", NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return new StatedRateText(raw, percent, fraction.Length, match.Groups["pct"].Success, comma);
    }

    /// <summary>The computed percentage rounded as the source should have rounded it: half away from zero, to its decimals.</summary>
    public decimal RoundLikeSource(decimal computedPercent) =>
        Math.Round(computedPercent, Decimals, MidpointRounding.AwayFromZero);

    /// <summary>True when the source figure is the computed one cut off rather than rounded (58.853% printed as 58.8%).</summary>
    public bool IsTruncationOf(decimal computedPercent)
    {
        var scale = (decimal)Math.Pow(10, Decimals);
        return decimal.Truncate(computedPercent * scale) / scale == Percent;
    }

    /// <summary>Korean descriptions of how the text departs from "one decimal and %"; empty when it does not.</summary>
    public IReadOnlyList<string> NotationIssues(bool percentSignExpected)
    {
        var issues = new List<string>();
        if (CommaAsDecimalPoint) issues.Add("소수점을 쉼표로 표기");
        if (percentSignExpected && !HasPercentSign) issues.Add("% 기호 없음");
        if (Decimals != 1) issues.Add(Decimals == 0 ? "소수 자리 없음" : $"소수 {Decimals}자리 (보고서 기준은 한 자리)");
        return issues;
    }

    /// <summary>The same figure in the reports' convention.</summary>
    public string Conventional => Math.Round(Percent, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    // A comma is a decimal point only when one or two digits follow it: "100,0%" is 100.0, never one thousand.
    [GeneratedRegex(@"^(?<whole>\d{1,3})(?:\.(?<fraction>\d{1,3})|,(?<comma>\d{1,2}))?\s*(?<pct>%)?$")]
    private static partial Regex RatePattern();
}
