using Fifty.Ops.Components;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.Periods;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.Indicators;

/// <summary>
/// One cell in force. <paramref name="EnteredBy"/>/<paramref name="EnteredAt"/> are set when a planner entered it for a
/// period (<see cref="IsEntered"/>); a cell transcribed from a report has neither.
/// </summary>
public sealed record IndicatorCell(int Year, string Raw, decimal? Value, decimal? SubValue, DateOnly? AsOf)
{
    public bool IsEntered { get; init; }
    public string? EnteredBy { get; init; }
    public DateTimeOffset? EnteredAt { get; init; }

    /// <summary>A target copied from the previous year by the roll-over and not yet approved (초안).</summary>
    public bool IsDraft { get; init; }

    /// <summary>"입력 (who, when)" for an entered cell, "초안" for a rolled-over target, "보고서" for a transcribed one.</summary>
    public string SourceLabel => IsEntered ? Fmt.Entered(EnteredBy, EnteredAt) : IsDraft ? "초안" : "보고서";
}

/// <summary>
/// 전년 동기: the previous year's indicator with the same code, at the 기준일 of the previous year's period of the same
/// quarter. <paramref name="Actual"/> is null when that indicator had no actual then; the achievement follows the same
/// rules as this year's.
/// </summary>
public sealed record PriorYearFigure(int Year, int Quarter, IndicatorCell? Target, IndicatorCell? Actual, AchievementResult Achievement);

public sealed record ProjectLink(string Code, string Title);

public sealed record IndicatorRow(
    int Id,
    string Code,
    IndicatorKind Kind,
    string Field,
    string Name,
    string Unit,
    IReadOnlyList<IndicatorCell> History,
    IndicatorCell? Target,
    IndicatorCell? Actual,
    string? StatedRateRaw,
    AchievementResult Achievement,
    string? ProjectCode,
    string? ProjectTitle,
    string Source)
{
    public Direction Direction { get; init; } = Direction.Higher;

    /// <summary>The 주의 threshold in force (the indicator's own, else the default).</summary>
    public decimal CautionThreshold { get; init; } = Indicators.Achievement.DefaultCautionThreshold;

    public bool HasOwnThreshold { get; init; }

    /// <summary>The project of a project target, or the projects a headline result summarises.</summary>
    public IReadOnlyList<ProjectLink> Projects { get; init; } = [];

    /// <summary>주의 or 미달 at a closed period with no 원인 분석 / 조치 계획 written for it.</summary>
    public bool NeedsExplanation { get; init; }

    /// <summary>원인 분석 / 조치 계획 written for the period shown; null when none was written.</summary>
    public IndicatorNote? Comment { get; init; }

    /// <summary>
    /// The same quarter of the previous year (전년 동기), matched by code; null when the previous year has no period of
    /// this quarter or no indicator with this code.
    /// </summary>
    public PriorYearFigure? PriorYear { get; init; }

    /// <summary>A project target is named by its project ("중장년 인턴십 지원 · 인턴십 참여자"), as the report reads.</summary>
    public string DisplayName => ProjectTitle is null ? Name : $"{ProjectTitle} · {Name}";

    /// <summary>
    /// 목표 as every page, workbook and report prints it: the text as written, followed by " (초안)" while it is a draft
    /// the roll-over copied and nobody approved (<see cref="IndicatorCell.IsDraft"/>); null when there is no target.
    /// </summary>
    /// <remarks>
    /// Kept as <see cref="TargetLabel"/> when the row is built, so a report frozen before the mark existed (its JSON
    /// has no label) prints its target as it did when it was closed.
    /// </remarks>
    public string? TargetText => TargetLabel ?? Target?.Raw;

    /// <summary>The printed 목표 fixed when the row was built (<see cref="Label"/>); null in a report frozen before labels were kept.</summary>
    public string? TargetLabel { get; init; }

    /// <summary>The printed 실적 fixed when the row was built; null in a report frozen before labels were kept.</summary>
    public string? ActualLabel { get; init; }

    internal static string? Label(IndicatorCell? target) => target is null ? null : target.IsDraft ? $"{target.Raw} {DraftMark}" : target.Raw;

    /// <summary>
    /// 실적 as every page, workbook and report prints it: the text as written, with the indicator's <see cref="Unit"/>
    /// after an entered bare number (a planner typed "95" for "400명") when the target's text carries that unit, so an
    /// actual never stands unitless beside its target. A figure transcribed from a report is printed as the report has
    /// it. Null when there is no actual.
    /// </summary>
    public string? ActualText => ActualLabel ?? Actual?.Raw;

    /// <summary>The mark after a draft target.</summary>
    public const string DraftMark = "(초안)";

    internal static string WithUnit(IndicatorCell actual, string unit, IndicatorCell? target)
    {
        var raw = actual.Raw.Trim();
        var bare = raw.Length > 0 && raw.All(c => char.IsAsciiDigit(c) || c is ',' or '.' or '-');
        return actual.IsEntered && bare && unit.Length > 0 && !unit.Contains('/', StringComparison.Ordinal)
               && target is not null && target.Raw.TrimEnd().EndsWith(unit, StringComparison.Ordinal)
            ? raw + unit
            : actual.Raw;
    }
}

