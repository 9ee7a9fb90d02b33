using System.Security.Claims;
using Fifty.Ops.Components;
using Fifty.Ops.Domain;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Features.Projects;
using Fifty.Ops.Infrastructure.Auditing;
using Fifty.Ops.Infrastructure.Security;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fifty.Ops.Tests.Indicators;

/// <summary>Writes, on a database of their own.</summary>
public sealed class IndicatorCommentaryTests(SeededDatabase database) : IClassFixture<SeededDatabase>
{
    private IndicatorQueryService Queries => new(database.Factory, new PeriodService(database.Factory));

    private static readonly ClaimsPrincipal Planner = TestAccounts.Principal(AppRoles.Planner);
    private static readonly ClaimsPrincipal Director = TestAccounts.Principal(AppRoles.Director);

    private IndicatorCommentaryService Writes
    {
        get
        {
            var actors = new ActorAccessor();
            return new IndicatorCommentaryService(database.Factory, TimeProvider.System,
                new AccessGuard(new AuditLog(database.Factory, actors, TimeProvider.System)), actors);
        }
    }

    private async Task<int> IdOf(string code)
    {
        await using var db = database.CreateContext();
        return await db.Indicators.Where(i => i.Code == code).Select(i => i.Id).SingleAsync();
    }

    [Fact]
    public async Task AShortfallAtAClosedPeriodNeedsAnExplanationWhichOnlyAReopenedPeriodTakes()
    {
        await PeriodSwitch.SetClosedAsync(database, 2020, 3, closed: true);
        var id = await IdOf("I2020-02");
        var before = await Queries.GetListAsync(2020, 3);
        Assert.True(before.Period!.IsClosed);
        var row = before.Rows.Single(r => r.Id == id);
        Assert.Equal(AchievementStatus.Shortfall, row.Achievement.Status);
        Assert.True(row.NeedsExplanation);
        Assert.False(before.Rows.Single(r => r.Code == "I2020-10").NeedsExplanation);

        // A closed quarter's report never changes: its commentary is read-only, with a Korean message saying why.
        var refused = await Writes.SaveAsync(Planner, id, 2020, 3, new CommentaryInput { Cause = "코로나19로 대면 교육 중단" });
        Assert.Equal("2020년 3분기는 마감되어 설명(원인 분석·조치 계획)을 쓰거나 고칠 수 없습니다 (2020. 7. 31. 기준 보고). 마감된 보고서의 설명은 읽기 전용입니다. 고치려면 관리자가 기간을 다시 열어야 합니다.", refused.Errors[""]);
        await using (var db = database.CreateContext())
        {
            Assert.False(await db.IndicatorComments.AnyAsync(c => c.IndicatorId == id));
        }

        await PeriodSwitch.SetClosedAsync(database, 2020, 3, closed: false);
        var saved = await Writes.SaveAsync(Planner, id, 2020, 3, new CommentaryInput { Cause = "코로나19로 대면 교육 중단", Action = "온라인 과정 확대" });
        Assert.True(saved.Succeeded);
        await PeriodSwitch.SetClosedAsync(database, 2020, 3, closed: true);

        var after = await Queries.GetDetailAsync(id, 3);
        Assert.False(after!.Row.NeedsExplanation);
        var c = after.Commentary.Single(x => x.Quarter == 3);
        Assert.Equal("코로나19로 대면 교육 중단", c.Cause);
        Assert.Equal(TestAccounts.DisplayName(AppRoles.Planner), c.Author);
        Assert.False(c.NeedsExplanation);
        var list = await Queries.GetListAsync(2020, 3);
        Assert.Equal(before.NeedingExplanation - 1, list.NeedingExplanation);
        // The list (and so the report built from it) carries the commentary next to its indicator.
        Assert.Equal(("코로나19로 대면 교육 중단", "온라인 과정 확대"), (list.Rows.Single(r => r.Id == id).Comment!.Cause, list.Rows.Single(r => r.Id == id).Comment!.Action));
    }

    [Fact]
    public async Task TwoPeopleEditingTheSameCommentaryTheSecondIsShownTheFirstsChangeInsteadOfOverwritingIt()
    {
        await PeriodSwitch.SetClosedAsync(database, 2020, 3, closed: false);
        var id = await IdOf("I2020-06");
        var planner = new CommentaryInput { Cause = "기획 설명" };  // both opened the page before anything was written
        var director = new CommentaryInput { Cause = "간부 설명" };
        Assert.True((await Writes.SaveAsync(Planner, id, 2020, 3, planner)).Succeeded);

        var conflict = await Writes.SaveAsync(Director, id, 2020, 3, director);
        Assert.False(conflict.Succeeded);
        Assert.Contains("먼저 저장했습니다", conflict.Errors[""], StringComparison.Ordinal);
        Assert.Contains("“기획 설명”", conflict.Errors[""], StringComparison.Ordinal);
        Assert.Equal("기획 설명", (await Queries.GetDetailAsync(id, 3))!.Commentary.Single(c => c.Quarter == 3).Cause);

        // Having seen it, saving again is a deliberate overwrite.
        Assert.True((await Writes.SaveAsync(Director, id, 2020, 3, director)).Succeeded);
        Assert.Equal("간부 설명", (await Queries.GetDetailAsync(id, 3))!.Commentary.Single(c => c.Quarter == 3).Cause);
    }

