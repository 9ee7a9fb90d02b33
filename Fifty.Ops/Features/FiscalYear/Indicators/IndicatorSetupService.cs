using System.Globalization;
using System.Security.Claims;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Infrastructure.Reading;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using CellText = Fifty.Ops.Data.Seeding.IndicatorCellText;

namespace Fifty.Ops.Features.FiscalYear.Indicators;

/// <summary>A target cell of the setup (a year's or a quarter's) as written, with whether it is still a draft (초안).</summary>
public sealed record SetupTarget(string Raw, decimal? Value, bool IsDraft);

/// <summary>One indicator of a year with its targets: <see cref="QuarterTargets"/> has four entries (1~4분기), null where none is set.</summary>
public sealed record IndicatorSetupRow(
    int Id, string Code, IndicatorKind Kind, string Field, string Name, string Unit, Direction Direction, IndicatorAccumulation Accumulation,
    decimal? CautionThreshold, SetupTarget? YearTarget, IReadOnlyList<SetupTarget?> QuarterTargets, IReadOnlyList<string> RelatedProjects, string Source)
{
    public bool HasDraft => YearTarget?.IsDraft == true || QuarterTargets.Any(t => t?.IsDraft == true);

    public string DirectionLabel => Direction == Direction.Higher ? "높을수록 좋음" : "낮을수록 좋음";

    public string AccumulationLabel => IndicatorSetupService.Label(Accumulation);
}

/// <summary>A project of the year a new indicator may be related to.</summary>
public sealed record ProjectChoice(string Code, string Title);

public sealed record IndicatorSetupData(int Year, IReadOnlyList<IndicatorSetupRow> Rows, IReadOnlyList<ProjectChoice> Projects, IReadOnlyList<string> Fields)
{
    public int DraftCount => Rows.Count(r => r.HasDraft);
}

/// <summary>The add/edit form as typed (text, so a refused save keeps it).</summary>
public sealed class IndicatorSetupForm
{
    /// <summary>Null for a new indicator.</summary>
    public int? Id { get; set; }
    public string Field { get; set; } = "";
    public string Name { get; set; } = "";
    public string Unit { get; set; } = "";
    public Direction Direction { get; set; } = Direction.Higher;
    public IndicatorAccumulation Accumulation { get; set; } = IndicatorAccumulation.Cumulative;
    /// <summary>구분: 성과약속지표, 주요 사업 실적 or 사업별 성과목표 (the report block the indicator is shown in).</summary>
    public IndicatorKind Kind { get; set; } = IndicatorKind.Promise;
    public string YearTarget { get; set; } = "";
    public string Q1 { get; set; } = "";
    public string Q2 { get; set; } = "";
    public string Q3 { get; set; } = "";
    public string Q4 { get; set; } = "";
    /// <summary>주의 기준 in percent (<c>90</c> = 90%); blank for the default.</summary>
    public string Caution { get; set; } = "";
    public IReadOnlyCollection<string> RelatedProjects { get; set; } = [];

    public string Quarter(int q) => q switch { 1 => Q1, 2 => Q2, 3 => Q3, _ => Q4 };

    public static IndicatorSetupForm From(IndicatorSetupRow row) => new()
    {
        Id = row.Id, Field = row.Field, Name = row.Name, Unit = row.Unit, Direction = row.Direction, Accumulation = row.Accumulation, Kind = row.Kind,
        YearTarget = row.YearTarget?.Raw ?? "", Q1 = row.QuarterTargets[0]?.Raw ?? "", Q2 = row.QuarterTargets[1]?.Raw ?? "",
        Q3 = row.QuarterTargets[2]?.Raw ?? "", Q4 = row.QuarterTargets[3]?.Raw ?? "",
        Caution = row.CautionThreshold is { } c ? (c * 100m).ToString("0.##", CultureInfo.InvariantCulture) : "",
        RelatedProjects = [.. row.RelatedProjects],
    };
}

/// <summary>
/// The indicators of a year (성과지표 설정): add a new one (분야, 지표명, 단위, 방향, 누적/시점, 연간 목표, optional 1~4분기
/// 목표, 주의 기준, 관련 사업), edit one, and approve the draft targets (초안) the roll-over copied. A target written here
/// is the year's (or the quarter's) approved target, not a period's entry: it has no reporting period and is never a
/// draft. Every write needs <see cref="Policies.CanSetUpYear"/>, runs in one transaction and is audited field by field.
/// How an actual is compared with these targets is <see cref="Fifty.Ops.Features.Indicators.Achievement"/>'s rule.
/// </summary>
public sealed class IndicatorSetupService(IDbContextFactory<FiftyOpsDbContext> factory, AccessGuard guard, TimeProvider clock)
{
    public const int MaxNameLength = 200;

