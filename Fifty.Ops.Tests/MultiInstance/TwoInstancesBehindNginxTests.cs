using Fifty.Ops.Tests.Browser;
using Fifty.Ops.Tests.Infrastructure;
using Fifty.Ops.Tests.Postgres;
using Microsoft.Playwright;

namespace Fifty.Ops.Tests.MultiInstance;

/// <summary>
/// What the README's multi-instance section promises, as a user meets it: two app processes on one PostgreSQL database
/// behind nginx with the deployment template <c>deploy/nginx/fifty-ops.conf</c> (<see cref="NginxProxy"/>), driven by
/// Chromium through nginx. The user
/// signs in through the proxy (one instance, by <c>ip_hash</c>); the same browser then opens a page straight on the other
/// instance and is signed in there; a period opened and closed through the proxy shows so on the other instance, whose
/// period list is kept for an hour here (only the NOTIFY can drop it); then the instance that signed the user in is
/// killed, the open screen comes back from the other instance through the proxy, still signed in, and a write
/// (reopening the quarter) is made there.
/// </summary>
/// <remarks>
/// Needs a PostgreSQL server (<c>./test.sh</c>'s PostgreSQL pass, where it runs: it is not a <c>Browser</c> test, which
/// that pass leaves out) and nginx (<c>nginx-light</c>, installed by <c>./test.sh</c> with <c>postgresql</c>). Every
/// wait is for a condition, with the browser tests' timeouts.
/// </remarks>
[Trait("Category", "Nginx")]
#pragma warning disable CA1001 // the instances and nginx are stopped in DisposeAsync (xunit's IAsyncLifetime)
public sealed class TwoInstancesBehindNginxTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private string? _database;
    private AppInstance? _first;
    private AppInstance? _second;
    private NginxProxy? _nginx;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("FIFTYOPS_TEST_POSTGRES"))) return;
        try
        {
            _database = PostgresFactAttribute.NewDatabase();
            var settings = new Dictionary<string, string>
            {
                ["Auth__InitialAdminPassword"] = TestAccounts.Password("admin"),
                ["Periods__CacheSeconds"] = "3600",
            };
            // The first start migrates and seeds; the second finds the database ready (README: start the first alone).
            _first = new AppInstance("instance-1", _database, settings);
            await _first.StartAsync();
            _second = new AppInstance("instance-2", _database, settings);
            await _second.StartAsync();
            _nginx = new NginxProxy();
            await _nginx.StartAsync(_first.Port, _second.Port);
            Assertions.SetDefaultExpectTimeout(AppProcess.ExpectTimeout);
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = AppProcess.ChromiumPath, Headless = true, Args = AppProcess.ChromiumArgs });
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        // Each step on its own, so a failure in one still stops the others.
        if (_browser is not null) await Quietly(async () => await _browser.DisposeAsync());
        _playwright?.Dispose();
        if (_nginx is not null) await Quietly(async () => await _nginx.StopAsync());
        if (_second is not null) await Quietly(async () => await _second.StopAsync());
        if (_first is not null) await Quietly(async () => await _first.StopAsync());
        if (_database is not null) await Quietly(() => { TestProvider.DropDatabase(_database); return Task.CompletedTask; });
        _browser = null;
        _playwright = null;
        _nginx = null;
        _second = _first = null;
        _database = null;
    }

    [PostgresFact]
    public async Task ASignInThroughTheProxyHoldsOnTheOtherInstanceAndAPeriodClosedOnOneIsClosedOnTheOther()
    {
        var nginx = _nginx!;
        // The template's plain-HTTP server sends every request to HTTPS, path and query kept.
        using (var handler = new HttpClientHandler { AllowAutoRedirect = false })
        using (var http = new HttpClient(handler))
        {
            using var redirect = await http.GetAsync(new Uri($"http://127.0.0.1:{nginx.RedirectPort}/budget?year=2023"));
            Assert.Equal(System.Net.HttpStatusCode.MovedPermanently, redirect.StatusCode);
            Assert.Equal("https://127.0.0.1/budget?year=2023", redirect.Headers.Location?.OriginalString);
        }

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();

        // Sign in through the proxy; its access log says which instance took the form.
        await page.GotoAsync(nginx.BaseUrl + "/account/login");
        await page.GetByLabel("아이디").FillAsync("admin");
        await page.GetByLabel("비밀번호").FillAsync(TestAccounts.Password("admin"));
        await page.GetByRole(AriaRole.Button, new() { Name = "로그인" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        var signedIn = InstanceAt(nginx.UpstreamOf("POST", "/account/login"));
        var other = signedIn == _first ? _second! : _first!;

        // The same browser on the other instance's own address (cookies are per host, not per port): signed in there.
        // Its period list is read now and kept for an hour: 2023 Q4 does not exist yet, so 2023 shows its 3rd quarter.
        var direct = await context.NewPageAsync();
        const string Reports = "/reports?year=2023&quarter=4";
        await OpenAsync(direct, other.BaseUrl + Reports);
        Assert.Contains("/reports", direct.Url, StringComparison.Ordinal);
        await Assertions.Expect(direct.Locator(".page-period")).ToContainTextAsync("2023년 3분기");
        // Without the cookie the other instance sends to the sign-in form: being signed in there was the cookie's doing.
        await using (var stranger = await NewContextAsync())
        {
            var anonymous = await stranger.NewPageAsync();
            await anonymous.GotoAsync(other.BaseUrl + Reports);
            await anonymous.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        }

        // Open 2023 Q4 through the proxy, on the instance that signed the user in.
        await OpenAsync(page, nginx.BaseUrl + "/admin/periods");
        Assert.Equal(Address(signedIn), nginx.UpstreamOf("GET", "/admin/periods"));
        await page.OpenQuarterAsync(2023, 4);
        await Assertions.Expect(page.Locator(".form-saved")).ToContainTextAsync("2023년 4분기(2023. 12. 31. 기준)를 열었습니다");
        var q4 = page.Locator("tr[data-period='2023-4']");

        // The other instance shows it open (its hour-long list was dropped by the notification).
        await ReloadUntilAsync(direct, other.BaseUrl + Reports, "2023년 4분기");
        await Assertions.Expect(direct.Locator(".page-period")).Not.ToContainTextAsync("마감");

        // Close it through the proxy; the other instance shows it closed.
        await q4.GetByRole(AriaRole.Button, new() { Name = "2023년 4분기 마감" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "마감 확정" }).ClickAsync();
        await Assertions.Expect(page.Locator(".form-saved")).ToContainTextAsync("2023년 4분기를 마감했습니다");
        await ReloadUntilAsync(direct, other.BaseUrl + Reports, "마감");
        await Assertions.Expect(direct.Locator(".page-period")).ToContainTextAsync("2023년 4분기");

        // The instance that signed the user in is lost. The screen open through the proxy tries to reconnect, reaches the
        // other instance (which has no such circuit and refuses it), and reloads itself from there: still signed in.
        await page.EvaluateAsync("() => { window.fiftyOpsBeforeLoss = true; }");
        await signedIn.KillAsync();
        await page.WaitForFunctionAsync(
            "() => window.fiftyOpsBeforeLoss === undefined && document.querySelector('.circuit-marker[data-interactive=true]') !== null",
            null, new() { Timeout = AppProcess.ActionTimeout });
        Assert.Contains("/admin/periods", page.Url, StringComparison.Ordinal);
        Assert.Equal(Address(other), nginx.UpstreamOf("GET", "/admin/periods"));
        q4 = page.Locator("tr[data-period='2023-4']");
        await Assertions.Expect(q4).ToContainTextAsync("■ 마감");

        // And keeps working there: a write with the cookie the lost instance signed.
        await q4.GetByRole(AriaRole.Button, new() { Name = "2023년 4분기 마감 해제" }).ClickAsync();
        var reopen = page.GetByRole(AriaRole.Dialog);
        await reopen.GetByLabel("마감 해제 사유 (필수)").FillAsync("두 인스턴스 시험");
        await reopen.GetByRole(AriaRole.Button, new() { Name = "마감 해제", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".form-saved")).ToContainTextAsync("사유: 두 인스턴스 시험");
        await Assertions.Expect(q4).ToContainTextAsync("입력 중");
        Assert.False(signedIn.IsRunning);
    }

    private AppInstance InstanceAt(string? upstream) =>
        upstream == Address(_first!) ? _first! : upstream == Address(_second!) ? _second! : throw new InvalidOperationException($"nginx의 upstream을 알 수 없습니다: {upstream}\n{_nginx!.Log()}");

    private static string Address(AppInstance instance) => $"127.0.0.1:{instance.Port}";

    private async Task<IBrowserContext> NewContextAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { Locale = "ko-KR" });
        context.SetDefaultTimeout(AppProcess.ActionTimeout);
        context.SetDefaultNavigationTimeout(AppProcess.ActionTimeout);
        return context;
    }

    private static async Task OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await AppProcess.WaitForInteractiveAsync(page);
    }

    /// <summary>
    /// Loads <paramref name="url"/> until its period heading contains <paramref name="text"/>: the notification crosses
    /// instances asynchronously, so the first load after the change may still come before it. Fails after a minute.
    /// </summary>
    private static async Task ReloadUntilAsync(IPage page, string url, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            await page.GotoAsync(url);
            var heading = await page.Locator(".page-period").InnerTextAsync();
            if (heading.Contains(text, StringComparison.Ordinal)) return;
            Assert.True(DateTime.UtcNow < deadline, $"the other instance still shows '{heading}' a minute after the change");
        }
    }

    private static async Task Quietly(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception)
        {
            // Cleanup goes on with the next step; the test's own failure, if any, is what is reported.
        }
    }
}
