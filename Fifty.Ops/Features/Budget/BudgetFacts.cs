using Fifty.Ops.Components;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Periods;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.Budget;

public sealed record NodeFact(string Code, string? ParentCode, int Level, ProgrammeKind Kind, string Name, FundingSource Funding, IReadOnlyList<string> Tags, int SortOrder);

/// <summary>A budget line as one section of the report prints it.</summary>
public sealed record LineFact(
    BudgetSection Section,
    int RowInSection,
    string? Code,
    string NameInSource,
    decimal? CurrentBudget,
    decimal? Original,
    decimal? Supplementary,
    decimal? Transfers,
    decimal? Committed,
    decimal? Disbursed,
    decimal? Forecast,
    string? RateCommittedRaw,
    string? RateDisbursedRaw,
    string? ForecastRateRaw,
    SourceRef Source)
{
    public string Where => CarriedFrom is null ? $"{Section.Label()} {RowInSection}행" : $"{CarriedFrom} (이월)";

    /// <summary>Set on a line carried from an earlier quarter ("2023년 3분기 보고서"); null for the period's own lines.</summary>
    public string? CarriedFrom { get; init; }
}

/// <summary>An indicator's actual as the period's report prints it (headline results and project targets).</summary>
public sealed record ResultFact(
    string Code, IndicatorKind Kind, string Name, string Unit, string? ProjectCode, IReadOnlyList<string> RelatedProjectCodes,
    string Raw, decimal? Value, SourceRef Source);

/// <summary>A shared-office row of the report: a campus's seats (개별 + 개방형) and area, or the text's total.</summary>
public sealed record OfficeFact(string CampusCode, int? Seats, int? PrivateSeats, int? OpenSeats, decimal? AreaM2, string? Raw, SourceRef Source);

public sealed record ProjectFact(string Code, string Title, decimal? RequiredBudget, IReadOnlyList<string> ProgrammeCodes, int SortOrder, SourceRef Source);

public sealed record CostShareFact(int Ordinal, DateOnly AsOf, string Area, decimal Amount, string? ShareRaw, bool IsTotal, SourceRef Source, string? Note = null);

public sealed record SummaryFact(BudgetSide Side, int Ordinal, DateOnly AsOf, string Item, decimal Amount, bool IsTotal, string? ParentItem, SourceRef Source)
{
    public string Table => Side == BudgetSide.Revenue ? "예산 총괄표(수입)" : "예산 총괄표(지출)";
}

/// <summary>
/// A stated amount column of a budget line: the execution table's column (<see cref="ExecutionColumns"/>, which names
/// it) and the line's figure in 천원, null where the line states none.
/// </summary>
public sealed record AmountColumn(ExecutionColumn Column, Func<LineFact, decimal?> Get)
{
    public static readonly AmountColumn CurrentBudget = new(ExecutionColumns.CurrentBudget, l => l.CurrentBudget);
    public static readonly AmountColumn Original = new(ExecutionColumns.Original, l => l.Original);
    public static readonly AmountColumn Supplementary = new(ExecutionColumns.Supplementary, l => l.Supplementary);
    public static readonly AmountColumn Transfers = new(ExecutionColumns.Transfers, l => l.Transfers);
    public static readonly AmountColumn Committed = new(ExecutionColumns.Committed, l => l.Committed);
    public static readonly AmountColumn Disbursed = new(ExecutionColumns.Disbursed, l => l.Disbursed);
    public static readonly AmountColumn Forecast = new(ExecutionColumns.Forecast, l => l.Forecast);

    /// <summary>The columns a report states (every execution column that is not computed), in the table's order.</summary>
    public static readonly IReadOnlyList<AmountColumn> All = [CurrentBudget, Original, Supplementary, Transfers, Committed, Disbursed, Forecast];

    public string Label => Column.Label;

    /// <summary>A project block's 소요예산 is stored as the line's 예산현액; say which it is.</summary>
    public string LabelIn(BudgetSection section) =>
        section == BudgetSection.RequiredBudget && ReferenceEquals(this, CurrentBudget) ? ExecutionColumns.RequiredBudget.Label : Label;
}

