using Fifty.Ops.Components;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.Periods;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fifty.Ops.Features.Projects;

public sealed record ProjectSummary(
    string Code, int AreaNo, string AreaName, string? GroupName, string Title, IReadOnlyList<string> Tags,
    decimal? RequiredBudget, IReadOnlyList<IndicatorRow> Targets);

public sealed record ProjectList(PeriodDto? Period, int Year, IReadOnlyList<ProjectSummary> Projects);

public sealed record NarrativeItem(NarrativeKind Kind, int Ordinal, int Depth, string Text, string? Schedule);

/// <summary>One programme row of the project as one report section states it.</summary>
public sealed record ProjectBudgetLine(
    BudgetSection Section, string Code, string Name, decimal? CurrentBudget, decimal? Committed, decimal? Disbursed, decimal? Forecast,
    string? RateDisbursedRaw, string Source, ForecastBasis ForecastBasis = ForecastBasis.None)
{
    /// <summary>집행률 (지출 기준) = 지출액 ÷ 예산현액.</summary>
    public decimal? DisbursedRate => Fmt.Ratio(Disbursed, CurrentBudget);

    /// <summary>집행률 (원인행위 기준) = 원인행위액 ÷ 예산현액.</summary>
    public decimal? CommittedRate => Fmt.Ratio(Committed, CurrentBudget);
}

public sealed record ProjectDetail(
    PeriodDto? Period,
    ProjectSummary Summary,
    string? Overview,
    string? Audience,
    string? Content,
    string? TargetText,
    string? ActualText,
    IReadOnlyList<NarrativeItem> Progress,
    IReadOnlyList<NarrativeItem> Plan,
    IReadOnlyList<ProjectBudgetLine> Budget,
    string Source)
{
    /// <summary>The programme rows (세부사업 codes) the project covers, in the report's order.</summary>
    public IReadOnlyList<string> ProgrammeCodes { get; init; } = [];
}

public sealed record ProjectDetailModel(string Code, ProjectDetail? Detail);

