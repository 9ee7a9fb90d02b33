namespace Fifty.Ops.Infrastructure.Excel;

/// <summary>A column of an <see cref="OutlineGrid"/>.</summary>
/// <param name="Heading">The heading cell's text; "\n" breaks the line.</param>
/// <param name="Width">Column width in Excel character units.</param>
/// <param name="Value">The row's cell: a decimal is written as a number, a string as text, null as a blank cell.</param>
/// <param name="Format">The number format of a figure column (<see cref="CellStyle.Formats"/>); null for a text column.</param>
/// <param name="IsName">The row's name: indented by the row's depth and wrapped.</param>
public sealed record GridColumn<TRow>(string Heading, double Width, Func<TRow, object?> Value, string? Format = null, bool IsName = false);

/// <summary>
/// Writes a hierarchical table as a sheet body: a heading row, one row per item at its outline level (so Excel can fold
/// the hierarchy), figures as numbers in their column's format, and the auto-filter over them. Knows nothing of what the
/// rows are; the caller says the columns, each row's depth and its emphasis.
/// </summary>
public static class OutlineGrid
{
    /// <summary>
    /// Writes the heading row at the sheet's next row (<paramref name="headingRow"/>, 1-based) and the rows below it.
    /// </summary>
    /// <param name="emphasis">0 plain, 1 bold, 2 bold on a tint (<see cref="GridStyles"/>).</param>
    public static void Write<TRow>(
        XlsxSheetWriter sheet, GridStyles styles, int headingRow, IReadOnlyList<GridColumn<TRow>> columns,
        IEnumerable<TRow> rows, Func<TRow, int> depth, Func<TRow, int> emphasis)
    {
        sheet.WriteRow(columns.Select(c => XlsxCell.Of(c.Heading, styles.Heading)).ToList(), height: 33);
        foreach (var row in rows)
        {
            var level = depth(row);
            var weight = emphasis(row);
            sheet.WriteRow(columns.Select(c => c.Value(row) switch
            {
                decimal number => XlsxCell.Of(number, styles.Number(c.Format ?? CellStyle.Formats.Amount, weight)),
                string text => XlsxCell.Of(text, c.IsName ? styles.Name(weight, level) : styles.Text(weight)),
                // A blank figure keeps the amount look whatever the column's format, as the sheets always wrote it.
                _ => XlsxCell.Of((string?)null, c.Format is null ? styles.Text(weight) : styles.Amount(weight)),
            }).ToList(), outlineLevel: level);
        }

        sheet.AutoFilter(headingRow, sheet.RowCount, columns.Count);
    }
}
