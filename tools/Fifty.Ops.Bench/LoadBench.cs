using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Fifty.Ops.Tests.MultiInstance;
using Microsoft.Playwright;

namespace Fifty.Ops.Bench;

/// <summary>
/// N concurrent users: Playwright contexts on one Chromium against the app started as its own process on 127.0.0.1.
/// See <see cref="Describe"/> for what each user does. Reports the interaction latencies (click to updated DOM) and the
/// server's memory per open circuit, measured while every user's circuit is still connected.
/// </summary>
public static class LoadBench
{
    /// <summary>The header nginx takes each load-test user's client address from (behind two instances).</summary>
    public const string ClientHeader = "X-Bench-Client";

    public const string Describe =
        "Each user signs in, opens the budget page (a scale year of 668 programme rows), switches the unit to 백만원 and back, expands a " +
        "policy area, follows the menu to the indicator list and filters it by status, then opens the campus page, with a " +
        "think time of 0.5–1.5 s between actions; users start over the first 10 s (a ramp) and all stay connected until the end. " +
        "Server memory is read after a minute without traffic, before the users start and again with all of them connected.";

    /// <summary>The server process: working set, and live managed heap after a full GC.</summary>
    public sealed record Memory(double WorkingSetMb, double LiveMb);

    public sealed record Result(int Users, Timings Interactions, IReadOnlyList<(string Name, Timings Timings)> ByInteraction,
        Memory Before, Memory After, int Failures, TimeSpan Wall, IReadOnlyList<TimeSpan> CpuPerInstance, double MachineBusy,
        IReadOnlyDictionary<string, int> RequestsPerInstance)
    {
        /// <summary>Server CPU during the users' pass, all instances together.</summary>
        public TimeSpan ServerCpu => CpuPerInstance.Aggregate(TimeSpan.Zero, (a, b) => a + b);

        /// <summary>The server's share of the machine during the users' pass; the browsers had the rest.</summary>
        public double ServerCpuShare => ServerCpu / (Wall * Environment.ProcessorCount);

        private int Circuits => Math.Max(1, Users - Failures);

        /// <summary>What the open circuits keep alive, per circuit: live managed objects, with all users connected, less the same before.</summary>
        public double LiveKbPerCircuit => (After.LiveMb - Before.LiveMb) * 1024 / Circuits;

        public double WorkingSetKbPerCircuit => (After.WorkingSetMb - Before.WorkingSetMb) * 1024 / Circuits;
    }

    /// <summary>
    /// Starts <paramref name="instances"/> app processes on <paramref name="connectionString"/> (PostgreSQL when
    /// <paramref name="postgres"/>; two instances stand behind nginx with the deployment template
    /// <c>deploy/nginx/fifty-ops.conf</c>, run by the tests' <see cref="NginxProxy"/>),
    /// and runs the users against the one instance or the proxy. Memory and CPU are the instances' together.
    /// </summary>
    public static async Task<Result> RunAsync(string appExecutable, string connectionString, bool postgres, int instances, string work,
        int users, string year, string quarter, TimeSpan limit)
    {
        var apps = new List<Process>();
        NginxProxy? nginx = null;
        try
        {
            var ports = new List<int>();
            for (var i = 0; i < instances; i++)
            {
                var port = FreePort();
                ports.Add(port);
                apps.Add(StartApp(appExecutable, connectionString, postgres, work, port));
                // The first start migrates and seeds; the next ones find the database ready.
                await WaitServingAsync($"http://127.0.0.1:{port}", apps[^1]);
            }

            var url = $"http://127.0.0.1:{ports[0]}";
            if (instances > 1)
            {
                if (instances != 2) throw new ArgumentException("The nginx template names two instances.", nameof(instances));
                // Every browser runs on this machine, so ip_hash would send all of them to one instance: nginx takes each
                // user's address from ClientHeader instead (the realip module, trusted from 127.0.0.1 only), as users coming
                // from different networks would arrive. Outside the template: the deployment keeps the real address.
                nginx = new NginxProxy($"set_real_ip_from 127.0.0.1; real_ip_header {ClientHeader};", workerConnections: 2048);
                await nginx.StartAsync(ports[0], ports[1]);
                url = nginx.BaseUrl;
            }

            return await MeasureAsync(apps, nginx, url, users, year, quarter, limit);
        }
        finally
        {
            if (nginx is not null) await nginx.StopAsync();
            foreach (var app in apps)
            {
                if (!app.HasExited)
                {
                    app.Kill(entireProcessTree: true);
                    await app.WaitForExitAsync();
                }

                app.Dispose();
            }
        }
    }

