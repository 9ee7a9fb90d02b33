using System.Net;
using AngleSharp.Html.Parser;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;
using Fifty.Ops.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fifty.Ops.Tests.Audit;

/// <summary>The /audit page as served: filters in the address, paging, and the chain status it shows.</summary>
public sealed class AuditPageTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task FiltersInTheAddressNarrowTheRowsAndPagesHoldFiftyEach()
    {
        _ = factory.Server;
        var log = factory.Services.GetRequiredService<IAuditLog>();
        for (var i = 0; i < 60; i++)
        {
            await log.RecordAsync(new AuditActor(null, "batch", "10.0.0.1"), new AuditRecord(AuditKind.Export, "BudgetWorkbook", $"2023-Q{i % 4 + 1}", Detail: $"시험 {i}"));
        }

        var client = await factory.SharedClientAsync(AppRoles.Auditor);
        var first = await PageAsync(client, "/audit?user=batch&kind=Export");
        Assert.Equal(50, first.QuerySelectorAll("tbody tr").Length);
        Assert.All(first.QuerySelectorAll("tbody tr"), r => Assert.Equal("Export", r.GetAttribute("data-kind")));
        Assert.Contains("1 / 2쪽 · 전체 60건", first.QuerySelector("nav.pager")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("audit.xlsx?user=batch&kind=Export", first.QuerySelector("a[data-download]")!.GetAttribute("href"));
        Assert.Equal("batch", first.QuerySelector("select#user option[selected]")!.GetAttribute("value"));

        var next = first.QuerySelector("nav.pager a")!.GetAttribute("href")!;
        Assert.Equal("audit?user=batch&kind=Export&page=2", next);
        Assert.Equal(10, (await PageAsync(client, "/" + next)).QuerySelectorAll("tbody tr").Length);

        var byObject = await PageAsync(client, "/audit?q=2023-Q1&user=batch");
        Assert.Equal(15, byObject.QuerySelectorAll("tbody tr").Length);

        var nothing = await PageAsync(client, "/audit?from=2001-01-01&to=2001-12-31");
        Assert.Contains("조건에 맞는 기록이 없습니다.", nothing.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATamperedTrailIsShownAsBrokenAtTheRowThatWasChanged()
    {
        var client = await factory.SharedClientAsync(AppRoles.Admin);
        var intact = await PageAsync(client, "/audit");
        Assert.Equal("true", intact.QuerySelector(".chain-status")!.GetAttribute("data-intact"));

        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync(Fifty.Ops.Tests.Infrastructure.TestProvider.DropAuditTriggers(factory.ConnectionString));
            await db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Detail" = '바꿔치기' WHERE "Id" = 2""");
        }

        // A new entry moves the head, so the page walks the chain again instead of reusing its last result.
        await factory.Services.GetRequiredService<IAuditLog>().RecordAsync(AuditActor.System, new AuditRecord(AuditKind.System, Detail: "시험"));
        var broken = await PageAsync(client, "/audit");
        var status = broken.QuerySelector(".chain-status")!;
        Assert.Equal("false", status.GetAttribute("data-intact"));
        Assert.Contains("✕ 해시 체인 끊김", status.TextContent, StringComparison.Ordinal);
        Assert.Contains("2번 기록의 내용이 해시와 맞지 않습니다", status.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePageNamesPeopleByDisplayNameAndShowsNoCodeWords()
    {
        var client = await factory.SharedClientAsync(AppRoles.Auditor);
        // A refused GET (a director opening the user admin) and a report download, as real requests make them.
        var director = await factory.SharedClientAsync(AppRoles.Director);
        Assert.Equal(HttpStatusCode.Forbidden, (await director.GetAsync(new Uri("/admin/users", UriKind.Relative))).StatusCode);
        await factory.Services.GetRequiredService<IAuditLog>().RecordAsync(new AuditActor(null, AppRoles.Director, "10.0.0.2"),
            new AuditRecord(AuditKind.Export, "QuarterlyReport", "2023-Q3", Detail: "Excel 내려받기"));

        var document = await PageAsync(client, "/audit");
        var table = document.QuerySelector("table")!;
        var text = table.TextContent;
        Assert.Contains(TestAccounts.DisplayName(AppRoles.Director), text, StringComparison.Ordinal);
        Assert.Contains("분기 보고서", text, StringComparison.Ordinal);
        Assert.Contains("화면·파일 열기 거부", text, StringComparison.Ordinal);
        foreach (var code in new[] { "QuarterlyReport", "GET 거부", "IsDemo=", "CreatedAt=", ">User<", "Url" })
            Assert.DoesNotContain(code, code.StartsWith('>') ? table.InnerHtml : text, StringComparison.Ordinal);
        Assert.Contains("단위", table.QuerySelector("caption")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordsReferredToByNumberAreNamedAndValuesReadInKorean()
    {
        _ = factory.Server;
        int periodId, indicatorId;
        string period, indicator;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>().CreateDbContextAsync())
        {
            var p = await db.ReportingPeriods.OrderBy(x => x.Id).FirstAsync();
            var i = await db.Indicators.OrderBy(x => x.Id).FirstAsync();
            (periodId, period, indicatorId, indicator) = (p.Id, $"{p.Year}년 {p.Quarter}분기", i.Id, i.Name);
        }

        await factory.Services.GetRequiredService<IAuditLog>().RecordAsync(new AuditActor(null, "refs", "10.0.0.3"),
            new AuditRecord(AuditKind.DataChange, "IndicatorValue", "999", NewValue: "IsDraft=False; Kind=Actual; Value=120000.0; SubValue=null",
                Detail: $"추가 · IndicatorId={indicatorId}, ReportingPeriodId={periodId}"));
        await factory.Services.GetRequiredService<IAuditLog>().RecordAsync(new AuditActor(null, "refs", "10.0.0.3"),
            new AuditRecord(AuditKind.DataChange, "PeriodStatusChange", "7", NewValue: "Action=Close; Reason=null", Detail: $"추가 · ReportingPeriodId={periodId}"));

        var text = (await PageAsync(await factory.SharedClientAsync(AppRoles.Auditor), "/audit?user=refs")).QuerySelector("table")!.TextContent;
        Assert.Contains($"성과지표={indicator}", text, StringComparison.Ordinal);
        Assert.Contains($"보고 기간={period}", text, StringComparison.Ordinal);
        Assert.Contains("작성 중=아니요; 값 종류=실적; 값=120,000; 보조 값=—", text, StringComparison.Ordinal);
        Assert.Contains("처리=마감; 사유=—", text, StringComparison.Ordinal);
        foreach (var code in new[] { "IndicatorValue", "PeriodStatusChange", "Id=", "null", "Actual", "Close", "조치 계획" })
            Assert.DoesNotContain(code, text, StringComparison.Ordinal);
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }
}
