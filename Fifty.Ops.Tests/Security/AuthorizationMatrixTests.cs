using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;
using Fifty.Ops.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fifty.Ops.Tests.Security;

/// <summary>
/// Every page, download and write operation, for each of the four roles and for someone not signed in, against the
/// role table in <see cref="Policies"/>: allowed gets the content, signed-in but not allowed gets 403 (and an audit
/// entry), not signed in gets the sign-in page (pages) or 401 (downloads).
/// </summary>
public sealed class AuthorizationMatrixTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private const string IndicatorCode = "I2020-04";

    /// <summary>Page → roles that may open it.</summary>
    private static readonly (string Url, string[] Roles, string Heading)[] PageTable =
    [
        ("/", Policies.RolesFor[Policies.CanRead], "개요"),
        ("/indicators?year=2023&quarter=3", Policies.RolesFor[Policies.CanRead], "성과지표"),
        ("/indicators/{indicator}?year=2020&quarter=3", Policies.RolesFor[Policies.CanRead], "50+상담센터 전체 상담건수"),
        ("/projects?year=2023&quarter=3", Policies.RolesFor[Policies.CanRead], "주요사업"),
        ("/projects/J1.1.1?year=2023", Policies.RolesFor[Policies.CanRead], "중장년 인턴십 지원"),
        ("/budget?year=2023&quarter=3", Policies.RolesFor[Policies.CanRead], "예산·집행"),
        ("/campuses?year=2023", Policies.RolesFor[Policies.CanRead], "캠퍼스 이용"),
        ("/reports?year=2023&quarter=3", Policies.RolesFor[Policies.CanRead], "분기 보고서"),
        // The entry hub is read by everyone (progress, who entered what); its forms and the import are the planners'.
        ("/entry?year=2023&quarter=3", Policies.RolesFor[Policies.CanRead], "분기 자료 입력"),
        ("/entry/indicators?year=2023&quarter=3", [AppRoles.Planner], "성과지표 목표·실적 입력"),
        ("/import?year=2023&quarter=3", [AppRoles.Planner], "엑셀 양식으로 가져오기"),
        ("/audit", [AppRoles.Auditor, AppRoles.Admin], "감사 기록"),
        ("/admin/users", [AppRoles.Admin], "사용자 관리"),
        ("/setup?year=2023", Policies.RolesFor[Policies.CanSetUpYear], "회계연도 설정"),
        ("/setup/sites?year=2023", Policies.RolesFor[Policies.CanSetUpYear], "캠퍼스·센터 설정"),
        ("/setup/indicators?year=2023", Policies.RolesFor[Policies.CanSetUpYear], "성과지표 설정"),
        ("/setup/profile?year=2023", Policies.RolesFor[Policies.CanSetUpYear], "기관 현황 설정"),
        // Every reader sees the year's 예산 총괄 (read-only); the write is checked again by the service (CanSetUpYear).
        ("/setup/budget-summary?year=2023", Policies.RolesFor[Policies.CanRead], "예산 총괄 설정"),
        ("/account/changepassword", Policies.RolesFor[Policies.CanRead], "비밀번호 변경"),
    ];

    /// <summary>Download → roles that may fetch it, and what comes back.</summary>
    private static readonly (string Url, string[] Roles, string ContentType)[] DownloadTable =
    [
        ("/reports/2023/q3.pdf", Policies.RolesFor[Policies.CanDownload], "application/pdf"),
        ("/reports/2023/q3.html", Policies.RolesFor[Policies.CanDownload], "text/html"),
        ("/audit.xlsx", [AppRoles.Auditor, AppRoles.Admin], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        // The template holds only what every role reads; auditors download every sheet. Uploading stays with planners.
        ("/import/2023/q3/template.xlsx", Policies.RolesFor[Policies.CanDownload], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        // The year's structure workbook belongs to those who set a year up, like /setup.
        ("/setup/2023/structure.xlsx", Policies.RolesFor[Policies.CanSetUpYear], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ];

    public static TheoryData<string, string?> Pages() => Matrix(PageTable.Select(p => p.Url));

    public static TheoryData<string, string?> Downloads() => Matrix(DownloadTable.Select(d => d.Url));

    private static TheoryData<string, string?> Matrix(IEnumerable<string> urls)
    {
        var data = new TheoryData<string, string?>();
        foreach (var url in urls)
        {
            foreach (var role in TestAccounts.Roles) data.Add(url, role);
            data.Add(url, null);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryPageOpensForItsRolesOnly(string page, string? role)
    {
        var (_, roles, heading) = PageTable.Single(p => p.Url == page);
        var url = await ResolveAsync(page);
        var client = await factory.SharedClientAsync(role);
        var before = await factory.LastAuditIdAsync();
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        if (role is null)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/login?ReturnUrl=" + Uri.EscapeDataString(url), response.Headers.Location!.PathAndQuery);
        }
        else if (roles.Contains(role))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(heading, new HtmlParser().ParseDocument(html).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var document = new HtmlParser().ParseDocument(html);
            Assert.Equal("권한이 없습니다", document.QuerySelector("h1")!.TextContent);
            Assert.Contains(AppRoles.Labels(roles), document.Body!.TextContent, StringComparison.Ordinal);
            var denied = Assert.Single(await factory.AuditEntriesAsync(), e => e.Id > before);
            Assert.Equal((AuditKind.AccessDenied, role, url.Split('?')[0], "127.0.0.1"), (denied.Kind, denied.UserName, denied.ObjectId, denied.IpAddress));
        }
    }

    [Theory]
    [MemberData(nameof(Downloads))]
    public async Task EveryDownloadIsServedToItsRolesOnlyAndRecorded(string url, string? role)
    {
        var (_, roles, contentType) = DownloadTable.Single(d => d.Url == url);
        var client = await factory.SharedClientAsync(role);
        var before = await factory.LastAuditIdAsync();
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var after = (await factory.AuditEntriesAsync()).Where(e => e.Id > before).ToList();

        if (role is not null && roles.Contains(role))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
            if (url.EndsWith(".html", StringComparison.Ordinal))
            {
                // The report page loads this into its preview frame on every visit: a preview is not a download.
                Assert.DoesNotContain(after, e => e.Kind == AuditKind.Export);
            }
            else
            {
                var export = Assert.Single(after, e => e.Kind == AuditKind.Export);
                Assert.Equal(role, export.UserName);
            }
        }
        else
        {
            Assert.Equal(role is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, response.StatusCode);
            Assert.StartsWith(role is null ? "로그인이 필요합니다" : "권한이 없습니다", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var denied = Assert.Single(after);
            Assert.Equal((AuditKind.AccessDenied, role, url), (denied.Kind, denied.UserName, denied.ObjectId));
        }
    }

    [Theory]
    [MemberData(nameof(TestAccounts.Everyone), MemberType = typeof(TestAccounts))]
    public async Task CommentaryIsWrittenByPlannersAndDirectorsOnly(string? role)
    {
        var allowed = role is AppRoles.Planner or AppRoles.Director;
        var id = await IndicatorIdAsync();
        // A closed quarter's commentary is read-only: the quarter is reopened for the write and closed again after.
        var admin = factory.Services.GetRequiredService<Fifty.Ops.Features.Admin.PeriodAdminService>();
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>();
        await PeriodSwitch.SetClosedAsync(admin, contexts, 2020, 3, closed: false);
        var before = await factory.LastAuditIdAsync();
        int version;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>().CreateDbContextAsync())
        {
            // Fill the form as a person who has just opened the page would: with the commentary's current version.
            version = await db.IndicatorComments.Where(c => c.IndicatorId == id && db.ReportingPeriods.Any(p => p.Id == c.ReportingPeriodId && p.Year == 2020 && p.Quarter == 3))
                .Select(c => c.Version).FirstOrDefaultAsync();
        }

        var result = await factory.Services.GetRequiredService<IndicatorCommentaryService>()
            .SaveAsync(TestAccounts.Principal(role), id, 2020, 3, new CommentaryInput { Cause = $"{role} 원인", Action = "조치", Version = version });
        await AssertOutcomeAsync(role, allowed, result.Succeeded, result.Errors.GetValueOrDefault(""), before,
            "권한이 없습니다: 성과지표 설명(원인 분석·조치 계획) 작성 권한은 기획담당·간부에게만 있습니다.", AuditKind.DataChange);
        await PeriodSwitch.SetClosedAsync(admin, contexts, 2020, 3, closed: true);
    }

    [Theory]
    [MemberData(nameof(TestAccounts.Everyone), MemberType = typeof(TestAccounts))]
    public async Task TheCautionThresholdIsChangedByPlannersOnly(string? role)
    {
        var allowed = role is AppRoles.Planner;
        var id = await IndicatorIdAsync();
        var before = await factory.LastAuditIdAsync();
        var percent = 80m + (role?.Length ?? 0);
        var result = await factory.Services.GetRequiredService<IndicatorCommentaryService>().SetCautionThresholdAsync(TestAccounts.Principal(role), id, percent);
        await AssertOutcomeAsync(role, allowed, result.Succeeded, result.Errors.GetValueOrDefault(""), before,
            "권한이 없습니다: 성과지표 주의 기준 변경 권한은 기획담당에게만 있습니다.", AuditKind.DataChange);
    }

    [Theory]
    [MemberData(nameof(TestAccounts.Everyone), MemberType = typeof(TestAccounts))]
    public async Task UsersAreAdministeredByAdminsOnly(string? role)
    {
        var allowed = role is AppRoles.Admin;
        var adminId = await UserIdAsync("admin");
        await using var scope = factory.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdminService>();
        var caller = TestAccounts.Principal(role, role == AppRoles.Admin ? adminId : 0, role);
        var before = await factory.LastAuditIdAsync();
        var result = await admin.CreateAsync(caller, new NewUserInput { UserName = $"matrix-{role ?? "anon"}", DisplayName = "행렬 시험", Roles = [AppRoles.Director] });
        await AssertOutcomeAsync(role, allowed, result.Succeeded, result.Errors.GetValueOrDefault(""), before,
            "권한이 없습니다: 사용자 추가 권한은 시스템관리자에게만 있습니다.", AuditKind.Account);

        // The other administration steps refuse the same way.
        var target = await UserIdAsync(AppRoles.Director, ensure: true);
        var steps = new Func<Task<WriteResult>>[]
        {
            () => admin.SetRolesAsync(caller, target, [AppRoles.Director]),
            () => admin.SetDisabledAsync(caller, target, false),
            () => admin.UnlockAsync(caller, target),
        };
        foreach (var step in steps)
        {
            var outcome = await step();
            Assert.Equal(allowed, outcome.Succeeded);
            if (!allowed) Assert.StartsWith("권한이 없습니다: ", outcome.Errors[""], StringComparison.Ordinal);
        }

        var (list, refusal) = await admin.ListAsync(caller);
        Assert.Equal(allowed, refusal is null);
        Assert.Equal(allowed, list.Count > 0);
    }

    [Theory]
    [MemberData(nameof(TestAccounts.Everyone), MemberType = typeof(TestAccounts))]
    public async Task WriteFormsAndAdminMenusAreShownOnlyToRolesThatCanUseThem(string? role)
    {
        if (role is null) return; // covered by the page matrix: the sign-in page
        var client = await factory.SharedClientAsync(role);
        var html = await client.GetStringAsync(new Uri($"/indicators/{await IndicatorIdAsync()}?year=2020&quarter=3", UriKind.Relative));
        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(role is AppRoles.Planner or AppRoles.Director, document.QuerySelector("form textarea#cause") is not null);
        Assert.Equal(role is AppRoles.Planner, document.QuerySelector("form input#threshold") is not null);
        Assert.Equal(role is AppRoles.Auditor or AppRoles.Admin, document.QuerySelector("nav a[data-nav='/audit']") is not null);
        Assert.Equal(role is AppRoles.Admin, document.QuerySelector("nav a[data-nav='/admin/users']") is not null);

        // The entry hub links its forms and the import for planners only; everyone else gets the template to download.
        var hub = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri("/entry?year=2023&quarter=3", UriKind.Relative)));
        var main = hub.QuerySelector("main") ?? hub.Body!;
        Assert.Equal(role is AppRoles.Planner, main.QuerySelector(".progress-grid a[href*='/entry/'], .progress-grid a[href^='/import?']") is not null);
        Assert.Equal(role is not AppRoles.Planner, main.QuerySelector(".progress-grid a[href$='template.xlsx']") is not null);
        // Everyone signed in sees who they are and can sign out with a token-protected form.
        var displayName = role == AppRoles.Admin ? "시스템 관리자" : TestAccounts.DisplayName(role); // admin is the app's own first account
        Assert.Contains(displayName, document.QuerySelector(".user-menu")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector("form[action='account/logout'][method='post'] input[name=__RequestVerificationToken]"));
    }

    private async Task AssertOutcomeAsync(string? role, bool allowed, bool succeeded, string? formError, long auditBefore, string refusal, AuditKind changeKind)
    {
        var after = (await factory.AuditEntriesAsync()).Where(e => e.Id > auditBefore).ToList();
        if (allowed)
        {
            Assert.True(succeeded, formError);
            Assert.Contains(after, e => e.Kind == changeKind && e.UserName == role);
        }
        else
        {
            Assert.False(succeeded);
            Assert.Equal(refusal, formError);
            var denied = Assert.Single(after);
            Assert.Equal(AuditKind.AccessDenied, denied.Kind);
            Assert.Equal(role, denied.UserName);
        }
    }

    private async Task<string> ResolveAsync(string url) =>
        url.Replace("{indicator}", (await IndicatorIdAsync()).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private async Task<int> IndicatorIdAsync()
    {
        _ = factory.Server;
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>().CreateDbContextAsync();
        return await db.Indicators.Where(i => i.Code == IndicatorCode).Select(i => i.Id).SingleAsync();
    }

    private async Task<int> UserIdAsync(string userName, bool ensure = false)
    {
        if (ensure) await factory.EnsureAccountAsync(userName);
        _ = factory.Server;
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>().CreateDbContextAsync();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }
}