/// <summary>
/// The projects (주요사업) of a year as the report describes them: overview, 성과목표 ☞ 실적 (from the indicator feature,
/// so the status rules live in one place), 추진실적 / 향후계획, and the amounts each report section states for them.
/// </summary>
/// <param name="people">Shows who entered a budget line by display name (입력 label); without it the login id is shown.</param>
public sealed class ProjectQueryService(
    IDbContextFactory<FiftyOpsDbContext> factory, PeriodService periods, IndicatorQueryService indicators, PeopleDirectory? people = null, IOptions<PaceOptions>? pace = null)
{
    private readonly PaceOptions _pace = pace?.Value ?? new PaceOptions();

    /// <summary>
    /// The projects (주요사업) of the shown year in report order, each with its 소요예산 (<c>RequiredBudget</c>, 천원, as the
    /// 사업개요 states it; null when it states none) and its 성과목표 from <see cref="IndicatorQueryService"/>.
    /// </summary>
    /// <param name="year">Fiscal year; null for the latest period's. <paramref name="quarter"/> picks the period (null: the latest of the year).</param>
    /// <returns>Never null; <c>Period</c> is null when the year has no reporting period, and the list is empty when it has no projects.</returns>
    public async Task<ProjectList> GetListAsync(int? year, int? quarter, CancellationToken ct = default)
    {
        var (period, shownYear) = await periods.SelectAsync(year, quarter, ct);
        var indicatorList = await indicators.GetListAsync(shownYear, period?.Quarter, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var projects = await db.Projects.Where(p => p.Year == shownYear).OrderBy(p => p.SortOrder)
            .Select(p => new { p.Code, p.AreaNo, p.AreaName, p.GroupName, p.Title, p.Tags, p.RequiredBudget })
            .ToListAsync(ct);
        return new ProjectList(period, shownYear, projects.Select(p => new ProjectSummary(
            p.Code, p.AreaNo, p.AreaName, p.GroupName, p.Title, p.Tags, p.RequiredBudget, TargetsOf(indicatorList, p.Code))).ToList());
    }

    /// <summary>One project's 추진실적 / 향후계획, budget lines (천원) and targets for the period; null when the year has no project <paramref name="code"/>.</summary>
    public async Task<ProjectDetail?> GetDetailAsync(string code, int? year, int? quarter, CancellationToken ct = default) =>
        (await GetDetailsAsync(year, quarter, code, ct)).SingleOrDefault();

    /// <summary>Every project of the year with its narratives and budget lines, in a fixed number of queries.</summary>
    public Task<IReadOnlyList<ProjectDetail>> GetAllDetailsAsync(int? year, int? quarter, CancellationToken ct = default) =>
        GetDetailsAsync(year, quarter, null, ct);

    /// <summary>As <see cref="GetAllDetailsAsync(int?, int?, CancellationToken)"/>, with the targets taken from a list the caller already loaded.</summary>
    public Task<IReadOnlyList<ProjectDetail>> GetAllDetailsAsync(IndicatorList indicatorList, CancellationToken ct = default) =>
        GetDetailsAsync(indicatorList.Year, indicatorList.Period?.Quarter, null, ct, indicatorList);

    private async Task<IReadOnlyList<ProjectDetail>> GetDetailsAsync(int? year, int? quarter, string? code, CancellationToken ct, IndicatorList? known = null)
    {
        var (period, shownYear) = await periods.SelectAsync(year, quarter, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var projects = await db.Projects.Where(x => x.Year == shownYear && (code == null || x.Code == code))
            .OrderBy(x => x.SortOrder)
            .Select(x => new
            {
                x.Id, x.Code, x.AreaNo, x.AreaName, x.GroupName, x.Title, x.Tags, x.RequiredBudget, x.Summary, x.Audience, x.Content,
                x.TargetText, x.ActualText, x.ProgrammeCodes, x.Source,
            })
            .ToListAsync(ct);
        if (projects.Count == 0) return [];

        var ids = projects.Select(x => x.Id).ToList();
        var narratives = period is null ? [] : await db.ProjectNarratives
            .Where(n => ids.Contains(n.ProjectId) && n.ReportingPeriodId == db.ReportingPeriods
                .Where(r => r.Year == period.Year && r.Quarter == period.Quarter).Select(r => r.Id).FirstOrDefault())
            .OrderBy(n => n.Kind).ThenBy(n => n.Ordinal)
            .Select(n => new { n.ProjectId, Item = new NarrativeItem(n.Kind, n.Ordinal, n.Depth, n.Text, n.ScheduleRaw) })
            .ToListAsync(ct);
        var byProject = narratives.ToLookup(n => n.ProjectId, n => n.Item);

        var codes = projects.SelectMany(x => x.ProgrammeCodes).Distinct().ToList();
        var names = await PeopleDirectory.NamesOrNoneAsync(people, ct);
        var lines = period is null ? [] : (await db.BudgetLines
            .Where(l => l.ReportingPeriod!.Year == period.Year && l.ReportingPeriod.Quarter == period.Quarter
                        && l.ProgrammeNode != null && codes.Contains(l.ProgrammeNode.Code))
            .OrderBy(l => l.Section).ThenBy(l => l.RowInSection)
            .Select(l => new
            {
                l.Section, l.ProgrammeNode!.Code, l.ProgrammeNode.Name, l.CurrentBudget, l.Committed, l.Disbursed, l.Forecast,
                l.RateDisbursedRaw, l.Source, l.UpdatedBy, l.UpdatedAt,
                IsLeaf = !db.ProgrammeNodes.Any(c => c.ParentId == l.ProgrammeNodeId),
            })
            .ToListAsync(ct))
            .Select(l =>
            {
                // An entered 세부사업 without its own 연말 집행예상액 gets the estimate /budget and the report print for it
                // (YearEndForecast.ForTree, the rule /budget applies, with the same pace options), so it reads the same everywhere.
                var (forecast, basis) = l.Section == BudgetSection.Entry && l.IsLeaf && period is not null
                    ? YearEndForecast.ForTree(
                        [new ForecastInput(l.Code, null, l.CurrentBudget, l.Committed, l.Disbursed, l.Forecast, StatedIsEntered: true)],
                        _pace.ExpectedShare(period.Quarter))[l.Code] is var tree ? (tree.Amount, tree.Basis) : default
                    : (l.Forecast, l.Forecast is null ? ForecastBasis.None : l.Section == BudgetSection.Entry ? ForecastBasis.Entered : ForecastBasis.Stated);
                return new ProjectBudgetLine(l.Section, l.Code, l.Name, l.CurrentBudget, l.Committed, l.Disbursed, forecast, l.RateDisbursedRaw,
                    l.Section == BudgetSection.Entry ? Fmt.Entered(PeopleDirectory.NameOf(names, l.UpdatedBy), l.UpdatedAt) : l.Source.ToString(), basis);
            })
            .ToList();

        var indicatorList = known ?? await indicators.GetListAsync(shownYear, period?.Quarter, ct);
        return projects.Select(p =>
        {
            var summary = new ProjectSummary(p.Code, p.AreaNo, p.AreaName, p.GroupName, p.Title, p.Tags, p.RequiredBudget, TargetsOf(indicatorList, p.Code));
            var own = byProject[p.Id].ToList();
            return new ProjectDetail(period, summary, p.Summary, p.Audience, p.Content, p.TargetText, p.ActualText,
                own.Where(n => n.Kind == NarrativeKind.Progress).ToList(),
                own.Where(n => n.Kind == NarrativeKind.Plan).ToList(),
                lines.Where(l => p.ProgrammeCodes.Contains(l.Code)).ToList(),
                p.Source.ToString())
            {
                ProgrammeCodes = p.ProgrammeCodes,
            };
        }).ToList();
    }

    private static List<IndicatorRow> TargetsOf(IndicatorList list, string projectCode) =>
        list.Rows.Where(r => r.Projects.Any(x => x.Code == projectCode)).ToList();
}
