namespace Fifty.Ops.Features.Indicators;

/// <summary>
/// Which of an indicator's cells for one year and kind is in force at a 기준일. Cells transcribed from a report keep
/// their own date; a cell a planner enters for a period carries that period's 기준일. The latest cell not after the
/// 기준일 wins (an undated cell, e.g. an annual target, counts as the earliest), and an entered cell wins over a
/// transcribed one of the same date, so a reopened quarter's correction shows while the printed figure stays stored.
/// </summary>
public static class IndicatorCellChoice
{
    public static T? InForce<T>(IEnumerable<T> cells, Func<T, DateOnly?> asOf, Func<T, bool> entered, DateOnly? cutoff) where T : class
    {
        T? best = null;
        foreach (var cell in cells)
        {
            var date = asOf(cell);
            if (cutoff is { } c && date is { } d && d > c) continue;
            if (best is null || Later(date, entered(cell), asOf(best), entered(best))) best = cell;
        }

        return best;
    }

    private static bool Later(DateOnly? date, bool entered, DateOnly? bestDate, bool bestEntered)
    {
        var a = date ?? DateOnly.MinValue;
        var b = bestDate ?? DateOnly.MinValue;
        return a > b || (a == b && entered && !bestEntered);
    }
}
