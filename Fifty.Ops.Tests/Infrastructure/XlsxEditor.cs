using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Fifty.Ops.Tests.Infrastructure;

/// <summary>Edits a downloaded workbook the way a planner would in Excel: typed cells, added rows. Values are inline.</summary>
internal sealed class XlsxEditor : IDisposable
{
    private readonly MemoryStream _stream;
    private readonly SpreadsheetDocument _document;

    public XlsxEditor(byte[] workbook)
    {
        _stream = new MemoryStream();
        _stream.Write(workbook);
        _stream.Position = 0;
        _document = SpreadsheetDocument.Open(_stream, true);
    }

    public XlsxEditor Text(string sheet, string reference, string text) => Set(sheet, reference, c =>
    {
        c.DataType = CellValues.InlineString;
        c.CellValue = null;
        c.InlineString = new InlineString(new Text(text));
    });

    public XlsxEditor Number(string sheet, string reference, decimal number) => Set(sheet, reference, c =>
    {
        c.DataType = null;
        c.InlineString = null;
        c.CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture));
    });

    /// <summary>
    /// A formula with no saved result, as a script writes it (Excel would calculate and store a value on save): the cell
    /// has an <c>&lt;f&gt;</c> and no <c>&lt;v&gt;</c>.
    /// </summary>
    public XlsxEditor FormulaWithoutValue(string sheet, string reference, string formula) => Set(sheet, reference, c =>
    {
        c.DataType = null;
        c.InlineString = null;
        c.CellValue = null;
        c.CellFormula = new CellFormula(formula);
    });

    /// <summary>
    /// What Excel stores when a planner types <c>3/4</c> into a number cell: the date's serial number (45355) shown with
    /// the built-in date format 14 (a new cell style is added to the workbook for it).
    /// </summary>
    public XlsxEditor Date(string sheet, string reference, DateOnly date)
    {
        var styles = _document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var formats = styles.CellFormats!;
        formats.Append(new CellFormat { NumberFormatId = 14, FontId = 0, FillId = 0, BorderId = 0, ApplyNumberFormat = true });
        formats.Count = (uint)formats.ChildElements.Count;
        var style = (uint)formats.ChildElements.Count - 1;
        var serial = date.ToDateTime(TimeOnly.MinValue).ToOADate();
        return Set(sheet, reference, c =>
        {
            c.DataType = null;
            c.InlineString = null;
            c.CellValue = new CellValue(serial.ToString(CultureInfo.InvariantCulture));
            c.StyleIndex = style;
        });
    }

    /// <summary>Renames a sheet, as a planner double-clicking its tab would.</summary>
    public XlsxEditor RenameSheet(string sheet, string newName)
    {
        _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet).Name = newName;
        return this;
    }

    /// <summary>The number format id of a cell's style (49 is Excel's Text format "@").</summary>
    public uint NumberFormatOf(string sheet, string reference)
    {
        var cell = Part(sheet).Worksheet.Descendants<Cell>().Single(c => c.CellReference?.Value == reference);
        var formats = _document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        return formats[(int)(cell.StyleIndex?.Value ?? 0)].NumberFormatId?.Value ?? 0;
    }

    public XlsxEditor Clear(string sheet, string reference) => Set(sheet, reference, c =>
    {
        c.DataType = null;
        c.InlineString = null;
        c.CellValue = null;
    });

    /// <summary>Appends rows after the last one: each row is a list of (column letter, value) where a value is a string or a decimal.</summary>
    public XlsxEditor AppendRows(string sheet, IEnumerable<IReadOnlyList<(string Column, object Value)>> rows)
    {
        var data = Data(sheet);
        var next = (data.Elements<Row>().LastOrDefault()?.RowIndex?.Value ?? 0) + 1;
        foreach (var values in rows)
        {
            var row = new Row { RowIndex = next };
            foreach (var (column, value) in values)
            {
                var cell = new Cell { CellReference = column + next.ToString(CultureInfo.InvariantCulture) };
                if (value is decimal d) cell.CellValue = new CellValue(d.ToString(CultureInfo.InvariantCulture));
                else
                {
                    cell.DataType = CellValues.InlineString;
                    cell.InlineString = new InlineString(new Text((string)value));
                }

                row.Append(cell);
            }

            data.Append(row);
            next++;
        }

        return this;
    }

    /// <summary>The reference of the cell in <paramref name="column"/> on the row whose column A reads <paramref name="code"/>.</summary>
    public string RowOf(string sheet, string code, string column = "A")
    {
        var part = Part(sheet);
        var strings = _document.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var a = row.Elements<Cell>().FirstOrDefault(c => c.CellReference?.Value == $"A{row.RowIndex}");
            if (a is null) continue;
            var text = a.DataType?.Value == CellValues.SharedString ? strings[int.Parse(a.CellValue!.Text, CultureInfo.InvariantCulture)] : a.InnerText;
            if (text == code) return column + row.RowIndex!.Value.ToString(CultureInfo.InvariantCulture);
        }

        throw new InvalidOperationException($"{sheet}에 {code} 행이 없습니다.");
    }

    public byte[] Save()
    {
        _document.Dispose();
        return _stream.ToArray();
    }

    public void Dispose()
    {
        _document.Dispose();
        _stream.Dispose();
    }

    private WorksheetPart Part(string sheet)
    {
        var workbook = _document.WorkbookPart!;
        var id = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet).Id!.Value!;
        return (WorksheetPart)workbook.GetPartById(id);
    }

    private SheetData Data(string sheet) => Part(sheet).Worksheet.GetFirstChild<SheetData>()!;

    private XlsxEditor Set(string sheet, string reference, Action<Cell> set)
    {
        var data = Data(sheet);
        var rowIndex = uint.Parse(new string(reference.SkipWhile(char.IsLetter).ToArray()), CultureInfo.InvariantCulture);
        var row = data.Elements<Row>().FirstOrDefault(r => r.RowIndex!.Value == rowIndex);
        if (row is null)
        {
            row = new Row { RowIndex = rowIndex };
            var after = data.Elements<Row>().LastOrDefault(r => r.RowIndex!.Value < rowIndex);
            if (after is null) data.PrependChild(row);
            else after.InsertAfterSelf(row);
        }

        var cell = row.Elements<Cell>().FirstOrDefault(c => c.CellReference?.Value == reference);
        if (cell is null)
        {
            cell = new Cell { CellReference = reference };
            var before = row.Elements<Cell>().FirstOrDefault(c => Column(c.CellReference!.Value!) > Column(reference));
            if (before is null) row.Append(cell);
            else before.InsertBeforeSelf(cell);
        }

        set(cell);
        return this;
    }

    private static int Column(string reference) => reference.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => n * 26 + (c - 'A' + 1));
}
