using Microsoft.Playwright;

namespace Fifty.Ops.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class FiscalYearBrowserTests(AppProcess app) : IClassFixture<AppProcess>
{
    [Fact]
    public async Task APlannerCreatesTheNewYearFromTheLastOneAndRetiresADetailedProject()
    {
        await using var context = await app.NewSignedInContextAsync("planner", new() { Locale = "ko-KR", ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/setup?year=2024");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("회계연도 설정");

        var create = page.GetByRole(AriaRole.Button, new() { Name = "2024년 체계 만들기 (2023년에서 이월)" });
        await Assertions.Expect(create).ToBeEnabledAsync();
        await create.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "이월 확정" }).ClickAsync();
        await Assertions.Expect(page.Locator(".form-saved")).ToContainTextAsync("2024년 체계를 만들었습니다 (2023년에서 이월)");
        await Assertions.Expect(page.Locator("[data-table=programme] tr:has(td[data-code='P1.1.2'])")).ToContainTextAsync("운영");
        await Assertions.Expect(page.Locator("[data-table=indicators] tr[data-code='T2023-1.1.1'] .badge-draft")).ToHaveTextAsync("초안");
        await Assertions.Expect(page.Locator("[data-table=sites] tbody tr")).Not.ToHaveCountAsync(0);

        var row = page.Locator("[data-table=programme] tr:has(td[data-code='P1.1.2'])");
        await row.GetByRole(AriaRole.Button, new() { Name = "일몰 처리" }).ClickAsync();
        await row.GetByLabel("일몰 사유 (선택)").FillAsync("2024년 예산에서 제외");
        await row.GetByRole(AriaRole.Button, new() { Name = "일몰 확정" }).ClickAsync();
        await Assertions.Expect(page.Locator(".form-saved")).ToContainTextAsync("일몰 처리했습니다");
        await Assertions.Expect(row.Locator("[data-status=retired]")).ToHaveTextAsync("일몰");
        await Assertions.Expect(row).ToContainTextAsync("2024년 예산에서 제외");

        // The next year offers its own roll-over; the budget entry of 2024 no longer lists the retired row.
        await page.GotoAsync(app.BaseUrl + "/setup?year=2025");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "2025년 체계 만들기 (2024년에서 이월)" })).ToBeVisibleAsync();
    }
}