/// <summary>
/// Every budget figure of one reporting period, read once, as plain records: the execution view is built from it and the
/// reconciliation rules run over it, so both are testable without a database.
/// </summary>
public sealed class BudgetFacts
{
    private readonly Dictionary<string, NodeFact> _nodes;
    private readonly ILookup<string, NodeFact> _children;
    private readonly ILookup<string, LineFact> _linesByCode;

    public BudgetFacts(
        int year,
        int quarter,
        DateOnly asOf,
        IReadOnlyList<NodeFact> nodes,
        IReadOnlyList<LineFact> lines,
        IReadOnlyList<ProjectFact> projects,
        IReadOnlyList<CostShareFact> costShares,
        IReadOnlyList<SummaryFact> summary)
    {
        Year = year;
        Quarter = quarter;
        AsOf = asOf;
        // Hierarchy order, not raw SortOrder: a row moved under another parent keeps its old SortOrder.
        Nodes = ExecutionHierarchy.Order(nodes, n => n.Code, n => n.ParentCode);
        Lines = lines.OrderBy(l => l.Section).ThenBy(l => l.RowInSection).ToList();
        Projects = projects;
        CostShares = costShares;
        Summary = summary;
        _nodes = nodes.ToDictionary(n => n.Code, StringComparer.Ordinal);
        _children = nodes.Where(n => n.ParentCode is not null).OrderBy(n => n.SortOrder).ToLookup(n => n.ParentCode!, StringComparer.Ordinal);
        _linesByCode = Lines.Where(l => l.Code is not null).ToLookup(l => l.Code!, StringComparer.Ordinal);
    }

    /// <summary>
    /// Everything the budget views, the reconciliation and the workbooks read for one period, on the caller's context in a
    /// fixed number of queries: the year's programme hierarchy, the period's budget lines of every report section (amounts in
    /// 천원, an entered line beside the report's), the projects, cost shares and the year's 예산 총괄.
    /// </summary>
    public static async Task<BudgetFacts> LoadAsync(FiftyOpsDbContext db, PeriodDto period, CancellationToken ct)
    {
        var nodes = await db.ProgrammeNodes.Where(n => n.Year == period.Year).OrderBy(n => n.SortOrder)
            .Select(n => new NodeFact(n.Code, n.Parent == null ? null : n.Parent.Code, n.Level, n.Kind, n.Name, n.Funding, n.Tags, n.SortOrder))
            .ToListAsync(ct);
        var lines = await db.BudgetLines
            .Where(l => l.ReportingPeriod!.Year == period.Year && l.ReportingPeriod.Quarter == period.Quarter)
            .Select(l => new LineFact(
                l.Section, l.RowInSection, l.ProgrammeNode == null ? null : l.ProgrammeNode.Code, l.NameInSource,
                l.CurrentBudget, l.Original, l.Supplementary, l.Transfers, l.Committed, l.Disbursed, l.Forecast,
                l.RateCommittedRaw, l.RateDisbursedRaw, l.ForecastRateRaw, l.Source))
            .ToListAsync(ct);
        var projects = await db.Projects.Where(p => p.Year == period.Year).OrderBy(p => p.SortOrder)
            .Select(p => new ProjectFact(p.Code, p.Title, p.RequiredBudget, p.ProgrammeCodes, p.SortOrder, p.Source))
            .ToListAsync(ct);
        var shares = await db.ProgrammeCostShares.Where(s => s.Year == period.Year).OrderBy(s => s.Ordinal)
            .Select(s => new CostShareFact(s.Ordinal, s.AsOf, s.Area, s.Amount, s.ShareRaw, s.IsTotal, s.Source, s.Note))
            .ToListAsync(ct);
        var summary = await db.BudgetSummaryItems.Where(s => s.Year == period.Year).OrderBy(s => s.Side).ThenBy(s => s.Ordinal)
            .Select(s => new SummaryFact(s.Side, s.Ordinal, s.AsOf, s.Item, s.Amount, s.IsTotal, s.ParentItem, s.Source))
            .ToListAsync(ct);
        // Results and seats are read only where the report states them (transcribed cells of the period's 기준일).
        var results = await db.IndicatorValues
            .Where(v => v.Year == period.Year && v.Kind == IndicatorValueKind.Actual && v.ReportingPeriodId == null && v.AsOf == period.AsOf
                        && v.Indicator!.Kind != IndicatorKind.Promise)
            .OrderBy(v => v.Indicator!.SortOrder)
            .Select(v => new ResultFact(v.Indicator!.Code, v.Indicator.Kind, v.Indicator.Name, v.Indicator.Unit,
                v.Indicator.Project == null ? null : v.Indicator.Project.Code, v.Indicator.RelatedProjectCodes, v.Raw, v.Value, v.Source))
            .ToListAsync(ct);
        var offices = await db.SharedOffices.Where(o => o.Year == period.Year)
            .Select(o => new OfficeFact(o.Campus == null ? "total" : o.Campus.Code, o.Seats, o.PrivateSeats, o.OpenSeats, o.AreaM2, o.SeatsRaw, o.Source))
            .ToListAsync(ct);
        return new BudgetFacts(period.Year, period.Quarter, period.AsOf, nodes, lines, projects, shares, summary)
        {
            Carried = lines.Any(l => l.Section == BudgetSection.Appendix) ? [] : await CarriedAsync(db, period, ct),
            Results = results,
            Offices = offices,
        };
    }

