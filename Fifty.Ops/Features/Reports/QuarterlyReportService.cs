using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.Campuses;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Features.Projects;
using Fifty.Ops.Infrastructure.Auditing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Fifty.Ops.Infrastructure;

namespace Fifty.Ops.Features.Reports;

public sealed record InstitutionSection(
    DateOnly AsOf, string Name, string? Address, DateOnly? FoundedOn, string? LegalForm, string? Purpose, string? Mission, string? Vision,
    IReadOnlyList<string> CoreValues, IReadOnlyList<string> ManagementGoals, IReadOnlyList<string> StrategicDirections,
    IReadOnlyList<string> Departments, string Source);

public sealed record StaffingRow(string Unit, string Grade, int? Authorized, int? Current, int? Separate, string? Raw);

public sealed record ExecutiveRow(string Role, string Name, string? Position, string? Term);

/// <summary>Everything the quarterly work report prints for one period, gathered from the feature services.</summary>
public sealed record QuarterlyReport(
    PeriodDto Period,
    string OrganisationName,
    DateTimeOffset GeneratedAt,
    InstitutionSection? Institution,
    IReadOnlyList<StaffingRow> Staffing,
    DateOnly? StaffingAsOf,
    IReadOnlyList<ExecutiveRow> Executives,
    DateOnly? ExecutivesAsOf,
    BudgetOverview Budget,
    CampusOverview Campuses,
    IndicatorList Indicators,
    IReadOnlyList<ProjectDetail> Projects)
{
    public string Title => TitleOf(Period.Year, Period.Quarter);

    /// <summary>
    /// The report's name as its period is labelled (<c>2023년 3분기 주요업무보고 (9.30. 기준)</c>); the title is put
    /// in front only when the label does not already name the report, so the name never repeats itself.
    /// </summary>
    public string Name => Period.Label.Contains("주요업무보고", StringComparison.Ordinal) ? Period.Label
        : string.IsNullOrWhiteSpace(Period.Label) ? Title : $"{Title} ({Period.Label})";

    /// <summary>
    /// A project's rows of the execution hierarchy, the one source the project's section, the workbook and 붙임 print
    /// (entered figures over the report's); empty when the period has no execution figures for it.
    /// </summary>
    public IReadOnlyList<ExecutionRow> ExecutionOf(ProjectDetail project) =>
        Budget.Mode != BudgetGridMode.Execution ? []
        : project.ProgrammeCodes.Select(c => Budget.Execution.FirstOrDefault(r => r.Code == c)).OfType<ExecutionRow>().ToList();

    public string FileStem => FileStemOf(Period.Year, Period.Quarter);

    public static string TitleOf(int year, int quarter) => $"{year}년 {quarter}분기 주요업무보고";

    public static string FileStemOf(int year, int quarter) => $"{year}년_{quarter}분기_주요업무보고";
}

