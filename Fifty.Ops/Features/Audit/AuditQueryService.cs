using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Fifty.Ops.Infrastructure;

namespace Fifty.Ops.Features.Audit;

/// <summary>Korean names and the Korea time the audit screens and the workbook show (UTC is what is stored).</summary>
public static class AuditText
{
    public static string Kind(AuditKind kind) => kind switch
    {
        AuditKind.SignIn => "로그인",
        AuditKind.SignInFailed => "로그인 실패",
        AuditKind.SignOut => "로그아웃",
        AuditKind.SessionEnded => "세션 종료",
        AuditKind.AccessDenied => "권한 거부",
        AuditKind.DataChange => "자료 변경",
        AuditKind.Account => "계정 관리",
        AuditKind.Export => "내려받기",
        AuditKind.PeriodClosed => "기간 마감",
        AuditKind.PeriodReopened => "마감 해제",
        AuditKind.System => "시스템",
        _ => kind.ToString(),
    };

    public static DateTime ToKst(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).Add(KoreaTime.Offset);

    public static string Time(DateTime utc) => ToKst(utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}

/// <summary>What the auditor asked for: a period of Korea dates, a user, a kind, and text in the object's type or id.</summary>
public sealed record AuditFilter(DateOnly? From, DateOnly? To, string? User, AuditKind? Kind, string? ObjectText)
{
    public static readonly AuditFilter None = new(null, null, null, null, null);

    public static AuditFilter Parse(string? from, string? to, string? user, string? kind, string? obj) => new(
        DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ? f : null,
        DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null,
        Text(user),
        Enum.TryParse<AuditKind>(kind, ignoreCase: false, out var k) && Enum.IsDefined(k) ? k : null,
        Text(obj));

