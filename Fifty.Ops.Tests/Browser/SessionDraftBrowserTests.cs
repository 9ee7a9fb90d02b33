using Microsoft.Playwright;

namespace Fifty.Ops.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class SessionDraftBrowserTests(ShortIdleApp app) : IClassFixture<ShortIdleApp>
{
    [Fact]
    public async Task TypingKeepsTheSessionAndTextTypedBeforeItExpiresIsRestoredAfterSigningInAgain()
    {
        await using (var adminContext = await app.NewSignedInContextAsync("admin"))
        {
            var admin = await adminContext.NewPageAsync();
            await admin.GotoAsync(app.BaseUrl + "/admin/periods");
            await admin.OpenQuarterAsync(2023, 4);
        }

        await using var context = await app.NewSignedInContextAsync("planner");
        var page = await context.NewPageAsync();
        var url = app.BaseUrl + "/entry/indicators?year=2023&quarter=4";
        await page.GotoAsync(url);
        var edit = page.Locator("tr[data-code='T2023-1.1.1'] button");
        await Assertions.Expect(edit).ToBeEnabledAsync();
        await edit.ClickAsync();
        var cause = page.Locator("tr.edit-row textarea[id^='cause-']");

        // Typing for longer than the idle timeout without leaving the box: key presses are activity.
        const string typed = "4분기 모집이 늦어져 실적이 목표에 못 미쳤습니다";
        await cause.ClickAsync();
        var started = DateTime.UtcNow;
        await cause.PressSequentiallyAsync(typed, new() { Delay = 1000 });
        Assert.True(DateTime.UtcNow - started > ShortIdleApp.IdleTimeout + AppProcess.RevalidationInterval * 2);
        Assert.Contains("/entry/indicators", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(cause).ToHaveValueAsync(typed);

        // Then the person walks away: the session ends and the sign-in page comes up.
        await page.WaitForURLAsync(u => u.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 90_000 });
        await page.GetByLabel("아이디").FillAsync("planner");
        await page.GetByLabel("비밀번호").FillAsync(Infrastructure.TestAccounts.Password("planner"));
        await page.GetByRole(AriaRole.Button, new() { Name = "로그인" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/entry/indicators", StringComparison.Ordinal));

        // Reopening the same form brings the text back, says so, and saving stores it.
        await Assertions.Expect(edit).ToBeEnabledAsync();
        await edit.ClickAsync();
        await Assertions.Expect(cause).ToHaveValueAsync(typed);
        await Assertions.Expect(page.Locator("#draft-restored")).ToContainTextAsync("저장되지 않은 입력을 복원했습니다");
        await page.Locator("tr.edit-row").GetByRole(AriaRole.Button, new() { Name = "저장" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-code='T2023-1.1.1']")).ToContainTextAsync("작성됨");
    }
}
