using System.Globalization;
using System.Security.Claims;
using Fifty.Ops.Components;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.Budget.Reconciliation;
using Fifty.Ops.Features.Periods;
using Microsoft.EntityFrameworkCore;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Infrastructure;

namespace Fifty.Ops.Features.DataEntry;

/// <summary>The seven amounts (천원) of a budget line; null = not stated.</summary>
public sealed record BudgetAmounts(
    decimal? CurrentBudget, decimal? Original, decimal? Supplementary, decimal? Transfers, decimal? Committed, decimal? Disbursed, decimal? Forecast)
{
    public static readonly BudgetAmounts Empty = new(null, null, null, null, null, null, null);

    public bool IsEmpty => this == Empty;

    public decimal? this[BudgetField field] => field switch
    {
        BudgetField.CurrentBudget => CurrentBudget,
        BudgetField.Original => Original,
        BudgetField.Supplementary => Supplementary,
        BudgetField.Transfers => Transfers,
        BudgetField.Committed => Committed,
        BudgetField.Disbursed => Disbursed,
        _ => Forecast,
    };

    public static BudgetAmounts Of(BudgetLine line) =>
        new(line.CurrentBudget, line.Original, line.Supplementary, line.Transfers, line.Committed, line.Disbursed, line.Forecast);
}

public enum BudgetField { CurrentBudget, Original, Supplementary, Transfers, Committed, Disbursed, Forecast }

public static class BudgetFields
{
    public static readonly IReadOnlyList<BudgetField> All = Enum.GetValues<BudgetField>();

    public static string Label(this BudgetField field) => field switch
    {
        BudgetField.CurrentBudget => "예산현액",
        BudgetField.Original => "당초",
        BudgetField.Supplementary => "추경",
        BudgetField.Transfers => "예산변경",
        BudgetField.Committed => "원인행위액",
        BudgetField.Disbursed => "지출액",
        _ => "연말 집행예상액",
    };

    /// <summary>추경 and 예산변경 (전용·이용) can reduce a budget; every other amount is ≥ 0.</summary>
    public static bool AllowsNegative(this BudgetField field) => field is BudgetField.Supplementary or BudgetField.Transfers;
}

/// <summary>Figures to compare with while entering: the report's own for this period, else the latest earlier quarter's.</summary>
/// <summary>
/// The figures shown beside the form. <paramref name="IsOriginalBudget"/>: no report or earlier quarter yet, so the
/// year structure's 당초예산 stands in for 예산현액 and is labelled as such.
/// </summary>
public sealed record BudgetReference(string Label, BudgetAmounts Amounts, bool IsOriginalBudget = false);

public sealed record BudgetEntryRow(
    string Code, string Name, string? Area, FundingSource Funding, BudgetReference? Reference,
    BudgetAmounts? Entered, int Version, string? UpdatedBy, DateTimeOffset? UpdatedAt)
{
    public string Token => Version.ToString(CultureInfo.InvariantCulture);
}

public sealed record BudgetEntryPage(EntryPeriodState? Period, int Year, IReadOnlyList<BudgetEntryRow> Rows);

/// <summary>One budget line's form as typed (text, so a refused save keeps it).</summary>
public sealed class BudgetEntryForm
{
    public string Code { get; set; } = "";
    public string CurrentBudget { get; set; } = "";
    public string Original { get; set; } = "";
    public string Supplementary { get; set; } = "";
    public string Transfers { get; set; } = "";
    public string Committed { get; set; } = "";
    public string Disbursed { get; set; } = "";
    public string Forecast { get; set; } = "";
    public string Token { get; set; } = "0";

    public string this[BudgetField field]
    {
        get => field switch
        {
            BudgetField.CurrentBudget => CurrentBudget,
            BudgetField.Original => Original,
            BudgetField.Supplementary => Supplementary,
            BudgetField.Transfers => Transfers,
            BudgetField.Committed => Committed,
            BudgetField.Disbursed => Disbursed,
            _ => Forecast,
        };
        set
        {
            switch (field)
            {
                case BudgetField.CurrentBudget: CurrentBudget = value; break;
                case BudgetField.Original: Original = value; break;
                case BudgetField.Supplementary: Supplementary = value; break;
                case BudgetField.Transfers: Transfers = value; break;
                case BudgetField.Committed: Committed = value; break;
                case BudgetField.Disbursed: Disbursed = value; break;
                default: Forecast = value; break;
            }
        }
    }