/// <summary>원인 분석 / 조치 계획 of one indicator at one period, with who wrote it and when.</summary>
public sealed record IndicatorNote(string Cause, string Action, string Author, DateTimeOffset UpdatedAt);

/// <param name="PriorPeriod">The previous year's period of the same quarter (전년 동기), null when there is none: then no
/// row carries a <see cref="IndicatorRow.PriorYear"/> and the list shows no comparison column.</param>
public sealed record IndicatorList(PeriodDto? Period, int Year, IReadOnlyList<int> HistoryYears, IReadOnlyList<IndicatorRow> Rows, PeriodDto? PriorPeriod = null)
{
    public int Count(AchievementStatus status) => Rows.Count(r => r.Achievement.Status == status);

    public IReadOnlyList<string> Fields => Rows.Select(r => r.Field).Distinct().ToList();

    public int NeedingExplanation => Rows.Count(r => r.NeedsExplanation);
}

public sealed record IndicatorValueRow(
    int Year, IndicatorValueKind Kind, string Raw, decimal? Value, decimal? SubValue, DateOnly? AsOf, string? AsOfRaw, string Source);


/// <summary>One bar of the detail chart. <paramref name="AsOf"/> before year-end marks a partial-year actual.</summary>
public sealed record TrendPoint(int Year, decimal? Actual, string? ActualRaw, DateOnly? AsOf, decimal? Target)
{
    public bool IsPartialYear => AsOf is { } d && d < new DateOnly(Year, 12, 31);
}

public sealed record PeriodCommentary(
    int Year,
    int Quarter,
    DateOnly AsOf,
    bool IsClosed,
    string Cause,
    string Action,
    string? Author,
    DateTimeOffset? UpdatedAt,
    bool NeedsExplanation,
    int Version = 0)
{
    public string Name => $"{Year}년 {Quarter}분기";

    public bool HasText => Cause.Length > 0 || Action.Length > 0;
}

public sealed record IndicatorDetail(
    IndicatorRow Row,
    PeriodDto? Period,
    int Year,
    string? Note,
    string? RelatedBasis,
    IReadOnlyList<IndicatorValueRow> Values,
    IReadOnlyList<TrendPoint> Trend,
    IReadOnlyList<PeriodCommentary> Commentary)
{
    /// <summary>The previous year's period of the same quarter (전년 동기); null when there is none.</summary>
    public PeriodDto? PriorPeriod { get; init; }

    /// <summary>
    /// Why the shown period's commentary takes no writes (it, or a later quarter of its year, is closed: the one rule of
    /// <see cref="Features.DataEntry.PeriodLock"/> the save checks again), or null when it is writable.
    /// </summary>
    public string? CommentaryLock { get; init; }
}

