using System.Globalization;
using Fifty.Ops.Components;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Campuses;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Infrastructure.Excel;
using static Fifty.Ops.Features.Import.TemplateLayout;

namespace Fifty.Ops.Features.Import;

/// <summary>Everything a template shows, read from the entry services (the same figures the forms show).</summary>
public sealed record TemplateData(
    EntryPeriodState Period, IndicatorEntryPage Indicators, BudgetEntryPage Budget, NarrativeEntryPage Narratives, UsageEntryPage Campus, string CreatedAt);

/// <summary>
/// Writes the quarterly input workbook: an instructions sheet, then one sheet per area pre-filled with the period's
/// entered values and the codes, reference figures beside them. Code, name and reference columns are locked (sheet
/// protection without a password: it prevents slips); only input cells are open, with Excel's own validation of
/// whole numbers and lists where it helps. The narratives sheet is left unprotected so rows can be added.
/// </summary>
public static class ImportTemplate
{
    private const string Gray = "F2F2F2";
    private const string Input = "FFFDE7";

    public static string FileName(EntryPeriodState period) => FileNames(period.Year, period.Quarter).Korean;

    /// <summary>Both names of a quarter's template, from one helper: <c>2023-Q4-input-template.xlsx</c> and <c>2023년_4분기_입력양식.xlsx</c>.</summary>
    public static (string Ascii, string Korean) FileNames(int year, int quarter) =>
        Infrastructure.Downloads.QuarterFileNames(year, quarter, "input-template", "입력양식", "xlsx");

    /// <summary>The download's Content-Disposition: <c>filename</c> and <c>filename*</c> name the same quarter.</summary>
    public static string ContentDisposition(int year, int quarter) =>
        Infrastructure.Downloads.QuarterAttachment(year, quarter, "input-template", "입력양식", "xlsx");

    public static void Write(TemplateData data, Stream output)
    {
        using var workbook = XlsxWorkbook.Create(output);
        var s = new Styles(workbook.Styles);
        WriteGuide(workbook, s, data);
        WriteIndicators(workbook, s, data);
        WriteBudget(workbook, s, data);
        WriteNarratives(workbook, s, data);
        WriteCampus(workbook, s, data);
    }

    private sealed class Styles(StyleSheetBuilder b)
    {
        public uint Title { get; } = b.Index(new CellStyle(Bold: true, FontSize: 14));
        public uint Note { get; } = b.Index(new CellStyle(Wrap: true));
        public uint Heading { get; } = b.Index(new CellStyle(Bold: true, Fill: "DCE6F1", Border: true, Align: CellAlign.Center, Wrap: true));
        public uint InputHeading { get; } = b.Index(new CellStyle(Bold: true, Fill: "FFF2CC", Border: true, Align: CellAlign.Center, Wrap: true));
        public uint Locked { get; } = b.Index(new CellStyle(Fill: Gray, Border: true, Wrap: true));
        public uint LockedAmount { get; } = b.Index(new CellStyle(CellStyle.Formats.Amount, Fill: Gray, Border: true));
        // Free-text input cells are Text-formatted, so Excel keeps 3/4 or 1-2 as typed instead of turning it into a date.
        public uint Text { get; } = b.Index(new CellStyle(CellStyle.Formats.Text, Border: true, Wrap: true, Fill: Input, Unlocked: true));
        public uint Amount { get; } = b.Index(new CellStyle(CellStyle.Formats.Amount, Border: true, Fill: Input, Unlocked: true));
        public uint Whole { get; } = b.Index(new CellStyle("0", Border: true, Fill: Input, Unlocked: true, Align: CellAlign.Center));
        public uint Label { get; } = b.Index(new CellStyle(Bold: true, Fill: Gray, Border: true));
        public uint Value { get; } = b.Index(new CellStyle(Border: true));
    }

