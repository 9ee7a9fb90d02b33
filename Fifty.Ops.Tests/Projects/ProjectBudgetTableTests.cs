using Bunit;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Projects;
using Fifty.Ops.Tests.Budget;

namespace Fifty.Ops.Tests.Projects;

public sealed class ProjectBudgetTableTests : BudgetComponentTest
{
    [Fact]
    public void EachSectionsFiguresAreShownWithBothRateBasesAndADashForNoValue()
    {
        var lines = new[]
        {
            new ProjectBudgetLine(BudgetSection.Appendix, "P2.1.1", "중장년 인턴십", 986_426, null, 920_856, null, null, "보고서 40쪽"),
            new ProjectBudgetLine(BudgetSection.ProjectTable, "P2.1.1", "중장년 인턴십", 986_426, 950_000, 920_856, 980_000, "93.4%", "보고서 12쪽"),
        };
        var table = Context.Render<ProjectBudgetTable>(p => p.Add(t => t.Lines, lines).Add(t => t.AsOf, new DateOnly(2023, 9, 30)));

        Assert.Contains("단위 : 천원, 집행률 %, 2023. 9. 30. 기준", table.Find(".mud-simple-table caption").TextContent, StringComparison.Ordinal);
        var head = table.Find("thead").TextContent;
        Assert.Contains("(원인행위 기준)", head, StringComparison.Ordinal);
        Assert.Contains("(지출 기준)", head, StringComparison.Ordinal);
        var rows = table.FindAll("tbody tr");
        Assert.Equal(["Appendix", "ProjectTable"], rows.Select(r => r.GetAttribute("data-section")));
        Assert.Equal(["986,426", "—", "920,856", "—", "93.4%", "—"], rows[0].QuerySelectorAll("td.num").Select(c => c.TextContent.Trim()));
        Assert.Equal(["986,426", "950,000", "920,856", "96.3%", "93.4% (보고서: 93.4%)", "980,000"], rows[1].QuerySelectorAll("td.num").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public void WithoutLinesItSaysSoInsteadOfAnEmptyTable()
    {
        var table = Context.Render<ProjectBudgetTable>(p => p.Add(t => t.Lines, []).Add(t => t.AsOf, null));
        Assert.Empty(table.FindAll("table"));
        Assert.Contains("예산 자료가 없습니다", table.Markup, StringComparison.Ordinal);
    }
}
