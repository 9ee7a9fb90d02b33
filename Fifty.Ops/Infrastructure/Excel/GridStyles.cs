namespace Fifty.Ops.Infrastructure.Excel;

/// <summary>
/// The few looks of a data grid sheet (the execution grid, the reconciliation findings), registered once per workbook.
/// Emphasis 0 is a plain row, 1 bold, 2 bold on a tinted fill (totals and top groups).
/// </summary>
public sealed class GridStyles(StyleSheetBuilder builder)
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

    public HeaderStyles Header => new(Title, Meta, MetaRight);

    /// <summary>A number cell in <paramref name="format"/> (<see cref="CellStyle.Formats"/>) at an emphasis.</summary>
    public uint Number(string format, int emphasis) => builder.Index(new CellStyle(format, Bold: emphasis > 0, Fill: Fills[emphasis], Border: true));

    public uint Amount(int emphasis) => Number(CellStyle.Formats.Amount, emphasis);

    public uint Rate(int emphasis) => Number(CellStyle.Formats.Percent, emphasis);

    public uint Text(int emphasis) => builder.Index(new CellStyle(Bold: emphasis > 0, Fill: Fills[emphasis], Border: true, Align: CellAlign.Left));

    public uint Name(int emphasis, int depth) =>
        builder.Index(new CellStyle(Bold: emphasis > 0, Fill: Fills[emphasis], Border: true, Align: CellAlign.Left, Indent: (uint)depth, Wrap: true));
}