    /// <summary>
    /// For a quarter without its own report: the latest earlier quarter of the year that has figures, one line per row
    /// with the 예산현액 · 당초 · 추경 · 예산변경 in force there (its entry over its appendix). Only budget columns carry:
    /// 원인행위액 and 지출액 grow every quarter, so an earlier quarter's figure is never this quarter's.
    /// </summary>
    private static async Task<IReadOnlyList<LineFact>> CarriedAsync(FiftyOpsDbContext db, PeriodDto period, CancellationToken ct)
    {
        var earlier = await db.ReportingPeriods.Where(p => p.Year == period.Year && p.Quarter < period.Quarter)
            .OrderByDescending(p => p.Quarter).Select(p => new { p.Id, p.Quarter }).ToListAsync(ct);
        foreach (var p in earlier)
        {
            var lines = await db.BudgetLines
                .Where(l => l.ReportingPeriodId == p.Id && l.ProgrammeNode != null && (l.Section == BudgetSection.Appendix || l.Section == BudgetSection.Entry))
                .OrderBy(l => l.Section == BudgetSection.Entry ? 0 : 1).ThenBy(l => l.RowInSection)
                .Select(l => new
                {
                    l.ProgrammeNode!.Code, l.Section, l.RowInSection, l.NameInSource,
                    l.CurrentBudget, l.Original, l.Supplementary, l.Transfers, l.Source,
                })
                .ToListAsync(ct);
            if (lines.Count == 0) continue;
            return lines.GroupBy(l => l.Code, StringComparer.Ordinal).Select(g =>
            {
                var entry = g.FirstOrDefault(l => l.Section == BudgetSection.Entry);
                var report = g.FirstOrDefault(l => l.Section == BudgetSection.Appendix);
                var first = entry ?? report!;
                return new LineFact(first.Section, first.RowInSection, g.Key, first.NameInSource,
                    entry?.CurrentBudget ?? report?.CurrentBudget, entry?.Original ?? report?.Original,
                    entry?.Supplementary ?? report?.Supplementary, entry?.Transfers ?? report?.Transfers,
                    null, null, null, null, null, null, first.Source)
                {
                    CarriedFrom = $"{period.Year}년 {p.Quarter}분기 {(entry is null ? "보고서" : "입력")}",
                };
            }).ToList();
        }

        return [];
    }

    public int Year { get; }
    public int Quarter { get; }
    public DateOnly AsOf { get; }
    public IReadOnlyList<NodeFact> Nodes { get; }
    public IReadOnlyList<LineFact> Lines { get; }
    public IReadOnlyList<ProjectFact> Projects { get; }
    public IReadOnlyList<CostShareFact> CostShares { get; }
    public IReadOnlyList<SummaryFact> Summary { get; }

    public IReadOnlyList<ResultFact> Results { get; init; } = [];

    public IReadOnlyList<OfficeFact> Offices { get; init; } = [];

