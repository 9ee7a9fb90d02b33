using Fifty.Ops.Components;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Budget.Reconciliation;
using Fifty.Ops.Features.Periods;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using System.Text.Json.Serialization;

namespace Fifty.Ops.Features.Budget;

/// <summary>
/// Which figures a year's grid can show: the execution appendix (예산현액 … 지출액), or, for a report without one
/// (2020), only the 소요예산 of each project block.
/// </summary>
public enum BudgetGridMode
{
    None,
    Execution,
    RequiredBudget,
}

/// <param name="Level">Level as the source's hierarchy numbers it; the grid derives nesting from <paramref name="ParentCode"/>.</param>
/// <param name="BudgetComputed">True when 예산현액 is the sum of the children rather than a printed figure.</param>
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
    decimal? Forecast,
    ForecastBasis ForecastBasis = ForecastBasis.None,
    PaceAssessment? Pace = null,
    bool BudgetComputed = false)
{
    /// <summary>Where a blank 예산현액 of a new quarter was carried from ("2023년 3분기 보고서"); null when not carried.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BudgetCarriedFrom { get; init; }

    /// <summary>True when the row's 연말 집행예상액 is a planner's entry (labelled 입력, never 보고서).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ForecastEntered { get; init; }

    /// <summary>True when a planner entered figures on this row for the period (the grid labels the row 입력).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool IsEntered { get; init; }

    /// <summary>전년 동기: the same code's figures in the same quarter of the previous year; null when that year has no such row.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PriorYearFigures? PriorYear { get; init; }

    /// <summary>집행잔액 = 예산현액 − 지출액.</summary>
    [JsonIgnore]
    public decimal? Remaining => CurrentBudget - Disbursed;

    /// <summary>집행률 (원인행위 기준) = 원인행위액 ÷ 예산현액.</summary>
    [JsonIgnore]
    public decimal? CommittedRate => Fmt.Ratio(Committed, CurrentBudget);

    /// <summary>집행률 (지출 기준) = 지출액 ÷ 예산현액.</summary>
    [JsonIgnore]
    public decimal? DisbursedRate => Fmt.Ratio(Disbursed, CurrentBudget);

    [JsonIgnore]
    public decimal? ForecastRate => Fmt.Ratio(Forecast, CurrentBudget);

    /// <summary>Likely 불용액 = 예산현액 − 연말 집행예상액.</summary>
    [JsonIgnore]
    public decimal? Unspent => CurrentBudget - Forecast;
}

/// <summary>
/// A row's 예산현액 and 지출액 (천원) in the same quarter of the previous year (전년 동기), matched by code; null amounts
/// are figures that year does not state.
/// </summary>
public sealed record PriorYearFigures(decimal? CurrentBudget, decimal? Disbursed)
{
    /// <summary>집행률 (지출 기준) of the previous year's quarter = 지출액 ÷ 예산현액.</summary>
    [JsonIgnore]
    public decimal? DisbursedRate => Fmt.Ratio(Disbursed, CurrentBudget);
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

    /// <summary>What <see cref="FromAreas"/> writes as the note of its total row.</summary>
    public const string ComputedNote = "계산: 정책별 예산현액 (집행 현황)";

    /// <summary>
    /// 분야별 사업비 computed from the period's execution hierarchy: each policy area's 예산현액 (천원) and its share of their
    /// sum, the total row first. Empty when there is no policy area or one lacks its 예산현액 (a partial sum proves nothing).
    /// </summary>
    internal static List<CostShare> FromAreas(IReadOnlyList<AreaExecution> areas)
    {
        if (areas.Count == 0 || areas.Any(a => a.CurrentBudget is null)) return [];
        var total = areas.Sum(a => a.CurrentBudget!.Value);
        return [new CostShare("합계", total, null, null, ComputedNote, true),
            .. areas.Select(a => new CostShare(a.Name, a.CurrentBudget!.Value, null, Fmt.Ratio(a.CurrentBudget, total), null, false))];
    }

