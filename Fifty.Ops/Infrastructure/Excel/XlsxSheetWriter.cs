using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Fifty.Ops.Infrastructure.Excel;

/// <summary>
/// Streams one worksheet: the parts before the rows (outline settings, frozen panes, column widths) are written from
/// the <see cref="SheetLayout"/> at once, rows as they come, and the parts after them (autofilter, merged cells, page
/// setup, footer) when the sheet is closed.
/// </summary>
public sealed class XlsxSheetWriter : IDisposable
{
    private readonly OpenXmlWriter _writer;
    private readonly Func<string, int> _sharedString;
    private readonly List<string> _merges = [];
    private readonly List<XlsxValidation> _validations = [];

    internal XlsxSheetWriter(WorksheetPart part, SheetLayout layout, Func<string, int> sharedString)
    {
        Layout = layout;
        _sharedString = sharedString;
        _writer = OpenXmlWriter.Create(part);
        _writer.WriteStartElement(new Worksheet());
        WriteHead();
        _writer.WriteStartElement(new SheetData());
    }

    public SheetLayout Layout { get; }

    // Start tags only: the writer takes the element's name from these and the attributes from the list.
    private static readonly Row RowTag = new();
    private static readonly Cell CellTag = new();
    private static readonly CellValue ValueTag = new();
    private static readonly CellFormula FormulaTag = new();
    private static readonly string[] SmallStyles = Enumerable.Range(0, 256).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static string StyleText(uint style) => style < SmallStyles.Length ? SmallStyles[style] : style.ToString(CultureInfo.InvariantCulture);

    private void WriteLeaf(OpenXmlElement tag, string text)
    {
        _writer.WriteStartElement(tag);
        _writer.WriteString(text);
        _writer.WriteEndElement();
    }

    /// <summary>The 1-based number of the last row written (0 before the first).</summary>
    public int RowCount { get; private set; }

    internal string? FilterRange { get; private set; }

    internal bool IsClosed { get; private set; }

    /// <summary>Writes the next row; returns its 1-based number.</summary>
    public int WriteRow(IReadOnlyList<XlsxCell> cells, int outlineLevel = 0, double? height = null)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        var number = ++RowCount;
        var rowText = number.ToString(CultureInfo.InvariantCulture);
        // Row attributes through the writer and cells one by one: no row subtree is built in memory.
        var attributes = new List<OpenXmlAttribute>(4) { new("r", "", rowText) };
        if (outlineLevel > 0) attributes.Add(new OpenXmlAttribute("outlineLevel", "", Math.Min(outlineLevel, 7).ToString(CultureInfo.InvariantCulture)));
        if (height is { } h)
        {
            attributes.Add(new OpenXmlAttribute("ht", "", h.ToString(CultureInfo.InvariantCulture)));
            attributes.Add(new OpenXmlAttribute("customHeight", "", "1"));
        }

        _writer.WriteStartElement(RowTag, attributes);
        // Cells go out as start tag, attributes and text: a typed Cell per cell (with its value child) costs more
        // than everything else a large sheet does.
        var cellAttributes = new List<OpenXmlAttribute>(3);
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            cellAttributes.Clear();
            cellAttributes.Add(new OpenXmlAttribute("r", "", ColumnName(i + 1) + rowText));
            if (cell.Style != 0) cellAttributes.Add(new OpenXmlAttribute("s", "", StyleText(cell.Style)));
            if (cell.Formula is { } formula)
            {
                _writer.WriteStartElement(CellTag, cellAttributes);
                WriteLeaf(FormulaTag, formula);
                if (cell.Number is { } cached) WriteLeaf(ValueTag, NumberText(cached));
            }
            else if (cell.Number is { } value)
            {
                _writer.WriteStartElement(CellTag, cellAttributes);
                WriteLeaf(ValueTag, NumberText(value));
            }
            else if (!string.IsNullOrEmpty(cell.Text))
            {
                cellAttributes.Add(new OpenXmlAttribute("t", "", "s"));
                _writer.WriteStartElement(CellTag, cellAttributes);
                WriteLeaf(ValueTag, _sharedString(cell.Text).ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                _writer.WriteStartElement(CellTag, cellAttributes);
            }

            _writer.WriteEndElement();
        }

