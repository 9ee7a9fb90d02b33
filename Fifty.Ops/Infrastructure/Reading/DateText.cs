using System.Globalization;
using System.Text.RegularExpressions;

namespace Fifty.Ops.Infrastructure.Reading;

/// <summary>
/// Dates typed as 연-월-일 (<c>2023-12-31</c>; also <c>2023.12.31</c> and <c>2023/12/31</c>, any digit script). A text in
/// that shape whose day does not exist (<c>2025-02-29</c>) is told so, not given a format hint it already follows.
/// </summary>
public static partial class DateText
{
    public static bool TryRead(string? text, out DateOnly value, out string? error)
    {
        value = default;
        error = null;
        var (folded, foldError) = NumberText.Fold(text ?? "");
        var t = folded.Trim().TrimEnd('.');
        if (foldError is not null)
        {
            error = foldError;
            return false;
        }

        var match = Shape().Match(t);
        if (!match.Success)
        {
            error = "2023-12-31처럼 연-월-일로 입력하세요";
            return false;
        }

        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        if (year is < 1 or > 9999 || month is < 1 or > 12)
        {
            error = $"{t}: 월은 1~12 사이여야 합니다";
            return false;
        }

        var days = DateTime.DaysInMonth(year, month);
        if (day < 1 || day > days)
        {
            error = $"{t}는 없는 날짜입니다 ({year}년 {month}월은 {days}일까지 있습니다)";
            return false;
        }

        value = new DateOnly(year, month, day);
        return true;
    }

    [GeneratedRegex(@"^(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})$")]
    private static partial Regex Shape();
}
