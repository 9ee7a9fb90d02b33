using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Features.Indicators;

/// <summary>What a planner types for one indicator and one reporting period.</summary>
public sealed class CommentaryInput
{
    public string Cause { get; set; } = "";
    public string Action { get; set; } = "";
    public string Author { get; set; } = "";
}

/// <summary>Errors keyed by the input field they belong to ("" for the form as a whole); empty when saved.</summary>
public sealed record WriteResult(IReadOnlyDictionary<string, string> Errors)
{
    public static readonly WriteResult Saved = new(new Dictionary<string, string>());

    public bool Succeeded => Errors.Count == 0;

    public static WriteResult Fail(string field, string message) => new(new Dictionary<string, string> { [field] = message });
}

/// <summary>
/// The planner's writes on an indicator: 원인 분석 / 조치 계획 per period and the 주의 threshold. Commentary is accepted
/// for closed periods too, because explaining a closed quarter's shortfall is exactly what it is for; it never changes
/// a figure.
/// </summary>
public sealed class IndicatorCommentaryService(IDbContextFactory<FiftyOpsDbContext> factory, TimeProvider clock)
{
    public const int MaxTextLength = 2000;
    public const int MaxAuthorLength = 50;

    public static Dictionary<string, string> Validate(CommentaryInput input)
    {
        var errors = new Dictionary<string, string>();
        var cause = input.Cause.Trim();
        var action = input.Action.Trim();
        if (cause.Length == 0 && action.Length == 0)
            errors[nameof(CommentaryInput.Cause)] = "원인 분석과 조치 계획 중 하나 이상을 입력하세요.";
        if (cause.Length > MaxTextLength)
            errors[nameof(CommentaryInput.Cause)] = $"원인 분석은 {MaxTextLength:#,##0}자 이내로 입력하세요 (현재 {cause.Length:#,##0}자).";
        if (action.Length > MaxTextLength)
            errors[nameof(CommentaryInput.Action)] = $"조치 계획은 {MaxTextLength:#,##0}자 이내로 입력하세요 (현재 {action.Length:#,##0}자).";
        if (input.Author.Trim().Length == 0)
            errors[nameof(CommentaryInput.Author)] = "작성자를 입력하세요.";
        else if (input.Author.Trim().Length > MaxAuthorLength)
            errors[nameof(CommentaryInput.Author)] = $"작성자는 {MaxAuthorLength}자 이내로 입력하세요.";
        return errors;
    }

    public async Task<WriteResult> SaveAsync(int indicatorId, int year, int quarter, CommentaryInput input, CancellationToken ct = default)
    {
        var errors = Validate(input);
        if (errors.Count > 0) return new WriteResult(errors);

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var indicatorYear = await db.Indicators.Where(i => i.Id == indicatorId).Select(i => (int?)i.Year).FirstOrDefaultAsync(ct);
        if (indicatorYear is null) return WriteResult.Fail("", "지표를 찾을 수 없습니다. 목록에서 다시 선택하세요.");
        var periodId = await db.ReportingPeriods.Where(p => p.Year == year && p.Quarter == quarter).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        if (periodId is null) return WriteResult.Fail("", $"{year}년 {quarter}분기 보고 기간이 없습니다.");
        if (year != indicatorYear) return WriteResult.Fail("", $"이 지표는 {indicatorYear}년 지표입니다. {year}년 기간에는 설명을 쓸 수 없습니다.");

        var comment = await db.IndicatorComments.AsTracking()
            .FirstOrDefaultAsync(c => c.IndicatorId == indicatorId && c.ReportingPeriodId == periodId, ct);
        if (comment is null)
        {
            comment = new IndicatorComment { IndicatorId = indicatorId, ReportingPeriodId = periodId.Value };
            db.IndicatorComments.Add(comment);
        }

        comment.Cause = input.Cause.Trim();
        comment.Action = input.Action.Trim();
        comment.Author = input.Author.Trim();
        comment.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return WriteResult.Saved;
    }

    /// <summary>Sets the ratio from which the status is 주의 rather than 미달 (given as a percentage); null restores the default.</summary>
    public async Task<WriteResult> SetCautionThresholdAsync(int indicatorId, decimal? percent, CancellationToken ct = default)
    {
        if (percent is { } p && (p <= 0m || p >= 100m || decimal.Round(p, 1) != p))
            return WriteResult.Fail("Threshold", "주의 기준은 0 초과 100 미만, 소수 첫째 자리까지의 백분율이어야 합니다 (예: 90 또는 85.5).");

        var ratio = percent / 100m;
        await using var db = await factory.CreateDbContextAsync(ct);
        var changed = await db.Indicators.Where(i => i.Id == indicatorId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.CautionThreshold, ratio), ct);
        return changed == 1 ? WriteResult.Saved : WriteResult.Fail("", "지표를 찾을 수 없습니다. 목록에서 다시 선택하세요.");
    }
}