    public static BudgetEntryForm For(BudgetEntryRow row) => new()
    {
        Code = row.Code,
        CurrentBudget = AmountText.ForInput(row.Entered?.CurrentBudget),
        Original = AmountText.ForInput(row.Entered?.Original),
        Supplementary = AmountText.ForInput(row.Entered?.Supplementary),
        Transfers = AmountText.ForInput(row.Entered?.Transfers),
        Committed = AmountText.ForInput(row.Entered?.Committed),
        Disbursed = AmountText.ForInput(row.Entered?.Disbursed),
        Forecast = AmountText.ForInput(row.Entered?.Forecast),
        Token = row.Token,
    };
}

/// <summary>
/// Budget figures per lowest programme row (세부사업, 일반관리비 항목) for an open period: 예산현액 and its parts,
/// 원인행위액, 지출액, 연말 집행예상액, in 천원. A planner's figures are the period's <see cref="BudgetSection.Entry"/> line
/// for the row — the report's lines are never edited — so the reconciliation compares entry and report, and the budget
/// page shows an entered figure where there is one. A rule of docs/domain.md the figures break is reported as a warning
/// (over-commitment happens) and the figures are saved as typed.
/// </summary>
public sealed class BudgetEntryService(IDbContextFactory<FiftyOpsDbContext> factory, TimeProvider clock, AccessGuard guard)
{
    /// <summary>The page of the asked period (or the latest open one when none is asked).</summary>
    public async Task<BudgetEntryPage> GetAsync(int? askedYear, int? askedQuarter, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await PeriodLock.ResolveAsync(db, askedYear, askedQuarter, ct) is not var (year, quarter)) return new BudgetEntryPage(null, askedYear ?? clock.KoreaNow().Year, []);
        var state = await PeriodLock.StateAsync(db, year, quarter, ct);
        if (state is null) return new BudgetEntryPage(null, year, []);
        var facts = await BudgetFacts.LoadAsync(db, Dto(state), ct);
        var reference = await ReferenceAsync(db, state, facts, ct);
        var entries = await db.BudgetLines
            .Where(l => l.ReportingPeriod!.Year == year && l.ReportingPeriod.Quarter == quarter && l.Section == BudgetSection.Entry && l.ProgrammeNode != null)
            .Select(l => new { l.ProgrammeNode!.Code, l.CurrentBudget, l.Original, l.Supplementary, l.Transfers, l.Committed, l.Disbursed, l.Forecast, l.Version, l.UpdatedBy, l.UpdatedAt })
            .ToDictionaryAsync(l => l.Code, ct);

