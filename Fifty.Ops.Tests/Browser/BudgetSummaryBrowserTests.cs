using Fifty.Ops.Infrastructure.Security;
using Microsoft.Playwright;

namespace Fifty.Ops.Tests.Browser;

/// <summary>The year's 예산 총괄 entered in the browser (/setup/budget-summary) and printed by the 2024 report.</summary>
[Trait("Category", "Browser")]
public sealed class BudgetSummaryBrowserTests(AppProcess app) : IClassFixture<AppProcess>
{
    private static readonly string[] Revenue = ["17,000,000", "200,000", "50,000", "750,000", "20,000,000"];
    private static readonly string[] Expenditure = ["2,000,000", "7,500,000", "27,665,000", "665,000", "170,000"];

    /// <summary>Screenshots go here when set (a folder), for a person to look at.</summary>
    private static string? Shots => Environment.GetEnvironmentVariable("FIFTY_SHOTS");

    private async Task OpenQuarterAsync(int year, int quarter)
    {
        await using var adminContext = await app.NewSignedInContextAsync(AppRoles.Admin);
        var admin = await adminContext.NewPageAsync();
        await app.OpenAsync(admin, "/admin/periods");
        if (await admin.Locator($"tr[data-period='{year}-{quarter}']").CountAsync() > 0) return;
        var open = admin.GetByRole(AriaRole.Button, new() { Name = "기간 열기" });
        await Assertions.Expect(open).ToBeEnabledAsync();
        await admin.GetByLabel("회계연도").FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await admin.ChooseAsync("분기", $"{quarter}분기");
        await open.ClickAsync();
        await Assertions.Expect(admin.Locator($"tr[data-period='{year}-{quarter}']")).ToContainTextAsync("입력 중");
    }

    [Fact]
    public async Task APlannerFollowsTheReportsLinkEntersThe2024SummaryAndSeesItInThe2024Report()
    {
        await OpenQuarterAsync(2024, 1);
        await using var context = await app.NewSignedInContextAsync(AppRoles.Planner, new() { Locale = "ko-KR", ViewportSize = new() { Width = 1440, Height = 1000 } });
        var page = await context.NewPageAsync();

        // The 2024 report says what is missing and links to where it is entered.
        await app.OpenAsync(page, "/reports?year=2024&quarter=1");
        await Assertions.Expect(page.FrameLocator(".report-frame").Locator("body")).ToContainTextAsync("2024년 예산 총괄표 자료가 입력되지 않았습니다 — 연도 설정 › 예산 총괄에서 입력");
        if (Shots is { } before) await page.ScreenshotAsync(new() { Path = Path.Combine(before, "reports-2024-missing-1440.png") });
        await page.Locator("[data-missing=summary] a[data-enter-link]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/setup/budget-summary?year=2024", StringComparison.Ordinal));
        await AppProcess.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-summary-source]")).ToContainTextAsync("2023년의 항목 이름을 채워 두었으니 금액만 입력하세요");

        // A full-width digit is refused under its field, in Korean; nothing is saved.
        var fund = page.GetByLabel("세입 1행 금액 (천원)", new() { Exact = true });
        await fund.FillAsync("１７,０００,０００");
        await fund.BlurAsync();
        await Assertions.Expect(page.Locator("[data-side=Revenue]")).ToContainTextAsync("세입 1행 금액: 전각 숫자(１２３)는 쓸 수 없습니다");
        await page.Locator("[data-action=save-summary]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-result-near-save=invalid]")).ToContainTextAsync("저장하지 않았습니다");

        for (var i = 0; i < Revenue.Length; i++) await page.GetByLabel($"세입 {i + 1}행 금액 (천원)", new() { Exact = true }).FillAsync(Revenue[i]);
        for (var i = 0; i < Expenditure.Length; i++) await page.GetByLabel($"세출 {i + 1}행 금액 (천원)", new() { Exact = true }).FillAsync(Expenditure[i]);
        await page.GetByLabel($"세출 {Expenditure.Length}행 금액 (천원)", new() { Exact = true }).BlurAsync();
        await Assertions.Expect(page.Locator("[data-balance]")).ToHaveAttributeAsync("data-balance", "ok");
        await Assertions.Expect(page.Locator("[data-total=Revenue]")).ToContainTextAsync("38,000,000 천원");
        await page.Locator("[data-action=save-summary]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-result=ok]")).ToContainTextAsync("2024년 예산 총괄을 저장했습니다");
        await Assertions.Expect(page.Locator("[data-table=Revenue] tbody tr").First.Locator("[data-source]")).ToHaveTextAsync("입력");
        if (Shots is { } folder) await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "budget-summary-planner-1440.png"), FullPage = true });

        // The 2024 report prints it; the note about the missing summary is gone.
        await app.OpenAsync(page, "/reports?year=2024&quarter=1");
        var report = page.FrameLocator(".report-frame").Locator("body");
        await Assertions.Expect(report).ToContainTextAsync("27,665,000");
        await Assertions.Expect(report).ToContainTextAsync("38,000,000");
        await Assertions.Expect(report).Not.ToContainTextAsync("예산 총괄표 자료가 입력되지 않았습니다");
        await Assertions.Expect(page.Locator("[data-missing=summary]")).ToHaveCountAsync(0);

        // The entry hub lists the year's steps: 예산 총괄 done, 인력 현황 not yet.
        await app.OpenAsync(page, "/entry?year=2024&quarter=1");
        await Assertions.Expect(page.Locator("[data-step=summary]")).ToHaveAttributeAsync("data-done", "yes");
        await Assertions.Expect(page.Locator("[data-step=staffing]")).ToHaveAttributeAsync("data-done", "no");
        await Assertions.Expect(page.Locator("[data-step=staffing] a[data-enter-link]")).ToHaveAttributeAsync("href", "/setup/profile?year=2024");
        if (Shots is { } after) await page.ScreenshotAsync(new() { Path = Path.Combine(after, "entry-2024-steps-1440.png") });
    }

    [Theory]
    [InlineData(AppRoles.Admin, 1440)]
    [InlineData(AppRoles.Admin, 390)]
    [InlineData(AppRoles.Director, 1440)]
    [InlineData(AppRoles.Director, 390)]
    public async Task TheSummaryPageFitsTheScreenWithoutSidewaysScrolling(string role, int width)
    {
        await using var context = await app.NewSignedInContextAsync(role, new() { Locale = "ko-KR", ViewportSize = new() { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, "/setup/budget-summary?year=2023");
        await Assertions.Expect(page.GetByLabel("세출 2행 항목", new() { Exact = true })).ToHaveValueAsync("인건비");
        if (role == AppRoles.Director)
        {
            // Only the tab a reader may open is offered.
            await Assertions.Expect(page.Locator("a.setup-tab")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-note=read-only]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-action=save-summary]")).ToHaveCountAsync(0);
        }
        else
        {
            await Assertions.Expect(page.Locator("[data-action=save-summary]")).ToBeEnabledAsync();
        }

        if (Shots is { } folder) await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"budget-summary-{role}-{width}.png"), FullPage = true });
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{role} at {width}px: the page is {overflow}px wider than the screen");
    }
}