        _writer.WriteEndElement();
        return number;
    }

    /// <summary>Merges columns <paramref name="firstColumn"/>..<paramref name="lastColumn"/> (1-based) of one row.</summary>
    public void Merge(int row, int firstColumn, int lastColumn) => _merges.Add($"{Reference(firstColumn, row)}:{Reference(lastColumn, row)}");

    /// <summary>Restricts what may be typed in a range, with a Korean message Excel shows on a wrong entry.</summary>
    public void Validate(XlsxValidation validation) => _validations.Add(validation);

    /// <summary>Filter buttons on the heading row over the data below it.</summary>
    public void AutoFilter(int headingRow, int lastRow, int columns) =>
        FilterRange = $"${ColumnName(1)}${headingRow}:${ColumnName(columns)}${Math.Max(lastRow, headingRow)}";

    public void Dispose()
    {
        if (IsClosed) return;
        IsClosed = true;
        _writer.WriteEndElement(); // sheetData
        if (Layout.Protected)
        {
            _writer.WriteElement(new SheetProtection
            {
                Sheet = true, Objects = true, Scenarios = true, FormatColumns = false, FormatRows = false, AutoFilter = false, Sort = false,
            });
        }

        if (FilterRange is not null) _writer.WriteElement(new AutoFilter { Reference = FilterRange.Replace("$", "", StringComparison.Ordinal) });
        if (_merges.Count > 0) _writer.WriteElement(new MergeCells(_merges.Select(m => new MergeCell { Reference = m })) { Count = (uint)_merges.Count });
        if (_validations.Count > 0) _writer.WriteElement(new DataValidations(_validations.Select(v => v.ToElement())) { Count = (uint)_validations.Count });
        _writer.WriteElement(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        var setup = new PageSetup { PaperSize = 9, Orientation = Layout.Landscape ? OrientationValues.Landscape : OrientationValues.Portrait };
        if (Layout.FitToWidth)
        {
            setup.FitToWidth = 1;
            setup.FitToHeight = 0;
        }

        _writer.WriteElement(setup);
        _writer.WriteElement(new HeaderFooter(new OddFooter(Footer())));
        _writer.WriteEndElement(); // worksheet
        _writer.Close();
    }

    /// <summary>
    /// Whole amounts exactly as stored ("38649012", not the "38649012.0" a database decimal may carry); fractions (rates)
    /// at double precision, which is what the cell holds once Excel reads it.
    /// </summary>
    public static string NumberText(decimal value) =>
        value == decimal.Truncate(value)
            ? decimal.Truncate(value).ToString("0", CultureInfo.InvariantCulture)
            : ((double)value).ToString("R", CultureInfo.InvariantCulture);

    public static string Reference(int column, int row) => ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    private static readonly string[] FirstColumns = Enumerable.Range(1, 64).Select(ComputeColumnName).ToArray();

    public static string ColumnName(int column) => column is >= 1 and <= 64 ? FirstColumns[column - 1] : ComputeColumnName(column);

    private static string ComputeColumnName(int column)
    {
        var name = "";
        for (var n = column; n > 0; n = (n - 1) / 26) name = (char)('A' + ((n - 1) % 26)) + name;
        return name;
    }

    private void WriteHead()
    {
        var properties = new SheetProperties(new OutlineProperties { SummaryBelow = !Layout.SummaryRowsAbove, SummaryRight = true });
        if (Layout.FitToWidth) properties.Append(new PageSetupProperties { FitToPage = true });
        _writer.WriteElement(properties);

        var view = new SheetView { WorkbookViewId = 0, ZoomScale = 100 };
        if (Layout.FrozenRows > 0 || Layout.FrozenColumns > 0)
        {
            var pane = new Pane
            {
                TopLeftCell = Reference(Layout.FrozenColumns + 1, Layout.FrozenRows + 1),
                State = PaneStateValues.Frozen,
                ActivePane = Layout is { FrozenRows: > 0, FrozenColumns: > 0 } ? PaneValues.BottomRight : Layout.FrozenRows > 0 ? PaneValues.BottomLeft : PaneValues.TopRight,
            };
            if (Layout.FrozenColumns > 0) pane.HorizontalSplit = Layout.FrozenColumns;
            if (Layout.FrozenRows > 0) pane.VerticalSplit = Layout.FrozenRows;
            view.Append(pane, new Selection { Pane = pane.ActivePane, ActiveCell = pane.TopLeftCell, SequenceOfReferences = new ListValue<StringValue>([pane.TopLeftCell!]) });
        }

        _writer.WriteElement(new SheetViews(view));
        var format = new SheetFormatProperties { DefaultRowHeight = 16.5 };
        if (Layout.MaxOutlineLevel > 0) format.OutlineLevelRow = (byte)Math.Min(Layout.MaxOutlineLevel, 7);
        _writer.WriteElement(format);
        if (Layout.ColumnWidths.Count > 0)
        {
            _writer.WriteElement(new Columns(Layout.ColumnWidths.Select((w, i) => new Column
            {
                Min = (uint)(i + 1),
                Max = (uint)(i + 1),
                Width = Math.Round(w, 2),
                CustomWidth = true,
                Hidden = Layout.HiddenColumns.Contains(i + 1) ? true : null,
            })));
        }
    }

    private string Footer()
    {
        var footer = "&C&P / &N";
        if (Layout.FooterLeft is { } left) footer = "&L" + ExcelText.ForHeaderFooter(left) + footer;
        if (Layout.FooterRight is { } right) footer += "&R" + ExcelText.ForHeaderFooter(right);
        return footer;
    }
}