        var rows = Leaves(facts).Select(n =>
        {
            var e = entries.GetValueOrDefault(n.Code);
            return new BudgetEntryRow(n.Code, n.Name.Trim(), AreaOf(facts, n)?.Name.Trim(), n.Funding, reference(n.Code),
                e is null ? null : new BudgetAmounts(e.CurrentBudget, e.Original, e.Supplementary, e.Transfers, e.Committed, e.Disbursed, e.Forecast),
                e?.Version ?? 0, e?.UpdatedBy, e?.UpdatedAt);
        }).ToList();
        return new BudgetEntryPage(state, year, rows);
    }

    /// <summary>
    /// Reads one amount as typed (천원): null error and value for blank; otherwise the Korean reason naming the field and
    /// echoing the text (formula, date, full-width mixed with ASCII digits, a sign where none is allowed, too many digits).
    /// The form checks each field with this before saving; <see cref="Parse"/> applies it again on the server.
    /// </summary>
    public static string? Check(BudgetField field, string? typed, out decimal? value)
    {
        var text = typed ?? "";
        return AmountText.TryParse(text, field.AllowsNegative(), out value, out var error) ? null : $"{field.Label()}: {error} (입력: {text.Trim()})";
    }

    /// <summary>Reads the typed amounts; each error names its field.</summary>
    public static Dictionary<string, string> Parse(BudgetEntryForm form, out BudgetAmounts amounts)
    {
        var errors = new Dictionary<string, string>();
        var values = new Dictionary<BudgetField, decimal?>();
        foreach (var field in BudgetFields.All)
        {
            if (Check(field, form[field], out var value) is { } error) errors[field.ToString()] = error;
            else values[field] = value;
        }

        amounts = errors.Count > 0 ? BudgetAmounts.Empty : new BudgetAmounts(values[BudgetField.CurrentBudget], values[BudgetField.Original],
            values[BudgetField.Supplementary], values[BudgetField.Transfers], values[BudgetField.Committed], values[BudgetField.Disbursed], values[BudgetField.Forecast]);
        return errors;
    }

    /// <summary>
    /// Saves one 세부사업's amounts for the period (천원, whole numbers; 예산현액·당초·추경·예산변경·원인행위·지출·연말 집행예상), in
    /// one transaction after the role check (CanEditFigures) and the closed-period check (<see cref="PeriodLock"/>). Only leaf
    /// rows take entries: a parent's figures are the sum of its children. Blank 당초 takes the year's 당초예산
    /// (<see cref="WithOriginalBudget"/>). Clearing every amount removes the entry so the report's figures show again.
    /// </summary>
    /// <returns>
    /// Saved with a message, the row's new version as <c>Token</c>, and <c>Warnings</c> for rules the figures break that are
    /// flagged, not refused (docs/domain.md rules: 예산현액 = 당초 + 추경 + 예산변경, parent = sum of children, 원인행위 ≤ 예산현액);
    /// refused with errors keyed by the <see cref="BudgetField"/> name or <see cref="WriteResult.General"/>; or a <c>Conflict</c>.
    /// </returns>
    public async Task<WriteResult> SaveAsync(ClaimsPrincipal user, int year, int quarter, BudgetEntryForm form, CancellationToken ct = default)
    {
        if (await guard.RefuseAsync(user, Policies.CanEditFigures, "예산 집행 입력", "BudgetLine", $"{year}-Q{quarter}", ct) is { } refused) return refused;
        var errors = Parse(form, out var amounts);
        if (errors.Count > 0) return WriteResult.Invalid(errors);

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (periodId, state, closed) = await PeriodLock.CheckWritableAsync(db, year, quarter, ct);
        if (closed is not null) return WriteResult.Fail(WriteResult.General, closed);
        var before = await BudgetFacts.LoadAsync(db, Dto(state!), ct);
        var node = await db.ProgrammeNodes.Where(n => n.Year == year && n.Code == form.Code.Trim())
            .Select(n => new { n.Id, n.Code, n.Name, n.SortOrder, n.OriginalBudget }).FirstOrDefaultAsync(ct);
        if (node is null) return WriteResult.Fail(WriteResult.General, $"{year}년 사업 체계에 없는 코드입니다 ({form.Code.Trim()}).");
        if (before.ChildrenOf(node.Code).Any())
            return WriteResult.Fail(WriteResult.General, $"{node.Code} {node.Name.Trim()}은(는) 상위 사업입니다. 세부사업 금액을 입력하면 합계가 계산됩니다.");

        amounts = WithOriginalBudget(amounts, node.OriginalBudget);
        var line = await db.BudgetLines.AsTracking()
            .FirstOrDefaultAsync(l => l.ReportingPeriodId == periodId && l.Section == BudgetSection.Entry && l.ProgrammeNodeId == node.Id, ct);
        var current = (line?.Version ?? 0).ToString(CultureInfo.InvariantCulture);
        if (current != form.Token.Trim()) return WriteResult.Conflicted(ConflictOf(line, amounts, current));

        var by = EntryActor.NameOf(user);
        if (!Apply(db, line, periodId, node.Id, node.SortOrder, node.Name, amounts, by, clock.GetUtcNow()))
            return WriteResult.Ok("바뀐 내용이 없어 저장할 것이 없습니다.", current);

        var warnings = Warnings(before, WithEntry(before, node.Code, node.SortOrder, node.Name, amounts), [node.Code]);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var version = line is null
            ? db.ChangeTracker.Entries<BudgetLine>().Select(e => e.Entity.Version).FirstOrDefault()
            : db.Entry(line).State == EntityState.Detached ? 0 : line.Version;
        return WriteResult.Ok(amounts.IsEmpty
                ? $"{node.Code} {node.Name.Trim()}: 입력한 금액을 지웠습니다 (보고서 값이 다시 쓰입니다)."
                : $"{node.Code} {node.Name.Trim()}: {year}년 {quarter}분기 금액을 저장했습니다.",
            version.ToString(CultureInfo.InvariantCulture), warnings);
    }

    /// <summary>
    /// The year's board-approved 당초예산 (<see cref="ProgrammeNode.OriginalBudget"/>, 천원) as the default of a row's
    /// figures: when something is entered but 당초 is left blank, 당초 is the year's 당초예산, and a blank 예산현액 is
    /// 당초 + 추경 + 예산변경 (docs/domain.md). Nothing changes when the year states no 당초예산 for the row or nothing
    /// is entered (a blank row stays "not entered").
    /// </summary>
    internal static BudgetAmounts WithOriginalBudget(BudgetAmounts amounts, decimal? originalBudget)
    {
        if (originalBudget is not { } original || amounts.IsEmpty || amounts.Original is not null) return amounts;
        return amounts with
        {
            Original = original,
            CurrentBudget = amounts.CurrentBudget ?? original + (amounts.Supplementary ?? 0m) + (amounts.Transfers ?? 0m),
        };
    }

    /// <summary>Writes a row's entry line (adds, changes, or removes it when every amount is blank); false when nothing differs.</summary>
    internal static bool Apply(FiftyOpsDbContext db, BudgetLine? line, int periodId, int nodeId, int sortOrder, string name, BudgetAmounts amounts, string by, DateTimeOffset now)
    {
        if (amounts.IsEmpty)
        {
            if (line is null) return false;
            db.BudgetLines.Remove(line);
            return true;
        }

        if (line is not null && BudgetAmounts.Of(line) == amounts) return false;
        if (line is null)
        {
            line = new BudgetLine
            {
                ReportingPeriodId = periodId, ProgrammeNodeId = nodeId, Section = BudgetSection.Entry, RowInSection = sortOrder,
                NameInSource = name.Trim(), Source = SourceRef.Entered,
            };
            db.BudgetLines.Add(line);
        }

        line.CurrentBudget = amounts.CurrentBudget;
        line.Original = amounts.Original;
        line.Supplementary = amounts.Supplementary;
        line.Transfers = amounts.Transfers;
        line.Committed = amounts.Committed;
        line.Disbursed = amounts.Disbursed;
        line.Forecast = amounts.Forecast;
        line.UpdatedBy = by;
        line.UpdatedAt = now;
        return true;
    }

    /// <summary>The period's facts with one row's entry line replaced (or removed when empty).</summary>
    internal static BudgetFacts WithEntry(BudgetFacts facts, string code, int sortOrder, string name, BudgetAmounts amounts) =>
        WithEntries(facts, new Dictionary<string, (int, string, BudgetAmounts)>(StringComparer.Ordinal) { [code] = (sortOrder, name, amounts) });

    internal static BudgetFacts WithEntries(BudgetFacts facts, IReadOnlyDictionary<string, (int SortOrder, string Name, BudgetAmounts Amounts)> entries)
    {
        var lines = facts.Lines.Where(l => !(l.Section == BudgetSection.Entry && l.Code is not null && entries.ContainsKey(l.Code))).ToList();
        foreach (var (code, (sortOrder, name, a)) in entries)
        {
            if (a.IsEmpty) continue;
            lines.Add(new LineFact(BudgetSection.Entry, sortOrder, code, name.Trim(), a.CurrentBudget, a.Original, a.Supplementary, a.Transfers,
                a.Committed, a.Disbursed, a.Forecast, null, null, null, SourceRef.Entered));
        }

        return facts.WithLines(lines);
    }

    /// <summary>
    /// The findings (rules of docs/domain.md) the change brings in: every rule of the reconciliation run before and after, keeping the
    /// findings that are new and concern a changed row (or its ancestors, for the parent-sum rule).
    /// </summary>
    /// <param name="places">
    /// How to name an entered row in the message, by its line's <see cref="LineFact.Where"/> (the import names the sheet
    /// row); an entered row not named here is "입력값" — its position among entry lines means nothing to a planner.
    /// </param>
    internal static List<string> Warnings(BudgetFacts before, BudgetFacts after, IReadOnlyCollection<string> changedCodes, IReadOnlyDictionary<string, string>? places = null)
    {
        var old = ReconciliationService.Run(before).ToHashSet();
        var related = new HashSet<string>(changedCodes, StringComparer.Ordinal);
        foreach (var code in changedCodes)
        {
            for (var n = after.Node(code); n?.ParentCode is { } parent; n = after.Node(parent)) related.Add(parent);
        }

        return ReconciliationService.Run(after)
            .Where(f => f.Severity == FindingSeverity.Mismatch && !old.Contains(f) && related.Contains(f.Code))
            .Select(f => Describe(f with { A = f.A with { Where = Place(f.A.Where, after, places) }, B = f.B with { Where = Place(f.B.Where, after, places) } }))
            .ToList();
    }

    private static string Place(string where, BudgetFacts facts, IReadOnlyDictionary<string, string>? places)
    {
        foreach (var line in facts.Lines.Where(l => l.Section == BudgetSection.Entry))
        {
            if (where != line.Where && !where.StartsWith(line.Where + " ", StringComparison.Ordinal)) continue;
            var name = places?.GetValueOrDefault(line.Where) ?? "입력값";
            return name + where[line.Where.Length..];
        }

        return where;
    }

    internal static string Describe(Finding f) =>
        $"{f.Code} {f.Name.Trim()} · {f.Rule.Label()}: {f.A.Where} {f.A.Display} / {f.B.Where} {f.B.Display}" +
        (f.Note is { } note ? $" — {note}" : "") + " (저장은 되었습니다. 확인이 필요한 값입니다.)";

    internal static PeriodDto Dto(EntryPeriodState state) => new(state.Year, state.Quarter, state.AsOf, state.Label, state.IsClosed);

    /// <summary>Rows that take entries: those without children (detailed projects and overhead items).</summary>
    internal static IEnumerable<NodeFact> Leaves(BudgetFacts facts) => facts.Nodes.Where(n => !facts.ChildrenOf(n.Code).Any());

    private static NodeFact? AreaOf(BudgetFacts facts, NodeFact node)
    {
        for (var n = node; n is not null; n = n.ParentCode is null ? null : facts.Node(n.ParentCode))
        {
            if (n.Kind is ProgrammeKind.PolicyArea or ProgrammeKind.Overheads or ProgrammeKind.StrategicTask) return n;
        }

        return null;
    }

    /// <summary>
    /// The report's own figures of this period (appendix, with 원인행위액 and 연말 집행예상액 from the per-project table);
    /// for a period without them, the latest earlier quarter of the year (its entries over its report).
    /// </summary>
    private static async Task<Func<string, BudgetReference?>> ReferenceAsync(FiftyOpsDbContext db, EntryPeriodState state, BudgetFacts facts, CancellationToken ct)
    {
        if (facts.Lines.Any(l => l.Section is BudgetSection.Appendix or BudgetSection.ProjectTable))
            return code => FromReport(facts, code) is { } a ? new BudgetReference($"보고서 ({Fmt.AsOf(facts.AsOf)})", a) : null;

        var earlier = await db.ReportingPeriods.Where(p => p.Year == state.Year && p.Quarter < state.Quarter)
            .OrderByDescending(p => p.Quarter).Select(p => new PeriodDto(p.Year, p.Quarter, p.AsOf, p.Label, p.IsClosed)).ToListAsync(ct);
        foreach (var period in earlier)
        {
            var previous = await BudgetFacts.LoadAsync(db, period, ct);
            if (previous.Lines.Count == 0) continue;
            return code =>
            {
                var entry = previous.FirstIn(code, BudgetSection.Entry);
                var amounts = entry is null ? FromReport(previous, code) : Amounts(entry);
                return amounts is null ? null : new BudgetReference($"{period.Name} {(entry is null ? "보고서" : "입력")} ({Fmt.AsOf(period.AsOf)})", amounts);
            };
        }

        // A year without a report or an earlier quarter: the year's 당초예산 as set up (연도 체계) is the reference.
        var planned = await db.ProgrammeNodes.Where(n => n.Year == state.Year && n.OriginalBudget != null)
            .Select(n => new { n.Code, n.OriginalBudget }).ToDictionaryAsync(n => n.Code, n => n.OriginalBudget!.Value, ct);
        return code => planned.TryGetValue(code, out var original)
            ? new BudgetReference($"{state.Year}년 당초예산 (연도 체계)", new BudgetAmounts(original, original, null, null, null, null, null), IsOriginalBudget: true)
            : null;
    }

    private static BudgetAmounts? FromReport(BudgetFacts facts, string code)
    {
        var appendix = facts.FirstIn(code, BudgetSection.Appendix);
        var table = facts.FirstIn(code, BudgetSection.ProjectTable);
        if (appendix is null && table is null) return null;
        return new BudgetAmounts(appendix?.CurrentBudget ?? table?.CurrentBudget, appendix?.Original, appendix?.Supplementary, appendix?.Transfers,
            table?.Committed, appendix?.Disbursed ?? table?.Disbursed, table?.Forecast);
    }

    private static BudgetAmounts Amounts(LineFact l) => new(l.CurrentBudget, l.Original, l.Supplementary, l.Transfers, l.Committed, l.Disbursed, l.Forecast);

    private static SaveConflict ConflictOf(BudgetLine? line, BudgetAmounts mine, string current)
    {
        var theirs = line is null ? BudgetAmounts.Empty : BudgetAmounts.Of(line);
        var values = BudgetFields.All
            .Where(f => theirs[f] != mine[f])
            .Select(f => new ConflictValue($"{f.Label()} (천원)", theirs[f] is { } t ? Fmt.Amount(t) : "(입력 없음)", mine[f] is { } m ? Fmt.Amount(m) : "(비움)"))
            .ToList();
        return new SaveConflict(line?.UpdatedBy, line?.UpdatedAt, values, current);
    }
}
