using Fifty.Ops.Infrastructure.Security;
using Microsoft.Playwright;

namespace Fifty.Ops.Tests.Browser;

/// <summary>
/// The budget, reconciliation and project pages as each role at 1,440 and 390 px: nothing wider than the screen, every
/// table with its caption, and the role's own links only. Screenshots go to /tmp/fifty-ops-screens (or
/// <c>FIFTY_OPS_SCREENS</c>) for a person to look at.
/// </summary>
[Trait("Category", "Browser")]
public sealed class BudgetScreensTests(AppProcess app) : IClassFixture<AppProcess>
{
    private static readonly string[] Pages =
        ["/budget?year=2023&quarter=3", "/budget/reconciliation?year=2023&quarter=3", "/projects?year=2023&quarter=3", "/projects/J1.1.1?year=2023&quarter=3"];

    private static string Folder => Environment.GetEnvironmentVariable("FIFTY_OPS_SCREENS") ?? Path.Combine(Path.GetTempPath(), "fifty-ops-screens");

    [Theory]
    [InlineData(AppRoles.Admin, 1440)]
    [InlineData(AppRoles.Admin, 390)]
    [InlineData(AppRoles.Planner, 1440)]
    [InlineData(AppRoles.Planner, 390)]
    [InlineData(AppRoles.Director, 1440)]
    [InlineData(AppRoles.Director, 390)]
    [InlineData(AppRoles.Auditor, 1440)]
    [InlineData(AppRoles.Auditor, 390)]
    public async Task EachRoleSeesTheBudgetPagesWithinTheScreen(string role, int width)
    {
        Directory.CreateDirectory(Folder);
        var phone = width < 600;
        await using var context = await app.NewSignedInContextAsync(role, new()
        {
            Locale = "ko-KR", ViewportSize = new() { Width = width, Height = phone ? 844 : 900 }, IsMobile = phone, HasTouch = phone,
        });
        var page = await context.NewPageAsync();
        foreach (var path in Pages)
        {
            await app.OpenAsync(page, path);
            await Assertions.Expect(page.Locator("main .mud-simple-table caption").First).ToBeVisibleAsync();
            await page.EvaluateAsync("document.fonts.ready");
            var name = path.Split('?')[0].Trim('/').Replace('/', '-');
            await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"{name}-{role}-{width}.png"), FullPage = true });
            var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= width, $"{path} as {role}: {scrollWidth}px wide at {width}px");
            Assert.Equal(await page.Locator("main table").CountAsync(), await page.Locator("main table > caption").CountAsync());
            // The workbook link is for every role; no page here offers an entry form to a role that may not open one.
            var entryLinks = await page.Locator("main a[href*='entry/']").CountAsync();
            if (role is AppRoles.Director or AppRoles.Auditor) Assert.Equal(0, entryLinks);
        }
    }
}
