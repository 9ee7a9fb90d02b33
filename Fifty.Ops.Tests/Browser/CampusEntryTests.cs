using Fifty.Ops.Infrastructure.Security;
using Microsoft.Playwright;

namespace Fifty.Ops.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class CampusEntryTests(AppProcess app) : IClassFixture<AppProcess>
{
    [Fact]
    public async Task EnteringAMonthUpdatesTheQuarterTotalAndABadFigureIsRefusedInKoreanKeepingWhatWasTyped()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Planner);
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, "/campuses/entry?year=2023&quarter=3&campus=south");
        var save = page.GetByRole(AriaRole.Button, new() { Name = "저장" });
        await Assertions.Expect(save).ToBeEnabledAsync();

        var q4Visits = page.Locator("[data-table=campus-months][data-campus=south] tr[data-period=Q4] td[data-metric=Visits]");
        await Assertions.Expect(q4Visits).ToHaveTextAsync("—");

        // October belongs to 2023 Q4, which no one has opened yet: refused like every other write.
        await page.ChooseAsync("월 (2023년)", "10월");
        await page.GetByLabel("방문 인원").FillAsync("1,234");
        await save.ClickAsync();
        await Assertions.Expect(page.Locator(".form-errors")).ToContainTextAsync("2023년 4분기 보고 기간이 없습니다. 관리자가 기간을 먼저 열어야 합니다.");
        await Assertions.Expect(page.Locator("ul.quarter-states")).ToContainTextAsync("4분기: 보고 기간 없음 (입력 불가)");

        await using (var adminContext = await app.NewSignedInContextAsync(AppRoles.Admin))
        {
            var admin = await adminContext.NewPageAsync();
            await admin.GotoAsync(app.BaseUrl + "/admin/periods");
            await admin.OpenQuarterAsync(2023, 4);
        }

        await page.ReloadAsync();
        await Assertions.Expect(save).ToBeEnabledAsync();
        await page.ChooseAsync("월 (2023년)", "10월");
        await page.GetByLabel("방문 인원").FillAsync("1,234");
        await page.GetByLabel("입주 좌석 수").FillAsync("40");
        await save.ClickAsync();
        await Assertions.Expect(page.Locator("#entry-OccupiedSeats-error")).ToHaveTextAsync("입주 좌석 수(40)가 좌석 수(36)를 넘습니다.");
        await Assertions.Expect(page.GetByLabel("방문 인원")).ToHaveValueAsync("1,234");
        await Assertions.Expect(q4Visits).ToHaveTextAsync("—");

        await page.GetByLabel("입주 좌석 수").FillAsync("30");
        await save.ClickAsync();
        await Assertions.Expect(page.Locator(".form-saved")).ToContainTextAsync("2023년 10월 자료를 저장했습니다");
        await Assertions.Expect(q4Visits).ToHaveTextAsync("1,234");
        await Assertions.Expect(page.Locator("[data-table=campus-months][data-campus=south] tr[data-period=Q4] td:last-child")).ToHaveTextAsync("83.3%");

        // Choosing a month loads that month's figures into the form on the server (none yet for November): type only
        // once the form shows them, or the server's answer arriving late on a busy machine replaces what was typed.
        var visits = page.GetByLabel("방문 인원");
        await page.ChooseAsync("월 (2023년)", "11월");
        await Assertions.Expect(visits).ToHaveValueAsync("");
        await visits.FillAsync("1000");
        await save.ClickAsync();
        await Assertions.Expect(q4Visits).ToContainTextAsync("2,234");

        await page.ChooseAsync("월 (2023년)", "9월");
        await Assertions.Expect(visits).ToHaveValueAsync("");
        await visits.FillAsync("50");
        await save.ClickAsync();
        await Assertions.Expect(page.Locator(".form-errors")).ToContainTextAsync("2023년 3분기는 마감되어 입력할 수 없습니다");
        await Assertions.Expect(page.Locator("[data-table=campus-months][data-campus=south] tr[data-month='9'] td[data-metric=Visits]")).ToHaveTextAsync("자료 미입력");

        // The overview aggregates the same months.
        await page.GotoAsync(app.BaseUrl + "/campuses?year=2023&quarter=3");
        await Assertions.Expect(page.Locator("[data-table=campus-usage] tr[data-campus=south] td").Nth(3)).ToContainTextAsync("2,234");
    }
}
