using System.Globalization;
using System.Security.Claims;
using Fifty.Ops.Components;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Infrastructure;

namespace Fifty.Ops.Features.DataEntry;

/// <summary>One bullet: depth 1 ○, 2 -, 3 ※; plan bullets may carry their schedule (일정) as written, e.g. ’23. 10~12월.</summary>
public sealed record NarrativeBullet(int Depth, string Text, string? Schedule);

/// <summary>The bullets of one project and kind (추진실적 or 향후계획) in a period, with the stamp the form starts from.</summary>
public sealed record NarrativeSet(
    NarrativeKind Kind, IReadOnlyList<NarrativeBullet> Items, string Token, bool FromReport, string? UpdatedBy, DateTimeOffset? UpdatedAt,
    IReadOnlyList<NarrativeBullet> Previous, string? PreviousLabel);

public sealed record NarrativeEntryProject(string Code, string Title, int AreaNo, string AreaName, NarrativeSet Progress, NarrativeSet Plan)
{
    public NarrativeSet Of(NarrativeKind kind) => kind == NarrativeKind.Progress ? Progress : Plan;
}

public sealed record NarrativeEntryPage(EntryPeriodState? Period, int Year, IReadOnlyList<NarrativeEntryProject> Projects);

/// <summary>A bullet as typed in the form.</summary>
public sealed class NarrativeBulletInput
{
    public string Depth { get; set; } = "1";
    public string Text { get; set; } = "";
    public string Schedule { get; set; } = "";
}

public sealed class NarrativeEntryForm
{
    public string ProjectCode { get; set; } = "";
    public NarrativeKind Kind { get; set; }
    public List<NarrativeBulletInput> Items { get; set; } = [];
    public string Token { get; set; } = "";
}

/// <summary>
/// 추진실적 / 향후계획 per project for an open period, written by planners as bullets. The list of a project and kind is
/// saved as a whole; its concurrency stamp is the ids and versions of its rows, so a list someone else saved since the
/// form opened is shown, not overwritten. Bullets transcribed from a report are not edited here.
/// </summary>
public sealed class NarrativeEntryService(IDbContextFactory<FiftyOpsDbContext> factory, TimeProvider clock, AccessGuard guard)
{
    public const int MaxItems = 200;
    public const int MaxTextLength = 1000;
    public const int MaxScheduleLength = 50;

    public static string KindLabel(NarrativeKind kind) => kind == NarrativeKind.Progress ? "추진실적" : "향후계획";

    /// <summary>The stamp of a stored list: each row's id and version in order ("" for none).</summary>
    public static string TokenOf(IEnumerable<(int Id, int Version)> rows) =>
        string.Join(",", rows.OrderBy(r => r.Id).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Id}:{r.Version}")));

    /// <summary>The page of the asked period (or the latest open one when none is asked).</summary>
    public async Task<NarrativeEntryPage> GetAsync(int? askedYear, int? askedQuarter, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await PeriodLock.ResolveAsync(db, askedYear, askedQuarter, ct) is not var (year, quarter)) return new NarrativeEntryPage(null, askedYear ?? clock.KoreaNow().Year, []);
        var state = await PeriodLock.StateAsync(db, year, quarter, ct);
        if (state is null) return new NarrativeEntryPage(null, year, []);
        var periods = await db.ReportingPeriods.Where(p => p.Year == year && p.Quarter <= quarter)
            .Select(p => new { p.Id, p.Quarter, p.AsOf }).ToListAsync(ct);
        var periodId = periods.Single(p => p.Quarter == quarter).Id;
        var projects = await db.Projects.Where(p => p.Year == year).OrderBy(p => p.SortOrder)
            .Select(p => new { p.Id, p.Code, p.Title, p.AreaNo, p.AreaName }).ToListAsync(ct);
        var ids = periods.Select(p => p.Id).ToList();
        var rows = await db.ProjectNarratives.Where(n => ids.Contains(n.ReportingPeriodId))
            .Select(n => new { n.Id, n.ProjectId, n.ReportingPeriodId, n.Kind, n.Ordinal, n.Depth, n.Text, n.ScheduleRaw, n.Version, n.UpdatedBy, n.UpdatedAt, FromReport = n.Source.Doc != "" })
            .ToListAsync(ct);
        var byKey = rows.ToLookup(r => (r.ProjectId, r.ReportingPeriodId, r.Kind));
        var earlier = periods.Where(p => p.Quarter < quarter).OrderByDescending(p => p.Quarter).ToList();