    private static void WriteGuide(XlsxWorkbook workbook, Styles s, TemplateData data)
    {
        var p = data.Period;
        using var sheet = workbook.AddSheet(GuideSheet, new SheetLayout { ColumnWidths = [16, 100], Protected = true, Landscape = false });
        sheet.WriteRow([XlsxCell.Of($"{p.Name} 분기 입력 양식 ({Fmt.AsOf(p.AsOf)})", s.Title)], height: 24);
        sheet.WriteRow([]);
        sheet.WriteRow([XlsxCell.Of(GuideForm, s.Label), XlsxCell.Of(Marker, s.Value)]);
        sheet.WriteRow([XlsxCell.Of(GuideYear, s.Label), XlsxCell.Of(p.Year, s.Value)]);
        sheet.WriteRow([XlsxCell.Of(GuideQuarter, s.Label), XlsxCell.Of(p.Quarter, s.Value)]);
        sheet.WriteRow([XlsxCell.Of(GuideAsOf, s.Label), XlsxCell.Of(p.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.Value)]);
        sheet.WriteRow([XlsxCell.Of("내려받은 시각", s.Label), XlsxCell.Of(data.CreatedAt, s.Value)]);
        sheet.WriteRow([]);
        string[] lines =
        [
            "쓰는 법",
            "1. 노란 칸만 입력합니다. 회색 칸(코드, 이름, 참고 값)은 잠겨 있습니다. 열과 행의 순서를 바꾸거나 지우지 마세요.",
            "2. 금액은 천원 단위 정수입니다 (예: 1,234,567). 추경·예산변경의 감액은 -48,608 또는 △48,608로 적습니다.",
            "3. 빈 칸은 '입력하지 않음'입니다. 0으로 채우지 마세요. 빈 칸이면 보고서 값이나 이전 분기 값이 그대로 쓰입니다.",
            "4. 성과지표의 목표·실적은 보고서에 적는 그대로 적습니다 (예: 27,685 (5,383), 6/650, 진행중). 첫 숫자로 달성률을 계산합니다.",
            "5. 사업별 실적 시트는 행을 더할 수 있습니다: 사업코드, 구분(추진실적/향후계획), 순번, 수준(1 ○, 2 -, 3 ※), 내용을 적습니다. 한 사업·구분의 목록은 통째로 바뀝니다.",
            "6. 캠퍼스 이용은 이 분기의 세 달만 적습니다. 입주 좌석 수는 좌석 수를 넘을 수 없습니다.",
            "7. 맨 오른쪽 '확인값' 열(숨김)은 고치지 마세요. 내려받은 뒤 다른 사람이 같은 항목을 바꿨는지 확인하는 데 씁니다.",
            "8. 엑셀 가져오기 화면에 이 파일을 올리면 바뀌는 값을 칸마다 (이전 → 새 값) 먼저 보여 줍니다. 오류가 하나라도 있으면 아무것도 바꾸지 않습니다.",
            "9. 같은 파일을 다시 올려도 이미 반영된 값은 바뀌지 않습니다. 마감된 분기의 파일은 받지 않습니다.",
        ];
        foreach (var line in lines) sheet.WriteRow([XlsxCell.Blank(), XlsxCell.Of(line, line == "쓰는 법" ? s.Label : s.Note)]);
    }

    private static SheetLayout Layout(IReadOnlyList<TemplateColumn> columns, int frozenColumns, bool protect) => new()
    {
        ColumnWidths = columns.Select(c => c.Width).ToList(),
        FrozenRows = HeadingRow,
        FrozenColumns = frozenColumns,
        Protected = protect,
        HiddenColumns = new HashSet<int> { columns.Count },
        PrintTitleRows = (HeadingRow, HeadingRow),
    };

    private static void WriteHead(XlsxSheetWriter sheet, Styles s, IReadOnlyList<TemplateColumn> columns, string title, string note)
    {
        sheet.WriteRow([XlsxCell.Of(title, s.Title)], height: 22);
        sheet.WriteRow([XlsxCell.Of(note, s.Note)], height: 30);
        sheet.Merge(2, 1, Math.Min(columns.Count - 1, 8));
        sheet.WriteRow(columns.Select(c => XlsxCell.Of(c.Heading, c.Editable ? s.InputHeading : s.Heading)).ToList(), height: 33);
    }

