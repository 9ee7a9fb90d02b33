using Fifty.Ops.Infrastructure.Security;
using Microsoft.Playwright;

namespace Fifty.Ops.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class BudgetGridTests(AppProcess app) : IClassFixture<AppProcess>
{
    [Fact]
    public async Task APolicyAreaExpandsAndTheUnitSwitchRoundsOnlyTheDisplay()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Director);
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, "/budget?year=2023&quarter=3");
        // Buttons are enabled once the circuit is interactive; the grid says so.
        await Assertions.Expect(page.Locator(".tree-grid")).ToHaveAttributeAsync("data-interactive", "true");

        var area = page.Locator(".execution-table tr[data-code='P2']");
        var unit = page.Locator(".execution-table tr[data-code='P2.1']");
        var line = page.Locator(".execution-table tr[data-code='P2.1.1']");
        await Assertions.Expect(area).ToBeVisibleAsync();
        await Assertions.Expect(unit).ToBeHiddenAsync();
        // Once interactive, a closed branch is not in the page at all (the server keeps every rendered row per user).
        await Assertions.Expect(unit).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".execution-table tr[hidden]")).ToHaveCountAsync(0);

        await area.GetByRole(AriaRole.Button, new() { Name = "중장년일자리사다리 펼치기" }).ClickAsync();
        await Assertions.Expect(area.Locator("button.toggle")).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(unit).ToBeVisibleAsync();
        await Assertions.Expect(line).ToBeHiddenAsync();

        // Keyboard: the toggle is a button, so Enter opens it.
        await unit.Locator("button.toggle").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(line).ToBeVisibleAsync();
        await Assertions.Expect(line.Locator("td").First).ToHaveTextAsync("986,426");

        await page.GetByRole(AriaRole.Button, new() { Name = "백만원", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "백만원", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(line.Locator("td").First).ToHaveTextAsync("986");
        await Assertions.Expect(line.Locator("td").First).ToHaveAttributeAsync("data-value", "986426");
        await Assertions.Expect(page.Locator(".execution-table caption")).ToContainTextAsync("단위 : 백만원");
        await Assertions.Expect(page.Locator(".execution-table tr[data-code='T'] td").First).ToHaveTextAsync("38,649");

        await page.GetByRole(AriaRole.Button, new() { Name = "억원", Exact = true }).ClickAsync();
        await Assertions.Expect(line.Locator("td").First).ToHaveTextAsync("9.9");
        await Assertions.Expect(line).ToContainTextAsync("93.4%"); // rates do not change with the unit

        await page.GetByRole(AriaRole.Button, new() { Name = "모두 접기" }).ClickAsync();
        await Assertions.Expect(area).ToBeHiddenAsync();
        // The total stays open, so its 사업비 / 일반관리비 groups remain as the collapsed overview.
        await Assertions.Expect(page.Locator(".execution-table tr[data-code='P'] button.toggle")).ToHaveAttributeAsync("aria-expanded", "false");
        await page.GetByRole(AriaRole.Button, new() { Name = "모두 펼치기" }).ClickAsync();
        await Assertions.Expect(page.Locator(".execution-table tr[data-code='P6.1.3']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheAttentionListSortsByTheChosenColumn()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Auditor);
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, "/budget?year=2023&quarter=3");
        await Assertions.Expect(page.Locator(".tree-grid")).ToHaveAttributeAsync("data-interactive", "true");
        var rows = page.Locator(".attention-table tbody tr");
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-code", "G.3"); // 평가급: the largest amount gap

        var rateHeader = page.Locator(".attention-table th", new() { HasText = "집행률 (지출 기준)" });
        await rateHeader.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(rateHeader).ToHaveAttributeAsync("aria-sort", "descending");
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-code", "P1.1.2"); // 92.2%
        await rateHeader.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(rateHeader).ToHaveAttributeAsync("aria-sort", "ascending");
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-code", "P2.2.4"); // 0.0%, the largest amount gap of the three at 0.0%
        await page.CloseAsync();
    }
}
