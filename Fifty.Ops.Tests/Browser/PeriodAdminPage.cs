using Microsoft.Playwright;

namespace Fifty.Ops.Tests.Browser;

/// <summary>The period administration page (<c>/admin/periods</c>) driven as an administrator does it.</summary>
public static class PeriodAdminPage
{
    /// <summary>
    /// On the open periods page, opens <paramref name="year"/>'s <paramref name="quarter"/> with the page's form (회계연도,
    /// 분기, 기간 열기) and waits until its row says 입력 중. Fails when the button stays disabled or the row never shows.
    /// </summary>
    public static async Task OpenQuarterAsync(this IPage page, int year, int quarter)
    {
        var open = page.GetByRole(AriaRole.Button, new() { Name = "기간 열기" });
        await Assertions.Expect(open).ToBeEnabledAsync();
        await page.GetByLabel("회계연도").FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ChooseAsync("분기", $"{quarter}분기");
        await open.ClickAsync();
        await Assertions.Expect(page.Locator($"tr[data-period='{year}-{quarter}']")).ToContainTextAsync("입력 중");
    }
}
