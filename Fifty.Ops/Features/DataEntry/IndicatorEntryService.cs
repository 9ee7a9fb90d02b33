using System.Globalization;
using System.Security.Claims;
using Fifty.Ops.Data;
using CellText = Fifty.Ops.Data.Seeding.IndicatorCellText;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Indicators;
using Microsoft.EntityFrameworkCore;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Infrastructure;

namespace Fifty.Ops.Features.DataEntry;

/// <summary>A cell a planner entered for this period.</summary>
public sealed record EnteredCell(string Raw, int Version, string? UpdatedBy, DateTimeOffset? UpdatedAt);

/// <summary>The cell that applies when this period has no entry of its own: a report's figure or an earlier quarter's entry.</summary>
public sealed record InForceCell(string Raw, string Source, DateOnly? AsOf);

public sealed record IndicatorEntryRow(
    int Id, string Code, IndicatorKind Kind, string Field, string DisplayName, string Unit,
    InForceCell? Target, InForceCell? Actual, EnteredCell? EnteredTarget, EnteredCell? EnteredActual,
    string Cause, string Action, int CommentVersion, string? CommentBy, DateTimeOffset? CommentAt)
{
    /// <summary>The versions the form starts from (target, actual, commentary; 0 = none yet).</summary>
    public string Token => IndicatorEntryService.TokenOf(EnteredTarget?.Version ?? 0, EnteredActual?.Version ?? 0, CommentVersion);

    public bool HasEntry => EnteredTarget is not null || EnteredActual is not null || CommentVersion > 0;
}

public sealed record IndicatorEntryPage(EntryPeriodState? Period, int Year, IReadOnlyList<IndicatorEntryRow> Rows);

/// <summary>One indicator's entry form as typed (text, so a refused save keeps it).</summary>
public sealed class IndicatorEntryForm
{
    public int IndicatorId { get; set; }
    public string Target { get; set; } = "";
    public string Actual { get; set; } = "";
    public string Cause { get; set; } = "";
    public string Action { get; set; } = "";
    public string Token { get; set; } = "0.0.0";
}

/// <summary>
/// Targets and actuals (목표·실적) with 원인 분석 / 조치 계획 per indicator for an open period. A cell keeps the text
/// as typed (<c>27,685 (5,383)</c>, <c>6/650</c>, <c>진행중</c>) and the numbers <see cref="CellText.Parse"/>
/// reads from it, exactly as the seed loader does for the reports. Entered cells are rows of their own tied to the
/// period; a report's cell is never edited. Blank means "no entry for this period" (the earlier value stays in force).
/// </summary>
public sealed class IndicatorEntryService(IDbContextFactory<FiftyOpsDbContext> factory, TimeProvider clock, AccessGuard guard)
{
    public const int MaxRawLength = 100;
    public const int MaxTextLength = IndicatorCommentaryService.MaxTextLength;

    public static string TokenOf(int target, int actual, int comment) => string.Create(CultureInfo.InvariantCulture, $"{target}.{actual}.{comment}");

    /// <summary>The page of the asked period (or the latest open one when none is asked).</summary>
    public async Task<IndicatorEntryPage> GetAsync(int? askedYear, int? askedQuarter, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await PeriodLock.ResolveAsync(db, askedYear, askedQuarter, ct) is not var (year, quarter)) return new IndicatorEntryPage(null, askedYear ?? clock.KoreaNow().Year, []);
        var state = await PeriodLock.StateAsync(db, year, quarter, ct);
        if (state is null) return new IndicatorEntryPage(null, year, []);
        var periodId = await db.ReportingPeriods.Where(p => p.Year == year && p.Quarter == quarter).Select(p => p.Id).SingleAsync(ct);

        var indicators = await db.Indicators.Where(i => i.Year == year).OrderBy(i => i.Kind).ThenBy(i => i.SortOrder)
            .Select(i => new { i.Id, i.Code, i.Kind, i.Field, i.Name, i.Unit, ProjectTitle = i.Project == null ? null : i.Project.Title })
            .ToListAsync(ct);
        var cells = (await db.IndicatorValues
                .Where(v => v.Year == year && v.Indicator!.Year == year && v.Kind != IndicatorValueKind.StatedRate && v.Quarter == null)
                .Select(v => new { v.Id, v.IndicatorId, v.Kind, v.Raw, v.AsOf, v.ReportingPeriodId, v.Source, v.Version, v.UpdatedBy, v.UpdatedAt })
                .ToListAsync(ct))
            .ToLookup(v => v.IndicatorId);
        var comments = await db.IndicatorComments.Where(c => c.ReportingPeriodId == periodId)
            .Select(c => new { c.IndicatorId, c.Cause, c.Action, c.Version, c.Author, c.UpdatedAt })
            .ToDictionaryAsync(c => c.IndicatorId, ct);