    [Fact]
    public async Task SavingAgainUpdatesTheSameCommentary()
    {
        await PeriodSwitch.SetClosedAsync(database, 2020, 3, closed: false);
        var id = await IdOf("I2020-03");
        var first = new CommentaryInput { Cause = "첫 설명" };
        Assert.True((await Writes.SaveAsync(Planner, id, 2020, 3, first)).Succeeded);
        var reopened = (await Queries.GetDetailAsync(id, 3))!.Commentary.Single(c => c.Quarter == 3);
        Assert.Equal(first.Version, reopened.Version);
        Assert.True((await Writes.SaveAsync(Director, id, 2020, 3, new CommentaryInput { Cause = "고친 설명", Action = "조치", Version = reopened.Version })).Succeeded);
        await using var db = database.CreateContext();
        var comments = await db.IndicatorComments.Where(c => c.IndicatorId == id).ToListAsync();
        var comment = Assert.Single(comments);
        Assert.Equal("고친 설명", comment.Cause);
        Assert.Equal(TestAccounts.DisplayName(AppRoles.Director), comment.Author);
    }

    [Theory]
    [InlineData("", "", "Cause", "원인 분석과 조치 계획 중 하나 이상을 입력하세요.")]
    [InlineData("  ", "\n", "Cause", "원인 분석과 조치 계획 중 하나 이상을 입력하세요.")]
    public async Task InvalidCommentaryIsRefusedWithAKoreanMessageNamingTheField(string cause, string action, string field, string message)
    {
        var id = await IdOf("I2020-04");
        var result = await Writes.SaveAsync(Planner, id, 2020, 3, new CommentaryInput { Cause = cause, Action = action });
        Assert.Equal(message, result.Errors[field]);
        await using var db = database.CreateContext();
        Assert.False(await db.IndicatorComments.AnyAsync(c => c.IndicatorId == id));
    }

    [Fact]
    public async Task TooLongCommentaryIsRefusedAndSaysHowLongItIs()
    {
        var result = IndicatorCommentaryService.Validate(new CommentaryInput { Cause = new string('가', 2001) });
        Assert.Equal("원인 분석은 2,000자 이내로 입력하세요 (현재 2,001자).", result["Cause"]);
    }

    [Fact]
    public async Task CommentaryForAPeriodOfAnotherYearOrAnUnknownIndicatorIsRefused()
    {
        var id = await IdOf("I2020-04");
        var otherYear = await Writes.SaveAsync(Planner, id, 2023, 3, new CommentaryInput { Cause = "x" });
        Assert.Equal("이 지표는 2020년 지표입니다. 2023년 기간에는 설명을 쓸 수 없습니다.", otherYear.Errors[""]);
        var unknown = await Writes.SaveAsync(Planner, 999_999, 2020, 3, new CommentaryInput { Cause = "x" });
        Assert.False(unknown.Succeeded);
    }

    [Fact]
    public async Task APerIndicatorThresholdChangesTheStatusAndAnInvalidOneChangesNothing()
    {
        var id = await IdOf("I2020-14"); // 120 of 270 at 7월말: 76.2% of the pro-rata target, 미달 at the default 90%
        Assert.Equal(AchievementStatus.Shortfall, (await Queries.GetDetailAsync(id, 3))!.Row.Achievement.Status);

        var invalid = await Writes.SetCautionThresholdAsync(Planner, id, 120m);
        Assert.Contains("0 초과 100 미만", invalid.Errors["Threshold"], StringComparison.Ordinal);
        Assert.Equal(AchievementStatus.Shortfall, (await Queries.GetDetailAsync(id, 3))!.Row.Achievement.Status);

        Assert.True((await Writes.SetCautionThresholdAsync(Planner, id, 75m)).Succeeded);
        var lowered = (await Queries.GetDetailAsync(id, 3))!.Row;
        Assert.Equal(AchievementStatus.Caution, lowered.Achievement.Status);
        Assert.Equal(0.75m, lowered.CautionThreshold);
        Assert.True(lowered.HasOwnThreshold);

        Assert.True((await Writes.SetCautionThresholdAsync(Planner, id, null)).Succeeded);
        Assert.Equal(AchievementStatus.Shortfall, (await Queries.GetDetailAsync(id, 3))!.Row.Achievement.Status);
    }
}
