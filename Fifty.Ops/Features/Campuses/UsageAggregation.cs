using Fifty.Ops.Domain;

namespace Fifty.Ops.Features.Campuses;

public enum UsageMetric { Visits, CourseParticipants, CounsellingCases, Communities, OccupiedSeats }

/// <summary>What a planner records for one campus and month; a null figure was not entered (never read as zero).</summary>
public sealed record MonthlyUsage(
    int Month, int? Visits, int? CourseParticipants, int? CounsellingCases, int? Communities, int? OccupiedSeats, bool IsDemo)
{
    /// <summary>The stored row's concurrency version, which an entry form starts from.</summary>
    public int Version { get; init; }

    public int? this[UsageMetric metric] => metric switch
    {
        UsageMetric.Visits => Visits,
        UsageMetric.CourseParticipants => CourseParticipants,
        UsageMetric.CounsellingCases => CounsellingCases,
        UsageMetric.Communities => Communities,
        UsageMetric.OccupiedSeats => OccupiedSeats,
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };
}

/// <summary>
/// The months of a year for which a figure is expected: from the campus's first month of operation to the view's
/// 기준일. A month outside it with no figure is not "missing" (개관 전, 기준일 이후).
/// </summary>
public sealed record DueMonths(int First, int Last)
{
    public static readonly DueMonths None = new(13, 0);
    public static readonly DueMonths WholeYear = new(1, 12);

    /// <summary>First month the site operated in the year (its 개소일's month; 1 for a site open before the year).</summary>
    public int OpenFrom { get; init; } = 1;

    /// <summary>Last month the site operated in the year (its 폐소일's month; 12 while it operates).</summary>
    public int OpenTo { get; init; } = 12;

    /// <summary>Whether a stored figure of the month counts at all: months before 개소일 or after 폐소일 never do.</summary>
    public bool Operates(int month) => month >= OpenFrom && month <= OpenTo;

    /// <summary>Label of a month the site did not operate: before its 개소일.</summary>
    public const string BeforeOpening = "개소 전";

    /// <summary>Label of a month the site did not operate: after its 폐소일.</summary>
    public const string AfterClosing = "폐소 후";

    /// <summary>
    /// Why the months <paramref name="firstMonth"/>..<paramref name="lastMonth"/> take no figure at all: <see cref="BeforeOpening"/>
    /// when every one of them is before the site's first month of operation, <see cref="AfterClosing"/> when every one is
    /// after its last; null when the site operated in at least one of them (then a month without a figure is missing, or
    /// not yet due). Shown instead of "—" so that not operating never reads as missing data; such months count neither as
    /// missing nor in any total (<see cref="UsageAggregation.Aggregate"/>).
    /// </summary>
    public string? NotOperating(int firstMonth, int lastMonth) =>
        lastMonth < OpenFrom && OpenFrom <= 12 ? BeforeOpening
        : firstMonth > OpenTo && OpenTo >= 1 ? AfterClosing
        : OpenFrom > OpenTo ? (OpenFrom > 12 ? BeforeOpening : AfterClosing)
        : null;

    /// <summary><see cref="NotOperating(int, int)"/> for one month.</summary>
    public string? NotOperating(int month) => NotOperating(month, month);

    /// <summary>
    /// The months of the year the site did not operate, for a note beside its name ("1~3월 개소 전", "11~12월 폐소 후");
    /// null when it operated all year.
    /// </summary>
    public string? NotOperatingNote()
    {
        var parts = new List<string>();
        if (OpenFrom is > 1 and <= 12) parts.Add((OpenFrom == 2 ? "1월" : $"1~{OpenFrom - 1}월") + " " + BeforeOpening);
        if (OpenTo is >= 1 and < 12) parts.Add((OpenTo == 11 ? "12월" : $"{OpenTo + 1}~12월") + " " + AfterClosing);
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    public bool Contains(int month) => month >= First && month <= Last;

    public int CountIn(int firstMonth, int lastMonth) => Math.Max(0, Math.Min(Last, lastMonth) - Math.Max(First, firstMonth) + 1);
}

/// <param name="Value">Sum of the months (flows) or the figure of the latest month that has one (stocks); null when no month has a figure.</param>
/// <param name="DueMonths">Months of the period a figure is expected for.</param>
/// <param name="MissingMonths">Due months without a figure: shown as "자료 미입력 N개월", never filled with zero.</param>
/// <param name="ValueMonth">For a stock: the month its value is from.</param>
/// <param name="IncludesDemo">A generated demo month (예시 데이터) went into the value.</param>
public sealed record UsageTotal(int? Value, int DueMonths, int MissingMonths, int? ValueMonth, bool IncludesDemo)
{
    public static readonly UsageTotal Empty = new(null, 0, 0, null, false);

