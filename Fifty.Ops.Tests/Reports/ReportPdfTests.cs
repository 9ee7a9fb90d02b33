using System.Diagnostics;
using System.Net;
using Fifty.Ops.Infrastructure.Pdf;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;
using Fifty.Ops.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task ALongUnbreakableTokenInABulletWrapsInsideThePage()
    {
        var admin = factory.Services.GetRequiredService<Fifty.Ops.Features.Admin.PeriodAdminService>();
        await admin.OpenAsync(TestAccounts.Principal(AppRoles.Admin), new Fifty.Ops.Features.Admin.PeriodOpenForm { Year = "2023", Quarter = "4" }); // open unless it is
        var url = "https://www.50plus.or.kr/" + string.Concat(Enumerable.Repeat("campus-programme-archive-", 10)) + "end";
        var saved = await factory.Services.GetRequiredService<Fifty.Ops.Features.DataEntry.NarrativeEntryService>().SaveAsync(
            TestAccounts.Principal(AppRoles.Planner), 2023, 4,
            new Fifty.Ops.Features.DataEntry.NarrativeEntryForm
            {
                ProjectCode = "J1.1.1", Kind = Fifty.Ops.Domain.NarrativeKind.Progress, Token = "",
                Items = [new() { Depth = "1", Text = "모집 안내: " + url }],
            });
        Assert.True(saved.Saved, string.Join(" / ", saved.Errors.Values));

        var response = await (await factory.CreateClientAsync(AppRoles.Auditor)).GetAsync(new Uri("/reports/2023/q4.pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        try
        {
            // Every word box lies inside its page; the URL is printed whole, over several lines.
            var boxes = await Run("pdftotext", "-bbox", path, "-");
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            var width = 0m;
            var words = new List<(decimal XMax, string Text)>();
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(boxes, @"<page width=""([\d.]+)""|<word xMin=""[\d.]+"" yMin=""[\d.]+"" xMax=""([\d.]+)"" yMax=""[\d.]+"">([^<]*)</word>"))
            {
                if (m.Groups[1].Success) width = decimal.Parse(m.Groups[1].Value, inv);
                else words.Add((decimal.Parse(m.Groups[2].Value, inv), m.Groups[3].Value));
                if (!m.Groups[1].Success) Assert.True(words[^1].XMax <= width, $"“{words[^1].Text}” ends at {words[^1].XMax} on a page {width} wide");
            }

            var urlWords = words.Where(w => w.Text.Contains("campus-programme", StringComparison.Ordinal) || w.Text.EndsWith("end", StringComparison.Ordinal)).ToList();
            Assert.True(urlWords.Count >= 2, "the URL is wrapped over lines");
            Assert.Contains("archive-end", string.Concat(words.SkipWhile(w => !w.Text.Contains("50plus.or.kr", StringComparison.Ordinal)).Take(urlWords.Count + 1).Select(w => w.Text)), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
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
