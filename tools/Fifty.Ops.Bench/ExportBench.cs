using System.Diagnostics;
using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Fifty.Ops.Infrastructure.Excel;
using CellStyle = Fifty.Ops.Infrastructure.Excel.CellStyle;

namespace Fifty.Ops.Bench;

/// <summary>Excel writing measured against a bare OpenXmlWriter writing the same cells (no styles, no layout).</summary>
public static class ExportBench
{
    public sealed record Cells(IReadOnlyList<(string Sheet, IReadOnlyList<IReadOnlyList<object?>> Rows)> Sheets)
    {
        public int Count => Sheets.Sum(s => s.Rows.Sum(r => r.Count));
    }

    /// <summary>Every cell value of a workbook, as the baseline will write it again.</summary>
    public static Cells ReadCells(Stream xlsx)
    {
        using var document = SpreadsheetDocument.Open(xlsx, false);
        var wb = document.WorkbookPart!;
        var strings = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var sheets = new List<(string, IReadOnlyList<IReadOnlyList<object?>>)>();
        foreach (var sheet in wb.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)wb.GetPartById(sheet.Id!);
            var rows = part.Worksheet.Descendants<Row>().Select(r => (IReadOnlyList<object?>)r.Elements<Cell>().Select(c =>
                c.DataType?.Value == CellValues.SharedString ? strings[int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)]
                : c.CellValue is null ? null : (object)decimal.Parse(c.CellValue.Text, NumberStyles.Float, CultureInfo.InvariantCulture)).ToList()).ToList();
            sheets.Add((sheet.Name!.Value!, rows));
        }

        return new Cells(sheets);
    }

    /// <summary>The baseline: the same cells through a bare OpenXmlWriter (inline strings, no styles, no print setup).</summary>
    public static void WriteBare(Cells cells, Stream output)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var wb = document.AddWorkbookPart();
        var sheetsElement = new Sheets();
        uint id = 1;
        foreach (var (name, rows) in cells.Sheets)
        {
            var part = wb.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(part))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                foreach (var row in rows)
                {
                    writer.WriteStartElement(new Row());
                    foreach (var value in row)
                    {
                        switch (value)
                        {
                            case decimal d:
                                writer.WriteElement(new Cell { CellValue = new CellValue(d.ToString(CultureInfo.InvariantCulture)) });
                                break;
                            case string s:
                                writer.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(s)) });
                                break;
                            default:
                                writer.WriteElement(new Cell());
                                break;
                        }
                    }

                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            sheetsElement.Append(new Sheet { Name = name, SheetId = id++, Id = wb.GetIdOfPart(part) });
        }

        wb.Workbook = new Workbook(sheetsElement);
        wb.Workbook.Save();
    }

    /// <summary>A 50,000-row × 20-column execution-like sheet through the app's writer (styles, outline, layout).</summary>
    public static void WriteLargeWithLibrary(int rows, Stream output)
    {
        using var workbook = XlsxWorkbook.Create(output);
        var text = workbook.Styles.Index(new CellStyle(Border: true, Align: CellAlign.Left));
        var amount = workbook.Styles.Index(new CellStyle(CellStyle.Formats.Amount, Border: true));
        var rate = workbook.Styles.Index(new CellStyle(CellStyle.Formats.Percent, Border: true));
        var heading = workbook.Styles.Index(new CellStyle(Bold: true, Fill: "DDE3EA", Border: true, Align: CellAlign.Center));
        var layout = new SheetLayout { ColumnWidths = Enumerable.Repeat(12.0, 20).ToList(), FrozenRows = 1, FrozenColumns = 2, MaxOutlineLevel = 3, PrintTitleRows = (1, 1) };
        using var sheet = workbook.AddSheet("집행", layout);
        sheet.WriteRow(Enumerable.Range(1, 20).Select(c => XlsxCell.Of($"열 {c}", heading)).ToList());
        var cells = new XlsxCell[20];
        foreach (var (code, name, numbers) in LargeRows(rows))
        {
            cells[0] = XlsxCell.Of(code, text);
            cells[1] = XlsxCell.Of(name, text);
            for (var c = 0; c < 18; c++) cells[c + 2] = XlsxCell.Of(numbers[c], c >= 15 ? rate : amount);
            sheet.WriteRow(cells, outlineLevel: code.Count(ch => ch == '.'));
        }

        sheet.AutoFilter(1, sheet.RowCount, 20);
    }

    public static void WriteLargeBare(int rows, Stream output)
    {
        var all = new List<IReadOnlyList<object?>> { Enumerable.Range(1, 20).Select(c => (object?)$"열 {c}").ToList() };
        // Streamed like the library (no list of all rows): the baseline must not pay for materialising the data.
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var wb = document.AddWorkbookPart();
        var part = wb.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(part))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            writer.WriteStartElement(new Row());
            foreach (var h in all[0]) writer.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text((string)h!)) });
            writer.WriteEndElement();
            foreach (var (code, name, numbers) in LargeRows(rows))
            {
                writer.WriteStartElement(new Row());
                writer.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(code)) });
                writer.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(name)) });
                foreach (var n in numbers) writer.WriteElement(new Cell { CellValue = new CellValue(n.ToString(CultureInfo.InvariantCulture)) });
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        wb.Workbook = new Workbook(new Sheets(new Sheet { Name = "집행", SheetId = 1, Id = wb.GetIdOfPart(part) }));
        wb.Workbook.Save();
    }

    private static IEnumerable<(string Code, string Name, decimal[] Numbers)> LargeRows(int rows)
    {
        var random = new Random(50_000);
        var numbers = new decimal[18];
        for (var i = 0; i < rows; i++)
        {
            for (var c = 0; c < 18; c++) numbers[c] = c >= 15 ? Math.Round((decimal)random.NextDouble(), 4) : random.Next(0, 5_000_000);
            yield return ($"P{i / 1000 + 1}.{i / 100 % 10 + 1}.{i % 100 + 1}", $"[생성] 세부사업 {i + 1:#,##0}", numbers);
        }
    }

    public static (double Ms, double PeakMb, double ManagedMb) Time(Action action)
    {
        using var probe = new MemoryProbe();
        var sw = Stopwatch.StartNew();
        action();
        var ms = sw.Elapsed.TotalMilliseconds;
        probe.Dispose();
        return (ms, probe.PeakWorkingSetGrowthMb, probe.PeakManagedGrowthMb);
    }
}
