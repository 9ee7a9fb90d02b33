using Fifty.Ops.Domain;
using Fifty.Ops.Features.FiscalYear;
using Fifty.Ops.Features.FiscalYear.Indicators;
using Fifty.Ops.Features.Indicators;
using Fifty.Ops.Features.Periods;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.FiscalYear;

/// <summary>Indicators of a year (/setup/indicators) and the one achievement rule they are judged by.</summary>
public sealed class IndicatorsSetupTests : IAsyncLifetime
{
    private readonly SeededDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var created = await new FiscalYearService(_db.Factory, TimeProvider.System, Guard(_db.Factory)).CreateFromAsync(Planner, 2024, 2023);
        Assert.True(created.Done, created.Message);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private IndicatorSetupService Service() => new(_db.Factory, Guard(_db.Factory), TimeProvider.System);

    private static IndicatorSetupForm Satisfaction() => new()
    {
        Field = "중장년 생애·경력설계 지원", Name = "상담 만족도", Unit = "점", Direction = Direction.Higher,
        Accumulation = IndicatorAccumulation.PointInTime, YearTarget = "90", Q2 = "85", Caution = "95", RelatedProjects = ["J4.1.1"],
    };

    [Fact]
    public async Task ANewIndicatorIsAddedWithItsTargetsAndEditedAndItsTargetsAreApproved()
    {
        var saved = await Service().SaveAsync(Planner, 2024, Satisfaction());
        Assert.True(saved.Saved, string.Join(" / ", saved.Errors.Values));
        var row = (await Service().GetAsync(2024)).Rows.Single(r => r.Code == saved.Token);
        Assert.Equal(("상담 만족도", "시점", "90", false, 0.95m), (row.Name, row.AccumulationLabel, row.YearTarget!.Raw, row.YearTarget.IsDraft, row.CautionThreshold!.Value));
        Assert.Equal([null, "85", null, null], row.QuarterTargets.Select(t => t?.Raw));
        Assert.Equal(["J4.1.1"], row.RelatedProjects);

        var edit = IndicatorSetupForm.From(row);
        edit.Name = "생애설계 상담 만족도";
        edit.Q2 = "";
        Assert.True((await Service().SaveAsync(Planner, 2024, edit)).Saved);
        var edited = (await Service().GetAsync(2024)).Rows.Single(r => r.Code == saved.Token);
        Assert.Equal("생애설계 상담 만족도", edited.Name);
        Assert.NotEmpty(edited.QuarterTargets);
        Assert.All(edited.QuarterTargets, Assert.Null);
        Assert.Equal(IndicatorKind.Promise, edited.Kind);

        // 구분 is chosen on the form: a 주요 사업 실적 indicator is added as one, and an edit can move it.
        var headline = Satisfaction();
        headline.Name = "캠퍼스 방문자";
        headline.Kind = IndicatorKind.Headline;
        var added = await Service().SaveAsync(Planner, 2024, headline);
        Assert.True(added.Saved, string.Join(" / ", added.Errors.Values));
        var headlineRow = (await Service().GetAsync(2024)).Rows.Single(r => r.Code == added.Token);
        Assert.Equal(IndicatorKind.Headline, headlineRow.Kind);
        var moved = IndicatorSetupForm.From(headlineRow);
        Assert.Equal(IndicatorKind.Headline, moved.Kind);
        moved.Kind = IndicatorKind.Project;
        Assert.True((await Service().SaveAsync(Planner, 2024, moved)).Saved);
        Assert.Equal(IndicatorKind.Project, (await Service().GetAsync(2024)).Rows.Single(r => r.Code == added.Token).Kind);
    }

    [Fact]
    public async Task DraftTargetsOfTheRolloverAreApprovedAndTheApprovalIsAudited()
    {
        var audited = new IndicatorSetupService(_db.AuditedFactory(new Fifty.Ops.Infrastructure.Auditing.ActorAccessor(), TimeProvider.System), Guard(_db.Factory), TimeProvider.System);
        var page = await Service().GetAsync(2024);
        Assert.True(page.DraftCount > 5);
        int drafts;
        await using (var before = _db.CreateContext()) drafts = await before.IndicatorValues.CountAsync(v => v.Year == 2024 && v.IsDraft);
        var one = page.Rows.First(r => r.HasDraft);
        Assert.True((await Service().ApproveDraftsAsync(Planner, 2024, [one.Id])).Saved);
        Assert.False((await Service().GetAsync(2024)).Rows.Single(r => r.Id == one.Id).HasDraft);
        Assert.Equal(page.DraftCount - 1, (await Service().GetAsync(2024)).DraftCount);

        var all = await audited.ApproveDraftsAsync(Planner, 2024);
        Assert.True(all.Saved);
        Assert.Equal(0, (await Service().GetAsync(2024)).DraftCount);
        Assert.Equal("2024년에 승인할 목표 초안이 없습니다.", (await Service().ApproveDraftsAsync(Planner, 2024)).Errors[""]);

        await using var db = _db.CreateContext();
        Assert.Equal(0, await db.IndicatorValues.CountAsync(v => v.Year == 2024 && v.IsDraft));
        // Every approval, the first one's included (the services' factory is the app's, audited), is one audit line of the
        // field, old → new.
        Assert.Equal(drafts, await db.AuditEntries.CountAsync(a => a.ObjectType == "IndicatorValue" && a.Field == "IsDraft"));
    }