    public static string Label(IndicatorAccumulation accumulation) => accumulation == IndicatorAccumulation.Cumulative ? "누적" : "시점";

    /// <summary>The indicators (성과지표) of <paramref name="year"/> for the setup page, in report order, with the year's setup targets (연간 and per quarter, as typed, 초안 or 승인; a period's entered target is not one) and the year's projects to link.</summary>
    public async Task<IndicatorSetupData> GetAsync(int year, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var indicators = await db.Indicators.Where(i => i.Year == year).OrderBy(i => i.Kind).ThenBy(i => i.SortOrder)
            .Select(i => new
            {
                i.Id, i.Code, i.Kind, i.Field, i.Name, i.Unit, i.Direction, i.Accumulation, i.CautionThreshold, i.RelatedProjectCodes,
                ProjectCode = i.Project == null ? null : i.Project.Code, Source = i.Source.Doc == "" ? "입력" : i.Source.Doc,
            })
            .ToListAsync(ct);
        var ids = indicators.Select(i => i.Id).ToList();
        // Setup targets only: a target entered for a period (with its 기준일) is a period's figure, edited in the entry form.
        var targets = (await db.IndicatorValues
                .Where(v => ids.Contains(v.IndicatorId) && v.Year == year && v.Kind == IndicatorValueKind.Target && v.ReportingPeriodId == null)
                .Select(v => new { v.IndicatorId, v.Quarter, v.Raw, v.Value, v.IsDraft, v.AsOf })
                .ToListAsync(ct))
            .ToLookup(v => v.IndicatorId);
        var projects = await db.Projects.Where(p => p.Year == year).OrderBy(p => p.SortOrder).Select(p => new ProjectChoice(p.Code, p.Title)).ToListAsync(ct);

        var rows = indicators.Select(i =>
        {
            SetupTarget? Of(int? quarter) =>
                targets[i.Id].Where(t => t.Quarter == quarter).OrderByDescending(t => t.AsOf ?? DateOnly.MinValue).FirstOrDefault() is { } t
                    ? new SetupTarget(t.Raw, t.Value, t.IsDraft) : null;
            var related = i.ProjectCode is null ? i.RelatedProjectCodes : [i.ProjectCode, .. i.RelatedProjectCodes.Where(c => c != i.ProjectCode)];
            return new IndicatorSetupRow(i.Id, i.Code, i.Kind, i.Field, i.Name, i.Unit, i.Direction, i.Accumulation, i.CautionThreshold,
                Of(null), [Of(1), Of(2), Of(3), Of(4)], related, i.Source);
        }).ToList();
        return new IndicatorSetupData(year, rows, projects, [.. indicators.Select(i => i.Field).Distinct()]);
    }

