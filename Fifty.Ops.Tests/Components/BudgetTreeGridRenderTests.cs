using Bunit;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Budget;

namespace Fifty.Ops.Tests.Components;

public sealed class BudgetTreeGridRenderTests : ComponentTestBase
{
    private static ExecutionRow Row(string code, string? parent, ProgrammeKind kind, string name, decimal budget, decimal disbursed,
        FundingSource funding = FundingSource.Contribution, decimal? forecast = null, ForecastBasis basis = ForecastBasis.None) =>
        new(code, parent, 0, kind, name, funding, [], budget, budget, 0, 0, null, disbursed, forecast, basis, ExecutionPace.Assess(budget, disbursed, 3, new PaceOptions()));

    private static readonly ExecutionRow[] Rows =
    [
        Row("T", null, ProgrammeKind.Total, "소계", 1_500_000, 900_000),
        Row("P", "T", ProgrammeKind.ProgrammeCosts, "사업비소계", 1_400_000, 850_000),
        Row("P1", "P", ProgrammeKind.PolicyArea, "중장년생애설계지원", 1_400_000, 850_000),
        Row("P1.1", "P1", ProgrammeKind.UnitProject, "생애설계서비스운영", 1_400_000, 850_000),
        Row("P1.1.1", "P1.1", ProgrammeKind.DetailedProject, "[보조금]중장년 경력전환 컨설턴트", 1_163_198, 596_831, FundingSource.Subsidy, 795_775, ForecastBasis.Estimated),
        Row("G", "T", ProgrammeKind.Overheads, "일반관리비", 100_000, 50_000),
        Row("G.1", "G", ProgrammeKind.OverheadItem, "인건비", 100_000, 50_000),
    ];

    private IRenderedComponent<BudgetTreeGrid> Render(BudgetGridMode mode = BudgetGridMode.Execution) => Context.Render<BudgetTreeGrid>(p => p
        .Add(g => g.Rows, Rows)
        .Add(g => g.Mode, mode)
        .Add(g => g.AsOf, new DateOnly(2023, 9, 30))
        .Add(g => g.Pace, new PaceSummary(3, 0.75m, 0.15m, 0.10m))
        .Add(g => g.ForecastMethod, YearEndForecast.Method(0.75m)));

    [Fact]
    public void PrerenderedHtmlHoldsEveryRowAndStartsWithPolicyAreasClosed()
    {
        var grid = Render();
        Assert.Equal(Rows.Length, grid.FindAll("tbody tr").Count);
        Assert.Null(grid.Find("tr[data-code='P1']").GetAttribute("hidden"));
        Assert.NotNull(grid.Find("tr[data-code='P1.1']").GetAttribute("hidden"));
        Assert.NotNull(grid.Find("tr[data-code='P1.1.1']").GetAttribute("hidden"));
        Assert.Null(grid.Find("tr[data-code='G.1']").GetAttribute("hidden"));

        var toggle = grid.Find("tr[data-code='P1'] button.toggle");
        Assert.Equal("false", toggle.GetAttribute("aria-expanded"));
        Assert.Equal("중장년생애설계지원 펼치기", toggle.GetAttribute("aria-label"));
        Assert.NotNull(toggle.GetAttribute("disabled")); // nothing to click before the circuit runs
        Assert.Equal("true", grid.Find("tr[data-code='P'] button.toggle").GetAttribute("aria-expanded"));
        Assert.Null(grid.Find("tr[data-code='T']").QuerySelector("button.toggle")); // the total row is always open
        Assert.Equal("false", grid.Find(".tree-grid").GetAttribute("data-interactive"));
    }

    [Fact]
    public void OnALiveCircuitOnlyOpenBranchesAreRenderedAndATogglesOpensOne()
    {
        Interactive();
        var grid = Render();
        Assert.Equal("true", grid.Find(".tree-grid").GetAttribute("data-interactive"));
        Assert.Equal(["T", "P", "P1", "G", "G.1"], grid.FindAll("tbody tr").Select(tr => tr.GetAttribute("data-code")));

        grid.Find("tr[data-code='P1'] button.toggle").Click();

        Assert.Equal(["T", "P", "P1", "P1.1", "G", "G.1"], grid.FindAll("tbody tr").Select(tr => tr.GetAttribute("data-code")));
        Assert.Equal("true", grid.Find("tr[data-code='P1'] button.toggle").GetAttribute("aria-expanded"));
        Assert.Equal("중장년생애설계지원 접기", grid.Find("tr[data-code='P1'] button.toggle").GetAttribute("aria-label"));
    }

    [Fact]
    public void FiguresAreInThousandsWithTheExactAmountKeptAndRatesLabelled()
    {
        var grid = Render();
        Assert.Contains("단위 : 천원, %", grid.Find("caption").TextContent, StringComparison.Ordinal);
        Assert.Contains("원인행위 기준", grid.Find("thead").TextContent, StringComparison.Ordinal);
        Assert.Contains("지출 기준", grid.Find("thead").TextContent, StringComparison.Ordinal);
        var line = grid.Find("tr[data-code='P1.1.1']");
        var budget = line.QuerySelectorAll("td.num")[0];
        Assert.Equal(("1,163,198", "1163198"), (budget.TextContent.Trim(), budget.GetAttribute("data-value")));
        Assert.Equal("중장년 경력전환 컨설턴트", line.QuerySelector(".row-name")!.TextContent); // the badge says 보조금
        Assert.Equal("[보조금]", line.QuerySelector(".badge-funding")!.TextContent);
        Assert.Contains("≈", line.TextContent, StringComparison.Ordinal);
        Assert.Contains("▼ 집행부진", line.QuerySelector(".pace")!.TextContent.Replace("  ", " ", StringComparison.Ordinal).Trim(), StringComparison.Ordinal);
        Assert.Contains("51.3%", line.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void RequiredBudgetModeShowsOnlyTheRequiredBudgetColumn()
    {
        var grid = Render(BudgetGridMode.RequiredBudget);
        Assert.Equal(["사업명", "소요예산", "비고"], grid.FindAll("thead th").Select(th => th.TextContent.Trim()));
        var caption = grid.Find("caption").TextContent;
        Assert.Contains("단위 : 천원", caption, StringComparison.Ordinal);
        Assert.DoesNotContain("%", caption, StringComparison.Ordinal);
    }
}