        var rows = indicators.Select(i =>
        {
            var mine = cells[i.Id].ToList();
            InForceCell? InForce(IndicatorValueKind kind) =>
                IndicatorCellChoice.InForce(mine.Where(c => c.Kind == kind && c.ReportingPeriodId != periodId), c => c.AsOf, c => c.ReportingPeriodId is not null, state.AsOf)
                    is { } c ? new InForceCell(c.Raw, c.ReportingPeriodId is null ? c.Source.ToString() : $"입력 ({c.UpdatedBy})", c.AsOf) : null;
            EnteredCell? Entered(IndicatorValueKind kind) =>
                mine.FirstOrDefault(c => c.Kind == kind && c.ReportingPeriodId == periodId) is { } c ? new EnteredCell(c.Raw, c.Version, c.UpdatedBy, c.UpdatedAt) : null;
            var comment = comments.GetValueOrDefault(i.Id);
            return new IndicatorEntryRow(i.Id, i.Code, i.Kind, i.Field, i.ProjectTitle is null ? i.Name : $"{i.ProjectTitle} · {i.Name}", i.Unit,
                InForce(IndicatorValueKind.Target), InForce(IndicatorValueKind.Actual),
                Entered(IndicatorValueKind.Target), Entered(IndicatorValueKind.Actual),
                comment?.Cause ?? "", comment?.Action ?? "", comment?.Version ?? 0, comment?.Author, comment?.UpdatedAt);
        }).ToList();
        return new IndicatorEntryPage(state, year, rows);
    }

    /// <summary>Field-level checks that need no database, with Korean messages naming the field.</summary>
    public static Dictionary<string, string> Validate(IndicatorEntryForm form)
    {
        var errors = new Dictionary<string, string>();
        if (form.Target.Trim().Length > MaxRawLength)
            errors[nameof(IndicatorEntryForm.Target)] = $"목표는 {MaxRawLength}자 이내로 입력하세요 (현재 {form.Target.Trim().Length}자).";
        if (form.Actual.Trim().Length > MaxRawLength)
            errors[nameof(IndicatorEntryForm.Actual)] = $"실적은 {MaxRawLength}자 이내로 입력하세요 (현재 {form.Actual.Trim().Length}자).";
        foreach (var (field, label, raw) in new[] { (nameof(IndicatorEntryForm.Target), "목표", form.Target), (nameof(IndicatorEntryForm.Actual), "실적", form.Actual) })
        {
            if (!errors.ContainsKey(field) && CellError(raw) is { } error) errors[field] = $"{label}: {error} (입력: {raw.Trim()})";
        }

        if (form.Cause.Trim().Length > MaxTextLength)
            errors[nameof(IndicatorEntryForm.Cause)] = $"원인 분석은 {MaxTextLength:#,##0}자 이내로 입력하세요 (현재 {form.Cause.Trim().Length:#,##0}자).";
        if (form.Action.Trim().Length > MaxTextLength)
            errors[nameof(IndicatorEntryForm.Action)] = $"조치 계획은 {MaxTextLength:#,##0}자 이내로 입력하세요 (현재 {form.Action.Trim().Length:#,##0}자).";
        return errors;
    }

    /// <summary>
    /// One field's check of <see cref="Validate"/> (field = an <see cref="IndicatorEntryForm"/> property name), for the form
    /// to show next to the field before anything is sent. Null when the text is acceptable.
    /// </summary>
    public static string? CheckField(string field, string? text)
    {
        var form = new IndicatorEntryForm();
        switch (field)
        {
            case nameof(IndicatorEntryForm.Target): form.Target = text ?? ""; break;
            case nameof(IndicatorEntryForm.Actual): form.Actual = text ?? ""; break;
            case nameof(IndicatorEntryForm.Cause): form.Cause = text ?? ""; break;
            case nameof(IndicatorEntryForm.Action): form.Action = text ?? ""; break;
            default: return null;
        }

        return Validate(form).GetValueOrDefault(field);
    }

    /// <summary>Why the number in a typed 목표/실적 cannot be used (bad separators, a negative count, 1e20 …), or null.</summary>
    public static string? CellError(string raw) => CellText.Read(raw.Trim()).Error;

    /// <summary>Notes on accepted values: a cell without a number is kept as text but gives no achievement rate.</summary>
    public static List<string> Notices(IndicatorEntryForm form) => NoticesByField(form).Select(n => n.Message).ToList();

    /// <summary>The notes of <see cref="Notices"/>, each with the form field it is about (Target or Actual).</summary>
    public static List<(string Field, string Message)> NoticesByField(IndicatorEntryForm form)
    {
        var notes = new List<(string, string)>();
        foreach (var (field, label, raw) in new[] { (nameof(IndicatorEntryForm.Target), "목표", form.Target.Trim()), (nameof(IndicatorEntryForm.Actual), "실적", form.Actual.Trim()) })
        {
            if (raw.Length > 0 && CellText.Read(raw) is { Main: null, Error: null })
                notes.Add((field, $"{label} '{raw}'에는 숫자가 없어 그대로 글자로 저장하며 달성률은 계산하지 않습니다."));
        }

        return notes;
    }

    /// <summary>
    /// Saves one indicator's 목표·실적 (kept as typed; the number read from them drives 달성률) and 원인 분석·조치 계획 for the
    /// period, in one transaction after the role check (CanEditFigures) and the closed-period check (<see cref="PeriodLock"/>:
    /// the quarter and every later quarter of its year must be open). A blank figure removes the entry, so the report's figure shows again.
    /// </summary>
    /// <returns>
    /// Saved with a Korean message and the new combined version as <c>Token</c> ("바뀐 내용이 없어…" when nothing changed);
    /// refused with errors keyed by the form field (<see cref="WriteResult.General"/> for a role, period or indicator refusal);
    /// or a <c>Conflict</c> listing what someone else saved after the form opened. A refusal writes nothing.
    /// </returns>
    public async Task<WriteResult> SaveAsync(ClaimsPrincipal user, int year, int quarter, IndicatorEntryForm form, CancellationToken ct = default)
    {
        if (await guard.RefuseAsync(user, Policies.CanEditFigures, "성과지표 실적 입력", "IndicatorValue", $"{year}-Q{quarter}", ct) is { } refused) return refused;
        var errors = Validate(form);
        if (errors.Count > 0) return WriteResult.Invalid(errors);

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (periodId, state, closed) = await PeriodLock.CheckWritableAsync(db, year, quarter, ct);
        if (closed is not null) return WriteResult.Fail(WriteResult.General, closed);
        var indicator = await db.Indicators.Where(i => i.Id == form.IndicatorId)
            .Select(i => new { i.Id, i.Year, Name = i.Project == null ? i.Name : i.Project.Title + " · " + i.Name }).FirstOrDefaultAsync(ct);
        if (indicator is null) return WriteResult.Fail(WriteResult.General, "지표를 찾을 수 없습니다. 목록을 새로 고치세요.");
        if (indicator.Year != year) return WriteResult.Fail(WriteResult.General, $"이 지표는 {indicator.Year}년 지표여서 {year}년 기간에 입력할 수 없습니다.");

        var entered = await db.IndicatorValues.AsTracking()
            .Where(v => v.IndicatorId == indicator.Id && v.ReportingPeriodId == periodId && v.Year == year)
            .ToListAsync(ct);
        var target = entered.FirstOrDefault(v => v.Kind == IndicatorValueKind.Target);
        var actual = entered.FirstOrDefault(v => v.Kind == IndicatorValueKind.Actual);
        var comment = await db.IndicatorComments.AsTracking().FirstOrDefaultAsync(c => c.IndicatorId == indicator.Id && c.ReportingPeriodId == periodId, ct);

        var current = TokenOf(target?.Version ?? 0, actual?.Version ?? 0, comment?.Version ?? 0);
        if (current != form.Token) return WriteResult.Conflicted(ConflictOf(form, target, actual, comment, current));

        var by = EntryActor.NameOf(user);
        var now = clock.GetUtcNow();
        var changed = ApplyCell(db, target, IndicatorValueKind.Target, indicator.Id, year, periodId, state!.AsOf, form.Target, by, now)
                      | ApplyCell(db, actual, IndicatorValueKind.Actual, indicator.Id, year, periodId, state.AsOf, form.Actual, by, now)
                      | ApplyComment(db, comment, indicator.Id, periodId, form.Cause, form.Action, by, now);
        if (!changed) return WriteResult.Ok("바뀐 내용이 없어 저장할 것이 없습니다.", current);

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return WriteResult.Conflicted(new SaveConflict(null, null, [], current));
        }

        await tx.CommitAsync(ct);
        var token = TokenOf(CurrentVersion(db, indicator.Id, IndicatorValueKind.Target), CurrentVersion(db, indicator.Id, IndicatorValueKind.Actual),
            db.ChangeTracker.Entries<IndicatorComment>().Where(e => e.State != EntityState.Detached).Select(e => e.Entity.Version).FirstOrDefault());
        return WriteResult.Ok($"{indicator.Name}: {year}년 {quarter}분기 입력을 저장했습니다.", token, Notices(form));
    }

    private static int CurrentVersion(FiftyOpsDbContext db, int indicatorId, IndicatorValueKind kind) =>
        db.ChangeTracker.Entries<IndicatorValue>()
            .Where(e => e.State != EntityState.Detached && e.Entity.IndicatorId == indicatorId && e.Entity.Kind == kind)
            .Select(e => e.Entity.Version).FirstOrDefault();

    /// <summary>Writes one entered cell (adds, changes or removes it); false when the typed text equals what is stored.</summary>
    internal static bool ApplyCell(FiftyOpsDbContext db, IndicatorValue? cell, IndicatorValueKind kind, int indicatorId, int year, int periodId,
        DateOnly asOf, string typed, string by, DateTimeOffset now)
    {
        var raw = typed.Trim();
        if (raw.Length == 0)
        {
            if (cell is null) return false;
            db.IndicatorValues.Remove(cell);
            return true;
        }

        if (cell is not null && cell.Raw == raw) return false;
        if (cell is null)
        {
            cell = new IndicatorValue { IndicatorId = indicatorId, Year = year, Kind = kind, ReportingPeriodId = periodId, Source = SourceRef.Entered };
            db.IndicatorValues.Add(cell);
        }

        var (main, sub) = CellText.Parse(raw);
        cell.Raw = raw;
        cell.Value = main;
        cell.SubValue = sub;
        cell.AsOf = asOf;
        cell.UpdatedBy = by;
        cell.UpdatedAt = now;
        return true;
    }

    /// <summary>Writes the period's 원인 분석 / 조치 계획 (both blank removes it); false when nothing differs.</summary>
    internal static bool ApplyComment(FiftyOpsDbContext db, IndicatorComment? comment, int indicatorId, int periodId, string cause, string action, string by, DateTimeOffset now)
    {
        var c = cause.Trim();
        var a = action.Trim();
        if (c.Length == 0 && a.Length == 0)
        {
            if (comment is null) return false;
            db.IndicatorComments.Remove(comment);
            return true;
        }

        if (comment is not null && comment.Cause == c && comment.Action == a) return false;
        if (comment is null)
        {
            comment = new IndicatorComment { IndicatorId = indicatorId, ReportingPeriodId = periodId };
            db.IndicatorComments.Add(comment);
        }

        comment.Cause = c;
        comment.Action = a;
        comment.Author = by;
        comment.UpdatedAt = now;
        return true;
    }

    private static SaveConflict ConflictOf(IndicatorEntryForm form, IndicatorValue? target, IndicatorValue? actual, IndicatorComment? comment, string current)
    {
        var values = new List<ConflictValue>
        {
            new("목표", target?.Raw ?? "(입력 없음)", Shown(form.Target)),
            new("실적", actual?.Raw ?? "(입력 없음)", Shown(form.Actual)),
            new("원인 분석", comment?.Cause is { Length: > 0 } c ? c : "(입력 없음)", Shown(form.Cause)),
            new("조치 계획", comment?.Action is { Length: > 0 } a ? a : "(입력 없음)", Shown(form.Action)),
        };
        var latest = new (string? By, DateTimeOffset? At)[] { (target?.UpdatedBy, target?.UpdatedAt), (actual?.UpdatedBy, actual?.UpdatedAt), (comment?.Author, comment?.UpdatedAt) }
            .Where(x => x.At is not null).OrderByDescending(x => x.At).FirstOrDefault();
        return new SaveConflict(latest.By, latest.At, values, current);
    }

    private static string Shown(string typed) => typed.Trim() is { Length: > 0 } t ? t : "(비움)";
}
