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
/// <remarks>
/// Tests run on a shared 2-core machine next to other builds: nothing here waits for a fixed time. Every wait is for a
/// condition (the app's "started" line, the circuit's interactivity marker, a text, a URL, a download) with timeouts
/// far above what an idle machine needs (<see cref="ExpectTimeout"/>, <see cref="ActionTimeout"/>), so a slow machine
/// only makes a test slower, and a real failure still fails.
/// </remarks>
public class AppProcess : IAsyncLifetime
{
    /// <summary>How long an expectation (a text, an attribute, a count) may take to come true; Playwright's default is 5 s.</summary>
    public const float ExpectTimeout = 30_000;

    /// <summary>How long a click, a fill or a navigation may wait for its element or its page.</summary>
    public const float ActionTimeout = 90_000;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

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
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Configure(start.Environment);
        // The first start's template, unless the test changes how the app seeds (as AppFactory does).
        if (Infrastructure.TemplateDatabase.Enabled && !start.Environment.Keys.Any(k => k.StartsWith("Seed__", StringComparison.OrdinalIgnoreCase)))
        {
            await Infrastructure.TemplateDatabase.CopyInitializedAsync(Path.Combine(_dataDir, "e2e.db"));
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => OnOutput(e.Data, started);
        _process.ErrorDataReceived += (_, e) => OnOutput(e.Data, started);
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => started.TrySetException(new InvalidOperationException($"앱이 시작하지 못했습니다:\n{RecentOutput()}"));
        if (_process.HasExited) started.TrySetException(new InvalidOperationException($"앱이 바로 끝났습니다 (exit {_process.ExitCode})."));
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilServingAsync(started.Task);

        Assertions.SetDefaultExpectTimeout(ExpectTimeout);
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

    /// <summary>A browser context (Korean locale unless <paramref name="options"/> say otherwise) with the generous timeouts above.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new BrowserNewContextOptions { Locale = "ko-KR" });
        context.SetDefaultTimeout(ActionTimeout);
        context.SetDefaultNavigationTimeout(ActionTimeout);
        return context;
    }

    /// <summary>A browser context signed in through the real sign-in form as the test account of <paramref name="role"/>.</summary>
    public async Task<IBrowserContext> NewSignedInContextAsync(string role, BrowserNewContextOptions? options = null)
    {
        await Infrastructure.TestAccounts.EnsureAsync(ConnectionString, role);
        var context = await NewContextAsync(options);
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

    /// <summary>
    /// Loads <paramref name="path"/> (relative to the app) and waits until its circuit is interactive, so what the test
    /// clicks or types next reaches the server instead of the prerendered HTML the circuit is about to replace.
    /// </summary>
    public async Task<IResponse?> OpenAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(BaseUrl + path);
        await WaitForInteractiveAsync(page);
        return response;
    }

    /// <summary>
    /// Waits for the layout's marker (<c>.circuit-marker[data-interactive=true]</c>, see <c>Layout/CircuitMarker.razor</c>)
    /// after a full page load (<c>GotoAsync</c>, <c>ReloadAsync</c>, a form post). Navigation inside an open screen keeps
    /// the circuit, and the marker stays set.
    /// </summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator(".circuit-marker")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = ActionTimeout });

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private void OnOutput(string? line, TaskCompletionSource started)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 200) _output.TryDequeue(out _);
        // Logged by the host once the database is migrated and seeded and Kestrel listens (Program.cs does both before Run).
        if (line.Contains("Application started", StringComparison.Ordinal)) started.TrySetResult();
    }

    private string RecentOutput() => string.Join('\n', _output);

    private async Task WaitUntilServingAsync(Task started)
    {
        try
        {
            await started.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"앱이 {StartTimeout.TotalSeconds:0}초 안에 시작하지 않았습니다:\n{RecentOutput()}");
        }

        // The started line says Kestrel listens; one request proves the sign-in page answers.
        using var http = new HttpClient { Timeout = StartTimeout };
        using var response = await http.GetAsync(new Uri(BaseUrl + "/account/login"));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"앱이 /account/login에 {(int)response.StatusCode}로 답했습니다:\n{RecentOutput()}");
        }
    }

    /// <summary>The app's apphost in its own build output, same configuration as this test assembly.</summary>
    internal static string AppExecutable()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fifty.Ops.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Fifty.Ops.sln을 찾을 수 없습니다.");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        // The app and the tests share the target of Directory.Build.props: this assembly's folder name is the app's too.
        var targetFramework = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var exe = Path.Combine(dir.FullName, "Fifty.Ops", "bin", configuration, targetFramework, "Fifty.Ops");
        return File.Exists(exe) ? exe : throw new FileNotFoundException("앱 빌드 결과가 없습니다.", exe);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
