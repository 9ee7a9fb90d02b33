using System.Globalization;
using System.Security.Claims;
using Fifty.Ops.Components;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Fifty.Ops.Infrastructure.Security;

namespace Fifty.Ops.Features.Campuses;

/// <summary>Whether a quarter of the entry year takes entries, and if not, which closed report freezes it.</summary>
/// <param name="HasPeriod">False when no reporting period of this quarter was opened (it takes no entries either).</param>
public sealed record QuarterState(int Quarter, bool IsLocked, string? LockedBy, bool HasPeriod = true)
{
    public string StatusText => !IsLocked ? "입력 가능" : HasPeriod ? $"마감 ({LockedBy})" : "보고 기간 없음 (입력 불가)";

    public string BadgeText => HasPeriod ? "마감" : "기간 없음";
}

/// <summary>One campus's twelve months (null = nothing entered) with its quarter and year totals.</summary>
public sealed record CampusMonthTable(
    string Code, string Name, string ShortName, bool TakesEntries, string? NotTakingReason, int? Seats,
    DueMonths Due, IReadOnlyList<MonthlyUsage?> Months, IReadOnlyList<MetricTotals> Totals)
{
    public bool IncludesDemo => Months.Any(m => m?.IsDemo == true);
}

public sealed record UsageEntryPage(
    PeriodDto? Period, int Year, bool YearHasPeriods, int CutoffMonth, IReadOnlyList<QuarterState> Quarters,
    IReadOnlyList<CampusMonthTable> Campuses, bool DemoEnabled);

