using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Fifty.Ops.Tests.Browser;

/// <summary>The user admin's confirmation is MudBlazor's message box: cancel changes nothing, confirm acts.</summary>
[Trait("Category", "Browser")]
public sealed class UserAdminDialogTests(AppProcess app) : IClassFixture<AppProcess>
{
    [Fact]
    public async Task DisablingAUserAsksFirstAndCancelLeavesTheAccountAsItWas()
    {
        await TestAccounts.EnsureAsync(app.ConnectionString, AppRoles.Auditor);
        await using var context = await app.NewSignedInContextAsync(AppRoles.Admin);
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/admin/users");
        await Assertions.Expect(page.Locator(".circuit-marker")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 60_000 });
        var row = page.Locator($"tr[data-user='{AppRoles.Auditor}']");
        await Assertions.Expect(row).ToContainTextAsync(TestAccounts.DisplayName(AppRoles.Auditor));
        var disable = row.GetByRole(AriaRole.Button, new() { Name = "사용 중지" });
        await Assertions.Expect(disable).ToBeEnabledAsync(new() { Timeout = 60_000 });

        await disable.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync($"{TestAccounts.DisplayName(AppRoles.Auditor)}({AppRoles.Auditor}) 계정을 사용 중지할까요?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "취소" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(row).ToContainTextAsync("사용 중");
        await Assertions.Expect(page.Locator(".admin-status")).ToHaveCountAsync(0);

        await disable.ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "사용 중지" }).ClickAsync();
        await Assertions.Expect(page.Locator(".admin-status")).ToContainTextAsync("사용 중지했습니다");
        await Assertions.Expect(row).ToContainTextAsync("✕ 사용 중지");
    }
}
