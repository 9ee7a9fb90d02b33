using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Fifty.Ops.Infrastructure.Pdf;

public sealed class PdfOptions
{
    /// <summary>Debian's Chromium; Playwright's own browser download is never used (no network here).</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>Print jobs at once; defaults to the core count, since each job keeps a renderer process busy.</summary>
    public int MaxConcurrency { get; set; } = Environment.ProcessorCount;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>Chromium cannot print here; the message is for the person who asked for the PDF.</summary>
public sealed class PdfUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Prints server-rendered HTML to PDF with headless Chromium. One browser per process (started on first use and
/// restarted if it dies), a fresh context per job so jobs share no state, and a semaphore that caps concurrent jobs.
/// The HTML is handed over with <c>SetContentAsync</c>, so Chromium needs no sign-in and no Blazor circuit.
/// </summary>
public sealed partial class ChromiumPdfPrinter(IOptions<PdfOptions> options, ILogger<ChromiumPdfPrinter> logger) : IAsyncDisposable
{
    private readonly PdfOptions _options = options.Value;
    private readonly SemaphoreSlim _jobs = new(Math.Max(1, options.Value.MaxConcurrency));
    private readonly SemaphoreSlim _launch = new(1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public const string FooterTemplate =
        "<div style=\"width:100%;text-align:center;font-size:9pt;font-family:'NanumGothic','Nanum Gothic',sans-serif;color:#333\">- <span class=\"pageNumber\"></span> -</div>";

    /// <summary>The PDF bytes of <paramref name="html"/> printed on A4 (or the page size the report stylesheet sets); waits for a free job slot.</summary>
    /// <exception cref="PdfUnavailableException">Chromium is missing, does not start, or fails on the page (Korean message for the person asking).</exception>
    public async Task<byte[]> PrintAsync(string html, CancellationToken ct = default)
    {
        await _jobs.WaitAsync(ct);
        try
        {
            var browser = await BrowserAsync(ct);
            await using var context = await browser.NewContextAsync(new() { Locale = "ko-KR", JavaScriptEnabled = true });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout((float)_options.Timeout.TotalMilliseconds);
            await page.SetContentAsync(html, new() { WaitUntil = WaitUntilState.Load });
            // Korean glyphs must be loaded before layout is printed, or the PDF falls back to boxes or another face.
            await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
            return await page.PdfAsync(new()
            {
                Format = "A4",
                PreferCSSPageSize = true,
                PrintBackground = true,
                DisplayHeaderFooter = true,
                HeaderTemplate = "<span></span>",
                FooterTemplate = FooterTemplate,
                Margin = new() { Top = "16mm", Bottom = "18mm", Left = "15mm", Right = "15mm" },
                Outline = true,
                Tagged = true,
            });
        }
        catch (PlaywrightException ex)
        {
            LogPrintFailed(logger, ex);
            throw new PdfUnavailableException("PDF를 만드는 중 Chromium에서 오류가 났습니다. 잠시 후 다시 시도하세요.", ex);
        }
        finally
        {
            _jobs.Release();
        }
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken ct)
    {
        if (_browser is { IsConnected: true } ready) return ready;
        await _launch.WaitAsync(ct);
        try
        {
            if (_browser is { IsConnected: true } raced) return raced;
            if (!File.Exists(_options.ChromiumPath))
            {
                throw new PdfUnavailableException(
                    $"PDF를 만들 Chromium이 이 서버에 없습니다 ({_options.ChromiumPath}). 관리자에게 'apt-get install chromium fonts-nanum' 설치를 요청하세요.");
            }

            if (_browser is not null) await _browser.DisposeAsync();
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = _options.ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            return _browser;
        }
        catch (PlaywrightException ex)
        {
            LogPrintFailed(logger, ex);
            throw new PdfUnavailableException("PDF를 만들 Chromium을 시작하지 못했습니다. 관리자에게 알려 주세요.", ex);
        }
        finally
        {
            _launch.Release();
        }
    }

    /// <summary>Closes the shared browser and Playwright at shutdown.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        _jobs.Dispose();
        _launch.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Printing a PDF with Chromium failed")]
    private static partial void LogPrintFailed(ILogger logger, Exception ex);
}