    /// <summary>
    /// Adds (<see cref="IndicatorSetupForm.Id"/> null) or edits an indicator of <paramref name="year"/>. Refused with a
    /// Korean message on the field (nothing written) for a missing 분야/지표명/단위, a target that is not a number ≥ 0
    /// (<c>400명</c>, <c>1만</c> and full-width digits are read), a 주의 기준 outside 1~100%, an unknown related project, or an
    /// indicator of another year. Saving a target approves it (초안 → 승인).
    /// </summary>
    /// <returns>The indicator's code as <see cref="WriteResult.Token"/>.</returns>
    public async Task<WriteResult> SaveAsync(ClaimsPrincipal user, int year, IndicatorSetupForm form, CancellationToken ct = default)
    {
        if (await guard.RefuseAsync(user, Policies.CanSetUpYear, "성과지표 설정", "Indicator", $"{year}/{form.Id?.ToString(CultureInfo.InvariantCulture) ?? "new"}", ct) is { } refused) return refused;

        var errors = new Dictionary<string, string>();
        var field = form.Field.Trim();
        var name = form.Name.Trim();
        var unit = form.Unit.Trim();
        if (field.Length == 0) errors[nameof(IndicatorSetupForm.Field)] = "분야를 입력하세요.";
        else if (field.Length > MaxNameLength) errors[nameof(IndicatorSetupForm.Field)] = $"분야는 {MaxNameLength}자 이내로 입력하세요.";
        if (name.Length == 0) errors[nameof(IndicatorSetupForm.Name)] = "지표명을 입력하세요.";
        else if (name.Length > MaxNameLength) errors[nameof(IndicatorSetupForm.Name)] = $"지표명은 {MaxNameLength}자 이내로 입력하세요 (현재 {name.Length}자).";
        if (unit.Length == 0) errors[nameof(IndicatorSetupForm.Unit)] = "단위를 입력하세요 (예: 명, 건, %, 점).";
        else if (unit.Length > 20) errors[nameof(IndicatorSetupForm.Unit)] = "단위는 20자 이내로 입력하세요.";
        if (form.YearTarget.Trim().Length == 0) errors[nameof(IndicatorSetupForm.YearTarget)] = "연간 목표를 입력하세요.";
        else if (TargetError(form.YearTarget) is { } yearError) errors[nameof(IndicatorSetupForm.YearTarget)] = $"연간 목표: {yearError}";
        for (var q = 1; q <= 4; q++)
        {
            if (form.Quarter(q).Trim().Length > 0 && TargetError(form.Quarter(q)) is { } qError) errors[$"Q{q}"] = $"{q}분기 목표: {qError}";
        }

        decimal? caution = null;
        if (form.Caution.Trim().Length > 0)
        {
            if (!NumberText.TryRead(form.Caution.TrimEnd().TrimEnd('%'), NumberRules.Figure, out var percent, out var why))
                errors[nameof(IndicatorSetupForm.Caution)] = $"주의 기준: {why} (입력: {form.Caution.Trim()}).";
            else if (percent is not { } p || p <= 0 || p > 100)
                errors[nameof(IndicatorSetupForm.Caution)] = $"주의 기준은 1~100 사이의 백분율이어야 합니다 (입력: {form.Caution.Trim()}).";
            else caution = Math.Round(p / 100m, 4);
        }

        var related = form.RelatedProjects.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (errors.Count > 0) return WriteResult.Invalid(errors);

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var known = await db.Projects.Where(p => p.Year == year && related.Contains(p.Code)).Select(p => p.Code).ToListAsync(ct);
        if (related.Except(known).ToList() is { Count: > 0 } unknown)
            return WriteResult.Fail(nameof(IndicatorSetupForm.RelatedProjects), $"{year}년 사업에 없는 코드입니다 ({string.Join(", ", unknown)}).");

        Indicator indicator;
        if (form.Id is { } id)
        {
            var found = await db.Indicators.AsTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
            if (found is null || found.Year != year) return WriteResult.Fail(WriteResult.General, $"{year}년 성과지표가 아닙니다 (번호 {id}).");
            indicator = found;
        }
        else
        {
            if (await db.Indicators.AnyAsync(i => i.Year == year && i.Name == name && i.Field == field, ct))
                return WriteResult.Fail(nameof(IndicatorSetupForm.Name), $"{year}년 「{field}」에 같은 지표명이 이미 있습니다 ({name}).");
            var codes = await db.Indicators.Where(i => i.Year == year).Select(i => i.Code).ToListAsync(ct);
            var n = 1;
            while (codes.Contains(NewCode(year, n))) n++;
            indicator = new Indicator
            {
                Year = year, Code = NewCode(year, n), Kind = form.Kind, Source = SourceRef.Entered,
                SortOrder = (await db.Indicators.Where(i => i.Year == year).MaxAsync(i => (int?)i.SortOrder, ct) ?? 0) + 1,
            };
            db.Indicators.Add(indicator);
        }

        indicator.Field = field;
        indicator.Name = name;
        indicator.Unit = unit;
        indicator.Direction = form.Direction;
        indicator.Accumulation = form.Accumulation;
        indicator.Kind = form.Kind;
        indicator.CautionThreshold = caution;
        var linked = indicator.ProjectId is { } pid ? await db.Projects.Where(p => p.Id == pid).Select(p => p.Code).FirstOrDefaultAsync(ct) : null;
        var others = related.Where(c => c != linked).ToList();
        if (!others.SequenceEqual(indicator.RelatedProjectCodes)) indicator.RelatedProjectCodes = others;

        var by = EntryActor.NameOf(user);
        var now = clock.GetUtcNow();
        var cells = indicator.Id == 0 ? [] : await db.IndicatorValues.AsTracking()
            .Where(v => v.IndicatorId == indicator.Id && v.Year == year && v.Kind == IndicatorValueKind.Target && v.ReportingPeriodId == null)
            .ToListAsync(ct);
        // A target transcribed from a report is a source figure: it is never overwritten (a planner's target is entered for a period).
        foreach (var (quarter, typed, fieldName) in new (int?, string, string)[]
                 { (null, form.YearTarget, nameof(IndicatorSetupForm.YearTarget)), (1, form.Q1, "Q1"), (2, form.Q2, "Q2"), (3, form.Q3, "Q3"), (4, form.Q4, "Q4") })
        {
            if (Current(cells, quarter) is { } cell && IsTranscribed(cell) && cell.Raw != typed.Trim())
                return WriteResult.Fail(fieldName, $"보고서에서 옮긴 목표({cell.Raw}, {cell.Source})는 고칠 수 없습니다. 바뀐 목표는 자료 입력의 분기 목표로 입력하세요.");
        }

        SetTarget(db, indicator, cells, year, null, form.YearTarget, by, now);
        for (var q = 1; q <= 4; q++) SetTarget(db, indicator, cells, year, q, form.Quarter(q), by, now);

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return WriteResult.Ok(form.Id is null
            ? $"{year}년 성과지표 {indicator.Code} {name}을(를) 추가했습니다 ({Label(indicator.Accumulation)}, 연간 목표 {form.YearTarget.Trim()})."
            : $"{year}년 성과지표 {indicator.Code} {name}을(를) 저장했습니다. 저장한 목표는 승인된 목표입니다.", indicator.Code);
    }