    // NUL is in no stored name or id, and PostgreSQL refuses it in any text parameter: it is dropped, not sent.
    private static string? Text(string? value) =>
        value?.Replace("\0", "", StringComparison.Ordinal) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    /// <summary>The filter as query-string pairs (for paging links and the download), without the leading '?'.</summary>
    public string ToQuery()
    {
        var parts = new List<string>();
        if (From is { } f) parts.Add("from=" + f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (To is { } t) parts.Add("to=" + t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (User is not null) parts.Add("user=" + Uri.EscapeDataString(User));
        if (Kind is { } k) parts.Add("kind=" + k);
        if (ObjectText is not null) parts.Add("q=" + Uri.EscapeDataString(ObjectText));
        return string.Join("&", parts);
    }

    public string Describe()
    {
        var parts = new List<string>();
        if (From is not null || To is not null)
            parts.Add($"기간 {From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "처음"} ~ {To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "지금"} (한국 시간)");
        if (User is not null) parts.Add($"사용자 {User}");
        if (Kind is { } k) parts.Add($"종류 {AuditText.Kind(k)}");
        if (ObjectText is not null) parts.Add($"대상 '{ObjectText}'");
        return parts.Count == 0 ? "전체 기록" : string.Join(", ", parts);
    }
}

public sealed record AuditRow(
    long Id, DateTime OccurredUtc, string? UserName, string? IpAddress, AuditKind Kind,
    string? ObjectType, string? ObjectId, string? Field, string? OldValue, string? NewValue, string? Detail, string Hash);

/// <summary>
/// One page of the trail. <see cref="Refusal"/> is set (and nothing else) when the caller may not read it.
/// <see cref="DisplayNames"/> maps the login ids on the page and in the user filter to the people's names (an id with no
/// account, e.g. a failed sign-in with an unknown id, is not in it).
/// </summary>
public sealed record AuditListModel(
    IReadOnlyList<AuditRow> Rows, int Total, int Page, int PageCount, IReadOnlyList<string> Users, ChainStatus? Chain, string? Refusal,
    IReadOnlyDictionary<string, string>? DisplayNames = null, IReadOnlyDictionary<string, string>? References = null)
{
    /// <summary>The object's id in words: "2024년 1분기" or a record's name and code where the id names one, else as stored.</summary>
    public string? ObjectName(AuditRow row) =>
        row.ObjectType is { } type && row.ObjectId is { } id && References?.GetValueOrDefault($"{type}Id={id}") is { } name ? name : row.ObjectId;

    /// <summary>"김기획" for a known login id, the id itself otherwise; "—" for no user (the system).</summary>
    public string Person(string? userName) =>
        userName is null ? "—"
        : DisplayNames?.GetValueOrDefault(userName) is { Length: > 0 } name ? name
        : AuditLabels.SystemActor(userName) ?? userName;
}

/// <summary>Reads the audit trail for auditors and admins; checks the caller's role itself, not only the page's.</summary>
public sealed class AuditQueryService(IDbContextFactory<FiftyOpsDbContext> factory, AccessGuard guard, TimeProvider clock)
{
    public const int PageSize = 50;
    public const string ReadAction = "감사 기록 열람";

    /// <summary>How long the page may show a verification before walking the whole chain again (the workbook always walks it).</summary>
    public static readonly TimeSpan VerificationReuse = TimeSpan.FromSeconds(30);

    private readonly Lock _verifiedLock = new();
    private (ChainStatus Status, long HeadId, DateTimeOffset At)? _verified;

    /// <summary>
    /// One page (<see cref="PageSize"/> rows, newest first) of the audit trail matching <paramref name="filter"/> (dates are
    /// Korea-time days), with the chain's verification (reused for <see cref="VerificationReuse"/>).
    /// </summary>
    /// <returns>Never null; no rows and the Korean refusal when <paramref name="user"/> lacks CanAudit.</returns>
    public async Task<AuditListModel> GetPageAsync(ClaimsPrincipal user, AuditFilter filter, int page, CancellationToken ct = default)
    {
        if (await guard.DemandAsync(user, Policies.CanAudit, ReadAction, "AuditTrail", "/audit", ct) is { } refusal)
            return new AuditListModel([], 0, 1, 1, [], null, refusal);

        await using var db = await factory.CreateDbContextAsync(ct);
        var query = Apply(db.AuditEntries, filter);
        var total = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await Project(query.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(ct);
        var users = await db.AuditEntries.Where(e => e.UserName != null).Select(e => e.UserName!).Distinct().OrderBy(n => n).ToListAsync(ct);
        var chain = await RecentVerificationAsync(db, ct);
        // The users table is small (staff accounts); one query for every name the page can show.
        var names = await db.Users.AsNoTracking().Select(u => new { u.UserName, u.DisplayName }).ToDictionaryAsync(u => u.UserName, u => u.DisplayName, StringComparer.Ordinal, ct);
        var references = await AuditReferences.LoadAsync(db, rows, ct);
        return new AuditListModel(rows, total, page, pageCount, users, chain, null, names, references);
    }

    /// <summary>
    /// Walking the chain reads every entry; paging through the trail should not repeat that on every click. A result is
    /// reused for <see cref="VerificationReuse"/> while no entry has been added, so a tampered row shows within that time.
    /// </summary>
    private async Task<ChainStatus> RecentVerificationAsync(FiftyOpsDbContext db, CancellationToken ct)
    {
        var head = await db.AuditEntries.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        var now = clock.GetUtcNow();
        lock (_verifiedLock)
        {
            if (_verified is { } v && v.HeadId == head && now - v.At < VerificationReuse) return v.Status;
        }

        var status = await AuditChain.VerifyAsync(db, ct);
        lock (_verifiedLock)
        {
            _verified = (status, head, now);
        }

        return status;
    }

    /// <summary>Every matching entry, oldest first, read as it is written out (for the workbook).</summary>
    public async IAsyncEnumerable<AuditRow> StreamAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await foreach (var row in Project(Apply(db.AuditEntries, filter).OrderBy(e => e.Id)).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return row;
        }
    }

    /// <summary>Walks the whole hash chain of the audit trail; the status names the first entry that breaks it, if any.</summary>
    public async Task<ChainStatus> VerifyAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await AuditChain.VerifyAsync(db, ct);
    }

    internal static IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> query, AuditFilter filter)
    {
        // A Korea date at the ends of the calendar (0001-01-01, 9999-12-31) has no UTC bound: it means "from the
        // beginning" / "up to now", so it adds no condition instead of overflowing.
        if (filter.From is { } from && from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - DateTime.MinValue >= KoreaTime.Offset)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - KoreaTime.Offset;
            query = query.Where(e => e.OccurredUtc >= start);
        }

        if (filter.To is { } to && to < DateOnly.MaxValue)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - KoreaTime.Offset;
            query = query.Where(e => e.OccurredUtc < end);
        }

        if (filter.User is { } user) query = query.Where(e => e.UserName == user);
        if (filter.Kind is { } kind) query = query.Where(e => e.Kind == kind);
        if (filter.ObjectText is { } text)
        {
            var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            // The screen names object types in Korean, so a Korean word finds the types it names too.
            var types = AuditLabels.TypesNamed(text);
            // Upper-cased on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not; the search should not care.
            var upper = pattern.ToUpperInvariant();
            query = query.Where(e => EF.Functions.Like(e.ObjectType!.ToUpper(), upper, "\\") || EF.Functions.Like(e.ObjectId!.ToUpper(), upper, "\\") || types.Contains(e.ObjectType!));
        }

        return query;
    }

    private static IQueryable<AuditRow> Project(IQueryable<AuditEntry> query) => query.Select(e => new AuditRow(
        e.Id, e.OccurredUtc, e.UserName, e.IpAddress, e.Kind, e.ObjectType, e.ObjectId, e.Field, e.OldValue, e.NewValue, e.Detail, e.Hash));
}
