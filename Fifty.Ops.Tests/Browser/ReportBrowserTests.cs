using Fifty.Ops.Infrastructure.Security;
using Microsoft.Playwright;

namespace Fifty.Ops.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class ReportBrowserTests(AppProcess app) : IClassFixture<AppProcess>
{
    [Fact]
    public async Task APlannerPreviewsTheReportAndDownloadsThePdf()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Planner, new() { Locale = "ko-KR", AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, "/reports?year=2023&quarter=3");
        var preview = page.FrameLocator("iframe.report-frame");
        await Assertions.Expect(preview.Locator(".r-cover-title")).ToHaveTextAsync("2023년 3분기 주요업무보고");
        await Assertions.Expect(preview.Locator("table.r-execution")).ToContainTextAsync("38,649,012");

        var link = page.GetByRole(AriaRole.Link, new() { Name = "PDF 내려받기" });
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync(), new() { Timeout = 120_000 }); // Chromium prints the report
        Assert.Equal("2023년_3분기_주요업무보고.pdf", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"dl-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(path);
        try
        {
            var head = new byte[5];
            await using (var file = File.OpenRead(path))
            {
                await file.ReadExactlyAsync(head);
            }

            Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(head));
            await Assertions.Expect(page.Locator("#download-status")).ToHaveTextAsync("2023년_3분기_주요업무보고.pdf 내려받기 완료");

            var excel = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Excel 내려받기" }).ClickAsync());
            Assert.Equal("2023년_3분기_주요업무보고.xlsx", excel.SuggestedFilename);
            await excel.SaveAsAsync(path);
            using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(path, false);
            Assert.Equal(6, workbook.WorkbookPart!.Workbook.Sheets!.ChildElements.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
