using Fifty.Ops.Components;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.Periods;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.Overview;

/// <param name="Rate">The rate in force: the report's stated one for the report's figure, else computed (null without a target).</param>
/// <param name="Source">"보고서: 목표대비 149%" for the report's figure, "입력 (who, when)" for a planner's.</param>
public sealed record HeadlineResult(string Field, string Name, string ActualRaw, string? StatedRateRaw, decimal? Rate = null, string? Source = null);

public sealed record StatusCount(AchievementStatus Status, int Count);

public sealed record OverviewModel(
    PeriodDto? Period,
    int Year,
    string? InstitutionName,
    string? Mission,
    decimal? BudgetTotal,
    DateOnly? BudgetAsOf,
    decimal? CurrentBudget,
    decimal? Disbursed,
    int? StaffAuthorized,
    int? StaffCurrent,
    DateOnly? StaffAsOf,
    int CampusesOperating,
    int IndicatorCount,
    IReadOnlyList<StatusCount> IndicatorStatus,
    int IndicatorsNeedingExplanation,
    IReadOnlyList<HeadlineResult> Headlines,
    IReadOnlyList<CostShare> CostShares)
{
    public decimal? DisbursedRate => Fmt.Ratio(Disbursed, CurrentBudget);
}

public sealed class OverviewService(IDbContextFactory<FiftyOpsDbContext> factory, PeriodService periods, IndicatorQueryService indicators)
{
    /// <summary>
    /// The home page's figures for a period: the institution's name and mission (latest profile up to the year), the year's
    /// revenue total (예산 총괄, 천원), 예산현액 and 지출액 of the appendix's total row (천원; null without a period or row),
    /// staffing (정원/현원, persons), campuses operating at the 기준일 (opened and not closed by then), indicator statuses by
    /// <see cref="IndicatorQueryService"/>'s rule, the headline indicators (an entered 실적 labelled 입력) and the cost shares.
    /// </summary>
    /// <param name="year">Fiscal year; null for the latest period's. Without a period the 기준일 is 31 December of the year.</param>
    public async Task<OverviewModel> GetAsync(int? year, int? quarter, CancellationToken ct = default)
    {
        var (period, shownYear) = await periods.SelectAsync(year, quarter, ct);
        var asOf = period?.AsOf ?? new DateOnly(shownYear, 12, 31);
        await using var db = await factory.CreateDbContextAsync(ct);

        var profile = await db.InstitutionProfiles.Where(p => p.Year <= shownYear).OrderByDescending(p => p.Year)
            .Select(p => new { p.Name, p.Mission }).FirstOrDefaultAsync(ct);
        var budget = await db.BudgetSummaryItems
            .Where(s => s.Year == shownYear && s.Side == BudgetSide.Revenue && s.IsTotal)
            .Select(s => new { s.Amount, s.AsOf }).FirstOrDefaultAsync(ct);
        var total = period is null ? null : await db.BudgetLines
            .Where(l => l.ReportingPeriod!.Year == period.Year && l.ReportingPeriod.Quarter == period.Quarter
                        && l.Section == BudgetSection.Appendix && l.ProgrammeNode!.Kind == ProgrammeKind.Total)
            .OrderBy(l => l.RowInSection)
            .Select(l => new { l.CurrentBudget, l.Disbursed })
            .FirstOrDefaultAsync(ct);
        var staff = await db.StaffingEntries.Where(s => s.Year == shownYear && s.Unit == "계" && s.Grade == "계")
            .Select(s => new { s.Authorized, s.Current, s.AsOf }).FirstOrDefaultAsync(ct);
        var facilities = await db.CampusFacilities.Where(f => f.ReportYear <= shownYear && f.Campus!.Kind == CampusKind.Campus)
            .Select(f => new { f.CampusId, f.ReportYear, f.OpenedOn, f.Campus!.ClosedOn }).ToListAsync(ct);
        // Operating at the 기준일: opened by then and not closed (폐소일) by then.
        var operating = facilities.GroupBy(f => f.CampusId).Select(g => g.MaxBy(f => f.ReportYear)!)
            .Count(f => f.OpenedOn is { } o && o <= asOf && !(f.ClosedOn is { } c && c <= asOf));
        // The statuses come from the indicator feature's own rules, not a second implementation of them.
        var indicatorList = await indicators.GetListAsync(shownYear, period?.Quarter, ct);
        var shares = await CostShare.ForYearAsync(db, shownYear, ct);

        return new OverviewModel(
            period, shownYear, profile?.Name, profile?.Mission,
            budget?.Amount, budget?.AsOf, total?.CurrentBudget, total?.Disbursed,
            staff?.Authorized, staff?.Current, staff?.AsOf,
            operating, indicatorList.Rows.Count,
            Enum.GetValues<AchievementStatus>().Select(s => new StatusCount(s, indicatorList.Count(s))).ToList(),
            indicatorList.NeedingExplanation,
            indicatorList.Rows.Where(r => r.Kind == IndicatorKind.Headline)
                .Select(r => new HeadlineResult(r.Field, r.Name, r.ActualText ?? Fmt.None, r.StatedRateRaw, r.Achievement.Rate,
                    r.Actual is { IsEntered: true } a ? a.SourceLabel : r.StatedRateRaw is null ? null : "보고서 기재")).ToList(),
            shares);
    }
}
