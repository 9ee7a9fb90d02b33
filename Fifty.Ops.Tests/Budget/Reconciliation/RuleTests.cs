using Fifty.Ops.Domain;
using Fifty.Ops.Features.Budget;
using Fifty.Ops.Features.Budget.Reconciliation;

namespace Fifty.Ops.Tests.Budget.Reconciliation;

/// <summary>Each rule on a few hand-made figures: the rule fires on a violation, stays quiet otherwise, and keeps both values.</summary>
public sealed class RuleTests
{
    private static readonly SourceRef Doc = new("test.txt", "표 1");
    private static readonly DateOnly AsOf = new(2023, 9, 30);

    private static NodeFact Node(string code, string? parent, ProgrammeKind kind = ProgrammeKind.DetailedProject, string? name = null) =>
        new(code, parent, 0, kind, name ?? code, FundingSource.Contribution, [], 0);

    private static LineFact Line(string? code, int row, decimal? budget, decimal? original = null, decimal? supplementary = null, decimal? transfers = null,
        decimal? committed = null, decimal? disbursed = null, BudgetSection section = BudgetSection.Appendix, string? rateDisbursed = null) =>
        new(section, row, code, code ?? "이름", budget, original, supplementary, transfers, committed, disbursed, null, null, rateDisbursed, null, Doc);

    private static BudgetFacts Facts(IReadOnlyList<NodeFact> nodes, IReadOnlyList<LineFact> lines,
        IReadOnlyList<ProjectFact>? projects = null, IReadOnlyList<CostShareFact>? shares = null, IReadOnlyList<SummaryFact>? summary = null) =>
        new(2023, 3, AsOf, nodes, lines, projects ?? [], shares ?? [], summary ?? []);

    [Fact]
    public void BudgetIdentityFlagsALineWhoseCurrentBudgetIsNotItsParts()
    {
        var facts = Facts([Node("A", null)], [Line("A", 1, 100, 80, 15, 0), Line("A", 2, 100, 80, 20, 0, section: BudgetSection.ProjectTable)]);
        var finding = Assert.Single(new BudgetIdentityRule().Check(facts));
        Assert.Equal((100m, 95m, 5m), (finding.A.Value!.Value, finding.B.Value!.Value, finding.Difference!.Value));
        Assert.Equal("붙임 집행현황 1행", finding.A.Where);
    }

    [Fact]
    public void ParentSumComparesEveryPrintingOfAParentWithItsChildrenInTheSameSection()
    {
        var facts = Facts(
            [Node("T", null, ProgrammeKind.Total), Node("A", "T"), Node("B", "T")],
            [Line("T", 1, 30, disbursed: 12), Line("A", 2, 10, disbursed: 5), Line("B", 3, 20, disbursed: 7), Line("T", 4, 30, disbursed: 11)]);
        var finding = Assert.Single(new ParentSumRule().Check(facts));
        Assert.Equal(("T", "지출액", 11m, 12m), (finding.Code, finding.Item, finding.A.Value!.Value, finding.B.Value!.Value));
        Assert.Equal("붙임 집행현황 4행", finding.A.Where);
    }

    [Fact]
    public void ParentSumDoesNotGuessWhenAChildIsNotPrinted()
    {
        var facts = Facts([Node("T", null), Node("A", "T"), Node("B", "T")], [Line("T", 1, 30), Line("A", 2, 10)]);
        Assert.Empty(new ParentSumRule().Check(facts));
    }

    [Fact]
    public void ParentSumChecksTableTotalsAndTheRevenueOfAFundingSource()
    {
        var summary = new List<SummaryFact>
        {
            new(BudgetSide.Revenue, 1, AsOf, "계", 100, true, null, Doc),
            new(BudgetSide.Revenue, 2, AsOf, "출연금", 60, false, null, Doc),
            new(BudgetSide.Revenue, 3, AsOf, "보조금사업", 40, false, null, Doc),
            new(BudgetSide.Expenditure, 1, AsOf, "계", 100, true, null, Doc),
            new(BudgetSide.Expenditure, 2, AsOf, "인건비", 65, false, null, Doc),
            new(BudgetSide.Expenditure, 3, AsOf, "보람일자리", 35, false, "보조금사업", Doc),
        };
        var shares = new List<CostShareFact> { new(1, AsOf, "합계", 50, "100", true, Doc), new(2, AsOf, "가", 30, "60.0", false, Doc), new(3, AsOf, "나", 21, "42.0", false, Doc) };
        var findings = new ParentSumRule().Check(Facts([], [], shares: shares, summary: summary)).ToList();

        Assert.Contains(findings, f => f.Name == "합계" && f.A.Value == 50 && f.B.Value == 51);
        Assert.Contains(findings, f => f.Name == "보조금사업" && f.A.Value == 40 && f.B.Value == 35);
        Assert.Equal(2, findings.Count);
    }

