using System.Net;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.FiscalYear;
using Fifty.Ops.Features.Reports;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.FiscalYear;
using Fifty.Ops.Tests.Infrastructure;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.Projects;

/// <summary>A project's page prints the year-end forecast (연말 집행예상액) that /budget and the report print: one source.</summary>
public sealed class ProjectForecastPageTests : AppTestBase
{
    [Fact]
    public async Task AnEstimatedForecastOfAnEnteredLineReadsTheSameOnTheProjectPageAsOnBudgetAndInTheReport()
    {
        await TestAccounts.EnsureAsync(App.ConnectionString, AppRoles.Planner);
        Assert.True((await Get<FiscalYearService>().CreateFromAsync(Planner, 2024, 2023)).Done);
        Assert.True((await Get<PeriodAdminService>().OpenAsync(Administrator, new PeriodOpenForm { Year = "2024", Quarter = "1" })).Saved);
        var saved = await Get<BudgetEntryService>().SaveAsync(Planner, 2024, 1, new BudgetEntryForm { Code = "P2.1.1", CurrentBudget = "800,000", Original = "800,000", Committed = "200,000", Disbursed = "125,000" });
        Assert.True(saved.Saved, string.Join(" / ", saved.Errors.Values));

        var budget = (await Get<BudgetQueryService>().GetOverviewAsync(2024, 1)).Execution.Single(r => r.Code == "P2.1.1");
        Assert.Equal(ForecastBasis.Estimated, budget.ForecastBasis);
        var report = (await Get<QuarterlyReportService>().GetAsync(2024, 1))!;
        Assert.Equal(budget.Forecast, report.Budget.Execution.Single(r => r.Code == "P2.1.1").Forecast);

        var client = await App.SharedClientAsync(AppRoles.Director);
        var response = await client.GetAsync(new Uri("/projects/J1.1.1?year=2024&quarter=1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var row = doc.QuerySelector(".project-budget-table tr[data-section='Entry'][data-code='P2.1.1']");
        Assert.NotNull(row);
        Assert.Equal($"≈{Fifty.Ops.Components.Fmt.Amount(budget.Forecast)} (추정)", row.QuerySelector("td.forecast")!.TextContent.Trim());

        // A rolled-over indicator without a target says where to set it (the planner gets the link).
        var untargeted = (await Get<Fifty.Ops.Features.Indicators.IndicatorQueryService>().GetListAsync(2024, 1)).Rows.First(r => r.Target is null);
        var planner = await App.SharedClientAsync(AppRoles.Planner);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(WebUtility.HtmlDecode(
            await planner.GetStringAsync(new Uri($"/indicators/{untargeted.Id}?year=2024&quarter=1", UriKind.Relative))));
        Assert.Equal("setup/indicators?year=2024", page.QuerySelector("[data-hint='no-target'] a")!.GetAttribute("href"));
    }
}
