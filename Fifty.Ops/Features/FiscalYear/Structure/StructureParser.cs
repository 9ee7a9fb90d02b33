using System.Globalization;
using System.Text.RegularExpressions;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.Import;
using Fifty.Ops.Infrastructure.Reading;
using static Fifty.Ops.Features.FiscalYear.YearStructure.StructureLayout;

namespace Fifty.Ops.Features.FiscalYear.YearStructure;

/// <param name="Original">당초예산 in 천원, converted from the sheet's unit and rounded to whole 천원; null when blank.</param>
/// <param name="OriginalAsTyped">The amount as the sheet states it, with its unit, for the preview (<c>1.5백만원</c>); null when blank.</param>
public sealed record StructureNodeRow(int Row, string Code, string? ParentCode, ProgrammeKind Kind, string Name, FundingSource Funding,
    decimal? Original, string? OriginalAsTyped, StructureStatus Status);

/// <param name="QuarterTargets">1분기~4분기 목표 as written; an empty string is "no quarterly target".</param>
/// <param name="Caution">The 주의 threshold as a ratio (90% → 0.9); null means the default.</param>
/// <param name="Kind">구분 (성과약속, 주요실적, 사업목표); null when the cell is blank: a new indicator is then 성과약속, a stored one keeps its kind.</param>
public sealed record StructureIndicatorRow(int Row, string Code, string Field, string Name, string Unit, Direction Direction, IndicatorAccumulation Accumulation,
    string Target, IReadOnlyList<string> QuarterTargets, decimal? Caution, IReadOnlyList<string> Related, IndicatorKind? Kind = null);

public sealed record StructureProjectRow(int Row, string Code, string AreaName, string Title, string? Audience, string? Content, string? TargetText,
    IReadOnlyList<string> ProgrammeCodes);

public sealed record StructureSiteRow(int Row, string Code, string Name, CampusKind Kind, DateOnly? OpenedOn, DateOnly? ClosedOn);

/// <summary>What a structure workbook (or one edit on the setup page) says, before it is compared with the database.</summary>
public sealed class StructureInput
{
    public int? Year { get; set; }
    public string Unit { get; set; } = DefaultUnit;
    public List<ImportIssue> Errors { get; } = [];
    public List<string> Notes { get; } = [];
    public List<StructureNodeRow>? Nodes { get; set; }
    public List<StructureIndicatorRow>? Indicators { get; set; }
    public List<StructureProjectRow>? Projects { get; set; }
    public List<StructureSiteRow>? Sites { get; set; }
}

