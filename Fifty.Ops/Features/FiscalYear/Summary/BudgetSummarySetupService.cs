using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Fifty.Ops.Components;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Infrastructure.Reading;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.FiscalYear.Summary;

/// <summary>One 세입 or 세출 item of the 예산 총괄 as typed: its name and its amount in 천원.</summary>
public sealed class SummaryLineForm
{
    public string Item { get; set; } = "";

    /// <summary>Amount in 천원 as typed (<c>17,577,425</c>); blank only on a row being filled.</summary>
    public string Amount { get; set; } = "";

    /// <summary>Where the stored row came from (the report's document and section, or 입력); empty for a row typed now. Shown, never saved.</summary>
    public string Source { get; set; } = "";
}

/// <summary>The year's 예산 총괄 as typed: 기준일, 세입 items and 세출 items (the total rows are computed, never typed).</summary>
public sealed class BudgetSummaryForm
{
    /// <summary>기준일 (연-월-일), a date of the year.</summary>
    public string AsOf { get; set; } = "";

    public List<SummaryLineForm> Revenue { get; set; } = [];

    public List<SummaryLineForm> Expenditure { get; set; } = [];

    /// <summary>The version of the stored summary the form was opened on (<see cref="BudgetSummarySetupService.TokenOf"/>).</summary>
    public string Token { get; set; } = "";
}

/// <summary>A stored total row beside the sum of its items (천원), to show a source figure that breaks the rule.</summary>
public sealed record SummaryTotal(string Item, decimal Stated, decimal Computed, string Source)
{
    public bool Matches => Stated == Computed;
}

/// <param name="Exists">The year has its own 예산 총괄 (false: the form lists <paramref name="InheritedFrom"/>'s item names with empty amounts).</param>
/// <param name="InheritedFrom">The earlier year whose item names pre-fill the form; null when the year has its own or none exists.</param>
/// <param name="RevenueTotal">The stored 세입 total row (null when the year has none).</param>
/// <param name="ExpenditureTotal">The stored 세출 total row (null when the year has none).</param>
/// <param name="ClosedQuarters">Quarters of the year already closed: their reports keep the summary they were closed with.</param>
public sealed record BudgetSummarySetup(
    int Year, bool Exists, int? InheritedFrom, BudgetSummaryForm Form,
    SummaryTotal? RevenueTotal, SummaryTotal? ExpenditureTotal, IReadOnlyList<int> ClosedQuarters);

/// <summary>
/// The year's 예산 총괄 (budget summary: 세입 and 세출 items in 천원, one 기준일), which the quarterly report prints in
/// Ⅰ.3 and the budget page shows. Until now only the seed loader filled it; this is where a planner enters a new year's.
/// The total row of each side is computed from its items when saved (docs/domain.md: a parent equals the sum of its
/// children); 세입 total ≠ 세출 total is saved and flagged (총 수입 = 총 지출 is a rule to show, not to enforce on a
/// half-typed budget). Rows transcribed from a report that are left unchanged keep their source, and so does their
/// stated total even when it breaks the rule (kept and flagged, never corrected). 분야별 사업비 is not entered here: the
/// report computes it from the quarter's execution hierarchy (decision record 0023).
/// Writes need <see cref="Policies.CanSetUpYear"/>, run in one transaction, are audited by the context, and are refused
/// when the summary changed since the form was opened. A closed quarter's report keeps the summary it was frozen with
/// (<see cref="Reports.QuarterlyReportService.FreezeAsync"/>).
/// </summary>
public sealed class BudgetSummarySetupService(IDbContextFactory<FiftyOpsDbContext> factory, AccessGuard guard)
{
    public const int MaxItemLength = 100;
    public const int MaxRows = 50;

    /// <summary>The name of a total row the app writes (a transcribed year keeps its own: 소계, 계).</summary>
    public const string TotalName = "합계";

