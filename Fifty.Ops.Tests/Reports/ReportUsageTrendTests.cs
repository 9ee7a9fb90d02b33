using System.Net;
using System.Text.RegularExpressions;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.FiscalYear;
using Fifty.Ops.Features.FiscalYear.Indicators;
using Fifty.Ops.Features.Reports;
using Fifty.Ops.Tests.FiscalYear;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.Reports;

/// <summary>
/// Decision 0024: the report's campus usage trend runs over the years the database holds up to the report's year, each
/// value with its source (보고서 or 입력) and its 기준일; a year without figures says so instead of an older report's
/// table passing for it. A report frozen before the trend existed prints as it did.
/// </summary>
public sealed class ReportUsageTrendTests : AppTestBase
{
    private const string Visits = "캠퍼스 이용인원(연인원)";

    [Fact]
    public async Task The2024TrendEndsWithTheReportsYearAndLabelsEachValuesSourceAndDate()
    {
        Assert.True((await Get<FiscalYearService>().CreateFromAsync(Planner, 2024, 2023)).Done);
        var opened = await Get<PeriodAdminService>().OpenAsync(Administrator, new PeriodOpenForm { Year = "2024", Quarter = "1" });
        Assert.True(opened.Saved, string.Join(" / ", opened.Errors.Values));

        // No 2024 figure yet: the 2016–2020 values are the 2020 report's, dated, and 2024 says it has none.
        var before = (await Get<QuarterlyReportService>().GetAsync(2024, 1))!;
        var trend = before.Campuses.Trend!;
        Assert.Equal([2016, 2017, 2018, 2019, 2020, 2024], trend.Years);
        Assert.False(trend.HasReportYear);
        var row = trend.Rows.Single(r => r.Indicator == Visits);
        Assert.All(row.Values, v => Assert.Equal(("2020년 9월 주요업무보고", false), (v.Source, v.IsEntered)));
        Assert.Equal(new DateOnly(2020, 7, 31), row.Values.Single(v => v.Year == 2020).AsOf);
        var html = WebUtility.HtmlDecode(await Get<ReportHtmlRenderer>().RenderAsync(before));
        Assert.Contains("캠퍼스 이용 추이 (2016~2024년)", html, StringComparison.Ordinal);
        Assert.Contains("보고서 2024. 3. 31. 기준", html, StringComparison.Ordinal);
        Assert.Contains("보고서 · 2020. 7. 31.", html, StringComparison.Ordinal);
        Assert.Contains("2024년 캠퍼스 이용 실적(성과지표)은 아직 없습니다. 위 추이의 마지막 값은 2020년 값이며 2024년 실적이 아닙니다.", html, StringComparison.Ordinal);

        // A 2024 usage indicator entered for Q1 joins the trend as 입력 with the quarter's 기준일.
        var indicator = await Get<IndicatorSetupService>().SaveAsync(Planner, 2024, new IndicatorSetupForm
        {
            Field = "캠퍼스활성화", Name = Visits, Unit = "명", Direction = Direction.Higher, Accumulation = IndicatorAccumulation.Cumulative,
            YearTarget = "200,000명", Caution = "90",
        });
        Assert.True(indicator.Saved, string.Join(" / ", indicator.Errors.Values));
        var entry = Get<IndicatorEntryService>();
        var cell = (await entry.GetAsync(2024, 1)).Rows.Single(r => r.Code == indicator.Token);
        Assert.True((await entry.SaveAsync(Planner, 2024, 1, new IndicatorEntryForm { IndicatorId = cell.Id, Actual = "12,345", Token = cell.Token })).Saved);

        var after = (await Get<QuarterlyReportService>().GetAsync(2024, 1))!;
        trend = after.Campuses.Trend!;
        Assert.True(trend.HasReportYear);
        var entered = trend.Rows.Single(r => r.Indicator == Visits).Values.Single(v => v.Year == 2024);
        Assert.Equal(("12,345", 12345m, true, "입력", new DateOnly(2024, 3, 31)), (entered.Raw, entered.Value, entered.IsEntered, entered.Source, entered.AsOf!.Value));
        html = WebUtility.HtmlDecode(await Get<ReportHtmlRenderer>().RenderAsync(after));
        Assert.Matches(new Regex(@"data-source=""entered"">12,345<div class=""r-sub"">입력 · 2024\. 3\. 31\.</div>"), html);
        Assert.DoesNotContain("아직 없습니다", html, StringComparison.Ordinal);
        var workbook = AppTestBase.Parts(await WorkbookAsync(after));
        var sheetText = string.Concat(workbook.Where(p => p.Key.StartsWith("xl/", StringComparison.Ordinal)).Select(p => WebUtility.HtmlDecode(System.Text.Encoding.UTF8.GetString(p.Value))));
        Assert.Contains("입력 2024. 3. 31.", sheetText, StringComparison.Ordinal);
        Assert.Contains("보고서 2020. 7. 31.", sheetText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReportFrozenBeforeTheTrendExistedPrintsItsOldTableUnchanged()
    {
        var report = (await Get<QuarterlyReportService>().GetAsync(2023, 3))!;
        Assert.NotNull(report.Campuses.Trend);
        var old = report with { Campuses = report.Campuses with { Trend = null } };
        var json = ReportSnapshotJson.Serialize(old);
        Assert.DoesNotContain("\"Trend\":{", json, StringComparison.Ordinal);
        var html = WebUtility.HtmlDecode(await Get<ReportHtmlRenderer>().RenderAsync(ReportSnapshotJson.Deserialize(json.Replace(",\"Trend\":null", "", StringComparison.Ordinal))));
        Assert.Contains("캠퍼스 이용 추이 <span>(단위 : 지표별 단위, 2020. 7. 31. 기준)</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-table=\"usage-trend\"", html, StringComparison.Ordinal);
    }

    private static async Task<byte[]> WorkbookAsync(QuarterlyReport report)
    {
        await using var xlsx = new MemoryStream();
        QuarterlyWorkbook.Write(report, xlsx);
        return xlsx.ToArray();
    }
}
