using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace Fifty.Ops.Tests.Browser;

/// <summary>
/// The app's own build output started as a separate process on 127.0.0.1 with a fresh database, and Debian's Chromium
/// driven by Playwright against it: what a user gets from <c>./run.sh</c>, minus the install step. Open screens
/// re-check their user every two seconds here (30 s in the app), so a test can watch a session end.
/// </summary>
public class AppProcess : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"fifty-ops-e2e-{Guid.NewGuid():N}");
    private Process? _process;
    private IPlaywright? _playwright;

    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromSeconds(2);

    public string BaseUrl { get; private set; } = "";

    public string ConnectionString => $"Data Source={Path.Combine(_dataDir, "e2e.db")};Pooling=False";
    public IBrowser Browser { get; private set; } = default!;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    public static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium이 없습니다 ({ChromiumPath}). ./test.sh가 apt로 설치합니다.");
        }

        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        Directory.CreateDirectory(_dataDir);
        var start = new ProcessStartInfo(AppExecutable(), ["--urls", BaseUrl])
        {
            WorkingDirectory = _dataDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_dataDir, "e2e.db")}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Auth__InitialAdminPassword"] = Infrastructure.TestAccounts.Password("admin");
        start.Environment["Auth__RevalidationInterval"] = RevalidationInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        Configure(start.Environment);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilServingAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    /// <summary>Settings of a variant of the app (e.g. a short idle timeout), applied after the defaults.</summary>
    protected virtual void Configure(IDictionary<string, string?> environment)
    {
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }

    /// <summary>A browser context signed in through the real sign-in form as the test account of <paramref name="role"/>.</summary>
    public async Task<IBrowserContext> NewSignedInContextAsync(string role, BrowserNewContextOptions? options = null)
    {
        await Infrastructure.TestAccounts.EnsureAsync(ConnectionString, role);
        var context = await Browser.NewContextAsync(options ?? new BrowserNewContextOptions { Locale = "ko-KR" });
        var page = await context.NewPageAsync();
        await SignInAsync(page, role, Infrastructure.TestAccounts.Password(role));
        await page.CloseAsync();
        return context;
    }

    /// <summary>Fills and submits the sign-in form, and waits until the browser has left the sign-in page.</summary>
    public async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync(BaseUrl + "/account/login");
        await page.GetByLabel("아이디").FillAsync(userName);
        await page.GetByLabel("비밀번호").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "로그인" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"앱이 시작하지 못했습니다 (exit {_process.ExitCode}).");
            try
            {
                if ((await http.GetAsync(new Uri(BaseUrl + "/account/login"))).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("앱이 60초 안에 응답하지 않았습니다.");
    }

    /// <summary>The app's apphost in its own build output, same configuration as this test assembly.</summary>
    internal static string AppExecutable()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fifty.Ops.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Fifty.Ops.sln을 찾을 수 없습니다.");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var exe = Path.Combine(dir.FullName, "Fifty.Ops", "bin", configuration, "net9.0", "linux-x64", "Fifty.Ops");
        return File.Exists(exe) ? exe : throw new FileNotFoundException("앱 빌드 결과가 없습니다.", exe);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
