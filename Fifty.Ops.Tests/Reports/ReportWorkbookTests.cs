using Fifty.Ops.Infrastructure.Security;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Fifty.Ops.Tests.Infrastructure;
using Fifty.Ops.Tests.Web;

namespace Fifty.Ops.Tests.Reports;

public sealed class ReportWorkbookTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private async Task<SpreadsheetDocument> Download(string url)
    {
        var response = await (await factory.SharedClientAsync(AppRoles.Auditor)).GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}"));
        return document;
    }

    [Fact]
    public async Task TheQuarterlyWorkbookHasTheSixSheetsWithHeadersNumbersAndPrintSettings()
    {
        var response = await (await factory.SharedClientAsync(AppRoles.Auditor)).GetAsync(new Uri("/reports/2023/q3.xlsx", UriKind.Relative));
        Assert.Equal("2023년_3분기_주요업무보고.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);

        using var document = await Download("/reports/2023/q3.xlsx");
        var workbook = document.WorkbookPart!.Workbook;
        Assert.Equal(["요약", "성과지표", "예산집행현황", "사업별 실적", "캠퍼스 이용", "붙임"], workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!));
        var names = workbook.DefinedNames!.Elements<DefinedName>().ToList();
        Assert.Equal(6, names.Count(n => n.Name == "_xlnm.Print_Titles"));

        foreach (var name in new[] { "요약", "성과지표", "사업별 실적", "캠퍼스 이용", "붙임" })
        {
            var sheet = XlsxSheet.Read(document, name);
            var header = string.Join(" ", sheet.AllTexts);
            foreach (var part in new[] { "2023년 3분기 주요업무보고", "기관명 : 서울특별시 50플러스재단", "기준일 : 2023. 9. 30.", "(단위 : ", "출력일시 : " })
            {
                Assert.Contains(part, header, StringComparison.Ordinal);
            }

            var ws = sheet.Worksheet;
            var setup = ws.Elements<PageSetup>().Single();
            Assert.Equal(9u, setup.PaperSize!.Value); // A4
            Assert.Equal(1u, setup.FitToWidth!.Value);
            Assert.Equal("&C&P / &N", ws.Descendants<OddFooter>().Single().Text[^9..]);
            Assert.Equal(PaneStateValues.Frozen, ws.Descendants<Pane>().Single().State!.Value);
        }

        var appendix = XlsxSheet.Read(document, "붙임");
        Assert.Equal(OrientationValues.Landscape, appendix.Worksheet.Elements<PageSetup>().Single().Orientation!.Value);
        var subtotal = appendix.RowOf("소계").RowIndex!.Value;
        Assert.Equal(38_649_012m, appendix.Number($"B{subtotal}"));
        Assert.Equal("#,##0", appendix.Format($"B{subtotal}"));
        // The walked figure: the 2023 total 지출액 of seed-data/2023/budget_lines_appendix.csv, in the 소계 row and on 요약.
        Assert.Equal(23_387_991m, appendix.Number($"{appendix.ColumnOf("지출액")}{subtotal}"));
        var summary = XlsxSheet.Read(document, "요약");
        Assert.Equal(23_387_991m, summary.Number($"B{summary.RowOf("지출액").RowIndex!.Value}"));
        Assert.True(appendix.Worksheet.Descendants<Row>().Count(r => r.OutlineLevel is not null) > 40);
        Assert.NotNull(appendix.Worksheet.Elements<AutoFilter>().SingleOrDefault());

        var indicators = XlsxSheet.Read(document, "성과지표");
        var internship = indicators.Worksheet.Descendants<Row>().Single(r => r.Elements<Cell>().Any(c => indicators.Text(c.CellReference!) == "중장년 인턴십 지원 · 인턴십 참여자"));
        var cells = internship.Elements<Cell>().ToList();
        var rateCell = cells.Single(c => c.CellReference!.Value!.StartsWith('I'));
        Assert.Equal(1.03m, Math.Round(indicators.Number(rateCell.CellReference!), 4));
        Assert.Equal("0.0%", indicators.Format(rateCell.CellReference!));
    }

    [Fact]
    public async Task FormulasAreOnlyTotalsAndSharesOfTheCellsShown()
    {
        using var document = await Download("/reports/2023/q3.xlsx");
        var formulas = document.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<CellFormula>()).Select(f => f.Text).ToList();
        Assert.NotEmpty(formulas);
        Assert.All(formulas, f => Assert.Matches(@"^(SUM\([A-Z]+\d+:[A-Z]+\d+\)|[A-Z]+\d+/[A-Z]+\$?\d+)$", f));

        var projects = XlsxSheet.Read(document, "사업별 실적");
        var total = projects.RowOf("합계 (위 사업의 합)").RowIndex!.Value;
        var sum = projects.Cells[$"H{total}"];
        Assert.StartsWith("SUM(H6:H", sum.CellFormula!.Text, StringComparison.Ordinal);
        var rows = Enumerable.Range(6, (int)total - 6).Sum(r => projects.Cells.TryGetValue($"H{r}", out var c) && c.CellValue is not null ? projects.Number($"H{r}") : 0);
        Assert.Equal(rows, decimal.Parse(sum.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task TextFromDataCannotBecomeAFormula()
    {
        using var document = await Download("/reports/2023/q3.xlsx");
        var strings = document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText);
        Assert.DoesNotContain(strings, Fifty.Ops.Infrastructure.Excel.ExcelText.RunsAsFormula);
    }

    [Fact]
    public async Task ASourceDashIsWrittenAsTheEmptyValueMarkWithoutAnApostrophe()
    {
        using var document = await Download("/reports/2020/q3.xlsx");
        var indicators = XlsxSheet.Read(document, "성과지표");
        foreach (var reference in new[] { "E16", "F16", "G16", "E17", "F17", "G17" })
        {
            Assert.Equal("-", indicators.Text(reference));
        }

        foreach (var name in document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(x => x.Name!.Value!))
        {
            Assert.DoesNotContain(XlsxSheet.Read(document, name).AllTexts, t => t.StartsWith("'-", StringComparison.Ordinal) && !Fifty.Ops.Infrastructure.Excel.ExcelText.RunsAsFormula(t[1..]));
        }
    }

    [Fact]
    public async Task TheHeaderNamesTheReportOnce()
    {
        using var document = await Download("/reports/2023/q3.xlsx");
        foreach (var name in new[] { "요약", "성과지표", "사업별 실적", "캠퍼스 이용", "붙임" })
        {
            Assert.Contains("보고서명 : 2023년 3분기 주요업무보고 (9.30. 기준) · 마감", XlsxSheet.Read(document, name).AllTexts);
        }

        foreach (var name in document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(x => x.Name!.Value!))
        {
            Assert.DoesNotContain(XlsxSheet.Read(document, name).AllTexts, t => t.Split("주요업무보고").Length > 2);
        }
    }

    [Fact]
    public async Task AReportWithoutExecutionDataSaysWhatIsMissing()
    {
        using var document = await Download("/reports/2020/q3.xlsx");
        var appendix = XlsxSheet.Read(document, "붙임");
        Assert.Contains("자료 없음: 2020년 세부사업별 예산 집행 현황이 입력되지 않았습니다.", appendix.AllTexts);
    }

    [Fact]
    public async Task AnUnknownPeriodIs404()
    {
        var response = await (await factory.SharedClientAsync(AppRoles.Auditor)).GetAsync(new Uri("/reports/2022/q2.xlsx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