/// <summary>
/// Assembles the quarterly work report. It calls the indicator, project, budget and campus services rather than
/// recomputing anything, so the report shows exactly what those pages show. Only the institution facts, which no page
/// of their own shows, are read here.
/// </summary>
public sealed class QuarterlyReportService(
    IDbContextFactory<FiftyOpsDbContext> factory,
    PeriodService periods,
    IndicatorQueryService indicators,
    ProjectQueryService projects,
    BudgetQueryService budget,
    CampusQueryService campuses,
    TimeProvider clock)
{

    // Korea keeps no daylight saving; a fixed offset avoids depending on the server's zone database.

    /// <summary>The name a snapshot taken by the app itself (start-up, first read of a closed period) is stored under.</summary>
    public const string SystemActor = "시스템";

    /// <summary>
    /// Null when there is no such reporting period (the report is never filled from a neighbouring one). A closed
    /// period's report is the snapshot taken when it was closed (<see cref="ReportSnapshot"/>), so it never changes
    /// afterwards; a closed period without one (seeded closed, or a database from before snapshots) is frozen now.
    /// </summary>
    /// <exception cref="InvalidOperationException">The stored snapshot does not match its SHA-256 or cannot be read.</exception>
    public async Task<QuarterlyReport?> GetAsync(int year, int quarter, CancellationToken ct = default)
    {
        var period = (await periods.GetAllAsync(ct)).FirstOrDefault(p => p.Year == year && p.Quarter == quarter);
        if (period is null) return null;
        if (!period.IsClosed) return await BuildAsync(period, ct);
        return await ReadSnapshotAsync(year, quarter, ct) ?? await FreezeAsync(year, quarter, SystemActor, ct);
    }

    /// <summary>
    /// Stores the report of a closed period as it reads now, unless a snapshot is already in force (then that one is
    /// returned). Null when the period does not exist or is not closed. Called right after a close commits (no write
    /// to the period is accepted from then on) and at start-up for closed periods without a snapshot.
    /// </summary>
    public async Task<QuarterlyReport?> FreezeAsync(int year, int quarter, string takenBy, CancellationToken ct = default)
    {
        if (await ReadSnapshotAsync(year, quarter, ct) is { } existing) return existing;
        periods.Invalidate();
        var period = (await periods.GetAllAsync(ct)).FirstOrDefault(p => p.Year == year && p.Quarter == quarter);
        if (period is not { IsClosed: true }) return null;
        var json = ReportSnapshotJson.Serialize(await BuildAsync(period, ct));
        var hash = ReportSnapshotJson.Hash(json);

        await using var db = await factory.CreateDbContextAsync(ct);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Inside the write transaction: a reopening that committed meanwhile wins, and so does a concurrent freeze.
            var current = await db.ReportingPeriods.Where(p => p.Year == year && p.Quarter == quarter).Select(p => new { p.Id, p.IsClosed }).FirstOrDefaultAsync(ct);
            if (current is not { IsClosed: true }) return null;
            if (!await db.ReportSnapshots.AnyAsync(s => s.ReportingPeriodId == current.Id && s.SupersededAt == null, ct))
            {
                if (takenBy == SystemActor) db.Actor = AuditActor.System;
                db.ReportSnapshots.Add(new ReportSnapshot
                {
                    ReportingPeriodId = current.Id, TakenAt = clock.GetUtcNow(), TakenBy = takenBy, Format = ReportSnapshotJson.FormatVersion, Json = json, Sha256 = hash,
                });
                db.AddAuditNote(new AuditRecord(AuditKind.System, "ReportSnapshot", $"{year}-Q{quarter}", "Sha256", null, hash,
                    $"{year}년 {quarter}분기 보고서 고정 (마감 시점 내용 보존, {json.Length:N0}자)"));
                try
                {
                    await db.SaveChangesAsync(ct);
                    await tx.CommitAsync(ct);
                }
                catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 } or Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
                {
                    // Another caller stored one first; theirs is the snapshot in force.
                }
            }
        }

        return await ReadSnapshotAsync(year, quarter, ct);
    }

    /// <summary>Freezes every closed period that has no snapshot in force (start-up). Returns how many were taken.</summary>
    public async Task<int> FreezeClosedPeriodsAsync(CancellationToken ct = default)
    {
        List<(int Year, int Quarter)> missing;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            missing = (await db.ReportingPeriods
                    .Where(p => p.IsClosed && !db.ReportSnapshots.Any(s => s.ReportingPeriodId == p.Id && s.SupersededAt == null))
                    .OrderBy(p => p.Year).ThenBy(p => p.Quarter).Select(p => new { p.Year, p.Quarter }).ToListAsync(ct))
                .Select(p => (p.Year, p.Quarter)).ToList();
        }

        var taken = 0;
        foreach (var (year, quarter) in missing)
        {
            if (await FreezeAsync(year, quarter, SystemActor, ct) is not null) taken++;
        }

        return taken;
    }

    /// <summary>The report as the database reads now, also for a closed period (tests compare it with the snapshot).</summary>
    internal async Task<QuarterlyReport?> BuildLiveAsync(int year, int quarter, CancellationToken ct = default)
    {
        var period = (await periods.GetAllAsync(ct)).FirstOrDefault(p => p.Year == year && p.Quarter == quarter);
        return period is null ? null : await BuildAsync(period, ct);
    }

    private async Task<QuarterlyReport?> ReadSnapshotAsync(int year, int quarter, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var snapshot = await db.ReportSnapshots
            .Where(s => s.SupersededAt == null && db.ReportingPeriods.Any(p => p.Id == s.ReportingPeriodId && p.Year == year && p.Quarter == quarter))
            .Select(s => new { s.Json, s.Sha256, s.Format }).FirstOrDefaultAsync(ct);
        if (snapshot is null) return null;
        if (snapshot.Format != ReportSnapshotJson.FormatVersion || ReportSnapshotJson.Hash(snapshot.Json) != snapshot.Sha256)
            throw new InvalidOperationException($"{year}년 {quarter}분기 보고서 고정본이 손상되었거나 형식({snapshot.Format})을 읽을 수 없습니다. 관리자에게 알리세요.");
        try
        {
            return ReportSnapshotJson.Deserialize(snapshot.Json);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new InvalidOperationException($"{year}년 {quarter}분기 보고서 고정본을 읽을 수 없습니다: {ex.Message}", ex);
        }
    }

    /// <summary>The report as the figures and structure read now.</summary>
    private async Task<QuarterlyReport> BuildAsync(PeriodDto period, CancellationToken ct)
    {
        var (year, quarter) = (period.Year, period.Quarter);

        InstitutionSection? institution;
        List<StaffingRow> staffing;
        DateOnly? staffingAsOf;
        List<ExecutiveRow> executives;
        DateOnly? executivesAsOf;
        string organisation;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            organisation = await FiscalYear.Profile.InstitutionNameService.GetAsync(db, year, ct);
            institution = await db.InstitutionProfiles.Where(p => p.Year == year)
                .Select(p => new InstitutionSection(p.AsOf, p.Name, p.Address, p.FoundedOn, p.LegalForm, p.Purpose, p.Mission, p.Vision,
                    p.CoreValues, p.ManagementGoals, p.StrategicDirections, p.Departments, p.Source.Doc + " › " + p.Source.Section))
                .FirstOrDefaultAsync(ct);
            var staff = await db.StaffingEntries.Where(s => s.Year == year).OrderBy(s => s.Ordinal)
                .Select(s => new { s.AsOf, Row = new StaffingRow(s.Unit, s.Grade, s.Authorized, s.Current, s.Separate, s.Raw) })
                .ToListAsync(ct);
            staffing = staff.Select(s => s.Row).ToList();
            staffingAsOf = staff.FirstOrDefault()?.AsOf;
            var execs = await db.Executives.Where(e => e.Year == year).OrderBy(e => e.Ordinal)
                .Select(e => new { e.AsOf, Row = new ExecutiveRow(e.Role, e.Name, e.Position, e.TermRaw) })
                .ToListAsync(ct);
            executives = execs.Select(e => e.Row).ToList();
            executivesAsOf = execs.FirstOrDefault()?.AsOf;
        }

        var indicatorList = await indicators.GetListAsync(year, quarter, ct);
        var projectDetails = await projects.GetAllDetailsAsync(indicatorList, ct);
        var budgetOverview = await budget.GetOverviewAsync(year, quarter, ct);
        var campusOverview = await campuses.GetOverviewAsync(year, quarter, ct);

        return new QuarterlyReport(period, organisation, clock.KoreaNow(), institution, staffing, staffingAsOf,
            executives, executivesAsOf, budgetOverview, campusOverview, indicatorList, projectDetails);
    }
}