    [Fact]
    public void BalanceFlagsRevenueAndExpenditureTotalsThatDiffer()
    {
        var summary = new List<SummaryFact>
        {
            new(BudgetSide.Revenue, 1, AsOf, "계", 100, true, null, Doc),
            new(BudgetSide.Expenditure, 1, AsOf, "계", 99, true, null, Doc),
        };
        var finding = Assert.Single(new BalanceRule().Check(Facts([], [], summary: summary)));
        Assert.Equal(1m, finding.Difference);
        Assert.Empty(new BalanceRule().Check(Facts([], [], summary: [summary[0], summary[1] with { Amount = 100 }])));
    }

    [Fact]
    public void CommitmentRuleFlagsPaymentsBeyondCommitmentsAndAmountsBeyondTheBudget()
    {
        var facts = Facts([Node("A", null)], [Line("A", 1, 100, committed: 50, disbursed: 60, section: BudgetSection.ProjectTable), Line("A", 2, 100, committed: 120, disbursed: 90)]);
        var findings = new CommitmentRule().Check(facts).ToList();
        Assert.Contains(findings, f => f.Rule == ReconciliationRule.CommitmentCoversDisbursement && f.A.Value == 50 && f.B.Value == 60);
        Assert.Contains(findings, f => f.Rule == ReconciliationRule.WithinBudget && f.Item == "원인행위액" && f.A.Value == 120 && f.B.Value == 100);
        Assert.Equal(2, findings.Count);
    }

    [Fact]
    public void StatedRateIsCheckedAtThePrecisionItIsPrintedWith()
    {
        var facts = Facts([Node("A", null), Node("B", null), Node("C", null)],
        [
            Line("A", 1, 17_000, disbursed: 10_005, section: BudgetSection.ProjectTable, rateDisbursed: "58.8%"),
            Line("B", 2, 200, disbursed: 100, section: BudgetSection.ProjectTable, rateDisbursed: "50.0%"),
            Line("C", 3, 3, disbursed: 1, section: BudgetSection.ProjectTable, rateDisbursed: "33.33%"),
        ]);
        var findings = new StatedRateRule().Check(facts).ToList();
        var wrong = Assert.Single(findings, f => f.Rule == ReconciliationRule.StatedRate);
        Assert.Equal(("A", 58.8m, 58.9m), (wrong.Code, wrong.A.Value!.Value, wrong.B.Value!.Value));
        Assert.Equal("원자료는 반올림하지 않고 버린 값으로 보입니다.", wrong.Note);
        var notation = Assert.Single(findings, f => f.Rule == ReconciliationRule.RateNotation);
        Assert.Equal("C", notation.Code); // 33.33% matches, but is written with two decimals
    }

