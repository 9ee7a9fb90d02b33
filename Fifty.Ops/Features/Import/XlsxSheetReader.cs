using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Fifty.Ops.Features.Import;

/// <summary>A cell as read back: its text (a shared string resolved, a number in invariant form) and whether it is a number.</summary>
public sealed record ReadCell(string Reference, string Text, bool IsNumber)
{
    /// <summary>A number shown with a date or time format: Excel turned what was typed (3/4, 2024-01) into a date serial.</summary>
    public bool IsDate { get; init; }

    /// <summary>The formula of a cell that has one but no saved result (written by a script, never calculated); else null.</summary>
    public string? FormulaWithoutValue { get; init; }

    /// <summary>The formula of a cell that has one and a saved result (<c>=B4*1000</c>); null for a typed value.</summary>
    public string? Formula { get; init; }

    /// <summary>The date a date-formatted number stands for, as Excel shows it (1900 date system).</summary>
    public string DateText => double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2958466
        ? DateTime.FromOADate(serial).ToString(serial % 1 == 0 ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
        : Text;
}

/// <summary>The non-empty rows of one sheet by 1-based row number, each by 1-based column.</summary>
public sealed record ReadSheet(string Name, IReadOnlyDictionary<int, IReadOnlyDictionary<int, ReadCell>> Rows)
{
    public ReadCell? Cell(int row, int column) =>
        Rows.TryGetValue(row, out var cells) && cells.TryGetValue(column, out var cell) ? cell : null;

    public string Text(int row, int column) => Cell(row, column)?.Text.Trim() ?? "";
}

/// <summary>
/// Reads the sheets of an uploaded workbook with the SDK's forward-only reader (no DOM of the sheet is built). The
/// package is opened with <see cref="OpenSettings.MaxCharactersInPart"/> so no single part can exhaust memory.
/// </summary>
public static class XlsxSheetReader
{
    public const long MaxCharactersInPart = 30_000_000;
    public const int MaxRows = 20_000;

    public static OpenSettings Settings => new() { MaxCharactersInPart = MaxCharactersInPart, AutoSave = false };

    /// <summary>Every sheet by name; a sheet over <see cref="MaxRows"/> rows throws <see cref="InvalidDataException"/>.</summary>
    public static Dictionary<string, ReadSheet> Read(SpreadsheetDocument document)
    {
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("통합 문서 부분이 없습니다.");
        var strings = SharedStrings(workbook.SharedStringTablePart);
        var dateStyles = DateStyles(workbook.WorkbookStylesPart);
        var sheets = new Dictionary<string, ReadSheet>(StringComparer.Ordinal);
        foreach (var sheet in workbook.Workbook.Sheets?.Elements<Sheet>() ?? [])
        {
            if (sheet.Name?.Value is not { } name || sheet.Id?.Value is not { } id) continue;
            if (workbook.GetPartById(id) is not WorksheetPart part) continue;
            sheets[name] = new ReadSheet(name, ReadRows(part, strings, dateStyles, name));
        }

        return sheets;
    }

    private static List<string> SharedStrings(SharedStringTablePart? part)
    {
        var list = new List<string>();
        if (part is null) return list;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                list.Add(((SharedStringItem)reader.LoadCurrentElement()!).InnerText);
            }
        }

        return list;
    }

    /// <summary>
    /// Which cell styles (cellXfs indexes) show numbers as dates or times: the built-in date formats (14–22, 45–47 and
    /// the East Asian 27–36, 50–58) and any custom format with y, m, d, h or s outside quotes and brackets.
    /// </summary>
    internal static HashSet<uint> DateStyles(WorkbookStylesPart? part)
    {
        var result = new HashSet<uint>();
        var stylesheet = part?.Stylesheet;
        if (stylesheet?.CellFormats is null) return result;
        var custom = stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode?.Value ?? "") ?? [];
        uint index = 0;
        foreach (var format in stylesheet.CellFormats.Elements<CellFormat>())
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (custom.TryGetValue(id, out var code) ? IsDateCode(code) : id is >= 14 and <= 22 or >= 27 and <= 36 or >= 45 and <= 47 or >= 50 and <= 58)
                result.Add(index);
            index++;
        }

        return result;
    }

    internal static bool IsDateCode(string code)
    {
        var inQuotes = false;
        var inBracket = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '"') inQuotes = !inQuotes;
            else if (inQuotes) continue;
            else if (c == '\\' || c == '_' || c == '*') i++;
            else if (c == '[') inBracket = true;
            else if (c == ']') inBracket = false;
            else if (!inBracket && "yYmMdDhHsS".Contains(c)) return true;
            else if (inBracket && c is 'h' or 'H' or 'm' or 'M' or 's' or 'S' && i > 0 && code[i - 1] == '[') return true; // [h]:mm elapsed time
        }

        return false;
    }

    private static Dictionary<int, IReadOnlyDictionary<int, ReadCell>> ReadRows(WorksheetPart part, List<string> strings, HashSet<uint> dateStyles, string sheetName)
    {
        var rows = new Dictionary<int, IReadOnlyDictionary<int, ReadCell>>();
        using var reader = OpenXmlReader.Create(part);
        var nextRow = 1;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
            var row = (Row)reader.LoadCurrentElement()!;
            var number = row.RowIndex?.Value is { } index ? (int)index : nextRow;
            nextRow = number + 1;
            if (number > MaxRows) throw new InvalidDataException($"{sheetName} 시트의 행이 너무 많습니다 (최대 {MaxRows:#,##0}행).");
            var cells = new Dictionary<int, ReadCell>();
            var nextColumn = 1;
            foreach (var cell in row.Elements<Cell>())
            {
                var (column, reference) = cell.CellReference?.Value is { } r ? (ColumnOf(r), r) : (nextColumn, Infrastructure.Excel.XlsxSheetWriter.Reference(nextColumn, number));
                nextColumn = column + 1;
                var (text, isNumber) = ValueOf(cell, strings);
                if (!isNumber) text = Infrastructure.Excel.ExcelText.UnescapeFormula(text);
                var isDate = cell.DataType?.Value == CellValues.Date || (isNumber && cell.StyleIndex?.Value is { } style && dateStyles.Contains(style));
                if (text.Length > 0) cells[column] = new ReadCell(reference, text, isNumber || cell.DataType?.Value == CellValues.Date) { IsDate = isDate, Formula = cell.CellFormula is { } f ? "=" + f.Text : null };
                else if (cell.CellFormula is { } formula)
                    cells[column] = new ReadCell(reference, "", false) { FormulaWithoutValue = formula.Text is { Length: > 0 } f ? "=" + f : "(공유 수식)" };
            }

            if (cells.Count > 0) rows[number] = cells;
        }

        return rows;
    }

    private static (string Text, bool IsNumber) ValueOf(Cell cell, List<string> strings)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Count ? (strings[i], false) : ("", false);
        }

        if (type == CellValues.InlineString) return (cell.InlineString?.InnerText ?? "", false);
        if (type == CellValues.String || type == CellValues.Error || type == CellValues.Boolean) return (raw, false);
        return (raw, raw.Length > 0);
    }

    private static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z') column = column * 26 + (c - 'A' + 1);
            else if (c is >= 'a' and <= 'z') column = column * 26 + (c - 'a' + 1);
            else break;
        }

        return column;
    }
}