    /// <summary>The same shares from a period's facts (already read), in their order.</summary>
    internal static List<CostShare> From(IReadOnlyList<CostShareFact> facts)
    {
        var total = facts.FirstOrDefault(s => s.IsTotal)?.Amount;
        return facts.OrderBy(s => s.Ordinal)
            .Select(s => new CostShare(s.Area, s.Amount, s.ShareRaw, s.IsTotal ? null : Fmt.Ratio(s.Amount, total), s.Note, s.IsTotal)).ToList();
    }
}

/// <summary>The pace a period is judged against, for the page to state next to the flags.</summary>
public sealed record PaceSummary(int Quarter, decimal Expected, decimal BehindTolerance, decimal AheadTolerance);

/// <summary>A line whose disbursements are off the expected pace, with the policy area (or 일반관리비) it belongs to.</summary>
public sealed record AttentionItem(string Code, string Name, string? Area, decimal CurrentBudget, decimal Disbursed, PaceAssessment Pace);

/// <summary>A policy area's amounts for the chart; 원인행위액 is null when not every line of the area states one.</summary>
public sealed record AreaExecution(string Code, string Name, decimal? CurrentBudget, decimal? Committed, decimal? Disbursed);

public sealed record UnspentItem(string Code, string Name, string? Area, decimal CurrentBudget, decimal Forecast, ForecastBasis Basis)
{
    [JsonIgnore]
    public decimal Unspent => CurrentBudget - Forecast;
}

public sealed record BudgetOverview(
    PeriodDto? Period,
    int Year,
    DateOnly? SummaryAsOf,
    IReadOnlyList<SummaryItem> Revenue,
    IReadOnlyList<SummaryItem> Expenditure,
    IReadOnlyList<CostShare> CostShares,
    BudgetGridMode Mode,
    IReadOnlyList<ExecutionRow> Execution,
    string? ExecutionSource,
    PaceSummary? Pace,
    string? ForecastMethod,
    IReadOnlyList<AttentionItem> Attention,
    IReadOnlyList<AreaExecution> Areas,
    IReadOnlyList<UnspentItem> Unspent,
    IReadOnlyList<Finding> Findings)
{
    [JsonIgnore]
    public ExecutionRow? Total => Execution.FirstOrDefault(r => r.Kind == ProgrammeKind.Total);

    /// <summary>The same quarter of the previous year when it is set up (전년 동기 columns); null otherwise.</summary>
    public PeriodDto? PriorPeriod { get; init; }

    /// <summary>
    /// While the quarter's lines are being entered, the sum of those with figures (<see cref="EnteredTotal"/>); null
    /// when the total is complete, or for a year without an execution hierarchy.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EnteredTotal? Partial { get; init; }
}

public sealed class BudgetQueryService(IDbContextFactory<FiftyOpsDbContext> factory, PeriodService periods, IOptions<PaceOptions> paceOptions)
{
    public const string ExecutionSourceText = "붙임 예산 집행 현황 (예산현액·당초·추경·예산변경·지출액), 사업별 예산집행현황 (원인행위액·연말 집행예상액)";
    public const string RequiredBudgetSourceText = "사업별 사업개요의 소요예산 (집행 실적은 보고서에 없음)";
    public const string EntrySourceText = "기획 담당 입력 값 우선 (입력이 없는 칸은 보고서 값, 상위 행은 입력이 바꾼 열만 하위 합계)";

