using Fifty.Ops.Infrastructure.Security;
using Microsoft.Playwright;

namespace Fifty.Ops.Tests.Browser;

/// <summary>
/// The entry, import, admin and report screens on a phone, and a bad figure refused next to its field in a real browser.
/// Screenshots go to FIFTY_SCREENSHOTS when it is set.
/// </summary>
[Trait("Category", "Browser")]
public sealed class FormsBrowserTests(AppProcess app) : IClassFixture<AppProcess>
{
    private static string? Shots => Environment.GetEnvironmentVariable("FIFTY_SCREENSHOTS");

    [Fact]
    public async Task ABadCountIsRefusedInKoreanUnderItsFieldAndWhatWasTypedStays()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Planner, new() { Locale = "ko-KR", ViewportSize = new() { Width = 1440, Height = 1000 } });
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, "/campuses/entry?year=2023&quarter=3&campus=south");
        await page.ChooseAsync("월 (2023년)", "2월");
        var visits = page.GetByLabel("방문 인원");
        // The month's stored figures are in once the form says so; typing before that is kept too, but this test types after.
        await Assertions.Expect(page.Locator("[data-state=loading-month]")).ToHaveCountAsync(0);
        await visits.FillAsync("=B2*3");
        await page.GetByRole(AriaRole.Button, new() { Name = "저장" }).ClickAsync();

        var error = page.Locator("#entry-Visits-error");
        await Assertions.Expect(error).ToContainTextAsync("방문 인원은 0 이상의 정수여야 합니다");
        await Assertions.Expect(error).ToContainTextAsync("입력: =B2*3");
        await Assertions.Expect(visits).ToHaveValueAsync("=B2*3");
        await Assertions.Expect(visits).ToHaveAttributeAsync("aria-invalid", "true");
        // Next to its field: the message sits right under the input, inside the same field box.
        var field = await page.Locator("[data-field=Visits]").BoundingBoxAsync();
        var box = await error.BoundingBoxAsync();
        Assert.True(field is not null && box is not null && box.Y >= field.Y && box.Y + box.Height <= field.Y + field.Height + 1, "the message is inside the field's box");
        Assert.Contains("명", await page.Locator("[data-field=Visits] .mud-input-adornment").InnerTextAsync(), StringComparison.Ordinal);
        if (Shots is { } folder) await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "campus-entry-error.png") });
    }

    public static TheoryData<string, string> PhonePages() => new()
    {
        { AppRoles.Planner, "/entry/budget?year=2023&quarter=3" },
        { AppRoles.Planner, "/entry/indicators?year=2023&quarter=3" },
        { AppRoles.Planner, "/entry/narratives?year=2023&quarter=3" },
        { AppRoles.Planner, "/campuses/entry?year=2023&quarter=3&campus=south" },
        { AppRoles.Planner, "/import?year=2023&quarter=3" },
        { AppRoles.Planner, "/reports?year=2023&quarter=3" },
        { AppRoles.Admin, "/admin/periods" },
        { AppRoles.Admin, "/admin/backups" },
        { AppRoles.Admin, "/admin/users" },
    };

    [Theory]
    [MemberData(nameof(PhonePages))]
    public async Task NoEntryImportAdminOrReportPageIsWiderThanA390PixelPhone(string role, string path)
    {
        await using var context = await app.NewSignedInContextAsync(role, new() { Locale = "ko-KR", ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, path);
        await Assertions.Expect(page.Locator("main h1")).Not.ToBeEmptyAsync();
        // An open form is the widest part of the entry pages: open the first one where there is one to open.
        var open = page.Locator("table button:has-text('입력'), table button:has-text('수정')").First;
        if (path.StartsWith("/entry/budget", StringComparison.Ordinal) && await open.CountAsync() > 0)
        {
            await open.ClickAsync();
            await Assertions.Expect(page.Locator("button.save-button")).ToBeVisibleAsync();
        }

        await page.EvaluateAsync("document.fonts.ready");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        if (Shots is { } folder) await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"phone-{role}-{path.Trim('/').Split('?')[0].Replace('/', '-')}.png"), FullPage = true });
        Assert.True(width <= 390, $"{path}: {width}px wide at 390px");
        Assert.True(await page.Locator("main").EvaluateAsync<int>("m => m.scrollHeight") > 300, $"{path}: almost empty");
    }
}
