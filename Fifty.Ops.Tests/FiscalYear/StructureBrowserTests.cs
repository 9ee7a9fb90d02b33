using Fifty.Ops.Tests.Browser;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Fifty.Ops.Tests.FiscalYear;

/// <summary>The structure workbook on /setup in Chromium: download, edit, upload, preview, apply, see the new code.</summary>
[Trait("Category", "Browser")]
public sealed class StructureBrowserTests(AppProcess app) : IClassFixture<AppProcess>
{
    private static readonly string? ScreenshotFolder = Environment.GetEnvironmentVariable("STRUCTURE_SCREENSHOTS");

    [Fact]
    public async Task APlannerUploadsAStructureWorkbookSeesThePreviewAppliesItAndSeesTheNewCode()
    {
        await using var context = await app.NewSignedInContextAsync("planner", new() { Locale = "ko-KR", ViewportSize = new() { Width = 1440, Height = 1000 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, "/setup?year=2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "2024년 체계 만들기 (2023년에서 이월)" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "이월 확정" }).ClickAsync();
        await Assertions.Expect(page.Locator(".form-saved")).ToContainTextAsync("2024년 체계를 만들었습니다");
        await Assertions.Expect(page.Locator("[data-table=programme] td[data-code='P1.1.1']")).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-action=download-structure]").ClickAsync());
        var original = Path.Combine(Path.GetTempPath(), $"structure-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(original);
        var edited = Path.Combine(Path.GetTempPath(), $"2024년_체계_{Guid.NewGuid():N}.xlsx");
        try
        {
            using (var edit = new XlsxEditor(await File.ReadAllBytesAsync(original)))
            {
                edit.AppendRows("예산체계", [[("A", "P1.1.9"), ("B", "P1.1"), ("C", "세부사업"), ("D", "브라우저로 더한 세부사업"), ("E", "출연금"), ("F", 12345m), ("G", "운영")]]);
                await File.WriteAllBytesAsync(edited, edit.Save());
            }

            await page.Locator("input[type=file]").SetInputFilesAsync(edited);
            var preview = page.Locator("[data-preview=ready]");
            await Assertions.Expect(preview).ToBeVisibleAsync();
            await Assertions.Expect(preview.Locator("tr[data-code='P1.1.9'][data-kind=Added]")).ToContainTextAsync("12,345천원");
            await Assertions.Expect(page.Locator("[data-table=programme] td[data-code='P1.1.9']")).ToHaveCountAsync(0);
            await Shoot(page, "planner-1440-preview");

            await page.Locator("[data-action=apply-structure]").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "반영", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-result=applied]")).ToContainTextAsync("2024년 체계에 1건을 반영했습니다");
            var row = page.Locator("[data-table=programme] tr:has(td[data-code='P1.1.9'])");
            await Assertions.Expect(row).ToContainTextAsync("브라우저로 더한 세부사업");
            await Assertions.Expect(row).ToContainTextAsync("12,345");

            // A single edit: a new 세부사업 under a 단위사업, with the form's Korean validation first.
            await page.Locator("[data-table=programme] tr:has(td[data-code='P1.1'])").GetByRole(AriaRole.Button, new() { Name = "P1.1 아래에 세부사업 추가" }).ClickAsync();
            var editor = page.Locator("[data-section=node-editor]");
            await Assertions.Expect(editor).ToContainTextAsync("2024년 예산체계에 새 항목 추가");
            await editor.GetByLabel("코드", new() { Exact = true }).FillAsync("P1.1.8");
            await editor.GetByLabel("사업명", new() { Exact = true }).FillAsync("화면으로 더한 세부사업");
            await editor.GetByLabel("당초예산 (천원)", new() { Exact = true }).FillAsync("1,2");
            await editor.Locator("[data-action=save-node]").ClickAsync();
            await Assertions.Expect(editor).ToContainTextAsync("당초예산:");
            await editor.GetByLabel("당초예산 (천원)", new() { Exact = true }).FillAsync("7,000");
            await editor.Locator("[data-action=save-node]").ClickAsync();
            await Assertions.Expect(page.Locator(".form-saved")).ToContainTextAsync("2024년 체계에 1건을 반영했습니다");
            var single = page.Locator("[data-table=programme] tr:has(td[data-code='P1.1.8'])");
            await Assertions.Expect(single).ToContainTextAsync("화면으로 더한 세부사업");
            await Assertions.Expect(single).ToContainTextAsync("7,000");

            // The same file again: nothing to change.
            await page.Locator("input[type=file]").SetInputFilesAsync(edited);
            await Assertions.Expect(page.Locator("[data-preview=nothing]")).ToContainTextAsync("바뀌는 것이 없습니다");
            await Shoot(page, "planner-1440");

            // A phone: the page is no wider than the screen.
            await page.SetViewportSizeAsync(390, 844);
            await app.OpenAsync(page, "/setup?year=2024");
            await Assertions.Expect(page.Locator("[data-table=programme] td[data-code='P1.1.9']")).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "/setup is wider than a 390 px phone");
            await Shoot(page, "planner-390");
        }
        finally
        {
            File.Delete(original);
            File.Delete(edited);
        }

        if (ScreenshotFolder is not null)
        {
            await using var admin = await app.NewSignedInContextAsync("admin", new() { Locale = "ko-KR", ViewportSize = new() { Width = 1440, Height = 1000 } });
            var adminPage = await admin.NewPageAsync();
            await app.OpenAsync(adminPage, "/setup?year=2024");
            await Shoot(adminPage, "admin-1440");
            await adminPage.SetViewportSizeAsync(390, 844);
            await app.OpenAsync(adminPage, "/setup?year=2024");
            await Shoot(adminPage, "admin-390");
        }
    }

    private static async Task Shoot(IPage page, string name)
    {
        if (ScreenshotFolder is null) return;
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = false });
    }
}
