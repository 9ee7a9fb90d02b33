using Fifty.Ops.Infrastructure.Security;
using Microsoft.Playwright;

namespace Fifty.Ops.Tests.Browser;

/// <summary>The budget tree on MudBlazor's table: levels, toggles, unit switch, the 2023 figures, the attention list.</summary>
[Trait("Category", "Browser")]
public sealed class BudgetGridTests(AppProcess app) : IClassFixture<AppProcess>
{
    private static ILocator Row(IPage page, string code) => page.Locator($".execution-table tr[data-code='{code}']");

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    private async Task<IPage> OpenBudgetAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, "/budget?year=2023&quarter=3");
        // The grid's buttons are enabled once the circuit is interactive; the grid says so.
        await Assertions.Expect(page.Locator(".tree-grid")).ToHaveAttributeAsync("data-interactive", "true");
        return page;
    }

    [Fact]
    public async Task APolicyAreaExpandsTheLevelsOpenTheTreeAndTheUnitSwitchRoundsOnlyTheDisplay()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Director);
        var page = await OpenBudgetAsync(context);

        var area = Row(page, "P2");
        var unit = Row(page, "P2.1");
        var line = Row(page, "P2.1.1");
        await Assertions.Expect(area).ToBeVisibleAsync();
        // Once interactive, a closed branch is not in the page at all (the server keeps every rendered row per user).
        await Assertions.Expect(unit).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".execution-table tr[hidden]")).ToHaveCountAsync(0);

        await area.GetByRole(AriaRole.Button, new() { Name = "중장년일자리사다리 펼치기" }).ClickAsync();
        await Assertions.Expect(area.Locator("button.toggle")).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(unit).ToBeVisibleAsync();
        await Assertions.Expect(line).ToHaveCountAsync(0);

        // Keyboard: the toggle is a button, so Enter opens it.
        await unit.Locator("button.toggle").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(line).ToBeVisibleAsync();
        await Assertions.Expect(line.Locator("td").First).ToHaveTextAsync("986,426");

        await Button(page, "백만원").ClickAsync();
        await Assertions.Expect(Button(page, "백만원")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(line.Locator("td").First).ToHaveTextAsync("986");
        await Assertions.Expect(line.Locator("td").First).ToHaveAttributeAsync("data-value", "986426");
        await Assertions.Expect(page.Locator(".execution-table caption")).ToContainTextAsync("단위 : 백만원");
        await Assertions.Expect(Row(page, "T").Locator("td").First).ToHaveTextAsync("38,649");

        await Button(page, "억원").ClickAsync();
        await Assertions.Expect(line.Locator("td").First).ToHaveTextAsync("9.9");
        await Assertions.Expect(line).ToContainTextAsync("93.4%"); // rates do not change with the unit

        await Button(page, "정책만").ClickAsync();
        await Assertions.Expect(unit).ToHaveCountAsync(0);
        await Assertions.Expect(area).ToBeVisibleAsync();
        await Assertions.Expect(area.Locator("button.toggle")).ToHaveAttributeAsync("aria-expanded", "false");
        await Button(page, "단위사업까지").ClickAsync();
        await Assertions.Expect(unit).ToBeVisibleAsync();
        await Assertions.Expect(line).ToHaveCountAsync(0);
        await Button(page, "모두 펼치기").ClickAsync();
        await Assertions.Expect(Row(page, "P6.1.3")).ToBeVisibleAsync();
        await Assertions.Expect(line.Locator("td").First).ToHaveTextAsync("9.9"); // the unit stays as chosen
    }

    [Fact]
    public async Task TheBudgetPageShowsThe2023TotalDisbursementInThousands()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Auditor);
        var page = await OpenBudgetAsync(context);
        var headers = await page.Locator(".execution-table thead th").AllTextContentsAsync();
        var disbursed = headers.ToList().FindIndex(h => h.Trim() == "지출액");
        Assert.True(disbursed > 0, string.Join(" | ", headers));
        // Header cells count the name column; body rows name it in a th, so the td index is one less.
        await Assertions.Expect(Row(page, "T").Locator("td").Nth(disbursed - 1)).ToHaveTextAsync("23,387,991");
        await Assertions.Expect(page.Locator(".execution-table caption")).ToContainTextAsync("단위 : 천원, %, 2023. 9. 30. 기준");
        // The link and the card count the same discrepancies.
        await Assertions.Expect(page.Locator(".page-actions")).ToContainTextAsync("불일치 12건");
        await Assertions.Expect(page.Locator(".budget-stats")).ToContainTextAsync("12건");
    }

    [Fact]
    public async Task TheAttentionListSortsByTheChosenColumn()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Auditor);
        var page = await OpenBudgetAsync(context);
        var rows = page.Locator(".attention-table tbody tr");
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-code", "G.3"); // 평가급: the largest amount gap
        await Assertions.Expect(rows.First.Locator(".pace svg.status-icon")).ToHaveCountAsync(1);

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
