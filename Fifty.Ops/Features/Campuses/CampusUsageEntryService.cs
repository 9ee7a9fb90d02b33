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

/// <param name="Saved">The entry was written.</param>
/// <param name="Errors">Why it was refused (nothing was written); field-level where a field is at fault.</param>
/// <param name="Notices">Accepted, with something the planner should know (e.g. occupancy cannot be computed).</param>
/// <param name="Conflict">Refused because someone saved the month after the form opened; nothing was written.</param>
/// <param name="Token">The stored month's version after the save (the form's next starting point).</param>
public sealed record UsageEntryResult(bool Saved, IReadOnlyList<EntryMessage> Errors, IReadOnlyList<string> Notices)
{
    public SaveConflict? Conflict { get; init; }

    public string? Token { get; init; }
}

/// <summary>
/// Monthly usage entry (캠퍼스 월별 이용 입력): validates one campus-month and writes it in one transaction. The
/// closed-period and seat checks read the database inside that transaction, so a period closed a moment before the save
/// still refuses it. A month saved by someone else after the form opened is shown, not overwritten.
/// </summary>
public sealed class CampusUsageEntryService(IDbContextFactory<FiftyOpsDbContext> factory, PeriodService periods, SeedOptions seed, TimeProvider clock, AccessGuard guard)
{
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

    public async Task<UsageEntryResult> SaveAsync(ClaimsPrincipal user, UsageEntryForm form, CancellationToken ct = default)
    {
        if (await guard.DemandAsync(user, Policies.CanEditFigures, "캠퍼스 월별 이용 입력", "CampusUsage", $"{form.CampusCode} {form.Year}-{form.Month}", ct) is { } refusal) return new UsageEntryResult(false, [new EntryMessage("", refusal)], []);
        var parseErrors = UsageEntryRules.Parse(form, out var entry);
        if (entry is null) return new(false, parseErrors, []);

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var campus = (await CampusUsageData.CampusesAsync(db, ct)).FirstOrDefault(c => c.Code == entry.CampusCode);
        if (campus is null)
        {
            return new(false, [new(nameof(UsageEntryForm.CampusCode), $"알 수 없는 캠퍼스입니다 ({entry.CampusCode}).")], []);
        }

        var seats = (await CampusUsageData.SeatsAsync(db, entry.Year, ct)).GetValueOrDefault(campus.Id);
        var context = new EntryContext(campus.Name, await PeriodsOfAsync(db, entry.Year, ct), campus.OpenedOn, campus.NotYetOpen, campus.OpenedRaw, seats, campus.ClosedOn);
        var errors = UsageEntryRules.Check(entry, context, out var notices);
        if (errors.Count > 0) return new(false, errors, []);

        var row = await db.CampusUsages.AsTracking()
            .SingleOrDefaultAsync(u => u.CampusId == campus.Id && u.Year == entry.Year && u.Month == entry.Month && !u.IsDemo, ct);
        var current = (row?.Version ?? 0).ToString(CultureInfo.InvariantCulture);
        if (current != form.Token.Trim()) return new(false, [], []) { Conflict = ConflictOf(row, entry, current) };
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
        return new(true, [], notices) { Token = row.Version.ToString(CultureInfo.InvariantCulture) };
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
