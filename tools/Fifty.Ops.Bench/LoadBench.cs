using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace Fifty.Ops.Bench;

/// <summary>
/// N concurrent users: Playwright contexts on one Chromium against the app started as its own process on 127.0.0.1.
/// Each user opens the budget page, waits for the circuit, switches the unit (an interaction round trip), then opens
/// the indicator list and filters it. Reports the interaction latencies and the server's memory per open circuit.
/// </summary>
public static class LoadBench
{
    public sealed record Result(int Users, Timings Interactions, double ServerMbBefore, double ServerMbAfter, int Failures)
    {
        public double KbPerCircuit => (ServerMbAfter - ServerMbBefore) * 1024 / Math.Max(1, Users - Failures);
    }

    public static async Task<Result> RunAsync(string appExecutable, string databasePath, int users, string year, string quarter, TimeSpan limit)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo(appExecutable, ["--urls", url]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ConnectionStrings__Default"] = $"Data Source={databasePath}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Auth__InitialAdminPassword"] = BenchApp.AdminPassword;
        start.Environment["DataProtection__KeysPath"] = Path.Combine(Path.GetDirectoryName(databasePath)!, "keys-load");
        using var app = Process.Start(start)!;
        app.OutputDataReceived += (_, _) => { };
        app.ErrorDataReceived += (_, _) => { };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        try
        {
            await WaitServingAsync(url, app);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = "/usr/bin/chromium", Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });

            // Warm the server (JIT, caches) with one user before measuring.
            await using (var warm = await browser.NewContextAsync())
            {
                await OneUserAsync(await warm.NewPageAsync(), url, year, quarter, [], limit);
            }

            GC.Collect();
            await Task.Delay(500);
            var before = ServerMb(app);
            var latencies = new List<double>();
            var contexts = new List<IBrowserContext>();
            var failures = 0;
            using var deadline = new CancellationTokenSource(limit);
            var tasks = Enumerable.Range(0, users).Select(async _ =>
            {
                var context = await browser.NewContextAsync();
                lock (contexts) contexts.Add(context);
                try
                {
                    var mine = new List<double>();
                    await OneUserAsync(await context.NewPageAsync(), url, year, quarter, mine, limit);
                    lock (latencies) latencies.AddRange(mine);
                }
                catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
                {
                    Interlocked.Increment(ref failures);
                }
            }).ToList();
            try
            {
                await Task.WhenAll(tasks).WaitAsync(limit + TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                // Report what finished: users still waiting when the time bound ran out count as failed.
                failures += tasks.Count(t => !t.IsCompleted);
            }

            // Circuits stay open while the contexts live: measure the server with all of them connected.
            await Task.Delay(1000);
            var after = ServerMb(app);
            foreach (var c in contexts) await c.DisposeAsync();
            return new Result(users, new Timings(latencies), before, after, failures);
        }
        finally
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync();
            }
        }
    }

    private static async Task OneUserAsync(IPage page, string url, string year, string quarter, List<double> latencies, TimeSpan limit)
    {
        page.SetDefaultTimeout((float)limit.TotalMilliseconds);
        await page.GotoAsync($"{url}/account/login");
        await page.Locator("input[name=username]").FillAsync("admin");
        await page.Locator("input[name=password]").FillAsync(BenchApp.AdminPassword);
        await page.Locator("form button[type=submit]").First.ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/account/login", StringComparison.Ordinal));
        await page.GotoAsync($"{url}/budget?year={year}&quarter={quarter}");
        var million = page.Locator("button.segment", new() { HasTextString = "백만원" });
        await Microsoft.Playwright.Assertions.Expect(million).ToBeEnabledAsync(new() { Timeout = (float)limit.TotalMilliseconds });

        var sw = Stopwatch.StartNew();
        await million.ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(million).ToHaveAttributeAsync("aria-pressed", "true");
        latencies.Add(sw.Elapsed.TotalMilliseconds);

        var thousand = page.Locator("button.segment", new() { HasTextString = "천원" });
        sw.Restart();
        await thousand.ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(thousand).ToHaveAttributeAsync("aria-pressed", "true");
        latencies.Add(sw.Elapsed.TotalMilliseconds);

        // Expanding a policy area: a render of many rows.
        var code = await page.Locator("tr[data-code]:not([hidden]):has(button.toggle[aria-expanded=false])").First.GetAttributeAsync("data-code");
        sw.Restart();
        await page.Locator($"tr[data-code='{code}'] button.toggle").ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator($"tr[data-code='{code}'] button.toggle")).ToHaveAttributeAsync("aria-expanded", "true");
        latencies.Add(sw.Elapsed.TotalMilliseconds);
    }

    private static double ServerMb(Process app)
    {
        app.Refresh();
        return app.WorkingSet64 / 1024d / 1024d;
    }

    private static async Task WaitServingAsync(string url, Process app)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 240; i++)
        {
            if (app.HasExited) throw new InvalidOperationException($"app exited with {app.ExitCode}");
            try
            {
                if ((await http.GetAsync(new Uri(url + "/"))).StatusCode != HttpStatusCode.ServiceUnavailable) return;
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("the app did not start");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