    /// <summary>
    /// The budget page for a period: 예산 총괄 (revenue and expenditure, 천원), the execution tree (예산현액, 원인행위, 지출 in
    /// 천원; 집행률 on 원인행위 and on 지출 as shares of 예산현액) with entered figures winning over the report's and labelled
    /// 입력, the pace against <see cref="PaceOptions"/>, and the cost shares (docs/domain.md: both execution rates state their base).
    /// </summary>
    /// <param name="year">Fiscal year; null for the latest period's. A year without a period shows its 총괄 only.</param>
    public async Task<BudgetOverview> GetOverviewAsync(int? year, int? quarter, CancellationToken ct = default)
    {
        var (period, shownYear) = await periods.SelectAsync(year, quarter, ct);
        await using var db = await factory.CreateDbContextAsync(ct);

        var facts = period is null ? null : await BudgetFacts.LoadAsync(db, period, ct);
        // The facts already hold the year's summary and cost shares; read them only for a year without a period.
        var summary = facts is not null
            ? facts.Summary.Select(s => new { s.Side, s.AsOf, Item = new SummaryItem(s.Item, s.Amount, s.IsTotal, s.ParentItem) }).ToList()
            : await db.BudgetSummaryItems.Where(s => s.Year == shownYear)
                .OrderBy(s => s.Side).ThenBy(s => s.Ordinal)
                .Select(s => new { s.Side, s.AsOf, Item = new SummaryItem(s.Item, s.Amount, s.IsTotal, s.ParentItem) })
                .ToListAsync(ct);
        var shares = facts is not null ? CostShare.From(facts.CostShares) : await CostShare.ForYearAsync(db, shownYear, ct);
        var view = facts is null ? ExecutionView.Empty : BuildView(facts, paceOptions.Value);
        // A year set up in the app has no transcribed 분야별 사업비: it is the policy areas' 예산현액 of the period (decision record 0023).
        if (shares.Count == 0 && view.Mode == BudgetGridMode.Execution) shares = CostShare.FromAreas(view.Areas);
        var prior = period is null || view.Mode != BudgetGridMode.Execution ? null
            : (await periods.GetAllAsync(ct)).FirstOrDefault(p => p.Year == period.Year - 1 && p.Quarter == period.Quarter);
        var rows = view.Rows;
        if (prior is not null)
        {
            var figures = await PriorYearAsync(db, prior, ct);
            rows = rows.Select(r => r with { PriorYear = figures.GetValueOrDefault(r.Code) }).ToList();
        }

        return new BudgetOverview(
            period,
            shownYear,
            summary.FirstOrDefault()?.AsOf,
            summary.Where(s => s.Side == BudgetSide.Revenue).Select(s => s.Item).ToList(),
            summary.Where(s => s.Side == BudgetSide.Expenditure).Select(s => s.Item).ToList(),
            shares,
            view.Mode,
            rows,
            view.Mode switch
            {
                BudgetGridMode.Execution when facts!.Lines.Any(l => l.Section == BudgetSection.Entry) => EntrySourceText + "; " + ExecutionSourceText,
                BudgetGridMode.Execution => ExecutionSourceText,
                BudgetGridMode.RequiredBudget => RequiredBudgetSourceText,
                _ => null,
            },
            view.Pace,
            view.Pace is null ? null : YearEndForecast.Method(view.Pace.Expected),
            view.Attention,
            view.Areas,
            view.Unspent,
            facts is null ? [] : ReconciliationService.Run(facts))
        {
            PriorPeriod = prior,
            Partial = view.Mode == BudgetGridMode.Execution
                ? EnteredTotal.Of(facts!.Nodes.Where(n => !facts.ChildrenOf(n.Code).Any()).Select(n => n.Code).ToList(), rows)
                : null,
        };
    }

