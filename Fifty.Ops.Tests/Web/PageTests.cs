using System.Net;
using AngleSharp.Html.Parser;
using Fifty.Ops.Data;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fifty.Ops.Tests.Web;

public sealed class PageTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/", "38,649,012")]
    [InlineData("/?year=2020&quarter=3", "22,482,199")]
    [InlineData("/indicators?year=2020", "356,915")]
    [InlineData("/indicators?year=2023&quarter=3", "1,785명")]
    [InlineData("/budget?year=2023&quarter=3", "920,856")]
    [InlineData("/budget?year=2020", "13,483,921")]
    [InlineData("/budget?year=2020", "6,595,350")]
    [InlineData("/budget?year=2023&quarter=3", "986,426")]
    [InlineData("/budget?year=2023&quarter=3", "23,387,991")] // the 2023 total 지출액, walked from seed-data/2023/budget_lines_appendix.csv
    [InlineData("/budget/reconciliation?year=2023&quarter=3", "21,144,768")]
    [InlineData("/budget/reconciliation?year=2020&quarter=3", "5,995,350")]
    [InlineData("/campuses?year=2023", "6,156㎡")]
    [InlineData("/campuses?year=2020", "5,070")]
    [InlineData("/reports", "2023년 3분기 주요업무보고")]
    public async Task EveryPagePrerendersItsFiguresFromTheDatabase(string url, string figure)
    {
        var client = await factory.CreateClientAsync(AppRoles.Director);
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("ko", document.DocumentElement.GetAttribute("lang"));
        Assert.Contains(figure, document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheReconciliationPageCountsDistinctDiscrepanciesAndShowsRepeatsUnderTheirFirst()
    {
        var client = await factory.CreateClientAsync(AppRoles.Auditor);
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri("/budget/reconciliation?year=2023&quarter=3", UriKind.Relative)));
        var buttons = document.QuerySelectorAll(".segmented button.segment").Select(b => b.TextContent.Trim()).ToList();
        Assert.Contains("불일치 (12)", buttons);
        var repeats = document.QuerySelectorAll("tr.finding[data-repeat='true']").ToList();
        Assert.Equal(3, repeats.Count); // the 소계 지출액 printed twice; the +1 in 사업비 in two more tables
        Assert.All(repeats, r => Assert.Contains("같은 차이", r.TextContent, StringComparison.Ordinal));
        var budget = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri("/budget?year=2023&quarter=3", UriKind.Relative)));
        Assert.Contains("불일치 12건", budget.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryTableStatesItsUnit()
    {
        var client = await factory.CreateClientAsync(AppRoles.Auditor);
        foreach (var url in new[] { "/", "/indicators", "/budget", "/budget?year=2020", "/budget/reconciliation", "/campuses", "/reports", "/audit" })
        {
            var html = await client.GetStringAsync(new Uri(url, UriKind.Relative));
            var document = new HtmlParser().ParseDocument(html);
            // A plain table says it in its <caption>; a MudDataGrid/MudTable (no <caption>) in the caption of its tool bar.
            var tables = document.QuerySelectorAll("table");
            Assert.True(tables.Length > 0, $"{url} prerenders no table, so this test would check nothing there");
            Assert.All(tables, t => Assert.Contains("단위",
                t.QuerySelector("caption")?.TextContent ?? t.Closest(".mud-table")?.QuerySelector(".grid-caption")?.TextContent ?? "", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AYearWithoutAReportSaysSoInsteadOfShowingZeros()
    {
        var client = await factory.CreateClientAsync(AppRoles.Planner);
        var html = await client.GetStringAsync(new Uri("/budget?year=2021", UriKind.Relative));
        Assert.Contains("2021년: 등록된 보고 기간이 없습니다", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/entry?year=2021")]
    [InlineData("/entry/budget?year=2021")]
    [InlineData("/import?year=2021")]
    public async Task AYearWithoutAPeriodSaysSoOnceOnTheEntryPages(string url)
    {
        var client = await factory.CreateClientAsync(AppRoles.Planner);
        var html = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(url, UriKind.Relative)));
        Assert.Contains("2021년: 등록된 보고 기간이 없습니다", html, StringComparison.Ordinal);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(html, "보고 기간이 없습니다"));
        Assert.Contains("관리자가 이 연도의 보고 기간을 먼저 열어야 합니다.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSetupPageNamesSourcesByReportNotByFileName()
    {
        var client = await factory.CreateClientAsync(AppRoles.Planner);
        var html = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/setup?year=2023", UriKind.Relative)));
        Assert.DoesNotContain("_50plus_work_report", html, StringComparison.Ordinal);
        Assert.Contains("주요업무보고", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PagesLinkAnIconThatIsServedSoNoSignInLogsA404()
    {
        var client = await factory.CreateClientAsync(AppRoles.Planner);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync(new Uri("/", UriKind.Relative)));
        var href = document.QuerySelector("link[rel=icon]")?.GetAttribute("href");
        Assert.NotNull(href);
        var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        var icon = await anonymous.GetAsync(new Uri("/" + href, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void AMissingAmountIsOneDashWithoutItsUnit()
    {
        Assert.Equal("—", Fifty.Ops.Components.Fmt.Amount(null, "천원"));
        Assert.Equal("1,234 천원", Fifty.Ops.Components.Fmt.Amount(1234m, "천원"));
    }

    [Fact]
    public async Task AnUnknownPathGets404ForASignedInUserAndTheSignInPageForAnyoneElse()
    {
        var client = await factory.CreateClientAsync(AppRoles.Planner);
        var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        // Someone not signed in learns nothing about which addresses exist.
        var anonymous = await factory.CreateAnonymousClient().GetAsync(new Uri("/no-such-page", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/account/login?ReturnUrl=%2Fno-such-page", anonymous.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task StartingAgainChangesNothing()
    {
        _ = factory.Server;
        var before = await CountsAsync(factory.Services);
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        Assert.Equal(before, await CountsAsync(factory.Services));
        Assert.True(before.Lines > 100);
    }

    private static async Task<(int Periods, int Lines, int Values)> CountsAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>().CreateDbContextAsync();
        return (await db.ReportingPeriods.CountAsync(), await db.BudgetLines.CountAsync(), await db.IndicatorValues.CountAsync());
    }
}
