using Fifty.Ops.Infrastructure.Security;
using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Spreadsheet;

using Fifty.Ops.Tests.Infrastructure;

namespace Fifty.Ops.Tests.Web;

/// <summary>Downloads the auditor's execution sheet from the running app and reads it back with the Open XML SDK.</summary>
public sealed class ExecutionWorkbookEndpointTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private static XlsxSheet Read(SpreadsheetDocument document, string name) => XlsxSheet.Read(document, name);

    [Fact]
    public async Task TheExecutionSheetDownloadsAsARealWorkbookWithNumbersStylesAndOutline()
    {
        var response = await (await factory.SharedClientAsync(AppRoles.Auditor)).GetAsync(new Uri("/budget/2023/q3/execution.xlsx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("2023년_3분기_예산집행현황.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition.DispositionType);

        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        // Schema-valid, so Excel opens it without a repair prompt.
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}"));
        Assert.Equal(["예산집행현황", "대사결과"], document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!));

        var grid = Read(document, "예산집행현황");
        Assert.Equal("2023년 3분기 예산 집행 현황", grid.Text("A1"));
        var header = string.Join(" ", Enumerable.Range(2, 3).SelectMany(r => grid.Worksheet.Descendants<Row>().Single(x => x.RowIndex! == (uint)r).Elements<Cell>()).Select(c => grid.Text(c.CellReference!)));
        foreach (var part in new[] { "기관명 : 서울특별시 50플러스재단", "보고서명 : 2023년 3분기 주요업무보고", "기준일 : 2023. 9. 30.", "(단위 : 천원)", "출력일시 : " })
        {
            Assert.Contains(part, header, StringComparison.Ordinal);
        }

        Assert.Equal("코드", grid.Text("A5"));
        Assert.Equal("예산현액", grid.Text("E5"));
        var total = grid.RowOf("T").RowIndex!.Value;
        Assert.Equal(38_649_012m, grid.Number($"E{total}"));
        Assert.Equal(23_387_991m, grid.Number($"J{total}"));
        Assert.Equal("#,##0", grid.Format($"E{total}"));

        var internship = grid.RowOf("P2.1.1");
        var row = internship.RowIndex!.Value;
        Assert.Equal(4, internship.OutlineLevel!.Value);
        Assert.Equal(986_426m, grid.Number($"E{row}"));
        Assert.Equal(920_856m, grid.Number($"I{row}"));
        Assert.Equal(986_426m - 683_603m, grid.Number($"K{row}"));
        Assert.Equal(Math.Round(920_856m / 986_426m, 12), Math.Round(grid.Number($"L{row}"), 12));
        Assert.Equal("0.0%", grid.Format($"L{row}"));
        Assert.Equal("0.0%", grid.Format($"M{row}"));
        Assert.Equal("보고서", grid.Text($"P{row}"));
        Assert.Equal(2, grid.RowOf("P2").OutlineLevel!.Value);
        Assert.Null(grid.RowOf("T").OutlineLevel);

        var worksheet = grid.Worksheet;
        Assert.Equal(4, worksheet.Descendants<SheetFormatProperties>().Single().OutlineLevelRow!.Value);
        Assert.Equal("C6", worksheet.Descendants<Pane>().Single().TopLeftCell!.Value);
        Assert.StartsWith("A5:Q", worksheet.Descendants<AutoFilter>().Single().Reference!.Value, StringComparison.Ordinal);
        var setup = worksheet.Descendants<PageSetup>().Single();
        Assert.Equal((9u, OrientationValues.Landscape, 1u, 0u), (setup.PaperSize!.Value, setup.Orientation!.Value, setup.FitToWidth!.Value, setup.FitToHeight!.Value));
        Assert.Contains("&P / &N", worksheet.Descendants<OddFooter>().Single().Text, StringComparison.Ordinal);
        Assert.Contains(document.WorkbookPart.Workbook.DefinedNames!.Elements<DefinedName>(), n => n.Name == "_xlnm.Print_Titles" && n.Text == "'예산집행현황'!$5:$5");

        var findings = Read(document, "대사결과");
        var doubleTotal = findings.Worksheet.Descendants<Row>().Single(r =>
            r.Elements<Cell>().Any(c => c.CellReference == $"D{r.RowIndex}" && findings.Text(c.CellReference!) == "T")
            && r.Elements<Cell>().Any(c => c.CellReference == $"C{r.RowIndex}" && findings.Text(c.CellReference!).StartsWith("같은 사업", StringComparison.Ordinal)));
        var n = doubleTotal.RowIndex!.Value;
        Assert.Equal((23_387_991m, 21_144_768m, 2_243_223m), (findings.Number($"H{n}"), findings.Number($"K{n}"), findings.Number($"M{n}")));
        Assert.Contains("(1쪽)", findings.Text($"I{n}"), StringComparison.Ordinal);
        Assert.Contains("(2쪽)", findings.Text($"L{n}"), StringComparison.Ordinal);
        // The same two figures were first met by the parent-sum rule: this row is listed under it, not counted again.
        Assert.Equal("같은 차이", findings.Text($"B{n}"));
        Assert.StartsWith("↳ ", findings.Text($"A{n}"), StringComparison.Ordinal);
        Assert.Contains(findings.AllTexts, t => t.StartsWith("출처·설명 : 불일치 12건 · 표기 4건", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AYearWithOnlyRequiredBudgetsExportsThoseWithTheirFindings()
    {
        var response = await (await factory.SharedClientAsync(AppRoles.Auditor)).GetAsync(new Uri("/budget/2020/q3/execution.xlsx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2020년_3분기_사업별소요예산.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var grid = Read(document, "소요예산");
        Assert.Equal(6_595_350m, grid.Number($"E{grid.RowOf("S1").RowIndex}"));
        Assert.Equal("하위 사업 합계(계산)", grid.Text($"F{grid.RowOf("S1").RowIndex}"));
        var last = grid.Worksheet.Descendants<Row>().Last().RowIndex!.Value;
        Assert.Equal(("합계", 13_710_928m), (grid.Text($"B{last}"), grid.Number($"E{last}")));
        Assert.Contains(Read(document, "대사결과").Strings, s => s.Contains("분야별 사업비 표 50+일모델 개발 및 확산", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/budget/2021/q3/execution.xlsx", "2021년 3분기 보고 기간이 없습니다")]
    [InlineData("/budget/2023/q1/execution.xlsx", "2023년 1분기 보고 기간이 없습니다")]
    [InlineData("/budget/2023/q5/execution.xlsx", "분기는 1~4 중 하나여야 합니다")]
    public async Task AnUnknownPeriodGets404WithAKoreanMessage(string url, string message)
    {
        var response = await (await factory.SharedClientAsync(AppRoles.Auditor)).GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