    /// <summary>
    /// 전년 동기 대비: each code's 예산현액 and 지출액 in <paramref name="prior"/> (천원), in one projected query. As the
    /// period's own grid does, a planner's entry wins over the report's appendix, and a row without its own entry whose
    /// children were entered shows the sum of its children (null when a child lacks the figure: a partial sum proves
    /// nothing). Codes that period has no line for are absent, so the page shows — for them.
    /// </summary>
    internal static async Task<IReadOnlyDictionary<string, PriorYearFigures>> PriorYearAsync(FiftyOpsDbContext db, PeriodDto prior, CancellationToken ct)
    {
        var lines = await db.BudgetLines.AsNoTracking()
            .Where(l => l.ReportingPeriod!.Year == prior.Year && l.ReportingPeriod.Quarter == prior.Quarter && l.ProgrammeNode != null
                        && (l.Section == BudgetSection.Appendix || l.Section == BudgetSection.Entry))
            .Select(l => new
            {
                l.ProgrammeNode!.Code,
                ParentCode = l.ProgrammeNode.Parent == null ? null : l.ProgrammeNode.Parent.Code,
                l.Section,
                l.RowInSection,
                l.CurrentBudget,
                l.Disbursed,
            })
            .ToListAsync(ct);
        var byCode = lines.GroupBy(l => l.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g =>
        {
            var entry = g.Where(l => l.Section == BudgetSection.Entry).OrderBy(l => l.RowInSection).FirstOrDefault();
            var report = g.Where(l => l.Section == BudgetSection.Appendix).OrderBy(l => l.RowInSection).FirstOrDefault();
            return (Entry: entry is null ? null : new[] { entry.CurrentBudget, entry.Disbursed }, Report: new[] { report?.CurrentBudget, report?.Disbursed });
        }, StringComparer.Ordinal);
        var children = lines.Where(l => l.ParentCode is not null).Select(l => (l.ParentCode!, l.Code)).Distinct()
            .ToLookup(x => x.Item1, x => x.Code, StringComparer.Ordinal);
        var memo = new Dictionary<(string, int), (decimal? Value, bool Changed)>();

        (decimal? Value, bool Changed) Cell(string code, int column)
        {
            if (memo.TryGetValue((code, column), out var known)) return known;
            var (entry, report) = byCode[code];
            (decimal? Value, bool Changed) result;
            if (entry?[column] is { } own)
            {
                result = (own, true);
            }
            else
            {
                var kids = children[code].Select(k => Cell(k, column)).ToList();
                var changedBelow = kids.Any(k => k.Changed);
                result = !changedBelow && report[column] is { } printed ? (printed, false)
                    : kids.Count > 0 && kids.All(k => k.Value is not null) ? (kids.Sum(k => k.Value), changedBelow)
                    : (report[column], changedBelow);
            }

            memo[(code, column)] = result;
            return result;
        }

        return byCode.Keys.ToDictionary(code => code, code => new PriorYearFigures(Cell(code, 0).Value, Cell(code, 1).Value), StringComparer.Ordinal);
    }

    /// <summary>The grid and its analyses for one period, as the page and the execution workbook show them.</summary>
    internal sealed record ExecutionView(
        BudgetGridMode Mode,
        IReadOnlyList<ExecutionRow> Rows,
        PaceSummary? Pace,
        IReadOnlyList<AttentionItem> Attention,
        IReadOnlyList<AreaExecution> Areas,
        IReadOnlyList<UnspentItem> Unspent)
    {
        public static readonly ExecutionView Empty = new(BudgetGridMode.None, [], null, [], [], []);
    }

    internal static ExecutionView BuildView(BudgetFacts facts, PaceOptions options)
    {
        if (facts.Lines.Any(l => l.Section is BudgetSection.Appendix or BudgetSection.Entry && l.Code is not null))
        {
            var rows = ExecutionRows(facts, options);
            var pace = new PaceSummary(facts.Quarter, options.ExpectedShare(facts.Quarter), options.BehindTolerance, options.AheadTolerance);
            return new ExecutionView(BudgetGridMode.Execution, rows, pace, Attention(rows), Areas(rows), Unspent(rows));
        }

        var required = RequiredBudgetRows(facts);
        return required.Count == 0 ? ExecutionView.Empty : new ExecutionView(BudgetGridMode.RequiredBudget, required, null, [], [], []);
    }

