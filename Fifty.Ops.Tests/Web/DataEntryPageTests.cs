using Fifty.Ops.Infrastructure.Security;
using System.Net;
using AngleSharp.Html.Parser;
using Fifty.Ops.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fifty.Ops.Tests.Web;

public sealed class DataEntryPageTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/entry?year=2023&quarter=3", "분기 자료 입력", "2023년 3분기는 마감되어 입력할 수 없습니다")]
    [InlineData("/entry/indicators?year=2023&quarter=3", "성과지표 목표·실적 입력", "1,785명")]
    [InlineData("/entry/budget?year=2023&quarter=3", "예산·집행 금액 입력", "986,426")]
    [InlineData("/entry/narratives?year=2023&quarter=3", "추진실적·향후계획 입력", "인턴십 사업 만족도 조사 및 평가 실시")]
    [InlineData("/import?year=2023&quarter=3", "엑셀 양식으로 가져오기", "/import/2023/q3/template.xlsx")]
    [InlineData("/admin/periods", "보고 기간 마감", "발간된 보고서로 마감 상태로 적재")]
    [InlineData("/admin/backups", "백업", "무결성 검사")]
    public async Task EntryAndAdminPagesPrerenderInKorean(string url, string heading, string content)
    {
        // Entry pages are the planner's, administration pages the admin's.
        var client = await factory.SharedClientAsync(url.StartsWith("/admin", StringComparison.Ordinal) ? AppRoles.Admin : AppRoles.Planner);
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(heading, document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains(content, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTemplateDownloadsWithAKoreanFileNameAndAnAsciiOneOfTheSameQuarter()
    {
        var planner = await factory.SharedClientAsync(AppRoles.Planner);
        var response = await planner.GetAsync(new Uri("/import/2023/q3/template.xlsx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2023년_3분기_입력양식.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal("2023-Q3-input-template.xlsx", response.Content.Headers.ContentDisposition!.FileName);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal(HttpStatusCode.NotFound, (await planner.GetAsync(new Uri("/import/2019/q1/template.xlsx", UriKind.Relative))).StatusCode);
        // 2023 Q4 is not a period here: no template, rather than 3분기's workbook under a 4분기 name.
        var missing = await planner.GetAsync(new Uri("/import/2023/q4/template.xlsx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("2023년 4분기 보고 기간이 없습니다.", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.SharedClientAsync(AppRoles.Admin)).GetAsync(new Uri("/admin/backups/files/..%2Fe2e.db", UriKind.Relative))).StatusCode);
    }

    [Fact]
    [Trait("Provider", "SqliteOnly")]
    public async Task EveryConnectionRunsInWalWithFullSyncAndABusyTimeout()
    {
        _ = factory.Server; // the app has started, migrated and seeded
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        async Task<string> Pragma(string name)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {name}";
            return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
        }

        Assert.Equal("wal", await Pragma("journal_mode"));
        Assert.Equal("2", await Pragma("synchronous")); // FULL
        Assert.Equal("10000", await Pragma("busy_timeout"));
    }
}
