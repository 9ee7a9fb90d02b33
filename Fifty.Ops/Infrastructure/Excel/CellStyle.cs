namespace Fifty.Ops.Infrastructure.Excel;

public enum CellAlign
{
    General,
    Left,
    Center,
    Right,
}

/// <summary>
/// How a cell looks. A record so equal styles share one entry in the workbook's style sheet
/// (<see cref="StyleSheetBuilder"/>).
/// </summary>
/// <param name="NumberFormat">An Excel format code (<see cref="Formats"/>); null for General.</param>
/// <param name="Fill">Background as RRGGBB, or null.</param>
/// <param name="Unlocked">Editable when the sheet is protected (<see cref="SheetLayout.Protected"/>); cells are locked by default.</param>
public sealed record CellStyle(
    string? NumberFormat = null,
    bool Bold = false,
    double FontSize = StyleSheetBuilder.DefaultFontSize,
    string? Fill = null,
    bool Border = false,
    CellAlign Align = CellAlign.General,
    uint Indent = 0,
    bool Wrap = false,
    bool Unlocked = false)
{
    public static class Formats
    {
        public const string Amount = "#,##0";

        /// <summary>Excel's Text format: what is typed stays as typed (3/4 is not turned into a date).</summary>
        public const string Text = "@";
        public const string AmountOneDecimal = "#,##0.0";
        public const string Percent = "0.0%";
        public const string PercentTwoDecimals = "0.00%";
    }
}