    /// <summary>Budget columns carried from the latest earlier quarter (see <see cref="CarriedAsync"/>); empty otherwise.</summary>
    public IReadOnlyList<LineFact> Carried
    {
        get => _carried;
        init
        {
            _carried = value;
            _carriedByCode = value.Where(l => l.Code is not null).GroupBy(l => l.Code!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        }
    }

    private readonly IReadOnlyList<LineFact> _carried = [];
    private readonly Dictionary<string, LineFact> _carriedByCode = new(StringComparer.Ordinal);

    public LineFact? CarriedOf(string code) => _carriedByCode.GetValueOrDefault(code);

    /// <summary>
    /// The value in force for a column a planner's entry leaves blank, with where it comes from: the period's own report
    /// (appendix; 원인행위액 and 연말 집행예상액 from the per-project table), else, for the budget columns, the value carried
    /// from the previous quarter. Null when nothing is known.
    /// </summary>
    public (decimal Value, LineFact From)? InForce(string code, AmountColumn column)
    {
        foreach (var line in new[] { FirstIn(code, BudgetSection.Appendix), FirstIn(code, BudgetSection.ProjectTable), CarriedOf(code) })
        {
            if (line is not null && column.Get(line) is { } value) return (value, line);
        }

        return null;
    }

    /// <summary>A copy of the facts with other lines (the entry service's "what if this were saved").</summary>
    public BudgetFacts WithLines(IReadOnlyList<LineFact> lines) =>
        new(Year, Quarter, AsOf, Nodes, lines, Projects, CostShares, Summary) { Carried = Carried, Results = Results, Offices = Offices };

    public NodeFact? Node(string code) => _nodes.GetValueOrDefault(code);

    /// <summary>The hierarchy's name of a line's row (sections word names differently), else the name as printed.</summary>
    public string NameOf(LineFact line) => line.Code is not null && Node(line.Code) is { } node ? node.Name : line.NameInSource;

    public IEnumerable<NodeFact> ChildrenOf(string code) => _children[code];

    public IEnumerable<LineFact> LinesOf(string code) => _linesByCode[code];

    /// <summary>
    /// The printing of a row that other sections are compared with: the execution appendix first, then the per-project
    /// table, then the 소요예산; within a section its first printing.
    /// </summary>
    public LineFact? Reference(string code) => _linesByCode[code].FirstOrDefault();

    public LineFact? FirstIn(string code, BudgetSection section) => _linesByCode[code].FirstOrDefault(l => l.Section == section);

    /// <summary>
    /// A row's 예산현액 in the hierarchy: its own reference printing, or, where the report prints no line for it (2020's
    /// strategic tasks), the sum of its children's — null when any child is missing, since a partial sum proves nothing.
    /// </summary>
    public HierarchyAmount? BudgetOf(string code)
    {
        if (Reference(code) is { CurrentBudget: { } own } line) return new HierarchyAmount(own, line.Where, line.Source.ToString(), 0);
        var kids = ChildrenOf(code).ToList();
        if (kids.Count == 0) return null;
        var parts = kids.Select(k => BudgetOf(k.Code)).ToList();
        if (parts.Any(p => p is null)) return null;
        var leaves = parts.Sum(p => Math.Max(1, p!.ComputedFrom));
        var section = Lines.FirstOrDefault(l => l.Code is not null && IsUnder(l.Code, code))?.Section.Label() ?? "";
        return new HierarchyAmount(parts.Sum(p => p!.Amount), $"{section} 하위 {leaves}개 행 합계", "계산", leaves);
    }

    public int SortOrderOf(string code) => _nodes.TryGetValue(code, out var n) ? n.SortOrder : int.MaxValue;

    private bool IsUnder(string code, string ancestor)
    {
        for (var n = Node(code); n is not null; n = n.ParentCode is null ? null : Node(n.ParentCode))
        {
            if (n.Code == ancestor) return true;
        }

        return false;
    }
}

/// <param name="ComputedFrom">0 when printed in the source; else how many printed rows were added up.</param>
public sealed record HierarchyAmount(decimal Amount, string Where, string Source, int ComputedFrom);
