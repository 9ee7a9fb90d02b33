using Fifty.Ops.Components;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Periods;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.Budget;

public sealed record ExecutionRow(
    string Code,
    string? ParentCode,
    int Level,
    ProgrammeKind Kind,
    string Name,
    FundingSource Funding,
    IReadOnlyList<string> Tags,
    decimal? CurrentBudget,
    decimal? Original,
    decimal? Supplementary,
    decimal? Transfers,
    decimal? Committed,
    decimal? Disbursed,
    decimal? Forecast)
{
    /// <summary>집행잔액 = 예산현액 − 지출액.</summary>
    public decimal? Remaining => CurrentBudget - Disbursed;

    /// <summary>집행률 (원인행위 기준) = 원인행위액 ÷ 예산현액.</summary>
    public decimal? CommittedRate => Fmt.Ratio(Committed, CurrentBudget);

    /// <summary>집행률 (지출 기준) = 지출액 ÷ 예산현액.</summary>
    public decimal? DisbursedRate => Fmt.Ratio(Disbursed, CurrentBudget);

    public decimal? ForecastRate => Fmt.Ratio(Forecast, CurrentBudget);
}

public sealed record SummaryItem(string Item, decimal Amount, bool IsTotal, string? ParentItem);

public sealed record CostShare(string Area, decimal Amount, string? ShareRaw, decimal? ComputedShare, string? Note, bool IsTotal)
{
    /// <summary>The year's programme-cost shares, each with its share recomputed from the stated total beside the printed one.</summary>
    internal static async Task<List<CostShare>> ForYearAsync(FiftyOpsDbContext db, int year, CancellationToken ct)
    {
        var shares = await db.ProgrammeCostShares.Where(s => s.Year == year).OrderBy(s => s.Ordinal)
            .Select(s => new { s.Area, s.Amount, s.ShareRaw, s.Note, s.IsTotal })
            .ToListAsync(ct);
        var total = shares.FirstOrDefault(s => s.IsTotal)?.Amount;
        return shares.Select(s => new CostShare(s.Area, s.Amount, s.ShareRaw, s.IsTotal ? null : Fmt.Ratio(s.Amount, total), s.Note, s.IsTotal)).ToList();
    }
}

public sealed record BudgetOverview(
    PeriodDto? Period,
    int Year,
    DateOnly? SummaryAsOf,
    IReadOnlyList<SummaryItem> Revenue,
    IReadOnlyList<SummaryItem> Expenditure,
    IReadOnlyList<CostShare> CostShares,
    IReadOnlyList<ExecutionRow> Execution,
    string? ExecutionSource);

public sealed class BudgetQueryService(IDbContextFactory<FiftyOpsDbContext> factory, PeriodService periods)
{
    public async Task<BudgetOverview> GetOverviewAsync(int? year, int? quarter, CancellationToken ct = default)
    {
        var (period, shownYear) = await periods.SelectAsync(year, quarter, ct);
        await using var db = await factory.CreateDbContextAsync(ct);

        var summary = await db.BudgetSummaryItems.Where(s => s.Year == shownYear)
            .OrderBy(s => s.Side).ThenBy(s => s.Ordinal)
            .Select(s => new { s.Side, s.AsOf, Item = new SummaryItem(s.Item, s.Amount, s.IsTotal, s.ParentItem) })
            .ToListAsync(ct);
        var shares = await CostShare.ForYearAsync(db, shownYear, ct);

        var execution = period is null ? [] : await GetExecutionAsync(db, period, ct);
        return new BudgetOverview(
            period,
            shownYear,
            summary.FirstOrDefault()?.AsOf,
            summary.Where(s => s.Side == BudgetSide.Revenue).Select(s => s.Item).ToList(),
            summary.Where(s => s.Side == BudgetSide.Expenditure).Select(s => s.Item).ToList(),
            shares,
            execution,
            execution.Count > 0 ? "붙임 예산 집행 현황 (예산현액·당초·추경·예산변경·지출액), 사업별 예산집행현황 (원인행위액·연말 집행예상액)" : null);
    }

    /// <summary>
    /// The execution hierarchy of a period: amounts from the appendix, with commitments and year-end forecasts from the
    /// per-project tables (the appendix does not state them). Where the appendix prints a row twice, the first printing
    /// is shown here; the reconciliation lists the disagreement.
    /// </summary>
    internal static async Task<List<ExecutionRow>> GetExecutionAsync(FiftyOpsDbContext db, PeriodDto period, CancellationToken ct)
    {
        var lines = await db.BudgetLines
            .Where(l => l.ReportingPeriod!.Year == period.Year && l.ReportingPeriod.Quarter == period.Quarter && l.ProgrammeNodeId != null
                        && (l.Section == BudgetSection.Appendix || l.Section == BudgetSection.ProjectTable))
            .OrderBy(l => l.Section).ThenBy(l => l.RowInSection)
            .Select(l => new
            {
                l.Section,
                NodeId = l.ProgrammeNodeId!.Value,
                l.CurrentBudget, l.Original, l.Supplementary, l.Transfers, l.Committed, l.Disbursed, l.Forecast,
            })
            .ToListAsync(ct);
        if (!lines.Any(l => l.Section == BudgetSection.Appendix)) return [];

        var nodes = await db.ProgrammeNodes.Where(n => n.Year == period.Year)
            .OrderBy(n => n.SortOrder)
            .Select(n => new { n.Id, n.Code, ParentCode = n.Parent == null ? null : n.Parent.Code, n.Level, n.Kind, n.Name, n.Funding, n.Tags })
            .ToListAsync(ct);
        var appendix = lines.Where(l => l.Section == BudgetSection.Appendix).GroupBy(l => l.NodeId).ToDictionary(g => g.Key, g => g.First());
        var tables = lines.Where(l => l.Section == BudgetSection.ProjectTable).GroupBy(l => l.NodeId).ToDictionary(g => g.Key, g => g.First());

        var rows = nodes.Where(n => appendix.ContainsKey(n.Id)).Select(n =>
        {
            var a = appendix[n.Id];
            var t = tables.GetValueOrDefault(n.Id);
            return new ExecutionRow(n.Code, n.ParentCode, n.Level, n.Kind, n.Name, n.Funding, n.Tags,
                a.CurrentBudget, a.Original, a.Supplementary, a.Transfers, t?.Committed, a.Disbursed, t?.Forecast);
        }).ToList();
        return RollUp(rows);
    }

    /// <summary>
    /// Commitments and forecasts are stated per detailed project only; a parent gets their sum when every child states
    /// one, and stays empty otherwise rather than showing a partial total as if it were complete.
    /// </summary>
    internal static List<ExecutionRow> RollUp(List<ExecutionRow> rows)
    {
        var byCode = rows.ToDictionary(r => r.Code);
        var children = rows.Where(r => r.ParentCode is not null).ToLookup(r => r.ParentCode!);
        foreach (var row in rows.OrderByDescending(r => r.Level))
        {
            var kids = children[row.Code].Select(k => byCode[k.Code]).ToList();
            if (kids.Count == 0) continue;
            var committed = kids.All(k => k.Committed is not null) ? kids.Sum(k => k.Committed) : null;
            var forecast = kids.All(k => k.Forecast is not null) ? kids.Sum(k => k.Forecast) : null;
            byCode[row.Code] = byCode[row.Code] with { Committed = row.Committed ?? committed, Forecast = row.Forecast ?? forecast };
        }

        return rows.Select(r => byCode[r.Code]).ToList();
    }
}
