namespace Fifty.Ops.Infrastructure;

/// <summary>
/// Korea Standard Time (KST, UTC+9, no daylight saving), the one clock staff read: every timestamp shown or printed
/// (입력 labels, 출력일시, audit rows, file-name stamps) and "this year" when no period is chosen. Moments are stored in
/// UTC; they become Korea time only here, and always from the injected <see cref="TimeProvider"/> so tests can set
/// the clock.
/// </summary>
public static class KoreaTime
{
    /// <summary>UTC+9: Korea has kept no daylight saving since 1988, so a fixed offset is exact.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    /// <summary>The clock's current moment in Korea time (offset +09:00).</summary>
    public static DateTimeOffset KoreaNow(this TimeProvider clock) => clock.GetUtcNow().ToOffset(Offset);

    /// <summary>Today's date in Korea (a day starts at 00:00 KST, not at the server's midnight).</summary>
    public static DateOnly KoreaToday(this TimeProvider clock) => DateOnly.FromDateTime(clock.KoreaNow().DateTime);

    /// <summary>The same moment with offset +09:00.</summary>
    public static DateTimeOffset ToKorea(this DateTimeOffset moment) => moment.ToOffset(Offset);
}
