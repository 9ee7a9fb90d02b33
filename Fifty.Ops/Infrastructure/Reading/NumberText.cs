using System.Globalization;
using System.Text;

namespace Fifty.Ops.Infrastructure.Reading;

/// <summary>
/// What a number field accepts. <see cref="Max"/> bounds the magnitude; <see cref="UnitWords"/> allows 만·억·조 and
/// 천·백·십 (<c>1억 2천만</c>, <c>1만5천</c>); <see cref="Suffixes"/> are unit names written after the number (<c>9,800건</c>).
/// </summary>
public sealed record NumberRules(bool AllowNegative, bool WholeOnly, bool UnitWords, decimal Max, IReadOnlyList<string> Suffixes, string MaxText)
{
    public const decimal Largest = 999_999_999_999m;

    /// <summary>천원 amounts: whole, ≥ 0, no unit words (is <c>1억</c> 1억원 or 1억 천원?), at most 999,999,999,999.</summary>
    public static readonly NumberRules Amount = new(false, true, false, Largest, ["천원"], "999,999,999,999천원");

    /// <summary>천원 amounts that may be negative (추경, 예산변경), written <c>-48,608</c> or <c>△48,608</c>.</summary>
    public static readonly NumberRules SignedAmount = Amount with { AllowNegative = true };

    /// <summary>Counts (명, 건, 개, 석): whole, ≥ 0, unit words allowed, at most 2,147,483,647 (they are stored as int).</summary>
    public static readonly NumberRules Count = new(false, true, true, int.MaxValue, ["명", "건", "개", "석", "회"], "2,147,483,647");

    /// <summary>Indicator figures (목표·실적 as written): ≥ 0, decimals and unit words allowed, at most 999,999,999,999.</summary>
    public static readonly NumberRules Figure = new(false, false, true, Largest, [], "999,999,999,999");
}

/// <summary>
/// The one reader of numbers typed by people, in forms and in uploaded workbooks. It never throws: a text is either a
/// number or a Korean message saying why not. Full-width digits (<c>１２３</c>) are refused with
/// <see cref="FullWidthDigits"/>; any other Unicode decimal digit is read by its value (Arabic-Indic <c>١٢٣</c>) as long as
/// one number does not mix scripts; full-width punctuation, the Arabic separators,
/// NBSP and thin spaces, and the minus signs <c>-</c> <c>−</c> <c>－</c> <c>△</c> <c>▲</c> are folded to their plain form.
/// Thousands separators must sit every three digits (<c>1,2</c> is refused, not read as 1 or 12); exponents (<c>1e20</c>)
/// and accounting parentheses are refused with the form to use instead.
/// </summary>
public static class NumberText
{
    private const string SmallUnits = "십백천";
    private const string BigUnits = "만억조";