    /// <summary>
    /// The execution hierarchy of a period: amounts from the appendix, with commitments and year-end forecasts from the
    /// per-project tables (the appendix does not state them). Where the appendix prints a row twice, the first printing
    /// is shown here; the reconciliation lists the disagreement.
    /// </summary>
    internal static List<ExecutionRow> ExecutionRows(BudgetFacts facts, PaceOptions options)
    {
        var rows = facts.Lines.Any(l => l.Section == BudgetSection.Entry && l.Code is not null)
            ? EnteredRows(facts)
            : facts.Nodes
                .Select(n => (Node: n, Line: facts.FirstIn(n.Code, BudgetSection.Appendix), Table: facts.FirstIn(n.Code, BudgetSection.ProjectTable)))
                .Where(x => x.Line is not null)
                .Select(x => new ExecutionRow(x.Node.Code, x.Node.ParentCode, x.Node.Level, x.Node.Kind, x.Node.Name, x.Node.Funding, x.Node.Tags,
                    x.Line!.CurrentBudget, x.Line.Original, x.Line.Supplementary, x.Line.Transfers, x.Table?.Committed, x.Line.Disbursed, x.Table?.Forecast))
                .ToList();
        rows = RollUp(rows);

        var elapsed = options.ExpectedShare(facts.Quarter);
        var forecasts = YearEndForecast.ForTree(
            rows.Select(r => new ForecastInput(r.Code, r.ParentCode, r.CurrentBudget, r.Committed, r.Disbursed, r.Forecast, r.ForecastEntered)).ToList(), elapsed);
        return rows.Select(r => r with
        {
            Forecast = forecasts[r.Code].Amount,
            ForecastBasis = forecasts[r.Code].Basis,
            Pace = ExecutionPace.Assess(r.CurrentBudget, r.Disbursed, facts.Quarter, options),
        }).ToList();
    }

    /// <summary>
    /// The hierarchy when planners have entered figures (section <see cref="BudgetSection.Entry"/>): an entered amount wins
    /// over the report's; a row shows the report's own amount for a column unless an entry below it changes that
    /// column, in which case it is the sum of its children (null when any child lacks one: a partial sum proves
    /// nothing). Rows appear where the report prints them or an entry exists at or below them or beside such a row.
    /// </summary>
    internal static List<ExecutionRow> EnteredRows(BudgetFacts facts)
    {
        var entered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in facts.Lines.Where(l => l.Section == BudgetSection.Entry && l.Code is not null))
        {
            for (var n = facts.Node(line.Code!); n is not null; n = n.ParentCode is null ? null : facts.Node(n.ParentCode)) entered.Add(n.Code);
        }

        var columns = new Func<LineFact?, LineFact?, decimal?>[]
        {
            (a, _) => a?.CurrentBudget, (a, _) => a?.Original, (a, _) => a?.Supplementary, (a, _) => a?.Transfers,
            (_, t) => t?.Committed, (a, _) => a?.Disbursed, (_, t) => t?.Forecast,
        };
        var memo = new Dictionary<(string, int), (decimal? Value, bool Computed, bool Changed)>();

        (decimal? Value, bool Computed, bool Changed) Cell(NodeFact node, int column)
        {
            if (memo.TryGetValue((node.Code, column), out var known)) return known;
            var entry = facts.FirstIn(node.Code, BudgetSection.Entry);
            var ownEntry = entry is null ? null : columns[column](entry, entry);
            (decimal? Value, bool Computed, bool Changed) result;
            if (ownEntry is not null)
            {
                result = (ownEntry, false, true);
            }
            else
            {
                var kids = facts.ChildrenOf(node.Code).Select(k => Cell(k, column)).ToList();
                // A blank budget column of a new quarter keeps the previous quarter's value (carried, labelled 이월).
                var printed = columns[column](facts.FirstIn(node.Code, BudgetSection.Appendix), facts.FirstIn(node.Code, BudgetSection.ProjectTable))
                              ?? (column <= 3 ? columns[column](facts.CarriedOf(node.Code), null) : null);
                var changedBelow = kids.Any(k => k.Changed);
                result = printed is not null && !changedBelow ? (printed, false, false)
                    : kids.Count > 0 && kids.All(k => k.Value is not null) && (changedBelow || printed is null) ? (kids.Sum(k => k.Value), true, changedBelow)
                    : (null, false, changedBelow);
            }

            memo[(node.Code, column)] = result;
            return result;
        }

