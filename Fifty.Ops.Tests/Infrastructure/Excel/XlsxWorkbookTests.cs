using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Fifty.Ops.Infrastructure.Excel;
using CellStyle = Fifty.Ops.Infrastructure.Excel.CellStyle;

namespace Fifty.Ops.Tests.Infrastructure.Excel;

public sealed class XlsxWorkbookTests
{
    [Fact]
    public void AWrittenWorkbookReadsBackWithItsLayoutStylesAndEscapedText()
    {
        using var stream = new MemoryStream();
        using (var workbook = XlsxWorkbook.Create(stream))
        {
            var amount = workbook.Styles.Index(new CellStyle(CellStyle.Formats.Amount, Border: true));
            var rate = workbook.Styles.Index(new CellStyle(CellStyle.Formats.Percent, Border: true));
            var bold = workbook.Styles.Index(new CellStyle(Bold: true));
            Assert.Equal(amount, workbook.Styles.Index(new CellStyle(CellStyle.Formats.Amount, Border: true)));

            var layout = new SheetLayout
            {
                ColumnWidths = [10, 20, 12],
                FrozenRows = 1,
                FrozenColumns = 1,
                MaxOutlineLevel = 2,
                PrintTitleRows = (1, 1),
                FooterLeft = "재단 R&D",
            };
            using (var sheet = workbook.AddSheet("집행:현황", layout))
            {
                sheet.WriteRow([XlsxCell.Of("사업명", bold), XlsxCell.Of("예산", bold), XlsxCell.Of("집행률", bold)]);
                sheet.WriteRow([XlsxCell.Of("=cmd|' /C calc'!A0", 0), XlsxCell.Of(38_649_012m, amount), XlsxCell.Of(0.605m, rate)], outlineLevel: 2);
                sheet.Merge(1, 1, 2);
                sheet.AutoFilter(1, sheet.RowCount, 3);
            }

            using (var second = workbook.AddSheet("둘째", new SheetLayout()))
            {
                second.WriteRow([XlsxCell.Of("가", 0)]);
            }
        }

        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, false);
        var part = document.WorkbookPart!;
        Assert.Equal(["집행_현황", "둘째"], part.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!));
        var sheetPart = (WorksheetPart)part.GetPartById(part.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var worksheet = sheetPart.Worksheet;
        var strings = part.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();

        var rows = worksheet.Descendants<Row>().ToList();
        var injected = rows[1].Elements<Cell>().First();
        Assert.Equal("'=cmd|' /C calc'!A0", strings[int.Parse(injected.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]);
        var number = rows[1].Elements<Cell>().ElementAt(1);
        Assert.Null(number.DataType);
        Assert.Equal("38649012", number.CellValue!.Text);
        Assert.Equal(2, rows[1].OutlineLevel!.Value);

        var formats = part.WorkbookStylesPart!.Stylesheet;
        var xfs = formats.CellFormats!.Elements<CellFormat>().ToList();
        Assert.Equal(3u, xfs[(int)number.StyleIndex!.Value].NumberFormatId!.Value); // built-in #,##0
        var rateFormatId = xfs[(int)rows[1].Elements<Cell>().ElementAt(2).StyleIndex!.Value].NumberFormatId!.Value;
        Assert.Equal("0.0%", formats.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == rateFormatId).FormatCode!.Value);

        Assert.Equal("B2", worksheet.Descendants<Pane>().Single().TopLeftCell!.Value);
        Assert.Equal("A1:C2", worksheet.Descendants<AutoFilter>().Single().Reference!.Value);
        Assert.Equal("A1:B1", worksheet.Descendants<MergeCell>().Single().Reference!.Value);
        var setup = worksheet.Descendants<PageSetup>().Single();
        Assert.Equal((9u, OrientationValues.Landscape, 1u, 0u), (setup.PaperSize!.Value, setup.Orientation!.Value, setup.FitToWidth!.Value, setup.FitToHeight!.Value));
        Assert.True(worksheet.Descendants<PageSetupProperties>().Single().FitToPage!.Value);
        Assert.False(worksheet.Descendants<OutlineProperties>().Single().SummaryBelow!.Value);
        Assert.Equal(2, worksheet.Descendants<SheetFormatProperties>().Single().OutlineLevelRow!.Value);
        Assert.Equal("&L재단 R&&D&C&P / &N", worksheet.Descendants<OddFooter>().Single().Text);
        Assert.Equal([10d, 20d, 12d], worksheet.Descendants<Column>().Select(c => c.Width!.Value));

        var names = part.Workbook.DefinedNames!.Elements<DefinedName>().ToList();
        Assert.Contains(names, n => n.Name == "_xlnm.Print_Titles" && n.Text == "'집행_현황'!$1:$1" && n.LocalSheetId!.Value == 0);
        Assert.Contains(names, n => n.Name == "_xlnm._FilterDatabase" && n.Text == "'집행_현황'!$A$1:$C$2");
    }

    [Fact]
    public void ASheetMustBeClosedBeforeTheNextStarts()
    {
        using var stream = new MemoryStream();
        using var workbook = XlsxWorkbook.Create(stream);
        using var first = workbook.AddSheet("a", new SheetLayout());
        Assert.Throws<InvalidOperationException>(() => workbook.AddSheet("b", new SheetLayout()));
    }
}
