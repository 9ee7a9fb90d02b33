using System.Globalization;
using System.Security.Claims;
using Fifty.Ops.Components;
using Fifty.Ops.Data;
using Fifty.Ops.Infrastructure.Reading;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.DataEntry;

/// <summary>The name stored as author of an entry: the signed-in user's name.</summary>
public static class EntryActor
{
    public const string Anonymous = "(로그인 없음)";
    public const int MaxLength = 100;

    public static string NameOf(ClaimsPrincipal user) =>
        user.Identity?.Name is { Length: > 0 } name ? (name.Length > MaxLength ? name[..MaxLength] : name) : Anonymous;
}

/// <summary>One figure someone else saved after the editor opened the form: theirs now, and what this editor typed.</summary>
public sealed record ConflictValue(string Label, string Theirs, string Mine);

/// <summary>
/// A save refused because the record changed since the form was opened. Nothing was written; the form keeps what was
/// typed and takes <see cref="CurrentToken"/>, so saving again (after reading their change) overwrites it knowingly.
/// </summary>
public sealed record SaveConflict(string? By, DateTimeOffset? At, IReadOnlyList<ConflictValue> Values, string CurrentToken)
{
    public string Message =>
        $"저장하지 않았습니다: 이 화면을 연 뒤 {(By is null ? "다른 사용자가" : By + "님이")} {(At is null ? "먼저" : Fmt.Time(At) + "에")} 같은 항목을 저장했습니다. " +
        "아래에서 그 값을 확인하세요. 입력한 내용은 그대로 두었으니, 그래도 바꾸려면 다시 저장하세요.";
}

/// <summary>The period a form writes to, with whether it takes writes and, if not, why.</summary>
public sealed record EntryPeriodState(int Year, int Quarter, DateOnly AsOf, string Label, bool IsClosed, string? LockedReason)
{
    public bool CanWrite => LockedReason is null;

    public string Name => $"{Year}년 {Quarter}분기";
}

/// <summary>
/// Whether a period takes writes. Reports are cumulative (the 3분기 report covers January to September), so a closed
/// period freezes its own quarter and every earlier quarter of its year, as the campus entry already does for months.
/// </summary>
public static class PeriodLock
{
    public sealed record YearPeriod(int Quarter, DateOnly AsOf, bool IsClosed);

    /// <summary>
    /// The one rule every write obeys (forms, campus months, import, CLI): the quarter's period exists and neither it nor
    /// a later quarter of its year is closed. Null when writable, else the Korean reason.
    /// </summary>
    public static string? Check(int year, int quarter, IReadOnlyCollection<YearPeriod> periodsOfYear)
    {
        if (Reason(year, quarter, periodsOfYear) is { } closed) return closed;
        return periodsOfYear.Any(p => p.Quarter == quarter) ? null : Missing(year, quarter);
    }

    public static string Missing(int year, int quarter) => $"{year}년 {quarter}분기 보고 기간이 없습니다. 관리자가 기간을 먼저 열어야 합니다.";

    /// <summary>Why a period that exists takes no writes (it or a later quarter of its year is closed), or null.</summary>
    public static string? Reason(int year, int quarter, IEnumerable<YearPeriod> periodsOfYear)
    {
        var closing = periodsOfYear.Where(p => p.IsClosed && p.Quarter >= quarter).OrderBy(p => p.Quarter).FirstOrDefault();
        if (closing is null) return null;
        return closing.Quarter == quarter
            ? $"{year}년 {quarter}분기는 마감되어 입력할 수 없습니다 ({Fmt.AsOf(closing.AsOf)} 보고)."
            : $"{year}년 {closing.Quarter}분기가 마감되어 그 이전인 {quarter}분기도 입력할 수 없습니다 (분기 보고는 연초부터 누적됩니다).";
    }

    /// <summary>
    /// The period an entry page opens on: the one asked for; otherwise the latest open period (of the asked year, if one
    /// was asked), else the latest period. Null when there is none.
    /// </summary>
    public static async Task<(int Year, int Quarter)?> ResolveAsync(FiftyOpsDbContext db, int? year, int? quarter, CancellationToken ct)
    {
        var periods = await db.ReportingPeriods.Where(p => year == null || p.Year == year)
            .Select(p => new { p.Year, p.Quarter, p.IsClosed }).ToListAsync(ct);
        var pick = periods.FirstOrDefault(p => p.Quarter == quarter)
                   ?? periods.Where(p => !p.IsClosed).OrderByDescending(p => p.Year).ThenByDescending(p => p.Quarter).FirstOrDefault()
                   ?? periods.OrderByDescending(p => p.Year).ThenByDescending(p => p.Quarter).FirstOrDefault();
        return pick is null ? null : (pick.Year, pick.Quarter);
    }

    /// <summary>The period and its state, read on the caller's context (inside the writing transaction when writing).</summary>
    public static async Task<EntryPeriodState?> StateAsync(FiftyOpsDbContext db, int year, int quarter, CancellationToken ct)
    {
        var periods = await db.ReportingPeriods.Where(p => p.Year == year)
            .Select(p => new { p.Quarter, p.AsOf, p.IsClosed, p.Label }).ToListAsync(ct);
        var period = periods.FirstOrDefault(p => p.Quarter == quarter);
        if (period is null) return null;
        return new EntryPeriodState(year, quarter, period.AsOf, period.Label, period.IsClosed,
            Reason(year, quarter, periods.Select(p => new YearPeriod(p.Quarter, p.AsOf, p.IsClosed))));
    }

    /// <summary>
    /// The writing transaction's check: the period exists and is open. Runs after <c>BEGIN IMMEDIATE</c>, so a close
    /// committed before this write started is seen, and a close that starts later waits for this write to finish.
    /// </summary>
    public static async Task<(int PeriodId, EntryPeriodState? State, string? Error)> CheckWritableAsync(FiftyOpsDbContext db, int year, int quarter, CancellationToken ct)
    {
        var state = await StateAsync(db, year, quarter, ct);
        if (state is null) return (0, null, Missing(year, quarter));
        if (state.LockedReason is { } reason) return (0, state, reason);
        var id = await db.ReportingPeriods.Where(p => p.Year == year && p.Quarter == quarter).Select(p => p.Id).SingleAsync(ct);
        return (id, state, null);
    }
}

/// <summary>
/// Amounts as planners type them (천원): thousands separators allowed, a negative written <c>-48,608</c> or
/// <c>△48,608</c> as the reports print it, whole numbers only; blank means "not entered", never zero. Read by the app's one
/// number reader (<see cref="NumberText"/>): full-width and other Unicode digits are read, unit words (만·억) refused.
/// </summary>
public static class AmountText
{
    public const decimal Max = NumberRules.Largest;

    public static bool TryParse(string? text, bool allowNegative, out decimal? value, out string? error) =>
        NumberText.TryRead(text, allowNegative ? NumberRules.SignedAmount : NumberRules.Amount, out value, out error);

    /// <summary>An amount as the form shows it again, with separators (the parser reads them back).</summary>
    public static string ForInput(decimal? value) => value is null ? "" : value.Value.ToString("#,##0", CultureInfo.InvariantCulture);
}
