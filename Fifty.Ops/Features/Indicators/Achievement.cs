using Fifty.Ops.Domain;

namespace Fifty.Ops.Features.Indicators;

public enum AchievementStatus { Achieved, Caution, Shortfall, InProgress, NoData }

/// <param name="Rate">실적 ÷ 목표 (inverted when lower is better); null when it cannot be computed honestly.</param>
/// <param name="Pace">For an actual before year-end: the rate against the pro-rata target for the elapsed part of the year.</param>
/// <param name="ElapsedShare">Share of the year elapsed at the as-of date (1 at year-end).</param>
public sealed record AchievementResult(AchievementStatus Status, decimal? Rate, decimal? Pace, decimal ElapsedShare)
{
    public bool IsMidYear => ElapsedShare < 1m;
}

/// <summary>
/// The achievement rules of the performance-promise indicators. A zero target, a missing actual or a text actual
/// (<c>진행중</c>) never yields a division error or an invented number.
/// </summary>
public static class Achievement
{
    public const decimal DefaultCautionThreshold = 0.9m;

    /// <summary>
    /// The one rule that picks what an actual is compared with (docs/domain.md, *Achievement of an indicator*):
    /// <list type="bullet">
    /// <item>a <see cref="IndicatorAccumulation.Cumulative"/> indicator compares the quarter's cumulative actual with the
    /// quarter's target when one is set (the quarter's target already is the pace, so nothing is pro-rated), else with the
    /// year's target judged by pace (<see cref="Evaluate(decimal?, decimal?, string?, Direction, decimal?, int, DateOnly?)"/>);</item>
    /// <item>a <see cref="IndicatorAccumulation.PointInTime"/> indicator compares the latest actual with the target as it
    /// stands (the quarter's when set, else the year's), never pro-rated: a 만족도 of 85 is 85 at any time of the year.</item>
    /// </list>
    /// </summary>
    /// <param name="yearTarget">The year's target (<see cref="IndicatorValue.Quarter"/> null); null when none is set.</param>
    /// <param name="quarterTarget">The target set for the quarter of the 기준일 (Quarter 1–4); null when none is set.</param>
    /// <param name="actual">The actual in force at the 기준일 (cumulative since 1 January for a cumulative indicator).</param>
    public static AchievementResult Evaluate(
        IndicatorAccumulation accumulation, decimal? yearTarget, decimal? quarterTarget, decimal? actual, string? actualRaw, Direction direction,
        decimal? cautionThreshold, int year, DateOnly? actualAsOf)
    {
        if (accumulation == IndicatorAccumulation.Cumulative && quarterTarget is null)
            return Evaluate(yearTarget, actual, actualRaw, direction, cautionThreshold, year, actualAsOf);

        // Compared as it stands: judged as at year end (no pace), while ElapsedShare still tells the reader when it was measured.
        var atEnd = Evaluate(quarterTarget ?? yearTarget, actual, actualRaw, direction, cautionThreshold, year, null);
        return atEnd with { ElapsedShare = ElapsedShare(year, actualAsOf) };
    }

    public static AchievementResult Evaluate(
        decimal? target, decimal? actual, string? actualRaw, Direction direction, decimal? cautionThreshold, int year, DateOnly? actualAsOf)
    {
        var elapsed = ElapsedShare(year, actualAsOf);
        if (actual is null)
        {
            var hasText = !string.IsNullOrWhiteSpace(actualRaw) && actualRaw.Trim() != "-";
            return new(hasText ? AchievementStatus.InProgress : AchievementStatus.NoData, null, null, elapsed);
        }

        if (target is null)
        {
            return new(AchievementStatus.NoData, null, null, elapsed);
        }

        if (target == 0)
        {
            // No ratio exists; "met" is still decidable from the direction alone.
            var met = direction == Direction.Higher ? actual >= 0 : actual <= 0;
            return new(met ? AchievementStatus.Achieved : AchievementStatus.Shortfall, null, null, elapsed);
        }

        decimal? rate = direction == Direction.Higher
            ? actual / target
            : actual == 0 ? null : target / actual;
        if (rate is null)
        {
            return new(AchievementStatus.Achieved, null, null, elapsed);
        }

        var caution = cautionThreshold ?? DefaultCautionThreshold;
        if (elapsed >= 1m || rate >= 1m)
        {
            return new(Classify(rate.Value, caution), rate, null, elapsed);
        }

        // Mid-year: judge against the pro-rata target so a partial-year actual is not read as a failure.
        // Lower-is-better measures are not pro-rated (a count of complaints does not accrue linearly toward a cap).
        // On pace but not yet at target is 진행중, never 달성: only a met target is 달성.
        var pace = direction == Direction.Higher && elapsed > 0 ? rate / elapsed : rate;
        var status = Classify(pace.Value, caution);
        return new(status == AchievementStatus.Achieved ? AchievementStatus.InProgress : status, rate, pace, elapsed);
    }

    /// <summary>
    /// For a result whose source prints only "목표대비 N%" (the target itself is not given): the stated rate is the
    /// achievement against the year's target, so it follows the same pace rule as every other indicator (a 9월말 90% is
    /// on pace, 진행중, not 주의).
    /// </summary>
    public static AchievementResult FromStatedRate(decimal statedPercent, decimal? cautionThreshold, int year, DateOnly? asOf) =>
        Evaluate(100m, statedPercent, null, Direction.Higher, cautionThreshold, year, asOf);

    private static AchievementStatus Classify(decimal ratio, decimal caution) =>
        ratio >= 1m ? AchievementStatus.Achieved : ratio >= caution ? AchievementStatus.Caution : AchievementStatus.Shortfall;

    /// <summary>Months elapsed at the as-of date over twelve (7월말 → 7/12); 1 when there is no date or it is at/after year-end.</summary>
    public static decimal ElapsedShare(int year, DateOnly? asOf)
    {
        if (asOf is null || asOf.Value.Year > year || asOf.Value >= new DateOnly(year, 12, 31)) return 1m;
        if (asOf.Value.Year < year) return 0m;
        var d = asOf.Value;
        return (d.Month - 1 + (decimal)d.Day / DateTime.DaysInMonth(d.Year, d.Month)) / 12m;
    }

    public static string Label(this AchievementStatus status) => status switch
    {
        AchievementStatus.Achieved => "달성",
        AchievementStatus.Caution => "주의",
        AchievementStatus.Shortfall => "미달",
        AchievementStatus.InProgress => "진행중",
        _ => "자료없음",
    };

    /// <summary>A shape as well as a colour, so status never depends on colour alone.</summary>
    public static string Symbol(this AchievementStatus status) => status switch
    {
        AchievementStatus.Achieved => "●",
        AchievementStatus.Caution => "▲",
        AchievementStatus.Shortfall => "▼",
        AchievementStatus.InProgress => "◐",
        _ => "○",
    };
}