    private static Process StartApp(string appExecutable, string connectionString, bool postgres, string work, int port)
    {
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo(appExecutable, ["--urls", url]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = work };
        start.Environment["ConnectionStrings__Default"] = connectionString;
        if (postgres) start.Environment["Database__Provider"] = "Postgres";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Auth__InitialAdminPassword"] = BenchApp.AdminPassword;
        // Workstation GC with a small gen-0 budget, so that the working set printed beside the live heap is not mostly
        // garbage a server GC has not collected yet.
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_gcConcurrent"] = "0";
        start.Environment["DOTNET_GCgen0size"] = "400000"; // hexadecimal: 4 MiB
        // The shared ArrayPool keeps up to 32 arrays per size and core, and after a burst trims one per GC a minute later:
        // render-tree and socket buffers rented by 50 users at once stay, and would be counted as circuit memory. One
        // array per size keeps the pool's part small and fixed, so the difference measured is what circuits hold.
        start.Environment["DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION"] = "1";
        start.Environment["DataProtection__KeysPath"] = Path.Combine(work, "keys-load");
        var app = Process.Start(start)!;
        app.OutputDataReceived += (_, _) => { };
        app.ErrorDataReceived += (_, _) => { };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        return app;
    }

    private static async Task<Result> MeasureAsync(List<Process> apps, NginxProxy? nginx, string url, int users, string year, string quarter, TimeSpan limit)
    {
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = "/usr/bin/chromium", Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });

            // Warm the server (JIT, caches) with one user before measuring.
            var warm = await RunUsersAsync(browser, url, apps.Count, year, quarter, limit, nginx is not null);
            await CloseAsync(warm.Pages, warm.Contexts);
            var before = await SettledMemoryAsync(apps);
            var logBefore = nginx?.RequestsPerUpstream() ?? new Dictionary<string, int>();
            await DumpAsync(apps[0], "before");

            apps.ForEach(a => a.Refresh());
            var cpuBefore = apps.Select(a => a.TotalProcessorTime).ToList();
            var machineBefore = MachineCpu();
            var wall = Stopwatch.StartNew();
            var run = await RunUsersAsync(browser, url, users, year, quarter, limit, nginx is not null);
            wall.Stop();
            apps.ForEach(a => a.Refresh());
            var cpu = apps.Select((a, i) => a.TotalProcessorTime - cpuBefore[i]).ToList();
            var machine = MachineCpu();
            var machineBusy = (machine.Busy - machineBefore.Busy) / Math.Max(1, machine.Total - machineBefore.Total);
            var requests = (nginx?.RequestsPerUpstream() ?? new Dictionary<string, int>())
                .ToDictionary(r => r.Key, r => r.Value - logBefore.GetValueOrDefault(r.Key));

            // Circuits stay open while the contexts live: measure the server with all of them connected.
            var after = await SettledMemoryAsync(apps);
            await DumpAsync(apps[0], "after");
            await CloseAsync(run.Pages, run.Contexts);
            var latencies = run.Latencies;
            var failures = run.Failures;
            var byInteraction = latencies.GroupBy(l => l.Name).Select(g => (g.Key, new Timings([.. g.Select(x => x.Ms)]))).ToList();
            return new Result(users, new Timings([.. latencies.Select(l => l.Ms)]), byInteraction, before, after, failures, wall.Elapsed, cpu, machineBusy, requests);
        }
    }

    private sealed record Pass(List<(string Name, double Ms)> Latencies, int Failures, List<IPage> Pages, List<IBrowserContext> Contexts);

    private static async Task<Pass> RunUsersAsync(IBrowser browser, string url, int users, string year, string quarter, TimeSpan limit, bool distinctClients)
    {
        var latencies = new List<(string Name, double Ms)>();
        var contexts = new List<IBrowserContext>();
        var pages = new List<IPage>();
        var failures = 0;
        var ramp = TimeSpan.FromSeconds(10);
        var tasks = Enumerable.Range(0, users).Select(async n =>
        {
            await Task.Delay(ramp * n / Math.Max(1, users));
            // Each user as a client of its own network (nginx's ip_hash keys on the first three octets; the proxy takes the
            // address from this header for the test only), as users reaching the proxy from different offices would.
            var context = await browser.NewContextAsync(distinctClients
                ? new() { ExtraHTTPHeaders = new Dictionary<string, string> { [ClientHeader] = $"10.{n / 200}.{n % 200}.1" } }
                : null);
            var page = await context.NewPageAsync();
            lock (contexts)
            {
                contexts.Add(context);
                pages.Add(page);
            }

            try
            {
                var mine = new List<(string, double)>();
                await OneUserAsync(page, url, year, quarter, mine, limit, new Random(n));
                lock (latencies) latencies.AddRange(mine);
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                // The first failure is told, so a changed page shows as a reason rather than only a count.
                if (Interlocked.Increment(ref failures) == 1) Console.Error.WriteLine($"user {n} failed: {ex.Message.Split('\n')[0]}");
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

        return new Pass(latencies, failures, pages, contexts);
    }

    /// <summary>
    /// Leaving the page first lets Blazor send its disconnect beacon, so the server disposes the circuit at once
    /// instead of keeping it for a reconnect that will not come.
    /// </summary>
    private static async Task CloseAsync(List<IPage> pages, List<IBrowserContext> contexts)
    {
        foreach (var page in pages)
        {
            try
            {
                await page.GotoAsync("about:blank", new() { Timeout = 10_000 });
            }
            catch (PlaywrightException)
            {
            }
        }

        foreach (var context in contexts) await context.DisposeAsync();
    }

    private static async Task OneUserAsync(
        IPage page, string url, string year, string quarter, List<(string, double)> latencies, TimeSpan limit, Random random)
    {
        page.SetDefaultTimeout((float)limit.TotalMilliseconds);
        var expect = new LocatorAssertionsToHaveAttributeOptions { Timeout = (float)limit.TotalMilliseconds };
        Task Think() => Task.Delay(500 + random.Next(1000));

        async Task Timed(string name, Func<Task> act, Func<Task> done)
        {
            await Think();
            var sw = Stopwatch.StartNew();
            await act();
            await done();
            latencies.Add((name, sw.Elapsed.TotalMilliseconds));
        }

        await page.GotoAsync($"{url}/account/login");
        await page.Locator("input[name=username]").FillAsync("admin");
        await page.Locator("input[name=password]").FillAsync(BenchApp.AdminPassword);
        await page.Locator("form button[type=submit]").First.ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/account/login", StringComparison.Ordinal));

        await page.GotoAsync($"{url}/budget?year={year}&quarter={quarter}");
        await Microsoft.Playwright.Assertions.Expect(page.Locator(".tree-grid")).ToHaveAttributeAsync("data-interactive", "true", expect);
        var million = page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "백만원", Exact = true });
        var thousand = page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "천원", Exact = true });
        await Timed("예산: 단위 전환", () => million.ClickAsync(), () => Microsoft.Playwright.Assertions.Expect(million).ToHaveAttributeAsync("aria-pressed", "true", expect));
        await Timed("예산: 단위 전환", () => thousand.ClickAsync(), () => Microsoft.Playwright.Assertions.Expect(thousand).ToHaveAttributeAsync("aria-pressed", "true", expect));

        var code = await page.Locator("tr[data-code]:not([hidden]):has(button.toggle[aria-expanded=false])").First.GetAttributeAsync("data-code");
        var toggle = page.Locator($"tr[data-code='{code}'] button.toggle");
        await Timed("예산: 분야 펼치기", () => toggle.ClickAsync(), () => Microsoft.Playwright.Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true", expect));

        // Menu navigation stays on the circuit: the router renders the next page, no new document is loaded.
        await Timed("메뉴: 성과지표로 이동", () => page.Locator("nav a[data-nav='/indicators']").ClickAsync(),
            () => Microsoft.Playwright.Assertions.Expect(page.Locator("a.status-filter").First).ToBeVisibleAsync(new() { Timeout = (float)limit.TotalMilliseconds }));
        var filter = page.Locator("a.status-filter[data-status]").First;
        var status = await filter.GetAttributeAsync("data-status");
        await Timed("지표: 상태 필터", () => filter.ClickAsync(),
            () => Microsoft.Playwright.Assertions.Expect(page.Locator($"a.status-filter[data-status='{status}']")).ToHaveAttributeAsync("aria-current", "true", expect));

        await Timed("메뉴: 캠퍼스로 이동", () => page.Locator("nav a[data-nav='/campuses']").ClickAsync(),
            () => Microsoft.Playwright.Assertions.Expect(page.Locator("h1")).ToContainTextAsync("캠퍼스", new() { Timeout = (float)limit.TotalMilliseconds }));
    }

    /// <summary>
    /// The server after a minute without traffic. Prerendering a large page rents big render-tree arrays from the shared
    /// ArrayPool, which keeps them until they have gone unused for a minute and a full GC trims them; measured at once,
    /// the figure is mostly that pool, sized by how many pages were prerendered at the same moment, not what the
    /// circuits hold. The first induced GC runs the trim, a later one collects what it let go; the lowest of three readings counts.
    /// </summary>
    private static async Task<Memory> SettledMemoryAsync(List<Process> apps)
    {
        await Task.Delay(TimeSpan.FromSeconds(65));
        var readings = new List<Memory>();
        for (var i = 0; i < 3; i++)
        {
            var each = apps.Select(ServerMemory).ToList();
            readings.Add(new Memory(each.Sum(m => m.WorkingSetMb), each.Sum(m => m.LiveMb)));
            await Task.Delay(1000); // the trim runs on the finalizer thread after the GC that triggered it
        }

        return readings.MinBy(r => r.LiveMb)!;
    }

    /// <summary>
    /// With <c>FIFTY_OPS_BENCH_GCDUMP</c> set to a <c>dotnet-gcdump</c> executable, a heap dump of the app beside each
    /// memory reading (<c>load-before.gcdump</c>, <c>load-after.gcdump</c> in the working folder), to see what the
    /// circuits hold (<c>dotnet-gcdump report</c>).
    /// </summary>
    private static async Task DumpAsync(Process app, string name)
    {
        if (Environment.GetEnvironmentVariable("FIFTY_OPS_BENCH_GCDUMP") is not { Length: > 0 } tool) return;
        var file = Path.GetFullPath($"load-{name}.gcdump");
        using var dump = Process.Start(new ProcessStartInfo(tool, ["collect", "-p", app.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", file]))!;
        await dump.WaitForExitAsync();
        Console.Error.WriteLine($"heap dump: {file}");
    }

    /// <summary>Busy and total jiffies of all cores from /proc/stat (user, nice, system, irq, softirq, steal are busy).</summary>
    private static (double Busy, double Total) MachineCpu()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(f => double.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4];
        return (fields.Sum() - idle, fields.Sum());
    }

    private static Memory ServerMemory(Process app)
    {
        var heap = ServerHeap.Measure(app.Id, TimeSpan.FromSeconds(60));
        app.Refresh();
        return new Memory(app.WorkingSet64 / 1024d / 1024d, heap.LiveMb);
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
