using System.Diagnostics;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Fifty.Ops.Tests.Browser;

/// <summary>Signing in and out, user administration, an open screen losing its role, and the audit trail, in Chromium.</summary>
[Trait("Category", "Browser")]
public sealed class AccountBrowserTests(AppProcess app) : IClassFixture<AppProcess>
{
    [Fact]
    public async Task TheSignInFormSaysWhatWentWrongThenSignsInAndOut()
    {
        await TestAccounts.EnsureAsync(app.ConnectionString, AppRoles.Director);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/indicators?year=2023&quarter=3");
        await page.WaitForURLAsync("**/account/login?ReturnUrl=*");
        await Assertions.Expect(page.Locator(".login-message")).ToHaveTextAsync("이 화면을 보려면 로그인하세요.");

        await page.GetByLabel("아이디").FillAsync(AppRoles.Director);
        await page.GetByLabel("비밀번호").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "로그인" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("아이디 또는 비밀번호가 올바르지 않습니다.");
        await Assertions.Expect(page.GetByLabel("아이디")).ToHaveValueAsync(AppRoles.Director);

        await page.GetByLabel("비밀번호").FillAsync(TestAccounts.Password(AppRoles.Director));
        await page.GetByRole(AriaRole.Button, new() { Name = "로그인" }).ClickAsync();
        await page.WaitForURLAsync("**/indicators?year=2023&quarter=3");
        await Assertions.Expect(page.Locator(".page-heading h1")).ToHaveTextAsync("성과지표");
        await Assertions.Expect(page.Locator(".user-menu")).ToContainTextAsync(TestAccounts.DisplayName(AppRoles.Director));

        // The sign-out form is part of the screen the circuit re-renders: press it on the live screen, not on the
        // prerendered copy being replaced.
        await AppProcess.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "로그아웃" }).ClickAsync();
        await page.WaitForURLAsync("**/account/login?reason=signedout");
        await Assertions.Expect(page.Locator(".login-message")).ToHaveTextAsync("로그아웃했습니다.");
        await page.GotoAsync(app.BaseUrl + "/");
        await page.WaitForURLAsync("**/account/login?ReturnUrl=%2F");
    }

    [Fact]
    public async Task SigningInWorksWithoutJavaScript()
    {
        await TestAccounts.EnsureAsync(app.ConnectionString, AppRoles.Auditor);
        await using var context = await app.NewContextAsync(new() { Locale = "ko-KR", JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await app.SignInAsync(page, AppRoles.Auditor, TestAccounts.Password(AppRoles.Auditor));
        await page.GotoAsync(app.BaseUrl + "/budget?year=2023&quarter=3");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("920,856");
    }

    [Fact]
    public async Task AnAdminCreatesAUserWhoseOpenScreenSignsOutWhenTheirRoleIsTaken()
    {
        await using var adminContext = await app.NewSignedInContextAsync(AppRoles.Admin);
        var admin = await adminContext.NewPageAsync();
        await app.OpenAsync(admin, "/admin/users");
        var issued = admin.Locator("code.password[data-user='kim.planner']");
        var create = admin.GetByRole(AriaRole.Button, new() { Name = "사용자 만들기" });
        await Assertions.Expect(create).ToBeEnabledAsync();
        await admin.GetByLabel("아이디").FillAsync("kim.planner");
        await admin.GetByLabel("이름").FillAsync("김기획");
        await admin.Locator("fieldset.role-choices").GetByLabel("기획담당").CheckAsync();
        await create.ClickAsync();

        await Assertions.Expect(admin.Locator(".admin-status")).ToHaveTextAsync("kim.planner 계정을 만들었습니다 (기획담당).");
        var password = await issued.InnerTextAsync();
        var row = admin.Locator("tr[data-user='kim.planner']");
        await Assertions.Expect(row).ToContainTextAsync("김기획");

        // The new user signs in with the issued password and opens a screen where they can write.
        await using var kimContext = await app.NewContextAsync();
        var kim = await kimContext.NewPageAsync();
        await app.SignInAsync(kim, "kim.planner", password);
        await app.OpenAsync(kim, "/indicators?year=2020&quarter=3");
        await kim.Locator("a.indicator-link[data-code='I2020-03']").ClickAsync();
        await Assertions.Expect(kim.Locator("#threshold")).ToBeVisibleAsync();
        // The threshold form is the planner's to write (2020 Q3's commentary is closed): it acts once the circuit is live.
        await Assertions.Expect(kim.GetByRole(AriaRole.Button, new() { Name = "적용" })).ToBeEnabledAsync();
        var screen = kim.Url;

        // The admin takes the planner role away; the open screen notices at its next revalidation.
        await row.GetByLabel("기획담당").UncheckAsync();
        await row.GetByLabel("간부").CheckAsync();
        var clock = Stopwatch.StartNew();
        await row.GetByRole(AriaRole.Button, new() { Name = "역할 저장" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".admin-status")).ToHaveTextAsync("kim.planner의 역할을 간부(으)로 바꿨습니다. 열린 화면은 곧 다시 로그인해야 합니다.");
        await kim.WaitForURLAsync("**/account/login?reason=session*");
        // Well under the app's default 30 s check, so it is the 2 s revalidation configured here that signed them out;
        // loose enough for a loaded machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(25), $"took {clock.Elapsed}");
        await Assertions.Expect(kim.Locator(".login-message")).ToContainTextAsync("세션이 끝났습니다");

        await using (var db = new FiftyOpsDbContext(new DbContextOptionsBuilder<FiftyOpsDbContext>().UseSqlite(app.ConnectionString).Options))
        {
            var ended = await db.AuditEntries.Where(e => e.Kind == AuditKind.SessionEnded && e.UserName == "kim.planner").Select(e => e.Detail).ToListAsync();
            Assert.Contains("열린 화면: 역할이나 비밀번호가 바뀌었습니다", ended);
        }

        // Signing in again brings the new role: commentary yes (director), thresholds no.
        await kim.GetByLabel("비밀번호").FillAsync(password);
        await kim.GetByLabel("아이디").FillAsync("kim.planner");
        await kim.GetByRole(AriaRole.Button, new() { Name = "로그인" }).ClickAsync();
        await kim.WaitForURLAsync(screen);
        await Assertions.Expect(kim.Locator("#cause")).ToBeVisibleAsync();
        await Assertions.Expect(kim.Locator("#threshold")).ToHaveCountAsync(0);
        await Assertions.Expect(kim.Locator(".user-roles")).ToHaveTextAsync("간부");
    }

    [Fact]
    public async Task AnAuditorFiltersTheTrailAndDownloadsItAsAWorkbook()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Auditor, new() { Locale = "ko-KR", AcceptDownloads = true });
        var page = await context.NewPageAsync();
        // When the circuit starts it renders the page afresh, which would undo a choice made just before: choose after.
        await app.OpenAsync(page, "/audit");
        await Assertions.Expect(page.Locator(".chain-status")).ToContainTextAsync("✓ 해시 체인 정상");
        await page.GetByLabel("보고 기간 선택").SelectOptionAsync("2020-3");
        await page.WaitForURLAsync("**/audit?*year=2020*");

        await page.GetByLabel("종류").SelectOptionAsync(new SelectOptionValue { Label = "로그인" });
        await page.GetByRole(AriaRole.Button, new() { Name = "조회" }).ClickAsync();
        await page.WaitForURLAsync("**/audit?*kind=SignIn*");
        var kinds = await page.Locator("tbody tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.kind)");
        Assert.NotEmpty(kinds);
        Assert.All(kinds, k => Assert.Equal("SignIn", k));
        await Assertions.Expect(page.Locator("tbody tr").First).ToContainTextAsync("127.0.0.1");

        var link = page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Excel 내려받기") });
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Matches(@"^감사기록_\d{8}-\d{4}\.xlsx$", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"audit-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        try
        {
            using var book = SpreadsheetDocument.Open(path, false);
            var rows = book.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().Where(r => r.RowIndex!.Value > 5).ToList();
            Assert.Equal(kinds.Length, rows.Count);
            Assert.All(rows, r => Assert.Equal("로그인", r.Elements<Cell>().ElementAt(5).InlineString!.Text!.Text));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task APlannerIsRefusedTheAuditTrailByAddressAndInsideAnOpenScreen()
    {
        await using var context = await app.NewSignedInContextAsync(AppRoles.Planner);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(app.BaseUrl + "/audit");
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("권한이 없습니다");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("필요한 역할: 시스템관리자·감사담당");

        await app.OpenAsync(page, "/?year=2023&quarter=3");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "감사 기록" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "사용자 관리" })).ToHaveCountAsync(0);
        // On the live circuit, navigating makes no HTTP request: the router's own check refuses the page, and the
        // document is the same one (the window marker survives).
        await page.EvaluateAsync("() => { window.sameDocument = true; Blazor.navigateTo('/audit'); }");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("권한이 없습니다");
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
        await Assertions.Expect(page.Locator(".chain-status")).ToHaveCountAsync(0);
    }
}
