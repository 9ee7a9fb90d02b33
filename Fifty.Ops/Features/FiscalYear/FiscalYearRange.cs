namespace Fifty.Ops.Features.FiscalYear;

/// <summary>The fiscal years the app takes (setup pages, structure workbook, rollover): 2000 to 2100.</summary>
public static class FiscalYearRange
{
    public const int First = 2000;
    public const int Last = 2100;

    /// <summary>The refusal of a year outside the range.</summary>
    public const string Refusal = "회계연도는 2000~2100 사이의 연도여야 합니다.";

    public static bool Contains(int year) => year is >= First and <= Last;

    /// <summary><paramref name="year"/> when it is in range, else null (a query string's year that a page ignores).</summary>
    public static int? InRange(int? year) => year is { } y && Contains(y) ? y : null;
}
