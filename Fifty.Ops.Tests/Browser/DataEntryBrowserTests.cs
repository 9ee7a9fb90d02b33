using Fifty.Ops.Features.Import;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Fifty.Ops.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class DataEntryBrowserTests(AppProcess app) : IClassFixture<AppProcess>
{
    private const string Admin = "admin";
    private const string Planner = "planner";

    private static string? Shots => Environment.GetEnvironmentVariable("FIFTY_SCREENSHOTS");

    /// <summary>A browser context signed in as <paramref name="role"/>: administrators open and close periods, planners enter figures.</summary>
    private Task<IBrowserContext> ContextAsync(string role) =>
        app.NewSignedInContextAsync(role, new() { Locale = "ko-KR", ViewportSize = new() { Width = 1400, Height = 1000 } });

    private static async Task ShotAsync(IPage page, string name)
    {
        if (Shots is not { } folder) return;
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png") });
        if (await page.Locator("tr.edit-row").CountAsync() > 0) await page.Locator("tr.edit-row").ScreenshotAsync(new() { Path = Path.Combine(folder, name + "-form.png") });
    }

    /// <summary>An administrator opens 2023 Q4 in the browser (the reports' quarters are closed), once per app.</summary>
    private async Task OpenQ4Async(IPage page)
    {
        await app.OpenAsync(page, "/admin/periods");
        if (await page.Locator("tr[data-period='2023-4']").CountAsync() > 0) return;
        await page.OpenQuarterAsync(2023, 4);
        await Assertions.Expect(page.Locator(".form-saved")).ToContainTextAsync("2023년 4분기(2023. 12. 31. 기준)를 열었습니다");
    }

    [Fact]
    public async Task APlannerEntersAFigureSeesItSavedAndAStaleSecondFormGetsAConflict()
    {
        await using var adminContext = await ContextAsync(Admin);
        var admin = await adminContext.NewPageAsync();
        await OpenQ4Async(admin);
        await ShotAsync(admin, "admin-periods");

        // Two planners' screens open on the same empty row.
        await using var context = await ContextAsync(Planner);
        await using var otherContext = await ContextAsync(Planner);
        var first = await context.NewPageAsync();
        var second = await otherContext.NewPageAsync();
        foreach (var page in new[] { first, second })
        {
            await app.OpenAsync(page, "/entry/budget?year=2023&quarter=4");
            await page.GetByRole(AriaRole.Button, new() { Name = "P1.2.1 입력" }).ClickAsync();
        }

        // A bad figure is refused next to its field in Korean, and what was typed stays.
        var disbursed = first.GetByLabel("지출액", new() { Exact = true });
        await disbursed.FillAsync("3만");
        await first.GetByRole(AriaRole.Button, new() { Name = "저장" }).ClickAsync();
        await Assertions.Expect(first.Locator("#budget-P1\\.2\\.1-Disbursed-error")).ToHaveTextAsync("지출액: 만·억 같은 단위 말은 쓸 수 없습니다. 천원 단위 숫자로만 입력하세요 (입력: 3만)");
        await Assertions.Expect(disbursed).ToHaveValueAsync("3만");
        await Assertions.Expect(disbursed).ToHaveAttributeAsync("aria-invalid", "true");

        await disbursed.FillAsync("30,000");
        await first.GetByLabel("원인행위액", new() { Exact = true }).FillAsync("39,006");
        await first.GetByRole(AriaRole.Button, new() { Name = "저장" }).ClickAsync();
        await Assertions.Expect(first.Locator(".form-saved")).ToContainTextAsync("P1.2.1 생애전환기 맞춤 상담: 2023년 4분기 금액을 저장했습니다.");
        await Assertions.Expect(first.Locator("tr[data-code='P1.2.1'] td[data-cell=Disbursed]")).ToHaveTextAsync("30,000");
        await ShotAsync(first, "entry-budget-saved");

        // The second form was opened before that save: its save is refused and shows the first person's figure.
        var stale = second.GetByLabel("지출액", new() { Exact = true });
        await stale.FillAsync("31,000");
        await second.GetByRole(AriaRole.Button, new() { Name = "저장" }).ClickAsync();
        var conflict = second.Locator(".form-conflict");
        await Assertions.Expect(conflict).ToContainTextAsync("저장하지 않았습니다");
        await Assertions.Expect(conflict.Locator("tr", new() { HasText = "지출액" }).Locator("td[data-side=theirs]")).ToHaveTextAsync("30,000");
        await Assertions.Expect(conflict.Locator("tr", new() { HasText = "지출액" }).Locator("td[data-side=mine]")).ToHaveTextAsync("31,000");
        await Assertions.Expect(stale).ToHaveValueAsync("31,000");
        await ShotAsync(second, "entry-budget-conflict");

        // Having seen it, saving again is a deliberate overwrite.
        await second.GetByRole(AriaRole.Button, new() { Name = "저장" }).ClickAsync();
        await Assertions.Expect(second.Locator(".form-saved")).ToContainTextAsync("저장했습니다");
        await Assertions.Expect(second.Locator("tr[data-code='P1.2.1'] td[data-cell=Disbursed]")).ToHaveTextAsync("31,000");

        // The budget page shows the entered figure.
        await first.GotoAsync(app.BaseUrl + "/budget?year=2023&quarter=4");
        await Assertions.Expect(first.Locator("body")).ToContainTextAsync("31,000");
    }

    [Fact]
    public async Task APlannerUploadsAFilledTemplateSeesEachChangeAndCommitsIt()
    {
        await using (var adminContext = await ContextAsync(Admin))
        {
            await OpenQ4Async(await adminContext.NewPageAsync());
        }

        await using var context = await ContextAsync(Planner);
        var page = await context.NewPageAsync();
        var download = await context.APIRequest.GetAsync(app.BaseUrl + "/import/2023/q4/template.xlsx");
        Assert.True(download.Ok);
        var template = await download.BodyAsync();
        using var edit = new XlsxEditor(template);
        var file = Path.Combine(Path.GetTempPath(), $"입력-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(file, edit.Number(TemplateLayout.BudgetSheet, edit.RowOf(TemplateLayout.BudgetSheet, "P6.1.1", "I"), 4321m)
            .Text(TemplateLayout.IndicatorsSheet, edit.RowOf(TemplateLayout.IndicatorsSheet, "H2023-02", "I"), "150건").Save());
        try
        {
            await app.OpenAsync(page, "/import?year=2023&quarter=4");
            await Assertions.Expect(page.Locator("#import-file")).ToBeEnabledAsync();
            await page.Locator("#import-file").SetInputFilesAsync(file);
            var changes = page.Locator("table[data-table=changes] tbody tr");
            await Assertions.Expect(changes).ToHaveCountAsync(2);
            await Assertions.Expect(changes.Filter(new() { HasText = "P6.1.1" })).ToContainTextAsync("4,321");
            await Assertions.Expect(changes.Filter(new() { HasText = "H2023-02" }).Locator("td.new")).ToHaveTextAsync("150건");
            await ShotAsync(page, "import-preview");

            await page.GetByRole(AriaRole.Button, new() { Name = "바뀔 값 2개 한 번에 반영" }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "반영", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator(".form-saved")).ToContainTextAsync("2023년 4분기에 2개 값을 반영했습니다");

            // The same file again: nothing to change, and the page says so.
            await page.Locator("#import-file").SetInputFilesAsync(file);
            await Assertions.Expect(page.Locator("[data-note]").First).ToContainTextAsync("이미 반영한 파일과 내용이 같습니다");
            await ShotAsync(page, "import-reupload");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "바뀔 값 0개 한 번에 반영" })).ToBeDisabledAsync();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task NarrativesAndAnIndicatorAreEnteredThenTheQuarterIsClosedAndReopenedWithAReason()
    {
        await using var adminContext = await ContextAsync(Admin);
        var admin = await adminContext.NewPageAsync();
        await OpenQ4Async(admin);

        await using var context = await ContextAsync(Planner);
        var page = await context.NewPageAsync();
        await app.OpenAsync(page, "/entry/indicators?year=2023&quarter=4");
        await page.Locator("tr[data-code='T2023-1.1.1']").GetByRole(AriaRole.Button, new() { Name = "입력" }).ClickAsync();
        await page.GetByLabel("실적 (2023. 12. 31. 기준)").FillAsync("455명");
        await page.GetByLabel("원인 분석").FillAsync("하반기 모집 확대로 목표를 넘었습니다.");
        await page.GetByRole(AriaRole.Button, new() { Name = "저장" }).ClickAsync();
        await Assertions.Expect(page.Locator(".form-saved")).ToContainTextAsync("2023년 4분기 입력을 저장했습니다");
        await Assertions.Expect(page.Locator("tr[data-code='T2023-1.1.1'] td[data-cell=actual]")).ToHaveTextAsync("455명");
        await ShotAsync(page, "entry-indicators");

        await app.OpenAsync(page, "/entry/narratives?year=2023&quarter=4");
        var project = page.Locator("section[data-project='J1.1.1']");
        await project.GetByRole(AriaRole.Button, new() { Name = "중장년 인턴십 지원 향후계획 입력" }).ClickAsync();
        await project.GetByRole(AriaRole.Button, new() { Name = "2023년 3분기 (2023. 9. 30. 기준) 내용 불러오기" }).ClickAsync();
        await Assertions.Expect(project.GetByLabel("1번 항목 내용")).ToHaveValueAsync("인턴십 사업 수행(참여자 인턴 활동 관리 등)");
        await project.GetByRole(AriaRole.Button, new() { Name = "+ 항목 추가" }).ClickAsync();
        await project.GetByLabel("5번 항목 일정").FillAsync("’24. 1월");
        await project.GetByRole(AriaRole.Button, new() { Name = "향후계획 저장" }).ClickAsync();
        await Assertions.Expect(project.Locator(".field-error")).ToHaveTextAsync("5번 항목: 내용을 입력하세요 (빈 항목은 삭제하세요).");
        await project.GetByLabel("5번 항목 내용").FillAsync("2024년 참여기관 모집 공고");
        await ShotAsync(page, "entry-narratives");
        await project.GetByRole(AriaRole.Button, new() { Name = "향후계획 저장" }).ClickAsync();
        await Assertions.Expect(project.Locator(".form-saved")).ToContainTextAsync("향후계획 5개 항목을 저장했습니다");
        await project.GetByRole(AriaRole.Button, new() { Name = "닫기" }).ClickAsync();
        await Assertions.Expect(project.Locator("ul.narrative").Last).ToContainTextAsync("2024년 참여기관 모집 공고");

        // The administrator closes the quarter: the forms become read-only.
        await app.OpenAsync(admin, "/admin/periods");
        var q4 = admin.Locator("tr[data-period='2023-4']");
        await q4.GetByRole(AriaRole.Button, new() { Name = "2023년 4분기 마감" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "마감 확정" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".form-saved")).ToContainTextAsync("2023년 4분기를 마감했습니다");
        await app.OpenAsync(page, "/entry/indicators?year=2023&quarter=4");
        await Assertions.Expect(page.Locator(".period-state")).ToContainTextAsync("2023년 4분기는 마감되어 입력할 수 없습니다");
        await Assertions.Expect(page.Locator("table[data-table=indicator-entry] button")).ToHaveCountAsync(0);

        // Reopening needs a reason, and the reason is kept.
        await app.OpenAsync(admin, "/admin/periods");
        q4 = admin.Locator("tr[data-period='2023-4']");
        await q4.GetByRole(AriaRole.Button, new() { Name = "2023년 4분기 마감 해제" }).ClickAsync();
        var reopen = admin.GetByRole(AriaRole.Dialog);
        await reopen.GetByRole(AriaRole.Button, new() { Name = "마감 해제", Exact = true }).ClickAsync();
        await Assertions.Expect(reopen.Locator("#reopen-reason-error")).ToHaveTextAsync("마감 해제 사유를 입력하세요.");
        await reopen.GetByLabel("마감 해제 사유 (필수)").FillAsync("12월 지출 누락분 반영");
        await ShotAsync(admin, "admin-reopen");
        await reopen.GetByRole(AriaRole.Button, new() { Name = "마감 해제", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.Locator(".form-saved")).ToContainTextAsync("사유: 12월 지출 누락분 반영");
        await Assertions.Expect(q4.Locator(".history")).ToContainTextAsync("마감 해제");
        await ShotAsync(admin, "admin-reopened");

        await app.OpenAsync(admin, "/admin/backups");
        await admin.GetByRole(AriaRole.Button, new() { Name = "지금 백업" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".form-saved")).ToContainTextAsync("무결성 검사 통과");
        await Assertions.Expect(admin.Locator("table[data-table=backups] tbody tr")).ToHaveCountAsync(1);
        await ShotAsync(admin, "admin-backups");
    }

    [Fact]
    public async Task AFormOpenWhenTheQuarterIsClosedShowsTheRefusalAndTheBannerSaysClosedToo()
    {
        await using var adminContext = await ContextAsync(Admin);
        var admin = await adminContext.NewPageAsync();
        await OpenQ4Async(admin);

        await using var context = await ContextAsync(Planner);
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/entry/indicators?year=2023&quarter=4");
        await Assertions.Expect(page.Locator(".period-state")).ToContainTextAsync("입력할 수 있습니다");
        await page.Locator("tr[data-code='T2023-1.1.2']").GetByRole(AriaRole.Button, new() { Name = "입력" }).ClickAsync();
        await page.GetByLabel("원인 분석").FillAsync("마감 뒤에 저장하려는 설명");

        await admin.GotoAsync(app.BaseUrl + "/admin/periods");
        var q4 = admin.Locator("tr[data-period='2023-4']");
        await q4.GetByRole(AriaRole.Button, new() { Name = "2023년 4분기 마감" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "마감 확정" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".form-saved")).ToContainTextAsync("2023년 4분기를 마감했습니다");

        // The planner's screen was opened before the close: the save is refused and the banner above it says so too.
        await page.GetByRole(AriaRole.Button, new() { Name = "저장" }).ClickAsync();
        await Assertions.Expect(page.Locator(".period-state")).ToContainTextAsync("2023년 4분기는 마감되어 입력할 수 없습니다");
        await Assertions.Expect(page.Locator(".period-state")).Not.ToContainTextAsync("입력할 수 있습니다");
        await Assertions.Expect(page.GetByLabel("원인 분석")).ToHaveValueAsync("마감 뒤에 저장하려는 설명"); // what was typed stays

        // Reopen, so the other tests of this app find the quarter open.
        await admin.GotoAsync(app.BaseUrl + "/admin/periods");
        q4 = admin.Locator("tr[data-period='2023-4']");
        await q4.GetByRole(AriaRole.Button, new() { Name = "2023년 4분기 마감 해제" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByLabel("마감 해제 사유 (필수)").FillAsync("시험 뒤 다시 열기");
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "마감 해제", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.Locator(".form-saved")).ToContainTextAsync("사유: 시험 뒤 다시 열기");
    }
}