/// <summary>
/// Monthly usage entry (캠퍼스 월별 이용 입력): validates one campus-month and writes it in one transaction. The
/// closed-period and seat checks read the database inside that transaction, so a period closed a moment before the save
/// still refuses it. A month saved by someone else after the form opened is shown, not overwritten.
/// </summary>
public sealed class CampusUsageEntryService(IDbContextFactory<FiftyOpsDbContext> factory, PeriodService periods, SeedOptions seed, TimeProvider clock, AccessGuard guard)
{
    /// <summary>
    /// The monthly usage entry page of a year: per campus twelve months of figures (이용인원·교육 참여·상담 건수·커뮤니티 in
    /// persons or cases, 입주 좌석 in seats; null = not entered), the year's seat count, the months due up to the period's
    /// 기준일, and per quarter whether it takes entries (closed, or no period: docs/domain.md, closed quarters never change).
    /// </summary>
    /// <param name="year">Fiscal year; null for the latest period's. Demo rows are included only with <c>Seed:Demo</c>.</param>
    public async Task<UsageEntryPage> GetPageAsync(int? year, int? quarter, CancellationToken ct = default)
    {
        var (period, shownYear) = await periods.SelectAsync(year, quarter, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var yearPeriods = await PeriodsOfAsync(db, shownYear, ct);
        var campuses = await CampusUsageData.CampusesAsync(db, ct);
        var months = await CampusUsageData.MonthsAsync(db, shownYear, seed.Demo, ct);
        var seats = await CampusUsageData.SeatsAsync(db, shownYear, ct);
        var cutoff = CampusUsageData.CutoffMonth(period, shownYear);

        var quarters = Enumerable.Range(1, 4).Select(q =>
        {
            var closing = yearPeriods.Where(p => p.IsClosed && p.Quarter >= q).OrderBy(p => p.Quarter).FirstOrDefault();
            if (closing is null && yearPeriods.All(p => p.Quarter != q)) return new QuarterState(q, true, PeriodLock.Missing(shownYear, q), HasPeriod: false);
            return new QuarterState(q, closing is not null, closing is null ? null : $"{shownYear}년 {closing.Quarter}분기 마감");
        }).ToList();

        var tables = campuses.Select(c =>
        {
            var list = months.GetValueOrDefault(c.Id) ?? [];
            var due = CampusUsageData.Due(c, shownYear, cutoff);
            var operates = CampusUsageData.OperatesIn(c, shownYear);
            return new CampusMonthTable(c.Code, c.Name, c.ShortName, operates,
                operates ? null : c.ClosedOn is { } closed && closed.Year < shownYear ? $"{Fmt.Date(closed)} 폐소하여 {shownYear}년에는 운영하지 않습니다."
                    : $"{shownYear}년에는 개관 전입니다 (개관: {(c.OpenedOn is { } o ? Fmt.Date(o) : c.OpenedRaw ?? "미정")}).",
                seats.GetValueOrDefault(c.Id), due,
                [.. Enumerable.Range(1, 12).Select(m => list.FirstOrDefault(x => x.Month == m))],
                [.. UsageAggregation.Metrics.Select(metric => MetricTotals.Of(list, metric, due))]);
        }).ToList();

        return new UsageEntryPage(period, shownYear, yearPeriods.Count > 0, cutoff, quarters, tables, seed.Demo);
    }

    /// <summary>
    /// The planner's stored figures of one campus and month, read now (not from the page loaded earlier), so the form
    /// starts from the current values and version. Null when the month has no entry; demo rows are not the planner's
    /// data and are never returned.
    /// </summary>
    public async Task<MonthlyUsage?> GetMonthAsync(string campusCode, int year, int month, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.CampusUsages.AsNoTracking()
            .Where(u => u.Campus!.Code == campusCode && u.Year == year && u.Month == month && !u.IsDemo)
            .Select(u => new MonthlyUsage(u.Month, u.Visits, u.CourseParticipants, u.CounsellingCases, u.Communities, u.OccupiedSeats, u.IsDemo) { Version = u.Version })
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Saves one campus-month (all five figures together) in one transaction, after the role check (CanEditFigures), the
    /// form rules (<see cref="UsageEntryRules.Parse"/>: whole non-negative numbers, full-width digits read) and the stored-state
    /// rules (<see cref="UsageEntryRules.Check"/>: the quarter's period exists and is open, the campus operates that month
    /// (개소일/폐소일), 입주 좌석 ≤ 좌석 수).
    /// </summary>
    /// <returns>
    /// Saved with the month's new version as <c>Token</c> and <c>Warnings</c> for occupancy that cannot be computed; refused
    /// with errors keyed by the form field (<see cref="UsageEntryRules.General"/> for the month as a whole); or a
    /// <c>Conflict</c> when the month changed after the form opened (<c>form.Token</c> is not the stored version). A refusal writes nothing.
    /// </returns>
    public async Task<WriteResult> SaveAsync(ClaimsPrincipal user, UsageEntryForm form, CancellationToken ct = default)
    {
        if (await guard.RefuseAsync(user, Policies.CanEditFigures, "캠퍼스 월별 이용 입력", "CampusUsage", $"{form.CampusCode} {form.Year}-{form.Month}", ct) is { } refused) return refused;
        var parseErrors = UsageEntryRules.Parse(form, out var entry);
        if (entry is null) return WriteResult.Invalid(ByField(parseErrors));

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var campus = (await CampusUsageData.CampusesAsync(db, ct)).FirstOrDefault(c => c.Code == entry.CampusCode);
        if (campus is null)
        {
            return WriteResult.Fail(nameof(UsageEntryForm.CampusCode), $"알 수 없는 캠퍼스입니다 ({entry.CampusCode}).");
        }

        var seats = (await CampusUsageData.SeatsAsync(db, entry.Year, ct)).GetValueOrDefault(campus.Id);
        var context = new EntryContext(campus.Name, await PeriodsOfAsync(db, entry.Year, ct), campus.OpenedOn, campus.NotYetOpen, campus.OpenedRaw, seats, campus.ClosedOn);
        var errors = UsageEntryRules.Check(entry, context, out var notices);
        if (errors.Count > 0) return WriteResult.Invalid(ByField(errors));

        var row = await db.CampusUsages.AsTracking()
            .SingleOrDefaultAsync(u => u.CampusId == campus.Id && u.Year == entry.Year && u.Month == entry.Month && !u.IsDemo, ct);
        var current = (row?.Version ?? 0).ToString(CultureInfo.InvariantCulture);
        if (current != form.Token.Trim()) return WriteResult.Conflicted(ConflictOf(row, entry, current));
        if (row is null)
        {
            row = new CampusUsage { CampusId = campus.Id, Year = entry.Year, Month = entry.Month };
            db.CampusUsages.Add(row);
        }

        row.Visits = entry.Visits;
        row.CourseParticipants = entry.CourseParticipants;
        row.CounsellingCases = entry.CounsellingCases;
        row.Communities = entry.Communities;
        row.OccupiedSeats = entry.OccupiedSeats;
        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedBy = EntryActor.NameOf(user);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return WriteResult.Ok(null, row.Version.ToString(CultureInfo.InvariantCulture), notices);
    }

    /// <summary>The rules' messages keyed by field, in order; two messages on one field are kept, joined.</summary>
    private static Dictionary<string, string> ByField(IEnumerable<EntryMessage> messages)
    {
        var byField = new Dictionary<string, string>();
        foreach (var m in messages) byField[m.Field] = byField.TryGetValue(m.Field, out var earlier) ? earlier + " " + m.Text : m.Text;
        return byField;
    }

    private static SaveConflict ConflictOf(CampusUsage? row, ParsedUsageEntry mine, string current)
    {
        int? Theirs(UsageMetric m) => row is null ? null : m switch
        {
            UsageMetric.Visits => row.Visits,
            UsageMetric.CourseParticipants => row.CourseParticipants,
            UsageMetric.CounsellingCases => row.CounsellingCases,
            UsageMetric.Communities => row.Communities,
            _ => row.OccupiedSeats,
        };
        int? Mine(UsageMetric m) => m switch
        {
            UsageMetric.Visits => mine.Visits,
            UsageMetric.CourseParticipants => mine.CourseParticipants,
            UsageMetric.CounsellingCases => mine.CounsellingCases,
            UsageMetric.Communities => mine.Communities,
            _ => mine.OccupiedSeats,
        };
        var values = UsageAggregation.Metrics.Where(m => Theirs(m) != Mine(m))
            .Select(m => new ConflictValue($"{UsageAggregation.Label(m)} ({UsageAggregation.Unit(m)})",
                Theirs(m) is { } t ? Fmt.Number(t) : "(입력 없음)", Mine(m) is { } v ? Fmt.Number(v) : "(비움)"))
            .ToList();
        return new SaveConflict(row?.UpdatedBy, row?.UpdatedAt, values, current);
    }

    private static async Task<List<EntryPeriod>> PeriodsOfAsync(FiftyOpsDbContext db, int year, CancellationToken ct) =>
        await db.ReportingPeriods.Where(p => p.Year == year).OrderBy(p => p.Quarter)
            .Select(p => new EntryPeriod(p.Quarter, p.AsOf, p.IsClosed)).ToListAsync(ct);
}
