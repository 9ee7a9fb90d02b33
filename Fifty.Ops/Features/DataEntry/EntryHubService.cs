using Fifty.Ops.Components;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Periods;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.DataEntry;

/// <summary>How much of an area is entered for the period: records entered out of those that take entries.</summary>
public sealed record EntryProgress(string Area, string Href, int Entered, int Of, string Unit, string Note);

/// <summary>A part of the year's setup the quarterly report prints (예산 총괄, 인력 현황): whether the year has it, and where it is entered.</summary>
public sealed record YearStep(string Key, string Title, bool Done, string Detail, string Href, string Place);

public sealed record RecentEntry(string Area, string What, string? By, DateTimeOffset At);

public sealed record EntryHubPage(
    PeriodDto? Period, int Year, EntryPeriodState? State, IReadOnlyList<PeriodDto> Periods,
    IReadOnlyList<EntryProgress> Progress, IReadOnlyList<RecentEntry> Recent)
{
    /// <summary>The year's once-a-year parts of the report, done or not (empty without a period).</summary>
    public IReadOnlyList<YearStep> YearSteps { get; init; } = [];
}

/// <summary>The entry hub: the period's state, what is entered per area, and the latest saves.</summary>
public sealed class EntryHubService(IDbContextFactory<FiftyOpsDbContext> factory, PeriodService periods)
{
    /// <summary>
    /// The entry hub for a period: whether it takes writes (<see cref="PeriodLock"/>), per area how many records are entered out
    /// of those that take entries (indicators, budget leaf rows, narratives, campus months), and the latest saves.
    /// </summary>
    /// <param name="year">With <paramref name="quarter"/> null on both: the latest open period, else the latest period.</param>
    /// <returns>Never null; <c>Period</c> is null (and the lists empty) when the database has no period; <c>Year</c> is then the asked year or this year (Korea time).</returns>
    public async Task<EntryHubPage> GetAsync(int? year, int? quarter, CancellationToken ct = default)
    {
        var all = await periods.GetAllAsync(ct);
        // The hub opens on the latest period that takes entries, so a planner lands where there is work.
        var period = year is null && quarter is null
            ? all.FirstOrDefault(p => !p.IsClosed) ?? PeriodService.Resolve(all, null, null)
            : PeriodService.Resolve(all, year, quarter);
        var shownYear = period?.Year ?? year ?? periods.ThisYear;
        if (period is null) return new EntryHubPage(null, shownYear, null, all, [], []);

        await using var db = await factory.CreateDbContextAsync(ct);
        var state = await PeriodLock.StateAsync(db, period.Year, period.Quarter, ct);
        var periodId = await db.ReportingPeriods.Where(p => p.Year == period.Year && p.Quarter == period.Quarter).Select(p => p.Id).SingleAsync(ct);
        var q = PeriodQuery.Build(period.Year, period.Quarter);

        var indicators = await db.Indicators.CountAsync(i => i.Year == period.Year, ct);
        var indicatorsEntered = await db.Indicators.CountAsync(i => i.Year == period.Year
            && (db.IndicatorValues.Any(v => v.IndicatorId == i.Id && v.ReportingPeriodId == periodId)
                || db.IndicatorComments.Any(c => c.IndicatorId == i.Id && c.ReportingPeriodId == periodId)), ct);
        var nodes = await db.ProgrammeNodes.Where(n => n.Year == period.Year).Select(n => new { n.Id, n.ParentId }).ToListAsync(ct);
        var parents = nodes.Where(n => n.ParentId is not null).Select(n => n.ParentId!.Value).ToHashSet();
        var leaves = nodes.Count(n => !parents.Contains(n.Id));
        var budgetEntered = await db.BudgetLines.CountAsync(l => l.ReportingPeriodId == periodId && l.Section == BudgetSection.Entry, ct);
        var projects = await db.Projects.CountAsync(p => p.Year == period.Year, ct);
        var narrativeProjects = await db.ProjectNarratives.Where(n => n.ReportingPeriodId == periodId).Select(n => n.ProjectId).Distinct().CountAsync(ct);
        var (firstMonth, lastMonth) = QuarterCalendar.Months(period.Quarter);
        var campusMonths = await db.CampusUsages.CountAsync(u => !u.IsDemo && u.Year == period.Year && u.Month >= firstMonth && u.Month <= lastMonth, ct);

        var progress = new List<EntryProgress>
        {
            new("성과지표 목표·실적·설명", "/entry/indicators" + q, indicatorsEntered, indicators, "개 지표", "이 분기에 목표·실적·원인 분석 중 하나라도 입력한 지표"),
            new("예산·집행 금액", "/entry/budget" + q, budgetEntered, leaves, "개 세부사업·항목", "이 분기 금액을 입력한 최하위 사업 (보고서 값은 그대로 둡니다)"),
            new("추진실적·향후계획", "/entry/narratives" + q, narrativeProjects, projects, "개 사업", "이 분기 추진실적·향후계획이 있는 사업 (보고서에서 옮긴 것 포함)"),
            new("캠퍼스 월별 이용", "/campuses/entry" + q, campusMonths, 0, "개 캠퍼스·월", $"{firstMonth}~{lastMonth}월에 입력된 캠퍼스별 달 수"),
        };

        var recent = new List<RecentEntry>();
        recent.AddRange((await db.IndicatorValues.Where(v => v.ReportingPeriodId == periodId)
                .Select(v => new { v.Indicator!.Name, v.Kind, v.UpdatedBy, v.UpdatedAt }).ToListAsync(ct))
            .Where(v => v.UpdatedAt is not null)
            .Select(v => new RecentEntry("성과지표", $"{v.Name} · {(v.Kind == IndicatorValueKind.Target ? "목표" : "실적")}", v.UpdatedBy, v.UpdatedAt!.Value)));
        recent.AddRange((await db.IndicatorComments.Where(c => c.ReportingPeriodId == periodId)
                .Select(c => new { c.Indicator!.Name, c.Author, c.UpdatedAt }).ToListAsync(ct))
            .Select(c => new RecentEntry("성과지표", $"{c.Name} · 원인 분석·조치 계획", c.Author, c.UpdatedAt)));
        recent.AddRange((await db.BudgetLines.Where(l => l.ReportingPeriodId == periodId && l.Section == BudgetSection.Entry)
                .Select(l => new { l.NameInSource, Code = l.ProgrammeNode!.Code, l.UpdatedBy, l.UpdatedAt }).ToListAsync(ct))
            .Where(l => l.UpdatedAt is not null)
            .Select(l => new RecentEntry("예산·집행", $"{l.Code} {l.NameInSource}", l.UpdatedBy, l.UpdatedAt!.Value)));
        recent.AddRange((await db.ProjectNarratives.Where(n => n.ReportingPeriodId == periodId && n.UpdatedAt != null)
                .Select(n => new { n.Project!.Title, n.Kind, n.UpdatedBy, n.UpdatedAt }).ToListAsync(ct))
            .GroupBy(n => (n.Title, n.Kind))
            .Select(g => g.OrderByDescending(n => n.UpdatedAt).First())
            .Select(n => new RecentEntry("추진실적·향후계획", $"{n.Title} · {NarrativeEntryService.KindLabel(n.Kind)}", n.UpdatedBy, n.UpdatedAt!.Value)));

        var summaryRows = await db.BudgetSummaryItems.CountAsync(s => s.Year == period.Year, ct);
        var summaryEntered = await db.BudgetSummaryItems.CountAsync(s => s.Year == period.Year && s.Source.Doc == "", ct);
        var staffRows = await db.StaffingEntries.CountAsync(s => s.Year == period.Year, ct);
        var steps = new List<YearStep>
        {
            new("summary", "예산 총괄 (세입·세출)", summaryRows > 0,
                summaryRows == 0 ? $"{period.Year}년 예산 총괄이 없어 보고서에 「자료 없음」으로 나옵니다."
                    : $"{summaryRows}행 ({(summaryEntered > 0 ? "입력" : "보고서")})",
                Reports.ReportEntryPoints.SummaryHref(period.Year), Reports.ReportEntryPoints.SummaryPlace),
            new("staffing", "인력 현황 (정원/현원)", staffRows > 0,
                staffRows == 0 ? $"{period.Year}년 정원/현원이 없어 보고서에 「자료 없음」으로 나옵니다." : $"{staffRows}행",
                Reports.ReportEntryPoints.StaffingHref(period.Year), Reports.ReportEntryPoints.StaffingPlace),
        };

        return new EntryHubPage(period, period.Year, state, all, progress, recent.OrderByDescending(r => r.At).Take(10).ToList()) { YearSteps = steps };
    }
}
