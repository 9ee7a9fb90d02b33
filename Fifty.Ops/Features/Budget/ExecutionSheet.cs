using Fifty.Ops.Components;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Infrastructure.Excel;

namespace Fifty.Ops.Features.Budget;

/// <summary>
/// The execution grid as a worksheet: the budget grid of a period as /budget shows it (exact 천원, rates as numbers
/// with percentage formats, the hierarchy as outline levels), in the columns of <see cref="ExecutionColumns"/>. The
/// auditor's workbook (<see cref="ExecutionWorkbook"/>) and the quarterly workbook both write it through here; the
/// writing itself is <see cref="OutlineGrid"/>.
/// </summary>
public static class ExecutionSheet
{
    /// <summary>The row of the column headings: rows 1–4 are the title and header block.</summary>
    public const int HeadingRow = 5;

    /// <summary>
    /// Adds the grid sheet ("예산집행현황", or "소요예산" for a year without an execution appendix) to
    /// <paramref name="workbook"/>. <paramref name="printedAt"/> is the local print time as the header shows it.
    /// </summary>
    public static void Write(XlsxWorkbook workbook, string institution, PeriodDto period, BudgetOverview overview, string printedAt)
    {
        var rows = overview.Execution;
        var depths = ExecutionHierarchy.Depths(rows);
        var required = overview.Mode == BudgetGridMode.RequiredBudget;
        var columns = required ? RequiredBudgetColumns() : ExecutionColumnsOf(overview.Pace!);
        var styles = new GridStyles(workbook.Styles);
        var title = required ? $"{period.Year}년 사업별 소요예산 (집행 실적 없음)" : $"{period.Year}년 {period.Quarter}분기 예산 집행 현황";

        var nameWidth = ColumnWidths.Fit(rows.Select(r => new string(' ', 2 * depths[r.Code]) + r.Name), min: 24, max: 48);
        var layout = new SheetLayout
        {
            ColumnWidths = columns.Select(c => c.IsName ? nameWidth : c.Width).ToList(),
            FrozenRows = HeadingRow,
            FrozenColumns = 2,
            MaxOutlineLevel = depths.Values.DefaultIfEmpty(0).Max(),
            PrintTitleRows = (HeadingRow, HeadingRow),
            FooterLeft = $"{institution} · {title} ({Fmt.AsOf(period.AsOf)}, 단위: 천원)",
            FooterRight = $"출력 {printedAt}",
        };

        using var sheet = workbook.AddSheet(required ? "소요예산" : "예산집행현황", layout);
        WriteHeaderBlock(sheet, styles, institution, period, printedAt, title, columns.Count, overview.ExecutionSource);
        OutlineGrid.Write(sheet, styles, HeadingRow, columns, rows, r => depths[r.Code], r =>
        {
            var depth = depths[r.Code];
            return depth <= 1 ? 2 : depth == 2 && r.Kind != ProgrammeKind.OverheadItem ? 1 : 0;
        });

        // As on the page: a hierarchy without a printed 소계 (2020) gets a computed total below the filter range.
        var roots = rows.Where(r => depths[r.Code] == 0).ToList();
        if (required && roots.Count > 0 && roots.All(r => r.CurrentBudget is not null))
        {
            var total = new XlsxCell[columns.Count];
            for (var i = 0; i < total.Length; i++) total[i] = XlsxCell.Blank(styles.Text(2));
            total[1] = XlsxCell.Of("합계", styles.Text(2));
            total[4] = XlsxCell.Of(roots.Sum(r => r.CurrentBudget), styles.Amount(2));
            total[5] = XlsxCell.Of("최상위 사업 합계(계산)", styles.Text(2));
            sheet.WriteRow(total);
        }
    }

    /// <summary>Rows 1–4 of a sheet of the auditor's workbook: title, 기관명 / 출력일시, 보고서명 / 기준일, 출처 / 단위 (천원).</summary>
    internal static void WriteHeaderBlock(
        XlsxSheetWriter sheet, GridStyles styles, string institution, PeriodDto period, string printedAt, string title, int columns, string? note) =>
        HeaderBlock.Write(sheet, styles.Header, title, columns, new[]
        {
            ($"기관명 : {institution}", $"출력일시 : {printedAt}"),
            ($"보고서명 : {period.Label}", $"기준일 : {Fmt.Date(period.AsOf)}"),
            (note is null ? "" : $"출처·설명 : {note}", "(단위 : 천원)"),
        });

    private static GridColumn<ExecutionRow> Text(string heading, double width, Func<ExecutionRow, string?> value) => new(heading, width, value);

    private static GridColumn<ExecutionRow> Figure(ExecutionColumn column) =>
        new(column.SheetHeading, column.SheetWidth, r => column.Value(r), column.SheetFormat);

    /// <summary>코드 · 사업명 · 구분 · 재원·표시 before the figures of every row.</summary>
    private static IEnumerable<GridColumn<ExecutionRow>> Identity() =>
    [
        Text("코드", 9, r => r.Code),
        new("사업명", 30, r => r.Name.Trim(), IsName: true),
        Text("구분", 9, r => BudgetLabels.Kind(r.Kind)),
        Text("재원·표시", 12, Marks),
    ];

    private static List<GridColumn<ExecutionRow>> ExecutionColumnsOf(PaceSummary pace) =>
    [
        .. Identity(),
        .. ExecutionColumns.All.Select(Figure),
        Text("예상액 근거", 12, r => r.ForecastBasis == ForecastBasis.None ? null : r.ForecastBasis.Label()),
        Text($"집행 속도\n({pace.Quarter}분기 기대 {Fmt.Percent(pace.Expected)})", 13, r => r.Pace is { Status: not PaceStatus.NoData } p ? $"{p.Status.Symbol()} {p.Status.Label()}" : null),
    ];

    private static List<GridColumn<ExecutionRow>> RequiredBudgetColumns() =>
    [
        .. Identity(),
        Figure(ExecutionColumns.RequiredBudget),
        Text("비고", 20, r => r.BudgetComputed ? "하위 사업 합계(계산)" : r.BudgetCarriedFrom is { } from ? $"이월: {from} 예산현액" : null),
    ];

    private static string? Marks(ExecutionRow row)
    {
        var marks = new List<string>();
        if (row.Funding != FundingSource.Contribution) marks.Add(BudgetLabels.Funding(row.Funding));
        marks.AddRange(row.Tags);
        return marks.Count == 0 ? null : string.Join(" · ", marks);
    }
}
