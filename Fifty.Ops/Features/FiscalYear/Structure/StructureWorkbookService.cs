using System.Globalization;
using System.IO.Packaging;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Fifty.Ops.Components;
using Fifty.Ops.Data;
using CellText = Fifty.Ops.Data.Seeding.IndicatorCellText;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.Import;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using static Fifty.Ops.Features.FiscalYear.YearStructure.StructureLayout;

namespace Fifty.Ops.Features.FiscalYear.YearStructure;

public enum StructureChangeKind { Added, Renamed, Moved, Retired, Restored, Amount, Changed }

/// <summary>One change a structure upload (or a single edit) would make: which sheet and row, which code, what now → after.</summary>
public sealed record StructureChange(string Sheet, int Row, string Code, StructureChangeKind Kind, string Item, string Old, string New)
{
    /// <summary>The sheet and row as Excel names them (<c>예산체계!A12</c>); the sheet alone for a change made on the screen.</summary>
    public string Where => Row > 0 ? $"{Sheet}!A{Row}" : Sheet;

    /// <summary>Where in plain words: <c>예산체계 시트 12행</c>, or <c>예산체계 (화면에서 고침)</c> for a change made on the screen.</summary>
    public string Place => Row > 0 ? $"{Sheet} 시트 {Row}행" : $"{Sheet} (화면에서 고침)";

    /// <summary>
    /// What changes, as a planner would say it: <c>사업명 변경: '옛 이름' → '새 이름'</c>, <c>새로 추가: 세부사업 …</c>,
    /// <c>일몰 처리: 운영 → 일몰</c>. The preview, the command line and the result message show it.
    /// </summary>
    public string Description => Kind switch
    {
        StructureChangeKind.Added => $"새로 추가: {New}",
        StructureChangeKind.Retired when Item == "상태" => $"일몰 처리: {Old} → {New} (다음 해 체계로 넘어가지 않습니다)",
        StructureChangeKind.Restored => $"일몰 해제: {Old} → {New}",
        StructureChangeKind.Moved => $"{Item} 변경 (이동): '{Old}' → '{New}'",
        StructureChangeKind.Amount => $"{Item} 변경: {Old} → {New}",
        _ => $"{Item} 변경: '{Old}' → '{New}'",
    };

    public string KindLabel => Kind switch
    {
        StructureChangeKind.Added => "추가",
        StructureChangeKind.Renamed => "이름 변경",
        StructureChangeKind.Moved => "이동",
        StructureChangeKind.Retired => "일몰",
        StructureChangeKind.Restored => "일몰 해제",
        StructureChangeKind.Amount => "금액 변경",
        _ => "변경",
    };
}

/// <summary>
/// What an upload would do. <see cref="Errors"/> refuse the whole file; <see cref="Changes"/> are listed per sheet and
/// row; <see cref="Unit"/> is the amount unit the workbook states (converted to 천원). <see cref="ClosedQuarters"/> of the
/// year make a reason necessary. <see cref="Digest"/> fingerprints the changes: a commit applies only what was previewed.
/// </summary>
public sealed record StructurePreview(
    string FileName, int Year, string Unit, IReadOnlyList<ImportIssue> Errors, IReadOnlyList<StructureChange> Changes, IReadOnlyList<string> Notes,
    IReadOnlyList<int> ClosedQuarters, string Digest)
{
    public bool CanCommit => Errors.Count == 0 && Changes.Count > 0;

    /// <summary>The file is valid and everything in it is already stored: applying would change nothing.</summary>
    public bool NothingToChange => Errors.Count == 0 && Changes.Count == 0;

    public bool NeedsReason => ClosedQuarters.Count > 0;
}

public sealed record StructureCommitResult(bool Committed, string Message, StructurePreview Preview);

/// <summary>
/// A single edit of one budget-structure row on the setup page. <see cref="Code"/> is the row's code (new code: a new row);
/// amounts are typed in 천원.
/// </summary>
public sealed class StructureNodeForm
{
    public string Code { get; set; } = "";
    public string ParentCode { get; set; } = "";
    public ProgrammeKind Kind { get; set; } = ProgrammeKind.DetailedProject;
    public string Name { get; set; } = "";
    public FundingSource Funding { get; set; } = FundingSource.Contribution;
    public string OriginalBudget { get; set; } = "";
    public StructureStatus Status { get; set; } = StructureStatus.Active;
    public string Reason { get; set; } = "";
}

/// <summary>
/// The structure workbook of a fiscal year (sheets 예산체계, 성과지표, 사업, 캠퍼스): written from the database, read back
/// with the import's reader and guard, compared row by row (added, renamed, moved, retired, amount changed), and applied
/// in one transaction or not at all. A row that matches the database is not written, so uploading the same file twice
/// changes nothing the second time. New codes are allowed here (the quarterly import refuses them). Once a quarter of the
/// year is closed a reason is required; it goes to the audit trail with the change, and the closed quarters' reports,
/// being snapshots (record 0012), do not move. Rows absent from the file are left as they are (retire with 상태 = 일몰).
/// Needs <see cref="Policies.CanSetUpYear"/>.
/// </summary>
public sealed class StructureWorkbookService(IDbContextFactory<FiftyOpsDbContext> factory, TimeProvider clock, AccessGuard guard)
{
    public static string FileName(int year) => $"{year}년_체계.xlsx";

