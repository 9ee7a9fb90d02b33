using Fifty.Ops.Features.Budget.Reconciliation;

namespace Fifty.Ops.Tests.Budget.Reconciliation;

/// <summary>The discrepancies the real reports contain, found by the rules on the seeded data, both values kept.</summary>
public sealed class SeededDiscrepancyTests(SeededFacts seeded) : IClassFixture<SeededFacts>
{
    [Fact]
    public void TheAppendixTotalPrintedTwiceWithDifferentDisbursementsIsReported()
    {
        var finding = SeededFacts.OneFinding(new SameFiguresRule().Check(seeded.Y2023), "T", "지출액");
        Assert.Equal((23_387_991m, 21_144_768m), (finding.A.Value!.Value, finding.B.Value!.Value));
        Assert.Equal(("붙임 집행현황 1행", "붙임 집행현황 33행"), (finding.A.Where, finding.B.Where));
        Assert.Contains("(1쪽)", finding.A.Source, StringComparison.Ordinal);
        Assert.Contains("(2쪽)", finding.B.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSecondPrintingOfTheTotalDoesNotEqualItsChildren()
    {
        var finding = Assert.Single(new ParentSumRule().Check(seeded.Y2023), f => f.Code == "T");
        Assert.Equal(("지출액", 21_144_768m, 23_387_991m), (finding.Item, finding.A.Value!.Value, finding.B.Value!.Value));
    }

    [Theory]
    [InlineData("P2.3.2", 151_090, 151_089)] // 점프업5060
    [InlineData("P4.1.1", 183_589, 191_902)] // 정책기획 연구과제
    [InlineData("P4.2.1", 7_345, 7_344)] // 정책 확산 및 교류
    public void ProjectTablesThatDisagreeWithTheAppendixAreReported(string code, int appendix, int projectTable)
    {
        var finding = SeededFacts.OneFinding(new SameFiguresRule().Check(seeded.Y2023), code, "지출액");
        Assert.Equal(((decimal)appendix, (decimal)projectTable), (finding.A.Value!.Value, finding.B.Value!.Value));
        Assert.StartsWith("붙임 집행현황", finding.A.Where, StringComparison.Ordinal);
        Assert.StartsWith("사업별 예산집행현황", finding.B.Where, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("J1.2.1", 286_004, 328_198)]
    [InlineData("J2.2.1", 205_345, 160_390)]
    public void AProjectBlocksRequiredBudgetThatDiffersFromItsLinesIsReported(string project, int required, int lines)
    {
        var finding = Assert.Single(new SameFiguresRule().Check(seeded.Y2023), f => f.Code == project);
        Assert.Equal(((decimal)required, (decimal)lines), (finding.A.Value!.Value, finding.B.Value!.Value));
        Assert.Contains("소요예산", finding.A.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void ProjectBlocksWhoseRequiredBudgetAddsUpAreNotReported()
    {
        var codes = new SameFiguresRule().Check(seeded.Y2023).Select(f => f.Code).ToList();
        Assert.DoesNotContain("J3.2.1", codes); // 591,050 = 311,150 + 279,900
        Assert.DoesNotContain("J4.1.1", codes);
        Assert.DoesNotContain("J5.1.1", codes);
    }

    [Theory]
    [InlineData("P3.2.2", "58.8%", 58.8, 58.9)]
    [InlineData("P4.1.1", "54.14%", 54.14, 54.15)]
    public void StatedRatesThatDoNotMatchTheirAmountsAreReported(string code, string raw, double stated, double computed)
    {
        var finding = Assert.Single(new StatedRateRule().Check(seeded.Y2023), f => f.Code == code && f.Rule == ReconciliationRule.StatedRate);
        Assert.Equal(("집행률(지출 기준)", raw, (decimal)stated, (decimal)computed), (finding.Item, finding.A.Display, finding.A.Value!.Value, finding.B.Value!.Value));
    }

    [Fact]
    public void ACostShareThatDoesNotMatchItsAmountIsReported()
    {
        var finding = Assert.Single(new StatedRateRule().Check(seeded.Y2023), f => f.Item == "비중");
        Assert.Equal(("지속가능 경영 및 사회적책임 강화", 14.0m, 13.9m), (finding.Name, finding.A.Value!.Value, finding.B.Value!.Value));
    }

    [Theory]
    [InlineData("P2.3.2", "집행률(원인행위 기준)", "99.9", "% 기호 없음")]
    [InlineData("P2.3.2", "예상 집행률", "100,0%", "소수점을 쉼표로 표기")]
    [InlineData("P4.1.1", "집행률(지출 기준)", "54.14%", "소수 2자리")]
    [InlineData("P4.1.2", "집행률(지출 기준)", "24.68%", "소수 2자리")]
    public void IrregularlyWrittenRatesAreReportedAsNotation(string code, string item, string raw, string issue)
    {
        var finding = Assert.Single(new StatedRateRule().Check(seeded.Y2023), f => f.Code == code && f.Item == item && f.Rule == ReconciliationRule.RateNotation);
        Assert.Equal((FindingSeverity.Notation, raw), (finding.Severity, finding.A.Display));
        Assert.Contains(issue, finding.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void RatesThatOnlyLookOddButMatchAreNotMismatches()
    {
        var mismatches = new StatedRateRule().Check(seeded.Y2023).Where(f => f.Rule == ReconciliationRule.StatedRate).Select(f => (f.Code, f.Item)).ToList();
        Assert.DoesNotContain(("P2.3.2", "집행률(원인행위 기준)"), mismatches); // 99.9 = 165,890 ÷ 166,004
        Assert.DoesNotContain(("P2.3.2", "예상 집행률"), mismatches); // 100,0% = 166,004 ÷ 166,004
        Assert.DoesNotContain(("P4.1.2", "집행률(지출 기준)"), mismatches); // 24.68% = 67,500 ÷ 273,500
    }

    [Fact]
    public void TheBudgetSummaryAndCostSharesAreComparedWithTheAppendix()
    {
        var findings = new SameFiguresRule().Check(seeded.Y2023).ToList();
        var basic = Assert.Single(findings, f => f.Code == "G.2");
        Assert.Equal((1_978_004m, 1_978_005m), (basic.A.Value!.Value, basic.B.Value!.Value));
        var programmeCosts = Assert.Single(findings, f => f.Code == "P" && f.A.Where.StartsWith("예산 총괄표", StringComparison.Ordinal));
        Assert.Equal((28_318_280m, 28_318_279m), (programmeCosts.A.Value!.Value, programmeCosts.B.Value!.Value));
        // 성과급 (summary) is the appendix's 평가급: matched, equal, so not reported and not left uncompared.
        Assert.DoesNotContain(findings, f => f.Name == "성과급");
    }

    [Fact]
    public void AHeadlineResultThatDiffersFromTheProjectTablesItSummarisesIsReported()
    {
        var findings = new SameResultRule().Check(seeded.Y2023).ToList();
        var finding = Assert.Single(findings, f => f.Severity == FindingSeverity.Mismatch);
        Assert.Equal(("H2023-03", 3_415m, 3_758m), (finding.Code, finding.A.Value!.Value, finding.B.Value!.Value));
        Assert.Contains("J2.1.1 3,678명 + J2.1.2 80명", finding.B.Where, StringComparison.Ordinal);
        // The others agree (1,785 = 412 + 1,373 …) or are in another unit and listed as not compared.
        Assert.DoesNotContain(findings, f => f.Code is "H2023-01" or "H2023-02" or "H2023-04" or "H2023-05" or "H2023-06");
        Assert.Equal(2, findings.Count(f => f.Code is "H2023-07" or "H2023-08"));
        Assert.All(findings.Where(f => f.Code is "H2023-07" or "H2023-08"), f => Assert.Equal(ReconciliationRule.NotCompared, f.Rule));
        // 146석 (637.2㎡) in the text is the sum of the campus table.
        Assert.DoesNotContain(findings, f => f.Code == "공유사무실");
    }

    [Fact]
    public void The2023FiguresBreakNoOtherRule()
    {
        Assert.Empty(new BudgetIdentityRule().Check(seeded.Y2023));
        Assert.Empty(new BalanceRule().Check(seeded.Y2023));
        Assert.Empty(new CommitmentRule().Check(seeded.Y2023));
    }

    [Fact]
    public void The2020RequiredBudgetsAreReconciledWithTheCostShareTable()
    {
        var findings = new SameFiguresRule().Check(seeded.Y2020).ToList();
        var task1 = Assert.Single(findings, f => f.Code == "S1");
        Assert.Equal((5_995_350m, 6_595_350m), (task1.A.Value!.Value, task1.B.Value!.Value));
        Assert.Contains("하위 12개 행 합계", task1.B.Where, StringComparison.Ordinal);
        Assert.Equal((3_759_263m, 3_606_575m), (findings.Single(f => f.Code == "S2").A.Value!.Value, findings.Single(f => f.Code == "S2").B.Value!.Value));
        Assert.Equal(-1m, -findings.Single(f => f.Code == "S4").Difference!.Value);
        // "50+가버너스" (sic) is still recognised as ⑤ 50+거버넌스, and agrees.
        Assert.DoesNotContain(findings, f => f.Code == "S5");
        Assert.Contains(findings, f => f.Rule == ReconciliationRule.NotCompared && f.Name == "중장년층인생재설계및사회참여지원");
        // "[위수탁]서울시 수탁사업" is the one commissioned area (C1, 808,846): paired by funding, and it agrees.
        Assert.DoesNotContain(findings, f => f.Name.StartsWith("[위수탁]", StringComparison.Ordinal));
    }

    [Fact]
    public void TheFullRunOrdersMismatchesFirstAndCountsWhatTheReportsContain()
    {
        var findings = ReconciliationService.Run(seeded.Y2023);
        Assert.Equal(15, findings.Count(f => f.Severity == FindingSeverity.Mismatch));
        // Counted as discrepancies, the +1 in 사업비 (예산 총괄표, 분야별 사업비 표, its own sum) is one, and the 소계 지출액
        // printed twice (a second printing, and a parent that does not add up) is one.
        Assert.Equal(12, Discrepancies.Count(findings, FindingSeverity.Mismatch));
        var groups = Discrepancies.Group(findings);
        Assert.Equal(2, groups.Single(g => g.First.Code == "분야별 사업비" && g.First.Rule == ReconciliationRule.ParentSum).Repeats.Count);
        Assert.Equal([ReconciliationRule.SameFigures], groups.Single(g => g.First.Code == "T").Repeats.Select(r => r.Rule));
        Assert.Equal(4, findings.Count(f => f.Severity == FindingSeverity.Notation));
        Assert.Equal(findings.OrderBy(f => f.Severity).ThenBy(f => f.Rule).Select(f => (f.Severity, f.Rule)), findings.Select(f => (f.Severity, f.Rule)));
        Assert.Equal(3, ReconciliationService.Run(seeded.Y2020).Count(f => f.Severity == FindingSeverity.Mismatch));
        Assert.Equal(3, Discrepancies.Count(ReconciliationService.Run(seeded.Y2020), FindingSeverity.Mismatch));
    }
}
