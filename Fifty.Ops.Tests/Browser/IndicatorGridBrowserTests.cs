using Fifty.Ops.Infrastructure.Security;
using Microsoft.Playwright;

namespace Fifty.Ops.Tests.Browser;

/// <summary>The indicator list on MudDataGrid, the campus page's write link by role, and phone widths of the reading pages.</summary>
[Trait("Category", "Browser")]
public sealed class IndicatorGridBrowserTests(AppProcess app) : IClassFixture<AppProcess>
{
    private static BrowserNewContextOptions Phone => new() { Locale = "ko-KR", ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true };

    [Fact]
    public async Task TheListFiltersByTextAndFieldAndGroupsByFieldOrListsFlat()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Director, new() { Locale = "ko-KR", ViewportSize = new() { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, "/indicators?year=2023&quarter=3");
        var rows = page.Locator("tr.indicator-row");
        var all = await rows.CountAsync();
        Assert.True(all > 10, $"{all} rows");
        var groups = page.Locator(".indicator-grid .group-title");
        Assert.True(await groups.CountAsync() >= 3);
        await Assertions.Expect(page.Locator(".indicator-grid td.field")).ToHaveCountAsync(0);

        // Flat: no group headers, the 분야 in every row.
        await page.GetByLabel("분야별로 묶기").ClickAsync();
        await Assertions.Expect(groups).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".indicator-grid td.field")).ToHaveCountAsync(all);
        await page.GetByLabel("분야별로 묶기").ClickAsync();
        await Assertions.Expect(page.Locator(".indicator-grid td.field")).ToHaveCountAsync(0);

        // Text: every word typed appears in what is left.
        await page.GetByLabel("지표 찾기").FillAsync("인턴십");
        await Assertions.Expect(page.Locator(".filter-count")).Not.ToContainTextAsync($"{all}개 표시");
        var left = await rows.AllTextContentsAsync();
        Assert.NotEmpty(left);
        Assert.True(left.Count < all);
        Assert.All(left, t => Assert.Contains("인턴십", t, StringComparison.Ordinal));
        await page.GetByLabel("지표 찾기").FillAsync("");
        await Assertions.Expect(rows).ToHaveCountAsync(all);

        // 분야 travels in the address, so the overview can link to it.
        var field = (await groups.First.TextContentAsync())!.Trim();
        await page.GetByRole(AriaRole.Combobox, new() { Name = "분야" }).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextString = field }).First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("field=", StringComparison.Ordinal));
        await Assertions.Expect(groups).ToHaveTextAsync([field]);
        Assert.True(await rows.CountAsync() < all);
    }

    [Fact]
    public async Task SortingByAHeaderOrdersTheRows()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Auditor, new() { Locale = "ko-KR", ViewportSize = new() { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, "/indicators?year=2020&quarter=3");
        var grid = page.Locator(".indicator-grid[data-kind=Promise]");
        await page.GetByLabel("분야별로 묶기").ClickAsync();
        await Assertions.Expect(grid.Locator(".group-title")).ToHaveCountAsync(0);

        const string Rates = "cells => cells.map(c => c.childNodes[0]?.textContent?.trim() ?? '').filter(t => t.endsWith('%')).map(t => parseFloat(t.replace(/,/g, '')))";
        var before = await grid.Locator("td.rate").EvaluateAllAsync<decimal[]>(Rates);
        Assert.False(before.SequenceEqual(before.Order()), "the report order is not already ascending by rate");
        await grid.Locator("th").Filter(new() { HasTextString = "달성률" }).Locator(".sortable-column-header").ClickAsync();
        // Wait for the condition itself: the rates of the grid in ascending order.
        await page.WaitForFunctionAsync(@"() => { const r = [...document.querySelectorAll('.indicator-grid[data-kind=Promise] td.rate')]
            .map(c => c.childNodes[0]?.textContent?.trim() ?? '').filter(t => t.endsWith('%')).map(t => parseFloat(t.replace(/,/g, '')));
            return r.length > 4 && r.every((v, i) => i === 0 || r[i - 1] <= v); }");
        var numbers = await grid.Locator("td.rate").EvaluateAllAsync<decimal[]>(Rates);
        Assert.Equal(before.Order(), numbers);
    }

    [Theory]
    [InlineData(AppRoles.Director, false)]
    [InlineData(AppRoles.Auditor, false)]
    [InlineData(AppRoles.Planner, true)]
    public async Task OnlyARoleThatMayEnterFiguresSeesTheMonthlyEntryButton(string role, bool sees)
    {
        await using var context = await app.NewSignedInContextAsync(role, new() { Locale = "ko-KR", ViewportSize = new() { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, "/campuses?year=2023&quarter=3");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("캠퍼스 이용");
        await Assertions.Expect(page.Locator(".campus-card").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main a[data-entry-link]")).ToHaveCountAsync(sees ? 1 : 0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "월별 입력" })).ToHaveCountAsync(sees ? 1 : 0);
    }

    [Theory]
    [InlineData(AppRoles.Director, "/indicators?year=2023&quarter=3")]
    [InlineData(AppRoles.Planner, "/indicators?year=2020&quarter=3")]
    [InlineData(AppRoles.Director, "detail")]
    [InlineData(AppRoles.Planner, "/campuses?year=2023&quarter=3")]
    [InlineData(AppRoles.Director, "/campuses?year=2020&quarter=3")]
    [InlineData(AppRoles.Auditor, "/?year=2023&quarter=3")]
    public async Task NoReadingPageIsWiderThanA390PixelPhoneAndWideTablesScrollInTheirOwnBox(string role, string path)
    {
        await using var context = await app.NewSignedInContextAsync(role, Phone);
        var page = await context.NewPageAsync();
        if (path == "detail")
        {
            await app.OpenAsync(page, "/indicators?year=2020&quarter=3");
            path = (await page.Locator("a.indicator-link").First.GetAttributeAsync("href"))!.Insert(0, "/");
        }

        await app.OpenAsync(page, path);
        await Assertions.Expect(page.Locator("main table").First).ToBeAttachedAsync();
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{path}: {width}px wide at 390px");

        // A table wider than the screen scrolls inside its container, its first column pinned.
        var wide = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('main .mud-table table')]
            .filter(t => t.scrollWidth > 390)
            .map(t => { const boxes = [t, t.closest('.mud-table-container'), t.closest('.table-scroll')].filter(b => b);
                        const scrolls = boxes.some(b => ['auto', 'scroll'].includes(getComputedStyle(b).overflowX));
                        const row = [...t.querySelectorAll('tbody tr')].find(r => r.firstElementChild && r.firstElementChild.colSpan === 1);
                        const first = row ? row.firstElementChild : null;
                        return (scrolls ? 'scroll' : 'no-scroll') + '/' + (first ? getComputedStyle(first).position : 'none'); })");
        Assert.NotEmpty(wide);
        Assert.All(wide, w => Assert.StartsWith("scroll/", w, StringComparison.Ordinal));
        Assert.All(wide.Where(w => !w.EndsWith("/none", StringComparison.Ordinal)), w => Assert.Equal("scroll/sticky", w));
    }
}
