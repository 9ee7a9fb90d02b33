using System.Globalization;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Campuses;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Infrastructure.Reading;
using static Fifty.Ops.Features.Import.TemplateLayout;

namespace Fifty.Ops.Features.Import;

/// <summary>A problem with one cell (or a whole sheet when <see cref="Cell"/> is null), named the way Excel names it.</summary>
public sealed record ImportIssue(string Sheet, string? Cell, string Message)
{
    public string Text => Cell is null ? $"{Sheet}: {Message}" : $"{Sheet}!{Cell}: {Message}";
}

internal sealed record ParsedIndicatorRow(int Row, string Code, string Target, string Actual, string Cause, string Action, string? Check);

internal sealed record ParsedBudgetRow(int Row, string Code, BudgetAmounts Amounts, string? Check);

internal sealed record ParsedNarrativeRow(int Row, string Code, NarrativeKind Kind, int Ordinal, NarrativeBullet Bullet, string? Check);

internal sealed record ParsedCampusRow(int Row, string Code, int Month, UsageEntryForm Form, IReadOnlyList<int?> Values, string? Check);

/// <summary>What a workbook says, sheet by sheet, before it is compared with the database.</summary>
internal sealed class ParsedWorkbook
{
    public int? Year { get; set; }
    public int? Quarter { get; set; }
    public List<ImportIssue> Errors { get; } = [];
    public List<string> Notes { get; } = [];
    public List<ParsedIndicatorRow>? Indicators { get; set; }
    public List<ParsedBudgetRow>? Budget { get; set; }
    public List<ParsedNarrativeRow>? Narratives { get; set; }
    public List<ParsedCampusRow>? Campus { get; set; }
}

/// <summary>
/// Reads the template's sheets into typed rows. Checks that need no database happen here — the form marker and
/// period, headings, types, ranges and lengths — each error naming its sheet and cell (<c>예산집행!F217: 숫자가
/// 아닙니다</c>). A missing area sheet leaves that area unchanged.
/// </summary>
internal static class ImportParser
{
    public static ParsedWorkbook Parse(IReadOnlyDictionary<string, ReadSheet> sheets)
    {
        var result = new ParsedWorkbook();
        if (!sheets.TryGetValue(GuideSheet, out var guide) || Row(guide, GuideForm) is not { } formRow || guide.Text(formRow, 2) is not { } marker || (marker != Marker && !LegacyMarkers.Contains(marker)))
        {
            result.Errors.Add(new ImportIssue(GuideSheet, "B3", $"분기 입력 양식이 아닙니다 ('{Marker}' 표시가 없습니다). 엑셀 가져오기 화면에서 양식을 내려받아 쓰세요."));
            return result;
        }

        result.Year = WholeAt(guide, GuideYear, result.Errors);
        result.Quarter = WholeAt(guide, GuideQuarter, result.Errors);
        if (result.Errors.Count > 0) return result;

        result.Indicators = Sheet(sheets, IndicatorsSheet, IndicatorColumns, result, ParseIndicators);
        result.Budget = Sheet(sheets, BudgetSheet, BudgetColumns, result, ParseBudget);
        result.Narratives = Sheet(sheets, NarrativesSheet, NarrativeColumns, result, ParseNarratives);
        result.Campus = Sheet(sheets, CampusSheet, CampusColumns, result, ParseCampus);
        return result;
    }

    private static List<T>? Sheet<T>(IReadOnlyDictionary<string, ReadSheet> sheets, string name, IReadOnlyList<TemplateColumn> columns, ParsedWorkbook result,
        Func<ReadSheet, List<ImportIssue>, List<T>> parse)
    {
        if (!sheets.TryGetValue(name, out var found))
        {
            var others = sheets.Keys.Where(k => k is not (GuideSheet or IndicatorsSheet or BudgetSheet or NarrativesSheet or CampusSheet)).ToList();
            result.Errors.Add(new ImportIssue(name, null,
                $"'{name}' 시트가 없습니다{(others.Count > 0 ? $" (양식에 없는 시트: {string.Join(", ", others.Select(o => $"'{o}'"))})" : "")}. " +
                "시트 이름을 바꾸거나 지우지 말고 /import에서 내려받은 양식을 쓰세요. 파일 전체를 받지 않았습니다."));
            return null;
        }

        for (var c = 1; c <= columns.Count; c++)
        {
            if (found.Text(HeadingRow, c) != columns[c - 1].Heading)
            {
                result.Errors.Add(new ImportIssue(name, Ref(c, HeadingRow),
                    $"머리글이 양식과 다릅니다 ('{columns[c - 1].Heading}'이어야 하는데 '{found.Text(HeadingRow, c)}'입니다). 열을 옮기거나 지우지 말고 새 양식을 쓰세요."));
                return null;
            }
        }

        return parse(Screen(found, columns, result.Errors), result.Errors);
    }

