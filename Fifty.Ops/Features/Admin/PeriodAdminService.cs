using System.Globalization;
using System.Security.Claims;
using Fifty.Ops.Components;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Fifty.Ops.Infrastructure.Reading;
using Fifty.Ops.Infrastructure.Security;

namespace Fifty.Ops.Features.Admin;

public sealed record PeriodHistoryItem(PeriodAction Action, DateTimeOffset At, string By, string? Reason)
{
    public string ActionText => Action switch { PeriodAction.Open => "열기", PeriodAction.Close => "마감", _ => "마감 해제" };
}

/// <summary>What planners have entered in a period (records, not cells).</summary>
public sealed record EntryCounts(int IndicatorCells, int Comments, int BudgetLines, int Narratives, int CampusMonths)
{
    public int Total => IndicatorCells + Comments + BudgetLines + Narratives + CampusMonths;
}

public sealed record PeriodAdminRow(
    int Year, int Quarter, DateOnly AsOf, string Label, bool IsClosed, string? LockedReason, bool FromReport,
    DateTimeOffset? ClosedAt, string? ClosedBy, DateTimeOffset? ReopenedAt, string? ReopenedBy, string? ReopenReason,
    int Version, EntryCounts Entered, IReadOnlyList<PeriodHistoryItem> History)
{
    public string Name => $"{Year}년 {Quarter}분기";
}

public sealed record PeriodAdminPage(IReadOnlyList<PeriodAdminRow> Periods, int SuggestedYear, int SuggestedQuarter);

/// <summary>What an administrator types to open a new reporting period.</summary>
public sealed class PeriodOpenForm
{
    public string Year { get; set; } = "";
    public string Quarter { get; set; } = "";
    /// <summary>기준일 as yyyy-mm-dd; blank means the last day of the quarter.</summary>
    public string AsOf { get; set; } = "";
}

/// <summary>
/// Opening, closing (마감) and reopening reporting periods. Each change runs in one write transaction (SQLite
/// <c>BEGIN IMMEDIATE</c>): a planner's save that is under way finishes first, and every save that starts after the
/// close commits sees the period closed and is refused (<see cref="PeriodLock.CheckWritableAsync"/>). Each change is
/// kept in <see cref="PeriodStatusChange"/> with who, when and (for a reopening) why.
/// </summary>
/// <param name="reports">Freezes the report of a period right after it is closed. Without it (a test building the
/// service by hand) the report is frozen on its first read instead.</param>
public sealed class PeriodAdminService(IDbContextFactory<FiftyOpsDbContext> factory, TimeProvider clock, AccessGuard guard, QuarterlyReportService? reports = null)
{
    public const int MaxReasonLength = 500;

    /// <summary>Every reporting period, latest first, with its state, version (for the close/reopen concurrency check), what planners entered in it, and its status history.</summary>
    public async Task<PeriodAdminPage> GetAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var periods = await db.ReportingPeriods.OrderByDescending(p => p.Year).ThenByDescending(p => p.Quarter)
            .Select(p => new
            {
                p.Id, p.Year, p.Quarter, p.AsOf, p.Label, p.IsClosed, p.ClosedAt, p.ClosedBy, p.ReopenedAt, p.ReopenedBy, p.ReopenReason, p.Version,
                FromReport = db.BudgetLines.Any(l => l.ReportingPeriodId == p.Id && l.Source.Doc != "")
                             || db.ProjectNarratives.Any(n => n.ReportingPeriodId == p.Id && n.Source.Doc != ""),
                IndicatorCells = db.IndicatorValues.Count(v => v.ReportingPeriodId == p.Id),
                Comments = db.IndicatorComments.Count(c => c.ReportingPeriodId == p.Id),
                BudgetLines = db.BudgetLines.Count(l => l.ReportingPeriodId == p.Id && l.Section == BudgetSection.Entry),
                Narratives = db.ProjectNarratives.Count(n => n.ReportingPeriodId == p.Id && n.Source.Doc == ""),
            })
            .ToListAsync(ct);
        var history = (await db.PeriodStatusChanges.Select(h => new { h.ReportingPeriodId, h.Action, h.At, h.By, h.Reason }).ToListAsync(ct))
            .ToLookup(h => h.ReportingPeriodId);
        var months = await db.CampusUsages.Where(u => !u.IsDemo).Select(u => new { u.Year, u.Month }).ToListAsync(ct);

