using Fifty.Ops.Infrastructure.Reading;

namespace Fifty.Ops.Data.Seeding;

/// <summary>
/// Reads the number(s) out of an indicator cell as printed: <c>27,685 (5,383)</c> is a total with a sub-count,
/// <c>6/650</c> is sessions/people, <c>1만건</c> is 10,000, <c>1억 2천만</c> is 120,000,000, <c>진행중</c> and <c>-</c> hold
/// no number. The first number is the main one. Digits of any script are read by <see cref="NumberText"/>; a number that
/// cannot be read for sure (bad separators, an exponent, a negative count, beyond 999,999,999,999) gives an error and
/// no value, so nothing is computed on a misread figure.
/// </summary>
public static class IndicatorCellText
{
    public static IndicatorCellReading Read(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return new(null, null, null);
        var found = NumberText.FindAll(raw, out var folded, out var foldError);
        if (found.Count == 0) return new(null, null, null);
        if (foldError is not null) return new(null, null, foldError);

        var (main, mainError) = Value(found[0]);
        if (mainError is not null) return new(null, null, mainError);
        decimal? sub = null;
        if (found.Count > 1)
        {
            var between = folded[(found[0].Index + found[0].Length)..found[1].Index];
            if (between.Contains('(') || between.Contains('/'))
            {
                var (value, error) = Value(found[1]);
                if (error is not null) return new(null, null, "괄호 안이나 / 뒤의 숫자: " + error);
                sub = value;
            }
        }

        return new(main, sub, null);
    }

    /// <summary>The numbers of a cell, or (null, null) when it has none or they cannot be read (see <see cref="Read"/>).</summary>
    public static (decimal? Main, decimal? Sub) Parse(string? raw)
    {
        var reading = Read(raw);
        return (reading.Main, reading.Sub);
    }

    private static (decimal? Value, string? Error) Value(NumberText.Found found)
    {
        if (found.Error is not null) return (null, found.Error);
        if (found.Negative) return (null, "0 이상이어야 합니다 (음수는 쓸 수 없습니다)");
        return NumberText.Check(found.Value!.Value, NumberRules.Figure, out var value, out var error) ? (value, null) : (null, error);
    }
}
