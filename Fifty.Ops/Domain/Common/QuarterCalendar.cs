namespace Fifty.Ops.Domain;

/// <summary>
/// The one place that says which months make a quarter: the fiscal year is the calendar year, quarter q runs from month
/// 3q−2 to month 3q (1분기 = 1~3월 … 4분기 = 10~12월).
/// </summary>
public static class QuarterCalendar
{
    /// <summary>The first and last month (1–12) of quarter 1–4.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The quarter is not 1–4.</exception>
    public static (int First, int Last) Months(int quarter) =>
        quarter is >= 1 and <= 4 ? (quarter * 3 - 2, quarter * 3) : throw new ArgumentOutOfRangeException(nameof(quarter));

    /// <summary>The quarter (1–4) month 1–12 falls in.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The month is not 1–12.</exception>
    public static int QuarterOf(int month) =>
        month is >= 1 and <= 12 ? (month + 2) / 3 : throw new ArgumentOutOfRangeException(nameof(month));

    /// <summary>The first day of the quarter in <paramref name="year"/>.</summary>
    public static DateOnly FirstDay(int year, int quarter) => new(year, Months(quarter).First, 1);

    /// <summary>The last day of the quarter in <paramref name="year"/> (the default 기준일 of its report).</summary>
    public static DateOnly LastDay(int year, int quarter)
    {
        var last = Months(quarter).Last;
        return new DateOnly(year, last, DateTime.DaysInMonth(year, last));
    }
}
