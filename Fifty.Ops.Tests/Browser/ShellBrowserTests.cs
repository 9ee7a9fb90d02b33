using Fifty.Ops.Infrastructure.Security;
using Microsoft.Playwright;

namespace Fifty.Ops.Tests.Browser;

/// <summary>The MudBlazor shell: the menu each role gets, the drawer, and every main page on a 390 px wide phone.</summary>
[Trait("Category", "Browser")]
public sealed class ShellBrowserTests(AppProcess app) : IClassFixture<AppProcess>
{
    private static readonly string[] Reading = ["개요", "성과지표", "주요사업", "예산·집행", "캠퍼스 이용", "분기 보고서"];

    public static TheoryData<string, string[]> Menus() => new()
    {
        { AppRoles.Admin, [.. Reading, "회계연도 설정", "기간 마감", "백업", "감사 기록", "사용자 관리"] },
        { AppRoles.Planner, [.. Reading, "자료 입력", "엑셀 가져오기", "회계연도 설정"] },
        { AppRoles.Director, Reading },
        { AppRoles.Auditor, [.. Reading, "감사 기록"] },
    };

    private static BrowserNewContextOptions Phone => new() { Locale = "ko-KR", ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true };

    private static ILocator Menu(IPage page) => page.Locator("nav[aria-label='주 메뉴'] a[data-nav]");

    /// <summary>The shell says when the circuit is up; before that a click on a MudBlazor control is lost.</summary>
    private static Task InteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator(".circuit-marker")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 60_000 });

    [Theory]
    [MemberData(nameof(Menus))]
    public async Task EachRoleSeesExactlyTheMenuEntriesItMayOpen(string role, string[] expected)
    {
        await using var context = await app.NewSignedInContextAsync(role, new() { Locale = "ko-KR", ViewportSize = new() { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/campuses?year=2023&quarter=3");
        await Assertions.Expect(Menu(page)).ToHaveTextAsync(expected);

        // The campus page offers the monthly entry only to those who may enter figures.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("캠퍼스 이용");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "월별 입력 →" })).ToHaveCountAsync(role == AppRoles.Planner ? 1 : 0);
        // Every entry opens for this role (none is answered with the refusal page).
        var hrefs = await Menu(page).EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.NotEmpty(hrefs);
        foreach (var href in hrefs)
        {
            var response = await context.APIRequest.GetAsync(app.BaseUrl + href);
            Assert.True(response.Status == 200, $"{role}: {href} → {response.Status}");
        }
    }

    [Fact]
    public async Task OnAPhoneTheDrawerIsClosedAndTheMenuButtonOpensAndClosesIt()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Director, Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/?year=2023&quarter=3");
        await InteractiveAsync(page);
        var indicators = Menu(page).Filter(new() { HasText = "성과지표" });
        await Assertions.Expect(indicators).Not.ToBeInViewportAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "주 메뉴 열기" }).ClickAsync();
        await Assertions.Expect(indicators).ToBeInViewportAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "주 메뉴 닫기" }).ClickAsync();
        await Assertions.Expect(indicators).Not.ToBeInViewportAsync();

        // Open again and follow a link: the page changes and keeps the period.
        await page.GetByRole(AriaRole.Button, new() { Name = "주 메뉴 열기" }).ClickAsync();
        await indicators.ClickAsync();
        await page.WaitForURLAsync("**/indicators?year=2023&quarter=3");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("성과지표");
    }

    [Fact]
    public async Task OnAWideScreenTheDrawerIsOpenAndCanBeClosed()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Auditor, new() { Locale = "ko-KR", ViewportSize = new() { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/");
        await InteractiveAsync(page);
        var audit = Menu(page).Filter(new() { HasText = "감사 기록" });
        await Assertions.Expect(audit).ToBeInViewportAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "주 메뉴 닫기" }).ClickAsync();
        await Assertions.Expect(audit).Not.ToBeInViewportAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "주 메뉴 열기" }).ClickAsync();
        await Assertions.Expect(audit).ToBeInViewportAsync();
    }

    [Fact]
    public async Task At1280PixelsTheBudgetTableShowsEveryColumnWithoutScrolling()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Director, new() { Locale = "ko-KR", ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/budget?year=2023&quarter=3");
        await InteractiveAsync(page);
        var table = page.Locator(".execution-table table");
        await Assertions.Expect(table).ToContainTextAsync("집행 속도");
        // The table's scroll box (or the table itself) is as wide as its content: nothing is cut off to the right.
        var (content, visible) = await table.EvaluateAsync<int[]>("t => { const box = t.closest('.mud-table-container') ?? t; return [box.scrollWidth, box.clientWidth]; }") switch
        {
            var w => (w[0], w[1]),
        };
        Assert.True(content <= visible + 1, $"budget table {content}px in a {visible}px box");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 1280);
    }

    public static TheoryData<string, string> PhonePages() => new()
    {
        { AppRoles.Planner, "/?year=2023&quarter=3" },
        { AppRoles.Planner, "/indicators?year=2023&quarter=3" },
        { AppRoles.Planner, "indicator-detail" },
        { AppRoles.Planner, "/projects?year=2023&quarter=3" },
        { AppRoles.Planner, "/budget?year=2023&quarter=3" },
        { AppRoles.Planner, "/budget/reconciliation?year=2023&quarter=3" },
        { AppRoles.Planner, "/campuses?year=2023&quarter=3" },
        { AppRoles.Planner, "/reports?year=2023&quarter=3" },
        { AppRoles.Planner, "/entry?year=2023&quarter=3" },
        { AppRoles.Auditor, "/audit" },
        { AppRoles.Admin, "/admin/users" },
        { AppRoles.Admin, "/admin/periods" },
    };

    [Theory]
    [MemberData(nameof(PhonePages))]
    public async Task NoMainPageIsWiderThanA390PixelPhone(string role, string path)
    {
        await using var context = await app.NewSignedInContextAsync(role, Phone);
        var page = await context.NewPageAsync();
        if (path == "indicator-detail")
        {
            await page.GotoAsync(app.BaseUrl + "/indicators?year=2023&quarter=3");
            path = (await page.Locator("a.indicator-link").First.GetAttributeAsync("href"))!;
            path = "/" + path.TrimStart('/');
        }

        await page.GotoAsync(app.BaseUrl + path);
        await InteractiveAsync(page);
        await Assertions.Expect(page.Locator("main h1")).Not.ToBeEmptyAsync();
        await page.EvaluateAsync("document.fonts.ready");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{path}: {width}px wide at 390px");
        // The page has content to overflow with: its main area is not empty.
        Assert.True(await page.Locator("main").EvaluateAsync<int>("m => m.scrollHeight") > 400, $"{path}: almost empty");
    }
}
