using System.Diagnostics;
using System.Net;
using Fifty.Ops.Infrastructure.Pdf;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Web;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Fifty.Ops.Tests.Reports;

public sealed class ReportPdfTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task TheQuarterlyPdfHasTheTitlePageNumbersKoreanFontsAndTheKeyFigures()
    {
        var client = await factory.CreateClientAsync(AppRoles.Auditor);
        var response = await client.GetAsync(new Uri("/reports/2023/q3.pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("2023년_3분기_주요업무보고.pdf", response.Content.Headers.ContentDisposition!.FileNameStar);

        var path = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        try
        {
            var info = await Run("pdfinfo", path);
            Assert.Contains("Title:           2023년 3분기 주요업무보고", info, StringComparison.Ordinal);
            var pages = int.Parse(info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))[6..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(pages, 10, 60);

            var text = await Run("pdftotext", "-layout", path, "-");
            Assert.Contains("2023년 3분기 주요업무보고", text, StringComparison.Ordinal);
            Assert.Contains("38,649,012", text, StringComparison.Ordinal);
            Assert.Contains("Ⅲ. 주요사업", text, StringComparison.Ordinal);
            // The footer reads "- n -" (pdftotext drops the spaces).
            Assert.Matches(@"(?m)^\s*-\s?1\s?-\s*$", text);
            Assert.Matches($@"(?m)^\s*-\s?{pages}\s?-\s*$", text);

            var fonts = await Run("pdffonts", path);
            Assert.Contains("NanumGothic", fonts, StringComparison.Ordinal);
            Assert.All(fonts.Split('\n').Skip(2).Where(l => l.Length > 0), l => Assert.Contains(" yes ", l, StringComparison.Ordinal));

            // The execution appendix is printed on landscape pages.
            var sizes = await Run("pdfinfo", "-f", "1", "-l", pages.ToString(System.Globalization.CultureInfo.InvariantCulture), path);
            Assert.Contains("841.92 x 594.96 pts", sizes, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AClosedQuarterGivesTheSameFiguresEveryTime()
    {
        var client = await factory.CreateClientAsync(AppRoles.Director);
        var first = await client.GetStringAsync(new Uri("/reports/2023/q3.html", UriKind.Relative));
        var second = await client.GetStringAsync(new Uri("/reports/2023/q3.html", UriKind.Relative));
        static string WithoutPrintTime(string html) => System.Text.RegularExpressions.Regex.Replace(html, "출력일시 [^<]*", "");
        Assert.Equal(WithoutPrintTime(first), WithoutPrintTime(second));
        Assert.Contains("· 마감", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownPeriodIs404WithAKoreanMessage()
    {
        var client = await factory.CreateClientAsync(AppRoles.Planner);
        var response = await client.GetAsync(new Uri("/reports/2021/q1.pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("2021년 1분기 보고 기간이 없습니다. 보고서 목록에서 기간을 확인하세요.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AMissingChromiumGivesAClearKoreanError()
    {
        await using var printer = new ChromiumPdfPrinter(Options.Create(new PdfOptions { ChromiumPath = "/nonexistent/chromium" }), NullLogger<ChromiumPdfPrinter>.Instance);
        var ex = await Assert.ThrowsAsync<PdfUnavailableException>(() => printer.PrintAsync("<p>x</p>"));
        Assert.Equal("PDF를 만들 Chromium이 이 서버에 없습니다 (/nonexistent/chromium). 관리자에게 'apt-get install chromium fonts-nanum' 설치를 요청하세요.", ex.Message);
    }

    private static async Task<string> Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }
}
