using Fifty.Ops.Domain;
using Fifty.Ops.Features;
using Fifty.Ops.Features.DataEntry;
using Fifty.Ops.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Fifty.Ops.Tests.Infrastructure.EntryFixtures;

namespace Fifty.Ops.Tests.DataEntry;

public sealed class NarrativeEntryServiceTests : IAsyncLifetime
{
    private readonly SeededDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await OpenQ4Async(_db);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private static NarrativeEntryForm Form(string token, params (string Depth, string Text, string Schedule)[] items) => new()
    {
        ProjectCode = "J1.1.1",
        Kind = NarrativeKind.Plan,
        Token = token,
        Items = items.Select(i => new NarrativeBulletInput { Depth = i.Depth, Text = i.Text, Schedule = i.Schedule }).ToList(),
    };

    private async Task<NarrativeSet> PlanAsync() => (await NarrativeEntry(_db).GetAsync(2023, 4)).Projects.Single(p => p.Code == "J1.1.1").Plan;

    [Fact]
    public async Task AListIsSavedEditedInPlaceAndOfferedFromTheEarlierQuarter()
    {
        var set = await PlanAsync();
        Assert.Empty(set.Items);
        Assert.Equal(4, set.Previous.Count); // the Q3 report's 향후계획, to start from
        Assert.StartsWith("2023년 3분기", set.PreviousLabel, StringComparison.Ordinal);

        var first = await NarrativeEntry(_db).SaveAsync(Planner, 2023, 4, Form(set.Token, ("1", "2024년 인턴십 기관 모집", "’24. 1월"), ("2", "공고 게시", "")));
        Assert.True(first.Saved, string.Join(" / ", first.Errors.Values));

        var second = await NarrativeEntry(_db).SaveAsync(Planner, 2023, 4, Form(first.Token!, ("1", "2024년 인턴십 기관 모집", "’24. 1~2월")));
        Assert.True(second.Saved);
        await using var db = _db.CreateContext();
        var rows = await db.ProjectNarratives.Where(n => n.Source.Doc == "").OrderBy(n => n.Ordinal).ToListAsync();
        var row = Assert.Single(rows);
        Assert.Equal("’24. 1~2월", row.ScheduleRaw);
        Assert.Equal(2, row.Version); // changed in place, not deleted and re-added
    }

    [Fact]
    public async Task EveryBulletProblemIsNamedByItsNumber()
    {
        var result = await NarrativeEntry(_db).SaveAsync(Planner, 2023, 4, Form("", ("4", "내용", ""), ("1", "", "’24. 1월"), ("1", "끝", "")));
        Assert.False(result.Saved);
        Assert.Equal("1번 항목: 수준은 1(○), 2(-), 3(※) 중 하나여야 합니다.", result.Errors["Items[0].Depth"]);
        Assert.Equal("2번 항목: 내용을 입력하세요 (빈 항목은 삭제하세요).", result.Errors["Items[1].Text"]);
    }

    [Fact]
    public async Task AStaleListIsNotOverwritten()
    {
        var opened = await PlanAsync();
        Assert.True((await NarrativeEntry(_db).SaveAsync(Planner, 2023, 4, Form(opened.Token, ("1", "김기획의 계획", "")))).Saved);
        var late = await NarrativeEntry(_db).SaveAsync(OtherPlanner, 2023, 4, Form(opened.Token, ("1", "이기획의 계획", "")));
        var conflict = Assert.IsType<SaveConflict>(late.Conflict);
        Assert.Contains("김기획의 계획", conflict.Values.Single().Theirs, StringComparison.Ordinal);
        Assert.Contains("이기획의 계획", conflict.Values.Single().Mine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BulletsTranscribedFromAReportAreNotEditable()
    {
        var periods = PeriodAdmin(_db);
        var q3 = (await periods.GetAsync()).Periods.Single(p => p.Year == 2023 && p.Quarter == 3);
        Assert.True((await periods.ReopenAsync(Administrator, 2023, 3, "오탈자 확인", q3.Version)).Saved);
        var set = (await NarrativeEntry(_db).GetAsync(2023, 3)).Projects.Single(p => p.Code == "J1.1.1").Plan;
        Assert.True(set.FromReport);
        var result = await NarrativeEntry(_db).SaveAsync(Planner, 2023, 3, Form(set.Token, ("1", "바꾼 내용", "")));
        Assert.Contains("보고서에서 옮긴 내용이어서 고칠 수 없습니다", result.Errors[WriteResult.General], StringComparison.Ordinal);
    }
}
