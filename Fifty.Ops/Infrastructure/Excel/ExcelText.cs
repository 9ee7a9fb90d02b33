using System.Text;

namespace Fifty.Ops.Infrastructure.Excel;

/// <summary>Makes text from data safe to put in a cell.</summary>
public static class ExcelText
{
    /// <summary>
    /// Characters that make a spreadsheet (or a CSV saved from it) read the cell as a formula. Such text gets a leading
    /// apostrophe, the OWASP recommendation: it is visible, so the value is never silently altered into a formula.
    /// </summary>
    private static readonly char[] FormulaTriggers = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>Text as it may be written into a cell: XML-illegal characters removed, formula triggers escaped.</summary>
    public static string ForCell(string? text) => EscapeFormula(StripIllegalXml(text ?? ""));

    public static string EscapeFormula(string text) =>
        text.Length > 0 && Array.IndexOf(FormulaTriggers, text[0]) >= 0 ? "'" + text : text;

    /// <summary>
    /// Reverses <see cref="EscapeFormula"/> when reading a workbook back: Excel keeps an apostrophe typed before text out
    /// of the cell's value, so one stored in the value came from our escaping.
    /// </summary>
    public static string UnescapeFormula(string text) =>
        text.Length > 1 && text[0] == '\'' && Array.IndexOf(FormulaTriggers, text[1]) >= 0 ? text[1..] : text;

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