    private static void WriteIndicators(XlsxWorkbook workbook, Styles s, TemplateData data)
    {
        var rows = data.Indicators.Rows;
        using var sheet = workbook.AddSheet(IndicatorsSheet, Layout(IndicatorColumns, 4, protect: true));
        WriteHead(sheet, s, IndicatorColumns, $"성과지표 목표·실적 — {data.Period.Name} ({Fmt.AsOf(data.Period.AsOf)})",
            "목표·실적은 이 분기에 새로 적용할 값만 적습니다. 비워 두면 '적용 중인' 값이 그대로 쓰입니다. 원인 분석·조치 계획은 이 분기 설명입니다.");
        foreach (var r in rows)
        {
            sheet.WriteRow(
            [
                XlsxCell.Of(r.Code, s.Locked), XlsxCell.Of(KindName(r.Kind), s.Locked), XlsxCell.Of(r.Field, s.Locked),
                XlsxCell.Of(r.DisplayName, s.Locked), XlsxCell.Of(r.Unit, s.Locked),
                XlsxCell.Of(r.Target?.Raw, s.Locked), XlsxCell.Of(r.Actual?.Raw, s.Locked),
                XlsxCell.Of(r.EnteredTarget?.Raw, s.Text), XlsxCell.Of(r.EnteredActual?.Raw, s.Text),
                XlsxCell.Of(r.Cause, s.Text), XlsxCell.Of(r.Action, s.Text),
                XlsxCell.Of(Check(r.Token, Canonical(r.EnteredTarget?.Raw, r.EnteredActual?.Raw, r.Cause, r.Action)), s.Locked),
            ]);
        }

        var last = Math.Max(FirstDataRow, sheet.RowCount);
        sheet.Validate(new XlsxValidation($"H{FirstDataRow}:I{last}", XlsxValidationKind.TextLength, "목표·실적", $"{IndicatorEntryService.MaxRawLength}자 이내로 적으세요.") { Max = IndicatorEntryService.MaxRawLength });
        sheet.Validate(new XlsxValidation($"J{FirstDataRow}:K{last}", XlsxValidationKind.TextLength, "원인 분석·조치 계획", $"{IndicatorEntryService.MaxTextLength}자 이내로 적으세요.") { Max = IndicatorEntryService.MaxTextLength });
    }

    private static void WriteBudget(XlsxWorkbook workbook, Styles s, TemplateData data)
    {
        using var sheet = workbook.AddSheet(BudgetSheet, Layout(BudgetColumns, 2, protect: true));
        WriteHead(sheet, s, BudgetColumns, $"예산·집행 금액 (단위: 천원) — {data.Period.Name} ({Fmt.AsOf(data.Period.AsOf)})",
            "최하위 사업(세부사업, 일반관리비 항목)만 입력합니다. 상위 사업은 합계로 계산됩니다. 보고서 값은 바뀌지 않고, 입력 값이 따로 저장되어 대사(보고서 값과 입력 값 맞추어 보기)에서 비교됩니다.");
        foreach (var r in data.Budget.Rows)
        {
            var cells = new List<XlsxCell> { XlsxCell.Of(r.Code, s.Locked), XlsxCell.Of(r.Name, s.Locked), XlsxCell.Of(r.Area, s.Locked) };
            cells.AddRange(BudgetFields.All.Select(f => XlsxCell.Of(r.Entered?[f], s.Amount)));
            cells.Add(XlsxCell.Of(r.Reference?.Amounts.CurrentBudget, s.LockedAmount));
            cells.Add(XlsxCell.Of(r.Reference?.Amounts.Committed, s.LockedAmount));
            cells.Add(XlsxCell.Of(r.Reference?.Amounts.Disbursed, s.LockedAmount));
            cells.Add(XlsxCell.Of(r.Reference?.Label, s.Locked));
            cells.Add(XlsxCell.Of(Check(r.Token, Canonical(r.Entered ?? BudgetAmounts.Empty)), s.Locked));
            sheet.WriteRow(cells);
        }

        var last = Math.Max(FirstDataRow, sheet.RowCount);
        sheet.Validate(new XlsxValidation($"D{FirstDataRow}:D{last} E{FirstDataRow}:E{last} H{FirstDataRow}:J{last}", XlsxValidationKind.WholeNumber,
            "금액 (천원)", "0 이상의 천원 단위 정수로 적으세요.") { Min = 0, Max = AmountText.Max });
        sheet.Validate(new XlsxValidation($"F{FirstDataRow}:G{last}", XlsxValidationKind.WholeNumber,
            "금액 (천원)", "천원 단위 정수로 적으세요 (감액은 음수).") { Min = -AmountText.Max, Max = AmountText.Max });
    }

