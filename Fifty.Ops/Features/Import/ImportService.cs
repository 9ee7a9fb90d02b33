using System.Globalization;
using System.IO.Packaging;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using Fifty.Ops.Components;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.Budget.Reconciliation;
using Fifty.Ops.Features.Campuses;
using Fifty.Ops.Features.DataEntry;
using Microsoft.EntityFrameworkCore;
using static Fifty.Ops.Features.Import.TemplateLayout;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Infrastructure;

namespace Fifty.Ops.Features.Import;

/// <summary>One cell the import would change (or a whole narrative list), with the value now and the value after.</summary>
public sealed record ImportChange(string Sheet, string Cell, string Item, string Old, string New)
{
    public string Where => $"{Sheet}!{Cell}";
}

public sealed record ImportPreview(
    string FileName, string ContentHash, long SizeBytes, int Year, int Quarter,
    IReadOnlyList<ImportIssue> Errors, IReadOnlyList<ImportChange> Changes, IReadOnlyList<string> Warnings, IReadOnlyList<string> Notes,
    string Digest)
{
    public bool CanCommit => Errors.Count == 0 && Changes.Count > 0;

    /// <summary>The file is valid and every value in it is already stored: committing would change nothing.</summary>
    public bool NothingToChange => Errors.Count == 0 && Changes.Count == 0;
}

public sealed record ImportCommitResult(bool Committed, string Message, ImportPreview Preview);

public sealed record ImportBatchRow(string FileName, string ContentHash, long SizeBytes, int ChangeCount, DateTimeOffset ImportedAt, string ImportedBy);

public sealed record ImportPageModel(EntryPeriodState? Period, int Year, IReadOnlyList<ImportBatchRow> Recent);

