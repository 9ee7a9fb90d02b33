namespace Fifty.Ops.Infrastructure.Excel;

/// <summary>The styles of the block every export sheet opens with.</summary>
public sealed record HeaderStyles(uint Title, uint Left, uint Right);

public static class HeaderBlock
{
    /// <summary>
    /// A merged title row, then one row per (left, right) pair — 기관명 / 출력일시, 보고서명 / 기준일, note / 단위 — with
    /// the left text merged over most of the width and the right text over the last <paramref name="rightColumns"/>.
    /// </summary>
    public static void Write(XlsxSheetWriter sheet, HeaderStyles styles, string title, int columns, IEnumerable<(string Left, string Right)> lines, int rightColumns = 4)
    {
        var split = Math.Max(2, columns - rightColumns);
        var titleCells = new XlsxCell[columns];
        titleCells[0] = XlsxCell.Of(title, styles.Title);
        sheet.Merge(sheet.WriteRow(titleCells, height: 24), 1, columns);
        foreach (var (left, right) in lines)
        {
            var cells = new XlsxCell[columns];
            cells[0] = XlsxCell.Of(left, styles.Left);
            cells[split] = XlsxCell.Of(right, styles.Right);
            var row = sheet.WriteRow(cells);
            sheet.Merge(row, 1, split);
            sheet.Merge(row, split + 1, columns);
        }
    }
}
