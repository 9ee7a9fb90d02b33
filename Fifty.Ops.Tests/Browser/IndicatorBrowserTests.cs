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

        // 2020 Q3 is closed: its commentary is read-only before anyone types (no save button to be refused at), and the
        // notice says why and who can reopen it; the server still refuses a save (IndicatorCommentaryTests).
        await Assertions.Expect(page.Locator(".commentary-locked")).ToContainTextAsync("마감된 분기입니다");
        await Assertions.Expect(page.Locator(".commentary-locked")).ToContainTextAsync("마감된 보고서의 설명은 읽기 전용이며");
        await Assertions.Expect(page.GetByLabel("원인 분석")).Not.ToBeEditableAsync();
        await Assertions.Expect(page.GetByLabel("조치 계획")).Not.ToBeEditableAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "저장" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".commentary-list")).ToContainTextAsync("설명 필요");

        await page.GotoAsync(app.BaseUrl + "/indicators?year=2020&quarter=3&status=shortfall");
        await Assertions.Expect(page.Locator("tr.indicator-row:has(a[data-code='I2020-03']) .flag-explain")).ToHaveCountAsync(1);
    }
}