/// <summary>
/// The Excel round trip of a period: the template (<see cref="ImportTemplate"/>) and the upload. An upload is checked
/// before parsing (<see cref="UploadGuard"/>), read with bounded parts (<see cref="XlsxSheetReader"/>), validated
/// (<see cref="ImportParser"/> for types and ranges; here for codes, the closed period, conflicts with changes saved
/// since the template was made, and the rules of docs/domain.md as warnings), and previewed as old → new per cell. Commit
/// redoes all of it inside one write transaction and applies everything or nothing; if what would change differs from
/// the preview the planner confirmed, nothing is applied. A row the planner left as it was is never written, so
/// uploading the same file again changes nothing.
/// </summary>
public sealed class ImportService(
    IDbContextFactory<FiftyOpsDbContext> factory,
    IndicatorEntryService indicators,
    BudgetEntryService budget,
    NarrativeEntryService narratives,
    CampusUsageEntryService campus,
    TimeProvider clock, AccessGuard guard, ILogger<ImportService>? logger = null)
{
    /// <summary>What a planner reads when the workbook parser refuses the file (DTD, broken XML, a part it cannot open).</summary>
    public const string UnreadableWorkbook = "엑셀 파일을 읽을 수 없습니다. 파일이 손상되었거나 엑셀에서 저장한 통합 문서(.xlsx)가 아닙니다. 내려받은 양식에 입력해 엑셀로 다시 저장한 뒤 올리세요.";

    private const string FileSheet = "파일";

    /// <summary>The import page: the period's state (whether it takes writes) and its ten latest imports; the period is null when none exists.</summary>
    public async Task<ImportPageModel> GetPageAsync(int? askedYear, int? askedQuarter, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await PeriodLock.ResolveAsync(db, askedYear, askedQuarter, ct) is not var (year, quarter)) return new ImportPageModel(null, askedYear ?? clock.KoreaNow().Year, []);
        var state = await PeriodLock.StateAsync(db, year, quarter, ct);
        var recent = (await db.ImportBatches.Where(b => db.ReportingPeriods.Any(p => p.Id == b.ReportingPeriodId && p.Year == year && p.Quarter == quarter))
                .Select(b => new ImportBatchRow(b.FileName, b.ContentHash, b.SizeBytes, b.ChangeCount, b.ImportedAt, b.ImportedBy)).ToListAsync(ct))
            .OrderByDescending(b => b.ImportedAt).Take(10).ToList();
        return new ImportPageModel(state, year, recent);
    }

    /// <summary>
    /// Writes the template of exactly <paramref name="year"/> Q<paramref name="quarter"/> to <paramref name="output"/>;
    /// null when written, otherwise the Korean reason there is none (the period does not exist). Never another quarter's
    /// template under this quarter's name: the entry services fall back to the nearest period when asked for a missing one.
    /// </summary>
    public async Task<string?> WriteTemplateAsync(int year, int quarter, Stream output, CancellationToken ct = default)
    {
        var missing = $"{year}년 {quarter}분기 보고 기간이 없습니다.";
        if (quarter is < 1 or > 4) return missing;
        var indicatorPage = await indicators.GetAsync(year, quarter, ct);
        if (indicatorPage.Period is not { } period || period.Year != year || period.Quarter != quarter) return missing;
        var data = new TemplateData(period, indicatorPage, await budget.GetAsync(year, quarter, ct), await narratives.GetAsync(year, quarter, ct),
            await campus.GetPageAsync(year, quarter, ct), Fmt.Time(clock.GetUtcNow()));
        ImportTemplate.Write(data, output);
        return null;
    }

    /// <summary>A preview that changes nothing and says why (a refusal names the sheet "권한").</summary>
    private static ImportPreview Refused(string fileName, byte[] content, int year, int quarter, string message) =>
        new(fileName, "", content.LongLength, year, quarter, [new ImportIssue("권한", null, message)], [], [], [], "");

    /// <summary>
    /// Reads an uploaded template (.xlsx) and lists, changing nothing, every change it would make and every problem by sheet and
    /// cell (a full-width digit is read, a date or formula where a number belongs, a renamed sheet, an unknown code or a closed
    /// quarter is refused). The preview's digest is what <see cref="CommitAsync"/> must confirm.
    /// </summary>
    /// <returns>Never null; a role refusal is an issue on sheet "권한".</returns>
    public async Task<ImportPreview> PreviewAsync(ClaimsPrincipal user, int year, int quarter, string fileName, byte[] content, CancellationToken ct = default)
    {
        if (await guard.DemandAsync(user, Policies.CanEditFigures, "엑셀 가져오기 (미리보기)", "Import", $"{year}-Q{quarter} {fileName}", ct) is { } refusal) return Refused(fileName, content, year, quarter, refusal);
        var (parsed, refused) = Read(fileName, content, year, quarter);
        if (refused is not null) return refused;
        await using var db = await factory.CreateDbContextAsync(ct);
        var plan = await PlanAsync(db, parsed!, year, quarter, EntryActor.NameOf(user), clock.GetUtcNow(), ct);
        return await PreviewOfAsync(db, plan, parsed!, fileName, content, year, quarter, ct);
    }

    /// <summary>
    /// Applies the file in one transaction when it still reads to the previewed digest <paramref name="confirmedDigest"/> and
    /// has no problem: all of its changes or none. Recorded as an import batch (file name, hash, size, change count).
    /// </summary>
    /// <returns><c>Committed</c> with a Korean message; or not, with the reason and the fresh preview.</returns>
    public async Task<ImportCommitResult> CommitAsync(ClaimsPrincipal user, int year, int quarter, string fileName, byte[] content, string confirmedDigest, CancellationToken ct = default)
    {
        if (await guard.DemandAsync(user, Policies.CanEditFigures, "엑셀 가져오기 (반영)", "Import", $"{year}-Q{quarter} {fileName}", ct) is { } refusal) return new ImportCommitResult(false, refusal, Refused(fileName, content, year, quarter, refusal));
        var (parsed, refused) = Read(fileName, content, year, quarter);
        if (refused is not null) return new(false, "파일에 오류가 있어 아무것도 바꾸지 않았습니다.", refused);

        var by = EntryActor.NameOf(user);
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var plan = await PlanAsync(db, parsed!, year, quarter, by, now, ct);
        var preview = await PreviewOfAsync(db, plan, parsed!, fileName, content, year, quarter, ct);
        if (preview.Errors.Count > 0) return new(false, $"오류 {preview.Errors.Count:#,##0}건이 있어 아무것도 바꾸지 않았습니다.", preview);
        if (preview.Changes.Count == 0) return new(false, "바뀌는 값이 없습니다. 이 파일의 내용은 이미 모두 반영되어 있습니다.", preview);
        if (preview.Digest != confirmedDigest)
            return new(false, "미리보기를 만든 뒤 다른 사람이 자료를 바꿔 바뀔 내용이 달라졌습니다. 아무것도 바꾸지 않았습니다. 새 미리보기를 확인하고 다시 반영하세요.", preview);

        foreach (var apply in plan.Apply) apply();
        db.ImportBatches.Add(new ImportBatch
        {
            ReportingPeriodId = plan.PeriodId, FileName = Truncate(Path.GetFileName(fileName), 260), ContentHash = preview.ContentHash,
            SizeBytes = content.LongLength, ChangeCount = preview.Changes.Count, ImportedAt = now, ImportedBy = by,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(false, "저장하는 사이에 다른 사람이 같은 자료를 바꿨습니다. 아무것도 바꾸지 않았습니다. 다시 올려 확인하세요.", preview);
        }

        await tx.CommitAsync(ct);
        return new(true, $"{year}년 {quarter}분기에 {preview.Changes.Count:#,##0}개 값을 반영했습니다 (한 번에 모두 저장).", preview);
    }

    /// <summary>The period a template says it is for (안내 B4/B5); (0, 0) when the file cannot be read as a template.</summary>
    public (int Year, int Quarter) PeriodOfFile(string fileName, byte[] content)
    {
        var (parsed, _) = Read(fileName, content, 0, 0);
        return (parsed?.Year ?? 0, parsed?.Quarter ?? 0);
    }

    /// <summary>The checks before any parsing, then the parse; a refusal comes back as a preview with errors only.</summary>
    private (ParsedWorkbook? Parsed, ImportPreview? Refused) Read(string fileName, byte[] content, int year, int quarter)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        ImportPreview Refuse(params ImportIssue[] issues) => new(fileName, hash, content.LongLength, year, quarter, issues, [], [], [], "");

        if (UploadGuard.Check(fileName, content) is { } refusal) return (null, Refuse(new ImportIssue(FileSheet, null, refusal)));
        if (UploadGuard.CheckPackage(content) is { } packageRefusal) return (null, Refuse(new ImportIssue(FileSheet, null, packageRefusal)));

        ParsedWorkbook parsed;
        try
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(content, writable: false), false, XlsxSheetReader.Settings);
            parsed = ImportParser.Parse(XlsxSheetReader.Read(document));
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or XmlException or IOException
                                       or InvalidOperationException or ArgumentException)
        {
            // The parser's own text (English, naming DTDs, parts and offsets) tells the planner nothing and an attacker
            // too much: one Korean sentence instead, the detail stays in the server log.
            if (logger?.IsEnabled(LogLevel.Information) == true) logger.LogInformation(ex, "Upload {FileName} refused by the workbook parser", fileName);
            return (null, Refuse(new ImportIssue(FileSheet, null, UnreadableWorkbook)));
        }

        if (parsed.Errors.Count == 0 && (parsed.Year != year || parsed.Quarter != quarter))
        {
            parsed.Errors.Add(new ImportIssue(GuideSheet, "B4",
                $"이 파일은 {parsed.Year}년 {parsed.Quarter}분기 양식입니다. 지금 고른 기간은 {year}년 {quarter}분기입니다. 기간을 바꾸거나 맞는 양식을 올리세요."));
        }

        return (parsed, null);
    }

    private static async Task<ImportPreview> PreviewOfAsync(FiftyOpsDbContext db, ImportPlan plan, ParsedWorkbook parsed, string fileName, byte[] content,
        int year, int quarter, CancellationToken ct)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var notes = parsed.Notes.ToList();
        if (plan.PeriodId > 0)
        {
            var earlier = (await db.ImportBatches.Where(b => b.ReportingPeriodId == plan.PeriodId && b.ContentHash == hash)
                    .Select(b => new { b.ImportedAt, b.ImportedBy, b.ChangeCount }).ToListAsync(ct))
                .OrderByDescending(b => b.ImportedAt).FirstOrDefault();
            if (earlier is not null)
                notes.Add($"이 파일은 {Fmt.Time(earlier.ImportedAt)}에 {earlier.ImportedBy}님이 이미 반영한 파일과 내용이 같습니다 (그때 {earlier.ChangeCount:#,##0}개 값 반영).");
        }

        var errors = parsed.Errors.Concat(plan.Errors).ToList();
        var changes = errors.Count > 0 ? [] : plan.Changes;
        if (errors.Count == 0 && changes.Count == 0) notes.Add("바뀌는 값이 없습니다. 이 파일의 값은 모두 지금 저장된 값과 같습니다.");
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\n', changes.Select(c => $"{c.Where}\u001f{c.Old}\u001f{c.New}")))));
        return new ImportPreview(Path.GetFileName(fileName), hash, content.LongLength, year, quarter, errors, changes, errors.Count > 0 ? [] : plan.Warnings, notes, digest);
    }

    /// <summary>What the upload would change, the errors that stop it, and the writes to run on commit (on tracked entities).</summary>
    private sealed class ImportPlan
    {
        public int PeriodId { get; set; }
        public List<ImportIssue> Errors { get; } = [];
        public List<ImportChange> Changes { get; } = [];
        public List<string> Warnings { get; } = [];
        public List<Action> Apply { get; } = [];
    }

    private static async Task<ImportPlan> PlanAsync(FiftyOpsDbContext db, ParsedWorkbook parsed, int year, int quarter, string by, DateTimeOffset now, CancellationToken ct)
    {
        var plan = new ImportPlan();
        if (parsed.Errors.Count > 0) return plan;
        var (periodId, state, closed) = await PeriodLock.CheckWritableAsync(db, year, quarter, ct);
        if (closed is not null)
        {
            plan.Errors.Add(new ImportIssue(GuideSheet, "B5", closed + " 이 파일은 가져올 수 없습니다."));
            return plan;
        }

        plan.PeriodId = periodId;
        if (parsed.Indicators is { } indicatorRows) await PlanIndicatorsAsync(db, plan, indicatorRows, year, periodId, state!, by, now, ct);
        if (parsed.Budget is { } budgetRows) await PlanBudgetAsync(db, plan, budgetRows, state!, periodId, by, now, ct);
        if (parsed.Narratives is { } narrativeRows) await PlanNarrativesAsync(db, plan, narrativeRows, year, periodId, by, now, ct);
        if (parsed.Campus is { } campusRows) await PlanCampusAsync(db, plan, campusRows, year, quarter, by, now, ct);
        return plan;
    }

    private static (string Token, string? Hash) SplitCheck(string? check, string emptyToken)
    {
        if (check is null) return (emptyToken, null);
        var bar = check.LastIndexOf('|');
        return bar < 0 ? (emptyToken, null) : (check[..bar], check[(bar + 1)..]);
    }

    private static string Who(string? by, DateTimeOffset? at) =>
        $"{(by is null ? "다른 사용자가" : by + "님이")}{(at is null ? "" : " " + Fmt.Time(at) + "에")}";

    private static async Task PlanIndicatorsAsync(FiftyOpsDbContext db, ImportPlan plan, List<ParsedIndicatorRow> rows, int year, int periodId,
        EntryPeriodState state, string by, DateTimeOffset now, CancellationToken ct)
    {
        var known = await db.Indicators.Where(i => i.Year == year)
            .Select(i => new { i.Id, i.Code, Name = i.Project == null ? i.Name : i.Project.Title + " · " + i.Name }).ToDictionaryAsync(i => i.Code, ct);
        var cells = await db.IndicatorValues.AsTracking().Where(v => v.ReportingPeriodId == periodId).ToListAsync(ct);
        var comments = await db.IndicatorComments.AsTracking().Where(c => c.ReportingPeriodId == periodId).ToListAsync(ct);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        const string sheet = IndicatorsSheet;
        foreach (var row in rows)
        {
            if (!known.TryGetValue(row.Code, out var indicator))
            {
                plan.Errors.Add(new ImportIssue(sheet, ImportParser.Ref(1, row.Row), $"{year}년 지표에 없는 코드입니다 ({row.Code})."));
                continue;
            }

            if (!seen.Add(row.Code))
            {
                plan.Errors.Add(new ImportIssue(sheet, ImportParser.Ref(1, row.Row), $"같은 지표 코드가 두 번 있습니다 ({row.Code})."));
                continue;
            }

            var target = cells.FirstOrDefault(c => c.IndicatorId == indicator.Id && c.Kind == IndicatorValueKind.Target);
            var actual = cells.FirstOrDefault(c => c.IndicatorId == indicator.Id && c.Kind == IndicatorValueKind.Actual);
            var comment = comments.FirstOrDefault(c => c.IndicatorId == indicator.Id);
            var fileValues = new[] { row.Target, row.Actual, row.Cause, row.Action };
            var stored = new[] { target?.Raw ?? "", actual?.Raw ?? "", comment?.Cause ?? "", comment?.Action ?? "" };
            var (fileToken, hash) = SplitCheck(row.Check, IndicatorEntryService.TokenOf(0, 0, 0));
            if (hash == Hash(Canonical(fileValues)) || fileValues.SequenceEqual(stored)) continue;

            string[] labels = ["목표", "실적", "원인 분석", "조치 계획"];
            var differing = Enumerable.Range(0, 4).Where(i => fileValues[i] != stored[i]).ToList();
            var current = IndicatorEntryService.TokenOf(target?.Version ?? 0, actual?.Version ?? 0, comment?.Version ?? 0);
            if (current != fileToken)
            {
                var latest = new (string? By, DateTimeOffset? At)[] { (target?.UpdatedBy, target?.UpdatedAt), (actual?.UpdatedBy, actual?.UpdatedAt), (comment?.Author, comment?.UpdatedAt) }
                    .Where(x => x.At is not null).OrderByDescending(x => x.At).FirstOrDefault();
                plan.Errors.Add(new ImportIssue(sheet, ImportParser.Ref(8 + differing[0], row.Row),
                    $"양식을 내려받은 뒤 {Who(latest.By, latest.At)} 이 지표를 바꿨습니다 (지금 {string.Join(", ", differing.Select(i => $"{labels[i]}: {Shown(stored[i])}"))}). 덮어쓰지 않도록 새 양식을 내려받아 다시 입력하세요."));
                continue;
            }

            foreach (var i in differing)
            {
                plan.Changes.Add(new ImportChange(sheet, ImportParser.Ref(8 + i, row.Row), $"{row.Code} {indicator.Name} · {labels[i]}", Shown(stored[i]),
                    fileValues[i].Length == 0 ? "(비움)" : fileValues[i]));
            }

            foreach (var (field, notice) in IndicatorEntryService.NoticesByField(new IndicatorEntryForm { Target = row.Target, Actual = row.Actual }))
                plan.Warnings.Add($"{sheet}!{ImportParser.Ref(field == nameof(IndicatorEntryForm.Target) ? 8 : 9, row.Row)} {row.Code}: {notice}");

            var id = indicator.Id;
            plan.Apply.Add(() =>
            {
                IndicatorEntryService.ApplyCell(db, target, IndicatorValueKind.Target, id, year, periodId, state.AsOf, row.Target, by, now);
                IndicatorEntryService.ApplyCell(db, actual, IndicatorValueKind.Actual, id, year, periodId, state.AsOf, row.Actual, by, now);
                IndicatorEntryService.ApplyComment(db, comment, id, periodId, row.Cause, row.Action, by, now);
            });
        }
    }

    private static async Task PlanBudgetAsync(FiftyOpsDbContext db, ImportPlan plan, List<ParsedBudgetRow> rows, EntryPeriodState state, int periodId,
        string by, DateTimeOffset now, CancellationToken ct)
    {
        var facts = await BudgetFacts.LoadAsync(db, BudgetEntryService.Dto(state), ct);
        var nodes = await db.ProgrammeNodes.Where(n => n.Year == state.Year).Select(n => new { n.Id, n.Code, n.Name, n.SortOrder }).ToDictionaryAsync(n => n.Code, ct);
        var lines = await db.BudgetLines.AsTracking().Where(l => l.ReportingPeriodId == periodId && l.Section == BudgetSection.Entry && l.ProgrammeNodeId != null).ToListAsync(ct);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var planned = new Dictionary<string, (int SortOrder, string Name, BudgetAmounts Amounts)>(StringComparer.Ordinal);
        var places = new Dictionary<string, string>(StringComparer.Ordinal);
        const string sheet = BudgetSheet;
        foreach (var row in rows)
        {
            if (!nodes.TryGetValue(row.Code, out var node))
            {
                plan.Errors.Add(new ImportIssue(sheet, ImportParser.Ref(1, row.Row), $"{state.Year}년 사업 체계에 없는 코드입니다 ({row.Code})."));
                continue;
            }

            if (facts.ChildrenOf(node.Code).Any())
            {
                plan.Errors.Add(new ImportIssue(sheet, ImportParser.Ref(1, row.Row), $"{node.Code}는 상위 사업이어서 입력할 수 없습니다 (세부사업의 합계로 계산됩니다)."));
                continue;
            }

            if (!seen.Add(row.Code))
            {
                plan.Errors.Add(new ImportIssue(sheet, ImportParser.Ref(1, row.Row), $"같은 사업 코드가 두 번 있습니다 ({row.Code})."));
                continue;
            }

            var line = lines.FirstOrDefault(l => l.ProgrammeNodeId == node.Id);
            var stored = line is null ? BudgetAmounts.Empty : BudgetAmounts.Of(line);
            var (fileToken, hash) = SplitCheck(row.Check, "0");
            if (hash == Hash(Canonical(row.Amounts)) || stored == row.Amounts) continue;

            var differing = BudgetFields.All.Where(f => stored[f] != row.Amounts[f]).ToList();
            var current = (line?.Version ?? 0).ToString(CultureInfo.InvariantCulture);
            if (current != fileToken)
            {
                plan.Errors.Add(new ImportIssue(sheet, ImportParser.Ref(BudgetColumnOf(differing[0]), row.Row),
                    $"양식을 내려받은 뒤 {Who(line?.UpdatedBy, line?.UpdatedAt)} 이 사업의 금액을 바꿨습니다 (지금 {string.Join(", ", differing.Select(f => $"{f.Label()} {Fmt.Amount(stored[f])}"))}). 덮어쓰지 않도록 새 양식을 내려받아 다시 입력하세요."));
                continue;
            }

            foreach (var f in differing)
            {
                plan.Changes.Add(new ImportChange(sheet, ImportParser.Ref(BudgetColumnOf(f), row.Row), $"{node.Code} {node.Name.Trim()} · {f.Label()} (천원)",
                    stored[f] is { } o ? Fmt.Amount(o) : "(없음)", row.Amounts[f] is { } n ? Fmt.Amount(n) : "(비움)"));
            }

            planned[node.Code] = (node.SortOrder, node.Name, row.Amounts);
            places[$"{BudgetSection.Entry.Label()} {node.SortOrder}행"] = $"{sheet} 시트 {row.Row}행";
            var (id, sortOrder, name, amounts) = (node.Id, node.SortOrder, node.Name, row.Amounts);
            plan.Apply.Add(() => BudgetEntryService.Apply(db, line, periodId, id, sortOrder, name, amounts, by, now));
        }

        if (planned.Count > 0)
        {
            plan.Warnings.AddRange(BudgetEntryService.Warnings(facts, BudgetEntryService.WithEntries(facts, planned), planned.Keys.ToList(), places)
                .Select(w => $"{sheet}: {w.Replace(" (저장은 되었습니다. 확인이 필요한 값입니다.)", " (경고: 반영은 되며 확인이 필요합니다.)", StringComparison.Ordinal)}"));
        }
    }

    private static async Task PlanNarrativesAsync(FiftyOpsDbContext db, ImportPlan plan, List<ParsedNarrativeRow> rows, int year, int periodId,
        string by, DateTimeOffset now, CancellationToken ct)
    {
        var projects = await db.Projects.Where(p => p.Year == year).Select(p => new { p.Id, p.Code, p.Title }).ToDictionaryAsync(p => p.Code, ct);
        var stored = (await db.ProjectNarratives.AsTracking().Where(n => n.ReportingPeriodId == periodId).ToListAsync(ct))
            .ToLookup(n => (n.ProjectId, n.Kind));
        const string sheet = NarrativesSheet;
        foreach (var group in rows.GroupBy(r => (r.Code, r.Kind)))
        {
            var first = group.First();
            if (!projects.TryGetValue(group.Key.Code, out var project))
            {
                plan.Errors.AddRange(group.Select(r => new ImportIssue(sheet, ImportParser.Ref(1, r.Row), $"{year}년 사업에 없는 코드입니다 ({r.Code}).")).Take(1));
                continue;
            }

            var duplicates = group.GroupBy(r => r.Ordinal).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)).ToList();
            if (duplicates.Count > 0)
            {
                plan.Errors.AddRange(duplicates.Select(r => new ImportIssue(sheet, ImportParser.Ref(4, r.Row),
                    $"{r.Code} {KindText(r.Kind)}에 순번 {r.Ordinal}이(가) 두 번 있습니다.")));
                continue;
            }

            var ordered = group.OrderBy(r => r.Ordinal).ToList();
            var bullets = ordered.Select(r => r.Bullet).ToList();
            var existing = stored[(project.Id, group.Key.Kind)].OrderBy(n => n.Ordinal).ToList();
            var existingBullets = existing.Select(n => new NarrativeBullet(n.Depth, n.Text, n.ScheduleRaw)).ToList();
            var prefix = $"{project.Code}|{KindCode(group.Key.Kind)}|";
            var check = group.Select(r => r.Check).FirstOrDefault(c => c is not null && c.StartsWith(prefix, StringComparison.Ordinal));
            var (fileToken, hash) = SplitCheck(check?[prefix.Length..], "");
            var label = $"{project.Code} {project.Title} · {KindText(group.Key.Kind)}";
            if (hash == Hash(Canonical(bullets)) || Canonical(bullets) == Canonical(existingBullets)) continue;

            if (existing.Any(n => n.Source.Doc.Length > 0))
            {
                plan.Errors.Add(new ImportIssue(sheet, ImportParser.Ref(6, first.Row), $"{label}은(는) 보고서에서 옮긴 내용이어서 바꿀 수 없습니다."));
                continue;
            }

            var current = NarrativeEntryService.TokenOf(existing.Select(n => (n.Id, n.Version)));
            if (current != fileToken)
            {
                var latest = existing.Where(n => n.UpdatedAt is not null).OrderByDescending(n => n.UpdatedAt).FirstOrDefault();
                plan.Errors.Add(new ImportIssue(sheet, ImportParser.Ref(6, first.Row),
                    $"양식을 내려받은 뒤 {Who(latest?.UpdatedBy, latest?.UpdatedAt)} {label}을(를) 바꿨습니다 (지금 {existing.Count}개 항목). 덮어쓰지 않도록 새 양식을 내려받아 다시 입력하세요."));
                continue;
            }

            plan.Changes.Add(new ImportChange(sheet, ImportParser.Ref(6, ordered[0].Row), label, NarrativeEntryService.Text(existingBullets), NarrativeEntryService.Text(bullets)));
            var (projectId, kind) = (project.Id, group.Key.Kind);
            plan.Apply.Add(() => NarrativeEntryService.Apply(db, existing, projectId, periodId, kind, bullets, by, now));
        }
    }

    private static async Task PlanCampusAsync(FiftyOpsDbContext db, ImportPlan plan, List<ParsedCampusRow> rows, int year, int quarter,
        string by, DateTimeOffset now, CancellationToken ct)
    {
        var campuses = (await CampusUsageData.CampusesAsync(db, ct)).ToDictionary(c => c.Code, StringComparer.Ordinal);
        var seats = await CampusUsageData.SeatsAsync(db, year, ct);
        var periods = await db.ReportingPeriods.Where(p => p.Year == year).OrderBy(p => p.Quarter)
            .Select(p => new EntryPeriod(p.Quarter, p.AsOf, p.IsClosed)).ToListAsync(ct);
        var (first, last) = QuarterCalendar.Months(quarter);
        var usage = await db.CampusUsages.AsTracking().Where(u => u.Year == year && !u.IsDemo && u.Month >= first && u.Month <= last).ToListAsync(ct);
        var seen = new HashSet<(string, int)>();
        const string sheet = CampusSheet;
        foreach (var row in rows)
        {
            if (!campuses.TryGetValue(row.Code, out var site))
            {
                plan.Errors.Add(new ImportIssue(sheet, ImportParser.Ref(1, row.Row), $"알 수 없는 캠퍼스 코드입니다 ({row.Code})."));
                continue;
            }

            if (row.Month < first || row.Month > last)
            {
                plan.Errors.Add(new ImportIssue(sheet, ImportParser.Ref(3, row.Row), $"{quarter}분기({first}~{last}월) 밖의 달입니다 ({row.Month}월)."));
                continue;
            }

            if (!seen.Add((row.Code, row.Month)))
            {
                plan.Errors.Add(new ImportIssue(sheet, ImportParser.Ref(1, row.Row), $"{site.ShortName} {row.Month}월이 두 번 있습니다."));
                continue;
            }

            var stored = usage.FirstOrDefault(u => u.CampusId == site.Id && u.Month == row.Month);
            var storedValues = UsageAggregation.Metrics.Select(m => stored is null ? null : MetricOf(stored, m)).ToList();
            var (fileToken, hash) = SplitCheck(row.Check, "0");
            if (hash == Hash(Canonical(row.Values)) || storedValues.SequenceEqual(row.Values)) continue;

            var allBlank = row.Values.All(v => v is null);
            if (!allBlank)
            {
                row.Form.Year = year;
                var parseErrors = UsageEntryRules.Parse(row.Form, out var entry);
                var errors = entry is null ? parseErrors
                    : UsageEntryRules.Check(entry, new EntryContext(site.Name, periods, site.OpenedOn, site.NotYetOpen, site.OpenedRaw, seats.GetValueOrDefault(site.Id), site.ClosedOn), out var notices)
                        is { Count: > 0 } ruleErrors ? ruleErrors : Notices(notices, plan, row);
                if (errors.Count > 0)
                {
                    plan.Errors.AddRange(errors.Select(e => new ImportIssue(sheet,
                        ImportParser.Ref(Enum.TryParse<UsageMetric>(e.Field, out var m) ? CampusColumnOf(m) : 1, row.Row), e.Text)));
                    continue;
                }
            }

            var differing = UsageAggregation.Metrics.Where(m => storedValues[(int)m] != row.Values[(int)m]).ToList();
            var current = (stored?.Version ?? 0).ToString(CultureInfo.InvariantCulture);
            if (current != fileToken)
            {
                plan.Errors.Add(new ImportIssue(sheet, ImportParser.Ref(CampusColumnOf(differing[0]), row.Row),
                    $"양식을 내려받은 뒤 {Who(stored?.UpdatedBy, stored?.UpdatedAt)} {site.ShortName} {row.Month}월을 바꿨습니다. 덮어쓰지 않도록 새 양식을 내려받아 다시 입력하세요."));
                continue;
            }

            foreach (var m in differing)
            {
                plan.Changes.Add(new ImportChange(sheet, ImportParser.Ref(CampusColumnOf(m), row.Row), $"{site.ShortName} {row.Month}월 · {UsageAggregation.Label(m)} ({UsageAggregation.Unit(m)})",
                    storedValues[(int)m] is { } o ? Fmt.Number(o) : "(없음)", row.Values[(int)m] is { } n ? Fmt.Number(n) : "(비움)"));
            }

            var (campusId, month, values) = (site.Id, row.Month, row.Values);
            plan.Apply.Add(() =>
            {
                if (values.All(v => v is null))
                {
                    if (stored is not null) db.CampusUsages.Remove(stored);
                    return;
                }

                var target = stored ?? db.CampusUsages.Add(new CampusUsage { CampusId = campusId, Year = year, Month = month }).Entity;
                target.Visits = values[(int)UsageMetric.Visits];
                target.CourseParticipants = values[(int)UsageMetric.CourseParticipants];
                target.CounsellingCases = values[(int)UsageMetric.CounsellingCases];
                target.Communities = values[(int)UsageMetric.Communities];
                target.OccupiedSeats = values[(int)UsageMetric.OccupiedSeats];
                target.UpdatedAt = now;
                target.UpdatedBy = by;
            });
        }
    }

    private static IReadOnlyList<EntryMessage> Notices(IReadOnlyList<string> notices, ImportPlan plan, ParsedCampusRow row)
    {
        plan.Warnings.AddRange(notices.Select(n => $"{CampusSheet}!{ImportParser.Ref(CampusColumnOf(UsageMetric.OccupiedSeats), row.Row)}: {n}"));
        return [];
    }

    private static int? MetricOf(CampusUsage u, UsageMetric metric) => metric switch
    {
        UsageMetric.Visits => u.Visits,
        UsageMetric.CourseParticipants => u.CourseParticipants,
        UsageMetric.CounsellingCases => u.CounsellingCases,
        UsageMetric.Communities => u.Communities,
        _ => u.OccupiedSeats,
    };

    private static string Shown(string value) => value.Length == 0 ? "(없음)" : value;

    private static string Truncate(string text, int max) => text.Length > max ? text[..max] : text;
}
