using System.Globalization;
using Fifty.Ops.Infrastructure;

namespace Fifty.Ops.Components;

/// <summary>
/// How figures are written everywhere in the UI and exports: thousands separators, one-decimal percentages rounded
/// half away from zero (as the foundation's reports round), and an em dash for "no value" rather than a fake zero.
/// </summary>
public static class Fmt
{
    private static readonly CultureInfo Ko = CultureInfo.GetCultureInfo("ko-KR");
    public const string None = "—";

    public static string Amount(decimal? value) => value is null ? None : value.Value.ToString("#,##0", Ko);

    /// <summary>"1,234 천원" for an amount, a single "—" (no unit) for none: a unit beside a dash reads as a value.</summary>
    public static string Amount(decimal? value, string unit) => value is null ? None : $"{Amount(value)} {unit}";

    public static string Number(decimal? value) =>
        value is null ? None : value.Value == decimal.Truncate(value.Value) ? value.Value.ToString("#,##0", Ko) : value.Value.ToString("#,##0.##", Ko);

    /// <summary>A ratio (0.934) written as a one-decimal percentage (93.4%).</summary>
    public static string Percent(decimal? ratio) =>
        ratio is null ? None : Math.Round(ratio.Value * 100m, 1, MidpointRounding.AwayFromZero).ToString("#,##0.0", Ko) + "%";

    /// <summary>A difference of two ratios (−0.145) in percentage points with its sign (−14.5%p).</summary>
    public static string PercentPoints(decimal? ratioDifference) =>
        ratioDifference is null ? None
            : (ratioDifference.Value > 0 ? "+" : "") + Math.Round(ratioDifference.Value * 100m, 1, MidpointRounding.AwayFromZero).ToString("#,##0.0", Ko) + "%p";

    public static string Date(DateOnly? date) => date is null ? None : $"{date.Value.Year}. {date.Value.Month}. {date.Value.Day}.";

    public static string AsOf(DateOnly date) => $"{Date(date)} 기준";

    /// <summary>A moment as Korean staff read it: Korea time, to the minute ("2026. 11. 23. 10:05 (KST)").</summary>
    public static string Time(DateTimeOffset? moment) =>
        moment is null ? None : moment.Value.ToKorea().ToString("yyyy. M. d. HH:mm", CultureInfo.InvariantCulture) + " (KST)";

    /// <summary>The source label of a figure a planner entered: "입력 (planner, 2026. 11. 23. 10:05 (KST))".</summary>
    public static string Entered(string? by, DateTimeOffset? at) =>
        $"입력 ({(string.IsNullOrWhiteSpace(by) ? "(로그인 없음)" : by)}, {Time(at)})";

    public static decimal? Ratio(decimal? numerator, decimal? denominator) =>
        numerator is null || denominator is null || denominator == 0 ? null : numerator / denominator;
}