    /// <summary>Reads a whole field. Blank is "not entered" (true, null). False with a Korean <paramref name="error"/> otherwise.</summary>
    public static bool TryRead(string? text, NumberRules rules, out decimal? value, out string? error)
    {
        value = null;
        error = null;
        var (t, fold) = Fold(text ?? "");
        t = t.Trim();
        if (t.Length == 0) return true;
        if (fold is not null)
        {
            error = fold;
            return false;
        }

        if (t.Length >= 2 && t[0] == '(' && t[^1] == ')' && t.Skip(1).Take(t.Length - 2).Any(char.IsAsciiDigit))
        {
            error = $"괄호로 쓴 음수는 읽지 않습니다. -{t[1..^1].Trim()} 또는 △{t[1..^1].Trim()}처럼 입력하세요";
            return false;
        }

        var negative = false;
        if (t[0] == '-')
        {
            negative = true;
            t = t[1..].TrimStart();
        }

        foreach (var suffix in rules.Suffixes.OrderByDescending(s => s.Length))
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal) && t.Length > suffix.Length && !(suffix == "천원" && t.EndsWith("만천원", StringComparison.Ordinal)))
            {
                t = t[..^suffix.Length].TrimEnd();
                break;
            }
        }

        var reading = ReadPhrase(t, 0, rules.UnitWords, wholeText: true);
        if (reading.Error is { } phraseError)
        {
            error = phraseError;
            return false;
        }

        if (reading.Length != t.Length || reading.Value is null)
        {
            var rest = t[reading.Length..];
            error = !rules.UnitWords && t.Any(c => SmallUnits.Contains(c) || BigUnits.Contains(c)) && t.Any(char.IsAsciiDigit) && !t.Any(c => c is >= '가' and <= '힣' && !SmallUnits.Contains(c) && !BigUnits.Contains(c) && c != '원')
                ? $"만·억 같은 단위 말은 쓸 수 없습니다. {UnitHint(rules)} 숫자로만 입력하세요"
                : rest.StartsWith('원') && rules.Suffixes.Contains("천원")
                    ? "천원 단위로 입력하세요 (원 단위 금액이면 1,000으로 나누어 적으세요)"
                    : "숫자가 아닙니다";
            return false;
        }

        return Check(negative ? -reading.Value.Value : reading.Value.Value, rules, out value, out error);
    }

    /// <summary>Applies the rules' sign, whole-number and magnitude bounds to a number already read (also a number cell of a workbook).</summary>
    public static bool Check(decimal number, NumberRules rules, out decimal? value, out string? error)
    {
        value = null;
        error = null;
        if (number < 0 && !rules.AllowNegative)
        {
            error = "0 이상이어야 합니다";
            return false;
        }

        if (Math.Abs(number) > rules.Max)
        {
            error = $"너무 큽니다 (최대 {rules.MaxText})";
            return false;
        }

        if (rules.WholeOnly && number != decimal.Truncate(number))
        {
            error = rules.Suffixes.Contains("천원") ? "천원 단위의 정수로 입력하세요 (소수 불가)" : "정수로 입력하세요 (소수 불가)";
            return false;
        }

        value = number;
        return true;
    }

    /// <summary>Reads a whole number with <see cref="NumberRules.Count"/>-like bounds into an int, or a message.</summary>
    public static bool TryReadWhole(string? text, int min, int max, out int? value, out string? error)
    {
        value = null;
        var rules = new NumberRules(min < 0, true, false, Math.Max(Math.Abs((decimal)min), max), [], max.ToString("#,##0", CultureInfo.InvariantCulture));
        if (!TryRead(text, rules, out var d, out error)) return false;
        if (d is null) return true;
        if (d < min || d > max)
        {
            error = $"{min}~{max} 사이여야 합니다";
            return false;
        }

        value = (int)d.Value;
        return true;
    }

    private static string UnitHint(NumberRules rules) => rules.Suffixes.Contains("천원") ? "천원 단위" : "아라비아";

    /// <summary>A number found in free text: where it starts, how long it is, its value, or why it cannot be read.</summary>
    public readonly record struct Found(int Index, int Length, decimal? Value, string? Error, bool Negative);

    /// <summary>
    /// The numbers in a free text (an indicator cell such as <c>27,685 (5,383)</c>, <c>1억 2천만 원</c>, <c>목표 1만건</c>),
    /// in order, each with its value or why it cannot be read. <paramref name="folded"/> is the text the indices refer to.
    /// </summary>
    public static IReadOnlyList<Found> FindAll(string text, out string folded, out string? foldError)
    {
        (folded, foldError) = Fold(text);
        var list = new List<Found>();
        var s = folded;
        var i = 0;
        while (i < s.Length)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                i++;
                continue;
            }

            var reading = ReadPhrase(s, i, unitWords: true, wholeText: false);
            var start = i;
            // A sign counts when it stands before the number (start of text, after a space or an opening bracket).
            var negative = start > 0 && s[start - 1] == '-' && (start == 1 || s[start - 2] is ' ' or '(' or '/' or ':');
            var error = reading.Error;
            var end = start + reading.Length;
            if (error is null && end < s.Length - 1 && s[end] is 'e' or 'E' && (char.IsAsciiDigit(s[end + 1]) || (s[end + 1] is '+' or '-' && end + 2 < s.Length && char.IsAsciiDigit(s[end + 2]))))
                error = "지수 표기(1e20 같은)는 쓸 수 없습니다. 숫자를 모두 적으세요";
            list.Add(new Found(start, Math.Max(reading.Length, 1), error is null ? reading.Value : null, error, negative));
            i = start + Math.Max(reading.Length, 1);
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] is ',' or '.')) i++;
        }

        return list;
    }

    private readonly record struct Phrase(int Length, decimal? Value, string? Error);

    /// <summary>
    /// Reads a number phrase from <paramref name="start"/>: digits with separators, optionally a decimal part, and, with
    /// <paramref name="unitWords"/>, Korean place words (<c>1억 2천만</c> = 120,000,000). Stops at the first character that
    /// cannot continue it; an ill-formed phrase comes back with its error.
    /// </summary>
    private static Phrase ReadPhrase(string s, int start, bool unitWords, bool wholeText)
    {
        decimal total = 0, section = 0;
        decimal? current = null;
        var lastBig = decimal.MaxValue;
        var lastSmall = decimal.MaxValue;
        var any = false;
        var i = start;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c))
            {
                if (current is not null) return new Phrase(i - start, null, "숫자 사이에 빈칸이 있습니다. 1,234처럼 쉼표를 쓰거나 붙여 쓰세요");
                var (length, number, error) = ReadDigits(s, i, wholeText);
                if (error is not null) return new Phrase(i - start + length, null, error);
                current = number;
                any = true;
                i += length;
            }
            else if (unitWords && SmallUnits.Contains(c) && current is not null)
            {
                var unit = c switch { '십' => 10m, '백' => 100m, _ => 1000m };
                if (unit >= lastSmall) return new Phrase(i - start + 1, null, "단위 말의 순서가 맞지 않습니다 (예: 1억 2천만, 3천5백)");
                section += current.Value * unit;
                lastSmall = unit;
                current = null;
                i++;
            }
            else if (unitWords && BigUnits.Contains(c) && (current is not null || section > 0))
            {
                var unit = c switch { '만' => 10_000m, '억' => 100_000_000m, _ => 1_000_000_000_000m };
                if (unit >= lastBig) return new Phrase(i - start + 1, null, "단위 말의 순서가 맞지 않습니다 (예: 1억 2천만, 3천5백)");
                var part = section + (current ?? 0);
                if (part >= 10_000m) return new Phrase(i - start + 1, null, $"'{c}' 앞의 숫자가 너무 큽니다 (예: 1억 2천만, 12,000만이 아니라 1억 2천만)");
                if (part * unit > NumberRules.Largest * 10) return new Phrase(i - start + 1, null, "너무 큽니다 (최대 999,999,999,999)");
                total += part * unit;
                lastBig = unit;
                lastSmall = decimal.MaxValue;
                section = 0;
                current = null;
                i++;
            }
            else if (unitWords && BigUnits.Contains(c) && lastBig != decimal.MaxValue)
            {
                return new Phrase(i - start + 1, null, "단위 말의 순서가 맞지 않습니다 (예: 1억 2천만, 3천5백)");
            }
            else if (c == ' ' && any && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]) && unitWords && lastBig != decimal.MaxValue && current is null && section == 0)
            {
                i++; // 1억 2천만: a space after a place word continues the number
            }
            else if (c == ' ' && current is not null && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))
            {
                return new Phrase(i - start + 1, null, "숫자 사이에 빈칸이 있습니다. 1,234처럼 쉼표를 쓰거나 붙여 쓰세요");
            }
            else
            {
                break;
            }
        }

        if (!any) return new Phrase(i - start, null, null);
        return new Phrase(i - start, total + section + (current ?? 0), null);
    }

    /// <summary>Digits with thousands separators every three digits and an optional decimal part.</summary>
    private static (int Length, decimal Value, string? Error) ReadDigits(string s, int start, bool wholeText)
    {
        var i = start;
        var groups = new List<int>();
        var digitsInGroup = 0;
        var raw = new StringBuilder();
        while (i < s.Length)
        {
            if (char.IsAsciiDigit(s[i]))
            {
                raw.Append(s[i]);
                digitsInGroup++;
                i++;
            }
            else if (s[i] == ',' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]) && digitsInGroup > 0)
            {
                groups.Add(digitsInGroup);
                digitsInGroup = 0;
                i++;
            }
            else
            {
                break;
            }
        }

        groups.Add(digitsInGroup);
        if (groups.Count > 1 && (groups[0] > 3 || groups.Skip(1).Any(g => g != 3)))
            return (i - start, 0, "쉼표 자리가 맞지 않습니다 (1,234,567처럼 세 자리마다 쉼표를 씁니다)");
        if (i < s.Length && s[i] == ',' && wholeText)
            return (i - start + 1, 0, "쉼표 자리가 맞지 않습니다 (1,234,567처럼 세 자리마다 쉼표를 씁니다)");

        if (i + 1 < s.Length && s[i] == '.' && char.IsAsciiDigit(s[i + 1]))
        {
            raw.Append('.');
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) raw.Append(s[i++]);
            if (i + 1 < s.Length && s[i] is '.' or ',' && char.IsAsciiDigit(s[i + 1]))
                return (i - start + 1, 0, "소수점이나 쉼표가 여러 번 있습니다 (1,234.5처럼 쓰세요)");
        }

        if (i < s.Length && s[i] is 'e' or 'E' && i + 1 < s.Length && (char.IsAsciiDigit(s[i + 1]) || s[i + 1] is '+' or '-'))
            return (i - start + 1, 0, "지수 표기(1e20 같은)는 쓸 수 없습니다. 숫자를 모두 적으세요");

        // 29 significant digits at most fit a decimal; anything that long is beyond every bound anyway.
        var text = raw.ToString();
        if (text.Split('.')[0].TrimStart('0').Length > 20)
            return (i - start, 0, "너무 큽니다 (최대 999,999,999,999)");
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? (i - start, value, null)
            : (i - start, 0, "숫자가 아닙니다");
    }

    /// <summary>The refusal of a full-width digit (the product brief's rule, decision record 0010, amendment of issue 17).</summary>
    public const string FullWidthDigits = "전각 숫자(１２３)는 쓸 수 없습니다. 반각 숫자(123)로 입력하세요";

    /// <summary>
    /// Folds the ways people and spreadsheets write digits and signs to ASCII: any Unicode decimal digit by its value,
    /// full-width punctuation, the Arabic separators, every space kind to a space, minus and triangle signs to '-'; drops
    /// invisible format characters (zero-width space, direction marks). The error is <see cref="FullWidthDigits"/> when the
    /// text holds a full-width digit (<c>１２３</c>: refused, not read, so nothing typed in the IME's full-width mode is
    /// taken for a number the person did not check), otherwise set when digits of two scripts are mixed; the folded
    /// text is returned either way.
    /// </summary>
    public static (string Text, string? Error) Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        var zeros = new HashSet<int>();
        var fullWidth = false;
        foreach (var rune in text.EnumerateRunes())
        {
            var c = rune.Value;
            var category = Rune.GetUnicodeCategory(rune);
            if (category == UnicodeCategory.DecimalDigitNumber)
            {
                var digit = (int)Rune.GetNumericValue(rune);
                fullWidth |= c is >= 0xFF10 and <= 0xFF19;
                zeros.Add(c - digit);
                sb.Append((char)('0' + digit));
                continue;
            }

            if (category == UnicodeCategory.Format) continue;
            if (c is >= 0xFF01 and <= 0xFF5E)
            {
                c -= 0xFEE0; // full-width ASCII (，．－％（）)
            }

            switch (c)
            {
                case 0x066C or 0x2E34 or 0xFE50: sb.Append(','); break; // Arabic thousands separator, small comma
                case 0x066B or 0xFE52: sb.Append('.'); break; // Arabic decimal separator, small full stop
                case 0x2212 or 0x2012 or 0x2013 or 0x2010 or 0x2011 or 0xFE63 or '△' or '▲' or '▵' or '∆': sb.Append('-'); break;
                default:
                    if (Rune.IsWhiteSpace(new Rune(c))) sb.Append(' ');
                    else sb.Append(char.ConvertFromUtf32(c));
                    break;
            }
        }

        var folded = sb.ToString();
        if (fullWidth) return (folded, FullWidthDigits);
        return (folded, zeros.Count > 1 ? "서로 다른 문자 체계의 숫자가 섞여 있습니다 (예: 1과 ١). 한 가지 숫자로 입력하세요" : null);
    }
}
