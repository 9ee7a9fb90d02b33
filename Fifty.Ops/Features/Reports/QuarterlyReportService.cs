using Fifty.Ops.Data;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.Campuses;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Features.Projects;
using Microsoft.EntityFrameworkCore;

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
    public const string DefaultOrganisation = "서울특별시 50플러스재단";

    // Korea keeps no daylight saving; a fixed offset avoids depending on the server's zone database.
    public static readonly TimeSpan KoreaOffset = TimeSpan.FromHours(9);

    /// <summary>Null when there is no such reporting period (the report is never filled from a neighbouring one).</summary>
    public async Task<QuarterlyReport?> GetAsync(int year, int quarter, CancellationToken ct = default)
    {
        var period = (await periods.GetAllAsync(ct)).FirstOrDefault(p => p.Year == year && p.Quarter == quarter);
        if (period is null) return null;

        InstitutionSection? institution;
        List<StaffingRow> staffing;
        DateOnly? staffingAsOf;
        List<ExecutiveRow> executives;
        DateOnly? executivesAsOf;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
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

        return new QuarterlyReport(period, institution?.Name ?? DefaultOrganisation, clock.GetUtcNow().ToOffset(KoreaOffset), institution, staffing, staffingAsOf,
            executives, executivesAsOf, budgetOverview, campusOverview, indicatorList, projectDetails);
    }
}
