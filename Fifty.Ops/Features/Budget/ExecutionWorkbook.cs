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
/// The auditor's execution workbook: the budget grid of a period as the page shows it (<see cref="ExecutionSheet"/>)
/// and a second sheet with the reconciliation findings.
/// </summary>
public sealed class ExecutionWorkbook(
    IDbContextFactory<FiftyOpsDbContext> factory,
    PeriodService periods,
    BudgetQueryService budget,
    TimeProvider time)
{
    private const int HeadingRow = ExecutionSheet.HeadingRow;

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
        var printed = $"{printedAt:yyyy. M. d. HH:mm}";
        using (var workbook = XlsxWorkbook.Create(output))
        {
            ExecutionSheet.Write(workbook, institution, period, overview, printed);
            WriteFindings(workbook, institution, period, overview, printed);
        }

        return new WorkbookResult(FileName(period, overview.Mode), null);
    }

    public static string FileName(PeriodDto period, BudgetGridMode mode) =>
        $"{period.Year}년_{period.Quarter}분기_{(mode == BudgetGridMode.RequiredBudget ? "사업별소요예산" : "예산집행현황")}.xlsx";

    private static void WriteFindings(XlsxWorkbook workbook, string institution, PeriodDto period, BudgetOverview overview, string printedAt)
    {
        var findings = overview.Findings;
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
            FooterLeft = $"{institution} · {period.Year}년 {period.Quarter}분기 대사 결과 ({Fmt.AsOf(period.AsOf)})",
            FooterRight = $"출력 {printedAt}",
        };

        using var sheet = workbook.AddSheet("대사결과", layout);
        var summary = $"불일치 {Discrepancies.Count(findings, FindingSeverity.Mismatch)}건 · 표기 {Discrepancies.Count(findings, FindingSeverity.Notation)}건 · 참고 {Discrepancies.Count(findings, FindingSeverity.Info)}건 (같은 두 값의 차이는 한 건으로 세고, 반복은 번호 없이 그 아래에 적음). 원자료 값은 고치지 않고 두 값을 모두 적었습니다.";
        ExecutionSheet.WriteHeaderBlock(sheet, styles, institution, period, printedAt, $"{period.Year}년 {period.Quarter}분기 예산 대사(검증) 결과", headings.Length, summary);
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
}
