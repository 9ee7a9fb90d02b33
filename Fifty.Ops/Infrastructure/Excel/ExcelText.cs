using System.Text;

namespace Fifty.Ops.Infrastructure.Excel;

/// <summary>Makes text from data safe to put in a cell.</summary>
public static class ExcelText
{
    /// <summary>
    /// Characters that start a formula when a spreadsheet reads typed (or CSV) text. Text that would run as a formula gets
    /// a leading apostrophe (the OWASP recommendation): it is visible, so the value is never silently turned into one.
    /// </summary>
    private static readonly char[] FormulaTriggers = ['=', '+', '-', '@'];

    /// <summary>Text as it may be written into a cell: XML-illegal characters removed, formulas escaped.</summary>
    public static string ForCell(string? text) => EscapeFormula(StripIllegalXml(text ?? ""));

    /// <summary>
    /// Adds an apostrophe only to text a spreadsheet would run as a formula: after any leading whitespace, one of
    /// <c>= + - @</c> followed by something. A lone trigger (<c>-</c>, the reports' empty-value mark) and a plain signed
    /// number (<c>-48,608</c>, <c>+3.5%</c>: read as a number, never run) are written as they are.
    /// </summary>
    public static string EscapeFormula(string text) => RunsAsFormula(text) ? "'" + text : text;

    /// <summary>
    /// Reverses <see cref="EscapeFormula"/> when reading a workbook back: Excel keeps an apostrophe typed before text out
    /// of the cell's value, so one stored in the value before a formula came from our escaping.
    /// </summary>
    public static string UnescapeFormula(string text) =>
        text.Length > 1 && text[0] == '\'' && RunsAsFormula(text[1..]) ? text[1..] : text;

    /// <summary>True when a spreadsheet would evaluate the text as a formula if it were typed into a cell.</summary>
    public static bool RunsAsFormula(string text)
    {
        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start])) start++;
        if (start >= text.Length || Array.IndexOf(FormulaTriggers, text[start]) < 0) return false;
        var rest = text.AsSpan(start + 1).Trim();
        if (rest.IsEmpty) return false;
        return !(text[start] is '-' or '+' && IsPlainNumber(rest));
    }

    private static bool IsPlainNumber(ReadOnlySpan<char> text)
    {
        var digits = 0;
        var dot = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c)) digits++;
            else if (c == ',' && digits > 0 && !dot) { }
            else if (c == '.' && !dot) dot = true;
            else if (c == '%' && i == text.Length - 1 && digits > 0) { }
            else return false;
        }

        return digits > 0;
    }

    /// <summary>Removes what XML 1.0 cannot carry (control characters other than tab, LF, CR; U+FFFE/U+FFFF; lone surrogates).</summary>
    public static string StripIllegalXml(string text)
    {
        if (text.All(IsLegalBmp)) return text;
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(c).Append(text[++i]);
            }
            else if (!char.IsSurrogate(c) && IsLegalBmp(c))
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    /// <summary>Escapes text for a page header or footer, where '&amp;' starts a field code.</summary>
    public static string ForHeaderFooter(string text) => StripIllegalXml(text).Replace("&", "&&", StringComparison.Ordinal);

    private static bool IsLegalBmp(char c) =>
        c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
}