    /// <summary>
    /// The conversions Excel makes behind the planner's back, caught before any value is read: a number shown as a date
    /// (<c>3/4</c> typed into a number cell is stored as 45355) and a formula with no saved result (a script wrote it and
    /// nothing calculated it). Each is an error naming its cell, and the cell is left out of the rows read.
    /// </summary>
    private static ReadSheet Screen(ReadSheet sheet, IReadOnlyList<TemplateColumn> columns, List<ImportIssue> errors)
    {
        var rows = new Dictionary<int, IReadOnlyDictionary<int, ReadCell>>();
        foreach (var (r, cells) in sheet.Rows)
        {
            if (r < FirstDataRow || cells.Values.All(c => !c.IsDate && c.FormulaWithoutValue is null))
            {
                rows[r] = cells;
                continue;
            }

            var kept = new Dictionary<int, ReadCell>();
            foreach (var (c, cell) in cells)
            {
                var heading = c <= columns.Count ? columns[c - 1].Heading : null;
                if (heading is null || c == columns.Count) { kept[c] = cell; continue; }
                if (cell.FormulaWithoutValue is { } formula)
                    errors.Add(new ImportIssue(sheet.Name, cell.Reference,
                        $"수식({formula})의 계산 결과가 저장되어 있지 않습니다 ({heading}). 엑셀에서 열어 계산한 뒤 저장하거나, 값으로 붙여 넣으세요."));
                else if (cell.IsDate)
                    errors.Add(new ImportIssue(sheet.Name, cell.Reference,
                        $"날짜가 들어 있습니다 ({cell.DateText}, {heading}). 엑셀은 3/4나 1-2처럼 적은 값을 날짜로 바꿉니다. 셀 서식을 숫자(금액·인원) 또는 텍스트(목표·실적)로 바꾸고 다시 입력하세요."));
                else kept[c] = cell;
            }

            if (kept.Count > 0) rows[r] = kept;
        }

        return new ReadSheet(sheet.Name, rows);
    }

    private static List<ParsedIndicatorRow> ParseIndicators(ReadSheet sheet, List<ImportIssue> errors)
    {
        var rows = new List<ParsedIndicatorRow>();
        foreach (var r in DataRows(sheet))
        {
            var code = sheet.Text(r, 1);
            string Field(int column, int max, string label, bool figure = false)
            {
                var cell = sheet.Cell(r, column);
                var text = cell is { IsNumber: true } ? NumberCellText(cell) : sheet.Text(r, column);
                if (text.Length > max) errors.Add(new ImportIssue(sheet.Name, Ref(column, r), $"{label}은(는) {max:#,##0}자 이내여야 합니다 (현재 {text.Length:#,##0}자)."));
                else if (figure && IndicatorEntryService.CellError(text) is { } error)
                    errors.Add(new ImportIssue(sheet.Name, Ref(column, r), $"{label}: {error} (입력: {text})"));
                return text;
            }

            var row = new ParsedIndicatorRow(r, code,
                Field(8, IndicatorEntryService.MaxRawLength, "목표", figure: true), Field(9, IndicatorEntryService.MaxRawLength, "실적", figure: true),
                Field(10, IndicatorEntryService.MaxTextLength, "원인 분석"), Field(11, IndicatorEntryService.MaxTextLength, "조치 계획"),
                NullIfEmpty(sheet.Text(r, 12)));
            if (code.Length == 0)
            {
                if (row.Target.Length + row.Actual.Length + row.Cause.Length + row.Action.Length > 0)
                    errors.Add(new ImportIssue(sheet.Name, Ref(1, r), "지표 코드가 비어 있습니다."));
                continue;
            }

            rows.Add(row);
        }

        return rows;
    }

