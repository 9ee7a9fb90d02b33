using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Fifty.Ops.Infrastructure.Excel;

/// <summary>
/// Collects the styles a workbook uses and hands out their indexes while sheets are being written; the style sheet
/// itself is built once at the end.
/// </summary>
public sealed class StyleSheetBuilder
{
    public const double DefaultFontSize = 10;
    public const string FontName = "맑은 고딕";

    // Number formats Excel knows by id; anything else gets a custom id from 164 up.
    private static readonly Dictionary<string, uint> BuiltInFormats = new(StringComparer.Ordinal)
    {
        ["0"] = 1, ["0.00"] = 2, ["#,##0"] = 3, ["#,##0.00"] = 4, ["0%"] = 9, ["0.00%"] = 10, ["@"] = 49,
    };

    private readonly List<CellStyle> _styles = [new()];
    private readonly Dictionary<CellStyle, uint> _indexes = new() { [new CellStyle()] = 0 };

    /// <summary>The index of <paramref name="style"/> in the style sheet (cellXfs), registering it on first use.</summary>
    public uint Index(CellStyle style)
    {
        if (_indexes.TryGetValue(style, out var index)) return index;
        index = (uint)_styles.Count;
        _styles.Add(style);
        _indexes[style] = index;
        return index;
    }

    public Stylesheet Build()
    {
        var customFormats = _styles.Select(s => s.NumberFormat).OfType<string>().Where(f => !BuiltInFormats.ContainsKey(f)).Distinct().ToList();
        uint FormatId(string? code) => code is null ? 0 : BuiltInFormats.TryGetValue(code, out var id) ? id : 164 + (uint)customFormats.IndexOf(code);

        var fonts = _styles.Select(s => (s.Bold, s.FontSize)).Distinct().ToList();
        var fills = _styles.Select(s => s.Fill).OfType<string>().Distinct().ToList();

        var stylesheet = new Stylesheet();
        if (customFormats.Count > 0)
        {
            stylesheet.Append(new NumberingFormats(customFormats.Select((code, i) => new NumberingFormat { NumberFormatId = 164 + (uint)i, FormatCode = code }))
            { Count = (uint)customFormats.Count });
        }

        stylesheet.Append(new Fonts(fonts.Select(f =>
        {
            var font = new Font();
            if (f.Bold) font.Append(new Bold());
            font.Append(new FontSize { Val = f.FontSize }, new FontName { Val = FontName }, new FontFamilyNumbering { Val = 3 }, new FontCharSet { Val = 129 });
            return font;
        })) { Count = (uint)fonts.Count });

        // Fill ids 0 and 1 are reserved by Excel (none, gray125).
        stylesheet.Append(new Fills(
            new[] { new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }) }
                .Concat(fills.Select(rgb => new Fill(new PatternFill(new ForegroundColor { Rgb = "FF" + rgb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }))))
        { Count = (uint)(fills.Count + 2) });

        stylesheet.Append(new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(Side<LeftBorder>(), Side<RightBorder>(), Side<TopBorder>(), Side<BottomBorder>(), new DiagonalBorder()))
        { Count = 2 });

        // Style 0 is the plain default, so font 0 is the plain default font.
        stylesheet.Append(new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 });
        stylesheet.Append(new CellFormats(_styles.Select(s =>
        {
            var format = new CellFormat
            {
                NumberFormatId = FormatId(s.NumberFormat),
                FontId = (uint)fonts.IndexOf((s.Bold, s.FontSize)),
                FillId = s.Fill is null ? 0 : 2 + (uint)fills.IndexOf(s.Fill),
                BorderId = s.Border ? 1u : 0u,
                FormatId = 0,
            };
            if (s.NumberFormat is not null) format.ApplyNumberFormat = true;
            if (s.Bold || s.FontSize != DefaultFontSize) format.ApplyFont = true;
            if (s.Fill is not null) format.ApplyFill = true;
            if (s.Border) format.ApplyBorder = true;
            if (s.Align != CellAlign.General || s.Indent > 0 || s.Wrap)
            {
                format.ApplyAlignment = true;
                var alignment = new Alignment { Vertical = VerticalAlignmentValues.Center };
                if (s.Align != CellAlign.General) alignment.Horizontal = s.Align switch
                {
                    CellAlign.Left => HorizontalAlignmentValues.Left,
                    CellAlign.Center => HorizontalAlignmentValues.Center,
                    _ => HorizontalAlignmentValues.Right,
                };
                if (s.Indent > 0) alignment.Indent = s.Indent;
                if (s.Wrap) alignment.WrapText = true;
                format.Append(alignment);
            }

            if (s.Unlocked)
            {
                format.ApplyProtection = true;
                format.Append(new Protection { Locked = false });
            }

            return format;
        })) { Count = (uint)_styles.Count });
        stylesheet.Append(new CellStyles(new DocumentFormat.OpenXml.Spreadsheet.CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
        return stylesheet;
    }

    private static T Side<T>() where T : BorderPropertiesType, new() =>
        new() { Style = BorderStyleValues.Thin, Color = new Color { Rgb = HexBinaryValue.FromString("FFA6A6A6") } };
}
