using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.Campuses;
using Fifty.Ops.Features.FiscalYear;
using Fifty.Ops.Features.FiscalYear.Sites;
using Fifty.Ops.Features.Reports;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.FiscalYear;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.Campuses;

/// <summary>
/// A campus opening 2024-04-01: its months before 개소일 are 개소 전 (not operating), never "—" or 자료 미입력, are not
/// counted as missing nor in any total, on /campuses, the entry page and the report (page, workbook, PDF).
/// </summary>
public sealed class CampusOperatingMonthsTests : AppTestBase
{
    private const string Code = "seocho";

    [Fact]
    public async Task MonthsBeforeTheOpeningDateAreShownAsNotOperatingAndCountNeitherAsMissingNorInTotals()
    {
        Assert.True((await Get<FiscalYearService>().CreateFromAsync(Planner, 2024, 2023)).Done);
        var site = await Get<SiteSetupService>().SaveAsync(Planner, 2024, new SiteForm
        {
            Code = Code, Name = "서울시50플러스 서초캠퍼스", Kind = CampusKind.Campus, OpenedOn = "2024-04-01", Status = FacilityStatus.Open, Seats = "40",
        });
        Assert.True(site.Saved, string.Join(" / ", site.Errors.Values));
        foreach (var quarter in new[] { "1", "2" })
        {
            var opened = await Get<PeriodAdminService>().OpenAsync(Administrator, new PeriodOpenForm { Year = "2024", Quarter = quarter });
            Assert.True(opened.Saved, string.Join(" / ", opened.Errors.Values));
        }

        var usage = Get<CampusUsageEntryService>();
        Assert.True((await usage.SaveAsync(Planner, new UsageEntryForm { CampusCode = Code, Year = 2024, Month = "4", Visits = "500" })).Saved);

        // The one rule: January–March are not operating months; only May and June are missing (기준일 6.30).
        var page = await usage.GetPageAsync(2024, 2);
        var table = page.Campuses.Single(c => c.Code == Code);
        Assert.Equal(new[] { DueMonths.BeforeOpening, DueMonths.BeforeOpening, DueMonths.BeforeOpening, "", "", "" },
            Enumerable.Range(1, 6).Select(m => table.Due.NotOperating(m) ?? "").ToArray());
        var visits = table.Totals.Single(t => t.Metric == UsageMetric.Visits);
        Assert.Equal((0, 0), (visits.Quarters[0].DueMonths, visits.Quarters[0].MissingMonths));
        Assert.Equal((500, 3, 2), (visits.Year.Value, visits.Year.DueMonths, visits.Year.MissingMonths));
        Assert.Equal("1~3월 개소 전", table.Due.NotOperatingNote());

        var client = await App.CreateClientAsync(AppRoles.Planner);

        // /campuses: the campus's Q1 cell says 개소 전, not — or 자료 미입력.
        var campuses = WebUtility.HtmlDecode(await client.GetStringAsync("/campuses?year=2024&quarter=2"));
        var row = Regex.Match(campuses, $@"<tr data-campus=""{Code}"">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("1~3월 개소 전", row, StringComparison.Ordinal);
        var cells = Regex.Matches(row, @"<td class=""num"">(.*?)</td>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(5, cells.Count);
        Assert.Contains(DueMonths.BeforeOpening, cells[0], StringComparison.Ordinal);
        Assert.DoesNotContain("자료 미입력", cells[0], StringComparison.Ordinal);
        Assert.Contains("500", cells[1], StringComparison.Ordinal);

        // The entry page's month table: January to March say 개소 전 in every column.
        var entry = WebUtility.HtmlDecode(await client.GetStringAsync($"/campuses/entry?year=2024&quarter=2&campus={Code}"));
        foreach (var month in new[] { 1, 2, 3 })
        {
            var monthRow = Regex.Match(entry, $@"<tr data-month=""{month}""[^>]*>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
            Assert.Equal(UsageAggregation.Metrics.Count, Regex.Count(monthRow, DueMonths.BeforeOpening));
            Assert.DoesNotContain("자료 미입력", monthRow, StringComparison.Ordinal);
        }

        var may = Regex.Match(entry, @"<tr data-month=""5""[^>]*>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("자료 미입력", may, StringComparison.Ordinal);

        // The report: page, workbook and PDF say which months the campus did not operate.
        var report = (await Get<QuarterlyReportService>().GetAsync(2024, 2))!;
        Assert.Equal((4, 6), (report.Campuses.Usage.Campuses.Single(c => c.Code == Code).Due.First, report.Campuses.Usage.Campuses.Single(c => c.Code == Code).Due.Last));
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/reports/2024/q2.html"));
        Assert.Contains("1~3월 개소 전", html, StringComparison.Ordinal);
        using (var zip = new ZipArchive(new MemoryStream(await client.GetByteArrayAsync("/reports/2024/q2.xlsx")), ZipArchiveMode.Read))
        {
            var text = new StringBuilder();
            foreach (var part in zip.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(part.Open());
                text.Append(WebUtility.HtmlDecode(await reader.ReadToEndAsync()));
            }

            Assert.Contains("1~3월 개소 전", text.ToString(), StringComparison.Ordinal);
        }

        var pdf = Path.Combine(Path.GetTempPath(), $"operating-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdf, await client.GetByteArrayAsync("/reports/2024/q2.pdf"));
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", pdf, "-"]) { RedirectStandardOutput = true })!;
            var pdfText = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Contains("1~3월개소전", string.Concat(pdfText.Where(c => !char.IsWhiteSpace(c))), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pdf);
        }
    }
}