    /// <summary>
    /// Approves draft targets (초안 → 승인, <see cref="IndicatorValue.IsDraft"/> false) of <paramref name="year"/>: those of
    /// <paramref name="indicatorIds"/>, or every draft of the year when null. The figures stay as they are; each change
    /// is written to the audit trail with who approved it.
    /// </summary>
    public async Task<WriteResult> ApproveDraftsAsync(ClaimsPrincipal user, int year, IReadOnlyCollection<int>? indicatorIds = null, CancellationToken ct = default)
    {
        if (await guard.RefuseAsync(user, Policies.CanSetUpYear, "목표 초안 승인", "IndicatorValue", year.ToString(CultureInfo.InvariantCulture), ct) is { } refused) return refused;
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var drafts = await db.IndicatorValues.AsTracking()
            .Where(v => v.Year == year && v.IsDraft && v.Indicator!.Year == year && (indicatorIds == null || indicatorIds.Contains(v.IndicatorId)))
            .ToListAsync(ct);
        if (drafts.Count == 0) return WriteResult.Fail(WriteResult.General, $"{year}년에 승인할 목표 초안이 없습니다.");
        var by = EntryActor.NameOf(user);
        var now = clock.GetUtcNow();
        foreach (var d in drafts)
        {
            d.IsDraft = false;
            d.UpdatedBy = by;
            d.UpdatedAt = now;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return WriteResult.Ok($"{year}년 목표 초안 {drafts.Count}건을 승인했습니다.", drafts.Count.ToString(CultureInfo.InvariantCulture));
    }

    private static string NewCode(int year, int n) => $"N{year}-{n:00}";

    /// <summary>A target must carry a number (a text target gives no achievement rate).</summary>
    private static string? TargetError(string typed)
    {
        var raw = typed.Trim();
        var read = CellText.Read(raw);
        if (read.Error is { } error) return $"{error} (입력: {raw}).";
        if (read.Main is null) return $"숫자가 없습니다. 400명, 95.5처럼 숫자로 입력하세요 (입력: {raw}).";
        return read.Main < 0 ? $"0 이상이어야 합니다 (입력: {raw})." : null;
    }

    private static IndicatorValue? Current(List<IndicatorValue> cells, int? quarter) =>
        cells.Where(c => c.Quarter == quarter).OrderByDescending(c => c.AsOf ?? DateOnly.MinValue).FirstOrDefault();

    /// <summary>Copied by a roll-over (<see cref="FiscalYearService.RolloverSource"/>) or entered here: editable; otherwise a report's figure.</summary>
    private static bool IsTranscribed(IndicatorValue cell) =>
        cell.Source.Doc.Length > 0 && !cell.Source.Doc.EndsWith("체계에서 이월", StringComparison.Ordinal);

    private static void SetTarget(FiftyOpsDbContext db, Indicator indicator, List<IndicatorValue> cells, int year, int? quarter, string typed, string by, DateTimeOffset now)
    {
        var raw = typed.Trim();
        var cell = Current(cells, quarter);
        if (cell is not null && IsTranscribed(cell)) return;
        if (raw.Length == 0)
        {
            if (cell is not null) db.IndicatorValues.Remove(cell);
            return;
        }

        if (cell is not null && cell.Raw == raw && !cell.IsDraft) return;
        if (cell is null)
        {
            cell = new IndicatorValue { Indicator = indicator, Year = year, Kind = IndicatorValueKind.Target, Quarter = quarter };
            db.IndicatorValues.Add(cell);
        }

        var (main, sub) = CellText.Parse(raw);
        cell.Raw = raw;
        cell.Value = main;
        cell.SubValue = sub;
        cell.IsDraft = false;
        cell.Source = SourceRef.Entered;
        cell.UpdatedBy = by;
        cell.UpdatedAt = now;
    }
}
