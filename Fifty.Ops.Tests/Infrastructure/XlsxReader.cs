using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Fifty.Ops.Tests.Infrastructure;

/// <summary>One worksheet read back with the Open XML SDK, with the questions the workbook tests ask of it.</summary>
internal sealed record XlsxSheet(Worksheet Worksheet, IReadOnlyDictionary<string, Cell> Cells, IReadOnlyList<string> Strings, Stylesheet Styles)
{
    public static XlsxSheet Read(SpreadsheetDocument document, string name)
    {
        var part = document.WorkbookPart!;
        var sheet = part.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        var worksheet = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet;
        var strings = part.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();
        return new XlsxSheet(worksheet, worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!), strings, part.WorkbookStylesPart!.Stylesheet);
    }

    public string Text(string reference)
    {
        var cell = Cells[reference];
        return cell.DataType?.Value == CellValues.SharedString ? Strings[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)] : cell.CellValue?.Text ?? "";
    }

    public decimal Number(string reference)
    {
        var cell = Cells[reference];
        Assert.Null(cell.DataType); // a number, not text that looks like one
        return decimal.Parse(cell.CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public string Format(string reference)
    {
        var xf = Styles.CellFormats!.Elements<CellFormat>().ElementAt((int)Cells[reference].StyleIndex!.Value);
        var id = xf.NumberFormatId!.Value;
        return id == 3 ? "#,##0" : Styles.NumberingFormats?.Elements<NumberingFormat>().FirstOrDefault(f => f.NumberFormatId!.Value == id)?.FormatCode?.Value ?? id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The row whose column A holds <paramref name="text"/>.</summary>
    public Row RowOf(string text) => Worksheet.Descendants<Row>().Single(r => r.Elements<Cell>().FirstOrDefault() is { } a && a.CellReference == $"A{r.RowIndex}" && Text(a.CellReference!) == text);

    /// <summary>The column letters of the first cell (in row order) whose text is <paramref name="heading"/>; throws when none is.</summary>
    public string ColumnOf(string heading) =>
        Worksheet.Descendants<Row>().SelectMany(r => r.Elements<Cell>()).Where(c => Text(c.CellReference!) == heading)
            .Select(c => new string(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray())).First();

    /// <summary>The texts of every cell, for "does this sheet say …" questions.</summary>
    public IEnumerable<string> AllTexts => Cells.Keys.Select(Text);
}