    public static string AsciiFileName(int year) => $"{year}-structure.xlsx";

    /// <summary>Writes the year's workbook (retired rows included, marked 일몰); an empty year gives the headings only.</summary>
    public async Task WriteAsync(int year, Stream output, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var state = await StateAsync(db, year, tracking: false, ct);
        StructureWorkbookWriter.Write(year, state, Fmt.Time(clock.GetUtcNow()), output);
    }

    /// <summary>The year a structure workbook names in its 안내 sheet; null when it names none.</summary>
    public static int? YearOfFile(byte[] content)
    {
        try
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(content, writable: false), false, XlsxSheetReader.Settings);
            return StructureParser.Parse(XlsxSheetReader.Read(document)).Year;
        }
        catch (Exception ex) when (ex is InvalidDataException or FileFormatException or System.Xml.XmlException or OpenXmlPackageException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Whether the sheets of an uploaded workbook make it a structure workbook (used by the command line).</summary>
    public static bool IsStructureWorkbook(byte[] content)
    {
        try
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(content, writable: false), false, XlsxSheetReader.Settings);
            var names = document.WorkbookPart?.Workbook.Sheets?.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name?.Value ?? "") ?? [];
            return StructureLayout.IsStructureWorkbook(names);
        }
        catch (Exception ex) when (ex is InvalidDataException or FileFormatException or System.Xml.XmlException or OpenXmlPackageException or ArgumentException)
        {
            return false;
        }
    }

    private static StructurePreview Refused(string fileName, int year, string sheet, string message) =>
        new(fileName, year, DefaultUnit, [new ImportIssue(sheet, null, message)], [], [], [], "");

    private static (StructureInput? Input, StructurePreview? Refusal) Read(string fileName, byte[] content)
    {
        if ((UploadGuard.Check(fileName, content) ?? UploadGuard.CheckPackage(content)) is { } refused) return (null, Refused(fileName, 0, "파일", refused));
        try
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(content, writable: false), false, XlsxSheetReader.Settings);
            var input = StructureParser.Parse(XlsxSheetReader.Read(document));
            return (input, null);
        }
        catch (InvalidDataException ex)
        {
            return (null, Refused(fileName, 0, "파일", ex.Message));
        }
        catch (Exception ex) when (ex is FileFormatException or System.Xml.XmlException or OpenXmlPackageException or ArgumentException)
        {
            return (null, Refused(fileName, 0, "파일", ImportService.UnreadableWorkbook));
        }
    }

    /// <summary>Checks the file and lists every change; writes nothing.</summary>
    public async Task<StructurePreview> PreviewAsync(ClaimsPrincipal user, string fileName, byte[] content, CancellationToken ct = default)
    {
        if (await guard.DemandAsync(user, Policies.CanSetUpYear, "연도 체계 파일 (미리보기)", "FiscalYear", fileName, ct) is { } refusal)
            return Refused(fileName, 0, "권한", refusal);
        var (input, refused) = Read(fileName, content);
        if (refused is not null) return refused;
        await using var db = await factory.CreateDbContextAsync(ct);
        var plan = await PlanAsync(db, input!, ct);
        return PreviewOf(fileName, input!, plan);
    }

    /// <summary>
    /// Applies the file in one transaction: refused (nothing written) on any error, without a reason once a quarter of
    /// the year is closed, or when what would change differs from the preview the user confirmed (<paramref name="confirmedDigest"/>).
    /// </summary>
    public async Task<StructureCommitResult> CommitAsync(ClaimsPrincipal user, string fileName, byte[] content, string? reason, string confirmedDigest, CancellationToken ct = default)
    {
        if (await guard.DemandAsync(user, Policies.CanSetUpYear, "연도 체계 파일 (반영)", "FiscalYear", fileName, ct) is { } refusal)
            return new(false, refusal, Refused(fileName, 0, "권한", refusal));
        var (input, refused) = Read(fileName, content);
        if (refused is not null) return new(false, "파일에 오류가 있어 아무것도 바꾸지 않았습니다.", refused);
        return await ApplyAsync(user, fileName, input!, reason, confirmedDigest, ct);
    }

    /// <summary>
    /// One row of the budget structure added or changed on the setup page, through the same checks and the same apply as
    /// a workbook row (a new code adds a row; 상태 일몰 retires it).
    /// </summary>
    public async Task<StructureCommitResult> SaveNodeAsync(ClaimsPrincipal user, int year, StructureNodeForm form, CancellationToken ct = default)
    {
        const string screen = "예산체계 (화면)";
        if (await guard.DemandAsync(user, Policies.CanSetUpYear, "예산체계 수정", "ProgrammeNode", $"{year}/{form.Code}", ct) is { } refusal)
            return new(false, refusal, Refused(screen, year, "권한", refusal));
        var input = new StructureInput { Year = year };
        var code = form.Code.Trim();
        var parent = form.ParentCode.Trim();
        var name = form.Name.Trim();
        var errors = input.Errors;
        if (!System.Text.RegularExpressions.Regex.IsMatch(code, @"^[A-Za-z0-9][A-Za-z0-9._\-]{0,39}$"))
            errors.Add(new ImportIssue("코드", null, $"코드는 반각 영문·숫자와 . - _ 로 적습니다 (입력: {code})."));
        if (name.Length == 0) errors.Add(new ImportIssue("사업명", null, "사업명을 입력하세요."));
        else if (name.Length > StructureParser.MaxNameLength) errors.Add(new ImportIssue("사업명", null, $"사업명은 {StructureParser.MaxNameLength}자 이내여야 합니다."));
        if (!AmountText.TryParse(form.OriginalBudget, false, out var amount, out var amountError))
            errors.Add(new ImportIssue("당초예산", null, $"당초예산: {amountError} (입력: {form.OriginalBudget.Trim()})"));
        if (errors.Count > 0) return new(false, "입력에 오류가 있어 저장하지 않았습니다.", new StructurePreview(screen, year, DefaultUnit, errors, [], [], [], ""));
        input.Nodes = [new StructureNodeRow(0, code, parent.Length == 0 ? null : parent, form.Kind, name, form.Funding, amount,
            amount is { } a ? $"{a:#,##0}천원" : null, form.Status)];
        return await ApplyAsync(user, screen, input, form.Reason, null, ct);
    }

    private async Task<StructureCommitResult> ApplyAsync(ClaimsPrincipal user, string fileName, StructureInput input, string? reason, string? confirmedDigest, CancellationToken ct)
    {
        var why = (reason ?? "").Trim();
        if (why.Length > FiscalYearService.MaxReasonLength)
            return new(false, $"사유는 {FiscalYearService.MaxReasonLength}자 이내로 입력하세요 (현재 {why.Length}자).", Refused(fileName, input.Year ?? 0, "사유", "사유가 너무 깁니다."));
        var by = EntryActor.NameOf(user);
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var plan = await PlanAsync(db, input, ct);
        var preview = PreviewOf(fileName, input, plan);
        if (preview.Errors.Count > 0) return new(false, $"오류 {preview.Errors.Count:#,##0}건이 있어 아무것도 바꾸지 않았습니다.", preview);
        if (preview.Changes.Count == 0) return new(false, "바뀌는 것이 없습니다. 이 내용은 이미 모두 반영되어 있습니다.", preview);
        if (confirmedDigest is not null && preview.Digest != confirmedDigest)
            return new(false, "미리보기를 만든 뒤 다른 사람이 체계를 바꿔 바뀔 내용이 달라졌습니다. 아무것도 바꾸지 않았습니다. 새 미리보기를 확인하고 다시 반영하세요.", preview);
        if (preview.NeedsReason && why.Length == 0)
            return new(false, $"{preview.Year}년 {string.Join("·", preview.ClosedQuarters)}분기가 마감되어 있어 변경 사유가 필요합니다 (마감된 분기의 보고서는 바뀌지 않습니다). 아무것도 바꾸지 않았습니다.", preview);

        foreach (var apply in plan.Apply) apply(by, now);
        db.AddAuditNote(new AuditRecord(AuditKind.DataChange, "FiscalYear", preview.Year.ToString(CultureInfo.InvariantCulture), Field: "Structure",
            Detail: Truncate($"{preview.Year}년 체계 변경 ({fileName}, {preview.Changes.Count:#,##0}건" + (preview.Unit != DefaultUnit ? $", 금액 단위 {preview.Unit}→천원" : "") + ")"
                + (why.Length > 0 ? $" · 사유: {why}" : "") + ": " + string.Join("; ", preview.Changes.Select(c => $"{c.Code} {c.KindLabel} {c.Item} {c.Old} → {c.New}")), 4000)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(true, $"{preview.Year}년 체계에 {preview.Changes.Count:#,##0}건을 반영했습니다.", preview);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static StructurePreview PreviewOf(string fileName, StructureInput input, Plan plan)
    {
        var errors = input.Errors.Concat(plan.Errors).ToList();
        var changes = errors.Count > 0 ? [] : plan.Changes;
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', changes.Select(c => $"{c.Sheet}|{c.Code}|{c.Kind}|{c.Item}|{c.Old}|{c.New}")))))[..16];
        return new StructurePreview(fileName, input.Year ?? 0, input.Unit, errors, changes, input.Notes.Concat(plan.Notes).ToList(), plan.ClosedQuarters, digest);
    }

    internal sealed record State(
        List<ProgrammeNode> Nodes, List<Indicator> Indicators, List<IndicatorValue> Targets, List<Project> Projects, List<Campus> Campuses, List<CampusFacility> Facilities);

    internal static async Task<State> StateAsync(FiftyOpsDbContext db, int year, bool tracking, CancellationToken ct)
    {
        IQueryable<T> Q<T>(IQueryable<T> q) where T : class => tracking ? q.AsTracking() : q.AsNoTracking();
        var nodes = await Q(db.ProgrammeNodes.IgnoreQueryFilters().Where(n => n.Year == year)).OrderBy(n => n.SortOrder).ThenBy(n => n.Id).ToListAsync(ct);
        var indicators = await Q(db.Indicators.IgnoreQueryFilters().Where(i => i.Year == year).Include(i => i.Project)).OrderBy(i => i.Kind).ThenBy(i => i.SortOrder).ToListAsync(ct);
        var ids = indicators.Select(i => i.Id).ToList();
        var targets = await Q(db.IndicatorValues.Where(v => ids.Contains(v.IndicatorId) && v.Year == year && v.Kind == IndicatorValueKind.Target)).ToListAsync(ct);
        var projects = await Q(db.Projects.IgnoreQueryFilters().Where(p => p.Year == year)).OrderBy(p => p.SortOrder).ThenBy(p => p.Id).ToListAsync(ct);
        var campuses = await Q(db.Campuses).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
        var facilities = await Q(db.CampusFacilities.Where(f => f.ReportYear == year)).ToListAsync(ct);
        return new State(nodes, indicators, targets, projects, campuses, facilities);
    }

    /// <summary>The annual target in force (the quarterly import's entries win over a transcribed or planned one).</summary>
    internal static IndicatorValue? AnnualTarget(IEnumerable<IndicatorValue> targets) =>
        Fifty.Ops.Features.Indicators.IndicatorCellChoice.InForce(targets.Where(t => t.Quarter is null), t => t.AsOf, t => t.ReportingPeriodId != null, null);

    /// <summary>The related projects as the workbook lists them: the indicator's own project first.</summary>
    internal static List<string> RelatedOf(Indicator i) => i.Project is { } p ? [p.Code, .. i.RelatedProjectCodes.Where(c => c != p.Code)] : [.. i.RelatedProjectCodes];

    private sealed class Plan
    {
        public List<ImportIssue> Errors { get; } = [];
        public List<StructureChange> Changes { get; } = [];
        public List<string> Notes { get; } = [];
        public List<Action<string, DateTimeOffset>> Apply { get; } = [];
        public List<int> ClosedQuarters { get; set; } = [];
    }

    private static string Amount(decimal? v) => v is { } a ? $"{Fmt.Amount(a)}천원" : "(없음)";

    private static async Task<Plan> PlanAsync(FiftyOpsDbContext db, StructureInput input, CancellationToken ct)
    {
        var plan = new Plan();
        if (input.Year is not { } year || input.Errors.Count > 0) return plan;
        plan.ClosedQuarters = await db.ReportingPeriods.Where(p => p.Year == year && p.IsClosed).OrderBy(p => p.Quarter).Select(p => p.Quarter).ToListAsync(ct);
        var state = await StateAsync(db, year, tracking: true, ct);
        if (input.Nodes is { } nodes) PlanNodes(db, year, state, nodes, plan);
        if (input.Projects is { } projects) PlanProjects(db, year, state, projects, input.Nodes, plan);
        if (input.Indicators is { } indicators) PlanIndicators(db, year, state, indicators, input.Projects, plan);
        if (input.Sites is { } sites) PlanSites(db, year, state, sites, plan);
        return plan;
    }

    private static void PlanNodes(FiftyOpsDbContext db, int year, State state, List<StructureNodeRow> rows, Plan plan)
    {
        const string sheet = BudgetSheet;
        var byCode = state.Nodes.ToDictionary(n => n.Code, StringComparer.Ordinal);
        var byId = state.Nodes.ToDictionary(n => n.Id);
        // The hierarchy after the change: the file's parents over the database's.
        var parentOf = state.Nodes.ToDictionary(n => n.Code, n => n.ParentId is { } p && byId.TryGetValue(p, out var pn) ? pn.Code : null, StringComparer.Ordinal);
        foreach (var r in rows) parentOf[r.Code] = r.ParentCode;
        var statusOf = state.Nodes.ToDictionary(n => n.Code, n => n.Status, StringComparer.Ordinal);
        foreach (var r in rows) statusOf[r.Code] = r.Status;

        foreach (var r in rows)
        {
            var cell = r.Row > 0 ? StructureParser.Ref(2, r.Row) : null;
            if (r.ParentCode is { } p && !parentOf.ContainsKey(p))
            {
                plan.Errors.Add(new ImportIssue(sheet, cell, $"상위코드 {p}이(가) {year}년 예산체계에 없습니다 ({r.Code} {r.Name})."));
                continue;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal) { r.Code };
            for (var q = r.ParentCode; q is not null; q = parentOf.GetValueOrDefault(q))
            {
                if (!seen.Add(q))
                {
                    plan.Errors.Add(new ImportIssue(sheet, cell, $"상위코드가 순환합니다 ({r.Code}의 상위를 따라가면 {q}에서 되돌아옵니다). 상위 사업을 바로잡으세요."));
                    break;
                }
            }

            if (r.Status == StructureStatus.Active && r.ParentCode is { } ap && statusOf.GetValueOrDefault(ap) == StructureStatus.Retired)
                plan.Errors.Add(new ImportIssue(sheet, cell, $"상위 사업 {ap}이(가) 일몰되어 있어 {r.Code}을(를) 그 아래에 둘 수 없습니다."));
        }

        if (plan.Errors.Count > 0) return;

        int Depth(string code)
        {
            var d = 0;
            for (var q = parentOf.GetValueOrDefault(code); q is not null && d < 64; q = parentOf.GetValueOrDefault(q)) d++;
            return d;
        }

        var added = new Dictionary<string, ProgrammeNode>(StringComparer.Ordinal);
        var nextSort = state.Nodes.Count == 0 ? 1 : state.Nodes.Max(n => n.SortOrder) + 1;
        foreach (var r in rows)
        {
            if (!byCode.TryGetValue(r.Code, out var node))
            {
                plan.Changes.Add(new StructureChange(sheet, r.Row, r.Code, StructureChangeKind.Added, BudgetLabels.Kind(r.Kind),
                    "", $"{BudgetLabels.Kind(r.Kind)} {r.Name} · 상위 {r.ParentCode ?? "(없음)"} · {BudgetLabels.Funding(r.Funding)} · 당초예산 {Amount(r.Original)}"
                        + (r.OriginalAsTyped is { } t && !t.EndsWith("천원", StringComparison.Ordinal) ? $" ({t})" : "") + (r.Status == StructureStatus.Retired ? " · 일몰" : "")));
                var created = new ProgrammeNode
                {
                    Year = year, Code = r.Code, Kind = r.Kind, Name = r.Name, Funding = r.Funding, OriginalBudget = r.Original, SortOrder = nextSort++,
                    Status = r.Status, Source = SourceRef.Entered,
                };
                added[r.Code] = created;
                plan.Apply.Add((by, now) =>
                {
                    if (created.Status == StructureStatus.Retired) (created.RetiredBy, created.RetiredAt) = (by, now);
                    db.ProgrammeNodes.Add(created);
                });
                continue;
            }

            if (node.Name.Trim() != r.Name)
            {
                plan.Changes.Add(new StructureChange(sheet, r.Row, r.Code, StructureChangeKind.Renamed, "사업명", node.Name, r.Name));
                plan.Apply.Add((_, _) => node.Name = r.Name);
            }

            var oldParent = node.ParentId is { } pid && byId.TryGetValue(pid, out var op) ? op.Code : null;
            if (oldParent != r.ParentCode)
                plan.Changes.Add(new StructureChange(sheet, r.Row, r.Code, StructureChangeKind.Moved, "상위코드", oldParent ?? "(없음)", r.ParentCode ?? "(없음)"));
            if (node.Kind != r.Kind)
            {
                plan.Changes.Add(new StructureChange(sheet, r.Row, r.Code, StructureChangeKind.Changed, "구분", BudgetLabels.Kind(node.Kind), BudgetLabels.Kind(r.Kind)));
                plan.Apply.Add((_, _) => node.Kind = r.Kind);
            }

            if (node.Funding != r.Funding)
            {
                plan.Changes.Add(new StructureChange(sheet, r.Row, r.Code, StructureChangeKind.Changed, "재원", BudgetLabels.Funding(node.Funding), BudgetLabels.Funding(r.Funding)));
                plan.Apply.Add((_, _) => node.Funding = r.Funding);
            }

            if (node.OriginalBudget != r.Original)
            {
                plan.Changes.Add(new StructureChange(sheet, r.Row, r.Code, StructureChangeKind.Amount, "당초예산", Amount(node.OriginalBudget),
                    Amount(r.Original) + (r.OriginalAsTyped is { } t && !t.EndsWith("천원", StringComparison.Ordinal) ? $" ({t})" : "")));
                plan.Apply.Add((_, _) => node.OriginalBudget = r.Original);
            }

            if (node.Status != r.Status)
            {
                var retire = r.Status == StructureStatus.Retired;
                plan.Changes.Add(new StructureChange(sheet, r.Row, r.Code, retire ? StructureChangeKind.Retired : StructureChangeKind.Restored, "상태",
                    StatusLabel(node.Status), StatusLabel(r.Status)));
                plan.Apply.Add((by, now) =>
                {
                    node.Status = r.Status;
                    node.RetiredBy = retire ? by : null;
                    node.RetiredAt = retire ? now : null;
                    if (!retire) node.RetiredReason = null;
                });
            }
        }

        var missing = state.Nodes.Count(n => !rows.Any(r => r.Code == n.Code));
        if (missing > 0 && rows.Count > 1) plan.Notes.Add($"예산체계 시트에 없는 {missing:#,##0}개 행은 그대로 둡니다 (없애려면 상태를 일몰로 적습니다).");

        // Parents and levels once every row exists (a new row may sit under another new row). Only rows whose parent or
        // depth differs are touched, so an unchanged file writes nothing.
        plan.Apply.Add((_, _) =>
        {
            ProgrammeNode? NodeOf(string? code) => code is null ? null : added.GetValueOrDefault(code) ?? byCode.GetValueOrDefault(code);
            foreach (var code in parentOf.Keys)
            {
                if (NodeOf(code) is not { } n) continue;
                var wanted = parentOf[code];
                var current = n.ParentId is { } id && byId.TryGetValue(id, out var cp) ? cp.Code : null;
                if (wanted != current || (wanted is not null && n.ParentId is null))
                {
                    n.Parent = NodeOf(wanted);
                    if (wanted is null) n.ParentId = null;
                }

                var level = Depth(code);
                if (n.Level != level) n.Level = level;
            }

            // A new row is listed right after its parent's last descendant (the report's 붙임 and every flat list go by
            // SortOrder), not after 일반관리비: the rows after it move down by one. Nothing moves when nothing is added.
            var all = state.Nodes.Concat(added.Values).ToList();
            bool Under(string code, string ancestor)
            {
                var d = 0;
                for (var q = parentOf.GetValueOrDefault(code); q is not null && d < 64; q = parentOf.GetValueOrDefault(q), d++)
                    if (q == ancestor) return true;
                return false;
            }

            var placed = new HashSet<ProgrammeNode>(state.Nodes);
            foreach (var (code, node) in added)
            {
                placed.Add(node);
                if (parentOf.GetValueOrDefault(code) is not { } parent || NodeOf(parent) is not { } parentNode) continue;
                var target = all.Where(n => n != node && (n == parentNode || (placed.Contains(n) && Under(n.Code, parent)))).Max(n => n.SortOrder) + 1;
                if (node.SortOrder == target) continue;
                foreach (var n in all.Where(n => n != node && placed.Contains(n) && n.SortOrder >= target)) n.SortOrder++;
                node.SortOrder = target;
            }
        });
    }

    private static void PlanProjects(FiftyOpsDbContext db, int year, State state, List<StructureProjectRow> rows, List<StructureNodeRow>? nodeRows, Plan plan)
    {
        const string sheet = ProjectSheet;
        var known = state.Nodes.Select(n => n.Code).Concat(nodeRows?.Select(n => n.Code) ?? []).ToHashSet(StringComparer.Ordinal);
        var byCode = state.Projects.ToDictionary(p => p.Code, StringComparer.Ordinal);
        var nextSort = state.Projects.Count == 0 ? 1 : state.Projects.Max(p => p.SortOrder) + 1;
        var areas = state.Projects.GroupBy(p => p.AreaName).ToDictionary(g => g.Key, g => g.First().AreaNo, StringComparer.Ordinal);
        var nextArea = state.Projects.Count == 0 ? 1 : state.Projects.Max(p => p.AreaNo) + 1;
        foreach (var r in rows)
        {
            foreach (var code in r.ProgrammeCodes.Where(c => !known.Contains(c)))
                plan.Errors.Add(new ImportIssue(sheet, StructureParser.Ref(7, r.Row), $"예산 코드 {code}이(가) {year}년 예산체계에 없습니다 ({r.Code} {r.Title})."));
        }

        if (plan.Errors.Count > 0) return;
        foreach (var r in rows)
        {
            if (!areas.TryGetValue(r.AreaName, out var areaNo)) areas[r.AreaName] = areaNo = nextArea++;
            if (!byCode.TryGetValue(r.Code, out var p))
            {
                plan.Changes.Add(new StructureChange(sheet, r.Row, r.Code, StructureChangeKind.Added, "사업", "", $"{r.AreaName} · {r.Title}"));
                var created = new Project
                {
                    Year = year, Code = r.Code, AreaNo = areaNo, AreaName = r.AreaName, Title = r.Title, Audience = r.Audience, Content = r.Content,
                    TargetText = r.TargetText, ProgrammeCodes = [.. r.ProgrammeCodes], SortOrder = nextSort++, Source = SourceRef.Entered,
                };
                plan.Apply.Add((_, _) => db.Projects.Add(created));
                continue;
            }

            void Field(string item, string? old, string? now, Action set, StructureChangeKind kind = StructureChangeKind.Changed)
            {
                if ((old ?? "").Trim() == (now ?? "").Trim()) return;
                plan.Changes.Add(new StructureChange(sheet, r.Row, r.Code, kind, item, Short(old), Short(now)));
                plan.Apply.Add((_, _) => set());
            }

            Field("사업명", p.Title, r.Title, () => p.Title = r.Title, StructureChangeKind.Renamed);
            Field("분야", p.AreaName, r.AreaName, () => (p.AreaName, p.AreaNo) = (r.AreaName, areaNo), StructureChangeKind.Moved);
            Field("대상", p.Audience, r.Audience, () => p.Audience = r.Audience);
            Field("내용", p.Content, r.Content, () => p.Content = r.Content);
            Field("성과목표", p.TargetText, r.TargetText, () => p.TargetText = r.TargetText);
            Field("예산 코드", string.Join(", ", p.ProgrammeCodes), string.Join(", ", r.ProgrammeCodes), () => p.ProgrammeCodes = [.. r.ProgrammeCodes]);
        }
    }

    private static void PlanIndicators(FiftyOpsDbContext db, int year, State state, List<StructureIndicatorRow> rows, List<StructureProjectRow>? projectRows, Plan plan)
    {
        const string sheet = IndicatorSheet;
        var known = state.Projects.Select(p => p.Code).Concat(projectRows?.Select(p => p.Code) ?? []).ToHashSet(StringComparer.Ordinal);
        var byCode = state.Indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var targets = state.Targets.ToLookup(t => t.IndicatorId);
        var nextSort = state.Indicators.Count == 0 ? 1 : state.Indicators.Max(i => i.SortOrder) + 1;
        foreach (var r in rows)
        {
            foreach (var code in r.Related.Where(c => !known.Contains(c)))
                plan.Errors.Add(new ImportIssue(sheet, StructureParser.Ref(13, r.Row), $"관련 사업 {code}이(가) {year}년 사업에 없습니다 ({r.Code} {r.Name})."));
        }

        if (plan.Errors.Count > 0) return;
        foreach (var r in rows)
        {
            if (!byCode.TryGetValue(r.Code, out var i))
            {
                var kind = r.Kind ?? IndicatorKind.Promise;
                plan.Changes.Add(new StructureChange(sheet, r.Row, r.Code, StructureChangeKind.Added, "성과지표", "",
                    $"{IndicatorKindLabel(kind)} · {r.Field} · {r.Name} ({r.Unit}) · 목표 {(r.Target.Length == 0 ? "(없음)" : r.Target)}"));
                var created = new Indicator
                {
                    Year = year, Code = r.Code, Kind = kind, Field = r.Field, Name = r.Name, Unit = r.Unit, Direction = r.Direction,
                    Accumulation = r.Accumulation, CautionThreshold = r.Caution, RelatedProjectCodes = [.. r.Related], SortOrder = nextSort++, Source = SourceRef.Entered,
                };
                plan.Apply.Add((by, now) =>
                {
                    db.Indicators.Add(created);
                    if (r.Target.Length > 0) db.IndicatorValues.Add(Target(created, year, null, r.Target, by, now));
                    for (var q = 1; q <= 4; q++)
                        if (r.QuarterTargets[q - 1].Length > 0) db.IndicatorValues.Add(Target(created, year, q, r.QuarterTargets[q - 1], by, now));
                });
                continue;
            }

            void Field(string item, string old, string now, Action set, StructureChangeKind kind = StructureChangeKind.Changed)
            {
                if (old.Trim() == now.Trim()) return;
                plan.Changes.Add(new StructureChange(sheet, r.Row, r.Code, kind, item, Short(old), Short(now)));
                plan.Apply.Add((_, _) => set());
            }

            Field("지표명", i.Name, r.Name, () => i.Name = r.Name, StructureChangeKind.Renamed);
            if (r.Kind is { } newKind) Field("구분", IndicatorKindLabel(i.Kind), IndicatorKindLabel(newKind), () => i.Kind = newKind);
            Field("분야", i.Field, r.Field, () => i.Field = r.Field, StructureChangeKind.Moved);
            Field("단위", i.Unit, r.Unit, () => i.Unit = r.Unit);
            Field("방향", DirectionLabel(i.Direction), DirectionLabel(r.Direction), () => i.Direction = r.Direction);
            Field("누적/시점", AccumulationLabel(i.Accumulation), AccumulationLabel(r.Accumulation), () => i.Accumulation = r.Accumulation);
            Field("주의 기준", Percent(i.CautionThreshold), Percent(r.Caution), () => i.CautionThreshold = r.Caution);
            var related = RelatedOf(i);
            Field("관련 사업", string.Join(", ", related), string.Join(", ", r.Related),
                () => i.RelatedProjectCodes = [.. r.Related.Where(c => c != i.Project?.Code)]);

            var own = targets[i.Id].ToList();
            var annual = AnnualTarget(own);
            if ((annual?.Raw ?? "").Trim() != r.Target)
            {
                if (annual is not null && (annual.ReportingPeriodId is not null || !IsPlanned(annual)))
                {
                    // Record 0018, amendment: the planner keeps the entered or reported figure; the file is refused with both
                    // values and the way to change it, rather than a choice in the preview that would rewrite a figure of record.
                    plan.Errors.Add(new ImportIssue(sheet, StructureParser.Ref(7, r.Row),
                        $"{r.Code} {r.Name}의 연간 목표는 {(annual.ReportingPeriodId is not null ? "분기 자료 입력에서 입력한" : "보고서에서 옮긴")} 값 '{annual.Raw}'이고, " +
                        $"파일에는 '{(r.Target.Length == 0 ? "(빈칸)" : r.Target)}'(으)로 적혀 있습니다. 이 목표는 체계 파일로 바꾸지 않습니다. " +
                        $"이 칸을 '{annual.Raw}'(으)로 되돌려 다시 올리고, 목표를 바꾸려면 자료 입력 › 성과지표(/entry/indicators)에서 열린 분기의 목표를 입력하세요."));
                    continue;
                }

                plan.Changes.Add(new StructureChange(sheet, r.Row, r.Code, StructureChangeKind.Changed, "연간 목표",
                    annual is null ? "(없음)" : annual.Raw + (annual.IsDraft ? " (초안)" : ""), r.Target.Length == 0 ? "(없음)" : r.Target));
                plan.Apply.Add((by, now) => SetTarget(db, i, year, null, annual, r.Target, by, now));
            }

            for (var q = 1; q <= 4; q++)
            {
                var quarter = q;
                var stored = own.FirstOrDefault(t => t.Quarter == quarter && t.ReportingPeriodId is null);
                var wanted = r.QuarterTargets[q - 1];
                if ((stored?.Raw ?? "").Trim() == wanted) continue;
                plan.Changes.Add(new StructureChange(sheet, r.Row, r.Code, StructureChangeKind.Changed, $"{q}분기 목표", stored?.Raw ?? "(없음)", wanted.Length == 0 ? "(없음)" : wanted));
                plan.Apply.Add((by, now) => SetTarget(db, i, year, quarter, stored, wanted, by, now));
            }
        }
    }

    /// <summary>A target set while setting the year up (copied as a draft or typed here), as opposed to a report's.</summary>
    private static bool IsPlanned(IndicatorValue v) => v.Source.Doc.Length == 0 || v.Source.Doc.EndsWith("년 체계에서 이월", StringComparison.Ordinal);

    private static IndicatorValue Target(Indicator indicator, int year, int? quarter, string raw, string by, DateTimeOffset now)
    {
        var (main, sub) = CellText.Parse(raw);
        return new IndicatorValue
        {
            Indicator = indicator, Year = year, Kind = IndicatorValueKind.Target, Quarter = quarter, Raw = raw, Value = main, SubValue = sub,
            Source = SourceRef.Entered, UpdatedBy = by, UpdatedAt = now,
        };
    }

    private static void SetTarget(FiftyOpsDbContext db, Indicator indicator, int year, int? quarter, IndicatorValue? stored, string raw, string by, DateTimeOffset now)
    {
        if (raw.Length == 0)
        {
            if (stored is not null) db.IndicatorValues.Remove(stored);
            return;
        }

        if (stored is null)
        {
            db.IndicatorValues.Add(Target(indicator, year, quarter, raw, by, now));
            return;
        }

        var (main, sub) = CellText.Parse(raw);
        // A typed target is the approved one: it is no longer last year's draft.
        (stored.Raw, stored.Value, stored.SubValue, stored.IsDraft, stored.Source, stored.UpdatedBy, stored.UpdatedAt) = (raw, main, sub, false, SourceRef.Entered, by, now);
    }

    private static void PlanSites(FiftyOpsDbContext db, int year, State state, List<StructureSiteRow> rows, Plan plan)
    {
        const string sheet = SiteSheet;
        var byCode = state.Campuses.ToDictionary(c => c.Code, StringComparer.Ordinal);
        var nextSort = state.Campuses.Count == 0 ? 1 : state.Campuses.Max(c => c.SortOrder) + 1;
        foreach (var r in rows)
        {
            if (!byCode.TryGetValue(r.Code, out var c))
            {
                plan.Changes.Add(new StructureChange(sheet, r.Row, r.Code, StructureChangeKind.Added, "캠퍼스·센터", "",
                    $"{r.Name} ({SiteKindLabel(r.Kind)}) · 개소 {Day(r.OpenedOn)}" + (r.ClosedOn is { } cl ? $" · 폐소 {Day(cl)}" : "")));
                var created = new Campus { Code = r.Code, Name = r.Name, Kind = r.Kind, OpenedOn = r.OpenedOn, ClosedOn = r.ClosedOn, SortOrder = nextSort++ };
                plan.Apply.Add((_, _) =>
                {
                    db.Campuses.Add(created);
                    db.CampusFacilities.Add(new CampusFacility
                    {
                        Campus = created, ReportYear = year, NameInSource = r.Name, OpenedOn = r.OpenedOn, OpenedRaw = r.OpenedOn?.ToString("yyyy.M.d", CultureInfo.InvariantCulture),
                        Status = r.OpenedOn is { } o && o > new DateOnly(year, 1, 1) ? FacilityStatus.Planned : FacilityStatus.Open, Source = SourceRef.Entered,
                    });
                });
                continue;
            }

            void Field(string item, string old, string now, Action set, StructureChangeKind kind = StructureChangeKind.Changed)
            {
                if (old.Trim() == now.Trim()) return;
                plan.Changes.Add(new StructureChange(sheet, r.Row, r.Code, kind, item, old, now));
                plan.Apply.Add((_, _) => set());
            }

            Field("이름", c.Name, r.Name, () => c.Name = r.Name, StructureChangeKind.Renamed);
            Field("구분", SiteKindLabel(c.Kind), SiteKindLabel(r.Kind), () => c.Kind = r.Kind);
            Field("개소일", Day(c.OpenedOn), Day(r.OpenedOn), () => c.OpenedOn = r.OpenedOn);
            Field("폐소일", Day(c.ClosedOn), Day(r.ClosedOn), () => c.ClosedOn = r.ClosedOn, r.ClosedOn is not null ? StructureChangeKind.Retired : StructureChangeKind.Changed);
        }
    }

    private static string Day(DateOnly? d) => d is { } v ? v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "(없음)";

    private static string Percent(decimal? ratio) => ratio is { } r ? $"{(r * 100m).ToString("0.##", CultureInfo.InvariantCulture)}%" : "(기본 90%)";

    private static string Short(string? text) => text is null or "" ? "(없음)" : text.Length > 60 ? text[..59] + "…" : text;
}