    /// <summary>
    /// The 예산 총괄 of <paramref name="year"/> for the setup page: the year's own rows (each labelled with its source), else
    /// the item names of the latest earlier year that has one, with empty amounts and 기준일 1 January, so the planner only
    /// types figures. Never null; the lists are empty when no year has a summary.
    /// </summary>
    public async Task<BudgetSummarySetup> GetAsync(int year, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var own = await RowsAsync(db, year, ct);
        var closed = await db.ReportingPeriods.Where(p => p.Year == year && p.IsClosed).OrderBy(p => p.Quarter).Select(p => p.Quarter).ToListAsync(ct);
        var form = new BudgetSummaryForm { Token = TokenOf(own) };
        if (own.Count > 0)
        {
            form.AsOf = own[0].AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            form.Revenue = [.. own.Where(r => r.Side == BudgetSide.Revenue && !r.IsTotal).Select(Line)];
            form.Expenditure = [.. own.Where(r => r.Side == BudgetSide.Expenditure && !r.IsTotal).Select(Line)];
            return new BudgetSummarySetup(year, true, null, form, Total(own, BudgetSide.Revenue), Total(own, BudgetSide.Expenditure), closed);
        }

        var from = await db.BudgetSummaryItems.Where(s => s.Year < year).OrderByDescending(s => s.Year).Select(s => (int?)s.Year).FirstOrDefaultAsync(ct);
        form.AsOf = new DateOnly(year, 1, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (from is { } earlier)
        {
            var names = await RowsAsync(db, earlier, ct);
            form.Revenue = [.. names.Where(r => r.Side == BudgetSide.Revenue && !r.IsTotal).Select(r => new SummaryLineForm { Item = r.Item })];
            form.Expenditure = [.. names.Where(r => r.Side == BudgetSide.Expenditure && !r.IsTotal).Select(r => new SummaryLineForm { Item = r.Item })];
        }

        return new BudgetSummarySetup(year, false, from, form, null, null, closed);
    }

    /// <summary>
    /// Makes the year's 예산 총괄 the rows typed, in order, with one computed total row per side. Refused with a Korean
    /// message on the field, nothing written: a 기준일 that is not a date of the year; an item without a name or amount,
    /// a name over <see cref="MaxItemLength"/> characters, starting like a formula (=, +, -, @) or repeated on its side;
    /// an amount that is not a whole number of 천원 ≥ 0 (full-width digits, words, dates, formulas, negatives, decimals:
    /// <see cref="NumberText"/>); no item at all; more than <see cref="MaxRows"/> rows a side. Refused as a conflict when
    /// the stored summary changed since <see cref="BudgetSummaryForm.Token"/>. Saved with a warning when the 세입 total
    /// differs from the 세출 total. A typed row equal to a stored one keeps it (and its source); other stored rows are
    /// removed and the typed ones stored as 입력.
    /// </summary>
    /// <returns>On success the new <see cref="BudgetSummaryForm.Token"/> as <see cref="WriteResult.Token"/>.</returns>
    public async Task<WriteResult> SaveAsync(ClaimsPrincipal user, int year, BudgetSummaryForm form, CancellationToken ct = default)
    {
        if (await guard.RefuseAsync(user, Policies.CanSetUpYear, "예산 총괄 입력", "BudgetSummaryItem", year.ToString(CultureInfo.InvariantCulture), ct) is { } refused) return refused;
        if (!FiscalYearRange.Contains(year)) return WriteResult.Refused(FiscalYearRange.Refusal);

        var errors = Validate(year, form, out var asOf, out var revenue, out var expenditure);
        if (errors.Count > 0) return WriteResult.Invalid(errors);

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var stored = await db.BudgetSummaryItems.AsTracking().Where(s => s.Year == year).OrderBy(s => s.Side).ThenBy(s => s.Ordinal).ToListAsync(ct);
        var current = TokenOf(stored);
        if (current != form.Token)
        {
            var values = new List<ConflictValue>();
            foreach (var (side, label, typed) in new[] { (BudgetSide.Revenue, "세입", revenue), (BudgetSide.Expenditure, "세출", expenditure) })
            {
                values.Add(new ConflictValue($"{label} 항목",
                    string.Join("\n", stored.Where(s => s.Side == side).Select(s => $"{s.Item} {Fmt.Amount(s.Amount)}")),
                    string.Join("\n", typed.Select(t => $"{t.Item} {Fmt.Amount(t.Amount)}"))));
            }

            return WriteResult.Conflicted(new SaveConflict(null, null, values, current));
        }

        var warnings = new List<string>();
        var rows = new List<BudgetSummaryItem>();
        foreach (var (side, label, typed) in new[] { (BudgetSide.Revenue, "세입", revenue), (BudgetSide.Expenditure, "세출", expenditure) })
        {
            var storedItems = stored.Where(s => s.Side == side && !s.IsTotal).ToList();
            var storedTotal = stored.FirstOrDefault(s => s.Side == side && s.IsTotal);
            var sum = typed.Sum(t => t.Amount);
            // Unchanged transcribed items keep their printed total, even one that breaks the rule (kept and flagged).
            var unchanged = storedTotal is not null && storedItems.Count == typed.Count
                && storedItems.Zip(typed).All(p => p.First.Item == p.Second.Item && p.First.Amount == p.Second.Amount) && storedItems.All(s => s.AsOf == asOf);
            var total = unchanged ? storedTotal! : new BudgetSummaryItem { Item = storedTotal?.Item ?? TotalName, Amount = sum, IsTotal = true, Source = SourceRef.Entered };
            if (total.Amount != sum)
                warnings.Add($"{label} {total.Item} {Fmt.Amount(total.Amount)}천원이 항목 합계 {Fmt.Amount(sum)}천원과 다릅니다 (보고서 값 그대로 둠).");
            rows.Add(new BudgetSummaryItem { Year = year, AsOf = asOf, Side = side, Ordinal = 1, Item = total.Item, Amount = total.Amount, IsTotal = true, Source = total.Source });
            rows.AddRange(typed.Select((t, i) => new BudgetSummaryItem
            {
                Year = year, AsOf = asOf, Side = side, Ordinal = i + 2, Item = t.Item, Amount = t.Amount, Source = SourceRef.Entered,
            }));
        }

        var revenueTotal = rows.First(r => r.Side == BudgetSide.Revenue && r.IsTotal).Amount;
        var expenditureTotal = rows.First(r => r.Side == BudgetSide.Expenditure && r.IsTotal).Amount;
        if (revenueTotal != expenditureTotal)
            warnings.Add($"세입 합계 {Fmt.Amount(revenueTotal)}천원과 세출 합계 {Fmt.Amount(expenditureTotal)}천원이 다릅니다 (차이 {Fmt.Amount(revenueTotal - expenditureTotal)}천원). 총 수입과 총 지출은 같아야 합니다.");

        // A typed row equal to a stored one keeps the stored entity (its source; no audit entry unless it moved).
        var unused = stored.ToList();
        foreach (var row in rows)
        {
            var match = unused.FirstOrDefault(s => s.Side == row.Side && s.IsTotal == row.IsTotal && s.Item == row.Item && s.Amount == row.Amount && s.AsOf == row.AsOf);
            if (match is null) continue;
            unused.Remove(match);
            row.Id = match.Id;
            row.Source = match.Source;
        }

        // Ordinals are unique per side: removals and the rows that move are cleared out of the way first, then the
        // moved rows take their places and the new rows are added (an unmoved row is not touched, so not audited).
        db.BudgetSummaryItems.RemoveRange(unused);
        var moved = rows.Where(r => r.Id != 0).Select(r => (Row: r, Kept: stored.First(s => s.Id == r.Id))).Where(p => p.Kept.Ordinal != p.Row.Ordinal).ToList();
        foreach (var (row, kept) in moved) kept.Ordinal = -row.Ordinal;
        await db.SaveChangesAsync(ct);
        foreach (var (row, kept) in moved) kept.Ordinal = row.Ordinal;
        db.BudgetSummaryItems.AddRange(rows.Where(r => r.Id == 0));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var saved = await RowsAsync(db, year, ct);
        return WriteResult.Ok(
            $"{year}년 예산 총괄을 저장했습니다 (세입 {Fmt.Amount(revenueTotal)}천원, 세출 {Fmt.Amount(expenditureTotal)}천원, {Fmt.AsOf(asOf)}).",
            TokenOf(saved), warnings);
    }

    /// <summary>
    /// The field-keyed Korean refusals of a form (empty when it may be saved), with the values read. Keys are
    /// <c>AsOf</c>, <c>Revenue</c>/<c>Expenditure</c> (the side as a whole), <c>Revenue[i].Item</c>, <c>Revenue[i].Amount</c>
    /// (i counts the rows of the form, blank rows included). Also used by the form to check a field as it is typed.
    /// </summary>
    public static Dictionary<string, string> Validate(int year, BudgetSummaryForm form, out DateOnly asOf,
        out List<(string Item, decimal Amount)> revenue, out List<(string Item, decimal Amount)> expenditure)
    {
        var errors = new Dictionary<string, string>();
        asOf = new DateOnly(year, 1, 1);
        var asOfText = form.AsOf.Trim();
        if (asOfText.Length == 0) errors[nameof(BudgetSummaryForm.AsOf)] = $"기준일을 입력하세요 ({year}년의 날짜, 예: {year}-01-01).";
        else if (!DateText.TryRead(asOfText, out var d, out var why)) errors[nameof(BudgetSummaryForm.AsOf)] = $"기준일: {why} (입력: {asOfText}).";
        else if (d.Year != year) errors[nameof(BudgetSummaryForm.AsOf)] = $"기준일은 {year}년의 날짜여야 합니다 (입력: {asOfText}).";
        else asOf = d;

        revenue = Side(form.Revenue, nameof(BudgetSummaryForm.Revenue), "세입", errors);
        expenditure = Side(form.Expenditure, nameof(BudgetSummaryForm.Expenditure), "세출", errors);
        if (revenue.Count == 0 && expenditure.Count == 0 && !errors.Keys.Any(k => k.StartsWith(nameof(BudgetSummaryForm.Revenue), StringComparison.Ordinal) || k.StartsWith(nameof(BudgetSummaryForm.Expenditure), StringComparison.Ordinal)))
            errors[WriteResult.General] = "세입·세출 항목을 하나 이상 입력하세요.";
        return errors;
    }

    /// <summary>The amount field's refusal (null when it reads as a whole number of 천원 ≥ 0 or is blank).</summary>
    public static string? AmountError(string text, string at)
    {
        if (LooksLikeFormula(text)) return $"{at} 금액: 수식은 받지 않습니다. 숫자만 천원 단위로 입력하세요 (입력: {text.Trim()}).";
        return NumberText.TryRead(text, NumberRules.Amount, out _, out var why) ? null : $"{at} 금액: {why} (입력: {text.Trim()}).";
    }

    private static List<(string Item, decimal Amount)> Side(List<SummaryLineForm> lines, string key, string label, Dictionary<string, string> errors)
    {
        var result = new List<(string, decimal)>();
        var filled = lines.Count(l => l.Item.Trim().Length > 0 || l.Amount.Trim().Length > 0);
        if (filled > MaxRows) errors[key] = $"{label} 항목은 {MaxRows}개까지 입력할 수 있습니다.";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var item = line.Item.Trim();
            var amountText = line.Amount.Trim();
            if (item.Length == 0 && amountText.Length == 0) continue;
            var at = $"{label} {i + 1}행";
            if (item.Length == 0) errors[$"{key}[{i}].Item"] = $"{at}: 항목명을 입력하세요.";
            else if (item.Length > MaxItemLength) errors[$"{key}[{i}].Item"] = $"{at}: 항목명은 {MaxItemLength}자 이내로 입력하세요 (현재 {item.Length}자).";
            else if (LooksLikeFormula(item)) errors[$"{key}[{i}].Item"] = $"{at}: 수식처럼 보이는 항목명(=, +, -, @로 시작)은 쓸 수 없습니다 (입력: {item}).";
            else if (!seen.Add(item)) errors[$"{key}[{i}].Item"] = $"{at}: 「{item}」은(는) {label}에 이미 있습니다.";

            decimal? amount = null;
            if (amountText.Length == 0) errors[$"{key}[{i}].Amount"] = $"{at} 금액: 입력하세요 (없으면 0, 필요 없는 항목이면 행을 삭제하세요).";
            else if (AmountError(amountText, at) is { } why) errors[$"{key}[{i}].Amount"] = why;
            else if (NumberText.TryRead(amountText, NumberRules.Amount, out var v, out _)) amount = v;
            if (amount is { } a && item.Length > 0) result.Add((item, decimal.Round(a, 0, MidpointRounding.AwayFromZero)));
        }

        return result;
    }