    private static List<ParsedBudgetRow> ParseBudget(ReadSheet sheet, List<ImportIssue> errors)
    {
        var rows = new List<ParsedBudgetRow>();
        foreach (var r in DataRows(sheet))
        {
            var code = sheet.Text(r, 1);
            var values = new Dictionary<BudgetField, decimal?>();
            var ok = true;
            foreach (var field in BudgetFields.All)
            {
                var column = BudgetColumnOf(field);
                if (Amount(sheet.Cell(r, column), field.AllowsNegative(), out var value, out var error))
                {
                    values[field] = value;
                }
                else
                {
                    ok = false;
                    errors.Add(new ImportIssue(sheet.Name, Ref(column, r), $"{error} ({field.Label()}, 입력: {sheet.Text(r, column)})"));
                }
            }

            if (code.Length == 0)
            {
                if (values.Values.Any(v => v is not null)) errors.Add(new ImportIssue(sheet.Name, Ref(1, r), "사업 코드가 비어 있습니다."));
                continue;
            }

            if (!ok) continue;
            rows.Add(new ParsedBudgetRow(r, code, new BudgetAmounts(values[BudgetField.CurrentBudget], values[BudgetField.Original], values[BudgetField.Supplementary],
                values[BudgetField.Transfers], values[BudgetField.Committed], values[BudgetField.Disbursed], values[BudgetField.Forecast]), NullIfEmpty(sheet.Text(r, 15))));
        }

        return rows;
    }

    private static List<ParsedNarrativeRow> ParseNarratives(ReadSheet sheet, List<ImportIssue> errors)
    {
        var rows = new List<ParsedNarrativeRow>();
        foreach (var r in DataRows(sheet))
        {
            var code = sheet.Text(r, 1);
            var kindText = sheet.Text(r, 3);
            var text = sheet.Text(r, 6);
            var schedule = sheet.Text(r, 7);
            if (code.Length == 0 && kindText.Length == 0 && sheet.Text(r, 4).Length == 0 && sheet.Text(r, 5).Length == 0 && text.Length == 0 && schedule.Length == 0) continue;
            var before = errors.Count;
            if (code.Length == 0) errors.Add(new ImportIssue(sheet.Name, Ref(1, r), "사업코드가 비어 있습니다."));
            NarrativeKind? kind = kindText switch { "추진실적" => NarrativeKind.Progress, "향후계획" => NarrativeKind.Plan, _ => null };
            if (kind is null) errors.Add(new ImportIssue(sheet.Name, Ref(3, r), $"구분은 '추진실적' 또는 '향후계획'이어야 합니다 (입력: {kindText})."));
            var ordinal = Whole(sheet.Cell(r, 4));
            if (ordinal is null or < 1 or > NarrativeEntryService.MaxItems)
                errors.Add(new ImportIssue(sheet.Name, Ref(4, r), $"순번은 1~{NarrativeEntryService.MaxItems} 사이의 정수여야 합니다 (입력: {sheet.Text(r, 4)})."));
            var depth = Whole(sheet.Cell(r, 5));
            if (depth is null or < 1 or > 3) errors.Add(new ImportIssue(sheet.Name, Ref(5, r), $"수준은 1(○), 2(-), 3(※) 중 하나여야 합니다 (입력: {sheet.Text(r, 5)})."));
            if (text.Length == 0) errors.Add(new ImportIssue(sheet.Name, Ref(6, r), "내용이 비어 있습니다 (빈 항목은 행을 지우세요)."));
            else if (text.Length > NarrativeEntryService.MaxTextLength)
                errors.Add(new ImportIssue(sheet.Name, Ref(6, r), $"내용은 {NarrativeEntryService.MaxTextLength:#,##0}자 이내여야 합니다 (현재 {text.Length:#,##0}자)."));
            if (schedule.Length > NarrativeEntryService.MaxScheduleLength)
                errors.Add(new ImportIssue(sheet.Name, Ref(7, r), $"일정은 {NarrativeEntryService.MaxScheduleLength}자 이내여야 합니다."));
            else if (schedule.Length > 0 && kind == NarrativeKind.Progress)
                errors.Add(new ImportIssue(sheet.Name, Ref(7, r), "일정은 향후계획에만 적습니다."));
            if (errors.Count > before) continue;
            rows.Add(new ParsedNarrativeRow(r, code, kind!.Value, ordinal!.Value, new NarrativeBullet(depth!.Value, text, NullIfEmpty(schedule)), NullIfEmpty(sheet.Text(r, 8))));
        }

        return rows;
    }