    [Fact]
    public async Task BadInputIsRefusedOnItsFieldInKoreanAndChangesNothing()
    {
        var before = await EntryFixtures.ChecksumAsync(_db.ConnectionString);
        var result = await Service().SaveAsync(Planner, 2024, new IndicatorSetupForm { Field = "", Name = "참여자", Unit = "", YearTarget = "많이", Q3 = "1,2", Caution = "150" });
        Assert.False(result.Saved);
        Assert.Equal("분야를 입력하세요.", result.Errors[nameof(IndicatorSetupForm.Field)]);
        Assert.StartsWith("단위를 입력하세요", result.Errors[nameof(IndicatorSetupForm.Unit)], StringComparison.Ordinal);
        Assert.StartsWith("연간 목표: 숫자가 없습니다", result.Errors[nameof(IndicatorSetupForm.YearTarget)], StringComparison.Ordinal);
        Assert.StartsWith("3분기 목표: ", result.Errors["Q3"], StringComparison.Ordinal);
        Assert.Equal("주의 기준은 1~100 사이의 백분율이어야 합니다 (입력: 150).", result.Errors[nameof(IndicatorSetupForm.Caution)]);
        var unknown = Satisfaction();
        unknown.RelatedProjects = ["J9.9.9"];
        Assert.Equal("2024년 사업에 없는 코드입니다 (J9.9.9).", (await Service().SaveAsync(Planner, 2024, unknown)).Errors[nameof(IndicatorSetupForm.RelatedProjects)]);
        Assert.Equal(before, await EntryFixtures.ChecksumAsync(_db.ConnectionString));
    }

    [Fact]
    public async Task ATargetTranscribedFromAReportIsNeverOverwritten()
    {
        var row = (await Service().GetAsync(2023)).Rows.First(r => r.YearTarget is not null);
        var form = IndicatorSetupForm.From(row);
        form.YearTarget = "999";
        var result = await Service().SaveAsync(Planner, 2023, form);
        Assert.StartsWith("보고서에서 옮긴 목표", result.Errors[nameof(IndicatorSetupForm.YearTarget)], StringComparison.Ordinal);
        Assert.Equal(row.YearTarget!.Raw, (await Service().GetAsync(2023)).Rows.Single(r => r.Id == row.Id).YearTarget!.Raw);
    }

    [Fact]
    public async Task TheIndicatorPagesCompareACumulativeActualWithTheQuartersTargetAndAPointInTimeOneAsItStands()
    {
        var cumulative = await Service().SaveAsync(Planner, 2024, new IndicatorSetupForm
        {
            Field = "시범", Name = "시범 참여자", Unit = "명", YearTarget = "400명", Q2 = "100명", Accumulation = IndicatorAccumulation.Cumulative,
        });
        var pointInTime = await Service().SaveAsync(Planner, 2024, Satisfaction());
        Assert.True(cumulative.Saved && pointInTime.Saved);
        Assert.True((await PeriodAdmin(_db).OpenAsync(Administrator, new Features.Admin.PeriodOpenForm { Year = "2024", Quarter = "2" })).Saved);
        var entry = IndicatorEntry(_db);
        foreach (var (code, actual) in new[] { (cumulative.Token!, "95명"), (pointInTime.Token!, "88") })
        {
            var row = (await entry.GetAsync(2024, 2)).Rows.Single(r => r.Code == code);
            Assert.True((await entry.SaveAsync(Planner, 2024, 2, new Features.DataEntry.IndicatorEntryForm { IndicatorId = row.Id, Actual = actual, Token = row.Token })).Saved);
        }

        var list = await new IndicatorQueryService(_db.Factory, new PeriodService(_db.Factory)).GetListAsync(2024, 2);
        var c = list.Rows.Single(r => r.Code == cumulative.Token);
        Assert.Equal(("100명", 0.95m, AchievementStatus.Caution), (c.Target!.Raw, c.Achievement.Rate!.Value, c.Achievement.Status));
        var p = list.Rows.Single(r => r.Code == pointInTime.Token);
        // 88 against the Q2 target 85: met, though only half the year has passed (never pro-rated).
        Assert.Equal(("85", AchievementStatus.Achieved), (p.Target!.Raw, p.Achievement.Status));
    }
}
