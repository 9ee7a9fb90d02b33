using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Admin;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Features.FiscalYear;
using Fifty.Ops.Features.FiscalYear.YearStructure;
using Fifty.Ops.Features.Reports;
using Microsoft.EntityFrameworkCore;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.FiscalYear;

/// <summary>
/// A 세부사업 moved under another 단위사업 is listed under its new parent in every flat list (entry form, the report's
/// execution table), not at its old position: the order is the hierarchy's (ExecutionHierarchy.Order), not SortOrder alone.
/// </summary>
public sealed class HierarchyOrderTests : AppTestBase
{
    [Fact]
    public async Task ADetailedProjectMovedToAnotherUnitProjectIsListedUnderItsNewParentInTheEntryFormAndTheReport()
    {
        Assert.True((await Get<FiscalYearService>().CreateFromAsync(Planner, 2024, 2023)).Done);
        decimal? original;
        await using (var db = Db())
            original = await db.ProgrammeNodes.Where(n => n.Year == 2024 && n.Code == "P1.1.1").Select(n => n.OriginalBudget).SingleAsync();
        var moved = await Get<StructureWorkbookService>().SaveNodeAsync(Planner, 2024, new StructureNodeForm
        {
            Code = "P1.1.1", ParentCode = "P2.1", Kind = ProgrammeKind.DetailedProject, Name = "중장년 종합지원 체계 구축",
            Funding = FundingSource.Contribution, OriginalBudget = original?.ToString("#,##0", System.Globalization.CultureInfo.InvariantCulture) ?? "",
        });
        Assert.True(moved.Committed, moved.Message);
        Assert.Contains(moved.Preview.Changes, c => c.Code == "P1.1.1" && c.Kind == StructureChangeKind.Moved);

        var opened = await Get<PeriodAdminService>().OpenAsync(Administrator, new PeriodOpenForm { Year = "2024", Quarter = "1" });
        Assert.True(opened.Saved, string.Join(" / ", opened.Errors.Values));

        // The entry form: the moved row sits in P2.1's block (after P1's rows, before P2.2's), not first as its SortOrder says.
        var entry = (await Get<BudgetEntryService>().GetAsync(2024, 1)).Rows.Select(r => r.Code).ToList();
        AssertUnder(entry, "P1.1.1", ["P2.1.1", "P2.1.2", "P2.1.3"], before: "P2.2.1", after: "P1.2.3");

        // The report's execution table (and 붙임), once figures are entered: under P2.1, with P2.1 rolled up from it.
        var saved = await Get<BudgetEntryService>().SaveAsync(Planner, 2024, 1, new BudgetEntryForm
        {
            Code = "P1.1.1", CurrentBudget = "120,000", Original = "120,000", Committed = "30,000", Disbursed = "24,000",
        });
        Assert.True(saved.Saved, string.Join(" / ", saved.Errors.Values));
        var report = (await Get<QuarterlyReportService>().GetAsync(2024, 1))!;
        Assert.Equal(BudgetGridMode.Execution, report.Budget.Mode);
        var execution = report.Budget.Execution.Select(r => r.Code).ToList();
        Assert.Equal("P2.1", report.Budget.Execution.Single(r => r.Code == "P1.1.1").ParentCode);
        var parent = execution.IndexOf("P2.1");
        var next = execution.IndexOf("P2.2");
        var at = execution.IndexOf("P1.1.1");
        Assert.True(parent >= 0 && parent < at && at < next, $"P1.1.1 at {at}, P2.1 at {parent}, P2.2 at {next}: {string.Join(", ", execution)}");
        var depths = ExecutionHierarchy.Depths(report.Budget.Execution);
        Assert.Equal(depths["P2.1"] + 1, depths["P1.1.1"]);

        // The structure workbook lists it under its new parent too.
        await using var xlsx = new MemoryStream();
        await Get<StructureWorkbookService>().WriteAsync(2024, xlsx);
        using var sheet = new Infrastructure.XlsxEditor(xlsx.ToArray());
        int Row(string code) => int.Parse(sheet.RowOf("예산체계", code)[1..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Row("P2.1") < Row("P1.1.1") && Row("P1.1.1") < Row("P2.2"), $"P2.1 {Row("P2.1")}, P1.1.1 {Row("P1.1.1")}, P2.2 {Row("P2.2")}");
    }

    private static void AssertUnder(List<string> rows, string code, string[] siblings, string before, string after)
    {
        var at = rows.IndexOf(code);
        Assert.True(at > rows.IndexOf(after), $"{code} at {at} should follow {after}: {string.Join(", ", rows)}");
        Assert.True(at < rows.IndexOf(before), $"{code} at {at} should precede {before}: {string.Join(", ", rows)}");
        Assert.All(siblings, s => Assert.True(Math.Abs(rows.IndexOf(s) - at) <= siblings.Length, $"{s} is no neighbour of {code}: {string.Join(", ", rows)}"));
    }
}
