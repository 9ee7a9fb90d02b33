using System.Globalization;

namespace Fifty.Ops.Infrastructure.Excel;

/// <summary>
/// Column widths in Excel's unit (the width of one '0' of the default font). A Hangul syllable, a CJK ideograph or a
/// full-width form is about twice as wide as a Latin digit, so counting characters alone cuts Korean labels short.
/// </summary>
public static class ColumnWidths
{
    private const double Padding = 2;

    public static double Of(string? text)
    {
        if (string.IsNullOrEmpty(text)) return Padding;
        // A wrapped cell is as wide as its longest line.
        return text.Split('\n').Max(line => line.Sum(Width)) + Padding;
    }

    /// <summary>The width that fits the widest text, within bounds (long names wrap rather than widen the sheet).</summary>
    public static double Fit(IEnumerable<string?> texts, double min = 8, double max = 60) =>
        Math.Clamp(texts.Select(Of).DefaultIfEmpty(min).Max(), min, max);

    private static double Width(char c) => IsWide(c) ? 2 : 1;

    private static bool IsWide(char c) =>
        c is (>= '\u1100' and <= '\u115F') // Hangul Jamo
            or (>= '\u2E80' and <= '\uA4CF') // CJK radicals … Yi, including Hangul compatibility Jamo and CJK ideographs
            or (>= '\uAC00' and <= '\uD7A3') // Hangul syllables
            or (>= '\uF900' and <= '\uFAFF') // CJK compatibility ideographs
            or (>= '\uFF00' and <= '\uFF60') // full-width forms
            or (>= '\uFFE0' and <= '\uFFE6')
        || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherSymbol && c >= '\u2460' && c <= '\u24FF'; // ① …
}
