using System.Globalization;
using System.Security.Claims;
using Fifty.Ops.Data;
using Fifty.Ops.Domain;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Fifty.Ops.Infrastructure;

namespace Fifty.Ops.Features.Indicators;

/// <summary>What a planner or director types for one indicator and one reporting period; the author is the signed-in user.</summary>
public sealed class CommentaryInput
{
    public string Cause { get; set; } = "";
    public string Action { get; set; } = "";

    /// <summary>The stored commentary's version when the form was filled (0: there was none); a newer one is not overwritten.</summary>
    public int Version { get; set; }
}

/// <summary>
/// Writes on an indicator: 원인 분석 / 조치 계획 per period (planners and directors) and the 주의 threshold (planners).
/// Each call names its user and is refused — with a Korean message and an audit entry — when their roles do not allow
/// it, whatever the screen showed. Commentary is printed in the quarter's report next to its indicator, so, like every
/// other figure of a closed quarter, it is read-only once the quarter (or a later one of its year) is closed: an
/// administrator reopens the quarter to add a missing explanation.
/// </summary>
public sealed class IndicatorCommentaryService(IDbContextFactory<FiftyOpsDbContext> factory, TimeProvider clock, AccessGuard guard, ActorAccessor actors)
{
    public const int MaxTextLength = 2000;
    public const string CommentAction = "성과지표 설명(원인 분석·조치 계획) 작성";
    public const string ThresholdAction = "성과지표 주의 기준 변경";

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
        return errors;
    }

    /// <summary>
    /// Saves an indicator's 원인 분석 / 조치 계획 for one period (planners and directors: CanComment). Refused while the quarter
    /// or a later one of its year is closed (<see cref="PeriodLock"/>), or when someone saved after the form opened
    /// (<c>input.Version</c> is not the stored one). Texts are trimmed and at most <see cref="MaxTextLength"/> characters.
    /// </summary>
    /// <returns>Saved (no message); or refused with errors keyed by <see cref="CommentaryInput"/> property or <see cref="WriteResult.General"/>.</returns>
    public async Task<WriteResult> SaveAsync(ClaimsPrincipal user, int indicatorId, int year, int quarter, CommentaryInput input, CancellationToken ct = default)
    {
        if (await guard.RefuseAsync(user, Policies.CanComment, CommentAction, "Indicator", indicatorId.ToString(CultureInfo.InvariantCulture), ct) is { } refused) return refused;
        var errors = Validate(input);
        if (errors.Count > 0) return WriteResult.Invalid(errors);

        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = actors.For(user);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var indicatorYear = await db.Indicators.Where(i => i.Id == indicatorId).Select(i => (int?)i.Year).FirstOrDefaultAsync(ct);
        if (indicatorYear is null) return WriteResult.Fail("", "지표를 찾을 수 없습니다. 목록에서 다시 선택하세요.");
        var periodId = await db.ReportingPeriods.Where(p => p.Year == year && p.Quarter == quarter).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        if (periodId is null) return WriteResult.Fail("", $"{year}년 {quarter}분기 보고 기간이 없습니다.");
        if (year != indicatorYear) return WriteResult.Fail("", $"이 지표는 {indicatorYear}년 지표입니다. {year}년 기간에는 설명을 쓸 수 없습니다.");
        if ((await Features.DataEntry.PeriodLock.StateAsync(db, year, quarter, ct))?.LockedReason is { } locked)
            return WriteResult.Fail("", ClosedMessage(locked));

        var comment = await db.IndicatorComments.AsTracking()
            .FirstOrDefaultAsync(c => c.IndicatorId == indicatorId && c.ReportingPeriodId == periodId, ct);
        if ((comment?.Version ?? 0) != input.Version)
        {
            // Someone saved after this form was filled: show what they wrote instead of silently replacing it. The form
            // takes the newer version, so saving again is a deliberate overwrite.
            input.Version = comment?.Version ?? 0;
            return WriteResult.Fail("", comment is null
                ? "그사이 다른 사람이 이 기간의 설명을 지웠습니다. 내용을 확인하고 다시 저장하세요."
                : $"그사이 {comment.Author}님이 {comment.UpdatedAt.ToKorea():yyyy. M. d. HH:mm}에 먼저 저장했습니다 (원인 분석: “{comment.Cause}”, 조치 계획: “{comment.Action}”). 내용을 확인하고, 바꾸려면 다시 저장하세요.");
        }

        if (comment is null)
        {
            comment = new IndicatorComment { IndicatorId = indicatorId, ReportingPeriodId = periodId.Value };
            db.IndicatorComments.Add(comment);
        }

        comment.Cause = input.Cause.Trim();
        comment.Action = input.Action.Trim();
        comment.Author = FiftyOpsClaims.DisplayNameOf(user);
        comment.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        input.Version = comment.Version;
        return WriteResult.Ok();
    }

    /// <summary>The refusal for a closed quarter: why, and who can make it writable again.</summary>
    public static string ClosedMessage(string reason) =>
        $"{reason.Replace("입력할 수 없습니다", "설명(원인 분석·조치 계획)을 쓰거나 고칠 수 없습니다", StringComparison.Ordinal)} 마감된 보고서의 설명은 읽기 전용입니다. 고치려면 관리자가 기간을 다시 열어야 합니다.";

    /// <summary>Sets the ratio from which the status is 주의 rather than 미달 (given as a percentage); null restores the default.</summary>
    public async Task<WriteResult> SetCautionThresholdAsync(ClaimsPrincipal user, int indicatorId, decimal? percent, CancellationToken ct = default)
    {
        if (await guard.RefuseAsync(user, Policies.CanEditFigures, ThresholdAction, "Indicator", indicatorId.ToString(CultureInfo.InvariantCulture), ct) is { } refused) return refused;
        if (percent is { } p && (p <= 0m || p >= 100m || decimal.Round(p, 1) != p))
            return WriteResult.Fail("Threshold", "주의 기준은 0 초과 100 미만, 소수 첫째 자리까지의 백분율이어야 합니다 (예: 90 또는 85.5).");

        // Through the change tracker, so the audit trail gets the old and the new threshold in the same transaction.
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = actors.For(user);
        var indicator = await db.Indicators.AsTracking().FirstOrDefaultAsync(i => i.Id == indicatorId, ct);
        if (indicator is null) return WriteResult.Fail("", "지표를 찾을 수 없습니다. 목록에서 다시 선택하세요.");
        indicator.CautionThreshold = percent / 100m;
        await db.SaveChangesAsync(ct);
        return WriteResult.Ok();
    }
}
