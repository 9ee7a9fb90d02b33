using Fifty.Ops.Components;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Budget.Reconciliation;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Infrastructure.Excel;
using Microsoft.EntityFrameworkCore;
using Fifty.Ops.Infrastructure;

namespace Fifty.Ops.Features.Budget;

/// <summary>What the export endpoint needs to send a workbook, or why there is none.</summary>
public sealed record WorkbookResult(string? FileName, string? Problem)
{
    public bool Written => Problem is null;
}

/// <summary>
/// The auditor's execution sheet: the budget grid of a period as the page shows it (exact 천원, rates as numbers with
/// percentage formats, the hierarchy as outline levels) and a second sheet with the reconciliation findings.
/// </summary>
public sealed class ExecutionWorkbook(
    IDbContextFactory<FiftyOpsDbContext> factory,
    PeriodService periods,
    BudgetQueryService budget,
    TimeProvider time)
{
    private const int HeadingRow = 5;

    private sealed record Column(string Heading, double Width, Func<ExecutionRow, object?> Value, ColumnKind Kind = ColumnKind.Amount);

    private enum ColumnKind { Text, Amount, Rate }

    /// <summary>Writes the workbook of exactly <paramref name="year"/>/<paramref name="quarter"/> to a seekable stream.</summary>
    public async Task<WorkbookResult> WriteAsync(int year, int quarter, Stream output, CancellationToken ct = default)
    {
        var period = (await periods.GetAllAsync(ct)).FirstOrDefault(p => p.Year == year && p.Quarter == quarter);
        if (period is null) return new WorkbookResult(null, $"{year}년 {quarter}분기 보고 기간이 없습니다. 연도와 분기를 확인하세요.");
        var overview = await budget.GetOverviewAsync(year, quarter, ct);
        if (overview.Mode == BudgetGridMode.None) return new WorkbookResult(null, $"{period.Name}에는 예산 집행 자료가 없습니다.");

        string institution;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            institution = await FiscalYear.Profile.InstitutionNameService.GetAsync(db, year, ct);
        }

        var printedAt = time.KoreaNow();
        var context = new SheetContext(institution, period, overview, $"{printedAt:yyyy. M. d. HH:mm}");
        using (var workbook = XlsxWorkbook.Create(output))
        {
            WriteGrid(workbook, context);
            WriteFindings(workbook, context);
        }

        return new WorkbookResult(FileName(period, overview.Mode), null);
    }

    /// <summary>The execution grid sheet, for another workbook (the quarterly report) to carry exactly as audited.</summary>
    internal static void WriteGridSheet(XlsxWorkbook workbook, string institution, PeriodDto period, BudgetOverview overview, string printedAt) =>
        WriteGrid(workbook, new SheetContext(institution, period, overview, printedAt));

    public static string FileName(PeriodDto period, BudgetGridMode mode) =>
        $"{period.Year}년_{period.Quarter}분기_{(mode == BudgetGridMode.RequiredBudget ? "사업별소요예산" : "예산집행현황")}.xlsx";

    private sealed record SheetContext(string Institution, PeriodDto Period, BudgetOverview Overview, string PrintedAt)
    {
        public string Title => Overview.Mode == BudgetGridMode.RequiredBudget
            ? $"{Period.Year}년 사업별 소요예산 (집행 실적 없음)"
            : $"{Period.Year}년 {Period.Quarter}분기 예산 집행 현황";
    }

    private static void WriteGrid(XlsxWorkbook workbook, SheetContext context)
    {
        var overview = context.Overview;
        var rows = overview.Execution;
        var depths = Depths(rows);
        var columns = overview.Mode == BudgetGridMode.RequiredBudget ? RequiredBudgetColumns() : ExecutionColumns(overview.Pace!);
        var styles = new GridStyles(workbook.Styles);

        var nameWidth = ColumnWidths.Fit(rows.Select(r => new string(' ', 2 * depths[r.Code]) + r.Name), min: 24, max: 48);
        var layout = new SheetLayout
        {
            ColumnWidths = columns.Select(c => c.Heading == "사업명" ? nameWidth : c.Width).ToList(),
            FrozenRows = HeadingRow,
            FrozenColumns = 2,
            MaxOutlineLevel = depths.Values.DefaultIfEmpty(0).Max(),
            PrintTitleRows = (HeadingRow, HeadingRow),
            FooterLeft = $"{context.Institution} · {context.Title} ({Fmt.AsOf(context.Period.AsOf)}, 단위: 천원)",
            FooterRight = $"출력 {context.PrintedAt}",
        };

        using var sheet = workbook.AddSheet(overview.Mode == BudgetGridMode.RequiredBudget ? "소요예산" : "예산집행현황", layout);
        WriteHeaderBlock(sheet, styles, context, context.Title, columns.Count, overview.ExecutionSource);
        sheet.WriteRow(columns.Select(c => XlsxCell.Of(c.Heading, styles.Heading)).ToList(), height: 33);

        foreach (var row in rows)
        {
            var depth = depths[row.Code];
            var emphasis = depth <= 1 ? 2 : depth == 2 && row.Kind != ProgrammeKind.OverheadItem ? 1 : 0;
            sheet.WriteRow(columns.Select(c => c.Value(row) switch
            {
                decimal number => XlsxCell.Of(number, c.Kind == ColumnKind.Rate ? styles.Rate(emphasis) : styles.Amount(emphasis)),
                string text => XlsxCell.Of(text, c.Heading == "사업명" ? styles.Name(emphasis, depth) : styles.Text(emphasis)),
                _ => XlsxCell.Of((string?)null, c.Kind == ColumnKind.Text ? styles.Text(emphasis) : styles.Amount(emphasis)),
            }).ToList(), outlineLevel: depth);
        }

        sheet.AutoFilter(HeadingRow, sheet.RowCount, columns.Count);

        // As on the page: a hierarchy without a printed 소계 (2020) gets a computed total below the filter range.
        var roots = rows.Where(r => depths[r.Code] == 0).ToList();
        if (overview.Mode == BudgetGridMode.RequiredBudget && roots.Count > 0 && roots.All(r => r.CurrentBudget is not null))
        {
            var total = new XlsxCell[columns.Count];
            for (var i = 0; i < total.Length; i++) total[i] = XlsxCell.Blank(styles.Text(2));
            total[1] = XlsxCell.Of("합계", styles.Text(2));
            total[4] = XlsxCell.Of(roots.Sum(r => r.CurrentBudget), styles.Amount(2));
            total[5] = XlsxCell.Of("최상위 사업 합계(계산)", styles.Text(2));
            sheet.WriteRow(total);
        }
    }

    private static void WriteFindings(XlsxWorkbook workbook, SheetContext context)
    {
        var findings = context.Overview.Findings;
        var styles = new GridStyles(workbook.Styles);
        string[] headings = ["번호", "구분", "규칙", "코드", "사업명·항목명", "비교 항목", "값 A 위치", "값 A", "값 A 출처", "값 B 위치", "값 B", "값 B 출처", "차이 (A − B)", "설명"];
        double[] widths =
        [
            6, 8, ColumnWidths.Fit(findings.Select(f => f.Rule.Label()), 14, 30), 10,
            ColumnWidths.Fit(findings.Select(f => f.Name), 16, 34), ColumnWidths.Fit(findings.Select(f => f.Item), 10, 22),
            ColumnWidths.Fit(findings.Select(f => f.A.Where), 14, 40), 13, ColumnWidths.Fit(findings.Select(f => f.A.Source), 16, 48),
            ColumnWidths.Fit(findings.Select(f => f.B.Where), 14, 48), 13, ColumnWidths.Fit(findings.Select(f => f.B.Source), 10, 48),
            13, ColumnWidths.Fit(findings.Select(f => f.Note), 14, 44),
        ];
        var layout = new SheetLayout
        {
            ColumnWidths = widths,
            FrozenRows = HeadingRow,
            PrintTitleRows = (HeadingRow, HeadingRow),
            FooterLeft = $"{context.Institution} · {context.Period.Year}년 {context.Period.Quarter}분기 대사 결과 ({Fmt.AsOf(context.Period.AsOf)})",
            FooterRight = $"출력 {context.PrintedAt}",
        };

        using var sheet = workbook.AddSheet("대사결과", layout);
        var summary = $"불일치 {Discrepancies.Count(findings, FindingSeverity.Mismatch)}건 · 표기 {Discrepancies.Count(findings, FindingSeverity.Notation)}건 · 참고 {Discrepancies.Count(findings, FindingSeverity.Info)}건 (같은 두 값의 차이는 한 건으로 세고, 반복은 번호 없이 그 아래에 적음). 원자료 값은 고치지 않고 두 값을 모두 적었습니다.";
        WriteHeaderBlock(sheet, styles, context, $"{context.Period.Year}년 {context.Period.Quarter}분기 예산 대사(검증) 결과", headings.Length, summary);
        sheet.WriteRow(headings.Select(h => XlsxCell.Of(h, styles.Heading)).ToList(), height: 33);
        var number = 0;
        foreach (var (f, first) in Discrepancies.Group(findings).SelectMany(d => d.Repeats.Select(r => (r, false)).Prepend((d.First, true))))
        {
            if (first) number++;
            sheet.WriteRow(
            [
                first ? XlsxCell.Of(number, styles.Amount(0)) : XlsxCell.Of($"↳ {number}", styles.TextRight),
                XlsxCell.Of(first ? f.Severity.Label() : "같은 차이", styles.Text(0)),
                XlsxCell.Of(f.Rule.Label(), styles.Wrapped),
                XlsxCell.Of(f.Code, styles.Text(0)),
                XlsxCell.Of(f.Name, styles.Wrapped),
                XlsxCell.Of(f.Item, styles.Wrapped),
                XlsxCell.Of(f.A.Where, styles.Wrapped),
                FindingValueCell(f, f.A, styles),
                XlsxCell.Of(f.A.Source, styles.Wrapped),
                XlsxCell.Of(f.B.Where, styles.Wrapped),
                FindingValueCell(f, f.B, styles),
                XlsxCell.Of(f.B.Source, styles.Wrapped),
                f.Difference is { } d ? XlsxCell.Of(d, f.Unit == FindingUnit.Percent ? styles.PercentPointDifference : styles.Amount(0)) : XlsxCell.Blank(styles.Text(0)),
                XlsxCell.Of(f.Note, styles.Wrapped),
            ]);
        }

        sheet.AutoFilter(HeadingRow, sheet.RowCount, headings.Length);
    }

    private static XlsxCell FindingValueCell(Finding finding, FindingValue value, GridStyles styles) => (finding.Unit, value.Value) switch
    {
        (FindingUnit.Amount, { } amount) => XlsxCell.Of(amount, styles.Amount(0)),
        (FindingUnit.Percent, { } percent) when finding.Severity == FindingSeverity.Mismatch => XlsxCell.Of(percent, styles.PercentNumber),
        _ => XlsxCell.Of(value.Display, styles.TextRight),
    };

    private static void WriteHeaderBlock(XlsxSheetWriter sheet, GridStyles styles, SheetContext context, string title, int columns, string? note) =>
        HeaderBlock.Write(sheet, new HeaderStyles(styles.Title, styles.Meta, styles.MetaRight), title, columns, new[]
        {
            ($"기관명 : {context.Institution}", $"출력일시 : {context.PrintedAt}"),
            ($"보고서명 : {context.Period.Label}", $"기준일 : {Fmt.Date(context.Period.AsOf)}"),
            (note is null ? "" : $"출처·설명 : {note}", "(단위 : 천원)"),
        });

    private static List<Column> ExecutionColumns(PaceSummary pace) =>
    [
        new("코드", 9, r => r.Code, ColumnKind.Text),
        new("사업명", 30, r => r.Name.Trim(), ColumnKind.Text),
        new("구분", 9, r => KindLabel(r.Kind), ColumnKind.Text),
        new("재원·표시", 12, r => Marks(r), ColumnKind.Text),
        new("예산현액", 13, r => r.CurrentBudget),
        new("당초", 13, r => r.Original),
        new("추경", 13, r => r.Supplementary),
        new("예산변경", 11, r => r.Transfers),
        new("원인행위액", 13, r => r.Committed),
        new("지출액", 13, r => r.Disbursed),
        new("집행잔액\n(예산현액−지출액)", 13, r => r.Remaining),
        new("집행률\n(원인행위 기준)", 10, r => r.CommittedRate, ColumnKind.Rate),
        new("집행률\n(지출 기준)", 10, r => r.DisbursedRate, ColumnKind.Rate),
        new("연말\n집행예상액", 13, r => r.Forecast),
        new("예상\n집행률", 9, r => r.ForecastRate, ColumnKind.Rate),
        new("예상액 근거", 12, r => r.ForecastBasis == ForecastBasis.None ? null : r.ForecastBasis.Label(), ColumnKind.Text),
        new($"집행 속도\n({pace.Quarter}분기 기대 {Fmt.Percent(pace.Expected)})", 13, r => r.Pace is { Status: not PaceStatus.NoData } p ? $"{p.Status.Symbol()} {p.Status.Label()}" : null, ColumnKind.Text),
    ];

    private static List<Column> RequiredBudgetColumns() =>
    [
        new("코드", 9, r => r.Code, ColumnKind.Text),
        new("사업명", 30, r => r.Name.Trim(), ColumnKind.Text),
        new("구분", 9, r => KindLabel(r.Kind), ColumnKind.Text),
        new("재원·표시", 12, r => Marks(r), ColumnKind.Text),
        new("소요예산", 14, r => r.CurrentBudget),
        new("비고", 20, r => r.BudgetComputed ? "하위 사업 합계(계산)" : r.BudgetCarriedFrom is { } from ? $"이월: {from} 예산현액" : null, ColumnKind.Text),
    ];

    private static string? Marks(ExecutionRow row)
    {
        var marks = new List<string>();
        if (row.Funding != FundingSource.Contribution) marks.Add(BudgetLabels.Funding(row.Funding));
        marks.AddRange(row.Tags);
        return marks.Count == 0 ? null : string.Join(" · ", marks);
    }

    private static string KindLabel(ProgrammeKind kind) => BudgetLabels.Kind(kind);

    internal static Dictionary<string, int> Depths(IReadOnlyList<ExecutionRow> rows)
    {
        var byCode = rows.ToDictionary(r => r.Code, StringComparer.Ordinal);
        return rows.ToDictionary(r => r.Code, r =>
        {
            var depth = 0;
            for (var p = r.ParentCode; p is not null && byCode.TryGetValue(p, out var parent); p = parent.ParentCode) depth++;
            return depth;
        }, StringComparer.Ordinal);
    }

    /// <summary>The few looks of the sheets, registered once per workbook.</summary>
    private sealed class GridStyles(StyleSheetBuilder builder)
    {
        private static readonly string?[] Fills = [null, null, "EEF3FB"];

        public uint Title { get; } = builder.Index(new CellStyle(Bold: true, FontSize: 14));
        public uint Meta { get; } = builder.Index(new CellStyle(Align: CellAlign.Left));
        public uint MetaRight { get; } = builder.Index(new CellStyle(Align: CellAlign.Right));
        public uint Heading { get; } = builder.Index(new CellStyle(Bold: true, Fill: "DDE3EA", Border: true, Align: CellAlign.Center, Wrap: true));
        public uint Wrapped { get; } = builder.Index(new CellStyle(Border: true, Wrap: true, Align: CellAlign.Left));
        public uint TextRight { get; } = builder.Index(new CellStyle(Border: true, Align: CellAlign.Right));
        public uint PercentNumber { get; } = builder.Index(new CellStyle("0.0##\"%\"", Border: true));
        public uint PercentPointDifference { get; } = builder.Index(new CellStyle("+0.0##\"%p\";-0.0##\"%p\";0\"%p\"", Border: true));

        public uint Amount(int emphasis) => builder.Index(new CellStyle(CellStyle.Formats.Amount, Bold: emphasis > 0, Fill: Fills[emphasis], Border: true));

        public uint Rate(int emphasis) => builder.Index(new CellStyle(CellStyle.Formats.Percent, Bold: emphasis > 0, Fill: Fills[emphasis], Border: true));

        public uint Text(int emphasis) => builder.Index(new CellStyle(Bold: emphasis > 0, Fill: Fills[emphasis], Border: true, Align: CellAlign.Left));

        public uint Name(int emphasis, int depth) =>
            builder.Index(new CellStyle(Bold: emphasis > 0, Fill: Fills[emphasis], Border: true, Align: CellAlign.Left, Indent: (uint)depth, Wrap: true));
    }
}