    private static List<ParsedCampusRow> ParseCampus(ReadSheet sheet, List<ImportIssue> errors)
    {
        var rows = new List<ParsedCampusRow>();
        foreach (var r in DataRows(sheet))
        {
            var code = sheet.Text(r, 1);
            if (code.Length == 0) continue;
            var month = Whole(sheet.Cell(r, 3));
            if (month is null or < 1 or > 12)
            {
                errors.Add(new ImportIssue(sheet.Name, Ref(3, r), $"월은 1~12 사이의 정수여야 합니다 (입력: {sheet.Text(r, 3)})."));
                continue;
            }

            var values = new List<int?>();
            var form = new UsageEntryForm { CampusCode = code, Month = month.Value.ToString(CultureInfo.InvariantCulture) };
            var ok = true;
            foreach (var metric in UsageAggregation.Metrics)
            {
                var column = CampusColumnOf(metric);
                var cell = sheet.Cell(r, column);
                decimal? read = null;
                if (cell is not null && !Number(cell, NumberRules.Count, out read, out var reason))
                {
                    ok = false;
                    errors.Add(new ImportIssue(sheet.Name, Ref(column, r), $"{UsageAggregation.Label(metric)}: 0 이상의 정수가 아닙니다 ({reason}, 입력: {cell.Text})."));
                }

                var value = (int?)read;

                values.Add(value);
                form[metric] = value?.ToString(CultureInfo.InvariantCulture) ?? "";
            }

            if (ok) rows.Add(new ParsedCampusRow(r, code, month.Value, form, values, NullIfEmpty(sheet.Text(r, 10))));
        }

        return rows;
    }

    /// <summary>An amount cell: a number as Excel stores it, or text as planners type it (1,234 / △48,608).</summary>
    internal static bool Amount(ReadCell? cell, bool allowNegative, out decimal? value, out string? error) =>
        Number(cell, allowNegative ? NumberRules.SignedAmount : NumberRules.Amount, out value, out error);

    /// <summary>
    /// A number cell read with the app's one number reader: a stored number is checked against the same bounds as typed
    /// text (its binary noise below 1e-9 rounded off, as Excel shows it); text goes through <see cref="NumberText"/>.
    /// </summary>
    internal static bool Number(ReadCell? cell, NumberRules rules, out decimal? value, out string? error)
    {
        value = null;
        error = null;
        if (cell is null) return true;
        if (cell.IsNumber)
        {
            if (!double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || double.IsNaN(number) || double.IsInfinity(number))
            {
                error = "숫자가 아닙니다";
                return false;
            }

            if (Math.Abs(number) > (double)rules.Max)
            {
                error = $"너무 큽니다 (최대 {rules.MaxText})";
                return false;
            }

            return NumberText.Check(Math.Round((decimal)number, 9), rules, out value, out error);
        }

        return NumberText.TryRead(cell.Text, rules, out value, out error);
    }

    /// <summary>A number cell's value as text for a free-text field (indicator 목표/실적): 1E+20 written out, noise rounded off.</summary>
    private static string NumberCellText(ReadCell cell) =>
        double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && Math.Abs(number) < 1e27
            ? Math.Round((decimal)number, 9).ToString("0.#########", CultureInfo.InvariantCulture)
            : cell.Text;

    private static int? Whole(ReadCell? cell) =>
        cell is not null && Number(cell, new NumberRules(true, true, false, int.MaxValue, [], "2,147,483,647"), out var value, out _) ? (int?)value : null;

    private static int? WholeAt(ReadSheet guide, string label, List<ImportIssue> errors)
    {
        if (Row(guide, label) is not { } row)
        {
            errors.Add(new ImportIssue(GuideSheet, null, $"'{label}' 행이 없습니다. 새 양식을 내려받아 쓰세요."));
            return null;
        }

        var value = Whole(guide.Cell(row, 2));
        if (value is null) errors.Add(new ImportIssue(GuideSheet, Ref(2, row), $"{label}가 숫자가 아닙니다 (입력: {guide.Text(row, 2)})."));
        return value;
    }

    private static int? Row(ReadSheet sheet, string label) =>
        sheet.Rows.Where(r => r.Value.TryGetValue(1, out var a) && a.Text.Trim() == label).Select(r => (int?)r.Key).FirstOrDefault();

    private static IEnumerable<int> DataRows(ReadSheet sheet) => sheet.Rows.Keys.Where(r => r >= FirstDataRow).Order();

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    internal static string Ref(int column, int row) => Infrastructure.Excel.XlsxSheetWriter.Reference(column, row);
}
