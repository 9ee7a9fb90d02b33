using Fifty.Ops.Components;
using Fifty.Ops.Infrastructure.Excel;

namespace Fifty.Ops.Features.Budget;

/// <summary>What a figure column is measured in: 천원 amounts or % rates.</summary>
public enum FigureUnit { Thousand, Percent }

/// <summary>What an execution rate divides into 예산현액: 원인행위액 or 지출액. <c>None</c> for a column that is no execution rate.</summary>
public enum RateBase { None, Commitment, Disbursement }

/// <summary>Where a column's figure comes from in the quarterly report.</summary>
public enum FigureOrigin
{
    /// <summary>붙임 예산 집행 현황 (예산현액·당초·추경·예산변경·지출액).</summary>
    Appendix,

    /// <summary>사업별 예산집행현황 (원인행위액·연말 집행예상액).</summary>
    ProjectTable,

    /// <summary>Computed from the other columns (집행잔액 and the rates).</summary>
    Computed,
}

/// <summary>
/// One figure column of the execution table, defined once for the table on /budget, the printed report, the execution
/// workbook, the quarterly workbook and the reconciliation rules (<see cref="AmountColumn"/>).
/// </summary>
/// <param name="Label">The field's standard term as a heading ("예산현액", "집행률").</param>
/// <param name="Unit">천원 or %; decides the number format everywhere.</param>
/// <param name="Value">The row's figure; null when the report states none (shown as a blank, never as 0).</param>
/// <param name="Origin">Which part of the report states the figure, or that it is computed.</param>
/// <param name="Base">For a rate: what it divides into 예산현액.</param>
/// <param name="Formula">For a computed amount: how it is computed ("예산현액−지출액"); shown under the heading.</param>
/// <param name="PrintLabel">A shorter heading for the printed report's narrow page; null to print <paramref name="Label"/>.</param>
/// <param name="SheetWidth">Column width in the execution sheet (Excel character units).</param>
/// <param name="Printed">False for a column the printed report leaves out (예상 집행률).</param>
public sealed record ExecutionColumn(
    string Label,
    FigureUnit Unit,
    Func<ExecutionRow, decimal?> Value,
    FigureOrigin Origin,
    RateBase Base = RateBase.None,
    string? Formula = null,
    string? PrintLabel = null,
    double SheetWidth = 13,
    bool Printed = true)
{
    /// <summary>"원인행위" or "지출" for a rate; null otherwise.</summary>
    public string? BaseLabel => Base switch
    {
        RateBase.Commitment => "원인행위",
        RateBase.Disbursement => "지출",
        _ => null,
    };

    /// <summary>The line under the heading: the rate's base ("원인행위 기준") or the formula; null when there is none.</summary>
    public string? Note => BaseLabel is { } b ? $"{b} 기준" : Formula;

    /// <summary>The heading in a workbook cell: the note in brackets on a second line, else the label broken at its first space.</summary>
    public string SheetHeading => Note is { } note ? $"{Label}\n({note})" : BreakAtFirstSpace(Label, "\n");

    /// <summary>The printed report's heading lines: the (short) label broken at its first space, or the label and the rate base.</summary>
    public IReadOnlyList<string> PrintLines =>
        BaseLabel is { } b ? [PrintLabel ?? Label, $"({b})"] : BreakAtFirstSpace(PrintLabel ?? Label, "\n").Split('\n');

    /// <summary>The Excel number format of the column (<see cref="CellStyle.Formats"/>).</summary>
    public string SheetFormat => Unit == FigureUnit.Percent ? CellStyle.Formats.Percent : CellStyle.Formats.Amount;

    /// <summary>The figure as the printed report writes it: 천원 with thousands separators, or a percentage; <see cref="Fmt.None"/> for null.</summary>
    public string Format(decimal? value) => Unit == FigureUnit.Percent ? Fmt.Percent(value) : Fmt.Amount(value);

    private static string BreakAtFirstSpace(string text, string lineBreak)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? text : text[..space] + lineBreak + text[(space + 1)..];
    }
}

/// <summary>The execution table's columns, in the order every rendering shows them.</summary>
public static class ExecutionColumns
{
    public static readonly ExecutionColumn CurrentBudget = new("예산현액", FigureUnit.Thousand, r => r.CurrentBudget, FigureOrigin.Appendix);
    public static readonly ExecutionColumn Original = new("당초", FigureUnit.Thousand, r => r.Original, FigureOrigin.Appendix);
    public static readonly ExecutionColumn Supplementary = new("추경", FigureUnit.Thousand, r => r.Supplementary, FigureOrigin.Appendix);
    public static readonly ExecutionColumn Transfers = new("예산변경", FigureUnit.Thousand, r => r.Transfers, FigureOrigin.Appendix, SheetWidth: 11);
    public static readonly ExecutionColumn Committed = new("원인행위액", FigureUnit.Thousand, r => r.Committed, FigureOrigin.ProjectTable);
    public static readonly ExecutionColumn Disbursed = new("지출액", FigureUnit.Thousand, r => r.Disbursed, FigureOrigin.Appendix);
    public static readonly ExecutionColumn Remaining = new("집행잔액", FigureUnit.Thousand, r => r.Remaining, FigureOrigin.Computed, Formula: "예산현액−지출액");
    public static readonly ExecutionColumn CommittedRate = new("집행률", FigureUnit.Percent, r => r.CommittedRate, FigureOrigin.Computed, RateBase.Commitment, SheetWidth: 10);
    public static readonly ExecutionColumn DisbursedRate = new("집행률", FigureUnit.Percent, r => r.DisbursedRate, FigureOrigin.Computed, RateBase.Disbursement, SheetWidth: 10);
    public static readonly ExecutionColumn Forecast = new("연말 집행예상액", FigureUnit.Thousand, r => r.Forecast, FigureOrigin.ProjectTable, PrintLabel: "연말 예상액");
    public static readonly ExecutionColumn ForecastRate = new("예상 집행률", FigureUnit.Percent, r => r.ForecastRate, FigureOrigin.Computed, SheetWidth: 9, Printed: false);

    /// <summary>A year whose report has no execution appendix (2020) shows only each project block's 소요예산, stored as 예산현액.</summary>
    public static readonly ExecutionColumn RequiredBudget = new("소요예산", FigureUnit.Thousand, r => r.CurrentBudget, FigureOrigin.Appendix, SheetWidth: 14);

    /// <summary>Every figure column of the execution table, in order.</summary>
    public static readonly IReadOnlyList<ExecutionColumn> All =
        [CurrentBudget, Original, Supplementary, Transfers, Committed, Disbursed, Remaining, CommittedRate, DisbursedRate, Forecast, ForecastRate];

    /// <summary>
    /// 당초 · 추경 · 예산변경: what makes up 예산현액. The table on /budget swaps these for the 전년 동기 columns when
    /// comparing with the previous year.
    /// </summary>
    public static readonly IReadOnlyList<ExecutionColumn> Composition = [Original, Supplementary, Transfers];

    /// <summary>The columns the printed report's table carries.</summary>
    public static IEnumerable<ExecutionColumn> Printed => All.Where(c => c.Printed);

    /// <summary>The columns as the report's 붙임 예산 집행 현황 prints them (the quarterly workbook's 붙임 sheet).</summary>
    public static IEnumerable<ExecutionColumn> Appendix => All.Where(c => c.Origin == FigureOrigin.Appendix);
}
