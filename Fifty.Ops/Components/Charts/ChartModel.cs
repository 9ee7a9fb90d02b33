using System.Globalization;

namespace Fifty.Ops.Components.Charts;

/// <param name="Name">Legend text.</param>
/// <param name="CssClass">Fill class (<c>series-1</c>, <c>series-target</c> …) defined in app.css.</param>
/// <param name="Values">One value per category; null draws no bar and says "자료 없음" (never a zero bar).</param>
/// <param name="PointClasses">Optional per-point class, e.g. <c>partial</c> (hatched: a part-year figure) or <c>demo</c>.</param>
public sealed record ChartSeries(string Name, string CssClass, IReadOnlyList<decimal?> Values, IReadOnlyList<string?>? PointClasses = null);

/// <summary>Axis arithmetic of the bar chart, kept out of the markup so it can be tested and reused by a PDF renderer.</summary>
public static class ChartScale
{
    /// <summary>The smallest 1·2·2.5·5 × 10ⁿ at or above the value, so axis ticks are round numbers.</summary>
    public static decimal NiceCeiling(decimal value)
    {
        if (value <= 0) return 1;
        var exponent = (int)Math.Floor(Math.Log10((double)value));
        var magnitude = (decimal)Math.Pow(10, exponent);
        foreach (var step in new[] { 1m, 2m, 2.5m, 5m, 10m })
        {
            if (step * magnitude >= value) return step * magnitude;
        }

        return 10m * magnitude;
    }

    public static string Svg(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
