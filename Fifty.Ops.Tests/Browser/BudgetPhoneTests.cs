using Fifty.Ops.Infrastructure.Security;
using Microsoft.Playwright;

namespace Fifty.Ops.Tests.Browser;

/// <summary>Budget, reconciliation and project pages on a 390 px phone: the page fits, wide tables scroll in their box.</summary>
[Trait("Category", "Browser")]
public sealed class BudgetPhoneTests(AppProcess app) : IClassFixture<AppProcess>
{
    private static BrowserNewContextOptions Phone => new() { Locale = "ko-KR", ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true };

    [Theory]
    [InlineData(AppRoles.Director, "/budget?year=2023&quarter=3")]
    [InlineData(AppRoles.Planner, "/budget?year=2020")]
    [InlineData(AppRoles.Auditor, "/budget/reconciliation?year=2023&quarter=3")]
    [InlineData(AppRoles.Director, "/projects?year=2023&quarter=3")]
    [InlineData(AppRoles.Auditor, "/projects/J1.1.1?year=2023&quarter=3")]
    public async Task ThePageIsNoWiderThanThePhone(string role, string path)
    {
        await using var context = await app.NewSignedInContextAsync(role, Phone);
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, path);
        await Assertions.Expect(page.Locator("main h1")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("main .mud-simple-table").First).ToBeVisibleAsync();
        await page.EvaluateAsync("document.fonts.ready");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{path}: {width}px wide at 390px");
    }

    [Fact]
    public async Task TheBudgetTreeScrollsInsideItsBoxWithTheNameColumnFixed()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Director, Phone);
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, "/budget?year=2023&quarter=3");
        await Assertions.Expect(page.Locator(".tree-grid")).ToHaveAttributeAsync("data-interactive", "true");
        var box = page.Locator(".execution-table .mud-table-container");
        var sizes = await box.EvaluateAsync<int[]>("b => [b.scrollWidth, b.clientWidth]");
        Assert.True(sizes[0] > sizes[1] && sizes[1] <= 390, $"table {sizes[0]}px in a {sizes[1]}px box");

        var name = page.Locator(".execution-table tr[data-code='P2'] th.name");
        var figure = page.Locator(".execution-table tr[data-code='P2'] td").Nth(5);
        var nameBefore = (await name.BoundingBoxAsync())!.X;
        var figureBefore = (await figure.BoundingBoxAsync())!.X;
        await box.EvaluateAsync("b => b.scrollLeft = 400");
        await Assertions.Expect(box).Not.ToHaveJSPropertyAsync("scrollLeft", 0);
        Assert.Equal(nameBefore, (await name.BoundingBoxAsync())!.X, 1.0);
        Assert.True((await figure.BoundingBoxAsync())!.X < figureBefore - 100, "the figures scroll under the fixed name column");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390);

        // The unit switch works on the phone too and the caption says the unit.
        await page.GetByRole(AriaRole.Button, new() { Name = "억원", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".execution-table caption")).ToContainTextAsync("단위 : 억원");
    }

    [Fact]
    public async Task TheReconciliationFilterShowsOneSeverity()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Auditor, Phone);
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, "/budget/reconciliation?year=2023&quarter=3");
        var mismatch = page.GetByRole(AriaRole.Button, new() { Name = "불일치 (12)" });
        await Assertions.Expect(mismatch).ToBeEnabledAsync();
        await mismatch.ClickAsync();
        await Assertions.Expect(mismatch).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator(".findings-table tr.finding-notation")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".findings-table tr.finding-mismatch:not(.finding-repeat)")).ToHaveCountAsync(12);
        await Assertions.Expect(page.Locator(".findings-table tr.finding-mismatch .severity svg.status-icon").First).ToBeAttachedAsync();
    }
}