/// <summary>The detail page's model; <see cref="Detail"/> is null when no indicator has the id.</summary>
public sealed record IndicatorDetailModel(int Id, IndicatorDetail? Detail);

/// <param name="people">Shows who entered a cell by display name (입력 label); without it the login id is shown.</param>
public sealed class IndicatorQueryService(IDbContextFactory<FiftyOpsDbContext> factory, PeriodService periods, PeopleDirectory? people = null)
{
    /// <summary>
    /// The indicators of a period in report order, each with its 목표 and 실적 in force (an entered figure wins and is labelled
    /// 입력), 달성률 and status by <see cref="Achievement"/> (docs/domain.md, "Achievement of an indicator"), and the same
    /// quarter of the previous year (전년 동기) when there is one.
    /// </summary>
    /// <param name="year">Fiscal year; null for the latest period's.</param>
    /// <returns>Never null; the rows are empty when the year has no indicators.</returns>
    public async Task<IndicatorList> GetListAsync(int? year, int? quarter, CancellationToken ct = default)
    {
        var (period, shownYear) = await periods.SelectAsync(year, quarter, ct);
        var prior = await PriorPeriodAsync(period, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var names = await PeopleDirectory.NamesOrNoneAsync(people, ct);
        var rows = await LoadRowsAsync(db, db.Indicators.Where(i => i.Year == shownYear), shownYear, period, prior, names, ct);
        var historyYears = rows.SelectMany(r => r.History).Select(h => h.Year).Distinct().Order().ToList();
        return new IndicatorList(period, shownYear, historyYears, rows, prior);
    }

    /// <summary>Null when no indicator has this id. The period decides which quarter's 설명 필요 flag the row carries.</summary>
    public async Task<IndicatorDetail?> GetDetailAsync(int id, int? quarter, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var meta = await db.Indicators.Where(i => i.Id == id)
            .Select(i => new { i.Year, i.Note, i.RelatedBasis, i.Code, i.Unit }).FirstOrDefaultAsync(ct);
        if (meta is null) return null;

        var (period, _) = await periods.SelectAsync(meta.Year, quarter, ct);
        var prior = await PriorPeriodAsync(period, ct);
        var names = await PeopleDirectory.NamesOrNoneAsync(people, ct);
        var row = (await LoadRowsAsync(db, db.Indicators.Where(i => i.Id == id), meta.Year, period, prior, names, ct)).Single();

        // The indicator's lineage: the roll-over keeps an indicator's code (and unit), so the same code in an earlier year
        // is this indicator's predecessor; its values stand for the years this indicator has none of its own.
        var all = await db.IndicatorValues
            .Where(v => v.IndicatorId == id || (v.Indicator!.Code == meta.Code && v.Indicator.Unit == meta.Unit && v.Indicator.Year < meta.Year))
            .OrderBy(v => v.Year).ThenBy(v => v.Kind)
            .Select(v => new { v.IndicatorId, v.Year, v.Kind, v.Raw, v.Value, v.SubValue, v.AsOf, v.AsOfRaw, v.Source, v.ReportingPeriodId, v.UpdatedBy, v.UpdatedAt, v.IsDraft, v.Quarter })
            .ToListAsync(ct);
        var ownYears = all.Where(v => v.IndicatorId == id).Select(v => v.Year).ToHashSet();
        // Each earlier year from the latest indicator of the lineage that states it (a later report restates history).
        var lineageIds = all.Where(v => v.IndicatorId != id && !ownYears.Contains(v.Year))
            .GroupBy(v => v.Year).ToDictionary(g => g.Key, g => g.Max(v => v.IndicatorId));
        var values = all.Where(v => v.IndicatorId == id || (!ownYears.Contains(v.Year) && lineageIds[v.Year] == v.IndicatorId)).ToList();
        var valueRows = values.Select(v => new IndicatorValueRow(v.Year, v.Kind, v.Raw, v.Value, v.SubValue, v.AsOf, v.AsOfRaw,
            v.ReportingPeriodId is not null ? Fmt.Entered(PeopleDirectory.NameOf(names, v.UpdatedBy), v.UpdatedAt)
            : (v.IsDraft ? "초안 · " : "") + SourceText.Describe(v.Source.ToString()))).ToList();

        // The chart shows each year's latest cell (a planner's later quarter over the printed one).
        var trend = values.Select(v => v.Year).Distinct().Order().Select(y =>
        {
            var actual = IndicatorCellChoice.InForce(values.Where(v => v.Year == y && v.Kind == IndicatorValueKind.Actual), v => v.AsOf, v => v.ReportingPeriodId is not null, null);
            var target = IndicatorCellChoice.InForce(values.Where(v => v.Year == y && v.Kind == IndicatorValueKind.Target && v.Quarter == null), v => v.AsOf, v => v.ReportingPeriodId is not null, null);
            return new TrendPoint(y, actual?.Value, actual?.Raw, actual?.AsOf, target?.Value);
        }).ToList();

        var yearPeriods = await db.ReportingPeriods.Where(p => p.Year == meta.Year).OrderBy(p => p.Quarter)
            .Select(p => new { p.Id, p.Year, p.Quarter, p.AsOf, p.IsClosed }).ToListAsync(ct);
        var comments = await db.IndicatorComments.Where(c => c.IndicatorId == id)
            .Select(c => new { c.ReportingPeriodId, c.Cause, c.Action, c.Author, c.UpdatedAt, c.Version }).ToListAsync(ct);
        var commentary = yearPeriods.Select(p =>
        {
            var c = comments.FirstOrDefault(x => x.ReportingPeriodId == p.Id);
            var needs = p.IsClosed && IsConcern(row.Achievement.Status) && c is null;
            return new PeriodCommentary(p.Year, p.Quarter, p.AsOf, p.IsClosed, c?.Cause ?? "", c?.Action ?? "", c?.Author, c?.UpdatedAt, needs, c?.Version ?? 0);
        }).ToList();

        var commentaryLock = period is null ? null
            : Features.DataEntry.PeriodLock.Reason(period.Year, period.Quarter,
                period.Year == meta.Year ? yearPeriods.Select(p => new Features.DataEntry.PeriodLock.YearPeriod(p.Quarter, p.AsOf, p.IsClosed)) : [new(period.Quarter, period.AsOf, period.IsClosed)]);
        return new IndicatorDetail(row, period, meta.Year, meta.Note, meta.RelatedBasis, valueRows, trend, commentary) { PriorPeriod = prior, CommentaryLock = commentaryLock };
    }

    /// <summary>The previous year's period of the same quarter, from the cached period list (no query of its own).</summary>
    private async Task<PeriodDto?> PriorPeriodAsync(PeriodDto? period, CancellationToken ct) =>
        period is null ? null : (await periods.GetAllAsync(ct)).FirstOrDefault(p => p.Year == period.Year - 1 && p.Quarter == period.Quarter);

    public static bool IsConcern(AchievementStatus status) => status is AchievementStatus.Caution or AchievementStatus.Shortfall;

    private sealed record CellFacts(
        int Year, IndicatorValueKind Kind, string Raw, decimal? Value, decimal? SubValue, DateOnly? AsOf, int? ReportingPeriodId,
        string? UpdatedBy, DateTimeOffset? UpdatedAt, bool IsDraft = false, int? Quarter = null);

    /// <summary>The target, actual and stated rate in force at a 기준일 among one indicator's cells of one year, and the achievement they give.</summary>
    private sealed record FiguresInForce(IndicatorCell? Target, IndicatorCell? Actual, IndicatorCell? Stated, AchievementResult Achievement);

    /// <summary>
    /// The figures in force for <paramref name="year"/> at <paramref name="cutoff"/>; <paramref name="quarter"/> is the
    /// period's quarter when the period belongs to that year (its quarterly target, if set, is the one compared), else null.
    /// </summary>
    private static FiguresInForce InForce(
        IReadOnlyList<CellFacts> cells, int year, int? quarter, DateOnly? cutoff, IndicatorAccumulation accumulation, Direction direction, decimal? cautionThreshold)
    {
        // The cell in force at the period's 기준일: a later quarter's entry never shows in an earlier report.
        // A quarterly target (Quarter 1–4) is never the year's target; the period's own quarter target is read apart.
        IndicatorCell? Cell(IndicatorValueKind kind, int? forQuarter = null) =>
            IndicatorCellChoice.InForce(cells.Where(c => c.Kind == kind && c.Year == year && c.Quarter == forQuarter), c => c.AsOf, c => c.ReportingPeriodId is not null, cutoff)
                is { } c ? new IndicatorCell(c.Year, c.Raw, c.Value, c.SubValue, c.AsOf)
                {
                    IsEntered = c.ReportingPeriodId is not null, EnteredBy = c.UpdatedBy, EnteredAt = c.UpdatedAt, IsDraft = c.IsDraft,
                } : null;
        var yearTarget = Cell(IndicatorValueKind.Target);
        var quarterTarget = quarter is { } q ? Cell(IndicatorValueKind.Target, q) : null;
        // The target shown is the one the actual is compared with (Achievement.Evaluate with the accumulation rule).
        var target = quarterTarget ?? yearTarget;
        var actual = Cell(IndicatorValueKind.Actual);
        // A rate the report states belongs to the report's own figures: once a planner's 목표 or 실적 is in force, or
        // the actual in force is of another date, the rate is computed from the cells shown and the stated one is dropped.
        var stated = Cell(IndicatorValueKind.StatedRate);
        if (stated is not null && (actual is null || actual.IsEntered || target?.IsEntered == true || actual.AsOf != stated.AsOf)) stated = null;
        var achievement = target is null && stated?.Value is { } statedPercent
            ? Achievement.FromStatedRate(statedPercent, cautionThreshold, year, actual?.AsOf)
            : Achievement.Evaluate(accumulation, yearTarget?.Value, quarterTarget?.Value, actual?.Value, actual?.Raw, direction, cautionThreshold, year, actual?.AsOf);
        return new(target, actual, stated, achievement);
    }

    /// <summary>
    /// At most four queries whatever the number of indicators: the indicators with their cells, the linked projects'
    /// titles (only when a row names related projects), the period's comments (only when there is a period) and the
    /// previous year's indicators of the same codes with their cells (only when <paramref name="prior"/> is set).
    /// </summary>
    private static async Task<List<IndicatorRow>> LoadRowsAsync(
        FiftyOpsDbContext db, IQueryable<Indicator> query, int year, PeriodDto? period, PeriodDto? prior, IReadOnlyDictionary<string, string> names, CancellationToken ct)
    {
        // Authors by display name, resolved here once (names read once a minute, no query per cell).
        void Named(List<CellFacts> cells)
        {
            for (var i = 0; i < cells.Count; i++)
                if (cells[i].UpdatedBy is { } by) cells[i] = cells[i] with { UpdatedBy = PeopleDirectory.NameOf(names, by) };
        }

        var indicators = await query
            .OrderBy(i => i.Kind).ThenBy(i => i.SortOrder)
            .Select(i => new
            {
                i.Id, i.Code, i.Kind, i.Field, i.Name, i.Unit, i.Direction, i.Accumulation, i.CautionThreshold, i.RelatedProjectCodes,
                ProjectCode = i.Project == null ? null : i.Project.Code,
                ProjectTitle = i.Project == null ? null : i.Project.Title,
                i.Source,
                Values = db.IndicatorValues.Where(v => v.IndicatorId == i.Id)
                    .Select(v => new CellFacts(v.Year, v.Kind, v.Raw, v.Value, v.SubValue, v.AsOf, v.ReportingPeriodId, v.UpdatedBy, v.UpdatedAt, v.IsDraft, v.Quarter))
                    .ToList(),
            })
            .ToListAsync(ct);
        foreach (var i in indicators) Named(i.Values);
        var ids = indicators.Select(i => i.Id).ToList();

        // 전년 동기: last year's indicators of the same codes, figures in force at last year's same quarter.
        var priorByCode = new Dictionary<string, PriorYearFigure>(StringComparer.Ordinal);
        if (prior is not null)
        {
            var codes = indicators.Select(i => i.Code).Distinct().ToList();
            var previous = await db.Indicators.Where(i => i.Year == prior.Year && codes.Contains(i.Code))
                .Select(i => new
                {
                    i.Code, i.Direction, i.Accumulation, i.CautionThreshold,
                    Values = db.IndicatorValues.Where(v => v.IndicatorId == i.Id && v.Year == prior.Year)
                        .Select(v => new CellFacts(v.Year, v.Kind, v.Raw, v.Value, v.SubValue, v.AsOf, v.ReportingPeriodId, v.UpdatedBy, v.UpdatedAt, v.IsDraft, v.Quarter))
                        .ToList(),
                })
                .ToListAsync(ct);
            foreach (var p in previous)
            {
                Named(p.Values);
                var f = InForce(p.Values, prior.Year, prior.Quarter, prior.AsOf, p.Accumulation, p.Direction, p.CautionThreshold);
                priorByCode.TryAdd(p.Code, new PriorYearFigure(prior.Year, prior.Quarter, f.Target, f.Actual, f.Achievement));
            }
        }

        var related = indicators.SelectMany(i => i.RelatedProjectCodes).Distinct().ToList();
        var projectTitles = related.Count == 0
            ? new Dictionary<string, string>()
            : await db.Projects.Where(p => p.Year == year && related.Contains(p.Code))
                .Select(p => new { p.Code, p.Title }).ToDictionaryAsync(p => p.Code, p => p.Title, ct);

        var comments = period is not null
            ? (await db.IndicatorComments
                .Where(c => ids.Contains(c.IndicatorId)
                            && db.ReportingPeriods.Any(p => p.Id == c.ReportingPeriodId && p.Year == period.Year && p.Quarter == period.Quarter))
                .Select(c => new { c.IndicatorId, Note = new IndicatorNote(c.Cause, c.Action, c.Author, c.UpdatedAt) })
                .ToListAsync(ct)).ToDictionary(c => c.IndicatorId, c => c.Note)
            : [];

        return indicators.Select(i =>
        {
            var cells = i.Values;
            var history = cells.Where(c => c.Kind == IndicatorValueKind.Actual && c.Year < year)
                .OrderBy(c => c.Year)
                .Select(c => new IndicatorCell(c.Year, c.Raw, c.Value, c.SubValue, c.AsOf))
                .ToList();
            var (target, actual, stated, achievement) = InForce(
                cells, year, period is { } p && p.Year == year ? p.Quarter : null, period?.AsOf, i.Accumulation, i.Direction, i.CautionThreshold);
            IReadOnlyList<ProjectLink> projects = i.ProjectCode is not null
                ? [new ProjectLink(i.ProjectCode, i.ProjectTitle!)]
                : i.RelatedProjectCodes.Where(projectTitles.ContainsKey).Select(c => new ProjectLink(c, projectTitles[c])).ToList();
            return new IndicatorRow(i.Id, i.Code, i.Kind, i.Field, i.Name, i.Unit, history, target, actual, stated?.Raw, achievement,
                i.ProjectCode, i.ProjectTitle, i.Source.ToString())
            {
                Direction = i.Direction,
                CautionThreshold = i.CautionThreshold ?? Achievement.DefaultCautionThreshold,
                HasOwnThreshold = i.CautionThreshold is not null,
                Projects = projects,
                NeedsExplanation = period is { IsClosed: true } && IsConcern(achievement.Status) && !comments.ContainsKey(i.Id),
                Comment = comments.GetValueOrDefault(i.Id),
                PriorYear = priorByCode.GetValueOrDefault(i.Code),
                TargetLabel = IndicatorRow.Label(target),
                ActualLabel = actual is null ? null : IndicatorRow.WithUnit(actual, i.Unit, target),
            };
        }).ToList();
    }
}