        var rows = periods.Select(p =>
        {
            var campusMonths = months.Count(m => m.Year == p.Year && QuarterCalendar.QuarterOf(m.Month) == p.Quarter);
            var lockReason = PeriodLock.Reason(p.Year, p.Quarter,
                periods.Where(o => o.Year == p.Year).Select(o => new PeriodLock.YearPeriod(o.Quarter, o.AsOf, o.IsClosed)));
            return new PeriodAdminRow(p.Year, p.Quarter, p.AsOf, p.Label, p.IsClosed, lockReason, p.FromReport,
                p.ClosedAt, p.ClosedBy, p.ReopenedAt, p.ReopenedBy, p.ReopenReason, p.Version,
                new EntryCounts(p.IndicatorCells, p.Comments, p.BudgetLines, p.Narratives, campusMonths),
                history[p.Id].OrderByDescending(h => h.At).Select(h => new PeriodHistoryItem(h.Action, h.At, h.By, h.Reason)).ToList());
        }).ToList();

        var latest = rows.FirstOrDefault();
        var (year, quarter) = latest is null ? (clock.GetLocalNow().Year, 1) : latest.Quarter == 4 ? (latest.Year + 1, 1) : (latest.Year, latest.Quarter + 1);
        return new PeriodAdminPage(rows, year, quarter);
    }

    /// <summary>Opens a new (empty, open) reporting period for planners to fill.</summary>
    public async Task<WriteResult> OpenAsync(ClaimsPrincipal user, PeriodOpenForm form, CancellationToken ct = default)
    {
        if (await guard.RefuseAsync(user, Policies.CanAdminister, "보고 기간 열기", "ReportingPeriod", $"{form.Year}-Q{form.Quarter}", ct) is { } refused) return refused;
        var errors = new Dictionary<string, string>();
        if (!NumberText.TryReadWhole(form.Year, FiscalYear.FiscalYearRange.First, FiscalYear.FiscalYearRange.Last, out var readYear, out _) || readYear is not { } year)
        {
            errors[nameof(PeriodOpenForm.Year)] = FiscalYear.FiscalYearRange.Refusal;
            year = 0;
        }

        if (!NumberText.TryReadWhole(form.Quarter, 1, 4, out var readQuarter, out _) || readQuarter is not { } quarter)
        {
            errors[nameof(PeriodOpenForm.Quarter)] = "분기는 1~4 중 하나여야 합니다.";
            quarter = 0;
        }

        if (errors.Count > 0) return WriteResult.Invalid(errors);

        var quarterEnd = QuarterCalendar.LastDay(year, quarter);
        var asOf = quarterEnd;
        if (form.AsOf.Trim().Length > 0)
        {
            if (!DateText.TryRead(form.AsOf, out asOf, out var dateError))
                return WriteResult.Fail(nameof(PeriodOpenForm.AsOf), $"기준일: {dateError}.");
            var quarterStart = QuarterCalendar.FirstDay(year, quarter);
            if (asOf < quarterStart || asOf > quarterEnd)
                return WriteResult.Fail(nameof(PeriodOpenForm.AsOf), $"기준일은 {year}년 {quarter}분기 안의 날짜여야 합니다 ({Fmt.Date(quarterStart)} ~ {Fmt.Date(quarterEnd)}).");
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ofYear = await db.ReportingPeriods.Where(p => p.Year == year).Select(p => new { p.Quarter, p.AsOf, p.IsClosed }).ToListAsync(ct);
        if (ofYear.Any(p => p.Quarter == quarter)) return WriteResult.Fail(General, $"{year}년 {quarter}분기는 이미 있습니다.");
        if (PeriodLock.Reason(year, quarter, ofYear.Select(p => new PeriodLock.YearPeriod(p.Quarter, p.AsOf, p.IsClosed))) is not null)
        {
            var later = ofYear.Where(p => p.IsClosed && p.Quarter > quarter).Min(p => p.Quarter);
            return WriteResult.Fail(General, $"{year}년 {later}분기가 마감되어 있어 그 이전인 {quarter}분기를 열어도 입력할 수 없습니다.");
        }

        var by = EntryActor.NameOf(user);
        var now = clock.GetUtcNow();
        var period = new ReportingPeriod
        {
            Year = year, Quarter = quarter, AsOf = asOf, IsClosed = false,
            Label = $"{year}년 {quarter}분기 주요업무보고 ({asOf.Month}.{asOf.Day}. 기준)",
        };
        db.ReportingPeriods.Add(period);
        await db.SaveChangesAsync(ct);
        db.PeriodStatusChanges.Add(new PeriodStatusChange { ReportingPeriodId = period.Id, Action = PeriodAction.Open, At = now, By = by });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return WriteResult.Ok($"{year}년 {quarter}분기({Fmt.AsOf(asOf)})를 열었습니다. 기획 담당이 입력할 수 있습니다.", "1");
    }

    /// <summary>Closes (마감) a period: from the commit on, no write to it or an earlier quarter of its year is accepted.</summary>
    public async Task<WriteResult> CloseAsync(ClaimsPrincipal user, int year, int quarter, int expectedVersion, CancellationToken ct = default)
    {
        if (await guard.RefuseAsync(user, Policies.CanAdminister, "분기 마감", "ReportingPeriod", $"{year}-Q{quarter}", ct) is { } refused) return refused;
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var period = await db.ReportingPeriods.AsTracking().FirstOrDefaultAsync(p => p.Year == year && p.Quarter == quarter, ct);
        if (period is null) return WriteResult.Fail(General, $"{year}년 {quarter}분기 보고 기간이 없습니다.");
        if (period.Version != expectedVersion || period.IsClosed) return Changed(period);

        var by = EntryActor.NameOf(user);
        var now = clock.GetUtcNow();
        period.IsClosed = true;
        period.ClosedAt = now;
        period.ClosedBy = by;
        db.PeriodStatusChanges.Add(new PeriodStatusChange { ReportingPeriodId = period.Id, Action = PeriodAction.Close, At = now, By = by });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        // From the commit on no entry reaches the period, so the report read now is the one it closed with.
        var frozen = reports is null ? "" : await reports.FreezeAsync(year, quarter, by, ct) is null ? "" : " 보고서 내용을 마감 시점으로 고정했습니다.";
        return WriteResult.Ok($"{year}년 {quarter}분기를 마감했습니다. 이제 이 분기와 그 이전 분기에는 입력할 수 없습니다.{frozen}", period.Version.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Reopens a closed period; the reason is required and kept with the change.</summary>
    public async Task<WriteResult> ReopenAsync(ClaimsPrincipal user, int year, int quarter, string reason, int expectedVersion, CancellationToken ct = default)
    {
        if (await guard.RefuseAsync(user, Policies.CanAdminister, "마감 해제", "ReportingPeriod", $"{year}-Q{quarter}", ct) is { } refused) return refused;
        var why = (reason ?? "").Trim();
        if (why.Length == 0) return WriteResult.Fail("Reason", "마감 해제 사유를 입력하세요.");
        if (why.Length > MaxReasonLength) return WriteResult.Fail("Reason", $"사유는 {MaxReasonLength}자 이내로 입력하세요 (현재 {why.Length}자).");

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var period = await db.ReportingPeriods.AsTracking().FirstOrDefaultAsync(p => p.Year == year && p.Quarter == quarter, ct);
        if (period is null) return WriteResult.Fail(General, $"{year}년 {quarter}분기 보고 기간이 없습니다.");
        if (period.Version != expectedVersion || !period.IsClosed) return Changed(period);

        var by = EntryActor.NameOf(user);
        var now = clock.GetUtcNow();
        period.IsClosed = false;
        period.ReopenedAt = now;
        period.ReopenedBy = by;
        period.ReopenReason = why;
        db.PeriodStatusChanges.Add(new PeriodStatusChange { ReportingPeriodId = period.Id, Action = PeriodAction.Reopen, At = now, By = by, Reason = why });
        // The frozen report is superseded (kept as history); closing again takes a new one.
        foreach (var snapshot in await db.ReportSnapshots.AsTracking().Where(s => s.ReportingPeriodId == period.Id && s.SupersededAt == null).ToListAsync(ct))
        {
            snapshot.SupersededAt = now;
            snapshot.SupersededBy = by;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var stillLocked = await db.ReportingPeriods.AnyAsync(p => p.Year == year && p.Quarter > quarter && p.IsClosed, ct);
        return WriteResult.Ok(
            $"{year}년 {quarter}분기 마감을 해제했습니다 (사유: {why})." + (stillLocked ? " 다만 같은 해의 이후 분기가 마감되어 있어 아직 입력할 수 없습니다." : ""),
            period.Version.ToString(CultureInfo.InvariantCulture));
    }

    private const string General = WriteResult.General;

    private static WriteResult Changed(ReportingPeriod period)
    {
        var (what, by, at) = period.IsClosed ? ("마감", period.ClosedBy, period.ClosedAt) : ("마감 해제", period.ReopenedBy, period.ReopenedAt);
        var who = string.Join(", ", new[] { by, at is null ? null : Fmt.Time(at) }.OfType<string>());
        return WriteResult.Fail(General,
            $"화면을 연 뒤 다른 관리자가 이 기간의 상태를 바꿨습니다 (현재: {(period.IsClosed ? "마감" : "입력 중")}, 마지막 {what}{(who.Length > 0 ? $": {who}" : "")}). 목록을 새로 고쳐 확인하세요.");
    }
}
