using Bunit;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.Periods;

namespace Fifty.Ops.Tests.Budget;

public sealed class BudgetTreeGridTests : BudgetComponentTest
{
    private static ExecutionRow Row(string code, string? parent, ProgrammeKind kind, string name, decimal budget, decimal disbursed,
        FundingSource funding = FundingSource.Contribution, decimal? forecast = null, ForecastBasis basis = ForecastBasis.None) =>
        new(code, parent, 0, kind, name, funding, [], budget, budget, 0, 0, null, disbursed, forecast, basis, ExecutionPace.Assess(budget, disbursed, 3, new PaceOptions()));

    private static readonly ExecutionRow[] Rows =
    [
        Row("T", null, ProgrammeKind.Total, "소계", 1_500_000, 900_000) with { PriorYear = new PriorYearFigures(1_200_000, 600_000) },
        Row("P", "T", ProgrammeKind.ProgrammeCosts, "사업비소계", 1_400_000, 850_000),
        Row("P1", "P", ProgrammeKind.PolicyArea, "중장년생애설계지원", 1_400_000, 850_000),
        Row("P1.1", "P1", ProgrammeKind.UnitProject, "생애설계서비스운영", 1_400_000, 850_000),
        Row("P1.1.1", "P1.1", ProgrammeKind.DetailedProject, "[보조금]중장년 경력전환 컨설턴트", 1_163_198, 596_831, FundingSource.Subsidy, 795_775, ForecastBasis.Estimated)
            with { IsEntered = true, PriorYear = new PriorYearFigures(1_000_000, 750_000) },
        Row("G", "T", ProgrammeKind.Overheads, "일반관리비", 100_000, 50_000),
        Row("G.1", "G", ProgrammeKind.OverheadItem, "인건비", 100_000, 50_000),
    ];

    private static readonly PeriodDto Prior = new(2022, 3, new DateOnly(2022, 9, 30), "2022년 3분기 주요업무보고", true);

    private IRenderedComponent<BudgetTreeGrid> Render(BudgetGridMode mode = BudgetGridMode.Execution, PeriodDto? prior = null) => Context.Render<BudgetTreeGrid>(p => p
        .Add(g => g.Rows, Rows)
        .Add(g => g.Mode, mode)
        .Add(g => g.AsOf, new DateOnly(2023, 9, 30))
        .Add(g => g.Pace, new PaceSummary(3, 0.75m, 0.15m, 0.10m))
        .Add(g => g.ForecastMethod, YearEndForecast.Method(0.75m))
        .Add(g => g.PriorPeriod, prior));

    private static string[] Codes(IRenderedComponent<BudgetTreeGrid> grid) => grid.FindAll("tbody tr").Select(tr => tr.GetAttribute("data-code")!).ToArray();

    private static string Cell(IRenderedComponent<BudgetTreeGrid> grid, string code, int index) => grid.Find($"tr[data-code='{code}']").QuerySelectorAll("td")[index].TextContent.Trim();

