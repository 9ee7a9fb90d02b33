using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Fifty.Ops.Features.Import;

/// <summary>A cell as read back: its text (a shared string resolved, a number in invariant form) and whether it is a number.</summary>
public sealed record ReadCell(string Reference, string Text, bool IsNumber);

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
        var sheets = new Dictionary<string, ReadSheet>(StringComparer.Ordinal);
        foreach (var sheet in workbook.Workbook.Sheets?.Elements<Sheet>() ?? [])
        {
            if (sheet.Name?.Value is not { } name || sheet.Id?.Value is not { } id) continue;
            if (workbook.GetPartById(id) is not WorksheetPart part) continue;
            sheets[name] = new ReadSheet(name, ReadRows(part, strings, name));
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

    private static Dictionary<int, IReadOnlyDictionary<int, ReadCell>> ReadRows(WorksheetPart part, List<string> strings, string sheetName)
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
                if (text.Length > 0) cells[column] = new ReadCell(reference, text, isNumber);
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