        // Siblings of an entered path are shown too (empty where nothing is known), so no parent reads as the total of
        // only the children someone happened to enter.
        var shown = new HashSet<string>(entered, StringComparer.Ordinal);
        foreach (var code in entered) shown.UnionWith(facts.ChildrenOf(code).Select(c => c.Code));
        return facts.Nodes
            .Where(n => shown.Contains(n.Code) || facts.FirstIn(n.Code, BudgetSection.Appendix) is not null)
            .Select(n =>
            {
                var v = Enumerable.Range(0, columns.Length).Select(c => Cell(n, c)).ToArray();
                var entry = facts.FirstIn(n.Code, BudgetSection.Entry);
                var carried = !v[0].Computed && v[0].Value is not null && entry?.CurrentBudget is null
                              && facts.FirstIn(n.Code, BudgetSection.Appendix)?.CurrentBudget is null && facts.CarriedOf(n.Code)?.CurrentBudget is not null;
                return new ExecutionRow(n.Code, n.ParentCode, n.Level, n.Kind, n.Name, n.Funding, n.Tags,
                    v[0].Value, v[1].Value, v[2].Value, v[3].Value, v[4].Value, v[5].Value, entry?.Forecast ?? facts.FirstIn(n.Code, BudgetSection.ProjectTable)?.Forecast,
                    BudgetComputed: v[0].Computed)
                {
                    BudgetCarriedFrom = carried ? facts.CarriedOf(n.Code)!.CarriedFrom : null,
                    ForecastEntered = entry?.Forecast is not null,
                    IsEntered = entry is not null,
                };
            })
            .ToList();
    }

    /// <summary>
    /// Commitments are stated per detailed project only; a parent gets their sum when every child states one, and stays
    /// empty otherwise rather than showing a partial total as if it were complete. (Forecasts roll up in
    /// <see cref="YearEndForecast.ForTree"/>, which also fills the gaps with an estimate and says so.)
    /// </summary>
    internal static List<ExecutionRow> RollUp(List<ExecutionRow> rows)
    {
        var byCode = rows.ToDictionary(r => r.Code);
        var children = rows.Where(r => r.ParentCode is not null).ToLookup(r => r.ParentCode!);
        var depths = ExecutionHierarchy.Depths(rows);
        foreach (var row in rows.OrderByDescending(r => depths[r.Code]))
        {
            var kids = children[row.Code].Select(k => byCode[k.Code]).ToList();
            if (kids.Count == 0) continue;
            var committed = kids.All(k => k.Committed is not null) ? kids.Sum(k => k.Committed) : null;
            byCode[row.Code] = byCode[row.Code] with { Committed = row.Committed ?? committed };
        }

        return rows.Select(r => byCode[r.Code]).ToList();
    }

    /// <summary>
    /// A year without an execution appendix (2020) still has each project block's 소요예산: the grid shows them under
    /// the programme hierarchy, with a parent's figure the sum of its children (marked as computed) where all have one.
    /// </summary>
    internal static List<ExecutionRow> RequiredBudgetRows(BudgetFacts facts)
    {
        var amounts = new Dictionary<string, (decimal? Amount, bool Computed)>(StringComparer.Ordinal);

        (decimal? Amount, bool Computed) Of(NodeFact node)
        {
            if (amounts.TryGetValue(node.Code, out var known)) return known;
            var kids = facts.ChildrenOf(node.Code).ToList();
            var own = facts.FirstIn(node.Code, BudgetSection.RequiredBudget)?.CurrentBudget;
            var parts = kids.Select(Of).ToList();
            var result = own is not null ? (own, false)
                : kids.Count > 0 && parts.All(p => p.Amount is not null) ? (parts.Sum(p => p.Amount), true)
                : ((decimal?)null, false);
            amounts[node.Code] = result;
            return result;
        }

        var hasLine = facts.Lines.Where(l => l.Section == BudgetSection.RequiredBudget && l.Code is not null).Select(l => l.Code!).ToHashSet(StringComparer.Ordinal);
        if (hasLine.Count == 0) return [];
        return facts.Nodes
            .Select(n => (Node: n, Value: Of(n)))
            .Where(x => x.Value.Amount is not null || hasLine.Contains(x.Node.Code))
            .Select(x => new ExecutionRow(x.Node.Code, x.Node.ParentCode, x.Node.Level, x.Node.Kind, x.Node.Name, x.Node.Funding, x.Node.Tags,
                x.Value.Amount, null, null, null, null, null, null, BudgetComputed: x.Value.Computed))
            .ToList();
    }

    /// <summary>Lines without children off the expected pace, largest amount gap first.</summary>
    internal static List<AttentionItem> Attention(IReadOnlyList<ExecutionRow> rows)
    {
        var byCode = rows.ToDictionary(r => r.Code, StringComparer.Ordinal);
        var parents = rows.Where(r => r.ParentCode is not null).Select(r => r.ParentCode!).ToHashSet(StringComparer.Ordinal);
        return rows
            .Where(r => !parents.Contains(r.Code) && r.Pace is { Status: PaceStatus.Behind or PaceStatus.Ahead })
            .Select(r => new AttentionItem(r.Code, r.Name, AreaOf(r, byCode)?.Name.Trim(), r.CurrentBudget!.Value, r.Disbursed!.Value, r.Pace!))
            .OrderByDescending(a => Math.Abs(a.Pace.GapAmount ?? 0))
            .ToList();
    }

    internal static List<AreaExecution> Areas(IReadOnlyList<ExecutionRow> rows) =>
        rows.Where(r => r.Kind == ProgrammeKind.PolicyArea)
            .Select(r => new AreaExecution(r.Code, r.Name.Trim(), r.CurrentBudget, r.Committed, r.Disbursed))
            .ToList();

    /// <summary>Lines without children whose forecast leaves part of the budget unspent, largest first.</summary>
    internal static List<UnspentItem> Unspent(IReadOnlyList<ExecutionRow> rows)
    {
        var byCode = rows.ToDictionary(r => r.Code, StringComparer.Ordinal);
        var parents = rows.Where(r => r.ParentCode is not null).Select(r => r.ParentCode!).ToHashSet(StringComparer.Ordinal);
        return rows
            .Where(r => !parents.Contains(r.Code) && r is { CurrentBudget: not null, Forecast: not null } && r.CurrentBudget > r.Forecast)
            .Select(r => new UnspentItem(r.Code, r.Name, AreaOf(r, byCode)?.Name.Trim(), r.CurrentBudget!.Value, r.Forecast!.Value, r.ForecastBasis))
            .OrderByDescending(u => u.Unspent)
            .ToList();
    }

    /// <summary>The policy area a line belongs to, or the 일반관리비 group for an overhead item.</summary>
    private static ExecutionRow? AreaOf(ExecutionRow row, Dictionary<string, ExecutionRow> byCode)
    {
        for (var r = row; r is not null; r = r.ParentCode is null ? null : byCode.GetValueOrDefault(r.ParentCode))
        {
            if (r.Kind is ProgrammeKind.PolicyArea or ProgrammeKind.Overheads or ProgrammeKind.StrategicTask) return r;
        }

        return null;
    }
}