    private static void Click(IRenderedComponent<BudgetTreeGrid> grid, string label) =>
        grid.FindAll("button").Single(b => b.TextContent.Trim() == label).Click();

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
        Assert.NotEmpty(grid.FindAll(".grid-toolbar button"));
        Assert.All(grid.FindAll(".grid-toolbar button"), b => Assert.NotNull(b.GetAttribute("disabled")));
        Assert.NotNull(grid.Find(".mud-simple-table.execution-table table caption")); // MudBlazor's table, our caption
    }

    [Fact]
    public void OnALiveCircuitOnlyOpenBranchesAreRenderedAndATogglesOpensOne()
    {
        Interactive();
        var grid = Render();
        Assert.Equal("true", grid.Find(".tree-grid").GetAttribute("data-interactive"));
        Assert.Equal(["T", "P", "P1", "G", "G.1"], Codes(grid));

        grid.Find("tr[data-code='P1'] button.toggle").Click();

        Assert.Equal(["T", "P", "P1", "P1.1", "G", "G.1"], Codes(grid));
        Assert.Equal("true", grid.Find("tr[data-code='P1'] button.toggle").GetAttribute("aria-expanded"));
        Assert.Equal("중장년생애설계지원 접기", grid.Find("tr[data-code='P1'] button.toggle").GetAttribute("aria-label"));
    }

    [Fact]
    public void TheLevelButtonsOpenTheTreeToPoliciesUnitProjectsOrEverything()
    {
        Interactive();
        var grid = Render();
        Assert.Equal("true", grid.FindAll("button").Single(b => b.TextContent.Trim() == "정책만").GetAttribute("aria-pressed"));

        Click(grid, "단위사업까지");
        Assert.Equal(["T", "P", "P1", "P1.1", "G", "G.1"], Codes(grid));
        Assert.Equal("false", grid.Find("tr[data-code='P1.1'] button.toggle").GetAttribute("aria-expanded"));

        Click(grid, "모두 펼치기");
        Assert.Equal(Rows.Select(r => r.Code), Codes(grid));
        Assert.Equal("true", grid.FindAll("button").Single(b => b.TextContent.Trim() == "모두 펼치기").GetAttribute("aria-pressed"));

        Click(grid, "정책만");
        Assert.Equal(["T", "P", "P1", "G", "G.1"], Codes(grid));
    }

    [Fact]
    public void FiguresAreInThousandsRightAlignedWithTheExactAmountKeptAndRatesLabelled()
    {
        var grid = Render();
        Assert.Contains("단위 : 천원, %, 2023. 9. 30. 기준", grid.Find("caption").TextContent, StringComparison.Ordinal);
        var head = grid.Find("thead").TextContent;
        Assert.Contains("원인행위 기준", head, StringComparison.Ordinal);
        Assert.Contains("지출 기준", head, StringComparison.Ordinal);
        Assert.Contains("당초", head, StringComparison.Ordinal);
        Assert.DoesNotContain("전년", head, StringComparison.Ordinal);
        var line = grid.Find("tr[data-code='P1.1.1']");
        var budget = line.QuerySelectorAll("td")[0];
        Assert.Equal(("1,163,198", "1163198"), (budget.TextContent.Trim(), budget.GetAttribute("data-value")));
        Assert.Contains("num", budget.ClassList);
        Assert.Equal("—", Cell(grid, "P1.1.1", 4)); // no 원인행위액: a dash, not a zero
        Assert.Equal("중장년 경력전환 컨설턴트", line.QuerySelector(".row-name")!.TextContent); // the badge says 보조금
        Assert.Equal("[보조금]", line.QuerySelector(".badge-funding")!.TextContent);
        Assert.Equal("입력", line.QuerySelector(".badge-entered")!.TextContent);
        Assert.Null(grid.Find("tr[data-code='G.1']").QuerySelector(".badge-entered"));
        Assert.Contains("≈", line.TextContent, StringComparison.Ordinal);
        Assert.Contains("51.3%", line.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void PaceIsAnIconAndAWord()
    {
        var grid = Render();
        var pace = grid.Find("tr[data-code='P1.1.1'] .pace");
        Assert.Equal("집행부진", pace.TextContent.Trim());
        Assert.Contains("pace-behind", pace.ClassList);
        Assert.Equal("true", pace.QuerySelector("svg.status-icon")!.GetAttribute("aria-hidden"));
        Assert.Contains("기대 75.0%", pace.GetAttribute("title"), StringComparison.Ordinal);
    }

    [Fact]
    public void TheUnitSwitchChangesEveryAmountAndTheCaptionButNotTheRates()
    {
        Interactive();
        var grid = Render();
        Click(grid, "모두 펼치기");
        Click(grid, "백만원");

        Assert.Equal("true", grid.FindAll("button").Single(b => b.TextContent.Trim() == "백만원").GetAttribute("aria-pressed"));
        Assert.Contains("단위 : 백만원, %", grid.Find("caption").TextContent, StringComparison.Ordinal);
        Assert.Equal("1,163", Cell(grid, "P1.1.1", 0));
        Assert.Equal("1163198", grid.Find("tr[data-code='P1.1.1']").QuerySelectorAll("td")[0].GetAttribute("data-value"));
        Assert.Equal("597", Cell(grid, "P1.1.1", 5)); // 지출액
        Assert.Equal("566", Cell(grid, "P1.1.1", 6)); // 집행잔액 1,163,198 − 596,831
        Assert.Contains("796", Cell(grid, "P1.1.1", 9), StringComparison.Ordinal); // 연말 집행예상액
        Assert.Equal("1,500", Cell(grid, "T", 0));
        Assert.Equal("51.3%", Cell(grid, "P1.1.1", 8)); // rates do not change with the unit

        Click(grid, "억원");
        Assert.Contains("단위 : 억원", grid.Find("caption").TextContent, StringComparison.Ordinal);
        Assert.Equal("11.6", Cell(grid, "P1.1.1", 0));
        Assert.Equal("15.0", Cell(grid, "T", 0));
    }

    [Fact]
    public void ThePreviousYearColumnsShowTheSameQuarterByCodeAndADashWithoutAMatch()
    {
        Interactive();
        var grid = Render(prior: Prior);
        Click(grid, "모두 펼치기");
        Assert.DoesNotContain("전년", grid.Find("thead").TextContent, StringComparison.Ordinal);

        Click(grid, "전년 동기 대비 (2022년 3분기)");

        var head = grid.FindAll("thead th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Contains("전년 예산현액2022년 3분기", head);
        Assert.DoesNotContain("당초", head);
        Assert.Equal(head.Count, grid.Find("tr[data-code='P1.1.1']").Children.Length); // every row has every column
        Assert.Equal(("1,000,000", "750,000", "75.0%"), (Cell(grid, "P1.1.1", 1), Cell(grid, "P1.1.1", 2), Cell(grid, "P1.1.1", 3)));
        Assert.Equal(("1,200,000", "600,000", "50.0%"), (Cell(grid, "T", 1), Cell(grid, "T", 2), Cell(grid, "T", 3)));
        Assert.Equal(("—", "—", "—"), (Cell(grid, "G.1", 1), Cell(grid, "G.1", 2), Cell(grid, "G.1", 3)));
        Assert.Contains("전년 동기: 2022년 3분기 (2022. 9. 30. 기준)", grid.Find("caption").TextContent, StringComparison.Ordinal);

        Click(grid, "백만원");
        Assert.Equal("1,000", Cell(grid, "P1.1.1", 1));
    }

    [Fact]
    public void WithoutAPreviousYearThereIsNoComparisonSwitch()
    {
        var grid = Render();
        Assert.DoesNotContain(grid.FindAll("button"), b => b.TextContent.Contains("전년", StringComparison.Ordinal));
    }

    [Fact]
    public void RequiredBudgetModeShowsOnlyTheRequiredBudgetColumnAndAComputedTotal()
    {
        var rows = new[]
        {
            new ExecutionRow("S1", null, 1, ProgrammeKind.StrategicTask, "전략과제 1", FundingSource.Contribution, [], 300, null, null, null, null, null, null, BudgetComputed: true),
            new ExecutionRow("S1.1", "S1", 2, ProgrammeKind.Project, "사업 1", FundingSource.Contribution, [], 300, null, null, null, null, null, null),
            new ExecutionRow("S2", null, 1, ProgrammeKind.StrategicTask, "전략과제 2", FundingSource.Contribution, [], 1_200, null, null, null, null, null, null),
        };
        var grid = Context.Render<BudgetTreeGrid>(p => p.Add(g => g.Rows, rows).Add(g => g.Mode, BudgetGridMode.RequiredBudget).Add(g => g.AsOf, null));
        Assert.Equal(["사업명", "소요예산", "비고"], grid.FindAll("thead th").Select(th => th.TextContent.Trim()));
        var caption = grid.Find("caption").TextContent;
        Assert.Contains("단위 : 천원", caption, StringComparison.Ordinal);
        Assert.DoesNotContain("%", caption, StringComparison.Ordinal);
        Assert.Equal("1,500", grid.Find("tfoot tr[data-code='total'] td").TextContent.Trim());
        Assert.Contains("Σ", grid.Find("tr[data-code='S1']").TextContent, StringComparison.Ordinal);
    }
}
