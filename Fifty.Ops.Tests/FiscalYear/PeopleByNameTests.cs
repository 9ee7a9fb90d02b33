using System.Net;
using System.Text.RegularExpressions;
using Fifty.Ops.Features;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.FiscalYear;
using Fifty.Ops.Features.Reports;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.FiscalYear;

/// <summary>
/// People are shown by display name, never by login id: who retired a row (일몰 on the setup page, the refusal of a second
/// retirement) and who entered a figure (the report's 입력 label, page and workbook).
/// </summary>
public sealed class PeopleByNameTests : AppTestBase
{
    private const string Login = "kim.planner";
    private static readonly System.Security.Claims.ClaimsPrincipal Account = TestAccounts.Principal(AppRoles.Planner, userName: Login);

    /// <summary>The display name AppFactory.NewUserAsync gives (through the user administration, as an admin would).</summary>
    private const string Shown = "시험 사용자";

    [Fact]
    public async Task RetirementNotesAndTheReportsEnteredLabelNameTheUserByDisplayName()
    {
        await App.NewUserAsync(Login, AppRoles.Planner);
        Assert.True((await Get<FiscalYearService>().CreateFromAsync(Planner, 2024, 2023)).Done);
        Assert.True((await Get<FiscalYearService>().RetireAsync(Account, RetireTarget.Programme, 2024, "P1.1.2", null)).Saved);

        var again = await Get<FiscalYearService>().RetireAsync(Account, RetireTarget.Programme, 2024, "P1.1.2", null);
        Assert.Contains($"이미 일몰 처리되었습니다 ({Shown}, ", again.Errors[WriteResult.General], StringComparison.Ordinal);

        var client = await App.CreateClientAsync(AppRoles.Planner);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/setup?year=2024"));
        var note = Regex.Match(page, @"data-status=""retired"">일몰</span>\s*<div class=""sub"">([^<·]*)·");
        Assert.True(note.Success, "no 일몰 note on the setup page");
        Assert.Equal(Shown, note.Groups[1].Value.Trim());

        // The report's 입력 label of a figure the planner entered.
        var opened = await Get<PeriodAdminService>().OpenAsync(Administrator, new PeriodOpenForm { Year = "2024", Quarter = "1" });
        Assert.True(opened.Saved, string.Join(" / ", opened.Errors.Values));
        var indicators = Get<IndicatorEntryService>();
        var row = (await indicators.GetAsync(2024, 1)).Rows[0];
        var saved = await indicators.SaveAsync(Account, 2024, 1, new IndicatorEntryForm { IndicatorId = row.Id, Actual = "12", Token = row.Token });
        Assert.True(saved.Saved, string.Join(" / ", saved.Errors.Values));
        var budget = await Get<BudgetEntryService>().SaveAsync(Account, 2024, 1, new BudgetEntryForm
        {
            Code = "P2.1.1", CurrentBudget = "120,000", Original = "120,000", Committed = "30,000", Disbursed = "24,000",
        });
        Assert.True(budget.Saved, string.Join(" / ", budget.Errors.Values));

        var report = (await Get<QuarterlyReportService>().GetAsync(2024, 1))!;
        var actual = report.Indicators.Rows.Single(r => r.Id == row.Id).Actual!;
        Assert.StartsWith($"입력 ({Shown}, ", actual.SourceLabel, StringComparison.Ordinal);
        Assert.Contains(report.Projects.SelectMany(p => p.Budget), l => l.Source.StartsWith($"입력 ({Shown}, ", StringComparison.Ordinal));
        var (html, _) = await RenderReportAsync(2024, 1);
        html = WebUtility.HtmlDecode(html);
        Assert.Contains($"입력 ({Shown}, ", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"입력 ({Login}, ", html, StringComparison.Ordinal);
    }
}
