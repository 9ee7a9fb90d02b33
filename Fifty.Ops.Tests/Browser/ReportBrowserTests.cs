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

        // A live page: the export is a button that shows progress while Chromium prints the report, then a snackbar.
        var button = page.GetByRole(AriaRole.Button, new() { Name = "PDF 내려받기" });
        var download = await page.RunAndWaitForDownloadAsync(async () =>
        {
            await button.ClickAsync();
            await Assertions.Expect(page.Locator("button.export-button[aria-busy=true]")).ToContainTextAsync("PDF 만드는 중");
        }, new() { Timeout = 120_000 });
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
            await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "2023년_3분기_주요업무보고.pdf 파일을 내려받았습니다." })).ToBeVisibleAsync();
            await Assertions.Expect(button).ToBeEnabledAsync();

            var excel = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Excel 내려받기" }).ClickAsync());
            Assert.Equal("2023년_3분기_주요업무보고.xlsx", excel.SuggestedFilename);
            await excel.SaveAsAsync(path);
            using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(path, false);
            Assert.Equal(6, workbook.WorkbookPart!.Workbook.Sheets!.ChildElements.Count);
            await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "2023년_3분기_주요업무보고.xlsx 파일을 내려받았습니다." })).ToBeVisibleAsync();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
