using Microsoft.Extensions.Options;

namespace Fifty.Ops.Features.Budget;

/// <summary>
/// The disbursement share a line is expected to have reached by the end of each quarter (configuration section
/// <c>Budget:Pace</c>), and how far from it a line may be before it is flagged. Defaults: linear 25/50/75/100%; 집행부진
/// below the line by more than 15 percentage points (about two months of a linear year: payments trail contracts by
/// their payment terms, so a tighter band flags most lines for normal lag), 과다집행 above it by more than 10 points or
/// beyond 예산현액.
/// </summary>
public sealed class PaceOptions
{
    public const string Section = "Budget:Pace";

    public decimal Q1 { get; set; } = 0.25m;
    public decimal Q2 { get; set; } = 0.50m;
    public decimal Q3 { get; set; } = 0.75m;
    public decimal Q4 { get; set; } = 1.00m;

    /// <summary>A line whose 지출 기준 집행률 is more than this below the expected share is 집행부진.</summary>
    public decimal BehindTolerance { get; set; } = 0.15m;

    /// <summary>A line whose 지출 기준 집행률 is more than this above the expected share is 과다집행.</summary>
    public decimal AheadTolerance { get; set; } = 0.10m;

    public decimal ExpectedShare(int quarter) => quarter switch
    {
        1 => Q1,
        2 => Q2,
        3 => Q3,
        4 => Q4,
        _ => throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "분기는 1~4입니다."),
    };

    /// <summary>Korean messages for a configuration that cannot describe a pace; empty when usable.</summary>
    public IEnumerable<string> Problems()
    {
        decimal[] shares = [Q1, Q2, Q3, Q4];
        if (shares.Any(s => s <= 0 || s > 1)) yield return "Budget:Pace:Q1~Q4는 0보다 크고 1 이하여야 합니다.";
        if (shares.Zip(shares.Skip(1)).Any(p => p.Second < p.First)) yield return "Budget:Pace:Q1~Q4는 분기가 지날수록 줄어들 수 없습니다.";
        if (BehindTolerance < 0 || AheadTolerance < 0) yield return "Budget:Pace 허용 범위(BehindTolerance, AheadTolerance)는 0 이상이어야 합니다.";
    }
}

/// <summary>Refuses to start with a pace that cannot be meant (a share above 100%, falling shares, a negative band).</summary>
public sealed class PaceOptionsValidator : IValidateOptions<PaceOptions>
{
    public ValidateOptionsResult Validate(string? name, PaceOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

public enum PaceStatus
{
    /// <summary>No rate to judge: no budget or no disbursement figure, or nothing spent against a zero budget.</summary>
    NoData,
    OnPace,
    Behind,
    Ahead,
}

/// <summary>A line's 지출 기준 집행률 against the share expected at the quarter's end.</summary>
/// <param name="GapAmount">지출액 minus the amount the expected share of 예산현액 would be (천원); negative when behind.</param>
public sealed record PaceAssessment(PaceStatus Status, decimal Expected, decimal? Rate, decimal? Gap, decimal? GapAmount);

public static class ExecutionPace
{
    public static PaceAssessment Assess(decimal? currentBudget, decimal? disbursed, int quarter, PaceOptions options)
    {
        var expected = options.ExpectedShare(quarter);
        if (currentBudget is null || disbursed is null) return new PaceAssessment(PaceStatus.NoData, expected, null, null, null);
        if (currentBudget <= 0)
        {
            // No rate exists, but spending above a zero (or negative) budget is still 과다집행: the guard only skips
            // the ratio, never the check that needs none.
            return disbursed > currentBudget
                ? new PaceAssessment(PaceStatus.Ahead, expected, null, null, disbursed.Value - expected * currentBudget.Value)
                : new PaceAssessment(PaceStatus.NoData, expected, null, null, null);
        }

        var rate = disbursed.Value / currentBudget.Value;
        var gap = rate - expected;
        var status = gap < -options.BehindTolerance ? PaceStatus.Behind
            : gap > options.AheadTolerance || disbursed > currentBudget ? PaceStatus.Ahead
            : PaceStatus.OnPace;
        return new PaceAssessment(status, expected, rate, gap, disbursed.Value - expected * currentBudget.Value);
    }

    public static string Label(this PaceStatus status) => status switch
    {
        PaceStatus.Behind => "집행부진",
        PaceStatus.Ahead => "과다집행",
        PaceStatus.OnPace => "정상",
        _ => "판단 불가",
    };

    /// <summary>Status is never told by colour alone.</summary>
    public static string Symbol(this PaceStatus status) => status switch
    {
        PaceStatus.Behind => "▼",
        PaceStatus.Ahead => "▲",
        PaceStatus.OnPace => "●",
        _ => "—",
    };
}
