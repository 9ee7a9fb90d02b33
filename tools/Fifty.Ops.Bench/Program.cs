using System.Diagnostics;
using System.Globalization;

using Fifty.Ops.Data;
using Fifty.Ops.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Fifty.Ops.Bench;

/// <summary>The benchmark command (see README, "Benchmarks").</summary>
internal static class BenchCommand
{
    public static async Task<int> Main(string[] args)
    {
        // dotnet run --project tools/Fifty.Ops.Bench -c Release -- [scale-data <file.db> | import-only | load-only | large-only | heap <pid>]
        //     [--requests N] [--users N] [--load-seconds N] [--skip-load] [--skip-pdf] [--skip-large]
        //     [--postgres "Host=…;Port=…;Username=…"] [--instances N (load on PostgreSQL: N app processes behind nginx)]
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        var options = Options.Parse(args);
        var work = Directory.CreateTempSubdirectory("fifty-ops-bench-");
        try
        {
            if (args.Contains("import-only"))
            {
                await using var app = new BenchApp(Path.Combine(work.FullName, "import.db"), options.Postgres);
                app.CreateClient();
                var r = await ImportBench.RunAsync(app, 2023, 5_000);
                Console.WriteLine($"import of {r.Rows:#,##0} rows: {r.Changes} changes, validate {r.PreviewMs:0} ms, commit {r.CommitMs:0} ms, peak {r.PeakMb:0} MB");
                return 0;
            }

            if (args.Contains("load-only"))
            {
                // The load test alone, on freshly generated scale data.
                var db = Path.Combine(work.FullName, "load.db");
                string connectionString;
                await using (var app = new BenchApp(db, options.Postgres) { KeepDatabase = true })
                {
                    app.CreateClient();
                    await AddScaleDataAsync(app);
                    connectionString = app.ConnectionString;
                }

                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                await LoadAsync(connectionString, work.FullName, options);
                return 0;
            }

            if (args.Length == 2 && args[0] == "heap" && int.TryParse(args[1], CultureInfo.InvariantCulture, out var pid))
            {
                // The live managed heap of a running app (a full GC over its diagnostics port), for looking into memory.
                var heap = ServerHeap.Measure(pid, TimeSpan.FromSeconds(60));
                Console.WriteLine($"live {heap.LiveMb:0.0} MB");
                return 0;
            }

            if (args.Contains("large-only"))
            {
                // The 50,000-row sheet alone, for working on the writer.
                var path = Path.Combine(work.FullName, "large.xlsx");
                for (var i = 0; i < 3; i++)
                {
                    var lib = ExportBench.Time(() => { using var f = File.Create(path); ExportBench.WriteLargeWithLibrary(50_000, f); });
                    var bare = ExportBench.Time(() => { using var f = File.Create(path); ExportBench.WriteLargeBare(50_000, f); });
                    Console.WriteLine($"library {lib.Ms:0} ms ({lib.PeakMb:0} MB), bare {bare.Ms:0} ms ({bare.PeakMb:0} MB), ratio {lib.Ms / bare.Ms:0.00}");
                }

                return 0;
            }

            if (options.ScaleDataOnly is { } target)
            {
                await using var only = new BenchApp(Path.GetFullPath(target), options.Postgres) { KeepDatabase = true };
                only.CreateClient(); // migrate and seed the real data first
                var summary = await AddScaleDataAsync(only);
                Console.WriteLine($"scale data written to {target}: {summary}");
                return 0;
            }

            Console.WriteLine($"# Fifty.Ops benchmarks — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
                $"{(options.Postgres is null ? "SQLite" : "PostgreSQL")}, load average {LoadAverage()}");
            Console.WriteLine();
            var seedDb = Path.Combine(work.FullName, "seed.db");
            var scaleDb = Path.Combine(work.FullName, "scale.db");

            await using (var seed = new BenchApp(seedDb, options.Postgres))
            {
                seed.CreateClient();
                await PagesAsync(seed, "seed data (2023 Q3)", 2023, 3, options.Requests);
                await ExportsAsync(seed, 2023, 3, options, work.FullName);
                // Last on this database: it opens 2023 Q4 and writes the imported rows.
                var import = await ImportBench.RunAsync(seed, 2023, 5_000);
                Console.WriteLine("## Import: 5,000 added rows (2023 Q4 template, validate + commit in one transaction)");
                Console.WriteLine();
                Console.WriteLine("| rows | changed lists | validate ms | commit ms | total ms | peak working-set growth MB | managed MB |");
                Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
                Console.WriteLine($"| {import.Rows:#,##0} | {import.Changes} | {import.PreviewMs:0} | {import.CommitMs:0} | {import.PreviewMs + import.CommitMs:0} | {import.PeakMb:0} | {import.ManagedMb:0} |");
                Console.WriteLine();
            }

            string scaleConnection;
            await using (var scale = new BenchApp(scaleDb, options.Postgres) { KeepDatabase = !options.SkipLoad })
            {
                scaleConnection = scale.ConnectionString;
                scale.CreateClient();
                var sw = Stopwatch.StartNew();
                var summary = await AddScaleDataAsync(scale);
                Console.WriteLine($"Scale data generated in {sw.Elapsed.TotalSeconds:0.0} s: {summary}");
                Console.WriteLine();
                await PagesAsync(scale, "scale data (generated 2015 Q2)", 2015, 2, options.Requests);
                await ExportsAsync(scale, 2015, 2, options with { SkipPdf = true, SkipLarge = true }, work.FullName);
            }

            if (!options.SkipLoad) await LoadAsync(scaleConnection, work.FullName, options);

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    /// <summary>The load test on the scale database <paramref name="connectionString"/>, dropped afterwards if it is PostgreSQL's.</summary>
    private static async Task LoadAsync(string connectionString, string work, Options options)
    {
        try
        {
            await LoadOnAsync(connectionString, work, options);
        }
        finally
        {
            if (options.Postgres is not null) PostgresBench.DropDatabase(connectionString);
        }
    }

    private static async Task LoadOnAsync(string connectionString, string work, Options options)
    {
        if (!File.Exists("/usr/bin/chromium"))
        {
            Console.WriteLine("## Load: skipped, /usr/bin/chromium is missing (`apt-get install -y chromium fonts-nanum`, or run ./test.sh once)");
            return;
        }

        if (options.Instances > 1 && options.Postgres is null) throw new ArgumentException("--instances needs --postgres: instances share one PostgreSQL database.");
        var result = await LoadBench.RunAsync(AppExecutable(), connectionString, options.Postgres is not null, options.Instances, work, options.Users, "2015", "2", TimeSpan.FromSeconds(options.LoadSeconds));
        Console.WriteLine($"## Load: {result.Users} concurrent browser users (scale data, 2015 Q2), {(options.Postgres is null ? "SQLite" : "PostgreSQL")}, " +
            $"{(options.Instances == 1 ? "one instance" : $"{options.Instances} instances behind nginx")}, load average before {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine(LoadBench.Describe);
        Console.WriteLine();
        Console.WriteLine("| interactions | median ms | p95 ms | failed users | live heap MB before → after | KB per circuit (live) | working set MB before → after | KB per circuit (working set) |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var (b, a) = (result.Before, result.After);
        Console.WriteLine($"| {result.Interactions.Milliseconds.Count} | {result.Interactions.Median:0} | {result.Interactions.P95:0} | {result.Failures} | " +
            $"{b.LiveMb:0.0} → {a.LiveMb:0.0} | {result.LiveKbPerCircuit:0} | {b.WorkingSetMb:0} → {a.WorkingSetMb:0} | {result.WorkingSetKbPerCircuit:0} |");
        Console.WriteLine();
        Console.WriteLine($"Server CPU during the users' pass: {result.ServerCpu.TotalSeconds:0.0} s over {result.Wall.TotalSeconds:0.0} s " +
            $"({result.ServerCpuShare:0%} of the machine's {Environment.ProcessorCount} cores, which were {result.MachineBusy:0%} busy; the browsers had the rest).");
        Console.WriteLine();
        if (result.RequestsPerInstance.Count > 1)
        {
            Console.WriteLine($"Requests through nginx per instance: {string.Join(", ", result.RequestsPerInstance.Select(r => $"{r.Key} {r.Value}"))}; " +
                $"server CPU per instance: {string.Join(", ", result.CpuPerInstance.Select(c => $"{c.TotalSeconds:0.0} s"))}.");
            Console.WriteLine();
        }

        foreach (var (name, timings) in result.ByInteraction)
        {
            Console.WriteLine($"- {name}: median {timings.Median:0} ms, p95 {timings.P95:0} ms ({timings.Milliseconds.Count})");
        }

        Console.WriteLine();
    }

    /// <summary>The 1-, 5- and 15-minute load averages (/proc/loadavg): the machine is shared, figures depend on it.</summary>
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static async Task<ScaleData.Summary> AddScaleDataAsync(BenchApp app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await ScaleData.AddAsync(db);
    }

    private static async Task PagesAsync(BenchApp app, string label, int year, int quarter, int requests)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<FiftyOpsDbContext>>();
        int indicatorId;
        string projectCode;
        await using (var db = await factory.CreateDbContextAsync())
        {
            indicatorId = await db.Indicators.Where(i => i.Year == year).OrderBy(i => i.SortOrder).Select(i => i.Id).FirstAsync();
            projectCode = await db.Projects.Where(p => p.Year == year).OrderBy(p => p.SortOrder).Select(p => p.Code).FirstAsync();
        }

        var q = $"?year={year}&quarter={quarter}";
        string[] urls =
        [
            "/" + q, "/indicators" + q, $"/indicators/{indicatorId}" + q, "/projects" + q, $"/projects/{projectCode}" + q,
            "/budget" + q, "/budget/reconciliation" + q, "/campuses" + q, "/reports" + q,
        ];
        var client = await app.SignedInClientAsync();
        using var sql = new SqlCounter();
        Console.WriteLine($"## Pages: {label} — prerendered GET, {requests} requests each after 3 warm-ups");
        Console.WriteLine();
        Console.WriteLine("| page | median ms | p95 ms | SQL queries | HTML KB |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var url in urls)
        {
            var size = 0;
            var queries = 0;
            var timings = await Timings.RunAsync(3, requests, async () =>
            {
                sql.Reset();
                var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                var body = await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
                size = body.Length;
                queries = sql.Count;
            });
            Console.WriteLine($"| `{url}` | {timings.Median:0} | {timings.P95:0} | {queries} | {size / 1024:0} |");
        }

        Console.WriteLine();
    }

    private static async Task ExportsAsync(BenchApp app, int year, int quarter, Options options, string work)
    {
        var reports = app.Services.GetRequiredService<QuarterlyReportService>();
        var report = (await reports.GetAsync(year, quarter))!;
        Console.WriteLine($"## Exports ({year} Q{quarter})");
        Console.WriteLine();
        Console.WriteLine("| export | median ms | baseline median ms | ratio | peak working-set growth MB | managed MB |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");

        // Quarterly workbook: the writer alone against a bare OpenXmlWriter writing the same cells, and the endpoint end to end.
        using var sample = new MemoryStream();
        QuarterlyWorkbook.Write(report, sample);
        sample.Position = 0;
        var cells = ExportBench.ReadCells(sample);
        var writer = await Timings.RunAsync(2, 10, () => { using var s = new MemoryStream(); QuarterlyWorkbook.Write(report, s); return Task.CompletedTask; });
        var bare = await Timings.RunAsync(2, 10, () => { using var s = new MemoryStream(); ExportBench.WriteBare(cells, s); return Task.CompletedTask; });
        var (_, peak, managed) = ExportBench.Time(() => { using var s = new MemoryStream(); QuarterlyWorkbook.Write(report, s); });
        Console.WriteLine($"| quarterly .xlsx, writer only ({cells.Count:#,##0} cells) | {writer.Median:0} | {bare.Median:0} | {writer.Median / bare.Median:0.00}× | {peak:0} | {managed:0} |");
        var client = await app.SignedInClientAsync();
        var endpoint = await Timings.RunAsync(2, 10, async () => (await client.GetAsync(new Uri($"/reports/{year}/q{quarter}.xlsx", UriKind.Relative))).EnsureSuccessStatusCode());
        Console.WriteLine($"| quarterly .xlsx, GET endpoint (data + writer) | {endpoint.Median:0} | | | | |");

        if (!options.SkipLarge)
        {
            const int rows = 50_000;
            var path = Path.Combine(work, "large.xlsx");
            using (var warm = File.Create(path)) ExportBench.WriteLargeWithLibrary(1_000, warm); // JIT, not the sheet, would dominate a cold run
            using (var warm = File.Create(path)) ExportBench.WriteLargeBare(1_000, warm);
            var largeLib = ExportBench.Time(() => { using var f = File.Create(path); ExportBench.WriteLargeWithLibrary(rows, f); });
            var largeBare = ExportBench.Time(() => { using var f = File.Create(path); ExportBench.WriteLargeBare(rows, f); });
            Console.WriteLine($"| 50,000 × 20 execution sheet (to a file) | {largeLib.Ms:0} | {largeBare.Ms:0} | {largeLib.Ms / largeBare.Ms:0.00}× | {largeLib.PeakMb:0} | {largeLib.ManagedMb:0} |");
        }

        if (!options.SkipPdf)
        {
            var exporter = app.Services.GetRequiredService<ReportPdfExporter>();
            await exporter.ExportAsync(year, quarter); // starts the shared browser
            var pdf = await Timings.RunAsync(1, 5, () => exporter.ExportAsync(year, quarter));

            var html = await app.Services.GetRequiredService<ReportHtmlRenderer>().RenderAsync(report);
            var file = Path.Combine(work, "report.html");
            await File.WriteAllTextAsync(file, html);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = "/usr/bin/chromium", Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var baseline = await Timings.RunAsync(1, 5, async () =>
            {
                await using var context = await browser.NewContextAsync();
                var page = await context.NewPageAsync();
                await page.GotoAsync("file://" + file);
                await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
                await page.PdfAsync(new()
                {
                    Format = "A4", PreferCSSPageSize = true, PrintBackground = true, DisplayHeaderFooter = true, HeaderTemplate = "<span></span>",
                    FooterTemplate = Fifty.Ops.Infrastructure.Pdf.ChromiumPdfPrinter.FooterTemplate,
                    Margin = new() { Top = "16mm", Bottom = "18mm", Left = "15mm", Right = "15mm" }, Outline = true, Tagged = true,
                });
            });
            Console.WriteLine($"| quarterly .pdf, warm browser (data + HTML + print) | {pdf.Median:0} | {baseline.Median:0} | {pdf.Median / baseline.Median:0.00}× | | |");
        }

        Console.WriteLine();
    }

    /// <summary>
    /// The app the load test starts in Production. A plain <c>bin/</c> build serves no static web assets outside
    /// Development (<c>blazor.web.js</c> answers 500, so no circuit ever starts): point <c>FIFTY_OPS_BENCH_APP</c> at the
    /// executable of <c>dotnet publish Fifty.Ops -c Release -o DIR</c>; without it the tool takes <c>bin/Release</c>.
    /// </summary>
    private static string AppExecutable()
    {
        if (Environment.GetEnvironmentVariable("FIFTY_OPS_BENCH_APP") is { Length: > 0 } published) return published;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fifty.Ops.sln")))
            {
                // The tool and the app share the target of Directory.Build.props: this assembly's folder name is the app's too.
                var targetFramework = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
                var exe = Path.Combine(dir.FullName, "Fifty.Ops", "bin", "Release", targetFramework, "Fifty.Ops");
                if (File.Exists(exe)) return exe;
                throw new FileNotFoundException("Build the app in Release first (dotnet build -c Release).", exe);
            }
        }

        throw new DirectoryNotFoundException("Fifty.Ops.sln not found above the benchmark's folder.");
    }
}

internal sealed record Options(string? ScaleDataOnly, int Requests, int Users, int LoadSeconds, bool SkipLoad, bool SkipPdf, bool SkipLarge, string? Postgres, int Instances)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new Options(
            args.Length >= 2 && args[0] == "scale-data" ? args[1] : null,
            int.Parse(Value("--requests") ?? "20", CultureInfo.InvariantCulture),
            int.Parse(Value("--users") ?? "50", CultureInfo.InvariantCulture),
            int.Parse(Value("--load-seconds") ?? "120", CultureInfo.InvariantCulture),
            args.Contains("--skip-load"),
            args.Contains("--skip-pdf"),
            args.Contains("--skip-large"),
            Value("--postgres") ?? (Environment.GetEnvironmentVariable("FIFTY_OPS_BENCH_POSTGRES") is { Length: > 0 } server ? server : null),
            int.Parse(Value("--instances") ?? "1", CultureInfo.InvariantCulture));
    }
}