    private static bool LooksLikeFormula(string text) => text.TrimStart() is { Length: > 1 } t && (t[0] is '=' or '+' or '@' || (t[0] == '-' && !char.IsDigit(t[1]) && t[1] != ' '));

    /// <summary>The version of a year's stored rows: a hash of what they say, "" when there are none.</summary>
    public static string TokenOf(IReadOnlyCollection<BudgetSummaryItem> rows)
    {
        if (rows.Count == 0) return "";
        var text = string.Join("\n", rows.OrderBy(r => r.Side).ThenBy(r => r.Ordinal).Select(r =>
            string.Create(CultureInfo.InvariantCulture, $"{r.Side}|{r.Ordinal}|{r.Item}|{r.Amount}|{r.AsOf:yyyy-MM-dd}|{r.IsTotal}|{r.Source.Doc}|{r.Source.Section}")));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    private static Task<List<BudgetSummaryItem>> RowsAsync(FiftyOpsDbContext db, int year, CancellationToken ct) =>
        db.BudgetSummaryItems.AsNoTracking().Where(s => s.Year == year).OrderBy(s => s.Side).ThenBy(s => s.Ordinal).ToListAsync(ct);

    private static SummaryLineForm Line(BudgetSummaryItem r) => new()
    {
        Item = r.Item, Amount = r.Amount.ToString("#,0", CultureInfo.InvariantCulture), Source = SourceLabel(r.Source),
    };

    private static SummaryTotal? Total(List<BudgetSummaryItem> rows, BudgetSide side) =>
        rows.FirstOrDefault(r => r.Side == side && r.IsTotal) is { } t
            ? new SummaryTotal(t.Item, t.Amount, rows.Where(r => r.Side == side && !r.IsTotal).Sum(r => r.Amount), SourceLabel(t.Source))
            : null;

    /// <summary>입력 for a figure a planner typed, else the document and section it was transcribed from.</summary>
    public static string SourceLabel(SourceRef source) => source.Doc.Length == 0 ? "입력" : $"보고서: {source.Doc} › {source.Section}";
}