    public bool IsPartial => MissingMonths > 0;
}

/// <summary>
/// Months → quarter and year. Visits, course participants and counselling cases are flows (the period's figure is the
/// sum of its months); communities and occupied seats are stocks (the period's figure is its latest month). Either way a
/// month without a figure is counted as missing, so a partial sum is flagged instead of passing for a total.
/// </summary>
public static class UsageAggregation
{
    public static readonly IReadOnlyList<UsageMetric> Metrics = Enum.GetValues<UsageMetric>();

    public static bool IsStock(UsageMetric metric) => metric is UsageMetric.Communities or UsageMetric.OccupiedSeats;

    public static string Label(UsageMetric metric) => metric switch
    {
        UsageMetric.Visits => "방문 인원",
        UsageMetric.CourseParticipants => "교육과정 참여 인원",
        UsageMetric.CounsellingCases => "상담 건수",
        UsageMetric.Communities => "커뮤니티 수",
        UsageMetric.OccupiedSeats => "입주 좌석 수",
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    public static string Unit(UsageMetric metric) => metric switch
    {
        UsageMetric.Visits or UsageMetric.CourseParticipants => "명",
        UsageMetric.CounsellingCases => "건",
        UsageMetric.Communities => "개",
        UsageMetric.OccupiedSeats => "석",
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    /// <summary>The figure of the months <paramref name="firstMonth"/>..<paramref name="lastMonth"/>.</summary>
    public static UsageTotal Aggregate(IEnumerable<MonthlyUsage> months, UsageMetric metric, int firstMonth, int lastMonth, DueMonths due)
    {
        var inPeriod = months.Where(m => m.Month >= firstMonth && m.Month <= lastMonth && due.Operates(m.Month) && m[metric] is not null)
            .OrderBy(m => m.Month).ToList();
        var dueCount = due.CountIn(firstMonth, lastMonth);
        var missing = dueCount - inPeriod.Count(m => due.Contains(m.Month));
        if (inPeriod.Count == 0) return new(null, dueCount, missing, null, false);

        if (IsStock(metric))
        {
            var latest = inPeriod[^1];
            return new(latest[metric], dueCount, missing, latest.Month, latest.IsDemo);
        }

        return new(inPeriod.Sum(m => m[metric]!.Value), dueCount, missing, null, inPeriod.Any(m => m.IsDemo));
    }

    public static UsageTotal Quarter(IEnumerable<MonthlyUsage> months, UsageMetric metric, int quarter, DueMonths due)
    {
        var (first, last) = QuarterCalendar.Months(quarter);
        return Aggregate(months, metric, first, last, due);
    }

    public static UsageTotal Year(IEnumerable<MonthlyUsage> months, UsageMetric metric, DueMonths due) =>
        Aggregate(months, metric, 1, 12, due);

    /// <summary>
    /// Several campuses' figures for the same period: flows add up, stocks add up their latest figures (seats occupied
    /// across campuses). Missing months add up too, so one campus's gap keeps the total flagged.
    /// </summary>
    public static UsageTotal Combine(IEnumerable<UsageTotal> totals)
    {
        var list = totals.ToList();
        var withValue = list.Where(t => t.Value is not null).ToList();
        return new(
            withValue.Count == 0 ? null : withValue.Sum(t => t.Value!.Value),
            list.Sum(t => t.DueMonths),
            list.Sum(t => t.MissingMonths),
            null,
            withValue.Any(t => t.IncludesDemo));
    }

    /// <summary>
    /// One month per campus: a planner's entry wins over a generated demo row of the same month, and demo rows count
    /// only when the demo setting is on.
    /// </summary>
    public static IReadOnlyList<MonthlyUsage> Merge(IEnumerable<MonthlyUsage> rows, bool includeDemo) =>
        rows.Where(r => includeDemo || !r.IsDemo)
            .GroupBy(r => r.Month)
            .Select(g => g.OrderBy(r => r.IsDemo).First())
            .OrderBy(r => r.Month)
            .ToList();
}
