using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Periods;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.Reports;

/// <summary>What the database holds for one period, section by section of the quarterly work report.</summary>
public sealed record ReportContents(
    PeriodDto Period,
    bool HasInstitution,
    int StaffingRows,
    int BudgetSummaryRows,
    int FacilityRows,
    int Indicators,
    int Projects,
    int Narratives,
    int ExecutionLines)
{
    public IEnumerable<(string Section, int Count, string Unit)> Sections =>
    [
        ("Ⅰ. 일반현황 · 기관 현황", HasInstitution ? 1 : 0, "건"),
        ("Ⅰ. 일반현황 · 인력 현황", StaffingRows, "행"),
        ("Ⅰ. 일반현황 · 예산 총괄", BudgetSummaryRows, "행"),
        ("Ⅰ. 일반현황 · 주요 시설", FacilityRows, "곳"),
        ("Ⅱ. 운영방향 · 성과지표", Indicators, "개"),
        ("Ⅲ. 주요사업 · 사업", Projects, "개"),
        ("Ⅲ. 주요사업 · 추진실적·향후계획", Narratives, "항목"),
        ("붙임 · 예산 집행 현황", ExecutionLines, "행"),
    ];
}

public sealed record ReportCatalog(PeriodDto? Selected, IReadOnlyList<ReportContents> Reports);

public sealed class ReportCatalogService(IDbContextFactory<FiftyOpsDbContext> factory, PeriodService periods)
{
    /// <summary>
    /// Every reporting period with what its quarterly report (분기 주요업무보고) can print: per section (기관 현황, 인력, 예산
    /// 총괄, 시설, 성과지표, 주요사업, 추진실적, 붙임 예산 집행 현황) how many rows the database holds, in a fixed number of queries.
    /// </summary>
    /// <returns><c>Selected</c> is the period <paramref name="year"/>/<paramref name="quarter"/> resolve to (null when there is none); <c>Reports</c> is empty without periods.</returns>
    public async Task<ReportCatalog> GetAsync(int? year, int? quarter, CancellationToken ct = default)
    {
        var all = await periods.GetAllAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        // One grouped query per table keeps the page at a fixed number of queries whatever the number of periods.
        var staffing = await db.StaffingEntries.GroupBy(s => s.Year).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var summary = await db.BudgetSummaryItems.GroupBy(s => s.Year).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var facilities = await db.CampusFacilities.GroupBy(s => s.ReportYear).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var indicators = await db.Indicators.GroupBy(s => s.Year).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var projects = await db.Projects.GroupBy(s => s.Year).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var profiles = await db.InstitutionProfiles.Select(p => p.Year).ToListAsync(ct);
        var narratives = await db.ProjectNarratives
            .Join(db.ReportingPeriods, n => n.ReportingPeriodId, p => p.Id, (n, p) => new { p.Year, p.Quarter })
            .GroupBy(x => new { x.Year, x.Quarter }).Select(g => new { g.Key.Year, g.Key.Quarter, N = g.Count() })
            .ToListAsync(ct);
        var execution = await db.BudgetLines.Where(l => l.Section == BudgetSection.Appendix)
            .GroupBy(l => new { l.ReportingPeriod!.Year, l.ReportingPeriod.Quarter }).Select(g => new { g.Key.Year, g.Key.Quarter, N = g.Count() })
            .ToListAsync(ct);

        var reports = all.Select(p => new ReportContents(
            p,
            profiles.Contains(p.Year),
            staffing.GetValueOrDefault(p.Year),
            summary.GetValueOrDefault(p.Year),
            facilities.GetValueOrDefault(p.Year),
            indicators.GetValueOrDefault(p.Year),
            projects.GetValueOrDefault(p.Year),
            narratives.FirstOrDefault(n => n.Year == p.Year && n.Quarter == p.Quarter)?.N ?? 0,
            execution.FirstOrDefault(n => n.Year == p.Year && n.Quarter == p.Quarter)?.N ?? 0)).ToList();
        return new ReportCatalog(PeriodService.Resolve(all, year, quarter), reports);
    }
}