    private static void WriteNarratives(XlsxWorkbook workbook, Styles s, TemplateData data)
    {
        using var sheet = workbook.AddSheet(NarrativesSheet, Layout(NarrativeColumns, 2, protect: false));
        WriteHead(sheet, s, NarrativeColumns, $"추진실적·향후계획 — {data.Period.Name} ({Fmt.AsOf(data.Period.AsOf)})",
            "한 행이 한 항목입니다. 행을 더하거나 지울 수 있습니다. 한 사업·구분의 목록은 파일에 있는 대로 통째로 바뀌며, 파일에 없는 사업·구분은 그대로 둡니다.");
        foreach (var project in data.Narratives.Projects)
        {
            foreach (var kind in new[] { NarrativeKind.Progress, NarrativeKind.Plan })
            {
                var set = project.Of(kind);
                var check = $"{project.Code}|{KindCode(kind)}|{Check(set.Token, Canonical(set.Items))}";
                for (var i = 0; i < set.Items.Count; i++)
                {
                    var b = set.Items[i];
                    sheet.WriteRow(
                    [
                        XlsxCell.Of(project.Code, s.Text), XlsxCell.Of(project.Title, s.Locked), XlsxCell.Of(KindText(kind), s.Text),
                        XlsxCell.Of(i + 1, s.Whole), XlsxCell.Of(b.Depth, s.Whole), XlsxCell.Of(b.Text, s.Text), XlsxCell.Of(b.Schedule, s.Text),
                        XlsxCell.Of(check, s.Locked),
                    ]);
                }
            }
        }

        var last = Math.Max(FirstDataRow + 500, sheet.RowCount + 500);
        sheet.Validate(new XlsxValidation($"C{FirstDataRow}:C{last}", XlsxValidationKind.List, "구분", "추진실적 또는 향후계획 중 하나를 고르세요.") { Items = ["추진실적", "향후계획"] });
        sheet.Validate(new XlsxValidation($"E{FirstDataRow}:E{last}", XlsxValidationKind.WholeNumber, "수준", "1(○), 2(-), 3(※) 중 하나를 적으세요.") { Min = 1, Max = 3 });
    }

    private static void WriteCampus(XlsxWorkbook workbook, Styles s, TemplateData data)
    {
        using var sheet = workbook.AddSheet(CampusSheet, Layout(CampusColumns, 3, protect: true));
        var (first, lastMonth) = QuarterCalendar.Months(data.Period.Quarter);
        WriteHead(sheet, s, CampusColumns, $"캠퍼스 월별 이용 — {data.Period.Year}년 {first}~{lastMonth}월",
            "빈 칸은 '입력하지 않음'입니다. 예시 데이터는 나오지 않으며, 입력하면 그 달의 입력 자료가 됩니다.");
        foreach (var campus in data.Campus.Campuses.Where(c => c.TakesEntries))
        {
            for (var month = first; month <= lastMonth; month++)
            {
                var stored = campus.Months[month - 1] is { IsDemo: false } m ? m : null;
                var values = UsageAggregation.Metrics.Select(metric => stored?[metric]).ToList();
                var cells = new List<XlsxCell> { XlsxCell.Of(campus.Code, s.Locked), XlsxCell.Of(campus.ShortName, s.Locked), XlsxCell.Of(month, s.LockedAmount) };
                cells.AddRange(values.Select(v => XlsxCell.Of(v, s.Amount)));
                cells.Add(XlsxCell.Of(campus.Seats, s.LockedAmount));
                cells.Add(XlsxCell.Of(Check((stored?.Version ?? 0).ToString(CultureInfo.InvariantCulture), Canonical(values)), s.Locked));
                sheet.WriteRow(cells);
            }
        }

        var last = Math.Max(FirstDataRow, sheet.RowCount);
        sheet.Validate(new XlsxValidation($"D{FirstDataRow}:H{last}", XlsxValidationKind.WholeNumber, "이용 실적", "0 이상의 정수로 적으세요.") { Min = 0, Max = int.MaxValue });
    }

    public static string KindName(IndicatorKind kind) => kind switch
    {
        IndicatorKind.Promise => "성과약속",
        IndicatorKind.Headline => "주요실적",
        _ => "사업목표",
    };
}
