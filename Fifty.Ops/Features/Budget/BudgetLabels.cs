using Fifty.Ops.Domain;

namespace Fifty.Ops.Features.Budget;

public static class BudgetLabels
{
    /// <summary>The badge of a funding source other than the city contribution (출연금), which is the default and unmarked.</summary>
    public static string Funding(FundingSource funding) => funding switch
    {
        FundingSource.Subsidy => "보조금",
        FundingSource.Donation => "기부금",
        FundingSource.Commissioned => "위수탁",
        FundingSource.Own => "자체",
        _ => "출연금",
    };

    /// <summary>The badge as the reports mark such lines: [보조금], [기부금], 위수탁.</summary>
    public static string FundingBadge(FundingSource funding) => funding switch
    {
        FundingSource.Subsidy or FundingSource.Donation => $"[{Funding(funding)}]",
        _ => Funding(funding),
    };

    public static string Kind(ProgrammeKind kind) => kind switch
    {
        ProgrammeKind.Total => "소계",
        ProgrammeKind.ProgrammeCosts => "사업비",
        ProgrammeKind.Overheads => "일반관리비",
        ProgrammeKind.PolicyArea => "정책",
        ProgrammeKind.UnitProject => "단위사업",
        ProgrammeKind.DetailedProject => "세부사업",
        ProgrammeKind.OverheadItem => "관리비 항목",
        ProgrammeKind.StrategicTask => "전략과제",
        ProgrammeKind.Project => "사업",
        _ => "",
    };
}

/// <summary>The report sections a budget line is printed in, as a finding or a note names them.</summary>
public static class BudgetSectionLabels
{
    public static string Label(this BudgetSection section) => section switch
    {
        BudgetSection.Appendix => "붙임 집행현황",
        BudgetSection.ProjectTable => "사업별 예산집행현황",
        BudgetSection.RequiredBudget => "사업개요 소요예산",
        _ => "입력",
    };
}