    [Fact]
    public void StatedRateSaysWhenItCannotComputeARate()
    {
        var facts = Facts([Node("A", null)], [Line("A", 1, 100, section: BudgetSection.ProjectTable, rateDisbursed: "12.0%"), Line("A", 2, 100, section: BudgetSection.ProjectTable, rateDisbursed: "진행중")]);
        var findings = new StatedRateRule().Check(facts).ToList();
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(ReconciliationRule.NotCompared, f.Rule));
    }

    [Fact]
    public void SameFiguresComparesEachPrintingWithTheReferenceOne()
    {
        var facts = Facts([Node("A", null)],
        [
            Line("A", 1, 100, disbursed: 50),
            Line("A", 2, 100, disbursed: 51, section: BudgetSection.ProjectTable),
            Line("A", 3, 100, section: BudgetSection.RequiredBudget),
        ]);
        var finding = Assert.Single(new SameFiguresRule().Check(facts));
        Assert.Equal(("지출액", 50m, 51m, -1m), (finding.Item, finding.A.Value!.Value, finding.B.Value!.Value, finding.Difference!.Value));
        Assert.Equal("사업별 예산집행현황 2행", finding.B.Where);
    }

    [Fact]
    public void SameFiguresListsATableRowItCannotPairAsNotCompared()
    {
        var shares = new List<CostShareFact> { new(1, AsOf, "전혀 다른 분야", 10, "100.0", false, Doc) };
        var finding = Assert.Single(new SameFiguresRule().Check(Facts([Node("P1", null, ProgrammeKind.PolicyArea, "중장년생애설계지원")], [], shares: shares)));
        Assert.Equal((ReconciliationRule.NotCompared, FindingSeverity.Info), (finding.Rule, finding.Severity));
    }

    private static ResultFact Result(string code, IndicatorKind kind, decimal value, string unit = "명", string? project = null, params string[] related) =>
        new(code, kind, code, unit, project, related, $"{value:#,##0}{unit}", value, Doc);

    [Fact]
    public void AHeadlineResultIsComparedWithTheProjectResultsItSummarises()
    {
        IReadOnlyList<ResultFact> results = [Result("H1", IndicatorKind.Headline, 1_785, related: ["J1", "J2"]), Result("T1", IndicatorKind.Project, 412, project: "J1"), Result("T2", IndicatorKind.Project, 1_373, project: "J2")];
        Assert.Empty(new SameResultRule().Check(new BudgetFacts(2023, 3, AsOf, [], [], [], [], []) { Results = results }));

        results = [results[0], results[1], Result("T2", IndicatorKind.Project, 1_300, project: "J2")];
        var finding = Assert.Single(new SameResultRule().Check(new BudgetFacts(2023, 3, AsOf, [], [], [], [], []) { Results = results }));
        Assert.Equal((ReconciliationRule.SameResult, FindingSeverity.Mismatch, "H1"), (finding.Rule, finding.Severity, finding.Code));
        Assert.Equal((1_785m, 1_712m, "+73"), (finding.A.Value!.Value, finding.B.Value!.Value, finding.DifferenceText));
        Assert.Contains("J1 412명 + J2 1,300명", finding.B.Where, StringComparison.Ordinal);
    }

    [Fact]
    public void AResultInAnotherUnitIsListedAsNotComparedRatherThanPassed()
    {
        IReadOnlyList<ResultFact> results = [Result("H1", IndicatorKind.Headline, 45, related: ["J1"]), Result("T1", IndicatorKind.Project, 8_970, unit: "건", project: "J1")];
        var finding = Assert.Single(new SameResultRule().Check(new BudgetFacts(2023, 3, AsOf, [], [], [], [], []) { Results = results }));
        Assert.Equal((ReconciliationRule.NotCompared, FindingSeverity.Info), (finding.Rule, finding.Severity));
        Assert.Contains("단위가 다릅니다", finding.B.Where, StringComparison.Ordinal);
    }

    [Fact]
    public void SeatsStatedInTheTextAreComparedWithTheCampusTable()
    {
        IReadOnlyList<OfficeFact> offices =
        [
            new("total", 146, null, null, 637.2m, "146석(637.2㎡)", Doc),
            new("west", 48, 30, 18, 220.5m, null, Doc), new("central", 29, null, null, 140.8m, null, Doc),
            new("south", 36, null, null, 166.6m, null, Doc), new("north", 33, null, null, 109.3m, null, Doc),
        ];
        Assert.Empty(new SameResultRule().Check(new BudgetFacts(2023, 3, AsOf, [], [], [], [], []) { Offices = offices }));

        offices = [offices[0], offices[1] with { Seats = 50 }, offices[2], offices[3], offices[4]];
        var findings = new SameResultRule().Check(new BudgetFacts(2023, 3, AsOf, [], [], [], [], []) { Offices = offices }).ToList();
        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.Code == "west" && f.A.Value == 50 && f.B.Value == 48); // 개별 30 + 개방형 18
        Assert.Contains(findings, f => f.Code == "공유사무실" && f.A.Value == 146 && f.B.Value == 148 && f.DifferenceText == "-2");
    }

    [Fact]
    public void TheSameTwoFiguresMetByTwoRulesAreOneDiscrepancy()
    {
        var facts = Facts([Node("T", null, ProgrammeKind.Total), Node("A", "T"), Node("B", "T")],
            [Line("T", 1, 30, disbursed: 30), Line("A", 2, 10, disbursed: 10), Line("B", 3, 20, disbursed: 20), Line("T", 4, 30, disbursed: 25)]);
        var findings = ReconciliationService.Run(facts);
        Assert.Equal(2, findings.Count(f => f.Severity == FindingSeverity.Mismatch)); // a second printing, and a parent that does not add up
        var group = Assert.Single(Discrepancies.Group(findings));
        Assert.Single(group.Repeats);
        Assert.Equal(1, Discrepancies.Count(findings, FindingSeverity.Mismatch));
        Assert.Equal(1, new ReconciliationReport(null, 2023, findings).Count(FindingSeverity.Mismatch));
    }
}
