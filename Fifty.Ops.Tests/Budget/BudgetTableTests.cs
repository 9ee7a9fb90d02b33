using Bunit;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.Budget.Reconciliation;

namespace Fifty.Ops.Tests.Budget;

/// <summary>The budget page's read-only tables on MudBlazor's table: rows, totals, caption with unit and 기준일, status.</summary>
public sealed class BudgetTableTests : BudgetComponentTest
{
    private static readonly DateOnly AsOf = new(2023, 9, 30);

    [Fact]
    public void TheSummaryTableListsItsItemsWithTheTotalMarkedAndTheUnitInTheCaption()
    {
        var items = new[]
        {
            new SummaryItem("총계", 38_649_012, true, null),
            new SummaryItem("출연금", 35_000_000, false, null),
            new SummaryItem("국비", 1_200_000, false, "보조금"),
        };
        var table = Context.Render<SummaryTable>(p => p.Add(t => t.Title, "예산 총괄 · 수입").Add(t => t.Items, items).Add(t => t.AsOf, AsOf));

        Assert.Equal("예산 총괄 · 수입 (단위 : 천원, 2023. 9. 30. 기준)", Normalize(table.Find(".mud-simple-table caption").TextContent));
        var rows = table.FindAll("tbody tr");
        Assert.Equal(3, rows.Count);
        Assert.Contains("row-total", rows[0].ClassList);
        Assert.Equal("38,649,012", rows[0].QuerySelector("td.num")!.TextContent);
        Assert.Contains("(보조금 재원)", rows[2].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TheAttentionListShowsStatusAsIconAndWordAndSortsByAColumn()
    {
        var options = new PaceOptions();
        var items = new[]
        {
            new AttentionItem("A", "가 사업", "정책 1", 1_000, 100, ExecutionPace.Assess(1_000, 100, 3, options)),
            new AttentionItem("B", "나 사업", "정책 2", 10_000, 9_900, ExecutionPace.Assess(10_000, 9_900, 3, options)),
        };
        Interactive();
        var table = Context.Render<AttentionList>(p => p.Add(t => t.Items, items).Add(t => t.AsOf, AsOf));

        Assert.Contains("집행 속도 점검 대상 (2건)", table.Find("caption").TextContent, StringComparison.Ordinal);
        // Largest amount gap first: B is 2,400 over the expected 7,500; A is 650 under 750.
        Assert.Equal(["B", "A"], table.FindAll("tbody tr").Select(r => r.GetAttribute("data-code")));
        var statuses = table.FindAll("tbody .pace").Select(s => (s.TextContent.Trim(), s.QuerySelector("svg.status-icon") is not null)).ToList();
        Assert.Equal([("과다집행", true), ("집행부진", true)], statuses);
        Assert.Equal("+2,400", table.FindAll("tbody tr")[0].QuerySelectorAll("td.num")[5].TextContent);

        table.FindAll("th").Single(th => th.TextContent.Contains("사업명", StringComparison.Ordinal)).QuerySelector("button")!.Click();
        Assert.Equal(["A", "B"], table.FindAll("tbody tr").Select(r => r.GetAttribute("data-code")));
    }

    [Fact]
    public void TheUnspentListShowsTheLargestFirstWithTheirBasis()
    {
        var items = new[]
        {
            new UnspentItem("A", "가 사업", "정책 1", 1_000, 400, ForecastBasis.Estimated),
            new UnspentItem("B", "나 사업", null, 2_000, 1_900, ForecastBasis.Entered),
        };
        var table = Context.Render<UnspentList>(p => p.Add(t => t.Items, items).Add(t => t.AsOf, AsOf).Add(t => t.Top, 1));

        Assert.Contains("불용 예상 상위 1건 (전체 2건, 합계 700)", table.Find("caption").TextContent, StringComparison.Ordinal);
        var row = table.Find("tbody tr");
        Assert.Equal("A", row.GetAttribute("data-code"));
        Assert.Equal(["1,000", "≈400", "600", "60.0%"], row.QuerySelectorAll("td.num").Select(c => c.TextContent));
        Assert.Equal("추정", row.QuerySelectorAll("td")[^1].TextContent);
    }

    [Fact]
    public void TheFindingsTableGroupsByRuleWithSeverityAsIconAndWord()
    {
        FindingValue V(string where, decimal value) => new(where, value, value.ToString("#,##0", System.Globalization.CultureInfo.InvariantCulture), "보고서 42쪽");
        var findings = new[]
        {
            new Finding(ReconciliationRule.ParentSum, FindingSeverity.Mismatch, "P", "사업비소계", "지출액", FindingUnit.Amount, V("붙임 2행", 100), V("하위 합계", 99)),
            new Finding(ReconciliationRule.StatedRate, FindingSeverity.Notation, "P1", "정책 1", "집행률", FindingUnit.Percent, V("붙임 3행", 58.8m), V("계산", 58.8m)),
        };
        var table = Context.Render<FindingsTable>(p => p.Add(t => t.Findings, findings).Add(t => t.AsOf, AsOf));

        Assert.Contains("단위 : 천원", table.Find("caption").TextContent, StringComparison.Ordinal);
        Assert.Equal(2, table.FindAll("tbody[data-rule]").Count);
        var first = table.Find("tr.finding[data-code='P']");
        var severity = first.QuerySelector(".severity")!;
        Assert.Equal("불일치", severity.TextContent.Trim());
        Assert.NotNull(severity.QuerySelector("svg.status-icon"));
        Assert.Equal("+1", first.QuerySelector("td.num")!.TextContent.Trim());
        Assert.Equal("표기", table.Find("tr.finding[data-code='P1'] .severity").TextContent.Trim());
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