        NarrativeSet SetOf(int projectId, NarrativeKind kind)
        {
            var own = byKey[(projectId, periodId, kind)].OrderBy(r => r.Ordinal).ToList();
            var previous = earlier.Select(p => (Period: p, Rows: byKey[(projectId, p.Id, kind)].OrderBy(r => r.Ordinal).ToList())).FirstOrDefault(x => x.Rows.Count > 0);
            var latest = own.Where(r => r.UpdatedAt is not null).OrderByDescending(r => r.UpdatedAt).FirstOrDefault();
            return new NarrativeSet(kind,
                own.Select(r => new NarrativeBullet(r.Depth, r.Text, r.ScheduleRaw)).ToList(),
                TokenOf(own.Select(r => (r.Id, r.Version))),
                own.Any(r => r.FromReport), latest?.UpdatedBy, latest?.UpdatedAt,
                previous.Rows?.Select(r => new NarrativeBullet(r.Depth, r.Text, r.ScheduleRaw)).ToList() ?? [],
                previous.Period is null ? null : $"{year}년 {previous.Period.Quarter}분기 ({Fmt.AsOf(previous.Period.AsOf)})");
        }

        return new NarrativeEntryPage(state, year, projects
            .Select(p => new NarrativeEntryProject(p.Code, p.Title, p.AreaNo, p.AreaName, SetOf(p.Id, NarrativeKind.Progress), SetOf(p.Id, NarrativeKind.Plan)))
            .ToList());
    }

    /// <summary>Reads the typed bullets; errors are keyed "Items[i].Field" (1-based in the message) or "" for the list.</summary>
    public static Dictionary<string, string> Parse(NarrativeEntryForm form, out List<NarrativeBullet> bullets)
    {
        var errors = new Dictionary<string, string>();
        bullets = [];
        // Trailing empty rows are what an "add" click leaves behind; they are not content.
        var items = form.Items.ToList();
        while (items.Count > 0 && items[^1].Text.Trim().Length == 0 && items[^1].Schedule.Trim().Length == 0) items.RemoveAt(items.Count - 1);
        if (items.Count > MaxItems) errors[""] = $"항목은 {MaxItems}개까지 입력할 수 있습니다 (현재 {items.Count}개).";
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var text = item.Text.Trim();
            var schedule = item.Schedule.Trim();
            var key = $"Items[{i}]";
            if (!int.TryParse(item.Depth.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var depth) || depth is < 1 or > 3)
                errors[key + ".Depth"] = $"{i + 1}번 항목: 수준은 1(○), 2(-), 3(※) 중 하나여야 합니다.";
            if (text.Length == 0)
                errors[key + ".Text"] = $"{i + 1}번 항목: 내용을 입력하세요 (빈 항목은 삭제하세요).";
            else if (text.Length > MaxTextLength)
                errors[key + ".Text"] = $"{i + 1}번 항목: 내용은 {MaxTextLength:#,##0}자 이내로 입력하세요 (현재 {text.Length:#,##0}자).";
            if (schedule.Length > MaxScheduleLength)
                errors[key + ".Schedule"] = $"{i + 1}번 항목: 일정은 {MaxScheduleLength}자 이내로 입력하세요.";
            if (schedule.Length > 0 && form.Kind == NarrativeKind.Progress)
                errors[key + ".Schedule"] = $"{i + 1}번 항목: 일정은 향후계획에만 적습니다.";
            bullets.Add(new NarrativeBullet(depth, text, schedule.Length == 0 ? null : schedule));
        }

        return errors;
    }

    /// <summary>
    /// Saves one project's 추진실적 or 향후계획 for the period (bullets with depth, text and, for 향후계획 only, a schedule), in
    /// one transaction after the role check (CanEditFigures) and the closed-period check (<see cref="PeriodLock"/>). The
    /// saved bullets replace the period's entered ones; trailing empty bullets are dropped.
    /// </summary>
    /// <returns>Saved with a message and the new version as <c>Token</c>; refused with errors keyed by item field ("Items[i].Text") or <see cref="WriteResult.General"/>; or a <c>Conflict</c>.</returns>
    public async Task<WriteResult> SaveAsync(ClaimsPrincipal user, int year, int quarter, NarrativeEntryForm form, CancellationToken ct = default)
    {
        if (await guard.RefuseAsync(user, Policies.CanEditFigures, "추진실적·향후계획 입력", "ProjectNarrative", $"{year}-Q{quarter}", ct) is { } refused) return refused;
        var errors = Parse(form, out var bullets);
        if (errors.Count > 0) return WriteResult.Invalid(errors);

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (periodId, _, closed) = await PeriodLock.CheckWritableAsync(db, year, quarter, ct);
        if (closed is not null) return WriteResult.Fail(WriteResult.General, closed);
        var project = await db.Projects.Where(p => p.Year == year && p.Code == form.ProjectCode.Trim()).Select(p => new { p.Id, p.Code, p.Title }).FirstOrDefaultAsync(ct);
        if (project is null) return WriteResult.Fail(WriteResult.General, $"{year}년 사업에 없는 코드입니다 ({form.ProjectCode.Trim()}).");

        var rows = await db.ProjectNarratives.AsTracking()
            .Where(n => n.ProjectId == project.Id && n.ReportingPeriodId == periodId && n.Kind == form.Kind)
            .OrderBy(n => n.Ordinal).ToListAsync(ct);
        var label = KindLabel(form.Kind);
        if (rows.Any(r => r.Source.Doc.Length > 0))
            return WriteResult.Fail(WriteResult.General, $"{project.Title}의 {label}은 보고서에서 옮긴 내용이어서 고칠 수 없습니다.");

        var current = TokenOf(rows.Select(r => (r.Id, r.Version)));
        if (current != form.Token.Trim())
        {
            var latest = rows.Where(r => r.UpdatedAt is not null).OrderByDescending(r => r.UpdatedAt).FirstOrDefault();
            return WriteResult.Conflicted(new SaveConflict(latest?.UpdatedBy, latest?.UpdatedAt,
                [new ConflictValue(label, Text(rows.Select(r => new NarrativeBullet(r.Depth, r.Text, r.ScheduleRaw))), Text(bullets))], current));
        }

        if (!Apply(db, rows, project.Id, periodId, form.Kind, bullets, EntryActor.NameOf(user), clock.GetUtcNow()))
            return WriteResult.Ok("바뀐 내용이 없어 저장할 것이 없습니다.", current);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var token = TokenOf(db.ChangeTracker.Entries<ProjectNarrative>().Where(e => e.State != EntityState.Detached).Select(e => (e.Entity.Id, e.Entity.Version)));
        return WriteResult.Ok($"{project.Title}: {label} {bullets.Count}개 항목을 저장했습니다.", token);
    }

    /// <summary>
    /// Replaces a stored list with <paramref name="bullets"/> in place: row i keeps ordinal i+1 and is updated only when it
    /// differs, extra rows are deleted, new ones added. False when the list is unchanged.
    /// </summary>
    internal static bool Apply(FiftyOpsDbContext db, IReadOnlyList<ProjectNarrative> rows, int projectId, int periodId, NarrativeKind kind,
        IReadOnlyList<NarrativeBullet> bullets, string by, DateTimeOffset now)
    {
        var changed = false;
        for (var i = 0; i < Math.Max(rows.Count, bullets.Count); i++)
        {
            if (i >= bullets.Count)
            {
                db.ProjectNarratives.Remove(rows[i]);
                changed = true;
                continue;
            }

            var b = bullets[i];
            var row = i < rows.Count ? rows[i] : null;
            if (row is not null && row.Depth == b.Depth && row.Text == b.Text && row.ScheduleRaw == b.Schedule) continue;
            if (row is null)
            {
                row = new ProjectNarrative { ProjectId = projectId, ReportingPeriodId = periodId, Kind = kind, Ordinal = i + 1, Source = SourceRef.Entered };
                db.ProjectNarratives.Add(row);
            }

            row.Depth = b.Depth;
            row.Text = b.Text;
            row.ScheduleRaw = b.Schedule;
            row.UpdatedBy = by;
            row.UpdatedAt = now;
            changed = true;
        }

        return changed;
    }

    /// <summary>A list as one text for conflict messages and previews (○ / - / · by depth, as the project page nests them).</summary>
    public static string Text(IEnumerable<NarrativeBullet> bullets)
    {
        var lines = bullets.Select(b => (b.Depth switch { 1 => "○ ", 2 => "  - ", _ => "    · " }) + b.Text + (b.Schedule is null ? "" : $" ({b.Schedule})")).ToList();
        return lines.Count == 0 ? "(항목 없음)" : string.Join("\n", lines);
    }
}
