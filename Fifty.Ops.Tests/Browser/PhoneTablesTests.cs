using Fifty.Ops.Infrastructure.Security;
using Microsoft.Playwright;

namespace Fifty.Ops.Tests.Browser;

/// <summary>
/// Wide tables at 390 px keep what matters in view: the name column stays put while the figures scroll in the table's
/// own box, the caption (unit, 기준일) wraps on the screen, and the audit trail reads as one card per entry.
/// At 1,440 px the menu's column reaches the bottom of a long page.
/// </summary>
[Trait("Category", "Browser")]
public sealed class PhoneTablesTests(AppProcess app) : IClassFixture<AppProcess>
{
    private static BrowserNewContextOptions Phone => new() { Locale = "ko-KR", ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true };

    private static async Task AssertNameColumnFixedAsync(IPage page, string table)
    {
        var box = page.Locator($"{table} .mud-table-container");
        var sizes = await box.EvaluateAsync<int[]>("b => [b.scrollWidth, b.clientWidth]");
        Assert.True(sizes[0] > sizes[1] && sizes[1] <= 390, $"{table}: table {sizes[0]}px in a {sizes[1]}px box");
        var name = page.Locator($"{table} tbody tr").First.Locator("> :first-child");
        var before = (await name.BoundingBoxAsync())!.X;
        await box.EvaluateAsync("b => b.scrollLeft = 300");
        await Assertions.Expect(box).Not.ToHaveJSPropertyAsync("scrollLeft", 0);
        Assert.Equal(before, (await name.BoundingBoxAsync())!.X, 1.0);
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390);
    }

    [Fact]
    public async Task TheOverviewHeadlinesAndTheBudgetPaceListKeepTheirNamesInViewWhileTheFiguresScroll()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Director, Phone);
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, "/?year=2023&quarter=3");
        await Assertions.Expect(page.Locator(".headline-table tbody tr").First).ToBeVisibleAsync();
        // 분야 moves under the name on a phone, so 목표 대비 is the next column but one.
        await Assertions.Expect(page.Locator(".headline-table thead th").Nth(1)).Not.ToBeVisibleAsync();
        await AssertNameColumnFixedAsync(page, ".headline-table");

        await app.OpenAsync(page, "/budget?year=2023&quarter=3");
        await Assertions.Expect(page.Locator(".attention-table tbody tr").First).ToBeVisibleAsync();
        await AssertNameColumnFixedAsync(page, ".attention-table");
    }

    [Fact]
    public async Task TheAuditTrailShowsEachEntryAsACardWithItsKindAndContentOnScreen()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Auditor, Phone);
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, "/audit");
        var row = page.Locator(".audit-table tbody tr").First;
        await Assertions.Expect(row).ToBeVisibleAsync();
        foreach (var cell in new[] { "td[data-label='종류']", "td[data-label='내용']" })
        {
            var box = (await row.Locator(cell).BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"{cell} at {box.X}+{box.Width}");
        }

        Assert.Equal("종류", await row.Locator("td[data-label='종류']").EvaluateAsync<string>("td => getComputedStyle(td, '::before').content.replaceAll('\"', '')"));
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390);
    }

    [Fact]
    public async Task TheEntryTablesCaptionWrapsOnTheScreen()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Planner, Phone);
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, "/entry/budget?year=2023&quarter=3");
        var caption = page.Locator(".entry-table caption");
        await Assertions.Expect(caption).ToContainTextAsync("단위");
        var box = (await caption.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"caption at {box.X}+{box.Width}");
    }

    [Fact]
    public async Task TheMenuColumnReachesTheBottomOfALongPageAtFullWidth()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Planner, new() { Locale = "ko-KR", ViewportSize = new() { Width = 1440, Height = 700 } });
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, "/budget?year=2023&quarter=3");
        await Assertions.Expect(page.Locator("main h1")).Not.ToBeEmptyAsync();
        // The drawer is fixed to the 700 px viewport; the layout behind it is as tall as the page and paints the
        // drawer's white in the drawer's column, so nothing grey shows under the menu below the first screen.
        var facts = await page.EvaluateAsync<double[]>("""
            () => { const l = document.querySelector('.mud-layout'), d = document.querySelector('.mud-drawer');
              const bg = getComputedStyle(l).backgroundImage;
              return [l.getBoundingClientRect().height, document.documentElement.scrollHeight, bg.includes('rgb(255, 255, 255)') ? 1 : 0,
                      d.getBoundingClientRect().width]; }
            """);
        Assert.True(facts[1] > 1000, $"the page should be long ({facts[1]}px)");
        Assert.True(facts[0] >= facts[1] - 1, $"layout {facts[0]}px for a {facts[1]}px page");
        Assert.Equal(1, facts[2]);
    }
}
