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

        // Adding under a row far down the list scrolls to the editor, which opens above the table.
        var low = page.Locator("[data-table=programme] tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "세부사업 추가" }) }).Last;
        await low.GetByRole(AriaRole.Button, new() { Name = "세부사업 추가" }).ClickAsync();
        await Assertions.Expect(page.Locator("#structure-editor")).ToBeInViewportAsync();

        // The next year offers its own roll-over; the budget entry of 2024 no longer lists the retired row.
        await page.GotoAsync(app.BaseUrl + "/setup?year=2025");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "2025년 체계 만들기 (2024년에서 이월)" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task APlannerEditsStaffingTranscribedFromTheReportAndABadCountIsNamedUnderItsField()
    {
        await using var context = await app.NewSignedInContextAsync("planner", new() { Locale = "ko-KR", ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, "/setup/profile?year=2023");
        await Assertions.Expect(page.Locator("[data-note=transcribed]")).ToContainTextAsync("고치거나 지우면 그 행은 「입력」이 되고");
        var staffing = page.Locator("[data-table=staffing]");
        await Assertions.Expect(staffing.Locator("tbody tr").First.Locator("[data-source]")).ToHaveTextAsync("보고서");

        var current = page.GetByLabel("2행 현원", new() { Exact = true });
        await current.FillAsync("-2");
        await page.Locator("[data-action=save-profile]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-result=error]")).ToContainTextAsync("저장하지 못했습니다");
        // The tables are long: the refusal is repeated beside the save button, naming the first field.
        await Assertions.Expect(page.Locator("[data-result-near-save=error]")).ToContainTextAsync("첫 번째: 정원/현원 2행 현원:");
        await Assertions.Expect(staffing).ToContainTextAsync("정원/현원 2행 현원:");
        await Assertions.Expect(staffing).ToContainTextAsync("(입력: -2)");

        await current.FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "정원/현원 행 추가" }).ClickAsync();
        var added = staffing.Locator("tbody tr").Last;
        await Assertions.Expect(added.Locator("[data-source]")).ToHaveTextAsync("새 행");
        var last = await staffing.Locator("tbody tr").CountAsync();
        await page.GetByLabel($"{last}행 부서", new() { Exact = true }).FillAsync("신설팀");
        await page.GetByLabel($"{last}행 직급", new() { Exact = true }).FillAsync("4급");
        await page.GetByLabel($"{last}행 정원", new() { Exact = true }).FillAsync("2");
        await page.GetByLabel($"{last}행 현원", new() { Exact = true }).FillAsync("1");
        await page.Locator("[data-action=save-profile]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-result=ok]")).ToContainTextAsync("2023년 기관 현황을 저장했습니다");
        await Assertions.Expect(staffing.Locator("tbody tr").Nth(1).Locator("[data-source]")).ToHaveTextAsync("입력");
        await Assertions.Expect(staffing.Locator("tbody tr").First.Locator("[data-source]")).ToHaveTextAsync("보고서");
        await Assertions.Expect(staffing.Locator("tbody tr").Last).ToContainTextAsync("입력");
        await Assertions.Expect(page.GetByLabel($"{last}행 부서", new() { Exact = true })).ToHaveValueAsync("신설팀");
    }
}
