using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Fifty.Ops.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class IndicatorBrowserTests(AppProcess app) : IClassFixture<AppProcess>
{
    [Fact]
    public async Task ADirectorFiltersToShortfallsOpensOneAndExplainsIt()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Director);
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, "/indicators?year=2020&quarter=3");

        await page.Locator("a.status-filter[data-status=shortfall]").ClickAsync();
        await page.WaitForURLAsync("**/indicators?year=2020&quarter=3&status=shortfall");
        var rows = page.Locator("tr.indicator-row a.indicator-link[data-code]");
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        foreach (var status in await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.status)"))
        {
            Assert.Equal("shortfall", status);
        }

        await page.Locator("a.indicator-link[data-code='I2020-03']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("캠퍼스 이용인원(연인원)");
        await Assertions.Expect(page.Locator("figure.trend-chart")).ToContainTextAsync("2020년 목표 200,000명");
        await Assertions.Expect(page.Locator(".commentary-list")).ToContainTextAsync("설명 필요");

        // The list was opened on a live circuit and the links followed inside it, so the form acts; a first empty
        // submit shows the Korean message beside the field.
        var save = page.GetByRole(AriaRole.Button, new() { Name = "저장" });
        await Assertions.Expect(save).ToBeEnabledAsync();
        await save.ClickAsync();
        await Assertions.Expect(page.Locator("#cause-error")).ToHaveTextAsync("원인 분석과 조치 계획 중 하나 이상을 입력하세요.");

        // 2020 Q3 is closed: the form says so, and a save is refused with the reason instead of changing the closed report.
        await Assertions.Expect(page.Locator(".commentary-locked")).ToContainTextAsync("마감된 보고서의 설명은 읽기 전용이며");
        await page.GetByLabel("원인 분석").FillAsync("코로나19로 캠퍼스 대면 운영이 중단되었습니다.");
        await page.GetByLabel("조치 계획").FillAsync("온라인 강좌 전환");
        await Assertions.Expect(page.Locator(".form-author")).ToContainTextAsync(TestAccounts.DisplayName(AppRoles.Director));
        await save.ClickAsync();

        await Assertions.Expect(page.Locator("p.field-error[role=alert]")).ToContainTextAsync("2020년 3분기는 마감되어 설명(원인 분석·조치 계획)을 쓰거나 고칠 수 없습니다");
        await Assertions.Expect(page.GetByLabel("원인 분석")).ToHaveValueAsync("코로나19로 캠퍼스 대면 운영이 중단되었습니다.");
        await Assertions.Expect(page.Locator(".commentary-list")).ToContainTextAsync("설명 필요");

        await page.GotoAsync(app.BaseUrl + "/indicators?year=2020&quarter=3&status=shortfall");
        await Assertions.Expect(page.Locator("tr.indicator-row:has(a[data-code='I2020-03']) .flag-explain")).ToHaveCountAsync(1);
    }
}