/// <summary>
/// Reads the structure workbook's sheets into typed rows. Every check that needs no database is here — sheet names and
/// headings, the amount unit, codes, labels, numbers, dates, duplicates — each error naming its sheet and cell
/// (<c>예산체계!F7: 음수는 받지 않습니다</c>). Numbers and dates go through the app's one reader; what Excel did behind
/// the planner's back (a formula, a date in a number cell) and full-width digits are refused rather than guessed.
/// </summary>
public static partial class StructureParser
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 10000;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._\-]{0,39}$")]
    private static partial Regex CodeShape();

    public static StructureInput Parse(IReadOnlyDictionary<string, ReadSheet> sheets)
    {
        var input = new StructureInput();
        var unknown = sheets.Keys.Where(k => k != GuideSheet && !DataSheets.Contains(k)).ToList();
        foreach (var name in DataSheets.Where(n => !sheets.ContainsKey(n)))
        {
            input.Errors.Add(new ImportIssue(name, null,
                $"'{name}' 시트가 없습니다{(unknown.Count > 0 ? $" (양식에 없는 시트: {string.Join(", ", unknown.Select(o => $"'{o}'"))})" : "")}. " +
                "시트 이름을 바꾸거나 지우지 말고 회계연도 설정에서 내려받은 체계 파일을 쓰세요. 파일 전체를 받지 않았습니다."));
        }

        if (!sheets.TryGetValue(GuideSheet, out var guide) || Row(guide, GuideForm) is not { } formRow || guide.Text(formRow, 2) != Marker)
            input.Errors.Add(new ImportIssue(GuideSheet, "B3", $"Fifty.Ops 연도 체계 파일이 아닙니다 ('{Marker}' 표시가 없습니다). 회계연도 설정에서 내려받은 파일을 쓰세요."));
        else if (Row(guide, GuideYear) is not { } yearRow
                 || !ImportParser.Number(guide.Cell(yearRow, 2), new NumberRules(false, true, false, 2100, [], "2100"), out var y, out _) || y is not (>= 2000 and <= 2100))
            input.Errors.Add(new ImportIssue(GuideSheet, "B4", $"회계연도가 2000~2100 사이의 연도가 아닙니다 (입력: {guide.Text(Row(guide, GuideYear) ?? 4, 2)})."));
        else input.Year = (int)y.Value;

        if (input.Errors.Count > 0) return input;

        var budget = sheets[BudgetSheet];
        var unitText = budget.Text(UnitRow, 2);
        if (unitText.Length == 0) unitText = DefaultUnit;
        if (budget.Text(UnitRow, 1) != "금액 단위" || !Units.ContainsKey(unitText))
        {
            input.Errors.Add(new ImportIssue(BudgetSheet, "B2", $"금액 단위는 천원, 원, 백만원 중 하나여야 합니다 (입력: {budget.Text(UnitRow, 2)}). A2에 '금액 단위', B2에 단위를 적습니다."));
            return input;
        }

        input.Unit = unitText;
        if (Headings(budget, BudgetColumns, input.Errors)) input.Nodes = ParseNodes(budget, input);
        if (Headings(sheets[IndicatorSheet], IndicatorColumns, input.Errors)) input.Indicators = ParseIndicators(sheets[IndicatorSheet], input.Errors);
        if (Headings(sheets[ProjectSheet], ProjectColumns, input.Errors)) input.Projects = ParseProjects(sheets[ProjectSheet], input.Errors);
        if (Headings(sheets[SiteSheet], SiteColumns, input.Errors)) input.Sites = ParseSites(sheets[SiteSheet], input.Errors);
        if (input.Unit != DefaultUnit)
            input.Notes.Add($"예산체계 시트의 금액 단위는 {input.Unit}입니다. 당초예산은 천원으로 바꿔 천원 단위로 반올림해 저장합니다.");
        return input;
    }

    private static bool Headings(ReadSheet sheet, IReadOnlyList<(string Heading, double Width)> columns, List<ImportIssue> errors)
    {
        for (var c = 1; c <= columns.Count; c++)
        {
            var found = sheet.Text(HeadingRow, c);
            if (found == columns[c - 1].Heading) continue;
            errors.Add(new ImportIssue(sheet.Name, Ref(c, HeadingRow), found.Length == 0
                ? $"'{columns[c - 1].Heading}' 열이 없습니다. 열을 지우거나 옮기지 말고 내려받은 파일에 고쳐 쓰세요."
                : $"머리글이 양식과 다릅니다 ('{columns[c - 1].Heading}'이어야 하는데 '{found}'입니다). 열을 지우거나 옮기지 마세요."));
            return false;
        }

        return true;
    }

    /// <summary>The cells of a data row after refusing what Excel did behind the planner's back; false when one was refused.</summary>
    private static bool Screen(ReadSheet sheet, int row, IReadOnlyList<(string Heading, double Width)> columns, List<ImportIssue> errors)
    {
        var ok = true;
        if (!sheet.Rows.TryGetValue(row, out var cells)) return true;
        foreach (var (c, cell) in cells)
        {
            if (c > columns.Count) continue;
            var heading = columns[c - 1].Heading;
            if (cell.FormulaWithoutValue is not null || cell.Formula is not null)
            {
                errors.Add(new ImportIssue(sheet.Name, cell.Reference,
                    $"수식({cell.FormulaWithoutValue ?? cell.Formula})이 들어 있습니다 ({heading}). 체계 파일에는 값만 적습니다. 값으로 붙여 넣으세요."));
                ok = false;
            }
        }

        return ok;
    }

    private static IEnumerable<int> DataRows(ReadSheet sheet) => sheet.Rows.Keys.Where(r => r >= FirstDataRow).Order();

    private static string? Code(ReadSheet sheet, int r, int column, string label, List<ImportIssue> errors, bool required = true)
    {
        var text = sheet.Text(r, column);
        if (text.Length == 0)
        {
            if (required) errors.Add(new ImportIssue(sheet.Name, Ref(column, r), $"{label}가 비어 있습니다."));
            return null;
        }

        if (!CodeShape().IsMatch(text))
        {
            errors.Add(new ImportIssue(sheet.Name, Ref(column, r),
                $"{label}는 반각 영문·숫자와 . - _ 로 적습니다 (입력: {text}){(text.Any(c => char.IsDigit(c) && !char.IsAsciiDigit(c)) ? ". 전각 숫자가 들어 있습니다" : "")}."));
            return null;
        }

        return text;
    }

    private static string Text(ReadSheet sheet, int r, int column, string label, int max, List<ImportIssue> errors, bool required = false)
    {
        var text = sheet.Text(r, column);
        if (required && text.Length == 0) errors.Add(new ImportIssue(sheet.Name, Ref(column, r), $"{label}이(가) 비어 있습니다."));
        else if (text.Length > max) errors.Add(new ImportIssue(sheet.Name, Ref(column, r), $"{label}은(는) {max:#,##0}자 이내여야 합니다 (현재 {text.Length:#,##0}자)."));
        return text;
    }

    /// <summary>A number cell: a date, full-width digits or an unreadable text is an error naming the cell.</summary>
    private static bool Number(ReadSheet sheet, int r, int column, string label, NumberRules rules, List<ImportIssue> errors, out decimal? value)
    {
        value = null;
        var cell = sheet.Cell(r, column);
        if (cell is null) return true;
        if (cell.IsDate)
        {
            errors.Add(new ImportIssue(sheet.Name, cell.Reference, $"날짜가 들어 있습니다 ({cell.DateText}, {label}). 셀 서식을 숫자로 바꾸고 다시 입력하세요."));
            return false;
        }

        if (!cell.IsNumber && cell.Text.Any(c => char.IsDigit(c) && !char.IsAsciiDigit(c)))
        {
            errors.Add(new ImportIssue(sheet.Name, cell.Reference, $"전각 숫자 등 반각이 아닌 숫자가 들어 있습니다 ({label}, 입력: {cell.Text.Trim()}). 반각 숫자로 적으세요."));
            return false;
        }

        if (!cell.IsNumber && cell.Text.Trim().StartsWith('-') && !rules.AllowNegative || cell.IsNumber && cell.Text.StartsWith('-') && !rules.AllowNegative)
        {
            errors.Add(new ImportIssue(sheet.Name, cell.Reference, $"음수는 받지 않습니다 ({label}, 입력: {cell.Text.Trim()})."));
            return false;
        }

        if (ImportParser.Number(cell, rules, out value, out var error)) return true;
        errors.Add(new ImportIssue(sheet.Name, cell.Reference, $"{label}: {error} (입력: {cell.Text.Trim()})."));
        return false;
    }

    private static DateOnly? Date(ReadSheet sheet, int r, int column, string label, List<ImportIssue> errors)
    {
        var cell = sheet.Cell(r, column);
        if (cell is null) return null;
        if (cell.IsDate && DateOnly.TryParseExact(cell.DateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        if (cell.IsNumber)
        {
            errors.Add(new ImportIssue(sheet.Name, cell.Reference, $"{label}에 날짜가 아닌 숫자가 들어 있습니다 (입력: {cell.Text}). 2024-04-01처럼 적으세요."));
            return null;
        }

        if (DateText.TryRead(cell.Text, out var value, out var error)) return value;
        errors.Add(new ImportIssue(sheet.Name, cell.Reference, $"{label}: {error} (입력: {cell.Text.Trim()})."));
        return null;
    }

    private static List<StructureNodeRow> ParseNodes(ReadSheet sheet, StructureInput input)
    {
        var errors = input.Errors;
        var rows = new List<StructureNodeRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var perUnit = Units[input.Unit];
        var rules = new NumberRules(false, input.Unit != "백만원", false, NumberRules.Largest, [input.Unit], $"999,999,999,999{input.Unit}");
        foreach (var r in DataRows(sheet))
        {
            var before = errors.Count;
            if (!Screen(sheet, r, BudgetColumns, errors)) continue;
            var code = Code(sheet, r, 1, "코드", errors);
            var parent = Code(sheet, r, 2, "상위코드", errors, required: false);
            var kindText = sheet.Text(r, 3);
            var kind = KindOf(kindText);
            if (kind is null)
                errors.Add(new ImportIssue(sheet.Name, Ref(3, r),
                    $"구분 '{kindText}'은(는) 알 수 없습니다. {string.Join(", ", Kinds.Select(BudgetLabels.Kind))} 중 하나를 적으세요."));
            var name = Text(sheet, r, 4, "사업명", MaxNameLength, errors, required: true);
            var fundingText = sheet.Text(r, 5);
            var funding = FundingOf(fundingText);
            if (funding is null)
                errors.Add(new ImportIssue(sheet.Name, Ref(5, r),
                    $"재원 '{fundingText}'은(는) 알 수 없습니다. {string.Join(", ", Fundings.Select(BudgetLabels.Funding))} 중 하나를 적으세요."));
            Number(sheet, r, 6, "당초예산", rules, errors, out var amount);
            var statusText = sheet.Text(r, 7);
            StructureStatus? status = statusText switch { "" or "운영" => StructureStatus.Active, "일몰" => StructureStatus.Retired, _ => null };
            if (status is null) errors.Add(new ImportIssue(sheet.Name, Ref(7, r), $"상태는 운영 또는 일몰이어야 합니다 (입력: {statusText})."));
            if (code is not null && parent == code) errors.Add(new ImportIssue(sheet.Name, Ref(2, r), $"상위코드가 자기 자신입니다 ({code})."));
            if (code is not null)
            {
                if (seen.TryGetValue(code, out var first))
                    errors.Add(new ImportIssue(sheet.Name, Ref(1, r), $"코드 {code}이(가) 중복됩니다 ({sheet.Name}!A{first}와 같습니다). 코드는 연도 안에서 하나여야 합니다."));
                else seen[code] = r;
            }

            if (errors.Count > before) continue;
            var thousands = amount is { } a ? Math.Round(a * perUnit, 0, MidpointRounding.AwayFromZero) : (decimal?)null;
            var typed = amount is { } t ? $"{t.ToString("#,##0.###", CultureInfo.InvariantCulture)}{input.Unit}" : null;
            rows.Add(new StructureNodeRow(r, code!, parent, kind!.Value, name, funding!.Value, thousands, typed, status!.Value));
        }

        // Cycles in 상위코드 within the file (a parent outside the file is checked against the database later).
        var parents = rows.ToDictionary(n => n.Code, n => n.ParentCode, StringComparer.Ordinal);
        foreach (var n in rows)
        {
            var path = new List<string> { n.Code };
            for (var p = n.ParentCode; p is not null && parents.TryGetValue(p, out var next); p = next)
            {
                if (p == n.Code)
                {
                    errors.Add(new ImportIssue(sheet.Name, Ref(2, n.Row), $"상위코드가 순환합니다 ({string.Join(" → ", path.Append(p))}). 상위 사업을 바로잡으세요."));
                    break;
                }

                path.Add(p);
                if (path.Count > 64) break;
            }
        }

        return rows;
    }

    private static readonly NumberRules Percent = new(false, false, false, 100, ["%"], "100%");

    private static List<StructureIndicatorRow> ParseIndicators(ReadSheet sheet, List<ImportIssue> errors)
    {
        var rows = new List<StructureIndicatorRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in DataRows(sheet))
        {
            var before = errors.Count;
            if (!Screen(sheet, r, IndicatorColumns, errors)) continue;
            var code = Code(sheet, r, 1, "코드", errors);
            var field = Text(sheet, r, 2, "분야", MaxNameLength, errors, required: true);
            var name = Text(sheet, r, 3, "지표명", MaxNameLength, errors, required: true);
            var unit = Text(sheet, r, 4, "단위", 20, errors);
            Direction? direction = sheet.Text(r, 5) switch { "" or "높을수록" => Direction.Higher, "낮을수록" => Direction.Lower, _ => null };
            if (direction is null) errors.Add(new ImportIssue(sheet.Name, Ref(5, r), $"방향은 높을수록 또는 낮을수록이어야 합니다 (입력: {sheet.Text(r, 5)})."));
            IndicatorAccumulation? acc = sheet.Text(r, 6) switch { "" or "누적" => IndicatorAccumulation.Cumulative, "시점" => IndicatorAccumulation.PointInTime, _ => null };
            if (acc is null) errors.Add(new ImportIssue(sheet.Name, Ref(6, r), $"누적/시점은 누적 또는 시점이어야 합니다 (입력: {sheet.Text(r, 6)})."));
            var targets = new List<string>();
            for (var c = 7; c <= 11; c++)
            {
                var cell = sheet.Cell(r, c);
                var label = IndicatorColumns[c - 1].Heading;
                if (cell is { IsDate: true })
                {
                    errors.Add(new ImportIssue(sheet.Name, cell.Reference, $"날짜가 들어 있습니다 ({cell.DateText}, {label}). 셀 서식을 텍스트로 바꾸고 다시 입력하세요."));
                    continue;
                }

                var text = cell is null ? "" : cell.IsNumber && decimal.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                    ? Math.Round(n, 9).ToString("#,##0.#########", CultureInfo.InvariantCulture) : cell.Text.Trim();
                if (text.Any(ch => char.IsDigit(ch) && !char.IsAsciiDigit(ch)))
                    errors.Add(new ImportIssue(sheet.Name, Ref(c, r), $"전각 숫자 등 반각이 아닌 숫자가 들어 있습니다 ({label}, 입력: {text}). 반각 숫자로 적으세요."));
                else if (text.StartsWith('-') || text.StartsWith('△'))
                    errors.Add(new ImportIssue(sheet.Name, Ref(c, r), $"음수는 받지 않습니다 ({label}, 입력: {text})."));
                else if (text.Length > 0 && DataEntry.IndicatorEntryService.CellError(text) is { } error)
                    errors.Add(new ImportIssue(sheet.Name, Ref(c, r), $"{label}: {error} (입력: {text})."));
                targets.Add(text);
            }

            Number(sheet, r, 12, "주의 기준 (%)", Percent, errors, out var caution);
            var related = sheet.Text(r, 13).Split([',', '，', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
            foreach (var bad in related.Where(c => !CodeShape().IsMatch(c)))
                errors.Add(new ImportIssue(sheet.Name, Ref(13, r), $"관련 사업 코드 '{bad}'의 모양이 잘못되었습니다 (쉼표로 나눠 적습니다)."));
            var kindText = sheet.Text(r, 14);
            var kind = kindText.Length == 0 ? null : IndicatorKindOf(kindText);
            if (kindText.Length > 0 && kind is null)
                errors.Add(new ImportIssue(sheet.Name, Ref(14, r),
                    $"구분 '{kindText}'은(는) 알 수 없습니다. {string.Join(", ", IndicatorKinds.Select(IndicatorKindLabel))} 중 하나를 적으세요 (비우면 새 지표는 성과약속)."));
            if (code is not null)
            {
                if (seen.TryGetValue(code, out var first)) errors.Add(new ImportIssue(sheet.Name, Ref(1, r), $"코드 {code}이(가) 중복됩니다 ({sheet.Name}!A{first}와 같습니다)."));
                else seen[code] = r;
            }

            if (errors.Count > before) continue;
            rows.Add(new StructureIndicatorRow(r, code!, field, name, unit, direction!.Value, acc!.Value, targets[0], targets.Skip(1).ToList(),
                caution is { } v ? Math.Round(v / 100m, 4) : null, related, kind));
        }

        return rows;
    }

    private static List<StructureProjectRow> ParseProjects(ReadSheet sheet, List<ImportIssue> errors)
    {
        var rows = new List<StructureProjectRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in DataRows(sheet))
        {
            var before = errors.Count;
            if (!Screen(sheet, r, ProjectColumns, errors)) continue;
            var code = Code(sheet, r, 1, "코드", errors);
            var area = Text(sheet, r, 2, "분야", MaxNameLength, errors, required: true);
            var title = Text(sheet, r, 3, "사업명", MaxNameLength, errors, required: true);
            var audience = Text(sheet, r, 4, "대상", MaxTextLength, errors);
            var content = Text(sheet, r, 5, "내용", MaxTextLength, errors);
            var target = Text(sheet, r, 6, "성과목표", MaxTextLength, errors);
            var codes = sheet.Text(r, 7).Split([',', '，', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
            foreach (var bad in codes.Where(c => !CodeShape().IsMatch(c)))
                errors.Add(new ImportIssue(sheet.Name, Ref(7, r), $"예산 코드 '{bad}'의 모양이 잘못되었습니다 (쉼표로 나눠 적습니다)."));
            if (code is not null)
            {
                if (seen.TryGetValue(code, out var first)) errors.Add(new ImportIssue(sheet.Name, Ref(1, r), $"코드 {code}이(가) 중복됩니다 ({sheet.Name}!A{first}와 같습니다)."));
                else seen[code] = r;
            }

            if (errors.Count > before) continue;
            rows.Add(new StructureProjectRow(r, code!, area, title, Null(audience), Null(content), Null(target), codes));
        }

        return rows;
    }

    private static List<StructureSiteRow> ParseSites(ReadSheet sheet, List<ImportIssue> errors)
    {
        var rows = new List<StructureSiteRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in DataRows(sheet))
        {
            var before = errors.Count;
            if (!Screen(sheet, r, SiteColumns, errors)) continue;
            var code = Code(sheet, r, 1, "코드", errors);
            var name = Text(sheet, r, 2, "이름", MaxNameLength, errors, required: true);
            CampusKind? kind = sheet.Text(r, 3) switch { "" or "캠퍼스" => CampusKind.Campus, "센터" => CampusKind.Centre, _ => null };
            if (kind is null) errors.Add(new ImportIssue(sheet.Name, Ref(3, r), $"구분은 캠퍼스 또는 센터여야 합니다 (입력: {sheet.Text(r, 3)})."));
            var opened = Date(sheet, r, 4, "개소일", errors);
            var closed = Date(sheet, r, 5, "폐소일", errors);
            if (opened is { } o && closed is { } c && c < o)
                errors.Add(new ImportIssue(sheet.Name, Ref(5, r), $"폐소일({c:yyyy-MM-dd})이 개소일({o:yyyy-MM-dd})보다 앞섭니다."));
            if (code is not null)
            {
                if (seen.TryGetValue(code, out var first)) errors.Add(new ImportIssue(sheet.Name, Ref(1, r), $"코드 {code}이(가) 중복됩니다 ({sheet.Name}!A{first}와 같습니다)."));
                else seen[code] = r;
            }

            if (errors.Count > before) continue;
            rows.Add(new StructureSiteRow(r, code!, name, kind!.Value, opened, closed));
        }

        return rows;
    }

    private static string? Null(string text) => text.Length == 0 ? null : text;

    private static int? Row(ReadSheet sheet, string label) =>
        sheet.Rows.Where(r => r.Value.TryGetValue(1, out var a) && a.Text.Trim() == label).Select(r => (int?)r.Key).FirstOrDefault();

    internal static string Ref(int column, int row) => Infrastructure.Excel.XlsxSheetWriter.Reference(column, row);
}
