using System.Globalization;
using System.Text.RegularExpressions;

namespace Fifty.Ops.Data.Seeding;

/// <summary>
/// Reads the number(s) out of an indicator cell as printed: <c>27,685 (5,383)</c> is a total with a sub-count,
/// <c>6/650</c> is sessions/people, <c>진행중</c> and <c>-</c> hold no number. The first number is the main one.
/// </summary>
public static partial class IndicatorCell
{
    public static (decimal? Main, decimal? Sub) Parse(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return (null, null);
        var matches = NumberPattern().Matches(raw);
        if (matches.Count == 0) return (null, null);
        var main = ToDecimal(matches[0].Value);
        decimal? sub = null;
        if (matches.Count > 1)
        {
            var between = raw[(matches[0].Index + matches[0].Length)..matches[1].Index];
            if (between.Contains('(') || between.Contains('/'))
            {
                sub = ToDecimal(matches[1].Value);
            }
        }

        return (main, sub);
    }

    private static decimal ToDecimal(string s) => decimal.Parse(s.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")]
    private static partial Regex NumberPattern();
}
